"""Events a workflow emits by hand: its graph, streamed output, model calls and log lines."""
from __future__ import annotations

import contextlib
import time
from typing import Any, Dict, Generator, Iterable, Mapping, Optional

from . import context
from .emitter import send
from .spans import error_info


def emit_graph(nodes: Iterable[Mapping[str, Any]], edges: Iterable[Mapping[str, Any]]) -> Optional[Dict[str, Any]]:
    """graph_structure: nodes [{"id", "label"?, "kind"?: agent|tool|entry|exit}], edges [{"from", "to", "label"?}]."""
    return send("graph_structure", {"nodes": list(nodes), "edges": list(edges)})


def stream(chunk: Any, agent_name: Optional[str] = None) -> Optional[Dict[str, Any]]:
    """agent_stream: a piece of partial output from the current agent."""
    return send("agent_stream", {"chunk": chunk if isinstance(chunk, str) else str(chunk)}, agent_name=agent_name)


def log(message: Any, level: str = "info", **fields: Any) -> Optional[Dict[str, Any]]:
    """log: a message (level debug|info|warning|error) in the current span."""
    payload: Dict[str, Any] = dict(fields)
    known = level in ("debug", "info", "warning", "error")
    payload.update({"message": str(message), "level": level if known else "info"})
    return send("log", payload)


def _llm_payload(model: Any, input_tokens: Optional[int], output_tokens: Optional[int], system: Optional[str],
                 extra: Mapping[str, Any]) -> Dict[str, Any]:
    payload: Dict[str, Any] = dict(extra)
    payload["gen_ai.request.model"] = str(model)
    if system:
        payload["gen_ai.system"] = str(system)
    if input_tokens is not None:
        payload["gen_ai.usage.input_tokens"] = max(0, int(input_tokens))
    if output_tokens is not None:
        payload["gen_ai.usage.output_tokens"] = max(0, int(output_tokens))
    return payload


def llm_call(model: str, input_tokens: Optional[int] = None, output_tokens: Optional[int] = None, *,
             system: Optional[str] = None, duration_ms: Optional[float] = None,
             **extra: Any) -> Optional[Dict[str, Any]]:
    """llm_call for a model call that already happened: model id, token usage, optional input/output."""
    payload = _llm_payload(model, input_tokens, output_tokens, system, extra)
    payload.setdefault("status", "completed")
    if duration_ms is not None:
        payload["duration_ms"] = max(0.0, float(duration_ms))
    return send("llm_call", payload, context.child_span())


class LlmRecorder:
    """What trace_llm() yields: set the usage and output as they become known."""

    def __init__(self) -> None:
        self.input_tokens: Optional[int] = None
        self.output_tokens: Optional[int] = None
        self.output: Any = None
        self.extra: Dict[str, Any] = {}

    def record(self, input_tokens: Optional[int] = None, output_tokens: Optional[int] = None, output: Any = None,
               **extra: Any) -> None:
        if input_tokens is not None:
            self.input_tokens = input_tokens
        if output_tokens is not None:
            self.output_tokens = output_tokens
        if output is not None:
            self.output = output
        self.extra.update(extra)


@contextlib.contextmanager
def trace_llm(model: str, *, system: Optional[str] = None, input: Any = None) -> Generator[LlmRecorder, None, None]:
    """Time a model call and emit one llm_call when it ends (status failed with the error if it
    raises; the exception still propagates):

        with trace_llm("anthropic.claude-3-haiku", input=prompt) as call:
            reply = client.converse(...)
            call.record(input_tokens=..., output_tokens=..., output=text)
    """
    recorder = LlmRecorder()
    span = context.child_span()
    started = time.perf_counter()
    try:
        yield recorder
    except BaseException as exc:
        payload = _llm_payload(model, recorder.input_tokens, recorder.output_tokens, system, recorder.extra)
        payload.update({"status": "failed", "error": error_info(exc),
                        "duration_ms": round((time.perf_counter() - started) * 1000.0, 3)})
        if input is not None:
            payload["input"] = input
        send("llm_call", payload, span)
        raise
    payload = _llm_payload(model, recorder.input_tokens, recorder.output_tokens, system, recorder.extra)
    payload.update({"status": "completed", "duration_ms": round((time.perf_counter() - started) * 1000.0, 3)})
    if input is not None:
        payload["input"] = input
    if recorder.output is not None:
        payload["output"] = recorder.output
    send("llm_call", payload, span)
