"""The timestamp allocator: no two events of a workflow share a timestamp, across threads and
processes on one machine, whatever the clock does; and the number is the same text everywhere."""
import decimal
import multiprocessing
import threading

from hypothesis import given, settings, strategies as st

from agentify import ids
from agentify.identity import MAX_SLOT, IdentityAllocator, SlotClaim, SlotStatus, stamp
from agentify.slots import LocalSlots, SlotClaimer


def _clock(values):
    """A clock that plays `values` (seconds) in turn, then stays on the last: frozen, jumping back."""
    lock = threading.Lock()
    state = {"i": 0}

    def now():
        with lock:
            i = state["i"]
            state["i"] = i + 1
        return values[min(i, len(values) - 1)]

    return now


def _produce(slot_dir, workflow_id, threads, per_thread, clock_values, out):
    producer = ids.new_producer_id()
    alloc = IdentityAllocator(producer, SlotClaimer(producer, LocalSlots(slot_dir), None), _clock(clock_values))
    taken = []
    lock = threading.Lock()

    def take():
        mine = [alloc.next(workflow_id) for _ in range(per_thread)]
        with lock:
            taken.extend(mine)

    workers = [threading.Thread(target=take) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    out.put((producer, alloc.slot_of(workflow_id).status.value, taken))


clock_values = st.lists(st.floats(min_value=1.7e9, max_value=1.8e9, allow_nan=False), min_size=1, max_size=20)


@settings(max_examples=12, deadline=None)
@given(processes=st.integers(1, 4), threads=st.integers(1, 6), per_thread=st.integers(1, 150), clock=clock_values)
def test_no_two_timestamps_are_equal_across_threads_and_processes(tmp_path_factory, processes, threads, per_thread,
                                                                   clock):
    slot_dir = str(tmp_path_factory.mktemp("slots"))
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    procs = [ctx.Process(target=_produce, args=(slot_dir, "wf-prop", threads, per_thread, clock, out))
             for _ in range(processes)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    stamps = [ts for _, _, taken in results for ts, _ in taken]
    assert len(stamps) == processes * threads * per_thread
    assert len(set(stamps)) == len(stamps)
    for producer, status, taken in results:
        assert status == SlotStatus.LOCAL.value
        assert sorted(seq for _, seq in taken) == list(range(1, threads * per_thread + 1))
        by_seq = [ts for ts, _ in sorted(taken, key=lambda t: t[1])]
        assert by_seq == sorted(by_seq)  # a producer's order is its timestamps' order
    assert len({round(ts % 1, 3) for ts in stamps}) == processes  # one slot each


@settings(max_examples=50, deadline=None)
@given(threads=st.integers(2, 8), per_thread=st.integers(1, 300), clock=clock_values)
def test_one_producer_never_repeats_under_any_clock(threads, per_thread, clock):
    alloc = IdentityAllocator("p", lambda wf: SlotClaim(7, SlotStatus.LOCAL), _clock(clock))
    seen = []
    lock = threading.Lock()

    def take():
        mine = [alloc.next("wf")[0] for _ in range(per_thread)]
        with lock:
            seen.extend(mine)

    workers = [threading.Thread(target=take) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(set(seen)) == threads * per_thread
    assert {round(ts % 1, 3) for ts in seen} == {0.007}


@settings(max_examples=500, deadline=None)
@given(ms=st.integers(1_500_000_000_000, 8_700_000_000_000), slot=st.integers(1, MAX_SLOT))
def test_a_timestamp_prints_as_its_exact_decimal(ms, slot):
    """repr() (stdout JSON and the table's N) gives ms.sss exactly, so JavaScript's String() of the
    parsed number gives the same text: both print the shortest decimal that round-trips."""
    ts = stamp(ms, slot)
    assert repr(ts) == ("%d.%03d" % (ms, slot)).rstrip("0")  # the text the JS reader must print too
    assert decimal.Decimal(repr(ts)) == decimal.Decimal(ms) + decimal.Decimal(slot) / 1000
    assert float(repr(ts)) == ts
    assert "%017.3f" % ts == "%d.%03d" % (ms, slot)


def test_slot_files_give_each_process_on_the_machine_its_own_slot(tmp_path):
    local = LocalSlots(str(tmp_path))
    claims = [SlotClaimer("p%d" % i, local, None)("wf-local") for i in range(5)]
    assert [c.slot for c in claims] == [1, 2, 3, 4, 5]
    assert SlotClaimer("q", local, None)("wf-other").slot == 1  # slots are per workflow
