"""Identifiers (W3C trace-context sized) and the per-workflow timestamp allocator.

An event's identity is workflow_id + timestamp, so two events of one workflow must never share a
millisecond: a second write to the same key would replace the first.
"""
import random
import threading
import time

_rng = random.SystemRandom()


def new_trace_id():
    return "%032x" % (_rng.getrandbits(128) or 1)


def new_span_id():
    return "%016x" % (_rng.getrandbits(64) or 1)


def new_workflow_id():
    return "wf-%08x" % _rng.getrandbits(32)


class TimestampAllocator:
    """Hands out epoch-ms timestamps that strictly increase per workflow, even for bursts from many
    threads within one millisecond: max(now, last + 1) under a lock."""

    def __init__(self, clock=time.time):
        self._clock = clock
        self._last = {}
        self._lock = threading.Lock()

    def next(self, workflow_id, skip=0):
        now = int(self._clock() * 1000)
        with self._lock:
            ts = max(now, self._last.get(workflow_id, -1) + 1 + skip)
            self._last[workflow_id] = ts
            return ts


allocator = TimestampAllocator()
