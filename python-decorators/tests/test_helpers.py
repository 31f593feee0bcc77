"""emit_graph, stream, llm_call, trace_llm and log produce the events the schema describes."""
import pytest

from agentify import agent, emit, emit_graph, llm_call, log, stream, trace_llm, workflow


def test_helpers_emit_their_event_types_inside_the_agent(captured, schema_validator):
    from conftest import assert_valid

    @agent(name="writer")
    def writer():
        stream("Hello ")
        stream(42)
        llm_call("offline-simulator", input_tokens=12, output_tokens=7, system="offline")
        with trace_llm("offline-simulator", input="prompt") as call:
            call.record(input_tokens=3, output_tokens=4, output="text")
        log("done", level="warning", step=3)
        emit("log", {"message": "custom"})

    @workflow
    def run():
        emit_graph([{"id": "writer", "kind": "agent"}], [{"from": "writer", "to": "writer"}])
        writer()

    run()
    events = captured.events
    assert_valid(schema_validator, events)
    chunks = [e["payload"]["chunk"] for e in captured.of_type("agent_stream")]
    assert chunks == ["Hello ", "42"]
    assert {e["agent_name"] for e in captured.of_type("agent_stream")} == {"writer"}
    llm = captured.of_type("llm_call")
    assert llm[0]["payload"]["gen_ai.request.model"] == "offline-simulator"
    assert llm[0]["payload"]["gen_ai.usage.input_tokens"] == 12
    assert llm[0]["payload"]["gen_ai.usage.output_tokens"] == 7
    assert llm[1]["payload"]["output"] == "text" and llm[1]["payload"]["duration_ms"] >= 0
    agent_span = captured.of_type("agent_start")[0]["payload"]["span_id"]
    assert {e["payload"]["parent_span_id"] for e in llm} == {agent_span}
    logs = captured.of_type("log")
    assert logs[0]["payload"]["level"] == "warning" and logs[0]["payload"]["step"] == 3
    assert captured.of_type("graph_structure")[0]["payload"]["nodes"] == [{"id": "writer", "kind": "agent"}]


def test_trace_llm_records_failure_and_reraises(captured, schema_validator):
    from conftest import assert_valid

    err = TimeoutError("model timed out")
    with pytest.raises(TimeoutError) as info:
        with trace_llm("m"):
            raise err
    assert info.value is err
    payload = captured.of_type("llm_call")[0]["payload"]
    assert payload["status"] == "failed" and payload["error"]["type"] == "TimeoutError"
    assert_valid(schema_validator, captured.events)
