"""agentify.registry with real boto3 against DynamoDB Local: register, discover by capability, an
update that drops a capability, heartbeat, deregister, a second registrant refused, concurrent
registrations of one id, memory-only when the table is missing, and never raising into the agent."""
import logging
import os
import secrets
import threading

import pytest

from agentify import registry
from table_template import load_template

TEMPLATE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                        "infrastructure", "agent-registry.yaml")


def registry_table_definition(name):
    template = load_template(TEMPLATE)
    props = next(r for r in template["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table")["Properties"]
    return {"TableName": name, "BillingMode": props["BillingMode"],
            "AttributeDefinitions": props["AttributeDefinitions"],
            "KeySchema": props["KeySchema"], "GlobalSecondaryIndexes": props["GlobalSecondaryIndexes"]}


@pytest.fixture
def registry_table(ddb, local_env, monkeypatch):
    name = "agentify-registry-" + secrets.token_hex(4)
    ddb.create_table(**registry_table_definition(name))
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})
    use_registry(monkeypatch, local_env, name, owner="owner-a")
    yield name
    registry._reset()
    ddb.delete_table(TableName=name)


def use_registry(monkeypatch, endpoint, table, owner=None):
    monkeypatch.setenv("AGENTIFY_REGISTRY_TABLE", table)
    monkeypatch.setenv("AGENTIFY_DYNAMODB_ENDPOINT", endpoint)
    monkeypatch.setenv("AGENTIFY_TABLE_REGION", "us-east-1")
    if owner:
        monkeypatch.setenv("AGENTIFY_REGISTRY_OWNER", owner)
    from agentify import config
    config.reload_from_env()
    registry._reset()


def indexed(ddb, table, capability):
    res = ddb.query(TableName=table, IndexName="CapabilityIndex", KeyConditionExpression="capability = :c",
                    ExpressionAttributeValues={":c": {"S": capability}})
    return sorted(i["id"]["S"] for i in res["Items"])


def ids(agents):
    return sorted(a["id"] for a in agents)


def test_register_and_discover_by_capability(registry_table):
    assert registry.register("py-search", "Search", "https://agents.example.com/search", ["Search", "web"],
                             description="Finds things", version="1.0") is True
    assert registry.register("py-writer", "Writer", "http://127.0.0.1:9000/a2a", ["write"],
                             skills=[{"id": "summary", "name": "Summarize", "tags": ["summarize", "web"]}]) is True
    assert ids(registry.discover("web")) == ["py-search", "py-writer"]
    assert ids(registry.discover("SEARCH")) == ["py-search"]
    assert registry.discover("translate") == []
    writer = registry.discover("summarize")[0]
    assert writer["capabilities"] == ["write", "summarize", "web"]
    assert writer["skills"] == [{"id": "summary", "name": "Summarize", "tags": ["summarize", "web"]}]
    assert writer["registeredAt"] == writer["lastSeenAt"] > 0
    assert "owner" not in writer and "revision" not in writer
    assert writer["stale"] is False


def test_agents_not_seen_for_the_stale_time_are_marked_not_deleted(registry_table, monkeypatch):
    assert registry.register("py-sleepy", "Sleepy", "https://s.example.com", ["nap"])
    monkeypatch.setenv("AGENTIFY_REGISTRY_STALE_SECONDS", "0")
    monkeypatch.setattr(registry, "_now", lambda: 10 ** 15)  # a clock far ahead (a fake: no real wait)
    assert [(a["id"], a["stale"]) for a in registry.discover("nap")] == [("py-sleepy", True)]


def test_update_removes_dropped_capabilities_and_deregister_removes_all(registry_table, ddb):
    assert registry.register("py-mover", "Mover", "https://m.example.com", ["alpha", "beta"])
    assert registry.register("py-mover", "Mover", "https://m.example.com", ["beta", "gamma"])
    assert indexed(ddb, registry_table, "alpha") == []
    assert indexed(ddb, registry_table, "gamma") == ["py-mover"]
    assert registry.heartbeat("py-mover") is True
    assert registry.deregister("py-mover") is True
    assert indexed(ddb, registry_table, "beta") == [] and indexed(ddb, registry_table, "gamma") == []
    assert registry.deregister("py-mover") is False
    assert registry.heartbeat("py-mover") is False


