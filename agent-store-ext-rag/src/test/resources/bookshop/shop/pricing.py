"""Prices, discounts and tax."""

TAX_RATE = 0.07


def apply_discount(price, percent):
    """Lowers a price by a percentage coupon, never below zero."""
    return max(0.0, price * (1 - percent / 100))


def compute_tax(amount):
    """Sales tax owed on an amount."""
    return round(amount * TAX_RATE, 2)


def total_price(items, coupon=0):
    """The amount to pay for (price, quantity) items after the coupon, tax included."""
    subtotal = sum(price * quantity for price, quantity in items)
    discounted = apply_discount(subtotal, coupon)
    return round(discounted + compute_tax(discounted), 2)
