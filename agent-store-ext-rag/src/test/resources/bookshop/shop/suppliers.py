"""Buying stock from publishers and wholesalers."""

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass
class Supplier:
    name: str
    lead_time_days: int
    price_factor: float
    isbns: set = field(default_factory=set)


def preferred_supplier(suppliers, isbn):
    """The cheapest supplier that carries a title, the faster one on a tie."""
    carrying = [s for s in suppliers if isbn in s.isbns]
    if not carrying:
        return None
    return min(carrying, key=lambda s: (s.price_factor, s.lead_time_days))


def purchase_order(supplier, quantities, today=None):
    """A purchase order for a supplier with its expected arrival date."""
    today = today or date.today()
    return {
        "supplier": supplier.name,
        "lines": dict(quantities),
        "expected": today + timedelta(days=supplier.lead_time_days),
    }


def receive_delivery(inventory, purchase_order):
    """Adds the delivered copies of a purchase order to the shelf."""
    for isbn, quantity in purchase_order["lines"].items():
        if isbn in inventory.books:
            inventory.books[isbn].copies += quantity
    return sum(purchase_order["lines"].values())
