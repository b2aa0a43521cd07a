"""Finding titles from what a visitor typed."""

from difflib import SequenceMatcher


def similarity(a, b):
    """How alike two strings are, from 0 to 1, ignoring case."""
    return SequenceMatcher(None, a.lower(), b.lower()).ratio()


def search_titles(inventory, typed, cutoff=0.6):
    """Books whose title roughly matches the typed text, best first."""
    scored = [(similarity(b.title, typed), b) for b in inventory.books.values()]
    return [b for s, b in sorted(scored, key=lambda x: -x[0]) if s >= cutoff]
