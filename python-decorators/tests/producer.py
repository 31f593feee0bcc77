"""A producer process for the multi-process tests: waits for the gate file, emits N log events in a
tight loop (stdout and table from the environment), flushes, and prints its sink's counters as JSON
on stderr."""
import json
import os
import sys
import time

from agentify import emit, emitter, flush

name, count, gate = sys.argv[1], int(sys.argv[2]), sys.argv[3]
deadline = time.monotonic() + 60
while not os.path.exists(gate) and time.monotonic() < deadline:
    time.sleep(0.005)
for i in range(count):
    emit("log", {"message": "%s-%d" % (name, i)})
flushed = flush(120)
sink = emitter.table_sink()
sys.stderr.write(json.dumps({"flushed": flushed, "written": sink.written, "dropped": sink.dropped,
                             "failed": sink.failed, "clashed": sink.clashed}) + "\n")
