# pyright: basic
# The journal runs inside Lambda and AgentCore handlers whose event and context are untyped dicts;
# it is checked in basic mode, the decorators' modules in strict mode.
"""The journal's statuses (schema/journal.schema.json lists the same) and how an exception becomes
an entry's ErrorMessage: each failure class says what happened and what to do next."""
SESSION_INITIATED = "SESSION_INITIATED"
AGENT_INVOCATION_STARTED = "AGENT_INVOCATION_STARTED"
AGENT_INVOCATION_SUCCEEDED = "AGENT_INVOCATION_SUCCEEDED"
AGENT_INVOCATION_FAILED = "AGENT_INVOCATION_FAILED"
AGENT_ENTRYPOINT_STARTED = "AGENT_ENTRYPOINT_STARTED"
AGENT_BACKGROUND_TASK_STARTED = "AGENT_BACKGROUND_TASK_STARTED"
AGENT_ENTRYPOINT_FAILED = "AGENT_ENTRYPOINT_FAILED"
AGENT_BACKGROUND_TASK_COMPLETED = "AGENT_BACKGROUND_TASK_COMPLETED"
AGENT_BACKGROUND_TASK_FAILED = "AGENT_BACKGROUND_TASK_FAILED"

STATUSES = (
    SESSION_INITIATED, AGENT_INVOCATION_STARTED, AGENT_INVOCATION_SUCCEEDED, AGENT_INVOCATION_FAILED,
    AGENT_ENTRYPOINT_STARTED, AGENT_BACKGROUND_TASK_STARTED, AGENT_ENTRYPOINT_FAILED,
    AGENT_BACKGROUND_TASK_COMPLETED, AGENT_BACKGROUND_TASK_FAILED,
)
FAILURE_STATUSES = frozenset({AGENT_INVOCATION_FAILED, AGENT_ENTRYPOINT_FAILED, AGENT_BACKGROUND_TASK_FAILED})

# Which component writes each status (the entry's Component attribute).
COMPONENTS = {
    SESSION_INITIATED: "state-machine",
    AGENT_INVOCATION_STARTED: "invoker", AGENT_INVOCATION_SUCCEEDED: "invoker", AGENT_INVOCATION_FAILED: "invoker",
    AGENT_ENTRYPOINT_STARTED: "entrypoint", AGENT_ENTRYPOINT_FAILED: "entrypoint",
    AGENT_BACKGROUND_TASK_STARTED: "background-task", AGENT_BACKGROUND_TASK_COMPLETED: "background-task",
    AGENT_BACKGROUND_TASK_FAILED: "background-task",
}

MAX_ERROR_MESSAGE = 4000


def _text(value):
    try:
        return str(value)
    except Exception:  # a broken __str__ must not hide the failure itself
        return ""


def describe_error(exc):
    """ErrorMessage for an exception: botocore's NoCredentialsError and ClientError get their own
    wording (the next step differs); anything else is 'Type: message'."""
    name = type(exc).__name__
    if name in ("NoCredentialsError", "PartialCredentialsError"):
        message = ("%s: %s. Give the process AWS credentials: on AWS, the function's or runtime's execution role; "
                   "locally, a profile (aws configure, or aws sso login and AWS_PROFILE)." % (name, _text(exc)))
    else:
        response = getattr(exc, "response", None)
        error = response.get("Error", {}) if isinstance(response, dict) else {}
        if error:
            code = error.get("Code", name)
            message = "ClientError %s: %s" % (code, error.get("Message") or _text(exc))
            if code in ("AccessDeniedException", "AccessDenied", "UnauthorizedOperation"):
                message += " Grant the missing permission to the role named in the message."
            elif code == "ResourceNotFoundException":
                message += " Check the ARN or name in the configuration (and the region)."
        else:
            text = _text(exc)
            message = "%s: %s" % (name, text) if text else name
    return message[:MAX_ERROR_MESSAGE]
