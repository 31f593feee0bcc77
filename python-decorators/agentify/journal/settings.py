# pyright: basic
# The journal runs inside Lambda and AgentCore handlers whose event and context are untyped dicts;
# it is checked in basic mode, the decorators' modules in strict mode.
"""Where the journal lives, from the environment (read on every call, so a Lambda's or runtime's
configuration applies at once): table, endpoint, region and how long entries are kept."""
import os
import time
from dataclasses import dataclass
from typing import Optional

DEFAULT_TTL_DAYS = 30


@dataclass(frozen=True)
class JournalSettings:
    table_name: Optional[str]
    endpoint: Optional[str]
    region: str
    ttl_days: float


def _first(*names):
    for name in names:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def from_env():
    try:
        ttl_days = float(os.environ.get("AGENTIFY_JOURNAL_TTL_DAYS", DEFAULT_TTL_DAYS))
    except ValueError:
        ttl_days = DEFAULT_TTL_DAYS
    return JournalSettings(
        table_name=_first("AGENTIFY_JOURNAL_TABLE", "JOURNAL_TABLE_NAME"),
        endpoint=_first("AGENTIFY_JOURNAL_ENDPOINT", "AGENTIFY_DYNAMODB_ENDPOINT"),
        region=_first("AGENTIFY_JOURNAL_REGION", "AWS_REGION", "AWS_DEFAULT_REGION") or "us-east-1",
        ttl_days=ttl_days if ttl_days > 0 else DEFAULT_TTL_DAYS,
    )


def expires_at(settings, now=None):
    return int((time.time() if now is None else now) + settings.ttl_days * 86400)
