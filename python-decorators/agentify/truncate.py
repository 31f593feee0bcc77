"""Keeping a payload under the size limit (350 KB of compact UTF-8 JSON by default), which leaves
room under DynamoDB's 400 KB item limit for the other attributes.

Large values are cut, never replaced by a different type: strings are shortened with a marker,
lists lose trailing items, dicts keep their smallest entries whole and shrink the rest. So a
truncated payload keeps its shape (error stays {type, message}, nodes stay a list of nodes) and
stays valid against the event schema. The payload then says truncated: true and its original size.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple, cast

from .serialize import CUT, dumps, json_size

# Small identifying fields are never cut, so a truncated event still says what it is.
PROTECTED = frozenset({
    "trace_id", "span_id", "parent_span_id", "status", "duration_ms", "level",
    "gen_ai.agent.name", "gen_ai.tool.name", "gen_ai.request.model", "gen_ai.system",
    "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
})
_MARKER_ROOM = 64  # "truncated":true,"original_size_bytes":NNNNNNNNN


def _cut_str(s: str, budget: int) -> str:
    if budget <= len(CUT):
        return ""
    # Cut by characters, then trim until the UTF-8 form fits (non-ASCII takes up to 4 bytes).
    keep = budget - len(CUT) - 2
    out = s[:keep]
    while out and json_size(out) + len(CUT) > budget:
        over = json_size(out) + len(CUT) - budget
        out = out[: max(0, len(out) - max(1, over // 2))]
    return out + CUT


def shrink(value: Any, budget: int) -> Any:
    """A value of the same type whose JSON takes about `budget` bytes or fewer."""
    if budget < 0:
        budget = 0
    size = json_size(value)
    if size <= budget:
        return value
    if isinstance(value, str):
        return _cut_str(value, budget)
    if isinstance(value, list):
        out: List[Any] = []
        used = 2
        for item in cast("List[Any]", value):
            item_size = json_size(item) + 1
            if used + item_size <= budget:
                out.append(item)
                used += item_size
            else:
                if not out and budget - used > 32:
                    out.append(shrink(item, budget - used - 1))
                break
        return out
    if isinstance(value, dict):
        mapping = cast("Dict[str, Any]", value)
        entries: List[Tuple[str, Any]] = sorted(mapping.items(), key=lambda kv: json_size(kv[1]))
        kept: Dict[str, Any] = {}
        used = 2
        for k, v in entries:
            key_size = json_size(k) + 2
            v_size = json_size(v)
            if used + key_size + v_size <= budget:
                kept[k] = v
                used += key_size + v_size
            elif budget - used - key_size > 8:
                kept[k] = shrink(v, budget - used - key_size)
                used += key_size + json_size(kept[k])
            elif isinstance(v, str):
                kept[k] = ""  # keep required keys such as error.message present
                used += key_size + 2
        return {k: kept[k] for k in mapping if k in kept}  # original key order
    return value


def fit_payload(payload: Dict[str, Any], limit: int) -> Dict[str, Any]:
    """Return `payload` unchanged when it fits, else a cut copy marked as truncated."""
    return fit_payload_text(payload, limit)[0]


def fit_payload_text(payload: Dict[str, Any], limit: int) -> Tuple[Dict[str, Any], Optional[str]]:
    """(payload, its ASCII JSON text or None). The ASCII form is never shorter than the UTF-8 form,
    so when it fits the payload fits, and the stdout line can reuse the text."""
    text = dumps(payload, ascii_only=True)
    if len(text) <= limit:
        return payload, text
    original = json_size(payload)
    if original <= limit:
        return payload, text
    out: Dict[str, Any] = dict(payload)
    target = limit - _MARKER_ROOM
    for attempt in range(6):
        over = json_size(out) - target
        if over <= 0:
            break
        for key in sorted((k for k in out if k not in PROTECTED), key=lambda k: -json_size(out[k])):
            if over <= 0:
                break
            size = json_size(out[key])
            out[key] = shrink(out[key], max(0, size - over - 16 * attempt))
            over = json_size(out) - target
    if json_size(out) > target:
        # Only pathological payloads (huge protected fields) get here: keep the identifiers.
        kept: Dict[str, Any] = {k: v for k, v in out.items() if k in PROTECTED and json_size(v) < 1024}
        error: Any = out.get("error")
        if isinstance(error, dict):
            kept["error"] = {"type": str(cast("Dict[str, Any]", error).get("type", ""))[:200], "message": ""}
        for key in ("nodes", "edges"):
            if isinstance(out.get(key), list):
                kept[key] = []
        out = kept
    out["truncated"] = True
    out["original_size_bytes"] = original
    return out, None
