"""Which run and which span the current code is in, kept in contextvars so nesting is right across
asyncio tasks (each task copies its creator's context) and threads started with bind_context().

A thread started without bind_context() has an empty context; its events still land in the
workflow that is running in the process (the most recent outermost @workflow), as children of that
workflow's root span, so nothing is lost, only the exact parent.
"""
import contextvars
import functools
import threading
from dataclasses import dataclass
from typing import Optional

from . import config, ids


@dataclass(frozen=True)
class Span:
    workflow_id: str
    trace_id: str
    span_id: str
    parent_span_id: Optional[str]
    agent_name: Optional[str]


_current = contextvars.ContextVar("agentify_span", default=None)

_process_lock = threading.Lock()
_active_roots = []  # outermost workflow spans running in this process, newest last
_default_root = None  # for events emitted outside any workflow


def current_span():
    span = _current.get()
    if span is not None:
        return span
    with _process_lock:
        if _active_roots:
            return _active_roots[-1]
    return None


def default_root():
    """The run used for events outside any workflow: configured ids, or ones generated once."""
    global _default_root
    settings = config.get()
    root = _default_root
    if (root is None or (settings.workflow_id and root.workflow_id != settings.workflow_id)
            or (settings.trace_id and root.trace_id != settings.trace_id)):
        root = Span(settings.workflow_id or ids.new_workflow_id(), settings.trace_id or ids.new_trace_id(),
                    ids.new_span_id(), None, None)
        _default_root = root
    return root


def child_span(agent_name=None, inherit_agent=True):
    parent = current_span()
    if parent is None:
        parent = default_root()
        parent_id = None
    else:
        parent_id = parent.span_id
    name = agent_name if agent_name is not None else (parent.agent_name if inherit_agent else None)
    return Span(parent.workflow_id, parent.trace_id, ids.new_span_id(), parent_id, name)


def root_span():
    """A new workflow run: configured ids (command line / environment) or fresh ones."""
    settings = config.get()
    return Span(settings.workflow_id or ids.new_workflow_id(), settings.trace_id or ids.new_trace_id(),
                ids.new_span_id(), None, None)


def activate(span):
    return _current.set(span)


def deactivate(token):
    try:
        _current.reset(token)
    except ValueError:
        # The token belongs to another context (a generator resumed elsewhere): fall back to a set.
        _current.set(token.old_value if token.old_value is not token.MISSING else None)


def push_root(span):
    with _process_lock:
        _active_roots.append(span)


def pop_root(span):
    with _process_lock:
        if span in _active_roots:
            _active_roots.remove(span)


def bind_context(fn):
    """Return `fn` bound to a copy of the current context, for threads and executors that do not
    copy it themselves (threading.Thread, ThreadPoolExecutor.submit, loop.run_in_executor):

        threading.Thread(target=bind_context(work)).start()
    """
    ctx = contextvars.copy_context()

    @functools.wraps(fn)
    def run(*args, **kwargs):
        return ctx.copy().run(fn, *args, **kwargs)

    return run


def reset():
    global _default_root
    with _process_lock:
        _active_roots.clear()
    _default_root = None


def span_in_context():
    """The span of this context only (no process-level fallback)."""
    return _current.get()
