"""The stdout sink: one line per event, written and flushed at emit time so the extension sees it
live. The line is a compact JSON envelope, {"agentify":1,"event":{...}}, which is how the
extension tells events apart from the workflow's own prints. ASCII-only escapes keep the line
intact whatever the console encoding."""
from __future__ import annotations

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


class StdoutSink:
    """Records given to export() must be finalized (masked and cut): stdout shows what the table stores."""

    def __init__(self, stream: Any = None) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self._broken = False

    def export(self, records: Sequence[EventRecord]) -> ExportResult:
        if self._broken:
            return ExportResult.FAILURE
        text = "".join(format_line(r.event, r.payload_text) for r in records)
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

    def write(self, event: Event, payload_text: Optional[str] = None) -> None:
        self.export((EventRecord(event, True, payload_text),))

    def force_flush(self, timeout: Optional[float] = None) -> bool:
        return True

    def shutdown(self, timeout: Optional[float] = None) -> None:
        return None
