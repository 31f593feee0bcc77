"""The run context from the command line and the environment the extension sets."""
import re

from agentify import config, workflow
from agentify.cli import parse_run_args


def test_arguments_are_parsed_and_configure_the_run(captured):
    args = parse_run_args(["--prompt", "hello world", "--workflow-id", "wf-cli", "--trace-id", "AB" * 16, "--other"])
    assert (args.prompt, args.workflow_id, args.trace_id) == ("hello world", "wf-cli", "ab" * 16)
    assert args.extra == ["--other"]

    @workflow
    def run():
        return 1

    run()
    assert {(e["workflow_id"], e["payload"]["trace_id"]) for e in captured.events} == {("wf-cli", "ab" * 16)}


def test_missing_ids_are_generated_in_the_documented_shape():
    args = parse_run_args([], default_prompt="default")
    assert args.prompt == "default"
    assert re.fullmatch(r"wf-[0-9a-f]{8}", args.workflow_id)
    assert re.fullmatch(r"[0-9a-f]{32}", args.trace_id)
    assert parse_run_args([]).workflow_id != args.workflow_id


def test_environment_fills_in_what_the_command_line_leaves_out(monkeypatch):
    monkeypatch.setenv("AGENTIFY_WORKFLOW_ID", "wf-env")
    monkeypatch.setenv("AGENTIFY_TRACE_ID", "cd" * 16)
    args = parse_run_args(["--prompt", "p"])
    assert (args.workflow_id, args.trace_id) == ("wf-env", "cd" * 16)


def test_an_invalid_trace_id_is_replaced_with_a_warning(caplog):
    with caplog.at_level("WARNING", logger="agentify"):
        args = parse_run_args(["--trace-id", "not-hex"])
    assert re.fullmatch(r"[0-9a-f]{32}", args.trace_id)
    assert "not 32 lowercase hex" in caplog.text


def test_environment_settings_are_read(monkeypatch):
    monkeypatch.setenv("AGENTIFY_TABLE_NAME", "t1")
    monkeypatch.setenv("AGENTIFY_TABLE_REGION", "eu-west-1")
    monkeypatch.setenv("AGENTIFY_DYNAMODB_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setenv("AGENTIFY_STDOUT", "0")
    monkeypatch.setenv("AGENTIFY_TTL_SECONDS", "60")
    s = config.reload_from_env()
    assert (s.table_name, s.region, s.endpoint, s.stdout, s.ttl_seconds, s.disabled) == (
        "t1", "eu-west-1", "http://127.0.0.1:9", False, 60, False)


def test_ttl_is_creation_plus_the_configured_lifetime(captured):
    from agentify import configure, emit

    configure(stream=captured.stream, ttl_seconds=3600)
    event = emit("log", {"message": "x"})
    assert event["ttl"] - event["timestamp"] // 1000 in (3600, 3601)
