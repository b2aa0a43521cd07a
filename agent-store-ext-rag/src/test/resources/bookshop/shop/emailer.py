"""Outgoing mail: templates, sending through SMTP, newsletters and unsubscribing."""

import smtplib
from email.message import EmailMessage
from string import Template

SENDER = "shop@bookshop.example"
SMTP_HOST = "localhost"

_unsubscribed = set()


def render_template(text, **values):
    """Fills $placeholders in a mail template."""
    return Template(text).safe_substitute(values)


def send_email(to, subject, body):
    """Delivers one message through the SMTP server unless the recipient opted out."""
    if to in _unsubscribed:
        return False
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(SMTP_HOST) as smtp:
        smtp.send_message(message)
    return True


def unsubscribe(address):
    """Stops all marketing mail to an address."""
    _unsubscribed.add(address.lower())


def queue_newsletter(subscribers, subject, body):
    """Sends the monthly newsletter to everyone still subscribed; returns how many went out."""
    return sum(1 for s in subscribers if send_email(s, subject, body))
