"""Values JSON and DynamoDB cannot hold are converted, never raised on; the result always dumps."""
import dataclasses
import datetime
import decimal
import enum
import json
import math

from hypothesis import given, settings, strategies as st

from agentify.serialize import CYCLE, MAX_DEPTH, TOO_DEEP, dumps, to_dynamodb, to_jsonable


class Color(enum.Enum):
    RED = "red"


@dataclasses.dataclass
class Point:
    x: int
    y: float


def test_awkward_values_are_converted():
    value = {
        "set": {3, 1, 2},
        "tuple": (1, "a"),
        "bytes": b"hello",
        "binary": b"\xff\x00",
        "nan": float("nan"),
        "inf": float("inf"),
        "ninf": float("-inf"),
        "date": datetime.date(2026, 1, 2),
        "enum": Color.RED,
        "dataclass": Point(1, 2.5),
        "decimal": decimal.Decimal("1.5"),
        "huge": 10 ** 50,
        "object": object(),
        1: "int key",
        ("t",): "tuple key",
        "surrogate": "a\ud800b",
        "exc": ValueError("v"),
    }
    out = to_jsonable(value)
    json.loads(dumps(out))
    assert out["set"] == [1, 2, 3]
    assert out["tuple"] == [1, "a"]
    assert out["bytes"] == "hello"
    assert out["binary"] == "base64:/wA="
    assert (out["nan"], out["inf"], out["ninf"]) == ("NaN", "Infinity", "-Infinity")
    assert out["date"] == "2026-01-02" and out["enum"] == "red"
    assert out["dataclass"] == {"x": 1, "y": 2.5}
    assert out["decimal"] == 1.5
    assert out["huge"] == str(10 ** 50)
    assert out["object"].startswith("<object object")
    assert out["1"] == "int key" and out["('t',)"] == "tuple key"
    assert out["surrogate"] == "a?b"
    assert out["exc"] == {"type": "ValueError", "message": "v"}


def test_cycles_and_deep_nesting_become_markers():
    a = {"name": "a"}
    a["self"] = a
    lst = [1]
    lst.append(lst)
    assert to_jsonable(a) == {"name": "a", "self": CYCLE}
    assert to_jsonable(lst) == [1, CYCLE]
    deep = current = {}
    for _ in range(MAX_DEPTH + 10):
        current["next"] = {}
        current = current["next"]
    out = to_jsonable(deep)
    depth = 0
    while isinstance(out, dict):
        out = out["next"]
        depth += 1
    assert out == TOO_DEEP and depth == MAX_DEPTH


def test_shared_but_acyclic_references_are_not_called_cycles():
    shared = [1, 2]
    assert to_jsonable({"a": shared, "b": shared}) == {"a": [1, 2], "b": [1, 2]}


def test_snapshot_is_independent_of_later_mutation():
    data = {"items": [1]}
    out = to_jsonable(data)
    data["items"].append(2)
    assert out == {"items": [1]}


def test_floats_become_decimal_for_dynamodb_and_out_of_range_become_strings():
    out = to_dynamodb({"a": 0.1, "b": [1e300, 5e-324, 0.0], "c": 3})
    assert out["a"] == decimal.Decimal("0.1")
    assert out["b"] == ["1e+300", "5e-324", decimal.Decimal("0.0")]
    assert out["c"] == 3


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    | st.tuples(children, children) | st.frozensets(st.integers(), max_size=4),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(json_like)
def test_any_value_converts_to_strict_json_and_dynamodb_numbers(value):
    from boto3.dynamodb.types import TypeSerializer

    out = to_jsonable(value)
    text = dumps(out)  # allow_nan=False: raises if a NaN slipped through
    assert json.loads(text) == out
    TypeSerializer().serialize(to_dynamodb(out))  # raises on float or out-of-range numbers
    for f in _floats(out):
        assert math.isfinite(f)


def _floats(v):
    if isinstance(v, float):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from _floats(x)
    elif isinstance(v, list):
        for x in v:
            yield from _floats(x)
