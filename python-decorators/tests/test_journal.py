"""record_event against DynamoDB Local: every status, error messages, entries that are only ever
created (never updated), same-millisecond writes from two processes, and failures that never reach
the caller and are reported once per cause."""
import json
import logging
import os
import subprocess
import sys

import pytest

from agentify.journal import STATUSES, record_event, store
from conftest import LOCAL_KEY, PACKAGE_ROOT, REGION, assert_valid
from journal_support import create_journal_table, new_session_id, session_entries


@pytest.fixture
def journal(ddb, local_env, monkeypatch):
    name = create_journal_table(ddb)
    monkeypatch.setenv("AGENTIFY_JOURNAL_TABLE", name)
    monkeypatch.setenv("AGENTIFY_JOURNAL_ENDPOINT", local_env)
    store.reset()
    yield name
    store.reset()
    ddb.delete_table(TableName=name)


def test_every_status_is_an_entry_in_order_with_messages_on_failures(journal, ddb):
    session = new_session_id()
    for status in STATUSES:
        message = "boom: %s" % status if status.endswith("_FAILED") else None
        assert record_event(session, status, message) is not None
    entries = session_entries(ddb, journal, session)
    assert [e["Status"] for e in entries] == list(STATUSES)
    assert [e["SK"] for e in entries] == sorted(e["SK"] for e in entries)
    for e in entries:
        assert e["PK"] == "SESSION#" + session
        assert e["SK"].startswith("EVENT#" + e["Timestamp"])
        assert e["Timestamp"].endswith("Z") and len(e["Timestamp"]) == len("2026-01-01T00:00:00.000Z")
        assert isinstance(e["ExpiresAt"], int) and e["ExpiresAt"] > 0
        if e["Status"].endswith("_FAILED"):
            assert e["ErrorMessage"] == "boom: %s" % e["Status"]
        else:
            assert "ErrorMessage" not in e
    assert {e["Component"] for e in entries} == {"state-machine", "invoker", "entrypoint", "background-task"}


def test_a_failure_without_a_message_still_carries_one(journal, ddb):
    session = new_session_id()
    record_event(session, "AGENT_BACKGROUND_TASK_FAILED")
    (entry,) = session_entries(ddb, journal, session)
    assert entry["ErrorMessage"] == "AGENT_BACKGROUND_TASK_FAILED (no message was given)"


def test_a_taken_sort_key_gets_a_later_unique_one_and_the_first_entry_is_untouched(journal, ddb, monkeypatch):
    session = new_session_id()
    monkeypatch.setattr(store, "iso_now", lambda now=None: "2026-03-04T05:06:07.008Z")
    first = record_event(session, "AGENT_INVOCATION_STARTED", extra={"Writer": "first"})
    store.reset()  # as if another process wrote it: this one's memory of the SK is gone
    second = record_event(session, "AGENT_ENTRYPOINT_STARTED", extra={"Writer": "second"})
    third = record_event(session, "AGENT_BACKGROUND_TASK_STARTED", extra={"Writer": "third"})
    assert first == "EVENT#2026-03-04T05:06:07.008Z"
    assert second == "EVENT#2026-03-04T05:06:07.008Z#0001"
    assert third == "EVENT#2026-03-04T05:06:07.008Z#0002"
    # The suffix sorts after the plain SK and before the next millisecond.
    assert first < second < third < "EVENT#2026-03-04T05:06:07.009Z"
    entries = session_entries(ddb, journal, session)
    assert [(e["SK"], e["Status"], e["Writer"]) for e in entries] == [
        (first, "AGENT_INVOCATION_STARTED", "first"),
        (second, "AGENT_ENTRYPOINT_STARTED", "second"),
        (third, "AGENT_BACKGROUND_TASK_STARTED", "third"),
    ]


WRITER = """
import sys
sys.path.insert(0, %(package)r)
from agentify.journal import record_event, store
store.iso_now = lambda now=None: "2026-03-04T05:06:07.008Z"   # every entry in the same millisecond
sys.stdin.readline()                                          # start together
for i in range(%(count)d):
    assert record_event(%(session)r, "AGENT_BACKGROUND_TASK_STARTED", extra={"Writer": "%%s-%%d" %% (sys.argv[1], i)},
                        emit_event=False) is not None
"""


