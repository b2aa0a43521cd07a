"""The shop's HTTP API (Flask)."""

from flask import Flask, jsonify, request

from .inventory import Inventory
from .ratelimit import check_rate_limit
from .search import search_titles

app = Flask(__name__)
inventory = Inventory()


@app.before_request
def throttle():
    """Answers 429 to clients over their quota."""
    if not check_rate_limit(request.remote_addr):
        return jsonify(error="too many requests"), 429
    return None


@app.route("/health")
def health():
    """Liveness probe for the load balancer."""
    return jsonify(status="ok")


@app.get("/books/<isbn>")
def get_book(isbn):
    """One book as JSON, or 404."""
    book = inventory.books.get(isbn)
    if book is None:
        return jsonify(error=f"no book {isbn}"), 404
    return jsonify(isbn=book.isbn, title=book.title, author=book.author, copies=book.copies)


@app.get("/search")
def search():
    """Titles matching the q parameter."""
    titles = [b.title for b in inventory.books.values()]
    return jsonify(results=search_titles(titles, request.args.get("q", "")))
