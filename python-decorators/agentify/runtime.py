"""The runtime: the one object that owns Agentify's state in a process, namely the settings, the
sinks, the producer identity (timestamp and seq allocator with its writer slots) and the running
workflow roots. Modules reach it through current(); nothing else keeps state of its own.

Fork safety: a forked child gets a new runtime with the parent's settings and roots but its own
producer id, slots and sinks: it never inherits the parent's queued events, and the exit flush
only ever flushes the runtime of the process that is exiting.
"""
from __future__ import annotations

import atexit
import os
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

from . import _log, ids
from .config import Settings, from_env
from .finalize import Finalizer
from .identity import IdentityAllocator, SlotClaim
from .slots import LocalSlots, SlotClaimer, TableClaim
from .sinks.stdout import StdoutSink

if TYPE_CHECKING:
    from .context import Span
    from .sinks.dynamodb import DynamoDbSink


class Roots:
    """Outermost workflow spans running in this process (newest last), and the run used for events
    emitted outside any workflow."""

    def __init__(self, active: Optional[List[Span]] = None, default: Optional[Span] = None) -> None:
        self.lock = threading.Lock()
        self.active: List[Span] = list(active or [])
        self.default: Optional[Span] = default

    def copy(self) -> Roots:
        return Roots(self.active, self.default)


class Pipeline:
    """The sinks and the finalizer for one set of settings."""

    def __init__(self, settings: Settings, identity: IdentityAllocator) -> None:
        self.settings = settings
        self.identity = identity
        self.finalizer = Finalizer(settings)
        self.lifetime_seconds = settings.lifetime_seconds()
        self.stdout: Optional[StdoutSink] = StdoutSink(settings.stream) if settings.stdout else None
        self.table: Optional[DynamoDbSink] = None
        if settings.table_name:
            from .sinks.dynamodb import DynamoDbSink

            self.table = DynamoDbSink(settings, self.finalizer, slots=identity.slot_of)

    def close(self, timeout: float) -> None:
        if self.table is not None:
            self.table.close(timeout)


def _table_key(settings: Settings) -> Tuple[Any, ...]:
    return (settings.table_name, settings.endpoint, settings.region)


class Runtime:
    def __init__(self, settings: Optional[Settings] = None, roots: Optional[Roots] = None) -> None:
        self.pid = os.getpid()
        self._settings = settings  # read from the environment at first use, so late changes count
        self.roots = roots or Roots()
        self._lock = threading.RLock()
        self._pipeline: Optional[Pipeline] = None
        self._identity: Optional[IdentityAllocator] = None
        self._identity_key: Tuple[Any, ...] = ()

    # ── settings ─────────────────────────────────────────────────────────────────────────────
    @property
    def settings(self) -> Settings:
        settings = self._settings
        if settings is None:
            with self._lock:
                if self._settings is None:
                    self._settings = from_env()
                settings = self._settings
        return settings

    def update(self, **changes: Any) -> Settings:
        with self._lock:
            return self.replace_settings(replace(self.settings, **changes))

    def replace_settings(self, settings: Settings) -> Settings:
        with self._lock:
            old, self._pipeline = self._pipeline, None
            self._settings = settings
        if old is not None:
            old.close(min(old.settings.flush_timeout, 5.0))
        return settings

    # ── sinks and identity ───────────────────────────────────────────────────────────────────
    def pipeline(self) -> Pipeline:
        pipeline = self._pipeline
        if pipeline is not None:
            return pipeline
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self.settings, self._identity_for(self.settings))
            return self._pipeline

    def _identity_for(self, settings: Settings) -> IdentityAllocator:
        """A new producer whenever the table changes: its slots were claimed in the old one."""
        key = _table_key(settings)
        if self._identity is None or key != self._identity_key:
            producer_id = ids.new_producer_id()
            local = LocalSlots(lifetime_seconds=settings.lifetime_seconds())
            table = self._table_claimer(producer_id) if settings.table_name else None
            self._identity = IdentityAllocator(producer_id, SlotClaimer(producer_id, local, table))
            self._identity_key = key
        return self._identity

    def _table_claimer(self, producer_id: str) -> Any:
        def claim(workflow_id: str, slot: int) -> TableClaim:
            sink = self.pipeline().table
            if sink is None:
                return TableClaim.UNAVAILABLE
            return sink.claim_slot(workflow_id, slot, producer_id)

        return claim

    def table_sink(self) -> Optional[DynamoDbSink]:
        pipeline = self._pipeline
        return pipeline.table if pipeline is not None else None

    def flush(self, timeout: Optional[float]) -> bool:
        sink = self.table_sink()
        return True if sink is None else sink.force_flush(timeout)

    def exit_flush(self) -> None:
        sink = self.table_sink()
        if sink is not None:
            sink.exit_flush(self.settings.flush_timeout)

    def forked(self) -> Runtime:
        return Runtime(self._settings, self.roots.copy())


_runtime = Runtime()


def current() -> Runtime:
    return _runtime


def _after_fork_in_child() -> None:
    global _runtime
    _log.reset_after_fork()
    _runtime = _runtime.forked()


def _at_exit() -> None:
    runtime = _runtime
    if runtime.pid == os.getpid():
        runtime.exit_flush()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_at_exit)

__all__ = ["Runtime", "Roots", "Pipeline", "SlotClaim", "current"]
