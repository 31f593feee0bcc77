# pyright: basic
# The journal runs inside Lambda and AgentCore handlers whose event and context are untyped dicts;
# it is checked in basic mode, the decorators' modules in strict mode.
"""The Lambda invoker the state machine calls: journals AGENT_INVOCATION_STARTED, calls the agent
runtime (bedrock-agentcore InvokeAgentRuntime) with the session id as the runtime session id and in
the payload, then journals AGENT_INVOCATION_SUCCEEDED or AGENT_INVOCATION_FAILED with the error.

Handler: agentify.journal.invoker.handler. Environment: AGENTIFY_AGENT_RUNTIME_ARN (required),
AGENTIFY_AGENT_RUNTIME_QUALIFIER (optional endpoint name), AGENTIFY_AGENTCORE_ENDPOINT (an endpoint
override, e.g. the offline stand-in on 127.0.0.1), and the journal's AGENTIFY_JOURNAL_* variables.

A failed invocation is an answer, not an exception: the journal says FAILED and the result says so
(with `recorded` telling whether the entry was written), so the state machine fails the session
with the message even when the journal could not be written.
"""
import json
import os

from .. import configure
from .._log import logger
from .settings import from_env as journal_settings
from .statuses import AGENT_INVOCATION_FAILED, AGENT_INVOCATION_STARTED, AGENT_INVOCATION_SUCCEEDED, describe_error
from .store import record_event

MAX_RESPONSE_CHARS = 2000
_clients = {}


def _agentcore_client(region, endpoint):
    key = (region, endpoint)
    client = _clients.get(key)
    if client is None:
        import boto3
        from botocore.config import Config

        from ..sinks.dynamodb import LOCAL_KEY, is_loopback

        session = boto3.Session()
        kwargs = {}
        if endpoint:
            kwargs["endpoint_url"] = endpoint
            if is_loopback(endpoint) and session.get_credentials() is None:
                kwargs["aws_access_key_id"] = LOCAL_KEY
                kwargs["aws_secret_access_key"] = LOCAL_KEY
        # The entrypoint answers as soon as its background task is started; a long read means a stuck runtime.
        config = Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=60)
        client = session.client("bedrock-agentcore", region_name=region, config=config, **kwargs)
        _clients[key] = client
    return client


def _read_body(response):
    body = response.get("response")
    if body is None:
        return ""
    data = body.read() if hasattr(body, "read") else body
    if isinstance(data, (bytes, bytearray)):
        data = data.decode("utf-8", errors="replace")
    return str(data)[:MAX_RESPONSE_CHARS]


def _answer(session_id, status, recorded, error=None, response=None):
    return {"session_id": session_id, "status": status, "recorded": recorded, "error": error, "response": response}


def handler(event, context=None):
    del context  # the Lambda context carries nothing the invocation needs
    event = event if isinstance(event, dict) else {}
    session_id = event.get("session_id")
    if not isinstance(session_id, str) or not session_id:
        return _answer(None, AGENT_INVOCATION_FAILED, False,
                       "The invoker's event has no session_id: start sessions through the state machine.")
    expires_at = event.get("expires_at") if isinstance(event.get("expires_at"), (int, float)) else None
    try:
        configure(workflow_id=session_id)  # the invoker's Agentify events belong to the session's run
    except Exception as exc:
        logger.warning("agentify: could not use the session id as the workflow id (%s)", exc)
    record_event(session_id, AGENT_INVOCATION_STARTED, expires_at=expires_at)
    runtime_arn = os.environ.get("AGENTIFY_AGENT_RUNTIME_ARN", "").strip()
    try:
        if not runtime_arn:
            raise ValueError("AGENTIFY_AGENT_RUNTIME_ARN is not set: give the invoker the agent runtime's ARN "
                             "(the template's AgentRuntimeArn parameter).")
        payload = {"session_id": session_id, "prompt": event.get("prompt") or "", "expires_at": expires_at}
        kwargs = {
            "agentRuntimeArn": runtime_arn,
            "runtimeSessionId": session_id,
            "payload": json.dumps(payload).encode("utf-8"),
            "contentType": "application/json",
            "accept": "application/json",
        }
        qualifier = os.environ.get("AGENTIFY_AGENT_RUNTIME_QUALIFIER", "").strip()
        if qualifier:
            kwargs["qualifier"] = qualifier
        client = _agentcore_client(journal_settings().region, os.environ.get("AGENTIFY_AGENTCORE_ENDPOINT") or None)
        response = client.invoke_agent_runtime(**kwargs)
        status_code = int(response.get("statusCode") or 200)
        text = _read_body(response)
        if status_code >= 400:
            raise RuntimeError("the agent runtime answered HTTP %d: %s" % (status_code, text[:500]))
    except Exception as exc:
        message = describe_error(exc)
        logger.warning("agentify: the agent runtime invocation for session %s failed: %s", session_id, message)
        recorded = record_event(session_id, AGENT_INVOCATION_FAILED, message, expires_at=expires_at) is not None
        return _answer(session_id, AGENT_INVOCATION_FAILED, recorded, message)
    recorded = record_event(session_id, AGENT_INVOCATION_SUCCEEDED, expires_at=expires_at) is not None
    return _answer(session_id, AGENT_INVOCATION_SUCCEEDED, recorded, None, text)
