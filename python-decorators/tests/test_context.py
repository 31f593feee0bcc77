"""Parent/child spans follow contextvars: nesting, asyncio tasks, threads bound with
bind_context(), and threads that were not bound still land in the running workflow."""
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from agentify import agent, bind_context, configure, tool, workflow


def _by_span(events):
    return {e["payload"]["span_id"]: e for e in events if e["payload"].get("status") == "started"}


def test_nested_spans_link_parent_ids_and_share_trace(captured):
    @tool
    def search(q):
        return q

    @agent
    def researcher(q):
        return search(q)

    @workflow
    def run(q):
        return researcher(q)

    run("x")
    start = captured.of_type("workflow_start")[0]["payload"]
    agent_start = captured.of_type("agent_start")[0]
    tool_start = captured.of_type("tool_call")[0]
    assert agent_start["payload"]["parent_span_id"] == start["span_id"]
    assert tool_start["payload"]["parent_span_id"] == agent_start["payload"]["span_id"]
    assert tool_start["agent_name"] == "researcher"
    assert {e["payload"]["trace_id"] for e in captured.events} == {start["trace_id"]}
    assert len({e["workflow_id"] for e in captured.events}) == 1


def test_concurrent_asyncio_tasks_each_keep_their_own_parent(captured):
    @tool
    async def step(name):
        await asyncio.sleep(0.001)
        return name

    @agent
    async def worker(name):
        await asyncio.sleep(0)
        return await step(name)

    @workflow
    async def run():
        return await asyncio.gather(*(asyncio.create_task(worker("w%d" % i)) for i in range(5)))

    assert asyncio.run(run()) == ["w%d" % i for i in range(5)]
    agents = {e["payload"]["input"]["name"]: e["payload"]["span_id"] for e in captured.of_type("agent_start")}
    tools = {e["payload"]["input"]["name"]: e["payload"]["parent_span_id"]
             for e in captured.of_type("tool_call") if e["payload"]["status"] == "started"}
    assert tools == agents  # each tool's parent is the agent of its own task


def test_thread_bound_with_bind_context_nests_under_its_agent(captured):
    @tool
    def work(i):
        return i

    @agent
    def fan_out():
        threads = [threading.Thread(target=bind_context(work), args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(bind_context(work), [10, 11]))

    @workflow
    def run():
        fan_out()

    run()
    agent_span = captured.of_type("agent_start")[0]["payload"]["span_id"]
    tool_starts = [e for e in captured.of_type("tool_call") if e["payload"]["status"] == "started"]
    assert len(tool_starts) == 6
    assert {e["payload"]["parent_span_id"] for e in tool_starts} == {agent_span}
    assert {e["agent_name"] for e in tool_starts} == {"fan_out"}


def test_unbound_thread_lands_in_the_running_workflow(captured):
    @tool
    def work():
        return 1

    @workflow
    def run():
        t = threading.Thread(target=work)
        t.start()
        t.join()

    run()
    root = captured.of_type("workflow_start")[0]
    tool_start = captured.of_type("tool_call")[0]
    assert tool_start["workflow_id"] == root["workflow_id"]
    assert tool_start["payload"]["parent_span_id"] == root["payload"]["span_id"]


def test_configured_ids_are_used_by_the_workflow(captured):
    configure(workflow_id="wf-fixed01", trace_id="ab" * 16)

    @workflow
    def run():
        return 1

    run()
    assert {e["workflow_id"] for e in captured.events} == {"wf-fixed01"}
    assert {e["payload"]["trace_id"] for e in captured.events} == {"ab" * 16}


def test_events_outside_a_workflow_share_one_default_run(captured):
    @tool
    def loose():
        return 1

    loose()
    loose()
    assert len({e["workflow_id"] for e in captured.events}) == 1
    assert all(e["payload"]["parent_span_id"] is None for e in captured.events)
