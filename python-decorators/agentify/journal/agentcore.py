# pyright: basic
# The journal runs inside Lambda and AgentCore handlers whose event and context are untyped dicts;
# it is checked in basic mode, the decorators' modules in strict mode.
"""Wrappers for an Amazon Bedrock AgentCore agent: around the entrypoint (@app.entrypoint: sync,
async, generator or async generator) and around the background task it starts. They journal
AGENT_ENTRYPOINT_STARTED / _FAILED and AGENT_BACKGROUND_TASK_STARTED / _COMPLETED / _FAILED for the
session the Lambda invoker passed, and never change the agent's result or exception.

The session id is read from the payload ("session_id", as the invoker sends it), else from the
runtime's context (context.session_id, the runtimeSessionId), else AGENTIFY_SESSION_ID. The
entrypoint also makes it the Agentify workflow id, so the events the agent's own @workflow/@agent/
@tool decorators emit belong to the session and the IDE shows them beside the journal.
"""
import contextvars
import functools
import inspect
import json
import os
import threading

from .. import config
from .._log import logger, warn_once
from .statuses import (
    AGENT_BACKGROUND_TASK_COMPLETED, AGENT_BACKGROUND_TASK_FAILED, AGENT_BACKGROUND_TASK_STARTED,
    AGENT_ENTRYPOINT_FAILED, AGENT_ENTRYPOINT_STARTED, describe_error,
)
from .store import record_event

_session = contextvars.ContextVar("agentify_journal_session", default=None)
_process_session = None  # the latest entrypoint's session, for threads started without its context
_threads_lock = threading.Lock()
_threads = []


class _Session:
    __slots__ = ("session_id", "expires_at")

    def __init__(self, session_id, expires_at=None):
        self.session_id = session_id
        self.expires_at = expires_at


def _payload_dict(payload):
    if isinstance(payload, dict):
        return payload
    if isinstance(payload, (bytes, bytearray, str)):
        try:
            value = json.loads(payload)
            return value if isinstance(value, dict) else {}
        except (ValueError, UnicodeDecodeError):
            return {}
    return {}


def _session_from_call(args, kwargs):
    payload = _payload_dict(kwargs.get("payload", args[0] if args else None))
    context = kwargs.get("context", args[1] if len(args) > 1 else None)
    session_id = payload.get("session_id")
    if not isinstance(session_id, str) or not session_id:
        session_id = getattr(context, "session_id", None) or os.environ.get("AGENTIFY_SESSION_ID") or None
    expires_at = payload.get("expires_at")
    return _Session(session_id, expires_at if isinstance(expires_at, (int, float)) else None) if session_id else None


def _active():
    return _session.get() or _process_session


def current_session_id():
    """The session the current entrypoint (or the background task it started) serves, or None."""
    session = _active()
    return session.session_id if session else os.environ.get("AGENTIFY_SESSION_ID") or None


def _record(session, status, exc=None):
    if session is None:
        warn_once("journal:no_session", "agentify: a journal wrapper ran without a session id (no session_id in "
                  "the payload, no context.session_id, no AGENTIFY_SESSION_ID); %s is not recorded." % status)
        return None
    return record_event(session.session_id, status, describe_error(exc) if exc is not None else None,
                        expires_at=session.expires_at)


def _adopt(session):
    """Make the session current for this call and the Agentify workflow id for the agent's events."""
    global _process_session
    _process_session = session
    try:
        if session is not None and config.get().workflow_id != session.session_id:
            from .. import configure

            configure(workflow_id=session.session_id)
    except Exception as exc:
        warn_once("journal:configure", "agentify: could not use the session id as the workflow id (%s: %s)."
                  % (type(exc).__name__, exc))
    return _session.set(session)


def _traced(func, on_start, on_ok, on_fail, session_of):
    """The four function shapes, each journaling start, success and failure without touching the
    result or the exception (the same object, the original traceback)."""
    if inspect.isasyncgenfunction(func):
        @functools.wraps(func)
        async def async_gen_wrapper(*args, **kwargs):
            session = session_of(args, kwargs)
            token = on_start(session)
            try:
                async for item in func(*args, **kwargs):
                    yield item
            except BaseException as exc:
                on_fail(session, exc)
                raise
            else:
                on_ok(session)
            finally:
                _reset(token)
        return async_gen_wrapper
    if inspect.iscoroutinefunction(func):
        @functools.wraps(func)
        async def async_wrapper(*args, **kwargs):
            session = session_of(args, kwargs)
            token = on_start(session)
            try:
                result = await func(*args, **kwargs)
            except BaseException as exc:
                on_fail(session, exc)
                raise
            finally:
                _reset(token)
            on_ok(session)
            return result
        return async_wrapper
    if inspect.isgeneratorfunction(func):
        @functools.wraps(func)
        def gen_wrapper(*args, **kwargs):
            session = session_of(args, kwargs)
            token = on_start(session)
            try:
                result = yield from func(*args, **kwargs)
            except BaseException as exc:
                on_fail(session, exc)
                raise
            else:
                on_ok(session)
            finally:
                _reset(token)
            return result
        return gen_wrapper

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        session = session_of(args, kwargs)
        token = on_start(session)
        try:
            result = func(*args, **kwargs)
        except BaseException as exc:
            on_fail(session, exc)
            raise
        finally:
            _reset(token)
        on_ok(session)
        return result
    return wrapper


