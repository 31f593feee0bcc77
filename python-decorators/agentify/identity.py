"""An event's identity, decided once when it is emitted: workflow_id + timestamp, plus the
producer's id and its per-workflow seq. The same values go to stdout and to the table.

Uniqueness by construction: the first time a producer emits for a workflow it claims a writer
slot s (1..999) for that workflow (agentify.slots), and all its timestamps there are
ms + s/1000, with ms strictly increasing per producer. Two producers of one workflow hold different
slots, so their timestamps differ in the fraction; one producer never repeats its ms. Nothing is
retried after a clash, because a clash cannot happen while slots are distinct.
"""
from __future__ import annotations

import enum
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Tuple, Union

MAX_SLOT = 999  # three decimals of a millisecond; slot 0 (integer timestamps) is left to other tools

Timestamp = Union[int, float]


class SlotStatus(enum.Enum):
    CONFIRMED = "confirmed"  # the table holds our claim: nobody else of this workflow has the slot
    PENDING = "pending"  # claimed on this machine; the table was unreachable, so claiming it there is still to do
    LOCAL = "local"  # no table: unique among this machine's producers
    CLASHED = "clashed"  # the table says another producer holds it: writes must be conditional


@dataclass
class SlotClaim:
    slot: int
    status: SlotStatus


@dataclass
class WorkflowClock:
    """One producer's position in one workflow."""

    slot: int
    fraction: float
    status: SlotStatus
    last_ms: int = -1
    seq: int = 0


def stamp(ms: int, slot: int) -> Timestamp:
    """ms + slot/1000 as the nearest double; repr() of it is the exact decimal ("…100.007"), the same
    text JSON.stringify / String() give in JavaScript for that number."""
    return ms + slot / 1000 if slot else ms


class IdentityAllocator:
    """Hands out (timestamp, seq) per workflow for one producer. `claim(workflow_id)` is called once
    per workflow, on the thread of its first event."""

    def __init__(self, producer_id: str, claim: Callable[[str], SlotClaim],
                 clock: Callable[[], float] = time.time) -> None:
        self.producer_id = producer_id
        self._claim = claim
        self._clock = clock
        self._clocks: Dict[str, WorkflowClock] = {}
        self._lock = threading.Lock()
        self._claim_lock = threading.Lock()

    def next(self, workflow_id: str) -> Tuple[Timestamp, int]:
        state = self._clocks.get(workflow_id)
        if state is None:
            state = self._claim_for(workflow_id)
        now = int(self._clock() * 1000)
        with self._lock:
            ms = now if now > state.last_ms else state.last_ms + 1
            state.last_ms = ms
            state.seq += 1
            seq = state.seq
        return stamp(ms, state.slot), seq

    def _claim_for(self, workflow_id: str) -> WorkflowClock:
        with self._claim_lock:
            state = self._clocks.get(workflow_id)
            if state is None:
                claim = self._claim(workflow_id)
                state = WorkflowClock(claim.slot, claim.slot / 1000, claim.status)
                self._clocks[workflow_id] = state
            return state

    def slot_of(self, workflow_id: str) -> Optional[WorkflowClock]:
        """The slot state the table writer reads (and moves from PENDING on)."""
        return self._clocks.get(workflow_id)

