"""The table item carries the hardened table's sparse index attributes (never the stdout line), and
its ttl follows AGENTIFY_TTL_DAYS. Checked through real EventTypeIndex / StatusIndex queries on a
table with those indexes."""
import secrets

import pytest

from agentify import config, emit, flush, tool, workflow
from conftest import query_all, use_table

GSI = [("EventTypeIndex", "event_type_ts"), ("StatusIndex", "status_ts")]


@pytest.fixture
def hardened_table(ddb):
    name = "agentify-hardened-" + secrets.token_hex(4)
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": t} for a, t in (
            ("workflow_id", "S"), ("timestamp", "N"), ("index_owner", "S"), ("event_type_ts", "S"),
            ("status_ts", "S"))],
        KeySchema=[{"AttributeName": "workflow_id", "KeyType": "HASH"},
                   {"AttributeName": "timestamp", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[{"IndexName": index, "Projection": {"ProjectionType": "ALL"},
                                 "KeySchema": [{"AttributeName": "index_owner", "KeyType": "HASH"},
                                               {"AttributeName": key, "KeyType": "RANGE"}]} for index, key in GSI])
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})
    yield name
    ddb.delete_table(TableName=name)


def _failing_run():
    @tool(name="search")
    def search(q):
        raise LookupError("no source for " + q)

    @workflow(name="indexed")
    def run(q):
        try:
            search(q)
        except LookupError:
            pass
        emit("log", {"message": "after the failed tool"})
        raise RuntimeError("the run fails")

    return run


def test_index_attributes_are_on_the_table_item_only_and_the_indexes_find_them(monkeypatch, local_env, hardened_table,
                                                                               ddb, captured):
    monkeypatch.setenv("AGENTIFY_OWNER", "team-blue")
    monkeypatch.setenv("AGENTIFY_TTL_DAYS", "2")
    config.reload_from_env()
    use_table(local_env, hardened_table, stream=captured.stream, workflow_id="wf-indexed")
    with pytest.raises(RuntimeError):
        _failing_run()("q")
    assert flush(30)
    events = captured.events
    assert all(not set(e) & {"index_owner", "event_type_ts", "status_ts"} for e in events)
    stored = {e["seq"]: e for e in query_all(ddb, hardened_table, "wf-indexed", index_attributes=True)}
    by_kind = {}
    for e in events:
        item = stored[e["seq"]]
        kind = e["event_type"] + ("/" + e["payload"]["status"] if e["event_type"] == "tool_call" else "")
        by_kind[kind] = {k: item[k] for k in ("index_owner", "event_type_ts", "status_ts") if k in item}
        assert item["ttl"] - int(e["timestamp"] // 1000) in (2 * 86400, 2 * 86400 + 1)
    ts = {e["event_type"] + e["payload"].get("status", ""): e["timestamp"] for e in events}
    assert by_kind == {
        "workflow_start": {"index_owner": "team-blue",
                           "event_type_ts": "workflow_start#%017.3f" % ts["workflow_startstarted"]},
        "tool_call/started": {},
        "tool_call/failed": {"index_owner": "team-blue", "status_ts": "failed#%017.3f" % ts["tool_callfailed"]},
        "log": {},
        "workflow_error": {"index_owner": "team-blue",
                           "event_type_ts": "workflow_error#%017.3f" % ts["workflow_errorfailed"],
                           "status_ts": "failed#%017.3f" % ts["workflow_errorfailed"]},
    }
    runs = ddb.query(TableName=hardened_table, IndexName="EventTypeIndex",
                     KeyConditionExpression="index_owner = :o AND begins_with(event_type_ts, :t)",
                     ExpressionAttributeValues={":o": {"S": "team-blue"}, ":t": {"S": "workflow_"}})["Items"]
    failures = ddb.query(TableName=hardened_table, IndexName="StatusIndex",
                         KeyConditionExpression="index_owner = :o AND begins_with(status_ts, :s)",
                         ExpressionAttributeValues={":o": {"S": "team-blue"}, ":s": {"S": "failed#"}})["Items"]
    assert sorted(i["event_type"]["S"] for i in runs) == ["workflow_error", "workflow_start"]
    assert sorted(i["event_type"]["S"] for i in failures) == ["tool_call", "workflow_error"]


def test_owner_defaults_to_the_working_directory_name(monkeypatch, tmp_path):
    folder = tmp_path / "my-project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert config.reload_from_env().index_owner() == "my-project"
    monkeypatch.setenv("AGENTIFY_OWNER", "  ws  ")
    assert config.reload_from_env().index_owner() == "ws"
    assert config.reload_from_env().lifetime_seconds() == 86400
