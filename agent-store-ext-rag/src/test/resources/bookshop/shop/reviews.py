"""What readers think of a title: ratings and comments."""


class ReviewBook:
    """The reviews of every title, by ISBN."""

    def __init__(self):
        self.reviews = {}

    def add_review(self, isbn, stars, comment=""):
        """Stores a reader's rating from 1 to 5 stars and an optional comment."""
        if not 1 <= stars <= 5:
            raise ValueError("stars must be between 1 and 5")
        self.reviews.setdefault(isbn, []).append((stars, comment))

    def average_rating(self, isbn):
        """The mean number of stars of a title, or None without reviews."""
        ratings = [s for s, _ in self.reviews.get(isbn, [])]
        return sum(ratings) / len(ratings) if ratings else None

    def top_rated(self, n=10):
        """The n titles with the best mean rating."""
        scored = [(self.average_rating(i), i) for i in self.reviews]
        return [i for _, i in sorted(scored, reverse=True)[:n]]
