"""The AgentCore wrappers against DynamoDB Local: the entrypoint (sync, async, generator, async
generator) and the background task journal their stages for the session the invoker passed, each
failure class carries its message, and the agent's result and exception pass through unchanged."""
import asyncio

import pytest
from botocore.exceptions import ClientError, NoCredentialsError

from agentify import journal, tool, workflow
from agentify.journal import store
from journal_support import create_journal_table, new_session_id, session_entries


@pytest.fixture
def jt(ddb, local_env, monkeypatch):
    name = create_journal_table(ddb)
    monkeypatch.setenv("AGENTIFY_JOURNAL_TABLE", name)
    monkeypatch.setenv("AGENTIFY_JOURNAL_ENDPOINT", local_env)
    store.reset()
    yield name
    ddb.delete_table(TableName=name)


def statuses(ddb, table, session):
    return [e["Status"] for e in session_entries(ddb, table, session)]


class Context:
    def __init__(self, session_id):
        self.session_id = session_id


RESULT = {"status": "started"}


@journal.entrypoint
def sync_entry(payload, context=None):
    return RESULT


@journal.entrypoint
async def async_entry(payload, context=None):
    await asyncio.sleep(0)
    return RESULT


@journal.entrypoint
def gen_entry(payload, context=None):
    yield "a"
    yield "b"
    return "done"


@journal.entrypoint
async def agen_entry(payload, context=None):
    yield "a"
    yield "b"


def test_a_sync_entrypoint_journals_its_start_and_returns_the_same_object(jt, ddb):
    session = new_session_id()
    assert sync_entry({"session_id": session}, None) is RESULT
    assert statuses(ddb, jt, session) == ["AGENT_ENTRYPOINT_STARTED"]


def test_async_and_generator_entrypoints_journal_their_start(jt, ddb):
    s1, s2, s3 = new_session_id(), new_session_id(), new_session_id()
    assert asyncio.run(async_entry({"session_id": s1})) is RESULT
    gen = gen_entry({"session_id": s2})
    assert list(gen) == ["a", "b"]

    async def drain():
        return [x async for x in agen_entry({"session_id": s3})]

    assert asyncio.run(drain()) == ["a", "b"]
    for s in (s1, s2, s3):
        assert statuses(ddb, jt, s) == ["AGENT_ENTRYPOINT_STARTED"]


def test_the_session_id_comes_from_the_context_or_the_environment(jt, ddb, monkeypatch):
    s1, s2 = new_session_id(), new_session_id()
    sync_entry({"prompt": "hi"}, Context(s1))
    monkeypatch.setenv("AGENTIFY_SESSION_ID", s2)
    sync_entry(b'{"prompt": "hi"}')
    assert statuses(ddb, jt, s1) == ["AGENT_ENTRYPOINT_STARTED"]
    assert statuses(ddb, jt, s2) == ["AGENT_ENTRYPOINT_STARTED"]


class AgentBroke(RuntimeError):
    pass


@pytest.mark.parametrize("shape", ["sync", "async", "generator", "async generator"])
def test_a_failing_entrypoint_journals_the_error_and_raises_the_same_exception(jt, ddb, shape):
    session = new_session_id()
    error = AgentBroke("model unavailable")

    if shape == "sync":
        @journal.entrypoint
        def entry(payload, context=None):
            raise error
        call = lambda: entry({"session_id": session})  # noqa: E731
    elif shape == "async":
        @journal.entrypoint
        async def entry(payload, context=None):
            raise error
        call = lambda: asyncio.run(entry({"session_id": session}))  # noqa: E731
    elif shape == "generator":
        @journal.entrypoint
        def entry(payload, context=None):
            yield 1
            raise error
        call = lambda: list(entry({"session_id": session}))  # noqa: E731
    else:
        @journal.entrypoint
        async def entry(payload, context=None):
            yield 1
            raise error

        async def drain():
            return [x async for x in entry({"session_id": session})]
        call = lambda: asyncio.run(drain())  # noqa: E731

    with pytest.raises(AgentBroke) as raised:
        call()
    assert raised.value is error
    entries = session_entries(ddb, jt, session)
    assert [e["Status"] for e in entries] == ["AGENT_ENTRYPOINT_STARTED", "AGENT_ENTRYPOINT_FAILED"]
    assert entries[1]["ErrorMessage"] == "AgentBroke: model unavailable"


