"""Voucher codes: generating them, checking them at checkout, and retiring old ones."""

import secrets
import string
from dataclasses import dataclass
from datetime import date

ALPHABET = string.ascii_uppercase + string.digits


@dataclass
class Coupon:
    code: str
    percent_off: int
    valid_until: date
    uses_left: int = 1
    minimum_order: float = 0.0


def generate_coupon_code(length=8):
    """A random code of capital letters and digits, easy to read out over the phone."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def is_coupon_valid(coupon, order_total, today=None):
    """Whether a coupon may be used on an order of this total today."""
    today = today or date.today()
    return coupon.uses_left > 0 and today <= coupon.valid_until and order_total >= coupon.minimum_order


def redeem_coupon(coupon, order_total, today=None):
    """Uses up one redemption of a coupon and returns the reduced total."""
    if not is_coupon_valid(coupon, order_total, today):
        raise ValueError(f"coupon {coupon.code} cannot be used")
    coupon.uses_left -= 1
    return round(order_total * (100 - coupon.percent_off) / 100, 2)


def expire_old_coupons(coupons, today=None):
    """Drops coupons past their end date or with no uses left."""
    today = today or date.today()
    return [c for c in coupons if c.valid_until >= today and c.uses_left > 0]
