"""Telemetry problems are reported through one logger, once per cause, so a broken table or a
missing credential produces one clear line instead of one per event."""
from __future__ import annotations

import logging
import threading
from typing import Set

logger = logging.getLogger("agentify")

_seen: Set[str] = set()
_lock = threading.Lock()


def warn_once(cause: str, message: str) -> bool:
    """Log `message` the first time `cause` happens in this process; returns True when logged."""
    with _lock:
        if cause in _seen:
            return False
        _seen.add(cause)
    logger.warning(message)
    return True


def reset_warnings() -> None:
    with _lock:
        _seen.clear()


def reset_after_fork() -> None:
    """A forked child reports its own problems (and must not inherit a lock held mid-fork)."""
    global _lock
    _lock = threading.Lock()
    _seen.clear()
