"""Secrets are masked before any sink sees an event: values under secret-sounding keys, and
secret-shaped text anywhere (AWS access key ids and secret keys, bearer tokens, JWTs, private key
blocks, key=value pairs in URLs and logs). configure(mask_patterns=[...]) adds regexes and
configure(mask=fn) post-processes each payload."""
from __future__ import annotations

import functools
import re
from typing import Any, Dict, Iterable, List, Match, Pattern, Tuple, Union, cast

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
