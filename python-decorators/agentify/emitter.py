"""Building events and handing them to the runtime's sinks. Everything here is guarded: a
telemetry failure is logged once and never reaches the workflow.

On the caller's thread an event is snapshotted (to_jsonable) and given its identity (timestamp,
producer_id, seq) once. When the stdout sink needs the line now, the snapshot is masked in the same
walk and cut to the size limit there too, and the line is built from the fields without walking
the event again; otherwise masking and truncation happen on the table writer's thread.
"""
from __future__ import annotations

import time
from typing import Any, Dict, Optional, cast

from . import context, runtime
from ._log import logger, warn_once
from .serialize import to_jsonable
from .sinks.base import Event, EventRecord
from .sinks.stdout import event_line, format_line

EVENT_TYPES = frozenset({
    "workflow_start", "workflow_complete", "workflow_error", "graph_structure", "agent_start", "agent_end",
    "agent_stream", "tool_call", "llm_call", "log",
})


def send(event_type: str, payload: Any, span: Optional[context.Span] = None,
         agent_name: Optional[str] = None) -> Optional[Event]:
    """Emit one event in `span` (default: the current span). Never raises."""
    try:
        rt = runtime.current()
        settings = rt.settings
        if settings.disabled:
            return None
        pipeline = rt.pipeline()
        stdout, table = pipeline.stdout, pipeline.table
        if stdout is None and table is None:
            return None
        if span is None:
            span = context.current_span() or context.default_root()
        workflow_id = span.workflow_id
        identity = pipeline.identity
        timestamp, seq = identity.next(workflow_id)
        if stdout is not None:
            body = pipeline.finalizer.snapshot(payload)  # masked now: the line is written now
        else:
            snapshot: Any = to_jsonable(payload) if payload is not None else {}
            body = cast("Dict[str, Any]", snapshot) if type(snapshot) is dict else {"value": snapshot}
        if "trace_id" not in body:
            body["trace_id"] = span.trace_id
        if "span_id" not in body:
            body["span_id"] = span.span_id
        if "parent_span_id" not in body:
            body["parent_span_id"] = span.parent_span_id
        ttl = int(time.time()) + pipeline.lifetime_seconds
        name = agent_name if agent_name is not None else span.agent_name
        if name is not None and type(name) is not str:
            name = str(name)
        event: Event = {"workflow_id": workflow_id, "timestamp": timestamp, "event_type": event_type,
                        "payload": body, "ttl": ttl}
        if name is not None:
            event["agent_name"] = name
        producer_id = event["producer_id"] = identity.producer_id
        event["seq"] = seq
        if stdout is not None:
            event["payload"], text = pipeline.finalizer.finish(body)
            if text is None:  # cut to the size limit: the line is encoded from the event
                stdout.write_text(format_line(event))
            else:
                stdout.write_text(event_line(workflow_id, timestamp, event_type, ttl, name, producer_id, seq, text))
            if table is not None:
                table.put(EventRecord(event, True, text))
        elif table is not None:
            table.put(EventRecord(event, False))
        return event
    except Exception as exc:
        warn_once("emit:%s" % type(exc).__name__, "agentify: an event could not be emitted (%s: %s); the workflow "
                  "carries on." % (type(exc).__name__, exc))
        return None


def emit(event_type: str, payload: Any = None, agent_name: Optional[str] = None) -> Optional[Event]:
    """Emit a custom event of one of the schema's types in the current span; returns the event as
    written (None when off). An unknown type is refused with a warning, never an exception."""
    if event_type not in EVENT_TYPES:
        warn_once("event_type:%s" % event_type, "agentify: emit() got unknown event type %r; use one of %s."
                  % (event_type, ", ".join(sorted(EVENT_TYPES))))
        return None
    return send(event_type, payload, agent_name=agent_name)


def flush(timeout: Optional[float] = 5.0) -> bool:
    """Wait up to `timeout` seconds for queued events to reach the table; True when all did."""
    try:
        return runtime.current().flush(timeout)
    except Exception as exc:
        logger.warning("agentify: flush failed (%s: %s)", type(exc).__name__, exc)
        return False


def table_sink() -> Any:
    """The active DynamoDB sink, for its counters (written, dropped, failed, clashed); None without a table."""
    return runtime.current().table_sink()
