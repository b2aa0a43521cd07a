"""The book inventory: titles on the shelf and how many copies are left."""

from dataclasses import dataclass


@dataclass
class Book:
    isbn: str
    title: str
    author: str
    copies: int


class Inventory:
    """Keeps books by ISBN."""

    def __init__(self):
        self.books = {}

    def add_book(self, book):
        """Adds copies of a book, or the book when it is new."""
        if book.isbn in self.books:
            self.books[book.isbn].copies += book.copies
        else:
            self.books[book.isbn] = book

    def remove_book(self, isbn):
        """Takes a book off the shelf entirely."""
        return self.books.pop(isbn, None)

    def find_by_author(self, author):
        """Every book written by an author, ignoring case."""
        wanted = author.lower()
        return [b for b in self.books.values() if b.author.lower() == wanted]

    def low_stock(self, threshold=2):
        """Books that need reordering because few copies remain."""
        return [b for b in self.books.values() if b.copies <= threshold]
