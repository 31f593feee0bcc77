"""Every event reaches the table exactly once, with the identity its stdout line shows, whatever the
producers and the table do: several processes on one workflow id, connections refused for a while,
an answer lost after the write was applied, DynamoDB Local killed and started again. Real boto3,
real DynamoDB Local, real TCP faults on 127.0.0.1."""
import json
import os
import subprocess
import sys
import threading
import time

import pytest

from agentify import emit, emitter, flush
from conftest import LOCAL_KEY, PACKAGE_ROOT, REGION, TESTS, query_all, use_table, wait_for
from faults import FaultProxy, PersistentDb
from table_template import table_definition


def identity(event):
    return (event["workflow_id"], event["timestamp"], event["producer_id"], event["seq"], event["payload"]["message"])


def assert_exactly_once(expected_messages, stored):
    """Counts exactly: expected vs delivered vs doubled, all printed on failure."""
    messages = [e["payload"]["message"] for e in stored]
    keys = [(e["workflow_id"], e["timestamp"]) for e in stored]
    doubled = len(messages) - len(set(messages))
    missing = set(expected_messages) - set(messages)
    report = "expected %d, delivered %d, doubled %d, missing %d, key clashes %d" % (
        len(expected_messages), len(set(messages)), doubled, len(missing), len(keys) - len(set(keys)))
    assert not missing and doubled == 0, report
    assert len(keys) == len(set(keys)) and len(stored) == len(expected_messages), report
    by_producer = {}
    for e in stored:
        by_producer.setdefault(e["producer_id"], []).append(e["seq"])
    for producer, seqs in by_producer.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), "producer %s has gaps in seq" % producer


