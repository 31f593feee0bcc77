"""The stdout line format the extension parses: exactly one compact ASCII line per event, the
envelope {"agentify":1,"event":{...}}, on the process's real stdout at emit time."""
import json
import os
import subprocess
import sys
import textwrap

from hypothesis import given, settings, strategies as st

from agentify.serialize import to_jsonable
from agentify.sinks.stdout import event_line, format_line
from agentify.truncate import fit_payload_text
from conftest import PACKAGE_ROOT

payloads = st.dictionaries(st.text(max_size=10), st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=6), c, max_size=4), max_leaves=20),
    max_size=6)


@settings(max_examples=200, deadline=None)
@given(payloads, st.text(min_size=1, max_size=20))
def test_line_is_one_ascii_envelope_holding_exactly_the_event(payload, agent_name):
    payload = to_jsonable(payload)
    event = {"workflow_id": "wf-1", "timestamp": 5, "event_type": "log", "payload": payload, "ttl": 9,
             "agent_name": agent_name}
    _, text = fit_payload_text(payload, 10 ** 9)
    for line in (format_line(event), format_line(event, text)):
        assert line.endswith("\n") and line.count("\n") == 1 and "\r" not in line
        assert line.isascii()
        assert line.startswith('{"agentify":1,"event":{')
        assert json.loads(line) == {"agentify": 1, "event": event}


def test_events_go_to_the_real_stdout_between_the_users_own_prints():
    script = textwrap.dedent("""
        import contextlib, io
        from agentify import emit, tool

        @tool
        def step():
            print("user line inside the tool")
            return 1

        print("user line before")
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            step()  # the events still reach the real stdout
        print("user line after")
    """)
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT)
    for name in [n for n in env if n.startswith("AGENTIFY_")]:
        del env[name]
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "user line before" and lines[-1] == "user line after"
    events = [json.loads(line)["event"] for line in lines[1:-1]]
    assert [e["payload"]["status"] for e in events] == ["started", "completed"]


@settings(max_examples=200, deadline=None)
@given(payloads, st.text(max_size=12), st.none() | st.text(max_size=12),
       st.integers(min_value=0, max_value=2 ** 42), st.integers(min_value=0, max_value=999), st.integers(min_value=1))
def test_the_line_built_from_fields_is_the_line_of_the_event(payload, workflow_id, agent_name, ms, slot, seq):
    payload = to_jsonable(payload)
    timestamp = ms + slot / 1000 if slot else ms
    event = {"workflow_id": workflow_id, "timestamp": timestamp, "event_type": "tool_call", "payload": payload,
             "ttl": 77, "producer_id": "p" * 16, "seq": seq}
    if agent_name is not None:
        event["agent_name"] = agent_name
    _, text = fit_payload_text(payload, 10 ** 9)
    line = event_line(workflow_id, timestamp, "tool_call", 77, agent_name, "p" * 16, seq, text)
    assert line.isascii() and line.endswith("}}\n") and line.count("\n") == 1
    assert json.loads(line) == json.loads(format_line(event)) == {"agentify": 1, "event": event}
