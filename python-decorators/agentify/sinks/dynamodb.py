"""The DynamoDB sink: owns the table writers. Events go into a bounded buffer and writer threads
store them, so the workflow's thread never waits on the network; when the buffer is full the
newest event is dropped, counted and reported with its cause. flush() waits (bounded).

Writes are BatchWriteItem calls of up to 25 items. A batch has no conditions, which is safe only
because every event's identity is unique by construction (agentify.identity, agentify.slots): a
retried batch rewrites the same items with the same content. Events of a workflow whose slot the
table does not (yet) confirm as ours go through one conditional PutItem each instead; an item that
already exists with our producer_id and seq is an earlier attempt that landed (written), any other
is a clash, reported and never overwritten. There is one retry layer, this one: botocore's own
retries are off. Throttling, server errors, unprocessed items and outages are retried with capped,
jittered backoff until `retry_timeout`; a missing table or bad credentials stop the sink with one
message that says what to do. boto3 is imported only when a table is configured.
"""
from __future__ import annotations

import concurrent.futures.thread  # noqa: F401  # pyright: ignore[reportUnusedImport]  (boto3 may be imported at exit)
import ipaddress
import random
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Sequence, cast
from urllib.parse import urlparse

from .._log import logger, warn_once
from ..config import Settings
from ..identity import SlotStatus, WorkflowClock
from ..slots import TableClaim
from .base import Event, EventRecord, ExportResult
from .buffer import EventBuffer
from .dynamodb_failures import FATAL, error_code, failure_message, is_transient
from .dynamodb_items import Item, attribute_text, slot_item, table_item

LOCAL_KEY = "agentifylocal"  # DynamoDB Local accepts any credentials but only alphanumeric key ids
BATCH_SIZE = 25  # BatchWriteItem's limit
MAX_BACKOFF = 1.0
UNREACHABLE_MEMORY = 30.0  # seconds a failed connection makes new slot claims skip the table
_PUT_CONDITION = "attribute_not_exists(workflow_id)"

Finalize = Callable[[Event], Event]
SlotLookup = Callable[[str], Optional[WorkflowClock]]


def is_loopback(endpoint: str) -> bool:
    try:
        host = urlparse(endpoint).hostname or ""
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _GaveUp(Exception):
    def __init__(self, left: int) -> None:
        super().__init__("gave up with %d items unprocessed" % left)
        self.left = left


