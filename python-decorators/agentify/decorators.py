"""@workflow, @agent and @tool: usable bare or called, on functions, coroutines, generators, async
generators and methods. The wrapped function's result and exceptions pass through untouched (the
same object, the original traceback); telemetry only observes.

A generator's span lasts until it is exhausted, closed or raises. While its body runs, its span is
the current one; between items the consumer's own context is back in place.
"""
from __future__ import annotations

import functools
import inspect
import sys
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Tuple, TypeVar, cast, overload

from . import runtime
from ._log import warn_once
from .spans import SpanCall

if TYPE_CHECKING:
    from typing import Protocol

    if sys.version_info >= (3, 10):
        from typing import ParamSpec
    else:
        from typing_extensions import ParamSpec

    P = ParamSpec("P")
    T = TypeVar("T")

    class Decorator(Protocol):
        """What @agent(...) / @tool(...) / @workflow(...) return: keeps the decorated signature."""

        @overload
        def __call__(self, func: staticmethod[P, R], /) -> staticmethod[P, R]: ...

        @overload
        def __call__(self, func: classmethod[T, P, R], /) -> classmethod[T, P, R]: ...

        @overload
        def __call__(self, func: Callable[P, R], /) -> Callable[P, R]: ...

R = TypeVar("R")
Inputs = Callable[[Tuple[Any, ...], Dict[str, Any]], Any]

_SKIP_FIRST = ("self", "cls")
_MAX_ITEMS = 100


