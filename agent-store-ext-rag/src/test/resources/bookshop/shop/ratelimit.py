"""Request throttling for the public API: a token bucket per client."""

import time


class TokenBucket:
    """Allows bursts up to capacity and refills at a steady rate per second."""

    def __init__(self, capacity, refill_per_second, clock=time.monotonic):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.clock = clock
        self.tokens = capacity
        self.updated = clock()

    def _refill(self):
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.refill_per_second)
        self.updated = now

    def allow(self, cost=1):
        """Whether a request may go through now; takes its cost from the bucket when it does."""
        self._refill()
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False


_buckets = {}


def check_rate_limit(client_ip, capacity=60, per_second=1.0):
    """Whether a client address is still under its request quota."""
    bucket = _buckets.setdefault(client_ip, TokenBucket(capacity, per_second))
    return bucket.allow()
