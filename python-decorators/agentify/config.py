"""Settings: environment variables the extension sets, overlaid by configure(). Read lazily so a
script can call configure() (or agentify.cli.parse_run_args()) before the first event."""
import os
import threading
from dataclasses import dataclass, field, replace
from typing import Any, Callable, List, Optional

DEFAULT_TTL_SECONDS = 24 * 3600
DEFAULT_MAX_PAYLOAD_BYTES = 350 * 1024
DEFAULT_QUEUE_SIZE = 10000
DEFAULT_FLUSH_TIMEOUT = 5.0


def _flag(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


def _float(name, default):
    try:
        return float(os.environ[name])
    except (KeyError, ValueError):
        return default


@dataclass(frozen=True)
class Settings:
    disabled: bool = False
    stdout: bool = True
    workflow_id: Optional[str] = None
    trace_id: Optional[str] = None
    table_name: Optional[str] = None
    region: Optional[str] = None
    endpoint: Optional[str] = None
    ttl_seconds: int = DEFAULT_TTL_SECONDS
    max_payload_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES
    queue_size: int = DEFAULT_QUEUE_SIZE
    flush_timeout: float = DEFAULT_FLUSH_TIMEOUT
    writer_threads: int = 4
    mask: Optional[Callable[[dict], Any]] = None
    mask_patterns: List[str] = field(default_factory=list)
    # Where stdout events go; None = the process's real stdout (sys.__stdout__) at write time.
    stream: Any = None


def from_env():
    return Settings(
        disabled=_flag("AGENTIFY_DISABLED", False),
        stdout=_flag("AGENTIFY_STDOUT", True),
        workflow_id=os.environ.get("AGENTIFY_WORKFLOW_ID") or None,
        trace_id=os.environ.get("AGENTIFY_TRACE_ID") or None,
        table_name=os.environ.get("AGENTIFY_TABLE_NAME") or None,
        region=os.environ.get("AGENTIFY_TABLE_REGION") or None,
        endpoint=os.environ.get("AGENTIFY_DYNAMODB_ENDPOINT") or None,
        ttl_seconds=int(_float("AGENTIFY_TTL_SECONDS", DEFAULT_TTL_SECONDS)),
        flush_timeout=_float("AGENTIFY_FLUSH_TIMEOUT", DEFAULT_FLUSH_TIMEOUT),
    )


_lock = threading.Lock()
_settings = None
_listeners = []


def get():
    global _settings
    current = _settings
    if current is None:
        with _lock:
            if _settings is None:
                _settings = from_env()
            current = _settings
    return current


def update(**changes):
    """Apply configure() changes on top of the current settings and tell listeners (the sinks)."""
    global _settings
    unknown = set(changes) - set(Settings.__dataclass_fields__)
    if unknown:
        raise TypeError("configure() got unknown settings: %s" % ", ".join(sorted(unknown)))
    with _lock:
        _settings = replace(_settings or from_env(), **changes)
        current = _settings
    for listener in list(_listeners):
        listener(current)
    return current


def reload_from_env():
    """Forget configure() changes and read the environment again."""
    global _settings
    with _lock:
        _settings = from_env()
        current = _settings
    for listener in list(_listeners):
        listener(current)
    return current


def on_change(listener):
    _listeners.append(listener)
