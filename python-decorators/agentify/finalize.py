"""What every sink stores: the event masked (built-in rules, extra patterns, the user's hook),
then cut to the size limit. Masking runs first so a cut never leaves half a secret behind."""
from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from ._log import warn_once
from .config import Settings
from .masking import Masker
from .serialize import to_jsonable
from .sinks.base import Event
from .truncate import fit_payload_text


class Finalizer:
    def __init__(self, settings: Settings) -> None:
        self._masker = Masker(settings.mask_patterns)
        self._hook = settings.mask
        self._limit = settings.max_payload_bytes

    def __call__(self, event: Event) -> Event:
        return self.with_text(event)[0]

    def snapshot(self, payload: Any) -> Dict[str, Any]:
        """A payload snapshotted and masked in one walk (see Masker.snapshot); finish() completes it."""
        return self._masker.snapshot(payload)

    def with_text(self, event: Event) -> Tuple[Event, Optional[str]]:
        """The final event and its payload's ASCII JSON when known."""
        out = dict(event)
        out["payload"], text = self.finish(self._masker.payload(event["payload"]))
        return out, text

    def finish(self, payload: Dict[str, Any]) -> Tuple[Dict[str, Any], Optional[str]]:
        """A masked payload after the user's hook and the size limit, with its ASCII JSON when known."""
        hook = self._hook
        if hook is not None:
            try:
                result = hook(payload)
                if isinstance(result, dict):
                    payload = to_jsonable(result)
            except Exception as exc:
                warn_once("mask_hook", "agentify: the configure(mask=...) hook raised %s: %s; events keep the "
                          "built-in masking only." % (type(exc).__name__, exc))
        return fit_payload_text(payload, self._limit)
