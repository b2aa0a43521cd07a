"""Reading and writing the catalogue as JSON on disk."""

import json

from shop.inventory import Book, Inventory


def load_catalog(path):
    """Reads the catalogue file into an inventory."""
    inventory = Inventory()
    with open(path, encoding="utf-8") as f:
        for row in json.load(f):
            inventory.add_book(Book(**row))
    return inventory


def save_catalog(inventory, path):
    """Writes every book of the inventory to the catalogue file."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump([vars(b) for b in inventory.books.values()], f, indent=2)
