"""Runs the invoker handler the way the Lambda runtime does, for the offline pipeline:
`python -m agentify.journal.local_lambda` reads the event (JSON) on stdin and prints one line,
RESULT_MARKER + the handler's JSON result, or ERROR_MARKER + {"errorType", "errorMessage"} (exit 1)
when the handler raised, as Lambda reports a function error."""
import json
import sys

RESULT_MARKER = "AGENTIFY_LAMBDA_RESULT "
ERROR_MARKER = "AGENTIFY_LAMBDA_ERROR "


def main():
    from .. import flush
    from .invoker import handler

    try:
        event = json.loads(sys.stdin.read() or "{}")
        result = handler(event, None)
    except Exception as exc:
        print(ERROR_MARKER + json.dumps({"errorType": type(exc).__name__, "errorMessage": str(exc)}), flush=True)
        return 1
    finally:
        flush(10)
    print(RESULT_MARKER + json.dumps(result, default=str), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
