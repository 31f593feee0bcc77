# pyright: basic
# The journal runs inside Lambda and AgentCore handlers whose event and context are untyped dicts;
# it is checked in basic mode, the decorators' modules in strict mode.
"""Runs the invoker handler the way the Lambda runtime does, for the offline pipeline:
`python -m agentify.journal.local_lambda` reads the event (JSON) on stdin and prints one line,
RESULT_MARKER + the handler's JSON result, or ERROR_MARKER + {"errorType", "errorMessage"} (exit 1)
when the handler raised, as Lambda reports a function error."""
import json
import sys

RESULT_MARKER = "AGENTIFY_LAMBDA_RESULT "
ERROR_MARKER = "AGENTIFY_LAMBDA_ERROR "



def _line(text):
    # One write per line: the decorators' stdout sink writes from other threads, and print() would
    # write the text and its newline separately, letting an event line land in between.
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main():
    from .. import flush
    from .invoker import handler

    try:
        event = json.loads(sys.stdin.read() or "{}")
        result = handler(event, None)
    except Exception as exc:
        _line(ERROR_MARKER + json.dumps({"errorType": type(exc).__name__, "errorMessage": str(exc)}))
        return 1
    finally:
        flush(10)
    _line(RESULT_MARKER + json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
