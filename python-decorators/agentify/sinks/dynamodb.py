"""The DynamoDB sink: events go into a bounded queue and writer threads put them in the table, so
the workflow's thread never waits on the network. When the queue is full the newest event is
dropped and counted. flush() waits (bounded) for the queue to drain and runs at exit.

Each write is conditional (attribute_not_exists), so no item is ever overwritten; when another
process already holds an event's timestamp the event is written again under a new one.
boto3 is imported here only, on a writer thread, the first time a table is used.
"""
import atexit
import concurrent.futures.thread  # noqa: F401  (see DynamoDbSink.__init__)
import ipaddress
import queue
import random
import threading
import time
from urllib.parse import urlparse

from .. import ids
from .._log import logger, warn_once
from ..serialize import to_dynamodb

DEPLOY_HINT = ("aws cloudformation deploy --template-file infrastructure/dynamodb-table.yaml "
               "--stack-name agentify-workflow-events --parameter-overrides TableName=%s --region %s")
LOCAL_KEY = "agentifylocal"  # DynamoDB Local accepts any credentials but only alphanumeric key ids
MAX_COLLISION_RETRIES = 200
MAX_TRANSIENT_RETRIES = 5
_THROTTLE = {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
             "InternalServerError", "ServiceUnavailable", "LimitExceededException"}
_BAD_CREDENTIALS = {"UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
                    "InvalidClientTokenId", "MissingAuthenticationTokenException"}
_STOP = object()


def is_loopback(endpoint):
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


