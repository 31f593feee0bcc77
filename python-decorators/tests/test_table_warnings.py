"""A full queue is reported only when the queue is full, with its real cause; a missing table says
the table is missing (and how to deploy it) and never blames throughput."""
import pytest

from agentify import emit, emitter, flush
from conftest import use_table, wait_for
from faults import FaultProxy


def _messages(caplog, text):
    return [r.getMessage() for r in caplog.records if text in r.getMessage()]


def test_a_missing_table_says_so_once_and_never_that_the_queue_is_full(local_env, caplog):
    use_table(local_env, "agentify-missing-table", stdout=False, queue_size=5, writer_threads=1,
              workflow_id="wf-missing")
    with caplog.at_level("WARNING", logger="agentify"):
        for i in range(500):
            emit("log", {"message": str(i)})
        assert flush(60)
    missing = _messages(caplog, "does not exist")
    assert len(missing) == 1 and "aws cloudformation deploy" in missing[0]
    assert _messages(caplog, "is full") == []
    sink = emitter.table_sink()
    assert (sink.written, sink.dropped, sink.failed) == (0, 0, 500)


@pytest.fixture
def proxy(local_db):
    host, port = local_db.rsplit("/", 1)[1].split(":")
    p = FaultProxy(host, int(port))
    yield p
    p.close()


def test_a_full_queue_while_the_table_is_unreachable_names_the_outage(local_env, table, proxy, caplog):
    use_table(proxy.endpoint, table, stdout=False, queue_size=20, writer_threads=1, workflow_id="wf-full-outage")
    emit("log", {"message": "warm"})
    assert flush(60)
    proxy.refuse()
    sink = emitter.table_sink()
    with caplog.at_level("WARNING", logger="agentify"):
        emit("log", {"message": "first of the outage"})
        assert wait_for(lambda: sink.retried > 0, 60)  # the writer is meeting the outage
        for i in range(200):
            emit("log", {"message": str(i)})
        proxy.accept()
        assert flush(120)
    full = _messages(caplog, "is full")
    assert len(full) == 1 and "has not answered" in full[0] and "throughput" not in full[0]
    assert sink.dropped > 0 and sink.written + sink.dropped == 202 and sink.failed == 0


def test_a_full_queue_of_a_slow_table_blames_throughput_and_counts_exactly(local_env, table, caplog):
    use_table(local_env, table, stdout=False, queue_size=5, writer_threads=1, workflow_id="wf-full-slow")
    with caplog.at_level("WARNING", logger="agentify"):
        for i in range(2000):
            emit("log", {"message": str(i)})
        assert flush(60)
    sink = emitter.table_sink()
    full = _messages(caplog, "is full")
    assert len(full) == 1 and "throughput" in full[0]
    assert sink.dropped > 0 and sink.written == 2000 - sink.dropped
