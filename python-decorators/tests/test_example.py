"""The sample workflow (examples/research-team) runs the way the extension runs it: python3 with
PYTHONPATH on the decorators, --prompt/--workflow-id/--trace-id, events on stdout and in the table."""
import json
import os
import subprocess
import sys

from conftest import LOCAL_KEY, PACKAGE_ROOT, REGION, REPO_ROOT, assert_valid, query_all

EXAMPLE = os.path.join(REPO_ROOT, "examples", "research-team")
TRACE = "0123456789abcdef0123456789abcdef"


def _run(prompt, workflow_id, table, endpoint):
    env = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "PYTHONPATH": PACKAGE_ROOT,
        "PYTHONIOENCODING": "utf-8", "AGENTIFY_TABLE_NAME": table, "AGENTIFY_DYNAMODB_ENDPOINT": endpoint,
        "AGENTIFY_TABLE_REGION": REGION, "AWS_ACCESS_KEY_ID": LOCAL_KEY, "AWS_SECRET_ACCESS_KEY": LOCAL_KEY,
        "RESEARCH_TEAM_DELAY_SCALE": "0.05",
    }
    done = subprocess.run([sys.executable, "agents/main.py", "--prompt", prompt, "--workflow-id", workflow_id,
                           "--trace-id", TRACE], cwd=EXAMPLE, env=env, capture_output=True, text=True, timeout=120)
    events, other = [], []
    for line in done.stdout.splitlines():
        if line.startswith('{"agentify":'):
            events.append(json.loads(line)["event"])
        else:
            other.append(line)
    return done, events, other


def test_sample_workflow_runs_and_fills_the_table(local_db, table, ddb, schema_validator):
    done, events, other = _run("Compare three open-source vector databases for a small team", "wf-example1",
                               table, local_db)
    assert done.returncode == 0, done.stderr
    assert_valid(schema_validator, events)
    types = [e["event_type"] for e in events]
    assert types[0] == "workflow_start" and types[1] == "graph_structure" and types[-1] == "workflow_complete"
    for kind in ("agent_start", "agent_end", "tool_call", "agent_stream", "llm_call"):
        assert kind in types
    assert [e["agent_name"] for e in events if e["event_type"] == "agent_start"] == ["planner", "researcher", "writer"]
    tools = {e["payload"]["gen_ai.tool.name"] for e in events if e["event_type"] == "tool_call"}
    assert tools == {"web_search", "read_source"}
    llm = [e for e in events if e["event_type"] == "llm_call"]
    assert all(e["payload"]["gen_ai.request.model"] == "offline-simulator" for e in llm)
    assert all(e["payload"]["gen_ai.usage.output_tokens"] > 0 for e in llm)
    result = events[-1]["payload"]["result"]
    assert result.startswith("# Research brief") and "\n".join(other).strip() == result.strip()
    assert {e["workflow_id"] for e in events} == {"wf-example1"}
    assert {e["payload"]["trace_id"] for e in events} == {TRACE}
    stored = query_all(ddb, table, "wf-example1")
    assert_valid(schema_validator, stored)
    assert sorted(stored, key=lambda e: e["timestamp"]) == events


def test_sample_workflow_is_deterministic(local_db, table):
    a = _run("Pick a CI system", "wf-det-a", table, local_db)[1][-1]["payload"]["result"]
    b = _run("Pick a CI system", "wf-det-b", table, local_db)[1][-1]["payload"]["result"]
    assert a == b


def test_a_prompt_saying_fail_ends_in_workflow_error_and_exit_1(local_db, table, ddb, schema_validator):
    done, events, _ = _run("Please fail on purpose", "wf-example-fail", table, local_db)
    assert done.returncode == 1
    assert "SourceUnavailableError" in done.stderr
    assert_valid(schema_validator, events)
    assert events[-1]["event_type"] == "workflow_error"
    assert events[-1]["payload"]["error"]["type"] == "SourceUnavailableError"
    failed = [e for e in events if e["event_type"] == "tool_call" and e["payload"]["status"] == "failed"]
    assert [e["payload"]["gen_ai.tool.name"] for e in failed] == ["read_source"]
    stored = query_all(ddb, table, "wf-example-fail")
    assert len(stored) == len(events) and any(e["event_type"] == "workflow_error" for e in stored)


def test_a_prompt_saying_slow_says_so_and_makes_the_model_calls_take_time(local_db, table):
    done, events, _ = _run("A slow run please", "wf-example-slow", table, local_db)
    assert done.returncode == 0, done.stderr
    logs = [e["payload"]["message"] for e in events if e["event_type"] == "log"]
    assert any(m.startswith("Slow mode") for m in logs)
    llm = [e for e in events if e["event_type"] == "llm_call"]
    assert len(llm) == 2 and all(e["payload"]["duration_ms"] > 0 for e in llm)
    quick = _run("A quick run please", "wf-example-quick", table, local_db)[1]
    assert not any(e["event_type"] == "log" and e["payload"]["message"].startswith("Slow mode") for e in quick)
