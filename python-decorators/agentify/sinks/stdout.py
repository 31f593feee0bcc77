"""The stdout sink: one line per event, written and flushed at emit time so the extension sees it
live. The line is a compact JSON envelope, {"agentify":1,"event":{...}}, which is how the
extension tells events apart from the workflow's own prints. ASCII-only escapes keep the line
intact whatever the console encoding."""
from __future__ import annotations

import functools
import math
import sys
import threading
from json.encoder import encode_basestring_ascii as _esc  # the C encoder json.dumps(ensure_ascii) uses
from typing import Any, List, Optional, Sequence, cast

from .._log import warn_once
from ..serialize import dumps
from .base import Event, EventRecord, ExportResult

ENVELOPE_VERSION = 1


_PREFIX = '{"agentify":%d,"event":' % ENVELOPE_VERSION


def _head(event: Event) -> str:
    """The event's fields other than payload as JSON members. They are strings and finite numbers
    (the producer's identity and names), so they are written directly; anything else is encoded."""
    parts: List[str] = []
    for k, v in event.items():
        if k == "payload":
            continue
        t: Any = type(cast(object, v))
        if t is str:
            parts.append(_esc(k) + ":" + _esc(v))
        elif t is int or (t is float and math.isfinite(v)):
            parts.append(_esc(k) + ":" + repr(v))
        else:
            parts.append(_esc(k) + ":" + dumps(v, ascii_only=True))
    return ",".join(parts)


def format_line(event: Event, payload_text: Optional[str] = None) -> str:
    """The envelope line; `payload_text` (the payload's ASCII JSON, when already made) is spliced in
    rather than encoded a second time."""
    if payload_text is None:
        return dumps({"agentify": ENVELOPE_VERSION, "event": event}, ascii_only=True) + "\n"
    head = _head(event)
    return _PREFIX + "{" + head + ("," if head else "") + '"payload":' + payload_text + "}}\n"


@functools.lru_cache(maxsize=1024)
def _names(workflow_id: str, event_type: str, agent_name: Optional[str], producer_id: str) -> str:
    """The string members of an event, escaped once per combination (a run has few)."""
    names = '"workflow_id":%s,"event_type":%s,"producer_id":%s' % (
        _esc(workflow_id), _esc(event_type), _esc(producer_id))
    return names if agent_name is None else names + ',"agent_name":' + _esc(agent_name)


def event_line(workflow_id: str, timestamp: float, event_type: str, ttl: int, agent_name: Optional[str],
               producer_id: str, seq: int, payload_text: str) -> str:
    """The envelope line of an event from its fields: the same JSON as format_line() of that event,
    built without walking it (this runs on the workflow's thread for every event)."""
    return '%s{%s,"timestamp":%r,"ttl":%d,"seq":%d,"payload":%s}}\n' % (
        _PREFIX, _names(workflow_id, event_type, agent_name, producer_id), timestamp, ttl, seq, payload_text)


class StdoutSink:
    """Records given to export() must be finalized (masked and cut): stdout shows what the table stores."""

    def __init__(self, stream: Any = None) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self._broken = False

    def export(self, records: Sequence[EventRecord]) -> ExportResult:
        if self._broken:
            return ExportResult.FAILURE
        return self.write_text("".join(format_line(r.event, r.payload_text) for r in records))

    def write_text(self, text: str) -> ExportResult:
        """Write envelope lines as they are, flushed at once."""
        if self._broken:
            return ExportResult.FAILURE
        stream: Any = self._stream if self._stream is not None else sys.__stdout__
        try:
            with self._lock:
                stream.write(text)
                stream.flush()
        except (OSError, ValueError, AttributeError) as exc:
            self._broken = True
            warn_once("stdout", "agentify: cannot write events to stdout (%s: %s); stdout events are off for "
                      "this process. Events still go to the table when one is configured." % (type(exc).__name__, exc))
            return ExportResult.FAILURE
        return ExportResult.SUCCESS

    def force_flush(self, timeout: Optional[float] = None) -> bool:
        return True

    def shutdown(self, timeout: Optional[float] = None) -> None:
        return None
