"""Orders: placing them, cancelling them, giving the money back, and the customer's order history."""

from datetime import datetime, timedelta, timezone

from .inventory import Inventory
from .payments import refund_payment

CANCEL_WINDOW = timedelta(hours=24)
STATUSES = ("placed", "paid", "shipped", "delivered", "cancelled", "refunded")


class OrderError(Exception):
    """An order cannot change to the requested state."""


class OrderService:
    """Keeps orders by id and moves them through their states."""

    def __init__(self, inventory: Inventory):
        self.inventory = inventory
        self.orders = {}
        self.next_id = 1

    def place_order(self, customer_id, lines):
        """Creates an order for a customer from (isbn, quantity) lines and reserves the copies."""
        for isbn, quantity in lines:
            book = self.inventory.books.get(isbn)
            if book is None or book.copies < quantity:
                raise OrderError(f"not enough copies of {isbn}")
        for isbn, quantity in lines:
            self.inventory.books[isbn].copies -= quantity
        order = {
            "id": self.next_id,
            "customer": customer_id,
            "lines": list(lines),
            "status": "placed",
            "placed_at": datetime.now(timezone.utc),
        }
        self.orders[self.next_id] = order
        self.next_id += 1
        return order

    def cancel_order(self, order_id):
        """Cancels an order within a day of placing it and puts the copies back on the shelf."""
        order = self.orders[order_id]
        if order["status"] not in ("placed", "paid"):
            raise OrderError(f"order {order_id} is already {order['status']}")
        if datetime.now(timezone.utc) - order["placed_at"] > CANCEL_WINDOW:
            raise OrderError(f"order {order_id} is older than {CANCEL_WINDOW}")
        for isbn, quantity in order["lines"]:
            self.inventory.books[isbn].copies += quantity
        order["status"] = "cancelled"
        return order

    def refund_order(self, order_id, payment_id, amount):
        """Gives a delivered order's money back through the payment provider."""
        order = self.orders[order_id]
        if order["status"] != "delivered":
            raise OrderError(f"only delivered orders are refunded, not {order['status']}")
        refund_payment(payment_id, amount)
        order["status"] = "refunded"
        return order

    def mark_shipped(self, order_id, tracking_number):
        """Records that the parcel left the warehouse, with its tracking number."""
        order = self.orders[order_id]
        order["status"] = "shipped"
        order["tracking"] = tracking_number
        return order

    def order_history(self, customer_id):
        """A customer's orders, newest first."""
        mine = [o for o in self.orders.values() if o["customer"] == customer_id]
        return sorted(mine, key=lambda o: o["placed_at"], reverse=True)
