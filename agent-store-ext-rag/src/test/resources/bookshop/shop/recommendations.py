"""Book recommendations from what customers bought together."""

from collections import Counter
from datetime import datetime, timedelta, timezone


def jaccard(a, b):
    """Overlap of two sets divided by their union."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def also_bought(orders, isbn, limit=5):
    """Titles most often in the same order as a given title."""
    counts = Counter()
    for order in orders:
        isbns = {line[0] for line in order["lines"]}
        if isbn in isbns:
            counts.update(isbns - {isbn})
    return [i for i, _ in counts.most_common(limit)]


def recommend_for_customer(orders, customer_id, limit=5):
    """Titles bought by customers whose purchases look like this customer's, not yet owned by them."""
    baskets = {}
    for order in orders:
        baskets.setdefault(order["customer"], set()).update(line[0] for line in order["lines"])
    mine = baskets.get(customer_id, set())
    scores = Counter()
    for other, basket in baskets.items():
        if other == customer_id:
            continue
        weight = jaccard(mine, basket)
        for isbn in basket - mine:
            scores[isbn] += weight
    return [i for i, _ in scores.most_common(limit)]


def trending_this_week(orders, now=None, limit=10):
    """Titles sold most in the last seven days."""
    now = now or datetime.now(timezone.utc)
    since = now - timedelta(days=7)
    counts = Counter()
    for order in orders:
        if order["placed_at"] >= since:
            for isbn, quantity in order["lines"]:
                counts[isbn] += quantity
    return [i for i, _ in counts.most_common(limit)]
