"""The loyalty programme: points earned per purchase, tiers, and spending points."""

from datetime import date

TIERS = [(0, "bronze"), (500, "silver"), (2000, "gold")]
POINTS_PER_EURO = 1
EURO_PER_POINT = 0.01


def points_for_purchase(amount, tier="bronze"):
    """Points earned for spending an amount; silver and gold members earn more."""
    multiplier = {"bronze": 1.0, "silver": 1.25, "gold": 1.5}[tier]
    return int(amount * POINTS_PER_EURO * multiplier)


def tier_for_points(points):
    """The membership level a points balance reaches."""
    reached = "bronze"
    for threshold, name in TIERS:
        if points >= threshold:
            reached = name
    return reached


def redeem_points(balance, points):
    """Turns points into money off; returns the new balance and the euro value."""
    if points > balance:
        raise ValueError(f"only {balance} points available, {points} requested")
    return balance - points, round(points * EURO_PER_POINT, 2)


def birthday_bonus(member_birthday, today=None):
    """Extra points on the member's birthday."""
    today = today or date.today()
    same_day = (member_birthday.month, member_birthday.day) == (today.month, today.day)
    return 100 if same_day else 0
