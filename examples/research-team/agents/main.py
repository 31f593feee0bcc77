"""Research team sample workflow: planner → researcher (web_search, read_source) → writer.

    python3 agents/main.py --prompt "Compare three vector databases" [--workflow-id ID] [--trace-id HEX]

The extension runs it with PYTHONPATH pointing at the Agentify decorators. Exit code 0 on success,
1 when the workflow failed (a prompt with the word "fail" makes read_source raise, to show errors;
one with the word "slow" makes the run take about half a minute, to try Stop).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
try:
    import agentify  # noqa: F401
except ImportError:  # running from a checkout without PYTHONPATH: use the repository's package
    sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "python-decorators"))

from agentify import flush, workflow  # noqa: E402
from agentify.cli import parse_run_args  # noqa: E402

import team  # noqa: E402

DEFAULT_PROMPT = "Compare three open-source vector databases for a small team"

GRAPH = {
    "nodes": [
        {"id": "start", "label": "Prompt", "kind": "entry"},
        {"id": "planner", "label": "planner", "kind": "agent"},
        {"id": "researcher", "label": "researcher", "kind": "agent"},
        {"id": "web_search", "label": "web_search", "kind": "tool"},
        {"id": "read_source", "label": "read_source", "kind": "tool"},
        {"id": "writer", "label": "writer", "kind": "agent"},
        {"id": "end", "label": "Report", "kind": "exit"},
    ],
    "edges": [
        {"from": "start", "to": "planner"},
        {"from": "planner", "to": "researcher", "label": "questions"},
        {"from": "researcher", "to": "web_search", "label": "uses"},
        {"from": "researcher", "to": "read_source", "label": "uses"},
        {"from": "researcher", "to": "writer", "label": "findings"},
        {"from": "writer", "to": "end"},
    ],
}


@workflow(name="research-team", graph=GRAPH)
def research(prompt):
    team.set_pace(prompt)
    questions = team.planner(prompt)
    findings = team.researcher(questions, fail=team.wants_failure(prompt))
    return team.writer(prompt, findings)


def main(argv=None):
    args = parse_run_args(argv, default_prompt=DEFAULT_PROMPT)
    try:
        report = research(args.prompt or DEFAULT_PROMPT)
    except Exception as exc:
        print("research-team failed: %s: %s" % (type(exc).__name__, exc), file=sys.stderr)
        return 1
    finally:
        flush(10)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
