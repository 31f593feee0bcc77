"""A generated project built from the wizard's real templates (src/wizard/generator/templates) in a
temporary folder: the fixed modules copied, one agent module per agent filled in from agent.py,
and a small design. The Agentify decorators of this repository are put on sys.path."""
import importlib
import json
import os
import shutil
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
TEMPLATES = os.path.join(REPO_ROOT, "src", "wizard", "generator", "templates")
DECORATORS = os.path.join(REPO_ROOT, "python-decorators")
sys.path.insert(0, DECORATORS)

STATIC = ["main.py", "workflow_runtime.py", "mock_tools.py", "agent_registry.py"]
PROJECT_MODULES = ["main", "workflow_runtime", "mock_tools", "agent_registry"]


def _tool(ident, name):
    return {"name": name, "description": "Looks up " + name, "ident": ident}


DESIGN = {
    "title": "Resolve return requests",
    "project": "resolve-return-requests",
    "default_prompt": "Return order ORD-1",
    "objective": "Resolve return requests",
    "industry": "retail",
    "systems": [],
    "pattern": "sequential",
    "order": ["agent-1", "agent-2", "agent-3"],
    "agents": [
        {"id": "agent-1", "name": "Triage Agent", "role": "Routes the request", "instructions": "Route it.",
         "module": "agent_triage_agent", "tools": [_tool("classify_request", "classify_request")]},
        {"id": "agent-2", "name": "Returns Specialist", "role": "", "instructions": "",
         "module": "agent_returns_specialist",
         "tools": [_tool("check_policy", "Check policy"), _tool("check_policy_2", "Check policy")]},
        {"id": "agent-3", "name": "Reporter", "role": "Writes the answer", "instructions": "",
         "module": "agent_reporter", "tools": []},
    ],
    "edges": [{"from": "agent-1", "to": "agent-2"}, {"from": "agent-2", "to": "agent-3"}],
    "kpis": [{"name": "Resolution time", "target": "< 2 minutes"}],
    "guardrails": {"constraints": [], "forbiddenData": [], "approvals": []},
}


def fill_agent_template(agent):
    """A minimal filling of agent.py for plain ASCII values (the extension's filler escapes any text;
    its own tests cover hostile input)."""
    lines = open(os.path.join(TEMPLATES, "agent.py"), encoding="utf-8").read().split("\n")
    start, end = lines.index("# {{#tools}}"), lines.index("# {{/tools}}")
    block = lines[start + 1:end]
    body = []
    for t in agent["tools"]:
        for line in block:
            body.append(line.replace("{{tool_name}}", t["name"]).replace("__tpl_tool_ident__", t["ident"])
                        .replace("{{tool_key}}", agent["module"] + "." + t["ident"]))
    text = "\n".join(lines[:start] + body + lines[end + 1:])
    text = text.replace("__tpl_tool_idents__", ", ".join(t["ident"] for t in agent["tools"]))
    return text.replace("{{agent_id}}", agent["id"]).replace("{{agent_name}}", agent["name"])


def write_project(root, design):
    agents = os.path.join(root, "agents")
    os.makedirs(agents)
    os.makedirs(os.path.join(root, "mock_data"))
    for name in STATIC:
        shutil.copy(os.path.join(TEMPLATES, name), os.path.join(agents, name))
    for a in design["agents"]:
        with open(os.path.join(agents, a["module"] + ".py"), "w", encoding="utf-8") as f:
            f.write(fill_agent_template(a))
    with open(os.path.join(agents, "workflow_design.json"), "w", encoding="utf-8") as f:
        json.dump(design, f)
    responses = {a["module"] + "." + t["ident"]: {"agent": a["name"], "tool": t["name"], "response": {"ok": t["ident"]}}
                 for a in design["agents"] for t in a["tools"]}
    with open(os.path.join(root, "mock_data", "tool_responses.json"), "w", encoding="utf-8") as f:
        json.dump(responses, f)
    return root


@pytest.fixture
def project(tmp_path):
    """The project's folder; its agents/ modules importable for the length of one test."""
    root = write_project(str(tmp_path / "project"), json.loads(json.dumps(DESIGN)))
    agents = os.path.join(root, "agents")
    sys.path.insert(0, agents)
    yield root
    sys.path.remove(agents)
    for name in PROJECT_MODULES + [a["module"] for a in DESIGN["agents"]]:
        sys.modules.pop(name, None)


@pytest.fixture
def modules(project):
    """Imports a module of the project by name."""
    return importlib.import_module
