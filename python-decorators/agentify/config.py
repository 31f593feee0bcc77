"""Settings: environment variables the extension sets, overlaid by configure(). The current
settings belong to the runtime (agentify.runtime); get()/update() here are its public face, read
lazily so a script can call configure() (or agentify.cli.parse_run_args()) before the first event."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional

DEFAULT_TTL_DAYS = 1.0
DEFAULT_MAX_PAYLOAD_BYTES = 350 * 1024
DEFAULT_QUEUE_SIZE = 10000
DEFAULT_FLUSH_TIMEOUT = 5.0
DEFAULT_RETRY_TIMEOUT = 120.0


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


def _float(name: str, default: float) -> float:
    try:
        return float(os.environ[name])
    except (KeyError, ValueError):
        return default


def _optional_int(name: str) -> Optional[int]:
    try:
        return int(float(os.environ[name]))
    except (KeyError, ValueError):
        return None


def default_owner() -> str:
    """Who the hardened table's index entries belong to: AGENTIFY_OWNER (the extension passes the
    workspace folder's name), else the working directory's name."""
    owner = (os.environ.get("AGENTIFY_OWNER") or "").strip()
    if owner:
        return owner
    try:
        return os.path.basename(os.path.abspath(os.getcwd())) or "agentify"
    except OSError:
        return "agentify"


@dataclass(frozen=True)
class Settings:
    disabled: bool = False
    stdout: bool = True
    workflow_id: Optional[str] = None
    trace_id: Optional[str] = None
    table_name: Optional[str] = None
    region: Optional[str] = None
    endpoint: Optional[str] = None
    # Item lifetime: ttl_seconds when set (AGENTIFY_TTL_SECONDS), else ttl_days (AGENTIFY_TTL_DAYS).
    ttl_seconds: Optional[int] = None
    ttl_days: float = DEFAULT_TTL_DAYS
    owner: Optional[str] = None  # index_owner on the table item; None = default_owner()
    max_payload_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES
    queue_size: int = DEFAULT_QUEUE_SIZE
    flush_timeout: float = DEFAULT_FLUSH_TIMEOUT
    writer_threads: int = 4
    # True: BatchWriteItem (25 items a call); False: one conditional PutItem per event.
    batch_writes: bool = True
    # How long a write keeps being retried through throttling and outages before it is given up.
    retry_timeout: float = DEFAULT_RETRY_TIMEOUT
    mask: Optional[Callable[[Dict[str, Any]], Any]] = None
    mask_patterns: List[str] = field(default_factory=lambda: [])
    # Where stdout events go; None = the process's real stdout (sys.__stdout__) at write time.
    stream: Any = None

    def lifetime_seconds(self) -> int:
        if self.ttl_seconds is not None:
            return int(self.ttl_seconds)
        return int(self.ttl_days * 86400)

    def index_owner(self) -> str:
        return self.owner or default_owner()


def from_env() -> Settings:
    return Settings(
        disabled=_flag("AGENTIFY_DISABLED", False),
        stdout=_flag("AGENTIFY_STDOUT", True),
        workflow_id=os.environ.get("AGENTIFY_WORKFLOW_ID") or None,
        trace_id=os.environ.get("AGENTIFY_TRACE_ID") or None,
        table_name=os.environ.get("AGENTIFY_TABLE_NAME") or None,
        region=os.environ.get("AGENTIFY_TABLE_REGION") or None,
        endpoint=os.environ.get("AGENTIFY_DYNAMODB_ENDPOINT") or None,
        ttl_seconds=_optional_int("AGENTIFY_TTL_SECONDS"),
        ttl_days=_float("AGENTIFY_TTL_DAYS", DEFAULT_TTL_DAYS),
        owner=(os.environ.get("AGENTIFY_OWNER") or "").strip() or None,
        flush_timeout=_float("AGENTIFY_FLUSH_TIMEOUT", DEFAULT_FLUSH_TIMEOUT),
    )


def get() -> Settings:
    """The settings in force (environment + configure())."""
    return _runtime.current().settings


def update(**changes: Any) -> Settings:
    """Apply configure() changes on top of the current settings; pending writes of the previous
    sinks are flushed (bounded) before new ones take over."""
    unknown = set(changes) - set(Settings.__dataclass_fields__)
    if unknown:
        raise TypeError("configure() got unknown settings: %s" % ", ".join(sorted(unknown)))
    return _runtime.current().update(**changes)


def reload_from_env() -> Settings:
    """Forget configure() changes and read the environment again."""
    return _runtime.current().replace_settings(from_env())


from . import runtime as _runtime  # noqa: E402  (the runtime imports Settings from here)
