"""Sales figures for the shop owner."""

import csv
from collections import Counter


def monthly_sales(orders, year, month):
    """Revenue of the orders placed in one calendar month."""
    return sum(o["amount"] for o in orders if o["date"].year == year and o["date"].month == month)


def best_sellers(orders, n=5):
    """The n ISBNs sold most often."""
    counts = Counter(o["isbn"] for o in orders)
    return [isbn for isbn, _ in counts.most_common(n)]


def export_csv(rows, path):
    """Writes report rows to a spreadsheet-friendly CSV file."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        for row in rows:
            writer.writerow(row)
