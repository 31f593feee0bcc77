"""The user's result and exceptions pass through untouched: same object, traceback intact; and
telemetry that cannot work (a broken stream, unconvertible values) never reaches the workflow."""
import asyncio
import traceback

import pytest

from agentify import agent, configure, emit, tool, workflow


class Boom(Exception):
    pass


def test_result_is_the_same_object(captured):
    result = {"big": list(range(10))}

    @workflow
    def run():
        return result

    assert run() is result


def test_exception_is_the_same_object_with_original_traceback(captured):
    raised = Boom("bad input")

    @tool
    def inner():
        raise raised

    @agent
    def outer():
        return inner()

    @workflow
    def run():
        return outer()

    with pytest.raises(Boom) as info:
        run()
    assert info.value is raised
    frames = [f.name for f in traceback.extract_tb(info.value.__traceback__)]
    assert frames[-1] == "inner" and "outer" in frames
    error = captured.of_type("workflow_error")[0]["payload"]
    assert error["status"] == "failed"
    assert error["error"]["type"] == "Boom" and error["error"]["message"] == "bad input"
    assert "raise raised" in error["error"]["traceback"]
    assert captured.of_type("agent_end")[0]["payload"]["status"] == "failed"
    assert [c["payload"]["status"] for c in captured.of_type("tool_call")] == ["started", "failed"]


def test_async_exception_passes_through(captured):
    err = ValueError("async")

    @workflow
    async def run():
        raise err

    with pytest.raises(ValueError) as info:
        asyncio.run(run())
    assert info.value is err
    assert captured.of_type("workflow_error")[0]["payload"]["error"]["message"] == "async"


def test_unprintable_arguments_and_results_do_not_break_the_call(captured):
    class Hostile:
        def __repr__(self):
            raise RuntimeError("no repr")

        def __str__(self):
            raise RuntimeError("no str")

    hostile = Hostile()

    @tool
    def use(x):
        return hostile

    assert use(hostile) is hostile
    assert captured.of_type("tool_call")[1]["payload"]["output"].startswith("<Hostile (repr failed")


def test_broken_stdout_is_reported_once_and_the_workflow_carries_on(caplog):
    class Closed:
        def write(self, s):
            raise OSError("closed pipe")

        def flush(self):
            pass

    configure(stream=Closed())

    @workflow
    def run():
        emit("log", {"message": "hi"})
        return 42

    with caplog.at_level("WARNING", logger="agentify"):
        assert run() == 42
        assert run() == 42
    warnings = [r for r in caplog.records if "stdout" in r.getMessage()]
    assert len(warnings) == 1


def test_unknown_event_type_is_refused_with_a_warning(captured, caplog):
    with caplog.at_level("WARNING", logger="agentify"):
        assert emit("not_a_type", {}) is None
    assert captured.events == []
    assert "unknown event type" in caplog.text


def test_disabled_turns_everything_off(monkeypatch, captured, capfd):
    monkeypatch.setenv("AGENTIFY_DISABLED", "1")
    from agentify import config

    config.reload_from_env()
    cap_stream = captured.stream
    configure(stream=cap_stream)

    @workflow
    def run():
        emit("log", {"message": "x"})
        return "still works"

    assert run() == "still works"
    assert cap_stream.getvalue() == ""
    assert capfd.readouterr().out == ""