def test_a_second_registrant_cannot_take_over_an_agent(registry_table, monkeypatch, caplog):
    assert registry.register("py-owned", "Owned", "https://good.example.com", ["pay"])
    monkeypatch.setenv("AGENTIFY_REGISTRY_OWNER", "owner-b")
    with caplog.at_level(logging.WARNING, logger="agentify"):
        assert registry.register("py-owned", "Evil", "https://evil.example.com", ["pay"]) is False
        assert registry.deregister("py-owned") is False
    assert "another registrant" in caplog.text
    assert [a["endpoint"] for a in registry.discover("pay")] == ["https://good.example.com"]


def test_concurrent_registrations_of_one_id_leave_the_index_consistent(registry_table, ddb):
    sets = [["cc-%d" % i, "cc-%d" % ((i + 1) % 6), "cc-all"] for i in range(6)]
    results = []
    threads = [threading.Thread(target=lambda s=s: results.append(
        registry.register("py-racer", "Racer", "https://r.example.com", s))) for s in sets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == [True] * len(sets)
    final = ddb.get_item(TableName=registry_table, Key={"agentId": {"S": "py-racer"}}, ConsistentRead=True)["Item"]
    final_caps = [c["S"] for c in final["capabilities"]["L"]]
    for cap in sorted({c for s in sets for c in s}):
        assert (cap, indexed(ddb, registry_table, cap)) == (cap, ["py-racer"] if cap in final_caps else [])


def test_invalid_input_is_refused_with_the_field_and_nothing_is_written(registry_table, ddb, caplog):
    with caplog.at_level(logging.WARNING, logger="agentify"):
        assert registry.register("py-bad", "Bad", "http://agents.example.com", ["x"]) is False
        assert registry.register("py-bad", "", "https://a.example.com", ["x"]) is False
        assert registry.register("py bad", "Bad", "https://a.example.com", ["x"]) is False
        assert registry.register("py-bad", "Bad", "https://a.example.com", ["x" * 65]) is False
        assert registry.register("py-bad", "Bad", "https://a.example.com", "x") is False
    assert "invalid endpoint" in caplog.text and "invalid name" in caplog.text and "invalid id" in caplog.text
    assert "invalid capabilities[0]" in caplog.text and "invalid capabilities: must be a list" in caplog.text
    assert indexed(ddb, registry_table, "x") == []


def test_memory_only_when_the_table_is_missing(local_env, monkeypatch, caplog):
    use_registry(monkeypatch, local_env, "agentify-registry-missing-" + secrets.token_hex(4), owner="o")
    with caplog.at_level(logging.WARNING, logger="agentify"):
        assert registry.register("py-mem", "Mem", "https://m.example.com", ["mem"]) is False
        assert registry.register("py-mem-2", "Mem", "https://m.example.com", ["mem"]) is False
    assert caplog.text.count("does not exist") == 1
    assert "kept in this process only" in caplog.text
    assert ids(registry.discover("mem")) == ["py-mem", "py-mem-2"]
    assert registry.heartbeat("py-mem") is True
    assert registry.deregister("py-mem") is True
    assert ids(registry.discover("mem")) == ["py-mem-2"]
    registry._reset()


def test_never_raises_when_the_server_is_unreachable(monkeypatch, caplog):
    use_registry(monkeypatch, "http://127.0.0.1:9", "AgentRegistry", owner="o")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "agentifylocal")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "agentifylocal")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    with caplog.at_level(logging.WARNING, logger="agentify"):
        assert registry.register("py-x", "X", "https://x.example.com", ["x"]) is False
        assert registry.discover("x") == []
        assert registry.heartbeat("py-x") is False
        assert registry.deregister("py-x") is False
    assert "failed" in caplog.text or "not registered" in caplog.text
    registry._reset()
