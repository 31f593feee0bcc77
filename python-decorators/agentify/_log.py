"""Telemetry problems are reported through one logger, once per cause, so a broken table or a
missing credential produces one clear line instead of one per event."""
import logging
import threading

logger = logging.getLogger("agentify")

_seen = set()
_lock = threading.Lock()


def warn_once(cause, message):
    """Log `message` the first time `cause` happens in this process; returns True when logged."""
    with _lock:
        if cause in _seen:
            return False
        _seen.add(cause)
    logger.warning(message)
    return True


def reset_warnings():
    with _lock:
        _seen.clear()
