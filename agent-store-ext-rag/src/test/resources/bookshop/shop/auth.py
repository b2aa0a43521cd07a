"""Customer accounts: password hashing and session tokens."""

import hashlib
import hmac
import os
import secrets


def hash_password(password, salt=None):
    """Derives a salted PBKDF2 hash of a password."""
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 100_000)
    return salt, digest


def verify_password(password, salt, expected):
    """Checks a login attempt against the stored hash in constant time."""
    _, digest = hash_password(password, salt)
    return hmac.compare_digest(digest, expected)


def create_token():
    """A random session token for a signed-in customer."""
    return secrets.token_urlsafe(32)
