"""Wish lists: books a customer wants later, shared with friends and watched for price drops."""

import hashlib


class Wishlist:
    """One customer's wished-for books with the price they had when added."""

    def __init__(self, customer_id):
        self.customer_id = customer_id
        self.items = {}

    def wish(self, isbn, price):
        """Remembers a book and its current price."""
        self.items[isbn] = price

    def unwish(self, isbn):
        """Forgets a book."""
        self.items.pop(isbn, None)

    def price_drops(self, current_prices):
        """Books now cheaper than when they were wished for, with the old and new price."""
        return [
            (isbn, old, current_prices[isbn])
            for isbn, old in self.items.items()
            if isbn in current_prices and current_prices[isbn] < old
        ]

    def share_link(self, base_url="https://bookshop.example"):
        """A link friends can open to see the list without signing in."""
        digest = hashlib.sha256(f"wishlist:{self.customer_id}".encode()).hexdigest()[:16]
        return f"{base_url}/wishlist/{digest}"