def _reset(token):
    if token is None:
        return
    try:
        _session.reset(token)
    except ValueError:  # resumed in another context (a generator moved between tasks)
        pass


def _is_failure(exc):
    # A generator closed early (GeneratorExit) or a task cancelled is not the agent failing.
    if isinstance(exc, (GeneratorExit, KeyboardInterrupt, SystemExit)):
        return False
    return type(exc).__name__ != "CancelledError"


def entrypoint(func=None, *, name=None):
    """Wrap an AgentCore entrypoint (put it under @app.entrypoint): AGENT_ENTRYPOINT_STARTED when it
    is called, AGENT_ENTRYPOINT_FAILED with the error when it raises."""
    del name  # accepted for symmetry with the decorators; the journal needs no label

    def decorate(fn):
        def start(session):
            token = _adopt(session)
            _record(session, AGENT_ENTRYPOINT_STARTED)
            return token

        def fail(session, exc):
            if _is_failure(exc):
                _record(session, AGENT_ENTRYPOINT_FAILED, exc)

        return _traced(fn, start, lambda session: None, fail, _session_from_call)

    return decorate(func) if func is not None else decorate


def background_task(func=None, *, name=None):
    """Wrap the work an entrypoint starts in the background: AGENT_BACKGROUND_TASK_STARTED when it
    begins, _COMPLETED when it returns, _FAILED with the error when it raises. The session is the one
    the entrypoint served (run_in_background carries it into the thread)."""
    del name

    def decorate(fn):
        def start(session):
            _record(session, AGENT_BACKGROUND_TASK_STARTED)
            return None

        def fail(session, exc):
            if _is_failure(exc):
                _record(session, AGENT_BACKGROUND_TASK_FAILED, exc)

        return _traced(fn, start, lambda session: _record(session, AGENT_BACKGROUND_TASK_COMPLETED), fail,
                       lambda args, kwargs: _active())

    return decorate(func) if func is not None else decorate


def run_in_background(func, *args, app=None, name=None, **kwargs):
    """Start `func(*args, **kwargs)` on a thread as the session's journaled background task, in a copy
    of the caller's context (session, Agentify span). With an AgentCore `app`, the task is also
    registered with app.add_async_task / complete_async_task so the runtime reports HealthyBusy
    until it ends. Returns the started thread."""
    task = background_task(func)
    label = name or getattr(func, "__name__", "background-task")
    task_id = None
    if app is not None and hasattr(app, "add_async_task"):
        try:
            task_id = app.add_async_task(label)
        except Exception as exc:
            warn_once("journal:add_async_task", "agentify: app.add_async_task failed (%s: %s); the task runs "
                      "without the runtime knowing." % (type(exc).__name__, exc))
    ctx = contextvars.copy_context()

    def run():
        try:
            ctx.run(task, *args, **kwargs)
        except Exception:
            # Journaled as AGENT_BACKGROUND_TASK_FAILED; a thread has no caller, so the traceback goes to the log.
            logger.error("agentify: background task %s failed (journaled as AGENT_BACKGROUND_TASK_FAILED)", label,
                         exc_info=True)
        finally:
            if task_id is not None and app is not None:
                try:
                    app.complete_async_task(task_id)
                except Exception as exc:
                    warn_once("journal:complete_async_task", "agentify: app.complete_async_task failed (%s: %s)."
                              % (type(exc).__name__, exc))

    thread = threading.Thread(target=run, name="agentify-journal-%s" % label)
    with _threads_lock:
        _threads[:] = [t for t in _threads if t.is_alive()]
        _threads.append(thread)
    thread.start()
    return thread


def wait_for_background(timeout=None):
    """Wait for the background tasks run_in_background started; True when all ended."""
    with _threads_lock:
        threads = list(_threads)
    for t in threads:
        t.join(timeout)
    return not any(t.is_alive() for t in threads)
