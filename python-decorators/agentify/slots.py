"""Writer slots: which fraction of a millisecond each producer of a workflow stamps its events
with (agentify.identity). A slot is claimed once per producer and workflow:

1. on this machine, by creating the file <tmp>/agentify-slots-<uid>/<hash of workflow id>/<slot>
   with O_EXCL, so two processes here never take the same slot, table or not;
2. in the table, by one conditional PutItem of a slot item (sort key -slot, no event_type, so
   event readers that query timestamp >= 0 never see it), so producers on other machines do not
   take it either. A slot another producer holds there is skipped and the next one tried.

When the table cannot be reached at the first event, the producer keeps its machine-local slot
(PENDING) and the table writer claims that same slot before writing the workflow's events. If a
producer elsewhere took it meanwhile, that writer stores each event with a conditional PutItem
and reports every clash: it never overwrites an item.

A slot file or item older than the events' lifetime is taken over: its events have expired.
"""
from __future__ import annotations

import enum
import hashlib
import os
import random
import tempfile
import time
from typing import Callable, Optional

from ._log import warn_once
from .identity import MAX_SLOT, SlotClaim, SlotStatus


class TableClaim(enum.Enum):
    OURS = "ours"
    TAKEN = "taken"
    UNREACHABLE = "unreachable"  # try again later (PENDING)
    UNAVAILABLE = "unavailable"  # the table cannot be used at all (missing, no credentials)


TableClaimer = Callable[[str, int], TableClaim]


def slot_root() -> str:
    override = os.environ.get("AGENTIFY_SLOT_DIR")
    if override:
        return override
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return os.path.join(tempfile.gettempdir(), "agentify-slots-%d" % uid)


class LocalSlots:
    """Machine-wide slot files: creating one with O_EXCL is the claim."""

    def __init__(self, root: Optional[str] = None, lifetime_seconds: float = 86400.0) -> None:
        self._root = root or slot_root()
        self._lifetime = lifetime_seconds
        self.broken = False

    def _dir(self, workflow_id: str) -> str:
        return os.path.join(self._root, hashlib.sha256(workflow_id.encode("utf-8")).hexdigest()[:32])

    def take(self, workflow_id: str, slot: int, producer_id: str) -> bool:
        """True when this process now holds `slot` on this machine."""
        directory = self._dir(workflow_id)
        path = os.path.join(directory, str(slot))
        for _ in range(2):
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                if not self._take_over_expired(path):
                    return False
                continue
            except FileNotFoundError:
                os.makedirs(directory, mode=0o700, exist_ok=True)
                continue
            try:
                os.write(fd, ("%s %d\n" % (producer_id, os.getpid())).encode("ascii"))
            finally:
                os.close(fd)
            return True
        return False

    def _take_over_expired(self, path: str) -> bool:
        try:
            if time.time() - os.stat(path).st_mtime < self._lifetime:
                return False
            # Only one process wins the rename; the loser finds the slot taken again.
            os.rename(path, "%s.expired-%x" % (path, random.getrandbits(32)))
            return True
        except OSError:
            return False


class SlotClaimer:
    """Claims a slot for a producer in a workflow: on this machine first, then in the table."""

    def __init__(self, producer_id: str, local: LocalSlots, table: Optional[TableClaimer]) -> None:
        self._producer_id = producer_id
        self._local = local
        self._table = table

    def __call__(self, workflow_id: str) -> SlotClaim:
        for slot in range(1, MAX_SLOT + 1):
            if not self._local.broken:
                try:
                    if not self._local.take(workflow_id, slot, self._producer_id):
                        continue
                except OSError as exc:
                    self._local.broken = True
                    warn_once("slots:local", "agentify: cannot claim a writer slot under %s (%s: %s); set "
                              "AGENTIFY_SLOT_DIR to a writable folder. Timestamps stay unique through the table "
                              "when one is configured, otherwise only by chance across processes."
                              % (slot_root(), type(exc).__name__, exc))
                    if self._table is None:
                        return SlotClaim(random.randint(1, MAX_SLOT), SlotStatus.LOCAL)
            if self._table is None:
                return SlotClaim(slot, SlotStatus.LOCAL)
            outcome = self._table(workflow_id, slot)
            if outcome is TableClaim.OURS:
                return SlotClaim(slot, SlotStatus.CONFIRMED)
            if outcome is TableClaim.UNREACHABLE:
                return SlotClaim(slot, SlotStatus.PENDING)
            if outcome is TableClaim.UNAVAILABLE:
                return SlotClaim(slot, SlotStatus.LOCAL)
        warn_once("slots:full:%s" % workflow_id, "agentify: all %d writer slots of workflow %s are taken; this "
                  "producer writes each event conditionally and reports clashes. Use one workflow id per run."
                  % (MAX_SLOT, workflow_id))
        return SlotClaim(random.randint(1, MAX_SLOT), SlotStatus.CLASHED)