def test_same_millisecond_writes_from_two_processes_are_all_kept_in_order(journal, ddb, local_env):
    session, count = new_session_id(), 15
    env = dict(os.environ, AWS_ACCESS_KEY_ID=LOCAL_KEY, AWS_SECRET_ACCESS_KEY=LOCAL_KEY, AWS_DEFAULT_REGION=REGION,
               AGENTIFY_STDOUT="0")
    code = WRITER % {"package": PACKAGE_ROOT, "count": count, "session": session}
    procs = [subprocess.Popen([sys.executable, "-c", code, name], stdin=subprocess.PIPE, env=env, text=True)
             for name in ("a", "b")]
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        p.stdin.close()
        assert p.wait(60) == 0
    entries = session_entries(ddb, journal, session)
    writers = [e["Writer"] for e in entries]
    expected = {"%s-%d" % (w, i) for w in ("a", "b") for i in range(count)}
    assert len(entries) == 2 * count, "expected %d, delivered %d, doubled %d" % (
        2 * count, len(set(writers)), len(writers) - len(set(writers)))
    assert set(writers) == expected
    # Each process's own entries stay in the order it wrote them.
    for w in ("a", "b"):
        mine = [int(x.split("-")[1]) for x in writers if x.startswith(w + "-")]
        assert mine == sorted(mine)
    assert len({e["SK"] for e in entries}) == 2 * count


def test_a_missing_table_never_raises_and_warns_once(ddb, local_env, monkeypatch, caplog):
    monkeypatch.setenv("AGENTIFY_JOURNAL_TABLE", "agentify-journal-does-not-exist")
    monkeypatch.setenv("AGENTIFY_JOURNAL_ENDPOINT", local_env)
    store.reset()
    with caplog.at_level(logging.WARNING, logger="agentify"):
        assert record_event(new_session_id(), "AGENT_INVOCATION_STARTED") is None
        assert record_event(new_session_id(), "AGENT_INVOCATION_SUCCEEDED") is None
    warnings = [r.getMessage() for r in caplog.records if "does not exist" in r.getMessage()]
    assert len(warnings) == 1
    assert "infrastructure/session-journal.yaml" in warnings[0]


def test_an_unreachable_endpoint_never_raises_and_warns_once(monkeypatch, caplog):
    monkeypatch.setenv("AGENTIFY_JOURNAL_TABLE", "agentify-journal")
    monkeypatch.setenv("AGENTIFY_JOURNAL_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", LOCAL_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", LOCAL_KEY)
    store.reset()
    with caplog.at_level(logging.WARNING, logger="agentify"):
        for _ in range(3):
            assert record_event(new_session_id(), "AGENT_ENTRYPOINT_STARTED") is None
    assert len([r for r in caplog.records if "cannot reach DynamoDB" in r.getMessage()]) == 1


def test_bad_arguments_and_no_table_are_warned_not_raised(monkeypatch, caplog):
    monkeypatch.delenv("AGENTIFY_JOURNAL_TABLE", raising=False)
    monkeypatch.delenv("JOURNAL_TABLE_NAME", raising=False)
    with caplog.at_level(logging.WARNING, logger="agentify"):
        assert record_event("", "SESSION_INITIATED") is None
        assert record_event(new_session_id(), "NOT_A_STATUS") is None
        assert record_event(new_session_id(), "AGENT_INVOCATION_STARTED") is None
        assert record_event(new_session_id(), "AGENT_INVOCATION_STARTED") is None
    messages = [r.getMessage() for r in caplog.records]
    assert sum("needs the session id" in m for m in messages) == 1
    assert sum("unknown status" in m for m in messages) == 1
    assert sum("no journal table is configured" in m for m in messages) == 1


def test_each_entry_is_also_an_agentify_workflow_event(journal, captured, schema_validator):
    session = new_session_id()
    from agentify import configure

    configure(workflow_id=session, stream=captured.stream)
    record_event(session, "AGENT_BACKGROUND_TASK_STARTED")
    record_event(session, "AGENT_BACKGROUND_TASK_FAILED", "ValueError: bad input")
    logs = captured.of_type("log")
    assert_valid(schema_validator, logs)
    assert [(e["workflow_id"], e["payload"]["journal_status"], e["payload"]["level"]) for e in logs] == [
        (session, "AGENT_BACKGROUND_TASK_STARTED", "info"), (session, "AGENT_BACKGROUND_TASK_FAILED", "error")]
    assert logs[1]["payload"]["error_message"] == "ValueError: bad input"
    assert json.dumps(logs)  # plain JSON, as the viewer receives it
