"""The table sink against a real DynamoDB Local through real boto3: every event arrives, none is
overwritten, and every failure leaves the workflow alone with one warning."""
import os
import subprocess
import sys
import textwrap
import threading

import pytest
from botocore.stub import Stubber

from agentify import agent, config, emit, emitter, flush, ids, tool, workflow
from agentify.identity import SlotStatus, WorkflowClock
from agentify.sinks.base import EventRecord
from agentify.sinks.dynamodb import DynamoDbSink
from agentify.sinks.dynamodb_items import table_item
from conftest import LOCAL_KEY, PACKAGE_ROOT, REGION, assert_valid, query_all, use_table


def _sample_run():
    @tool(name="search")
    def search(q):
        return ["r1", "r2"]

    @agent(name="researcher")
    def researcher(q):
        return search(q)

    @workflow(name="sample")
    def run(q):
        return researcher(q)

    return run


def test_events_reach_the_table_identical_to_stdout_and_valid(local_env, table, ddb, captured, schema_validator):
    use_table(local_env, table, stream=captured.stream)
    assert _sample_run()("q") == ["r1", "r2"]
    assert flush(30)
    events = captured.events
    stored = sorted(query_all(ddb, table, events[0]["workflow_id"]), key=lambda e: e["timestamp"])
    assert stored == events
    assert_valid(schema_validator, events + stored)
    assert [e["event_type"] for e in stored] == ["workflow_start", "agent_start", "tool_call", "tool_call",
                                                 "agent_end", "workflow_complete"]


def test_stdout_off_sends_events_only_to_the_table(monkeypatch, local_env, table, ddb, capfd, schema_validator):
    monkeypatch.setenv("AGENTIFY_STDOUT", "0")
    monkeypatch.setenv("AGENTIFY_TABLE_NAME", table)
    monkeypatch.setenv("AGENTIFY_DYNAMODB_ENDPOINT", local_env)
    monkeypatch.setenv("AGENTIFY_WORKFLOW_ID", "wf-stdoutoff")
    config.reload_from_env()
    emit("log", {"message": "password=hunter2", "level": "info"})
    assert _sample_run()("q") == ["r1", "r2"]
    assert flush(30)
    assert capfd.readouterr().out == ""
    stored = query_all(ddb, table, "wf-stdoutoff")
    assert len(stored) == 7
    assert_valid(schema_validator, stored)
    assert "hunter2" not in str(stored)  # masking also runs when only the table sink is on