def _input_builder(func: Callable[..., Any]) -> Inputs:
    """Map call arguments to {parameter: value}, computed once per function for speed."""
    try:
        params = list(inspect.signature(func).parameters.values())
    except (TypeError, ValueError):
        return lambda args, kwargs: {"args": list(args), "kwargs": dict(kwargs)} if args or kwargs else {}  # noqa: E731
    skip = 1 if params and params[0].name in _SKIP_FIRST else 0
    positional = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    var_args = next((p.name for p in params if p.kind is p.VAR_POSITIONAL), "args")

    def build(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> Dict[str, Any]:
        out: Dict[str, Any] = {}
        for i, value in enumerate(args):
            if i < len(positional):
                if i >= skip:
                    out[positional[i]] = value
            else:
                out.setdefault(var_args, []).append(value)
        if kwargs:
            out.update(kwargs)
        return out

    return build


def _generator_output(items: List[Any], count: int) -> Any:
    if items and all(isinstance(i, str) for i in items) and count <= _MAX_ITEMS:
        return "".join(items)
    return {"items": items, "yielded": count} if count > len(items) else items


def _wrap(kind: str, func: Callable[..., Any], name: Optional[str], capture_input: bool, capture_output: bool,
          graph: Optional[Mapping[str, Any]] = None) -> Callable[..., Any]:
    label = name or getattr(func, "__name__", kind)
    build_input = _input_builder(func) if capture_input else None

    def begin(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> SpanCall:
        call = SpanCall(kind, label, graph)
        if runtime.current().settings.disabled:
            return call  # never started: every later step is a no-op
        try:
            return call.start(build_input(args, kwargs) if build_input else None)
        except Exception as exc:
            warn_once("span:%s" % type(exc).__name__, "agentify: could not trace %s %r (%s: %s); it runs untraced."
                      % (kind, label, type(exc).__name__, exc))
            return SpanCall(kind, label)

    if inspect.isasyncgenfunction(func):
        @functools.wraps(func)
        async def async_gen_wrapper(*args: Any, **kwargs: Any) -> Any:
            call = begin(args, kwargs)
            call.enter()
            try:
                agen = func(*args, **kwargs)
            finally:
                call.exit()
            items: List[Any] = []
            count = 0
            method: Any = agen.asend
            arg: Any = None
            while True:
                call.enter()
                try:
                    item = await method(arg)
                except StopAsyncIteration:
                    call.ok(_generator_output(items, count), capture_output)
                    return
                except BaseException as exc:
                    call.fail(exc)
                    raise
                finally:
                    call.exit()
                count += 1
                if capture_output and len(items) < _MAX_ITEMS:
                    items.append(item)
                try:
                    arg = cast(Any, (yield item))
                    method = agen.asend
                except GeneratorExit:
                    await _close_async(agen, call, items, count, capture_output)
                    raise
                except BaseException as exc:
                    method, arg = agen.athrow, exc

        return async_gen_wrapper

    if inspect.isgeneratorfunction(func):
        @functools.wraps(func)
        def gen_wrapper(*args: Any, **kwargs: Any) -> Any:
            call = begin(args, kwargs)
            call.enter()
            try:
                gen = func(*args, **kwargs)
            finally:
                call.exit()
            items: List[Any] = []
            count = 0
            method: Any = gen.send
            arg: Any = None
            while True:
                call.enter()
                try:
                    item = method(arg)
                except StopIteration as stop:
                    call.ok(stop.value if stop.value is not None else _generator_output(items, count), capture_output)
                    return stop.value
                except BaseException as exc:
                    call.fail(exc)
                    raise
                finally:
                    call.exit()
                count += 1
                if capture_output and len(items) < _MAX_ITEMS:
                    items.append(item)
                try:
                    arg = cast(Any, (yield item))
                    method = gen.send
                except GeneratorExit:
                    call.enter()
                    try:
                        gen.close()
                    except BaseException as exc:
                        call.fail(exc)
                        raise
                    finally:
                        call.exit()
                    call.ok(_generator_output(items, count), capture_output)
                    raise
                except BaseException as exc:
                    method, arg = gen.throw, exc

        return gen_wrapper

    if inspect.iscoroutinefunction(func):
        @functools.wraps(func)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            call = begin(args, kwargs)
            call.enter()
            try:
                result = await func(*args, **kwargs)
            except BaseException as exc:
                call.fail(exc)
                raise
            finally:
                call.exit()
            call.ok(result, capture_output)
            return result

        return async_wrapper

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        call = begin(args, kwargs)
        call.enter()
        try:
            result = func(*args, **kwargs)
        except BaseException as exc:
            call.fail(exc)
            raise
        finally:
            call.exit()
        call.ok(result, capture_output)
        return result

    return wrapper


async def _close_async(agen: Any, call: SpanCall, items: List[Any], count: int, capture_output: bool) -> None:
    call.enter()
    try:
        await agen.aclose()
    except BaseException as exc:
        call.fail(exc)
        raise
    finally:
        call.exit()
    call.ok(_generator_output(items, count), capture_output)


def _decorate(kind: str, func: Any, name: Optional[str], capture_input: bool, capture_output: bool,
              graph: Optional[Mapping[str, Any]] = None) -> Any:
    def apply(f: Any) -> Any:
        if isinstance(f, (staticmethod, classmethod)):
            inner: Callable[..., Any] = f.__func__  # type: ignore[union-attr]
            return type(f)(_wrap(kind, inner, name, capture_input, capture_output, graph))  # type: ignore[arg-type]
        return _wrap(kind, f, name, capture_input, capture_output, graph)

    if func is not None and callable(func) or isinstance(func, (staticmethod, classmethod)):
        return apply(func)
    if func is not None:
        raise TypeError("@%s takes keyword arguments only, e.g. @%s(name=\"planner\")" % (kind, kind))
    return apply


@overload
def workflow(func: staticmethod[P, R], /) -> staticmethod[P, R]: ...


@overload
def workflow(func: classmethod[T, P, R], /) -> classmethod[T, P, R]: ...


@overload
def workflow(func: Callable[P, R], /) -> Callable[P, R]: ...


@overload
def workflow(func: None = None, /, *, name: Optional[str] = None, capture_input: bool = True,
             capture_output: bool = True, graph: Optional[Mapping[str, Any]] = None) -> Decorator: ...


def workflow(func: Any = None, /, *, name: Optional[str] = None, capture_input: bool = True,
             capture_output: bool = True, graph: Optional[Mapping[str, Any]] = None) -> Any:
    """Trace a workflow run: workflow_start, then workflow_complete (payload.result) or
    workflow_error. `graph={"nodes": [...], "edges": [...]}` also emits graph_structure at the start.
    The run's ids come from configure()/parse_run_args()/AGENTIFY_WORKFLOW_ID, else are generated."""
    return _decorate("workflow", func, name, capture_input, capture_output, graph)


@overload
def agent(func: staticmethod[P, R], /) -> staticmethod[P, R]: ...


@overload
def agent(func: classmethod[T, P, R], /) -> classmethod[T, P, R]: ...


@overload
def agent(func: Callable[P, R], /) -> Callable[P, R]: ...


@overload
def agent(func: None = None, /, *, name: Optional[str] = None, capture_input: bool = True,
          capture_output: bool = True) -> Decorator: ...


def agent(func: Any = None, /, *, name: Optional[str] = None, capture_input: bool = True,
          capture_output: bool = True) -> Any:
    """Trace an agent: agent_start and agent_end (output or error), agent_name set on its events."""
    return _decorate("agent", func, name, capture_input, capture_output)


@overload
def tool(func: staticmethod[P, R], /) -> staticmethod[P, R]: ...


@overload
def tool(func: classmethod[T, P, R], /) -> classmethod[T, P, R]: ...


@overload
def tool(func: Callable[P, R], /) -> Callable[P, R]: ...


@overload
def tool(func: None = None, /, *, name: Optional[str] = None, capture_input: bool = True,
         capture_output: bool = True) -> Decorator: ...


def tool(func: Any = None, /, *, name: Optional[str] = None, capture_input: bool = True,
         capture_output: bool = True) -> Any:
    """Trace a tool call: tool_call with status started, then completed (output) or failed (error)."""
    return _decorate("tool", func, name, capture_input, capture_output)