def _start(session, work):
    @journal.entrypoint
    def entry(payload, context=None):
        journal.run_in_background(work)
        return RESULT

    assert entry({"session_id": session}) is RESULT
    assert journal.wait_for_background(30)


def test_a_background_task_journals_started_then_completed(jt, ddb):
    session = new_session_id()
    seen = []
    _start(session, lambda: seen.append(journal.current_session_id()))
    assert seen == [session]
    assert statuses(ddb, jt, session) == [
        "AGENT_ENTRYPOINT_STARTED", "AGENT_BACKGROUND_TASK_STARTED", "AGENT_BACKGROUND_TASK_COMPLETED"]


@pytest.mark.parametrize("error, message", [
    (NoCredentialsError(), "NoCredentialsError: Unable to locate credentials. Give the process AWS credentials"),
    (ClientError({"Error": {"Code": "AccessDeniedException", "Message": "not allowed to s3:GetObject"}}, "GetObject"),
     "ClientError AccessDeniedException: not allowed to s3:GetObject Grant the missing permission"),
    (ValueError("the report is empty"), "ValueError: the report is empty"),
])
def test_each_background_failure_class_carries_its_message(jt, ddb, error, message):
    session = new_session_id()

    def work():
        raise error

    _start(session, work)
    entries = session_entries(ddb, jt, session)
    assert [e["Status"] for e in entries] == [
        "AGENT_ENTRYPOINT_STARTED", "AGENT_BACKGROUND_TASK_STARTED", "AGENT_BACKGROUND_TASK_FAILED"]
    assert entries[2]["ErrorMessage"].startswith(message)


def test_an_async_background_task_passes_its_result_through(jt, ddb):
    session = new_session_id()
    result = object()

    @journal.background_task
    async def work():
        await asyncio.sleep(0)
        return result

    sync_entry({"session_id": session})
    assert asyncio.run(work()) is result
    assert statuses(ddb, jt, session) == [
        "AGENT_ENTRYPOINT_STARTED", "AGENT_BACKGROUND_TASK_STARTED", "AGENT_BACKGROUND_TASK_COMPLETED"]


class FakeApp:
    """Records what an AgentCore app is told (the real bedrock_agentcore package is not installed)."""

    def __init__(self):
        self.calls = []

    def add_async_task(self, name, metadata=None):
        self.calls.append(("add", name))
        return 7

    def complete_async_task(self, task_id):
        self.calls.append(("complete", task_id))
        return True


def test_the_runtime_app_is_told_while_the_task_runs(jt, ddb):
    app, session = FakeApp(), new_session_id()

    @journal.entrypoint
    def entry(payload, context=None):
        journal.run_in_background(lambda: None, app=app, name="report")
        return RESULT

    entry({"session_id": session})
    assert journal.wait_for_background(30)
    assert app.calls == [("add", "report"), ("complete", 7)]


def test_the_session_is_the_workflow_of_the_agents_own_events(jt, ddb, captured):
    session = new_session_id()

    @tool
    def lookup(q):
        return q.upper()

    @workflow(name="team")
    def team(q):
        return lookup(q)

    _start(session, lambda: team("x"))
    events = captured.events
    assert {e["workflow_id"] for e in events} == {session}
    types = [e["event_type"] for e in events]
    assert "workflow_start" in types and "tool_call" in types and "workflow_complete" in types
    journal_logs = [e["payload"]["journal_status"] for e in events if e["event_type"] == "log"]
    assert journal_logs == ["AGENT_ENTRYPOINT_STARTED", "AGENT_BACKGROUND_TASK_STARTED",
                            "AGENT_BACKGROUND_TASK_COMPLETED"]


def test_wrappers_without_a_session_run_the_agent_untouched(monkeypatch, caplog):
    monkeypatch.delenv("AGENTIFY_SESSION_ID", raising=False)
    assert sync_entry({"prompt": "no session"}) is RESULT
