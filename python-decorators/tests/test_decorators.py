"""Every kind of callable gets the right span: functions, coroutines, generators, async generators,
methods, static and class methods, bare and called decorators."""
import asyncio

import pytest

from agentify import agent, tool, workflow


def _pairs(events, event_type):
    return [e for e in events if e["event_type"] == event_type]


def test_bare_and_called_decorators_name_the_span(captured):
    @agent
    def planner(task):
        return "plan:" + task

    @agent(name="Research Lead")
    def researcher(task):
        return "found:" + task

    assert planner("x") == "plan:x"
    assert researcher("y") == "found:y"
    starts = captured.of_type("agent_start")
    assert [e["agent_name"] for e in starts] == ["planner", "Research Lead"]
    assert [e["payload"]["input"] for e in starts] == [{"task": "x"}, {"task": "y"}]
    ends = captured.of_type("agent_end")
    assert [e["payload"]["output"] for e in ends] == ["plan:x", "found:y"]
    assert all(e["payload"]["status"] == "completed" for e in ends)


def test_coroutine_span_covers_the_awaited_body(captured):
    @tool(name="fetch")
    async def fetch(url):
        await asyncio.sleep(0)
        return {"url": url, "ok": True}

    assert asyncio.run(fetch("http://x")) == {"url": "http://x", "ok": True}
    calls = captured.of_type("tool_call")
    assert [c["payload"]["status"] for c in calls] == ["started", "completed"]
    assert calls[1]["payload"]["output"] == {"url": "http://x", "ok": True}
    assert calls[0]["payload"]["span_id"] == calls[1]["payload"]["span_id"]


def test_generator_span_ends_when_exhausted_not_when_called(captured):
    @agent
    def writer():
        yield "a"
        yield "b"

    gen = writer()
    assert captured.events == []  # nothing runs until iteration starts
    assert next(gen) == "a"
    assert [e["event_type"] for e in captured.events] == ["agent_start"]
    assert list(gen) == ["b"]
    end = captured.of_type("agent_end")
    assert len(end) == 1 and end[0]["payload"]["output"] == "ab"


def test_generator_closed_early_ends_its_span(captured):
    @tool
    def numbers():
        for i in range(100):
            yield i

    gen = numbers()
    assert next(gen) == 0
    gen.close()
    calls = captured.of_type("tool_call")
    assert [c["payload"]["status"] for c in calls] == ["started", "completed"]
    assert calls[1]["payload"]["output"] == [0]


def test_generator_send_throw_and_return_value_pass_through(captured):
    @agent
    def echo():
        received = []
        try:
            while True:
                value = yield len(received)
                received.append(value)
        except KeyError:
            yield "handled"
        return received

    gen = echo()
    assert next(gen) == 0
    assert gen.send("x") == 1
    assert gen.throw(KeyError("k")) == "handled"
    with pytest.raises(StopIteration) as stop:
        next(gen)
    assert stop.value.value == ["x"]
    assert captured.of_type("agent_end")[0]["payload"]["output"] == ["x"]


def test_generator_that_raises_fails_its_span(captured):
    @tool
    def broken():
        yield 1
        raise RuntimeError("midway")

    gen = broken()
    next(gen)
    with pytest.raises(RuntimeError, match="midway"):
        next(gen)
    failed = captured.of_type("tool_call")[-1]["payload"]
    assert failed["status"] == "failed" and failed["error"]["type"] == "RuntimeError"


def test_async_generator_span_ends_when_exhausted(captured):
    @agent(name="streamer")
    async def streamer(n):
        for i in range(n):
            await asyncio.sleep(0)
            yield i

    async def main():
        out = []
        async for item in streamer(3):
            out.append(item)
            # Between items the consumer is back in its own context: its tool is not a child of streamer.
            consumer_tool()
        return out

    @tool
    def consumer_tool():
        return None

    assert asyncio.run(main()) == [0, 1, 2]
    start = captured.of_type("agent_start")[0]
    end = captured.of_type("agent_end")[0]
    assert end["payload"]["output"] == [0, 1, 2]
    assert end["timestamp"] > max(e["timestamp"] for e in captured.of_type("tool_call"))
    assert all(c["payload"]["parent_span_id"] != start["payload"]["span_id"] for c in captured.of_type("tool_call"))


def test_async_generator_closed_early_ends_its_span(captured):
    @tool
    async def ticks():
        i = 0
        while True:
            yield i
            i += 1

    async def main():
        agen = ticks()
        assert await agen.__anext__() == 0
        await agen.aclose()

    asyncio.run(main())
    assert [c["payload"]["status"] for c in captured.of_type("tool_call")] == ["started", "completed"]


def test_methods_static_and_class_methods_drop_self_from_input(captured):
    class Team:
        factor = 3

        @agent(name="member")
        def work(self, x):
            return x * self.factor

        @tool
        @staticmethod
        def helper(x):
            return x + 1

        @tool
        @classmethod
        def build(cls, x):
            return cls.factor + x

        @agent
        async def think(self, topic):
            return topic.upper()

    team = Team()
    assert team.work(2) == 6
    assert Team.helper(1) == 2
    assert Team.build(1) == 4
    assert asyncio.run(team.think("a")) == "A"
    inputs = [e["payload"]["input"] for e in captured.events if e["payload"].get("status") == "started"]
    assert inputs == [{"x": 2}, {"x": 1}, {"x": 1}, {"topic": "a"}]


def test_wrapper_keeps_name_and_docstring():
    @tool(name="lookup")
    def find(q):
        """Finds q."""
        return q

    assert find.__name__ == "find" and find.__doc__ == "Finds q."


def test_workflow_emits_start_graph_complete_with_result(captured):
    graph = {"nodes": [{"id": "planner", "kind": "agent"}], "edges": [{"from": "planner", "to": "planner"}]}

    @workflow(name="demo", graph=graph)
    def run(prompt):
        return {"answer": prompt[::-1]}

    assert run("abc") == {"answer": "cba"}
    types = [e["event_type"] for e in captured.events]
    assert types == ["workflow_start", "graph_structure", "workflow_complete"]
    assert captured.events[1]["payload"]["nodes"] == graph["nodes"]
    assert captured.events[2]["payload"]["result"] == {"answer": "cba"}
    assert captured.events[0]["payload"]["workflow_name"] == "demo"


def test_capture_flags_keep_arguments_and_results_out(captured):
    @tool(capture_input=False, capture_output=False)
    def private(token):
        return "secret result"

    assert private("x") == "secret result"
    for e in captured.events:
        assert "input" not in e["payload"] and "output" not in e["payload"]


def test_decorator_refuses_positional_non_callable():
    with pytest.raises(TypeError):
        agent("planner")
