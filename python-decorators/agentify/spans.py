"""One traced call: the span it opens, the start event, and the end event with its outcome.
Shared by @workflow, @agent, @tool and trace_llm() so every kind records the same way."""
from __future__ import annotations

import contextvars
import time
import traceback
from typing import Any, Dict, Mapping, Optional

from . import context
from .emitter import send


def error_info(exc: BaseException) -> Dict[str, str]:
    try:
        message = str(exc)
    except Exception:  # a broken __str__ must not hide the real error
        message = ""
    try:
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    except Exception:
        tb = ""
    return {"type": type(exc).__name__, "message": message or type(exc).__name__, "traceback": tb}


class SpanCall:
    __slots__ = ("kind", "name", "span", "started", "token", "root", "graph", "done")

    def __init__(self, kind: str, name: str, graph: Optional[Mapping[str, Any]] = None) -> None:
        self.kind = kind
        self.name = name
        self.graph = graph
        self.span: Optional[context.Span] = None
        self.token: Optional[contextvars.Token[Optional[context.Span]]] = None
        self.root = False
        self.done = False
        self.started = 0.0

    def start(self, inputs: Any) -> SpanCall:
        kind = self.kind
        if kind == "workflow":
            if context.span_in_context() is not None:
                return self  # a nested workflow joins the outer run
            self.span = context.root_span()
            self.root = True
            context.push_root(self.span)
            payload: Dict[str, Any] = {"workflow_name": self.name, "status": "started"}
            if inputs is not None:
                payload["input"] = inputs
            send("workflow_start", payload, self.span)
            if self.graph:
                nodes, edges = self.graph.get("nodes", []), self.graph.get("edges", [])
                send("graph_structure", {"nodes": nodes, "edges": edges}, self.span)
        elif kind == "agent":
            self.span = context.child_span(agent_name=self.name)
            payload = {"gen_ai.agent.name": self.name, "status": "started"}
            if inputs is not None:
                payload["input"] = inputs
            send("agent_start", payload, self.span)
        else:
            self.span = context.child_span()
            payload = {"gen_ai.tool.name": self.name, "status": "started"}
            if inputs is not None:
                payload["input"] = inputs
            send("tool_call", payload, self.span)
        self.started = time.perf_counter()
        return self

    def enter(self) -> None:
        if self.span is not None:
            self.token = context.activate(self.span)

    def exit(self) -> None:
        if self.token is not None:
            context.deactivate(self.token)
            self.token = None

    def _duration(self) -> float:
        return round((time.perf_counter() - self.started) * 1000.0, 3)

    def ok(self, output: Any, capture: bool = True) -> None:
        if self.span is None or self.done:
            return
        self.done = True
        kind = self.kind
        payload: Dict[str, Any] = {"status": "completed", "duration_ms": self._duration()}
        if kind == "workflow":
            payload["result"] = output if capture else None
            send("workflow_complete", payload, self.span)
            context.pop_root(self.span)
            return
        if capture:
            payload["output"] = output
        if kind == "agent":
            payload["gen_ai.agent.name"] = self.name
            send("agent_end", payload, self.span)
        else:
            payload["gen_ai.tool.name"] = self.name
            send("tool_call", payload, self.span)

    def fail(self, exc: BaseException) -> None:
        if self.span is None or self.done:
            return
        self.done = True
        kind = self.kind
        payload: Dict[str, Any] = {"status": "failed", "duration_ms": self._duration(), "error": error_info(exc)}
        if kind == "workflow":
            send("workflow_error", payload, self.span)
            context.pop_root(self.span)
        elif kind == "agent":
            payload["gen_ai.agent.name"] = self.name
            send("agent_end", payload, self.span)
        else:
            payload["gen_ai.tool.name"] = self.name
            send("tool_call", payload, self.span)
