# pyright: basic
# The journal runs inside Lambda and AgentCore handlers whose event and context are untyped dicts;
# it is checked in basic mode, the decorators' modules in strict mode.
"""The session journal: immutable entries that record each stage of a deployed agent session
(Step Functions → Lambda invoker → AgentCore entrypoint → background task) in a DynamoDB table.

    from agentify import journal

    @app.entrypoint
    @journal.entrypoint
    def invoke(payload, context):
        journal.run_in_background(do_the_work, payload["prompt"], app=app)
        return {"status": "started"}

Entries are only ever created (conditional puts); every call here is safe: a journal problem is
logged once per cause and never reaches the agent.
"""
from .agentcore import background_task, current_session_id, entrypoint, run_in_background, wait_for_background
from .statuses import (
    AGENT_BACKGROUND_TASK_COMPLETED, AGENT_BACKGROUND_TASK_FAILED, AGENT_BACKGROUND_TASK_STARTED,
    AGENT_ENTRYPOINT_FAILED, AGENT_ENTRYPOINT_STARTED, AGENT_INVOCATION_FAILED, AGENT_INVOCATION_STARTED,
    AGENT_INVOCATION_SUCCEEDED, FAILURE_STATUSES, SESSION_INITIATED, STATUSES, describe_error,
)
from .store import record_event

__all__ = [
    "record_event", "entrypoint", "background_task", "run_in_background", "wait_for_background",
    "current_session_id", "describe_error", "STATUSES", "FAILURE_STATUSES", "SESSION_INITIATED",
    "AGENT_INVOCATION_STARTED", "AGENT_INVOCATION_SUCCEEDED", "AGENT_INVOCATION_FAILED", "AGENT_ENTRYPOINT_STARTED",
    "AGENT_BACKGROUND_TASK_STARTED", "AGENT_ENTRYPOINT_FAILED", "AGENT_BACKGROUND_TASK_COMPLETED",
    "AGENT_BACKGROUND_TASK_FAILED",
]
