"""Payloads over 350 KB are cut with a visible marker, keep their shape, stay valid against the
schema and fit in a DynamoDB item; smaller ones are untouched."""
import pytest
from hypothesis import given, settings, strategies as st

from agentify import emit, flush, tool
from agentify.serialize import json_size
from agentify.truncate import fit_payload
from conftest import assert_valid, query_all, use_table

LIMIT = 350 * 1024


def _payload_of_size(size):
    """A tool payload whose compact JSON is exactly `size` bytes."""
    base = {"gen_ai.tool.name": "big", "status": "completed", "output": ""}
    pad = size - json_size(base)
    base["output"] = "x" * pad
    assert json_size(base) == size
    return base


@pytest.mark.parametrize("kb, cut", [(349, False), (351, True), (2048, True)])
def test_payload_sizes_around_the_limit(kb, cut, local_env, table, ddb, captured, schema_validator):
    use_table(local_env, table, stream=captured.stream)
    emit("tool_call", _payload_of_size(kb * 1024))
    assert flush(30)
    event = captured.events[0]
    payload = event["payload"]
    assert payload.get("truncated", False) is cut
    assert json_size(payload) <= LIMIT
    if cut:
        assert payload["original_size_bytes"] > kb * 1024  # span ids were added on top
        assert payload["output"].endswith("...[truncated]")
        assert payload["gen_ai.tool.name"] == "big" and payload["status"] == "completed"
    else:
        assert len(payload["output"]) == len(_payload_of_size(kb * 1024)["output"])
    stored = query_all(ddb, table, event["workflow_id"])
    assert len(stored) == 1 and stored[0]["payload"] == payload
    assert_valid(schema_validator, [event] + stored)


def test_a_failed_call_with_a_huge_error_keeps_error_type_and_message(captured, schema_validator):
    @tool
    def explode():
        raise ValueError("e" * (3 * LIMIT))

    with pytest.raises(ValueError):
        explode()
    failed = captured.of_type("tool_call")[1]
    assert failed["payload"]["truncated"] is True
    assert failed["payload"]["error"]["type"] == "ValueError"
    assert failed["payload"]["error"]["message"].startswith("eee")
    assert json_size(failed["payload"]) <= LIMIT
    assert_valid(schema_validator, captured.events)


def test_large_graph_stays_a_list_of_nodes(captured, schema_validator):
    nodes = [{"id": "n%d" % i, "label": "L" * 200, "kind": "agent"} for i in range(3000)]
    emit("graph_structure", {"nodes": nodes, "edges": [{"from": "n0", "to": "n1"}]})
    event = captured.events[0]
    assert event["payload"]["truncated"] is True
    assert 0 < len(event["payload"]["nodes"]) < 3000
    assert event["payload"]["nodes"][0] == nodes[0]
    assert_valid(schema_validator, [event])


def test_multibyte_text_is_measured_in_utf8_bytes():
    payload = {"output": "€" * 200_000}  # 600 KB as UTF-8
    out = fit_payload(payload, LIMIT)
    assert out["truncated"] is True and json_size(out) <= LIMIT


leaf = st.text(max_size=2000) | st.integers() | st.booleans() | st.none()
tree = st.recursive(leaf, lambda c: st.lists(c, max_size=8) | st.dictionaries(st.text(max_size=8), c, max_size=8),
                    max_leaves=60)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(max_size=12), tree, max_size=8), st.integers(min_value=256, max_value=20_000))
def test_any_payload_fits_any_limit_and_keeps_types(payload, limit):
    out = fit_payload(payload, limit)
    assert json_size(out) <= limit
    for key, value in out.items():
        if key in payload and key not in ("truncated", "original_size_bytes"):
            assert type(value) is type(payload[key])
    if json_size(payload) <= limit:
        assert out == payload
