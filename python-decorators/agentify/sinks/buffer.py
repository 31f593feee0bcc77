"""The bounded hand-over between the workflow's threads and the table writers. put() never
blocks (a full buffer refuses the newest event); take() gives a writer up to a batch; pending
counts events queued or being written, so flush() knows when everything is done."""
from __future__ import annotations

import collections
import threading
import time
from typing import Deque, List, Optional

from .base import EventRecord


class EventBuffer:
    def __init__(self, capacity: int) -> None:
        self.capacity = max(1, capacity)
        self._items: Deque[EventRecord] = collections.deque()
        self._cond = threading.Condition(threading.Lock())
        self._in_flight = 0
        self._stopped = False

    def put(self, record: EventRecord) -> bool:
        with self._cond:
            if len(self._items) >= self.capacity:
                return False
            self._items.append(record)
            if len(self._items) == 1:
                self._cond.notify()
            return True

    def take(self, limit: int) -> Optional[List[EventRecord]]:
        """Up to `limit` records (blocking until there is one); None once stopped and empty."""
        with self._cond:
            while not self._items:
                if self._stopped:
                    return None
                self._cond.wait()
            n = min(limit, len(self._items))
            batch = [self._items.popleft() for _ in range(n)]
            self._in_flight += n
            if self._items:
                self._cond.notify()  # more for another writer
            return batch

    def done(self, count: int) -> None:
        with self._cond:
            self._in_flight -= count
            if self._in_flight == 0 and not self._items:
                self._cond.notify_all()

    @property
    def pending(self) -> int:
        with self._cond:
            return len(self._items) + self._in_flight

    def wait_empty(self, timeout: Optional[float]) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._items or self._in_flight:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(0.5 if remaining is None else min(remaining, 0.5))
            return True

    def drain(self) -> List[EventRecord]:
        """Remove what is still queued (writing stopped for good); in-flight records stay counted."""
        with self._cond:
            items = list(self._items)
            self._items.clear()
            if self._in_flight == 0:
                self._cond.notify_all()
            return items

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