def test_ten_threads_of_a_thousand_events_all_arrive_none_overwritten(local_env, table, ddb):
    use_table(local_env, table, stdout=False, queue_size=20000, workflow_id="wf-burst")

    def burst(n):
        for i in range(1000):
            emit("log", {"message": "t%d-%d" % (n, i)})

    threads = [threading.Thread(target=burst, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert flush(120)
    sink = emitter.table_sink()
    assert (sink.written, sink.dropped, sink.failed) == (10000, 0, 0)
    stored = query_all(ddb, table, "wf-burst")
    assert len(stored) == 10000
    assert len({e["timestamp"] for e in stored}) == 10000
    assert sorted(e["payload"]["message"] for e in stored) == sorted(
        "t%d-%d" % (n, i) for n in range(10) for i in range(1000))


def test_two_processes_writing_one_workflow_lose_nothing(local_env, table, ddb):
    script = textwrap.dedent("""
        import sys
        from agentify import emit, flush
        for i in range(800):
            emit("log", {"message": sys.argv[1] + "-%d" % i})
        assert flush(60)
    """)
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT, AGENTIFY_TABLE_NAME=table, AGENTIFY_DYNAMODB_ENDPOINT=local_env,
               AGENTIFY_WORKFLOW_ID="wf-shared", AGENTIFY_STDOUT="0")
    procs = [subprocess.Popen([sys.executable, "-c", script, name], env=env, stderr=subprocess.PIPE, text=True)
             for name in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    stored = query_all(ddb, table, "wf-shared")
    messages = sorted(e["payload"]["message"] for e in stored)
    assert messages == sorted("%s-%d" % (n, i) for n in ("a", "b") for i in range(800))


def test_an_existing_item_is_never_overwritten_and_an_earlier_attempt_counts_as_written(local_env, table, ddb,
                                                                                       caplog):
    """Conditional writes (used until the table confirms a slot): another producer's item at the same
    key is a clash, reported once and left alone; our own item at that key is an earlier attempt that
    landed, so it counts as written and is not stored twice."""
    ddb.put_item(TableName=table, Item={"workflow_id": {"S": "wf-taken"}, "timestamp": {"N": "1000.001"},
                                        "event_type": {"S": "log"}, "payload": {"M": {"message": {"S": "first"}}}})
    ddb.put_item(TableName=table, Item={"workflow_id": {"S": "wf-taken"}, "timestamp": {"N": "1001.001"},
                                        "event_type": {"S": "log"}, "producer_id": {"S": "p1"}, "seq": {"N": "2"},
                                        "payload": {"M": {"message": {"S": "landed"}}}})
    settings = config.update(table_name=table, endpoint=local_env, region=REGION, stdout=False)
    sink = DynamoDbSink(settings, finalize=lambda e: e)
    with caplog.at_level("WARNING", logger="agentify"):
        for seq, (ts, message) in enumerate([(1000.001, "second"), (1001.001, "landed"), (1002.001, "third")], 1):
            sink.submit({"workflow_id": "wf-taken", "timestamp": ts, "event_type": "log", "producer_id": "p1",
                         "seq": seq, "payload": {"message": message}, "ttl": 1}, True)
        assert sink.flush(30)
    stored = sorted(query_all(ddb, table, "wf-taken"), key=lambda e: e["timestamp"])
    assert [e["payload"]["message"] for e in stored] == ["first", "landed", "third"]
    assert (sink.written, sink.failed, sink.clashed) == (2, 1, 1)
    assert len([r for r in caplog.records if "was not overwritten" in r.getMessage()]) == 1
    sink.close(1)


def test_missing_table_leaves_the_workflow_alone_with_one_warning(local_env, ddb, captured, caplog):
    use_table(local_env, "agentify-no-such-table", stream=captured.stream)
    with caplog.at_level("WARNING", logger="agentify"):
        assert _sample_run()("q") == ["r1", "r2"]
        assert _sample_run()("q") == ["r1", "r2"]
        assert flush(30)
    missing = [r.getMessage() for r in caplog.records if "does not exist" in r.getMessage()]
    assert len(missing) == 1
    assert "aws cloudformation deploy --template-file infrastructure/dynamodb-table.yaml" in missing[0]
    assert len(captured.events) == 12  # stdout events unaffected


def test_no_credentials_leaves_the_workflow_alone_with_one_warning(monkeypatch, tmp_path, captured, caplog):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                 "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                 "AWS_WEB_IDENTITY_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    # No endpoint: the real AWS endpoint, where botocore refuses to sign before any network call.
    config.update(table_name="agentify-workflow-events", region=REGION, stream=captured.stream)
    with caplog.at_level("WARNING", logger="agentify"):
        assert _sample_run()("q") == ["r1", "r2"]
        assert flush(30)
    creds = [r.getMessage() for r in caplog.records if "credentials" in r.getMessage()]
    assert len(creds) == 1 and "aws configure" in creds[0]
    assert emitter.table_sink().written == 0


def test_loopback_endpoint_without_credentials_uses_local_dummy_keys(monkeypatch, tmp_path, local_db, table, ddb):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    use_table(local_db, table, stdout=False, workflow_id="wf-dummy")
    emit("log", {"message": "hi"})
    assert flush(30)
    assert len(query_all(ddb, table, "wf-dummy")) == 1


def _confirmed(_workflow_id):
    return WorkflowClock(1, 0.001, SlotStatus.CONFIRMED)


def _stubbed_client(local_env):
    import boto3

    client = boto3.client("dynamodb", endpoint_url=local_env, region_name=REGION,
                          aws_access_key_id=LOCAL_KEY, aws_secret_access_key=LOCAL_KEY)
    return client, Stubber(client)


def test_throttling_and_unprocessed_items_are_retried_until_every_item_is_written(local_env, table):
    """DynamoDB Local never throttles nor leaves items unprocessed, so a botocore Stubber plays that
    table (a fake, marked as such): two throttled calls, a partial batch, one more throttle, then the rest."""
    client, stub = _stubbed_client(local_env)
    events = [{"workflow_id": "wf-t", "timestamp": 1000 + i + 0.001, "event_type": "log", "payload": {},
               "producer_id": "p", "seq": i + 1, "ttl": 1} for i in range(3)]
    items = [table_item(e, "owner") for e in events]
    stub.add_client_error("batch_write_item", service_error_code="ProvisionedThroughputExceededException")
    stub.add_client_error("batch_write_item", service_error_code="ThrottlingException")
    stub.add_response("batch_write_item", {"UnprocessedItems": {table: [{"PutRequest": {"Item": items[2]}}]}},
                      {"RequestItems": {table: [{"PutRequest": {"Item": i}} for i in items]}})
    stub.add_client_error("batch_write_item", service_error_code="InternalServerError", http_status_code=500)
    stub.add_response("batch_write_item", {}, {"RequestItems": {table: [{"PutRequest": {"Item": items[2]}}]}})
    stub.activate()
    settings = config.update(table_name=table, endpoint=local_env, stdout=False, writer_threads=1, owner="owner")
    sink = DynamoDbSink(settings, finalize=lambda e: e, client_factory=lambda s: client, slots=_confirmed)
    for e in events:  # queued before the writer starts, so the three reach one batch call
        sink._buffer.put(EventRecord(e, True))
    sink._start()
    assert sink.flush(60)
    assert (sink.written, sink.failed) == (3, 0)
    stub.assert_no_pending_responses()
    sink.close(1)


def test_throttling_past_the_retry_time_drops_with_one_warning(local_env, table, caplog):
    client, stub = _stubbed_client(local_env)
    for _ in range(2):
        stub.add_client_error("batch_write_item", service_error_code="ProvisionedThroughputExceededException")
    stub.activate()
    settings = config.update(table_name=table, endpoint=local_env, stdout=False, writer_threads=1, retry_timeout=0)
    sink = DynamoDbSink(settings, finalize=lambda e: e, client_factory=lambda s: client, slots=_confirmed)
    with caplog.at_level("WARNING", logger="agentify"):
        for i in range(2):
            sink.submit({"workflow_id": "wf-t", "timestamp": i + 0.001, "event_type": "log", "payload": {},
                         "producer_id": "p", "seq": i + 1, "ttl": 1}, True)
            assert sink.flush(30)
    assert (sink.written, sink.failed) == (0, 2)
    assert len([r for r in caplog.records if "throttling" in r.getMessage()]) == 1
    stub.assert_no_pending_responses()
    sink.close(1)


def test_full_queue_drops_newest_events_counted_with_one_warning(local_env, table, ddb, caplog):
    use_table(local_env, table, stdout=False, queue_size=5, writer_threads=1, workflow_id="wf-full")
    with caplog.at_level("WARNING", logger="agentify"):
        for i in range(2000):
            emit("log", {"message": str(i)})
        assert flush(60)
    sink = emitter.table_sink()
    stored = query_all(ddb, table, "wf-full")
    assert sink.dropped > 0
    assert len(stored) == sink.written == 2000 - sink.dropped
    assert len([r for r in caplog.records if "is full" in r.getMessage()]) == 1
    assert any("dropped because the queue was full" in r.getMessage() for r in caplog.records)
    # Oldest events are kept: the first one emitted always made it.
    assert "0" in {e["payload"]["message"] for e in stored}


def test_events_emitted_right_before_exit_are_flushed(local_env, table, ddb):
    script = "from agentify import emit\nfor i in range(300):\n    emit('log', {'message': str(i)})\n"
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT, AGENTIFY_TABLE_NAME=table, AGENTIFY_DYNAMODB_ENDPOINT=local_env,
               AGENTIFY_WORKFLOW_ID="wf-exit", AGENTIFY_STDOUT="0")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(query_all(ddb, table, "wf-exit")) == 300


def test_disabled_writes_nothing_to_the_table(monkeypatch, local_env, table, ddb):
    monkeypatch.setenv("AGENTIFY_DISABLED", "1")
    monkeypatch.setenv("AGENTIFY_TABLE_NAME", table)
    monkeypatch.setenv("AGENTIFY_DYNAMODB_ENDPOINT", local_env)
    monkeypatch.setenv("AGENTIFY_WORKFLOW_ID", "wf-off")
    config.reload_from_env()
    assert _sample_run()("q") == ["r1", "r2"]
    assert flush(5)
    assert emitter.table_sink() is None
    # Prove the table works, so the empty result above means "disabled", not "broken".
    monkeypatch.delenv("AGENTIFY_DISABLED")
    config.reload_from_env()
    emit("log", {"message": "on"})
    assert flush(30)
    assert [e["payload"]["message"] for e in query_all(ddb, table, "wf-off")] == ["on"]


def test_timestamps_are_unique_per_workflow_under_a_frozen_clock():
    """A clock stuck on one millisecond (a burst, or a clock that stops) still yields distinct keys."""
    alloc = ids.TimestampAllocator(clock=lambda: 1000.0)
    seen = []

    def take():
        for _ in range(500):
            seen.append(alloc.next("wf"))

    threads = [threading.Thread(target=take) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 4000 and min(seen) == 1_000_000
    assert alloc.next("other") == 1_000_000  # workflows are independent
