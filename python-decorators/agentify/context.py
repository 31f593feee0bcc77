"""Which run and which span the current code is in, kept in contextvars so nesting is right across
asyncio tasks (each task copies its creator's context) and threads started with bind_context().

A thread started without bind_context() has an empty context; its events still land in the
workflow that is running in the process (the most recent outermost @workflow, kept by the
runtime's roots), as children of that workflow's root span, so nothing is lost, only the exact
parent.
"""
from __future__ import annotations

import contextvars
import functools
from typing import Any, Callable, NamedTuple, Optional, TypeVar

from . import ids, runtime

R = TypeVar("R")


class Span(NamedTuple):
    """Immutable, and a tuple so that making one (a child span per traced call) is cheap."""

    workflow_id: str
    trace_id: str
    span_id: str
    parent_span_id: Optional[str]
    agent_name: Optional[str]


_current: contextvars.ContextVar[Optional[Span]] = contextvars.ContextVar("agentify_span", default=None)


def current_span() -> Optional[Span]:
    span = _current.get()
    if span is not None:
        return span
    roots = runtime.current().roots
    with roots.lock:
        if roots.active:
            return roots.active[-1]
    return None


def default_root() -> Span:
    """The run used for events outside any workflow: configured ids, or ones generated once."""
    rt = runtime.current()
    settings = rt.settings
    roots = rt.roots
    root = roots.default
    if (root is None or (settings.workflow_id and root.workflow_id != settings.workflow_id)
            or (settings.trace_id and root.trace_id != settings.trace_id)):
        root = Span(settings.workflow_id or ids.new_workflow_id(), settings.trace_id or ids.new_trace_id(),
                    ids.new_span_id(), None, None)
        roots.default = root
    return root


def child_span(agent_name: Optional[str] = None, inherit_agent: bool = True) -> Span:
    parent = current_span()
    if parent is None:
        parent = default_root()
        parent_id = None
    else:
        parent_id = parent.span_id
    name = agent_name if agent_name is not None else (parent.agent_name if inherit_agent else None)
    return Span(parent.workflow_id, parent.trace_id, ids.new_span_id(), parent_id, name)


def root_span() -> Span:
    """A new workflow run: configured ids (command line / environment) or fresh ones."""
    settings = runtime.current().settings
    return Span(settings.workflow_id or ids.new_workflow_id(), settings.trace_id or ids.new_trace_id(),
                ids.new_span_id(), None, None)


def activate(span: Span) -> contextvars.Token[Optional[Span]]:
    return _current.set(span)


def deactivate(token: contextvars.Token[Optional[Span]]) -> None:
    try:
        _current.reset(token)
    except ValueError:
        # The token belongs to another context (a generator resumed elsewhere): fall back to a set.
        old = token.old_value
        _current.set(None if old is contextvars.Token.MISSING else old)  # type: ignore[arg-type]


def push_root(span: Span) -> None:
    roots = runtime.current().roots
    with roots.lock:
        roots.active.append(span)


def pop_root(span: Span) -> None:
    roots = runtime.current().roots
    with roots.lock:
        if span in roots.active:
            roots.active.remove(span)


def bind_context(fn: Callable[..., R]) -> Callable[..., R]:
    """Return `fn` bound to a copy of the current context, for threads and executors that do not
    copy it themselves (threading.Thread, ThreadPoolExecutor.submit, loop.run_in_executor):

        threading.Thread(target=bind_context(work)).start()
    """
    ctx = contextvars.copy_context()

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> R:
        return ctx.copy().run(fn, *args, **kwargs)

    return run


def reset() -> None:
    roots = runtime.current().roots
    with roots.lock:
        roots.active.clear()
        roots.default = None


def span_in_context() -> Optional[Span]:
    """The span of this context only (no process-level fallback)."""
    return _current.get()