class DynamoDbSink:
    def __init__(self, settings, finalize, client_factory=None):
        self.table_name = settings.table_name
        self._settings = settings
        self._finalize = finalize
        self._client_factory = client_factory or self._default_client
        self._queue = queue.Queue(maxsize=max(1, settings.queue_size))
        self._cond = threading.Condition()
        self._pending = 0
        self._start_lock = threading.Lock()
        self._threads = []
        self._client = None
        self._client_error = None
        self._disabled = None  # the reason, once writes cannot succeed
        self.written = 0
        self.dropped = 0  # queue full
        self.failed = 0  # could not be written
        self._reported = 0
        self._closed = False
        # boto3 is imported on a writer thread, possibly while the interpreter is exiting; by then
        # concurrent.futures can no longer be imported (it registers a threading exit hook), so it
        # is imported with this module instead.

    # ── caller side ──────────────────────────────────────────────────────────────────────────
    def submit(self, event, finalized):
        if self._disabled or self._closed:
            with self._cond:
                self.failed += 1
            return
        if not self._threads:
            self._start()
        with self._cond:
            self._pending += 1
        try:
            self._queue.put_nowait((event, finalized))
        except queue.Full:
            with self._cond:
                self._pending -= 1
                self.dropped += 1
                self._cond.notify_all()
            warn_once("queue_full:%s" % self.table_name,
                      "agentify: the event queue for table %s is full (%d events); the newest events are being "
                      "dropped and counted. The table is slower than the workflow: raise "
                      "configure(queue_size=...) or check the table's throughput." % (self.table_name, self._queue.maxsize))

    def flush(self, timeout=None):
        """Wait until every submitted event is written or given up; True when the queue drained."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._pending > 0:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining if remaining is None else min(remaining, 0.5))
        self._report_losses()
        return True

    def close(self, timeout):
        drained = self.flush(timeout)
        self._closed = True
        for _ in self._threads:
            try:
                self._queue.put_nowait(_STOP)
            except queue.Full:
                break
        return drained

    def _report_losses(self):
        with self._cond:
            lost = self.dropped + self.failed
            if lost <= self._reported:
                return
            self._reported = lost
            dropped, failed = self.dropped, self.failed
        logger.warning("agentify: %d events did not reach table %s (%d dropped because the queue was full, "
                       "%d failed to write; see the warnings above)." % (dropped + failed, self.table_name, dropped, failed))

    def _start(self):
        with self._start_lock:
            if self._threads:
                return
            for i in range(max(1, self._settings.writer_threads)):
                t = threading.Thread(target=self._run, name="agentify-dynamodb-%d" % i, daemon=True)
                t.start()
                self._threads.append(t)
            atexit.register(self._at_exit)

    def _at_exit(self):
        if self._closed:
            return
        if not self.flush(self._settings.flush_timeout):
            with self._cond:
                pending = self._pending
            logger.warning("agentify: exiting with %d events not yet written to table %s after waiting %.1f s "
                           "(AGENTIFY_FLUSH_TIMEOUT sets the wait)." % (pending, self.table_name, self._settings.flush_timeout))

    # ── writer side ──────────────────────────────────────────────────────────────────────────
    def _run(self):
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            try:
                ok = self._write(*item)
            except Exception as exc:  # never let a writer thread die
                ok = False
                warn_once("unexpected:%s" % type(exc).__name__,
                          "agentify: unexpected error writing an event to table %s: %s: %s"
                          % (self.table_name, type(exc).__name__, exc))
            with self._cond:
                if ok:
                    self.written += 1
                else:
                    self.failed += 1
                self._pending -= 1
                self._cond.notify_all()

    def _get_client(self):
        if self._client is None and self._client_error is None:
            with self._start_lock:
                if self._client is None and self._client_error is None:
                    try:
                        self._client = self._client_factory(self._settings)
                    except Exception as exc:
                        self._client_error = exc
        if self._client_error is not None:
            raise self._client_error
        return self._client

    def _default_client(self, settings):
        try:
            import boto3
            from botocore.config import Config
        except ImportError:
            self._disable("boto3", "agentify: boto3 is not installed, so events cannot be written to table %s. "
                          "Install it (pip install boto3, or pip install 'agentify-decorators[dynamodb]')."
                          % settings.table_name)
            raise
        session = boto3.session.Session()
        kwargs = {}
        if settings.endpoint:
            kwargs["endpoint_url"] = settings.endpoint
            if is_loopback(settings.endpoint) and session.get_credentials() is None:
                kwargs["aws_access_key_id"] = LOCAL_KEY
                kwargs["aws_secret_access_key"] = LOCAL_KEY
        region = settings.region or session.region_name or "us-east-1"
        self._region = region
        # Items are built by this module from validated data, so botocore's parameter validation would
        # only spend the writer's CPU (it is a large share of a put_item's cost).
        config = Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=3, read_timeout=10,
                        parameter_validation=False,
                        max_pool_connections=max(10, settings.writer_threads + 2))
        return session.client("dynamodb", region_name=region, config=config, **kwargs)

    def _disable(self, cause, message):
        self._disabled = cause
        warn_once("%s:%s" % (cause, self.table_name), message)

    def _write(self, event, finalized):
        if self._disabled:
            return False
        try:
            client = self._get_client()
        except Exception as exc:
            if not self._disabled:
                self._disable("client", "agentify: cannot create a DynamoDB client for table %s (%s: %s); events go "
                              "to stdout only." % (self.table_name, type(exc).__name__, exc))
            return False
        from boto3.dynamodb.types import TypeSerializer

        serializer = TypeSerializer()
        record = dict(event if finalized else self._finalize(event))
        transient = 0
        for attempt in range(MAX_COLLISION_RETRIES):
            item = {k: serializer.serialize(v) for k, v in to_dynamodb(record).items()}
            try:
                client.put_item(TableName=self.table_name, Item=item,
                                ConditionExpression="attribute_not_exists(workflow_id)")
                return True
            except Exception as exc:
                code = _error_code(exc)
                if code == "ConditionalCheckFailedException":
                    # Another process wrote this workflow at the same millisecond: take a new one.
                    record["timestamp"] = ids.allocator.next(record["workflow_id"], skip=random.randint(0, attempt))
                    continue
                if (code in _THROTTLE or code == "connection") and transient < MAX_TRANSIENT_RETRIES:
                    transient += 1
                    time.sleep(min(2.0, 0.05 * (2 ** transient)) * (0.5 + random.random()))
                    continue
                self._handle_failure(code, exc)
                return False
        warn_once("collisions:%s" % self.table_name,
                  "agentify: gave up on an event after %d timestamp collisions in table %s; many processes are "
                  "writing one workflow id at once." % (MAX_COLLISION_RETRIES, self.table_name))
        return False

    def _handle_failure(self, code, exc):
        region = getattr(self, "_region", self._settings.region or "us-east-1")
        if code == "ResourceNotFoundException":
            self._disable("missing", "agentify: table %s does not exist in %s%s, so events are not stored (the "
                          "workflow carries on). Deploy it: %s — or set AGENTIFY_TABLE_NAME to an existing table."
                          % (self.table_name, region, self._where(), DEPLOY_HINT % (self.table_name, region)))
        elif code in ("NoCredentialsError", "PartialCredentialsError") or code in _BAD_CREDENTIALS:
            self._disable("credentials", "agentify: no valid AWS credentials for table %s (%s), so events are not "
                          "stored (the workflow carries on). Configure a profile (aws configure, or aws sso login "
                          "--profile NAME and set AWS_PROFILE) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
                          % (self.table_name, code))
        elif code == "AccessDeniedException":
            self._disable("denied", "agentify: access denied writing to table %s: grant dynamodb:PutItem on it to "
                          "these credentials. (%s)" % (self.table_name, exc))
        elif code in _THROTTLE:
            warn_once("throttled:%s" % self.table_name,
                      "agentify: table %s is throttling writes (%s); events are being dropped after retries. Use "
                      "on-demand capacity (the template's PAY_PER_REQUEST) or raise the table's write capacity."
                      % (self.table_name, code))
        elif code == "connection":
            warn_once("connection:%s" % self.table_name,
                      "agentify: cannot reach DynamoDB%s for table %s (%s); events are being dropped. Start the "
                      "local server (npm run local-db) or fix AGENTIFY_DYNAMODB_ENDPOINT." % (self._where(), self.table_name, exc))
        else:
            warn_once("error:%s:%s" % (code, self.table_name),
                      "agentify: an event could not be written to table %s: %s: %s" % (self.table_name, code, exc))

    def _where(self):
        return " at %s" % self._settings.endpoint if self._settings.endpoint else ""


def _error_code(exc):
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return response.get("Error", {}).get("Code", type(exc).__name__)
    name = type(exc).__name__
    if name in ("EndpointConnectionError", "ConnectionClosedError", "ConnectTimeoutError", "ReadTimeoutError",
                "ConnectionError"):
        return "connection"
    return name
