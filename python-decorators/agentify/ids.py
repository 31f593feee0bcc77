"""Identifiers (W3C trace-context sized), producer ids, and the per-workflow millisecond clock
under every event timestamp (agentify.identity adds the producer's slot fraction on top)."""
from __future__ import annotations

import os
import random
import threading
import time
from typing import Callable, Dict

# Ids need to be unique, not secret (as in OpenTelemetry's generator): a seeded Mersenne Twister is
# far cheaper per span than the system's random source. A forked child reseeds, or it would repeat
# its parent's ids.
_rng = random.Random(os.urandom(32))


def _reseed() -> None:
    _rng.seed(os.urandom(32))


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reseed)


def new_trace_id() -> str:
    return "%032x" % (_rng.getrandbits(128) or 1)


def new_span_id() -> str:
    return "%016x" % (_rng.getrandbits(64) or 1)


def new_workflow_id() -> str:
    return "wf-%08x" % _rng.getrandbits(32)


def new_producer_id() -> str:
    """One per producing process (and per table it writes to): 16 hex digits."""
    return "%016x" % (_rng.getrandbits(64) or 1)


class TimestampAllocator:
    """Epoch milliseconds that strictly increase per workflow, even for bursts from many threads
    within one millisecond: max(now, last + 1) under a lock. A producer emitting faster than one
    event a millisecond runs ahead of the wall clock by the excess and catches up when it slows."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._last: Dict[str, int] = {}
        self._lock = threading.Lock()

    def next(self, workflow_id: str, skip: int = 0) -> int:
        now = int(self._clock() * 1000)
        with self._lock:
            ts = max(now, self._last.get(workflow_id, -1) + 1 + skip)
            self._last[workflow_id] = ts
            return ts
