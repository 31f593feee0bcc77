"""The Lambda invoker handler with real boto3 against DynamoDB Local and a stand-in for the
AgentCore InvokeAgentRuntime API (unreachable offline): success, a runtime failure, an unknown
runtime, no credentials, and a journal that cannot be written."""
import pytest

from agentify.journal import store
from agentify.journal import invoker
from conftest import LOCAL_KEY
from journal_support import AgentRuntimeStandIn, create_journal_table, new_session_id, session_entries

RUNTIME = "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/research_team-AbCdEf1234"


@pytest.fixture
def jt(ddb, local_env, monkeypatch):
    name = create_journal_table(ddb)
    monkeypatch.setenv("AGENTIFY_JOURNAL_TABLE", name)
    monkeypatch.setenv("AGENTIFY_JOURNAL_ENDPOINT", local_env)
    store.reset()
    invoker._clients.clear()
    yield name
    ddb.delete_table(TableName=name)


@pytest.fixture
def runtime(monkeypatch):
    stand_in = AgentRuntimeStandIn({RUNTIME: lambda payload, session: {"status": "started", "echo": payload}})
    monkeypatch.setenv("AGENTIFY_AGENTCORE_ENDPOINT", stand_in.endpoint)
    monkeypatch.setenv("AGENTIFY_AGENT_RUNTIME_ARN", RUNTIME)
    yield stand_in
    stand_in.stop()


def test_success_journals_started_and_succeeded_and_passes_the_session(jt, ddb, runtime):
    session = new_session_id()
    result = invoker.handler({"session_id": session, "prompt": "Compare vector databases", "expires_at": 4102444800})
    assert result["status"] == "AGENT_INVOCATION_SUCCEEDED" and result["recorded"] is True and result["error"] is None
    (request,) = runtime.requests
    assert request["arn"] == RUNTIME
    assert request["session"] == session  # the runtime session id
    assert request["payload"] == {"session_id": session, "prompt": "Compare vector databases", "expires_at": 4102444800}
    entries = session_entries(ddb, jt, session)
    assert [e["Status"] for e in entries] == ["AGENT_INVOCATION_STARTED", "AGENT_INVOCATION_SUCCEEDED"]
    assert {e["ExpiresAt"] for e in entries} == {4102444800}
    assert {e["Component"] for e in entries} == {"invoker"}


def test_a_runtime_error_journals_failed_with_the_services_message(jt, ddb, runtime):
    runtime.fail_with = (500, "RuntimeClientError", "The agent container exited with code 1")
    session = new_session_id()
    result = invoker.handler({"session_id": session})
    assert result["status"] == "AGENT_INVOCATION_FAILED" and result["recorded"] is True
    entries = session_entries(ddb, jt, session)
    assert [e["Status"] for e in entries] == ["AGENT_INVOCATION_STARTED", "AGENT_INVOCATION_FAILED"]
    assert entries[1]["ErrorMessage"].startswith(
        "ClientError RuntimeClientError: The agent container exited with code 1")
    assert result["error"] == entries[1]["ErrorMessage"]


def test_an_unknown_runtime_says_to_check_the_arn(jt, ddb, runtime, monkeypatch):
    monkeypatch.setenv("AGENTIFY_AGENT_RUNTIME_ARN", RUNTIME.replace("AbCdEf1234", "Missing0000"))
    session = new_session_id()
    result = invoker.handler({"session_id": session})
    assert result["status"] == "AGENT_INVOCATION_FAILED"
    assert "ResourceNotFoundException" in result["error"] and "Check the ARN" in result["error"]


def test_no_credentials_journals_failed_with_what_to_do(jt, ddb, monkeypatch, tmp_path):
    # No endpoint override (the real service) and nothing in the credential chain: botocore refuses
    # before any network call. The journal itself is on loopback and keeps its local key.
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                 "AGENTIFY_AGENTCORE_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AGENTIFY_AGENT_RUNTIME_ARN", RUNTIME)
    session = new_session_id()
    result = invoker.handler({"session_id": session})
    assert result["status"] == "AGENT_INVOCATION_FAILED" and result["recorded"] is True
    entries = session_entries(ddb, jt, session)
    assert [e["Status"] for e in entries] == ["AGENT_INVOCATION_STARTED", "AGENT_INVOCATION_FAILED"]
    assert entries[1]["ErrorMessage"].startswith("NoCredentialsError: Unable to locate credentials")
    assert "execution role" in entries[1]["ErrorMessage"]


def test_a_missing_runtime_arn_is_a_failure_that_names_the_setting(jt, ddb, monkeypatch):
    monkeypatch.delenv("AGENTIFY_AGENT_RUNTIME_ARN", raising=False)
    result = invoker.handler({"session_id": new_session_id()})
    assert result["status"] == "AGENT_INVOCATION_FAILED" and "AGENTIFY_AGENT_RUNTIME_ARN" in result["error"]


def test_an_unwritable_journal_is_reported_in_the_result(runtime, local_env, monkeypatch):
    monkeypatch.setenv("AGENTIFY_JOURNAL_TABLE", "agentify-journal-missing")
    monkeypatch.setenv("AGENTIFY_JOURNAL_ENDPOINT", local_env)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", LOCAL_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", LOCAL_KEY)
    store.reset()
    runtime.fail_with = (500, "RuntimeClientError", "down")
    result = invoker.handler({"session_id": new_session_id()})
    assert result["status"] == "AGENT_INVOCATION_FAILED" and result["recorded"] is False


def test_an_event_without_a_session_is_refused():
    result = invoker.handler({"prompt": "x"})
    assert result["status"] == "AGENT_INVOCATION_FAILED" and "session_id" in result["error"]
