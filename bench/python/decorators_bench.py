"""Agentify decorators benchmark: prints figures, never fails on a time.

    python3 bench/python/decorators_bench.py [--calls N] [--events N]

Starts DynamoDB Local the way the tests do (node scripts/local-db.mjs --port 0, stopped at the end)
and measures, in one run:
  1. per-call cost of an undecorated no-op and of a @tool no-op (2 events per call) with the table
     sink only, the stdout sink only (to /dev/null), and both, on the caller's thread, while the
     table writers are busy storing what the calls emit;
  2. a synchronous boto3 put_item caller (one conditional PutItem per event, as a workflow without
     a queue would do it): its events/s is the baseline of this run;
  3. sustained events/s into the table, from the first emit until flush() returns, with batched
     writes (BatchWriteItem, the default) and with the old one-PutItem-per-event path, and how many
     items actually arrived (zero loss expected), each as a ratio to the synchronous caller.
Targets: caller-thread cost <= 15 us per event with both sinks; >= 3,000 events/s per process with
zero loss and >= 3x the synchronous caller in the same run.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python-decorators"))

import boto3  # noqa: E402

import agentify  # noqa: E402
from agentify import emitter  # noqa: E402

KEY = "agentifylocal"
TABLE = "agentify-workflow-events"


def start_local_db():
    proc = subprocess.Popen(["node", "scripts/local-db.mjs", "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    found = {}
    ready = threading.Event()

    def read():
        for line in proc.stdout:
            m = re.match(r"endpoint (http://\S+)", line.strip())
            if m and "endpoint" not in found:
                found["endpoint"] = m.group(1)
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(120):
        os.killpg(proc.pid, signal.SIGTERM)
        raise SystemExit("local DynamoDB did not start")
    return proc, found["endpoint"]


def stop_local_db(proc):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def per_call_us(fn, n):
    """(wall µs/call, caller-thread CPU µs/call). Wall time includes waiting for the GIL while the
    writer threads run; thread CPU time is what the call itself costs the workflow's thread."""
    for i in range(min(n, 500)):  # warm up
        fn(i)
    start, cpu = time.perf_counter(), time.thread_time()
    for i in range(n):
        fn(i)
    return (time.perf_counter() - start) / n * 1e6, (time.thread_time() - cpu) / n * 1e6


def count_items(client, workflow_id):
    total, kwargs = 0, {}
    while True:
        page = client.query(TableName=TABLE, KeyConditionExpression="workflow_id = :w AND #ts >= :zero",
                            Select="COUNT", ExpressionAttributeNames={"#ts": "timestamp"},
                            ExpressionAttributeValues={":w": {"S": workflow_id}, ":zero": {"N": "0"}}, **kwargs)
        total += page["Count"]
        if "LastEvaluatedKey" not in page:
            return total
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=20000)
    parser.add_argument("--puts", type=int, default=1000)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--writers", type=int, default=None, help="writer threads (default: the package's)")
    args = parser.parse_args()

    proc, endpoint = start_local_db()
    try:
        client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                              aws_access_key_id=KEY, aws_secret_access_key=KEY)
        base = dict(table_name=TABLE, endpoint=endpoint, region="us-east-1",
                    queue_size=max(args.calls, args.events) * 3)
        if args.writers:
            base["writer_threads"] = args.writers

        def noop(x):
            return x

        plain = per_call_us(noop, args.calls)

        agentify.configure(stdout=False, workflow_id="wf-bench-overhead", **base)
        traced = agentify.tool(name="noop")(noop)
        table_only = per_call_us(traced, args.calls)
        agentify.flush(120)

        with open(os.devnull, "w") as devnull:
            agentify.configure(stdout=True, stream=devnull, workflow_id="wf-bench-stdout-only",
                               **dict(base, table_name=None))
            stdout_only = per_call_us(agentify.tool(name="noop")(noop), args.calls)
            agentify.configure(stdout=True, stream=devnull, workflow_id="wf-bench-stdout", **base)
            traced_stdout = agentify.tool(name="noop")(noop)
            with_stdout = per_call_us(traced_stdout, args.calls)
            agentify.flush(120)

        item = {"workflow_id": {"S": "wf-bench-sync"}, "event_type": {"S": "log"},
                "payload": {"M": {"message": {"S": "x"}}}}
        ts = [int(time.time() * 1000)]

        def sync_put(_):
            ts[0] += 1
            client.put_item(TableName=TABLE, Item=dict(item, timestamp={"N": str(ts[0])}),
                            ConditionExpression="attribute_not_exists(workflow_id)")

        sync = per_call_us(sync_put, args.puts)

        sustained = {}
        for label, batch_writes in (("batched (BatchWriteItem)", True), ("one PutItem per event", False)):
            workflow_id = "wf-bench-sustained-%s" % ("batch" if batch_writes else "put")
            agentify.configure(stdout=False, stream=None, workflow_id=workflow_id, batch_writes=batch_writes, **base)
            agentify.emit("log", {"message": "warm-up"})  # claims the writer slot before the clock starts
            agentify.flush(60)
            start = time.perf_counter()
            for i in range(args.events):
                agentify.emit("log", {"message": "event %d" % i})
            emitted = time.perf_counter() - start
            drained = agentify.flush(300)
            elapsed = time.perf_counter() - start
            sink = emitter.table_sink()
            stored = count_items(client, workflow_id) - 1
            sustained[label] = (emitted, elapsed, drained, stored, sink.written - 1, sink.dropped, sink.failed)

        sync_rate = 1e6 / sync[0]
        print("Agentify decorators benchmark (Python %s, DynamoDB Local at %s)" % (sys.version.split()[0], endpoint))
        print("  per call (wall / caller-thread CPU); a @tool call emits 2 events; table writers busy meanwhile")
        print("  undecorated no-op call                 %8.2f / %8.2f us/call" % plain)
        for label, (wall, cpu) in (("@tool no-op, table sink only", table_only),
                                   ("@tool no-op, stdout sink only", stdout_only),
                                   ("@tool no-op, stdout + table", with_stdout)):
            print("  %-38s %8.2f / %8.2f us/call -> per event: %.2f us wall, %.2f us caller CPU"
                  % (label, wall, cpu, (wall - plain[0]) / 2, (cpu - plain[1]) / 2))
        print("  synchronous boto3 put_item caller      %8.2f / %8.2f us/event -> %.0f events/s (baseline)"
              % (sync[0], sync[1], sync_rate))
        for label, (emitted, elapsed, drained, stored, written, dropped, failed) in sustained.items():
            rate = args.events / elapsed
            print("  sustained, %-26s %d events emitted in %.3f s, stored in %.3f s -> %.0f events/s = %.1fx the "
                  "synchronous caller%s" % (label + ":", args.events, emitted, elapsed, rate, rate / sync_rate,
                                            "" if drained else " (flush timed out)"))
            print("      items in table: %d of %d (lost %d; written %d, dropped %d, failed %d)"
                  % (stored, args.events, args.events - stored, written, dropped, failed))
        batched = args.events / sustained["batched (BatchWriteItem)"][1]
        single = args.events / sustained["one PutItem per event"][1]
        print("  batched / one-PutItem: %.1fx" % (batched / single))
        print("  targets: caller CPU <= 15 us/event with both sinks; >= 3,000 events/s with zero loss; "
              ">= 3x the synchronous caller")
    finally:
        stop_local_db(proc)


if __name__ == "__main__":
    main()
