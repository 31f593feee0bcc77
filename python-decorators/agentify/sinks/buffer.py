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
        # put() takes the bare lock (no Condition method calls on the workflow's thread) and wakes
        # a writer only when one is waiting.
        self._lock = threading.Lock()
        self._has_items = threading.Condition(self._lock)  # writers wait here for records
        self._empty = threading.Condition(self._lock)  # flushes wait here for nothing to be left
        self._waiting = 0
        self._in_flight = 0
        self._stopped = False

    def put(self, record: EventRecord) -> bool:
        items = self._items
        with self._lock:
            if len(items) >= self.capacity:
                return False
            items.append(record)
            if self._waiting:
                self._has_items.notify()
            return True

    def take(self, limit: int) -> Optional[List[EventRecord]]:
        """Up to `limit` records (blocking until there is one); None once stopped and empty."""
        with self._lock:
            while not self._items:
                if self._stopped:
                    return None
                self._waiting += 1
                try:
                    self._has_items.wait()
                finally:
                    self._waiting -= 1
            n = min(limit, len(self._items))
            batch = [self._items.popleft() for _ in range(n)]
            self._in_flight += n
            if self._items:
                self._has_items.notify()  # more for another writer
            return batch

    def done(self, count: int) -> None:
        with self._lock:
            self._in_flight -= count
            if self._in_flight == 0 and not self._items:
                self._empty.notify_all()

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._items) + self._in_flight

    def wait_empty(self, timeout: Optional[float]) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            while self._items or self._in_flight:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._empty.wait(0.5 if remaining is None else min(remaining, 0.5))
            return True

    def drain(self) -> List[EventRecord]:
        """Remove what is still queued (writing stopped for good); in-flight records stay counted."""
        with self._lock:
            items = list(self._items)
            self._items.clear()
            if self._in_flight == 0:
                self._empty.notify_all()
            return items

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._has_items.notify_all()
            self._empty.notify_all()
