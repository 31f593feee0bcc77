"""Building events and handing them to the sinks. Everything here is guarded: a telemetry failure
is logged once and never reaches the workflow.

On the caller's thread an event is snapshotted (to_jsonable); masking and truncation happen there
too when the stdout sink needs the line now, otherwise on the writer thread.
"""
import os
import threading
import time

from . import config, context, ids
from ._log import logger, warn_once
from .masking import Masker
from .serialize import to_jsonable
from .sinks.stdout import StdoutSink
from .truncate import fit_payload_text

EVENT_TYPES = frozenset({
    "workflow_start", "workflow_complete", "workflow_error", "graph_structure", "agent_start", "agent_end",
    "agent_stream", "tool_call", "llm_call", "log",
})


class _Sinks:
    def __init__(self, settings):
        self.settings = settings
        self.masker = Masker(settings.mask_patterns)
        self.stdout = StdoutSink(settings.stream) if settings.stdout and not settings.disabled else None
        self.table = None
        if settings.table_name and not settings.disabled:
            from .sinks.dynamodb import DynamoDbSink

            self.table = DynamoDbSink(settings, self.finalize)

    def finalize(self, event):
        return self.finalize_text(event)[0]

    def finalize_text(self, event):
        """Mask, run the user's mask hook, then cut to the size limit (masking first, so a cut never
        leaves half a secret behind). Returns the event and its payload's ASCII JSON when known."""
        payload = self.masker.payload(event["payload"])
        hook = self.settings.mask
        if hook is not None:
            try:
                result = hook(payload)
                if isinstance(result, dict):
                    payload = to_jsonable(result)
            except Exception as exc:
                warn_once("mask_hook", "agentify: the configure(mask=...) hook raised %s: %s; events keep the "
                          "built-in masking only." % (type(exc).__name__, exc))
        out = dict(event)
        out["payload"], text = fit_payload_text(payload, self.settings.max_payload_bytes)
        return out, text


_lock = threading.Lock()
_sinks = None


def _get_sinks():
    global _sinks
    sinks = _sinks
    if sinks is None:
        with _lock:
            if _sinks is None:
                _sinks = _Sinks(config.get())
            sinks = _sinks
    return sinks


def _replace_sinks(settings):
    global _sinks
    with _lock:
        old, _sinks = _sinks, None
    if old is not None and old.table is not None:
        old.table.close(min(old.settings.flush_timeout, 5.0))


config.on_change(_replace_sinks)


def _after_fork():
    # Writer threads do not survive fork; the child starts its own sinks on first use.
    global _sinks, _lock
    _lock = threading.Lock()
    _sinks = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def send(event_type, payload, span=None, agent_name=None):
    """Emit one event in `span` (default: the current span). Never raises."""
    try:
        settings = config.get()
        if settings.disabled:
            return None
        sinks = _get_sinks()
        if sinks.stdout is None and sinks.table is None:
            return None
        if span is None:
            span = context.current_span() or context.default_root()
        body = to_jsonable(payload) if payload is not None else {}
        if not isinstance(body, dict):
            body = {"value": body}
        body.setdefault("trace_id", span.trace_id)
        body.setdefault("span_id", span.span_id)
        body.setdefault("parent_span_id", span.parent_span_id)
        event = {
            "workflow_id": span.workflow_id,
            "timestamp": ids.allocator.next(span.workflow_id),
            "event_type": event_type,
            "payload": body,
            "ttl": int(time.time()) + settings.ttl_seconds,
        }
        name = agent_name if agent_name is not None else span.agent_name
        if name is not None:
            event["agent_name"] = str(name)
        if sinks.stdout is not None:
            event, payload_text = sinks.finalize_text(event)
            sinks.stdout.write(event, payload_text)
            if sinks.table is not None:
                sinks.table.submit(event, True)
        else:
            sinks.table.submit(event, False)
        return event
    except Exception as exc:
        warn_once("emit:%s" % type(exc).__name__,
                  "agentify: an event could not be emitted (%s: %s); the workflow carries on." % (type(exc).__name__, exc))
        return None


def emit(event_type, payload=None, agent_name=None):
    """Emit a custom event of one of the schema's types in the current span; returns the event as
    written (None when off). An unknown type is refused with a warning, never an exception."""
    if event_type not in EVENT_TYPES:
        warn_once("event_type:%s" % event_type, "agentify: emit() got unknown event type %r; use one of %s."
                  % (event_type, ", ".join(sorted(EVENT_TYPES))))
        return None
    return send(event_type, payload, agent_name=agent_name)


def flush(timeout=5.0):
    """Wait up to `timeout` seconds for queued events to reach the table; True when all did."""
    try:
        sinks = _sinks
        if sinks is None or sinks.table is None:
            return True
        return sinks.table.flush(timeout)
    except Exception as exc:
        logger.warning("agentify: flush failed (%s: %s)", type(exc).__name__, exc)
        return False


def table_sink():
    """The active DynamoDB sink, for its counters (written, dropped, failed); None without a table."""
    sinks = _sinks
    return sinks.table if sinks is not None else None
