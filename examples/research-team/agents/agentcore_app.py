"""The research team as an Amazon Bedrock AgentCore agent that journals its session.

The entrypoint answers at once and runs the workflow as a background task; the session journal
records each stage (docs/SESSION_JOURNAL.md). Deployed, `bedrock_agentcore` serves it; offline,
the IDE's stand-in of InvokeAgentRuntime runs it with `python -m agentify.journal.local_runtime`.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
try:
    import agentify  # noqa: F401
except ImportError:  # running from a checkout without PYTHONPATH: use the repository's package
    sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "python-decorators"))

from agentify import journal  # noqa: E402

from main import DEFAULT_PROMPT, research  # noqa: E402

try:
    from bedrock_agentcore.runtime import BedrockAgentCoreApp
except ImportError:  # not installed: the local runtime calls invoke() directly
    BedrockAgentCoreApp = None

app = BedrockAgentCoreApp() if BedrockAgentCoreApp is not None else None


@journal.entrypoint
def invoke(payload, context=None):
    prompt = (payload or {}).get("prompt") or DEFAULT_PROMPT
    journal.run_in_background(research, prompt, app=app, name="research-team")
    return {"status": "started", "session_id": journal.current_session_id()}


if app is not None:
    app.entrypoint(invoke)

if __name__ == "__main__" and app is not None:
    app.run()
