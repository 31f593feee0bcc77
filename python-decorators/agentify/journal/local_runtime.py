# pyright: basic
# The journal runs inside Lambda and AgentCore handlers whose event and context are untyped dicts;
# it is checked in basic mode, the decorators' modules in strict mode.
"""Runs an AgentCore agent's entrypoint once, the way the runtime calls it, for the offline
pipeline's stand-in of InvokeAgentRuntime:

    python -m agentify.journal.local_runtime path/to/app.py[:function]   (payload JSON on stdin)

The session id comes from AGENTIFY_SESSION_ID (the stand-in sets it from the runtime session id
header) and the payload. The entrypoint's answer is printed as RESPONSE_MARKER + JSON as soon as it
returns, so the caller can answer the invoker while the background task keeps this process alive,
as a runtime session does; the process exits when the background tasks end."""
import importlib.util
import inspect
import json
import os
import sys

RESPONSE_MARKER = "AGENTIFY_RUNTIME_RESPONSE "
ERROR_MARKER = "AGENTIFY_RUNTIME_ERROR "


class RuntimeContext:
    """What AgentCore hands an entrypoint as `context` (the parts agents read)."""

    def __init__(self, session_id):
        self.session_id = session_id
        self.request_headers = {}


def _load(spec):
    path, _, name = spec.partition(":")
    module_spec = importlib.util.spec_from_file_location("agentify_local_app", os.path.abspath(path))
    if module_spec is None or module_spec.loader is None:
        raise ImportError("%s cannot be loaded as a Python module" % path)
    module = importlib.util.module_from_spec(module_spec)
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    # A file location's loader is a SourceFileLoader; typeshed types it as the abstract Loader.
    module_spec.loader.exec_module(module)  # pyright: ignore[reportAttributeAccessIssue]
    return getattr(module, name or "invoke")


def _call(fn, payload, context):
    params = len(inspect.signature(fn).parameters)
    result = fn(payload, context) if params >= 2 else fn(payload)
    if inspect.iscoroutine(result):
        import asyncio

        result = asyncio.run(result)
    elif inspect.isgenerator(result):
        result = list(result)
    elif inspect.isasyncgen(result):
        import asyncio

        async def drain(agen):
            return [item async for item in agen]

        result = asyncio.run(drain(result))
    return result



def _line(text):
    # One write per line: the decorators' stdout sink writes from other threads, and print() would
    # write the text and its newline separately, letting an event line land in between.
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(argv=None):
    from .. import flush
    from .agentcore import wait_for_background

    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print("usage: python -m agentify.journal.local_runtime APP.py[:function] < payload.json", file=sys.stderr)
        return 2
    try:
        payload = json.loads(sys.stdin.read() or "{}")
        fn = _load(argv[0])
        result = _call(fn, payload, RuntimeContext(os.environ.get("AGENTIFY_SESSION_ID") or payload.get("session_id")))
    except Exception as exc:
        _line(ERROR_MARKER + json.dumps({"errorType": type(exc).__name__, "errorMessage": str(exc)}))
        flush(10)
        return 1
    _line(RESPONSE_MARKER + json.dumps(result, default=str))
    wait_for_background()
    flush(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
