"""A forked child is a producer of its own: it never inherits the parent's queued events or exit
flush, and gets its own producer id and writer slot (so its timestamps cannot clash with the
parent's)."""
import json
import os
import subprocess
import sys
import textwrap

from conftest import PACKAGE_ROOT, REGION, query_all

SCRIPT = textwrap.dedent("""
    import json, os, sys
    from agentify import emit, emitter, flush

    for i in range(2000):
        emit("log", {"message": "parent-%d" % i})
    parent_sink = emitter.table_sink()
    pending_at_fork = parent_sink.pending
    pid = os.fork()
    if pid == 0:
        inherited = emitter.table_sink()
        for i in range(3):
            emit("log", {"message": "child-%d" % i})
        mine = emitter.table_sink()
        sys.stderr.write(json.dumps({"child": True, "inherited": inherited is not None, "pending": mine.pending,
                                     "same_sink": mine is parent_sink}) + "\\n")
        sys.exit(0)  # a normal exit: the atexit flush runs, for the child's own events only
    _, status = os.waitpid(pid, 0)
    assert flush(120)
    sys.stderr.write(json.dumps({"child": False, "child_status": status, "pending_at_fork": pending_at_fork,
                                 "written": parent_sink.written}) + "\\n")
""")


def test_a_forked_child_writes_only_its_own_events_under_its_own_producer(local_env, table, ddb):
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT, AGENTIFY_TABLE_NAME=table, AGENTIFY_DYNAMODB_ENDPOINT=local_env,
               AGENTIFY_TABLE_REGION=REGION, AGENTIFY_WORKFLOW_ID="wf-fork", AGENTIFY_STDOUT="0",
               AGENTIFY_FLUSH_TIMEOUT="60")
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    reports = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    child = next(r for r in reports if r["child"])
    parent = next(r for r in reports if not r["child"])
    assert parent["pending_at_fork"] > 0  # the parent really had events queued when it forked
    assert child == {"child": True, "inherited": False, "pending": child["pending"], "same_sink": False}
    assert child["pending"] <= 3
    assert parent["child_status"] == 0 and parent["written"] == 2000
    assert "not yet written" not in done.stderr  # the child's exit did not wait on the parent's queue
    stored = query_all(ddb, table, "wf-fork")
    assert len(stored) == 2003 and len({e["timestamp"] for e in stored}) == 2003
    producers = {}
    for e in stored:
        producers.setdefault(e["producer_id"], []).append(e)
    assert len(producers) == 2
    child_events = next(v for v in producers.values() if v[0]["payload"]["message"].startswith("child"))
    parent_events = next(v for v in producers.values() if v[0]["payload"]["message"].startswith("parent"))
    assert sorted(e["seq"] for e in child_events) == [1, 2, 3]
    assert sorted(e["payload"]["message"] for e in child_events) == ["child-0", "child-1", "child-2"]
    assert {round(e["timestamp"] % 1, 3) for e in child_events}.isdisjoint(
        {round(e["timestamp"] % 1, 3) for e in parent_events})
