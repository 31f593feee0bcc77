"""Agentify observability decorators: trace a multi-agent workflow as events on stdout (one JSON
line each, read live by the Agentify VS Code extension) and in a DynamoDB table.

    from agentify import workflow, agent, tool, emit, flush, configure
"""
from typing import Any

from . import config as _config
from .context import bind_context
from .decorators import agent, tool, workflow
from .emitter import EVENT_TYPES, emit, flush
from .helpers import emit_graph, llm_call, log, stream, trace_llm

__all__ = [
    "workflow", "agent", "tool", "emit", "flush", "configure", "emit_graph", "stream", "llm_call",
    "trace_llm", "log", "bind_context", "EVENT_TYPES",
]
__version__ = "0.1.0"


def configure(**settings: Any) -> _config.Settings:
    """Override settings from the environment. Keys: disabled, stdout, workflow_id, trace_id,
    table_name, region, endpoint, ttl_seconds, ttl_days, owner, max_payload_bytes, queue_size,
    flush_timeout, writer_threads, batch_writes, retry_timeout, mask (callable payload -> payload),
    mask_patterns (list of regexes), stream (file object for stdout events). Pending table writes of
    the previous settings are flushed."""
    return _config.update(**settings)
