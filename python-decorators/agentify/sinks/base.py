"""The sink contract, shaped like OpenTelemetry's SpanExporter: export() takes finished events
and says whether it accepted them, force_flush() waits (bounded) for what it holds, shutdown()
releases it. A sink never raises into the workflow."""
from __future__ import annotations

import enum
from typing import Any, Dict, Optional, Sequence

from typing import Protocol

Event = Dict[str, Any]


class ExportResult(enum.Enum):
    SUCCESS = 0
    FAILURE = 1


class EventRecord:
    """One emitted event on its way to the sinks. `finalized` says masking and truncation already
    ran (on the caller's thread, because stdout needed the line); `payload_text` is the payload's
    ASCII JSON when it was made then, so stdout need not encode it twice."""

    __slots__ = ("event", "finalized", "payload_text")

    def __init__(self, event: Event, finalized: bool, payload_text: Optional[str] = None) -> None:
        self.event = event
        self.finalized = finalized
        self.payload_text = payload_text


class Sink(Protocol):
    def export(self, records: Sequence[EventRecord]) -> ExportResult:
        """Accept events; a queueing sink returns once they are queued."""
        ...

    def force_flush(self, timeout: Optional[float] = None) -> bool:
        """Wait until what was exported is delivered or given up; True when nothing is left."""
        ...

    def shutdown(self, timeout: Optional[float] = None) -> None:
        """Flush (bounded) and stop; later exports fail."""
        ...
