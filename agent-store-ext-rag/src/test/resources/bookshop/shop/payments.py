"""Card payments through the payment provider's HTTP API."""

import json
import urllib.request
from datetime import date

PROVIDER_URL = "https://payments.example/v1"


def luhn_valid(card_number):
    """Whether a card number passes the Luhn checksum."""
    digits = [int(d) for d in card_number if d.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return len(digits) >= 12 and total % 10 == 0


def mask_card_number(card_number):
    """Hides all but the last four digits of a card for receipts and logs."""
    digits = card_number.replace(" ", "")
    return "*" * (len(digits) - 4) + digits[-4:]


def is_card_expired(month, year, today=None):
    """Whether a card's expiry month has passed."""
    today = today or date.today()
    return (year, month) < (today.year, today.month)


def _post(path, body):
    request = urllib.request.Request(
        PROVIDER_URL + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def authorize_payment(card_number, amount_cents, currency="EUR"):
    """Asks the provider to hold an amount on a card; returns the payment id."""
    if not luhn_valid(card_number):
        raise ValueError("invalid card number")
    return _post("/authorizations", {"card": card_number, "amount": amount_cents, "currency": currency})["id"]


def capture_payment(payment_id):
    """Takes the held amount when the order ships."""
    return _post(f"/payments/{payment_id}/capture", {})


def refund_payment(payment_id, amount_cents):
    """Sends money back to the card a payment came from."""
    return _post(f"/payments/{payment_id}/refunds", {"amount": amount_cents})
