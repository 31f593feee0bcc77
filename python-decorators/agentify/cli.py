"""The run context the extension passes on the command line: --prompt, --workflow-id, --trace-id
(with AGENTIFY_WORKFLOW_ID / AGENTIFY_TRACE_ID as fallbacks, then generated ids). Parsing also
configures Agentify, so @workflow uses these ids without further wiring."""
from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from . import config, ids
from ._log import logger

_TRACE_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class RunArgs:
    prompt: str
    workflow_id: str
    trace_id: str
    extra: List[str] = field(default_factory=lambda: [])  # arguments this parser did not know


def parse_run_args(argv: Optional[Sequence[str]] = None, default_prompt: str = "", configure: bool = True) -> RunArgs:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--prompt", default=None)
    parser.add_argument("--workflow-id", dest="workflow_id", default=None)
    parser.add_argument("--trace-id", dest="trace_id", default=None)
    known, extra = parser.parse_known_args(argv)
    prompt = known.prompt if known.prompt is not None else os.environ.get("AGENTIFY_PROMPT", default_prompt)
    workflow_id = (known.workflow_id or os.environ.get("AGENTIFY_WORKFLOW_ID") or "").strip()
    if not workflow_id or len(workflow_id) > 256:
        workflow_id = ids.new_workflow_id()
    trace_id = (known.trace_id or os.environ.get("AGENTIFY_TRACE_ID") or "").strip().lower()
    if not _TRACE_ID.match(trace_id):
        if trace_id:
            logger.warning("agentify: trace id %r is not 32 lowercase hex digits; using a new one.", trace_id)
        trace_id = ids.new_trace_id()
    args = RunArgs(prompt=prompt, workflow_id=workflow_id, trace_id=trace_id, extra=list(extra))
    if configure:
        config.update(workflow_id=workflow_id, trace_id=trace_id)
    return args
