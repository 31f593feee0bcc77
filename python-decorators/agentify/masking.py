"""Secrets are masked before any sink sees an event: values under secret-sounding keys, and
secret-shaped text anywhere (AWS access key ids and secret keys, bearer tokens, JWTs, private key
blocks, key=value pairs in URLs and logs). configure(mask_patterns=[...]) adds regexes and
configure(mask=fn) post-processes each payload."""
from __future__ import annotations

import functools
import re
from typing import Any, Dict, Iterable, List, Match, Optional, Pattern, Set, Tuple, Union, cast

from .serialize import CYCLE, DYNAMO_INT_LIMIT, MAX_DEPTH, clean_str, key_text, to_jsonable

MASK = "***"

_SECRET_KEY = re.compile(
    r"(?i)(?:^|[_\-.\s])(?:password|passwd|pwd|passphrase|secret|token|api[_\-]?key|apikey|"
    r"authorization|auth|credentials?|private[_\-]?key|access[_\-]?key|session[_\-]?key|cookie|"
    r"client[_\-]?secret|secret[_\-]?key)$"
)
_KEY_EXACT = re.compile(r"(?i)^(password|passwd|pwd|secret|token|api[_\-]?key|apikey|authorization|"
                        r"credentials?|cookie|x-api-key|set-cookie)$")

_TEXT_SOURCES = [
    (r"(?s:-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----)", MASK),
    (r"\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA|AGPA|ANPA|ANVA|APKA|AIPA)[A-Z0-9]{16}\b", MASK),
    (r"(?i:\b(bearer|basic)\s+[A-Za-z0-9\-._~+/]+=*)", r"\1 " + MASK),
    (r"\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+", MASK),
    (r"(?i:\b((?:aws_)?secret(?:_access)?_key|password|passwd|pwd|secret|token|"
     r"access_token|refresh_token|api[_\-]?key|apikey|client_secret)(\s*[=:]\s*)"
     r"(\"[^\"]*\"|'[^']*'|[^\s,;&\"'}]+))", r"\1\2" + MASK),
]
_TEXT_PATTERNS: List[Tuple[Pattern[str], str]] = [(re.compile(src), repl) for src, repl in _TEXT_SOURCES]
# A 40-character base64 run with upper, lower and digit is the shape of an AWS secret access key;
# lowercase-only runs (git SHAs, hex digests) are left alone.
_SECRET_SHAPE_SRC = r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"
_SECRET_SHAPE = re.compile(_SECRET_SHAPE_SRC)
# One pass that finds whether a string may hold a secret at all: most strings do not, and then the
# individual substitutions are skipped (this keeps masking cheap on the caller's thread).
_ANY_SECRET = re.compile("|".join([src for src, _ in _TEXT_SOURCES] + [_SECRET_SHAPE_SRC]))


def _secret_shape(match: Match[str]) -> str:
    s = match.group(0)
    if any(c.isupper() for c in s) and any(c.islower() for c in s) and any(c.isdigit() for c in s):
        return MASK
    return s


# Values the producer itself generates (hex ids, enums): never secrets, so not scanned.
_OWN_KEYS = frozenset({"trace_id", "span_id", "parent_span_id", "status", "level"})


class Masker:
    def __init__(self, extra_patterns: Iterable[Union[str, Pattern[str]]] = ()) -> None:
        self._extra: List[Pattern[str]] = [re.compile(p) if isinstance(p, str) else p for p in extra_patterns]

    def text(self, s: str) -> str:
        if _ANY_SECRET.search(s) is not None:
            for pattern, repl in _TEXT_PATTERNS:
                s = pattern.sub(repl, s)
            s = _SECRET_SHAPE.sub(_secret_shape, s)
        for pattern in self._extra:
            s = pattern.sub(MASK, s)
        return s

    def payload(self, payload: Dict[str, Any]) -> Dict[str, Any]:
        """Mask an event payload; the producer's own top-level ids are passed over."""
        out: Dict[str, Any] = {}
        value = self.value
        for k, v in payload.items():
            if k in _OWN_KEYS and type(v) is str and len(v) <= 32:
                out[k] = v
            elif v is not None and type(v) is not bool and is_secret_key(k):
                out[k] = MASK
            else:
                out[k] = value(v)
        return out

    def snapshot(self, payload: Any) -> Dict[str, Any]:
        """to_jsonable() and payload() in one walk, for the caller's thread: the event payload of
        `payload` (a dict, or {"value": ...} for anything else), snapshotted and masked. Values of
        other than the JSON types go through to_jsonable() and are masked after. (Types are compared
        as `t: Any`, not narrowed with casts: a cast is a function call, and this runs per value.)"""
        kind: Any = type(payload)  # pyright: ignore[reportUnknownVariableType]
        if kind is not dict:
            if payload is None:
                return {}
            snap = self._snap(payload, 0, None)  # an object may snapshot to a dict (a dataclass, say)
            return cast("Dict[str, Any]", snap) if type(snap) is dict else {"value": snap}
        out: Dict[str, Any] = {}
        items: Dict[Any, Any] = payload
        path = {id(items)}
        snap = self._snap
        for k, v in items.items():
            key = k if type(k) is str and k.isascii() else key_text(k)
            if key in _OWN_KEYS and type(v) is str and len(v) <= 32 and v.isascii():
                out[key] = v
            elif v is not None and type(v) is not bool and is_secret_key(key):
                out[key] = MASK
            else:
                out[key] = snap(v, 1, path)
        return out

    def _snap(self, value: Any, depth: int, path: Optional[Set[int]]) -> Any:
        t: Any = type(value)  # pyright: ignore[reportUnknownVariableType]
        if t is str:
            if not value:
                return value
            return self.text(value if value.isascii() else clean_str(value))
        if t is int:
            return value if -DYNAMO_INT_LIMIT < value < DYNAMO_INT_LIMIT else str(value)
        if t is float:
            return value if value - value == 0.0 else to_jsonable(value)  # NaN and infinities become text
        if value is None or t is bool:
            return value
        if (t is dict or t is list) and depth < MAX_DEPTH:
            if path is None:
                path = set()
            ident = id(value)
            if ident in path:
                return CYCLE
            path.add(ident)
            try:
                if t is list:
                    elements: List[Any] = value
                    return [self._snap(v, depth + 1, path) for v in elements]
                out: Dict[str, Any] = {}
                mapping: Dict[Any, Any] = value
                for k, v in mapping.items():
                    key = k if type(k) is str and k.isascii() else key_text(k)
                    if v is not None and type(v) is not bool and is_secret_key(key):
                        out[key] = MASK
                    else:
                        out[key] = self._snap(v, depth + 1, path)
                return out
            finally:
                path.discard(ident)
        return self.value(to_jsonable(value, depth, path))

    def value(self, value: Any) -> Any:
        """Mask a jsonable value (dict/list/str/scalars); returns a new value, input untouched."""
        t: Any = type(cast(object, value))
        if t is str:
            return self.text(value) if value else value
        if t is int or t is float or t is bool or value is None:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            out: Dict[Any, Any] = {}
            for k, v in cast("Dict[Any, Any]", value).items():
                if v is not None and not isinstance(v, bool) and is_secret_key(k):
                    out[k] = MASK
                else:
                    out[k] = self.value(v)
            return out
        if isinstance(value, list):
            return [self.value(v) for v in cast("List[Any]", value)]
        return value


@functools.lru_cache(maxsize=4096)
def is_secret_key(key: str) -> bool:
    return bool(_KEY_EXACT.match(key) or _SECRET_KEY.search(key))
