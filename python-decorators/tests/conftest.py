"""Shared fixtures: the package on sys.path (no install needed), a real DynamoDB Local started by
the project's own script, fresh tables built from the CloudFormation template, captured stdout
events, and the event schema."""
import io
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time

import pytest

TESTS = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(TESTS)
REPO_ROOT = os.path.dirname(PACKAGE_ROOT)
sys.path.insert(0, PACKAGE_ROOT)
sys.path.insert(0, TESTS)

import boto3  # noqa: E402
import jsonschema  # noqa: E402

from agentify import _log, config, context, emitter  # noqa: E402
from table_template import table_definition  # noqa: E402

LOCAL_KEY = "agentifylocal"
REGION = "us-east-1"


@pytest.fixture(scope="session")
def local_db():
    """DynamoDB Local on a free loopback port, in its own process group so teardown stops the
    Node wrapper and its Java child together."""
    proc = subprocess.Popen(["node", "scripts/local-db.mjs", "--port", "0"], cwd=REPO_ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    endpoint, seen = None, []
    found = threading.Event()

    def read():
        nonlocal endpoint
        for line in proc.stdout:
            seen.append(line)
            m = re.match(r"endpoint (http://\S+)", line.strip())
            if m and endpoint is None:
                endpoint = m.group(1)
                found.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    found.wait(120)
    if endpoint is None:
        os.killpg(proc.pid, signal.SIGTERM)
        raise RuntimeError("local DynamoDB did not start:\n" + "".join(seen))
    yield endpoint
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def ddb(local_db):
    return boto3.client("dynamodb", endpoint_url=local_db, region_name=REGION,
                        aws_access_key_id=LOCAL_KEY, aws_secret_access_key=LOCAL_KEY)


@pytest.fixture
def table(ddb, local_db):
    """A fresh events table, key schema and all taken from infrastructure/dynamodb-table.yaml."""
    name = "agentify-test-" + secrets.token_hex(4)
    ddb.create_table(**table_definition(name))
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})
    yield name
    ddb.delete_table(TableName=name)


@pytest.fixture
def local_env(monkeypatch, local_db):
    """Credentials for the local server, as the extension's environment would provide them."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", LOCAL_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", LOCAL_KEY)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    return local_db


INDEX_ATTRIBUTES = ("index_owner", "event_type_ts", "status_ts")


def query_all(ddb, table_name, workflow_id, index_attributes=False, slots=False):
    """A workflow's event items the way readers query them (timestamp >= 0, which leaves out the
    producers' slot items), as plain JSON. The hardened table's index attributes are dropped unless
    asked for, so an item compares equal to its stdout event; slots=True returns the slot items."""
    items, kwargs = [], {}
    condition = "workflow_id = :w AND #ts < :zero" if slots else "workflow_id = :w AND #ts >= :zero"
    while True:
        page = ddb.query(TableName=table_name, KeyConditionExpression=condition,
                         ExpressionAttributeNames={"#ts": "timestamp"},
                         ExpressionAttributeValues={":w": {"S": workflow_id}, ":zero": {"N": "0"}},
                         ConsistentRead=True, **kwargs)
        items.extend(page["Items"])
        if "LastEvaluatedKey" not in page:
            out = [plain(i) for i in items]
            if not index_attributes:
                out = [{k: v for k, v in e.items() if k not in INDEX_ATTRIBUTES} for e in out]
            return out
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def plain(item):
    """A DynamoDB item as plain JSON types (Decimal → int/float), ready for the JSON Schema."""
    from boto3.dynamodb.types import TypeDeserializer

    des = TypeDeserializer()
    return _undecimal({k: des.deserialize(v) for k, v in item.items()})


def _undecimal(v):
    import decimal

    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, dict):
        return {k: _undecimal(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_undecimal(x) for x in v]
    return v


class Captured:
    """Events written to a stream in place of the real stdout."""

    def __init__(self):
        self.stream = io.StringIO()

    @property
    def lines(self):
        return [line for line in self.stream.getvalue().splitlines() if line]

    @property
    def events(self):
        out = []
        for line in self.lines:
            envelope = json.loads(line)
            assert envelope["agentify"] == 1
            out.append(envelope["event"])
        return out

    def of_type(self, event_type):
        return [e for e in self.events if e["event_type"] == event_type]


@pytest.fixture(autouse=True)
def fresh_agentify(monkeypatch):
    """Each test starts from the environment only, with no table and no leftover state."""
    for name in list(os.environ):
        if name.startswith("AGENTIFY_"):
            monkeypatch.delenv(name)
    _log.reset_warnings()
    context.reset()
    config.reload_from_env()
    yield
    config.reload_from_env()
    context.reset()


@pytest.fixture
def captured():
    cap = Captured()
    config.update(stream=cap.stream)
    return cap


@pytest.fixture(scope="session")
def schema_validator():
    with open(os.path.join(REPO_ROOT, "schema", "event.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    return jsonschema.Draft202012Validator(schema)


def assert_valid(validator, events):
    for e in events:
        errors = sorted(validator.iter_errors(e), key=str)
        assert not errors, "%s invalid: %s" % (e.get("event_type"), "; ".join(err.message for err in errors[:3]))


def wait_for(predicate, timeout=30.0):
    """Poll a condition the code under test makes true asynchronously (not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def use_table(local_db, table_name, **extra):
    config.update(table_name=table_name, endpoint=local_db, region=REGION, **extra)
    return emitter
