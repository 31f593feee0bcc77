"""Events as DynamoDB items, in the low-level attribute-value form BatchWriteItem and PutItem take.

The table item is the stdout event plus the hardened table's sparse index attributes (never on
stdout): index_owner with event_type_ts on workflow_start / workflow_complete / workflow_error, and
status_ts on workflow_error and on a failed tool_call. Timestamps are written as the exact decimal
of the event's number (repr), so a reader gets back the same number stdout showed.
"""
from __future__ import annotations

import decimal
import math
from typing import Any, Dict, Optional, cast

from .base import Event

AttributeValue = Dict[str, Any]
Item = Dict[str, AttributeValue]

RUN_EVENTS = frozenset({"workflow_start", "workflow_complete", "workflow_error"})
INDEX_ATTRIBUTES = ("index_owner", "event_type_ts", "status_ts")
SLOT_KIND = "producer_slot"


def _number(value: Any) -> AttributeValue:
    if type(value) is int:
        return {"N": str(value)}
    if isinstance(value, float):
        if not math.isfinite(value) or (value != 0.0 and not (1e-129 < abs(value) < 9.9e125)):
            return {"S": repr(value)}
        return {"N": str(decimal.Decimal(repr(value)))}
    return {"N": str(value)}


def marshal(value: Any) -> AttributeValue:
    t: Any = type(cast(object, value))
    if t is str:
        return {"S": value}
    if t is dict:
        return {"M": {k: marshal(v) for k, v in value.items()}}
    if t is bool:
        return {"BOOL": value}
    if t is int or t is float:
        return _number(value)
    if value is None:
        return {"NULL": True}
    if t is list or t is tuple:
        return {"L": [marshal(v) for v in value]}
    if isinstance(value, decimal.Decimal):
        return {"N": str(value)}
    return {"S": str(value)}


def timestamp_text(timestamp: Any) -> str:
    """The sort key's text: repr of the number (the shortest exact decimal)."""
    return repr(timestamp) if isinstance(timestamp, float) else str(timestamp)


def index_attributes(event: Event, owner: str) -> Dict[str, str]:
    event_type = event.get("event_type")
    timestamp = float(event["timestamp"])
    out: Dict[str, str] = {}
    if event_type in RUN_EVENTS:
        out["event_type_ts"] = "%s#%017.3f" % (event_type, timestamp)
    payload: Any = event.get("payload")
    status: Any = cast(Any, payload).get("status") if isinstance(payload, dict) else None
    if event_type == "workflow_error" or (event_type == "tool_call" and status == "failed"):
        out["status_ts"] = "%s#%017.3f" % (status if isinstance(status, str) and status else "failed", timestamp)
    if out:
        out["index_owner"] = owner
    return out


def table_item(event: Event, owner: str) -> Item:
    item: Item = {}
    for key, value in event.items():
        if key == "timestamp":
            item[key] = {"N": timestamp_text(value)}
        else:
            item[key] = marshal(value)
    for key, value in index_attributes(event, owner).items():
        item[key] = {"S": value}
    return item


def slot_item(workflow_id: str, slot: int, producer_id: str, ttl: int) -> Item:
    """The item that holds a writer slot: sort key -slot, no event_type (not an event)."""
    return {"workflow_id": {"S": workflow_id}, "timestamp": {"N": str(-slot)}, "kind": {"S": SLOT_KIND},
            "producer_id": {"S": producer_id}, "slot": {"N": str(slot)}, "ttl": {"N": str(ttl)}}


def attribute_text(item: Optional[Item], name: str) -> Optional[str]:
    value = (item or {}).get(name)
    if not isinstance(value, dict):
        return None
    text = value.get("S", value.get("N"))
    return text if isinstance(text, str) else None
