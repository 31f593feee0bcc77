"""The wizard's Python templates as a generated project runs them: the graph names agents as their
events do, the agents are registered with their tools as capabilities, and registering never stops
or fails the workflow."""
import json
import logging
import os
import subprocess
import sys

from conftest import DECORATORS, DESIGN


class RecordingRegistry:
    """Stands in for agentify.registry, which is its own part with its own tests: this records what
    the generated project passes through the contract register(agent_id, name, endpoint,
    capabilities, *, description, version, skills) -> bool."""

    def __init__(self, answer=True):
        self.calls = []
        self.answer = answer

    def register(self, agent_id, name, endpoint, capabilities, *, description=None, version=None, skills=None):
        self.calls.append({"agent_id": agent_id, "name": name, "endpoint": endpoint, "capabilities": capabilities,
                           "description": description, "skills": skills})
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def test_graph_identifies_agents_by_the_name_their_events_carry(modules):
    runtime = modules("workflow_runtime")
    g = runtime.graph()
    agents = [n for n in g["nodes"] if n["kind"] == "agent"]
    names = [a["name"] for a in DESIGN["agents"]]
    assert [n["id"] for n in agents] == names
    assert [n["label"] for n in agents] == names
    ids = {n["id"] for n in g["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in g["edges"])
    handoffs = [(e["from"], e["to"]) for e in g["edges"] if "label" not in e and "start" not in (e["from"], e["to"])
                and e["to"] != "end"]
    assert handoffs == [("Triage Agent", "Returns Specialist"), ("Returns Specialist", "Reporter")]
    tools = [n for n in g["nodes"] if n["kind"] == "tool"]
    assert [n["id"] for n in tools] == ["Triage Agent/classify_request", "Returns Specialist/check_policy",
                                        "Returns Specialist/check_policy_2"]


def test_each_agent_is_registered_with_its_tools_as_capabilities(modules):
    reg = modules("agent_registry")
    registry = RecordingRegistry()
    assert reg.register_all(reg.agent_profiles(), registry) == 3
    # The Demo Viewer looks an agent up under the slug of the name its events carry.
    assert [c["agent_id"] for c in registry.calls] == ["triage-agent", "returns-specialist", "reporter"]
    assert reg.agent_id("  Planner (2) ") == "planner-2"
    assert [c["name"] for c in registry.calls] == ["Triage Agent", "Returns Specialist", "Reporter"]
    assert [c["capabilities"] for c in registry.calls] == [["classify_request"], ["check_policy", "check_policy_2"], []]
    assert registry.calls[0]["endpoint"] == "http://127.0.0.1/resolve-return-requests/agent_triage_agent"
    assert registry.calls[0]["description"] == "Routes the request"
    assert registry.calls[1]["description"] is None
    assert registry.calls[1]["skills"][0] == {"id": "check_policy", "name": "Check policy",
                                             "description": "Looks up Check policy", "tags": ["check_policy"]}


def test_the_endpoint_base_comes_from_the_environment(modules, monkeypatch):
    monkeypatch.setenv("AGENTIFY_AGENT_ENDPOINT", "https://agents.example.com/")
    reg = modules("agent_registry")
    assert reg.agent_profiles()[2]["endpoint"] == "https://agents.example.com/resolve-return-requests/agent_reporter"


def test_a_registry_that_refuses_or_raises_never_reaches_the_workflow(modules, caplog):
    reg = modules("agent_registry")
    caplog.set_level(logging.WARNING, logger="agentify")
    assert reg.register_all(reg.agent_profiles(), RecordingRegistry(answer=False)) == 0
    assert "3 of 3 agents were not registered" in caplog.text
    caplog.clear()
    assert reg.register_all(reg.agent_profiles(), RecordingRegistry(answer=RuntimeError("table gone"))) == 0
    assert "RuntimeError: table gone" in caplog.text


def test_registration_runs_in_the_background_and_can_be_turned_off(modules, monkeypatch):
    reg = modules("agent_registry")
    registry = RecordingRegistry()
    reg.start_registration(registry=registry).join(5)
    assert len(registry.calls) == 3
    for name, value in [("AGENTIFY_REGISTER_AGENTS", "0"), ("AGENTIFY_DISABLED", "1")]:
        monkeypatch.setenv(name, value)
        off = RecordingRegistry()
        reg.start_registration(registry=off).join(5)
        assert off.calls == []
        monkeypatch.delenv(name)


def test_decorators_without_a_registry_module_log_once_and_go_on(modules, monkeypatch, caplog):
    reg = modules("agent_registry")
    caplog.set_level(logging.WARNING, logger="agentify")
    monkeypatch.setitem(sys.modules, "agentify.registry", None)  # makes `from agentify import registry` fail
    import agentify

    monkeypatch.delattr(agentify, "registry", raising=False)
    reg.start_registration().join(5)
    assert "no agent registry (agentify.registry)" in caplog.text


def test_the_project_runs_and_its_events_name_the_graph_nodes(project):
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": DECORATORS, "PYTHONIOENCODING": "utf-8",
           "AGENTIFY_REGISTER_AGENTS": "0"}
    done = subprocess.run([sys.executable, "agents/main.py", "--prompt", "Return ORD-1"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    events = [json.loads(line)["event"] for line in done.stdout.splitlines() if line.startswith('{"agentify"')]
    graph = next(e for e in events if e["event_type"] == "graph_structure")
    nodes = {n["id"] for n in graph["payload"]["nodes"] if n["kind"] == "agent"}
    started = [e["agent_name"] for e in events if e["event_type"] == "agent_start"]
    assert started == ["Triage Agent", "Returns Specialist", "Reporter"]
    assert nodes == set(started)
    assert events[-1]["event_type"] == "workflow_complete"
    assert "### Reporter" in done.stdout
