"""The examples in docs/events.md are real events: each parses and is valid against the schema."""
import json
import os

from conftest import REPO_ROOT, assert_valid


def test_every_documented_example_is_valid(schema_validator):
    with open(os.path.join(REPO_ROOT, "docs", "events.md"), encoding="utf-8") as f:
        text = f.read()
    examples = [json.loads(line) for line in text.splitlines() if line.startswith('{"workflow_id"')]
    assert {e["event_type"] for e in examples} == {
        "workflow_start", "workflow_complete", "workflow_error", "graph_structure", "agent_start", "agent_end",
        "agent_stream", "tool_call", "llm_call", "log"}
    assert_valid(schema_validator, examples)
