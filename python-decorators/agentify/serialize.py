"""Turning arbitrary Python values into data both sinks can hold, and keeping a payload under the
size limit.

to_jsonable() snapshots a value at emit time (later mutation by the workflow does not change the
event) into dict/list/str/int/float/bool/None only: sets, tuples, bytes, dataclasses, enums,
dates and arbitrary objects are converted; NaN/Infinity become strings; cycles and nesting past
MAX_DEPTH become marker strings; integers DynamoDB cannot store exactly become strings.
"""
from __future__ import annotations

import base64
import dataclasses
import datetime
import decimal
import enum
import json
import math
import uuid
from typing import Any, Callable, Dict, List, Optional, Set, Tuple, cast

MAX_DEPTH = 32
MAX_REPR = 2000
CYCLE = "<cycle>"
TOO_DEEP = "<max depth reached>"
CUT = "...[truncated]"
_MAX_DYNAMO_DIGITS = 38


def clean_str(s: str) -> str:
    if s.isascii():
        return s
    # Lone surrogates cannot be encoded as UTF-8 (json would write them, DynamoDB rejects them).
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "replace").decode("utf-8")


def _float(f: float) -> Any:
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "Infinity" if f > 0 else "-Infinity"
    return f


def _int(i: int) -> Any:
    return i if len(str(abs(i))) <= _MAX_DYNAMO_DIGITS else str(i)


def _repr(value: Any) -> str:
    try:
        text = repr(value)
    except Exception as exc:  # a broken __repr__ must not break the workflow
        text = "<%s (repr failed: %s)>" % (type(value).__name__, type(exc).__name__)
    return clean_str(text if len(text) <= MAX_REPR else text[:MAX_REPR] + CUT)


def _object_dict(value: Any) -> Optional[Dict[Any, Any]]:
    """A dataclass, pydantic model or object with to_dict(): its fields; otherwise None."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name, None) for f in dataclasses.fields(value)}
    for method in ("model_dump", "dict", "to_dict"):
        cls: Any = type(cast(object, value))
        fn: Any = getattr(cls, method, None)
        if callable(fn):
            try:
                result = fn(value)
            except Exception:
                continue
            if isinstance(result, dict):
                return cast("Dict[Any, Any]", result)
    return None


DYNAMO_INT_LIMIT = 10 ** _MAX_DYNAMO_DIGITS  # integers DynamoDB stores exactly lie strictly within ±this


def to_jsonable(value: Any, _depth: int = 0, _path: Optional[Set[int]] = None) -> Any:
    # Exact built-in types first, by identity of their type: nearly every value an event carries is
    # one of these, and this path is on the workflow's own thread.
    t: Any = type(cast(object, value))
    if t is str:
        return value if value.isascii() else clean_str(value)
    if t is int:
        return value if -DYNAMO_INT_LIMIT < value < DYNAMO_INT_LIMIT else str(value)
    if t is dict and _depth < MAX_DEPTH:
        if _path is None:
            _path = set()
        key = id(value)
        if key in _path:
            return CYCLE
        _path.add(key)
        try:
            items: List[Tuple[Any, Any]] = list(cast("Dict[Any, Any]", value).items())
            return {(k if type(k) is str and k.isascii() else key_text(k)): to_jsonable(v, _depth + 1, _path)
                    for k, v in items}
        finally:
            _path.discard(key)
    return _to_jsonable(value, _depth, _path)


def _to_jsonable(value: Any, _depth: int, _path: Optional[Set[int]]) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return clean_str(value) if type(value) is str else clean_str(str.__str__(value))
    if isinstance(value, int) and not isinstance(value, enum.Enum):
        return _int(int(value))
    if isinstance(value, float):
        return _float(float(value))
    if _depth >= MAX_DEPTH:
        return TOO_DEEP
    if _path is None:
        _path = set()
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        key = id(cast(object, value))
        if key in _path:
            return CYCLE
        _path.add(key)
        try:
            if isinstance(value, dict):
                pairs: List[Tuple[Any, Any]] = list(cast("Dict[Any, Any]", value).items())
                return {key_text(k): to_jsonable(v, _depth + 1, _path) for k, v in pairs}
            items: List[Any] = list(cast("List[Any]", value))
            if isinstance(value, (set, frozenset)):
                items.sort(key=_sort_key)
            return [to_jsonable(v, _depth + 1, _path) for v in items]
        finally:
            _path.discard(key)
    if isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(cast(bytes, value))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return "base64:" + base64.b64encode(raw).decode("ascii")
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value, _depth + 1, _path)
    if isinstance(value, decimal.Decimal):
        return _float(float(value)) if not value == value.to_integral_value() else _int(int(value))
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (uuid.UUID, datetime.timedelta, complex)):
        return str(value)
    if isinstance(value, BaseException):
        return {"type": type(value).__name__, "message": clean_str(str(value))}
    fields = _object_dict(value)
    if fields is not None:
        key = id(value)
        if key in _path:
            return CYCLE
        _path.add(key)
        try:
            return {key_text(k): to_jsonable(v, _depth + 1, _path) for k, v in fields.items()}
        finally:
            _path.discard(key)
    return _repr(value)


def key_text(k: Any) -> str:
    return clean_str(k) if isinstance(k, str) else _repr(k) if not isinstance(k, (int, float, bool)) else str(k)


def _sort_key(v: Any) -> Tuple[str, str]:
    return (type(v).__name__, _repr(v))


def _not_jsonable(value: Any) -> Any:
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def _encoder(ascii_only: bool) -> Callable[[Any], str]:
    """Compact JSON, allow_nan off (to_jsonable already replaced NaN). Built once: json.dumps() with
    options builds a new encoder on every call, and events are encoded on the workflow's thread. The
    C encoder is called directly, without the cycle check: its input is a snapshot, which is acyclic
    and at most MAX_DEPTH deep."""
    c_make: Any = getattr(json.encoder, "c_make_encoder", None)
    if c_make is None:  # an interpreter without the C accelerator
        return json.JSONEncoder(separators=(",", ":"), ensure_ascii=ascii_only, allow_nan=False).encode
    strings = json.encoder.encode_basestring_ascii if ascii_only else json.encoder.encode_basestring
    encode: Any = c_make(None, _not_jsonable, strings, None, ":", ",", False, False, False)
    return lambda value: "".join(encode(value, 0))


_ENCODERS = {flag: _encoder(flag) for flag in (False, True)}


def dumps(value: Any, ascii_only: bool = False) -> str:
    """Compact JSON of a jsonable value."""
    return _ENCODERS[ascii_only](value)


def json_size(value: Any) -> int:
    return len(dumps(value).encode("utf-8"))


def to_dynamodb(value: Any) -> Any:
    """Floats become Decimal (boto3 refuses float); floats outside DynamoDB's number range become
    strings rather than failing the write."""
    if isinstance(value, float):
        if value != 0.0 and not (1e-129 < abs(value) < 9.9e125):
            return repr(value)
        return decimal.Decimal(repr(value))
    if isinstance(value, dict):
        return {k: to_dynamodb(v) for k, v in cast("Dict[Any, Any]", value).items()}
    if isinstance(value, list):
        return [to_dynamodb(v) for v in cast("List[Any]", value)]
    return value