@pytest.mark.parametrize("processes", [2, 4])
def test_producer_processes_on_one_workflow_store_each_event_once_with_their_stdout_identity(
        processes, local_env, table, ddb, tmp_path):
    count = 1000
    workflow_id = "wf-multi-%d-%s" % (processes, table[-8:])
    gate = str(tmp_path / "go")
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT, AGENTIFY_TABLE_NAME=table, AGENTIFY_DYNAMODB_ENDPOINT=local_env,
               AGENTIFY_WORKFLOW_ID=workflow_id, AGENTIFY_TABLE_REGION=REGION)
    names = ["p%d" % i for i in range(processes)]
    procs = [subprocess.Popen([sys.executable, os.path.join(TESTS, "producer.py"), name, str(count), gate], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in names]
    open(gate, "w").close()
    outputs = [p.communicate(timeout=300) for p in procs]
    stdout_events = {}
    for name, p, (out, err) in zip(names, procs, outputs):
        assert p.returncode == 0, err
        counters = json.loads(err.strip().splitlines()[-1])
        assert counters == {"flushed": True, "written": count, "dropped": 0, "failed": 0, "clashed": 0}, name
        stdout_events[name] = [json.loads(line)["event"] for line in out.splitlines() if line.startswith('{"agentify"')]
        assert len(stdout_events[name]) == count
    stored = query_all(ddb, table, workflow_id)
    assert_exactly_once(["%s-%d" % (n, i) for n in names for i in range(count)], stored)
    table_identities = {identity(e) for e in stored}
    for name in names:
        assert {identity(e) for e in stdout_events[name]} <= table_identities, name
    assert len({e["producer_id"] for e in stored}) == processes
    fractions = {round(e["timestamp"] % 1, 3) for e in stored}
    assert len(fractions) == processes  # one writer slot each
    slots = query_all(ddb, table, workflow_id, slots=True)
    assert sorted(s["producer_id"] for s in slots) == sorted({e["producer_id"] for e in stored})


@pytest.fixture
def proxy(local_db):
    host, port = local_db.rsplit("/", 1)[1].split(":")
    p = FaultProxy(host, int(port))
    yield p
    p.close()


def _emit_in_background(prefix, count, pause_every=50):
    emitted = []

    def run():
        for i in range(count):
            message = "%s-%d" % (prefix, i)
            if emit("log", {"message": message}) is not None:
                emitted.append(message)
            if i % pause_every == 0:
                time.sleep(0.001)  # a workflow that emits over a while, not in one burst

    t = threading.Thread(target=run)
    t.start()
    return t, emitted


def test_connections_refused_mid_run_every_event_arrives_once_after_recovery(local_env, table, ddb, proxy):
    use_table(proxy.endpoint, table, stdout=False, workflow_id="wf-refused")
    for i in range(100):
        emit("log", {"message": "before-%d" % i})
    assert flush(60)
    sink = emitter.table_sink()
    proxy.refuse()
    t, emitted = _emit_in_background("during", 1500)
    assert wait_for(lambda: sink.retried > 0, 60)  # the writers really met the outage
    t.join()
    proxy.accept()
    assert flush(120)
    stored = query_all(ddb, table, "wf-refused")
    assert len(emitted) == 1500
    assert_exactly_once(["before-%d" % i for i in range(100)] + emitted, stored)
    assert (sink.written, sink.dropped, sink.failed) == (1600, 0, 0)


def test_table_unreachable_at_the_first_event_claims_the_slot_later_and_loses_nothing(local_env, table, ddb, proxy):
    proxy.refuse()
    use_table(proxy.endpoint, table, stdout=False, workflow_id="wf-late-table")
    for i in range(200):
        emit("log", {"message": "m-%d" % i})
    sink = emitter.table_sink()
    assert wait_for(lambda: sink.retried > 0, 60)
    proxy.accept()
    assert flush(120)
    stored = query_all(ddb, table, "wf-late-table")
    assert_exactly_once(["m-%d" % i for i in range(200)], stored)
    slots = query_all(ddb, table, "wf-late-table", slots=True)
    assert [s["producer_id"] for s in slots] == [stored[0]["producer_id"]]
    assert -slots[0]["timestamp"] == round(stored[0]["timestamp"] % 1 * 1000)


@pytest.mark.parametrize("batch_writes", [True, False], ids=["batch", "conditional-put"])
def test_a_retried_write_whose_first_attempt_landed_stores_one_item(batch_writes, local_env, table, ddb, proxy):
    use_table(proxy.endpoint, table, stdout=False, workflow_id="wf-dropped", batch_writes=batch_writes)
    emit("log", {"message": "first"})
    assert flush(60)
    sink = emitter.table_sink()
    proxy.drop_responses(1)
    emit("log", {"message": "second"})
    assert flush(60)
    assert proxy.dropped == 1 and sink.retried >= 1
    stored = query_all(ddb, table, "wf-dropped")
    assert_exactly_once(["first", "second"], stored)
    assert (sink.written, sink.failed, sink.clashed) == (2, 0, 0)


def test_a_lost_answer_to_the_slot_claim_still_makes_the_slot_ours(local_env, table, ddb, proxy, caplog):
    use_table(proxy.endpoint, table, stdout=False, workflow_id="wf-claim-dropped")
    proxy.drop_responses(1)  # the conditional PutItem of the slot item is applied, its answer lost
    with caplog.at_level("WARNING", logger="agentify"):
        for i in range(30):
            emit("log", {"message": "m-%d" % i})
        assert flush(60)
    assert proxy.dropped == 1
    assert_exactly_once(["m-%d" % i for i in range(30)], query_all(ddb, table, "wf-claim-dropped"))
    assert not [r for r in caplog.records if "slot" in r.getMessage()]
    assert emitter.table_sink().clashed == 0


def test_local_dynamodb_killed_and_restarted_with_its_data_loses_and_doubles_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", LOCAL_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", LOCAL_KEY)
    db = PersistentDb(str(tmp_path / "db"))
    db.start()
    try:
        client = db.client()
        client.create_table(**table_definition("agentify-persist"))
        use_table(db.endpoint, "agentify-persist", stdout=False, workflow_id="wf-restart")
        for i in range(300):
            emit("log", {"message": "before-%d" % i})
        t, emitted = _emit_in_background("around", 1500)
        sink = emitter.table_sink()
        assert wait_for(lambda: sink.written >= 400, 60)
        db.kill()
        assert wait_for(lambda: sink.retried > 0, 60)
        t.join()
        db.start()
        assert flush(120)
        stored = query_all(db.client(), "agentify-persist", "wf-restart")
        assert_exactly_once(["before-%d" % i for i in range(300)] + emitted, stored)
        assert (sink.written, sink.dropped, sink.failed) == (1800, 0, 0)
    finally:
        db.kill()