class DynamoDbSink:
    def __init__(self, settings: Settings, finalize: Finalize,
                 client_factory: Optional[Callable[[Settings], Any]] = None,
                 slots: Optional[SlotLookup] = None) -> None:
        self.table_name = settings.table_name or ""
        self._settings = settings
        self._finalize = finalize
        self._client_factory = client_factory or self._default_client
        self._slots = slots
        self._owner = settings.index_owner()
        self._buffer = EventBuffer(settings.queue_size)
        self._start_lock = threading.Lock()
        self._count_lock = threading.Lock()
        self._threads: List[threading.Thread] = []
        self._client: Any = None
        self._client_error: Optional[BaseException] = None
        self._region = settings.region or "us-east-1"
        self._disabled: Optional[str] = None  # the reason, once writes cannot succeed
        self._abandoned = threading.Event()  # shutdown ran out of time: stop retrying
        self._unreachable_since: Optional[float] = None
        self._closed = False
        self.written = 0
        self.dropped = 0  # buffer full
        self.failed = 0  # could not be written (includes clashed)
        self.clashed = 0  # another producer's item holds the event's key
        self.retried = 0  # calls sent again (throttled, unprocessed items, no or a lost answer)
        self._reported = 0

    # ── the Sink protocol (caller side) ──────────────────────────────────────────────────────
    def export(self, records: Sequence[EventRecord]) -> ExportResult:
        ok = True
        for record in records:
            ok = self.put(record) and ok
        return ExportResult.SUCCESS if ok else ExportResult.FAILURE

    def submit(self, event: Event, finalized: bool) -> bool:
        return self.put(EventRecord(event, finalized))

    def put(self, record: EventRecord) -> bool:
        """Queue one record (export() of one, without the sequence); False when it was refused."""
        if self._disabled or self._closed:
            with self._count_lock:
                self.failed += 1
            return False
        if not self._threads:
            self._start()
        if self._buffer.put(record):
            return True
        with self._count_lock:
            self.dropped += 1
        warn_once("queue_full:%s" % self.table_name, self._full_message())
        return False

    def _full_message(self) -> str:
        head = ("agentify: the event queue for table %s is full (%d events); the newest events are being dropped "
                "and counted. " % (self.table_name, self._buffer.capacity))
        since = self._unreachable_since
        if since is not None:
            return head + ("DynamoDB%s has not answered for %.0f s, so the queued events are waiting for it: "
                           "check that the server is running and reachable, or raise configure(queue_size=...)."
                           % (self._where(), time.monotonic() - since))
        return head + ("The table is slower than the workflow: raise configure(queue_size=...) or check the "
                       "table's throughput.")

    def force_flush(self, timeout: Optional[float] = None) -> bool:
        """Wait until every exported event is written or given up; True when the buffer drained."""
        if not self._buffer.wait_empty(timeout):
            return False
        self._report_losses()
        return True

    flush = force_flush

    def shutdown(self, timeout: Optional[float] = None) -> None:
        self.close(timeout if timeout is not None else self._settings.flush_timeout)

    def close(self, timeout: float) -> bool:
        drained = self.force_flush(timeout)
        self._closed = True
        if not drained:
            self._abandoned.set()
            left = self._buffer.drain()
            with self._count_lock:
                self.failed += len(left)
            self._buffer.done(0)
        self._buffer.stop()
        return drained

    @property
    def pending(self) -> int:
        return self._buffer.pending

    def exit_flush(self, timeout: float) -> None:
        if self._closed:
            return
        if not self.force_flush(timeout):
            logger.warning("agentify: exiting with %d events not yet written to table %s after waiting %.1f s "
                           "(AGENTIFY_FLUSH_TIMEOUT sets the wait)." % (self.pending, self.table_name, timeout))

    def _report_losses(self) -> None:
        with self._count_lock:
            lost = self.dropped + self.failed
            if lost <= self._reported:
                return
            self._reported = lost
            dropped, failed = self.dropped, self.failed
        logger.warning("agentify: %d events did not reach table %s (%d dropped because the queue was full, "
                       "%d failed to write; see the warnings above)."
                       % (dropped + failed, self.table_name, dropped, failed))

    def _start(self) -> None:
        with self._start_lock:
            if self._threads:
                return
            for i in range(max(1, self._settings.writer_threads)):
                t = threading.Thread(target=self._run, name="agentify-dynamodb-%d" % i, daemon=True)
                t.start()
                self._threads.append(t)

    # ── writer slots (agentify.slots calls this on the thread of a workflow's first event) ───
    def claim_slot(self, workflow_id: str, slot: int, producer_id: str) -> TableClaim:
        if self._disabled:
            return TableClaim.UNAVAILABLE
        since = self._unreachable_since
        if since is not None and time.monotonic() - since < UNREACHABLE_MEMORY:
            return TableClaim.UNREACHABLE
        try:
            client = self._get_client()
        except Exception:
            return TableClaim.UNAVAILABLE
        try:
            claim = self._put_slot(client, workflow_id, slot, producer_id)
            self._unreachable_since = None
            return claim
        except Exception as exc:
            code = error_code(exc)
            if code in FATAL:
                self._handle_failure(code, exc)
                return TableClaim.UNAVAILABLE
            if code == "connection" and self._unreachable_since is None:
                self._unreachable_since = time.monotonic()
            return TableClaim.UNREACHABLE

    def _put_slot(self, client: Any, workflow_id: str, slot: int, producer_id: str) -> TableClaim:
        now = int(time.time())
        try:
            client.put_item(TableName=self.table_name,
                            Item=slot_item(workflow_id, slot, producer_id, now + self._settings.lifetime_seconds()),
                            ConditionExpression="attribute_not_exists(workflow_id) OR #ttl < :now",
                            ExpressionAttributeNames={"#ttl": "ttl"},
                            ExpressionAttributeValues={":now": {"N": str(now)}},
                            ReturnValuesOnConditionCheckFailure="ALL_OLD")
            return TableClaim.OURS
        except Exception as exc:
            if error_code(exc) != "ConditionalCheckFailedException":
                raise
            old = getattr(exc, "response", {}).get("Item")
            # Our own earlier attempt may have landed before its answer was lost.
            return TableClaim.OURS if attribute_text(old, "producer_id") == producer_id else TableClaim.TAKEN

    # ── writer side ──────────────────────────────────────────────────────────────────────────
    def _run(self) -> None:
        while True:
            batch = self._buffer.take(BATCH_SIZE)
            if batch is None:
                return
            try:
                written = self._write(batch)
            except Exception as exc:  # never let a writer thread die
                written = 0
                warn_once("unexpected:%s" % type(exc).__name__, "agentify: unexpected error writing events to "
                          "table %s: %s: %s" % (self.table_name, type(exc).__name__, exc))
            with self._count_lock:
                self.written += written
                self.failed += len(batch) - written
            self._buffer.done(len(batch))

    def _get_client(self) -> Any:
        if self._client is None and self._client_error is None:
            with self._start_lock:
                if self._client is None and self._client_error is None:
                    try:
                        self._client = self._client_factory(self._settings)
                    except Exception as exc:
                        self._client_error = exc
                        if not self._disabled:
                            self._disable("client", "agentify: cannot create a DynamoDB client for table %s (%s: %s); "
                                          "events go to stdout only." % (self.table_name, type(exc).__name__, exc))
        if self._client_error is not None:
            raise self._client_error
        return self._client

    def _default_client(self, settings: Settings) -> Any:
        try:
            import boto3 as _boto3
            from botocore.config import Config as _Config
        except ImportError:
            self._disable("boto3", "agentify: boto3 is not installed, so events cannot be written to table %s. "
                          "Install it (pip install boto3, or pip install 'agentify-decorators[dynamodb]')."
                          % settings.table_name)
            raise
        boto3: Any = _boto3  # no type stubs here: the client is used through Any
        Config: Any = _Config
        session: Any = boto3.session.Session()
        kwargs: Dict[str, Any] = {}
        if settings.endpoint:
            kwargs["endpoint_url"] = settings.endpoint
            if is_loopback(settings.endpoint) and session.get_credentials() is None:
                kwargs["aws_access_key_id"] = LOCAL_KEY
                kwargs["aws_secret_access_key"] = LOCAL_KEY
        self._region = str(settings.region or session.region_name or "us-east-1")
        # One retry layer (ours): botocore makes one attempt. Items are built here from validated data,
        # so botocore's parameter validation would only spend the writer's CPU.
        config = Config(retries={"total_max_attempts": 1}, connect_timeout=2, read_timeout=10,
                        parameter_validation=False, max_pool_connections=max(10, settings.writer_threads + 2))
        return session.client("dynamodb", region_name=self._region, config=config, **kwargs)

    def _disable(self, cause: str, message: str) -> None:
        self._disabled = cause
        warn_once("%s:%s" % (cause, self.table_name), message)

    def _write(self, batch: List[EventRecord]) -> int:
        if self._disabled:
            return 0
        try:
            client = self._get_client()
        except Exception:
            return 0
        deadline = time.monotonic() + self._settings.retry_timeout
        batched: List[Item] = []
        single: List[Item] = []
        for record in batch:
            event = record.event if record.finalized else self._finalize(record.event)
            item = table_item(event, self._owner)
            (batched if self._batchable(client, event, deadline) else single).append(item)
        written = self._write_batch(client, batched, deadline) if batched else 0
        for item in single:
            written += self._put(client, item, deadline)
        return written

    def _batchable(self, client: Any, event: Event, deadline: float) -> bool:
        """Batch only what cannot clash: events of a slot the table confirms as ours."""
        if not self._settings.batch_writes or self._slots is None:
            return False
        state = self._slots(event.get("workflow_id", ""))
        if state is None:
            return False
        if state.status is SlotStatus.PENDING:
            self._confirm(client, state, event, deadline)
        return state.status is SlotStatus.CONFIRMED

    def _confirm(self, client: Any, state: WorkflowClock, event: Event, deadline: float) -> None:
        workflow_id, producer_id = str(event["workflow_id"]), str(event.get("producer_id", ""))
        try:
            claim = self._with_retries(lambda: self._put_slot(client, workflow_id, state.slot, producer_id), deadline)
        except Exception:
            return  # still pending: this batch goes item by item, conditionally
        if claim is TableClaim.OURS:
            state.status = SlotStatus.CONFIRMED
        else:
            state.status = SlotStatus.CLASHED
            warn_once("slot_clash:%s:%s" % (self.table_name, workflow_id),
                      "agentify: the table was unreachable when this process started writing workflow %s, and "
                      "meanwhile another producer claimed the same writer slot (%d) in table %s. Each event is now "
                      "written conditionally: one that would replace another producer's item is reported and not "
                      "stored." % (workflow_id, state.slot, self.table_name))

    def _write_batch(self, client: Any, items: List[Item], deadline: float) -> int:
        written = 0
        for start in range(0, len(items), BATCH_SIZE):
            written += self._write_chunk(client, items[start:start + BATCH_SIZE], deadline)
        return written

    def _write_chunk(self, client: Any, items: List[Item], deadline: float) -> int:
        pending: List[Item] = items
        attempt = 0
        try:
            while True:
                request: Dict[str, Any] = {self.table_name: [{"PutRequest": {"Item": i}} for i in pending]}
                response: Any = self._with_retries(lambda: client.batch_write_item(RequestItems=request), deadline)
                unprocessed: Any = response.get("UnprocessedItems") or {}
                left: List[Any] = unprocessed.get(self.table_name) or []
                if not left:
                    return len(items)
                pending = [cast(Item, r["PutRequest"]["Item"]) for r in left]
                attempt += 1
                if time.monotonic() >= deadline or self._abandoned.is_set():
                    raise _GaveUp(len(pending))
                self._count_retry()
                self._sleep(attempt)
        except _GaveUp as gave_up:
            warn_once("unprocessed:%s" % self.table_name, "agentify: table %s left %d events unprocessed past the "
                      "retry time (%.0f s); they were dropped. Raise the table's write capacity or use on-demand."
                      % (self.table_name, gave_up.left, self._settings.retry_timeout))
            return len(items) - gave_up.left
        except Exception as exc:
            code = error_code(exc)
            if code == "ValidationException":
                # One bad item must not cost its batch: store them one by one, which names the culprit.
                return sum(self._put(client, item, deadline) for item in pending) + len(items) - len(pending)
            self._handle_failure(code, exc)
            return len(items) - len(pending)

    def _put(self, client: Any, item: Item, deadline: float) -> int:
        try:
            self._with_retries(lambda: client.put_item(
                TableName=self.table_name, Item=item, ConditionExpression=_PUT_CONDITION,
                ReturnValuesOnConditionCheckFailure="ALL_OLD"), deadline)
            return 1
        except Exception as exc:
            code = error_code(exc)
            if code != "ConditionalCheckFailedException":
                self._handle_failure(code, exc)
                return 0
            old = getattr(exc, "response", {}).get("Item")
            if _same_event(old, item):
                return 1  # an earlier attempt landed before its answer was lost
            with self._count_lock:
                self.clashed += 1
            warn_once("clash:%s" % self.table_name, "agentify: an event of workflow %s could not be stored in table "
                      "%s: another item (producer %s) already has its timestamp %s. It was not overwritten; the "
                      "event is on stdout only. Give each run its own workflow id."
                      % (attribute_text(item, "workflow_id"), self.table_name, attribute_text(old, "producer_id")
                         or "unknown", attribute_text(item, "timestamp")))
            return 0

    def _with_retries(self, call: Callable[[], Any], deadline: float) -> Any:
        attempt = 0
        while True:
            try:
                result = call()
                self._unreachable_since = None
                return result
            except Exception as exc:
                code = error_code(exc)
                if not is_transient(code) or time.monotonic() >= deadline or self._abandoned.is_set():
                    raise
                if code == "connection" and self._unreachable_since is None:
                    self._unreachable_since = time.monotonic()
                attempt += 1
                self._count_retry()
                self._sleep(attempt)

    def _count_retry(self) -> None:
        with self._count_lock:
            self.retried += 1

    def _sleep(self, attempt: int) -> None:
        delay = min(MAX_BACKOFF, 0.05 * (2 ** min(attempt, 8))) * (0.5 + random.random() / 2)
        self._abandoned.wait(delay)

    def _handle_failure(self, code: str, exc: BaseException) -> None:
        message = failure_message(code, exc, self.table_name, self._region, self._settings.endpoint)
        if code in FATAL:
            cause = "missing" if code == "ResourceNotFoundException" else "denied" if code == "AccessDeniedException" \
                else "credentials"
            self._disable(cause, message)
        else:
            warn_once("error:%s:%s" % (code, self.table_name), message)

    def _where(self) -> str:
        return " at %s" % self._settings.endpoint if self._settings.endpoint else ""


def _same_event(old: Optional[Item], item: Item) -> bool:
    producer = attribute_text(item, "producer_id")
    return producer is not None and attribute_text(old, "producer_id") == producer and \
        attribute_text(old, "seq") == attribute_text(item, "seq")

