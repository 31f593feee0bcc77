# pyright: basic
# The journal runs inside Lambda and AgentCore handlers whose event and context are untyped dicts;
# it is checked in basic mode, the decorators' modules in strict mode.
"""record_event(): one journal entry, written now, never updated.

Each entry is a conditional put (attribute_not_exists(PK)) under SK = EVENT#{ISO time}. When that
SK already exists (two components writing in the same millisecond) the entry takes the same time
with a counter suffix, EVENT#{ISO time}#0001, which sorts after it and before the next
millisecond: a later, still ordered, unique SK, never an overwrite. Within one process SKs only
grow, so a burst does not pay a failed write per entry.

The write is synchronous on purpose: an entry is a state transition the state machine waits for,
and a Lambda or agent runtime may be frozen as soon as the handler returns.
"""
import datetime
import random
import threading
import time

from .._log import warn_once
from . import settings as journal_settings
from .statuses import COMPONENTS, FAILURE_STATUSES, MAX_ERROR_MESSAGE, STATUSES

EVENT_PREFIX = "EVENT#"
SESSION_PREFIX = "SESSION#"
MAX_SUFFIX = 9999
MAX_TRANSIENT_RETRIES = 4
_THROTTLE = {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
             "InternalServerError", "ServiceUnavailable"}

_lock = threading.Lock()
_last_sk = {}  # session id → the last SK this process wrote
_clients = {}


def iso_now(now=None):
    t = datetime.datetime.fromtimestamp(time.time() if now is None else now, tz=datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def sort_key(timestamp, suffix=0):
    return "%s%s" % (EVENT_PREFIX, timestamp) if suffix == 0 else "%s%s#%04d" % (EVENT_PREFIX, timestamp, suffix)


def _next_local(session_id, timestamp):
    """The first SK to try: this time, or right after the last SK this process wrote for the session
    (same millisecond, or a clock that stepped back)."""
    with _lock:
        last = _last_sk.get(session_id)
    if last is None or sort_key(timestamp) > last:
        return timestamp, 0
    last_time, _, suffix = last[len(EVENT_PREFIX):].partition("#")
    return last_time, int(suffix or 0) + 1


def _remember(session_id, sk):
    with _lock:
        if sk > _last_sk.get(session_id, ""):
            _last_sk[session_id] = sk


def _client(settings):
    key = (settings.endpoint, settings.region)
    client = _clients.get(key)
    if client is None:
        import boto3
        from botocore.config import Config

        from ..sinks.dynamodb import LOCAL_KEY, is_loopback

        session = boto3.Session()
        kwargs = {}
        if settings.endpoint:
            kwargs["endpoint_url"] = settings.endpoint
            if is_loopback(settings.endpoint) and session.get_credentials() is None:
                kwargs["aws_access_key_id"] = LOCAL_KEY
                kwargs["aws_secret_access_key"] = LOCAL_KEY
        config = Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=3, read_timeout=10)
        client = session.client("dynamodb", region_name=settings.region, config=config, **kwargs)
        _clients[key] = client
    return client


def _error_code(exc):
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return response.get("Error", {}).get("Code", type(exc).__name__)
    return type(exc).__name__


def _warn_failure(code, exc, settings, status):
    table = settings.table_name
    where = " at %s" % settings.endpoint if settings.endpoint else ""
    if code == "ResourceNotFoundException":
        warn_once("journal:missing:%s" % table,
                  "agentify: journal table %s does not exist in %s%s, so %s and later entries are not recorded (the "
                  "agent carries on). Deploy infrastructure/session-journal.yaml or set AGENTIFY_JOURNAL_TABLE to "
                  "an existing table." % (table, settings.region, where, status))
    elif code in ("NoCredentialsError", "PartialCredentialsError", "UnrecognizedClientException",
                  "ExpiredTokenException", "InvalidSignatureException"):
        warn_once("journal:credentials:%s" % table,
                  "agentify: no valid AWS credentials to write journal table %s (%s); entries are not recorded. "
                  "Give the role dynamodb:PutItem on the table (AgentRuntimeJournalPolicy in the template) or "
                  "configure a profile." % (table, code))
    elif code == "AccessDeniedException":
        warn_once("journal:denied:%s" % table,
                  "agentify: access denied writing journal table %s: attach the template's "
                  "AgentRuntimeJournalPolicy (dynamodb:PutItem on the table) to this role. (%s)" % (table, exc))
    elif code in ("EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError", "ConnectionClosedError"):
        warn_once("journal:connection:%s" % table,
                  "agentify: cannot reach DynamoDB%s for journal table %s (%s); entries are not recorded. Start the "
                  "local server (npm run local-db) or fix AGENTIFY_JOURNAL_ENDPOINT." % (where, table, exc))
    else:
        warn_once("journal:error:%s:%s" % (code, table),
                  "agentify: a journal entry could not be written to table %s: %s: %s" % (table, code, exc))


def _put(settings, session_id, status, error_message, component, expires_at, extra):
    client = _client(settings)
    timestamp = iso_now()
    timestamp, suffix = _next_local(session_id, timestamp)
    item = {
        "PK": {"S": SESSION_PREFIX + session_id},
        "Status": {"S": status},
        "Timestamp": {"S": timestamp},
        "Component": {"S": component or COMPONENTS.get(status, "agent")},
        "ExpiresAt": {"N": str(int(expires_at if expires_at is not None else journal_settings.expires_at(settings)))},
    }
    if error_message is not None:
        item["ErrorMessage"] = {"S": error_message}
    for key, value in (extra or {}).items():
        item[key] = {"S": str(value)[:MAX_ERROR_MESSAGE]}
    transient = 0
    while suffix <= MAX_SUFFIX:
        sk = sort_key(timestamp, suffix)
        item["SK"] = {"S": sk}
        try:
            client.put_item(TableName=settings.table_name, Item=item, ConditionExpression="attribute_not_exists(PK)")
            _remember(session_id, sk)
            return sk
        except Exception as exc:
            code = _error_code(exc)
            if code == "ConditionalCheckFailedException":
                suffix += 1  # another writer has this SK: the next one sorts right after it
                continue
            if code in _THROTTLE and transient < MAX_TRANSIENT_RETRIES:
                transient += 1
                time.sleep(min(1.0, 0.05 * (2 ** transient)) * (0.5 + random.random()))
                continue
            _warn_failure(code, exc, settings, status)
            return None
    warn_once("journal:suffix:%s" % settings.table_name,
              "agentify: gave up on a journal entry for session %s after %d entries in one millisecond."
              % (session_id, MAX_SUFFIX))
    return None


def _emit_workflow_event(session_id, status, error_message):
    """The same stage as an ordinary Agentify event, so the session's run shows it among its agents."""
    from .. import helpers

    fields = {"journal_status": status, "session_id": session_id}
    if error_message is not None:
        fields["error_message"] = error_message
    helpers.log("session journal: %s" % status, level="error" if status in FAILURE_STATUSES else "info", **fields)


def record_event(session_id, status, error_message=None, *, component=None, expires_at=None, extra=None,
                 emit_event=True):
    """Write one journal entry; returns its SK, or None when it could not be written (logged once per
    cause). Never raises. The table comes from AGENTIFY_JOURNAL_TABLE (or JOURNAL_TABLE_NAME); the
    endpoint from AGENTIFY_JOURNAL_ENDPOINT (or AGENTIFY_DYNAMODB_ENDPOINT); entries expire after
    AGENTIFY_JOURNAL_TTL_DAYS (default 30) unless expires_at (epoch seconds) is given."""
    try:
        if not isinstance(session_id, str) or not session_id:
            warn_once("journal:session_id", "agentify: record_event() needs the session id (a non-empty string); "
                      "got %r, so the entry is not recorded." % (session_id,))
            return None
        if status not in STATUSES:
            warn_once("journal:status:%s" % status, "agentify: record_event() got unknown status %r; use one of %s."
                      % (status, ", ".join(STATUSES)))
            return None
        if error_message is not None:
            error_message = str(error_message)[:MAX_ERROR_MESSAGE]
        elif status in FAILURE_STATUSES:
            error_message = "%s (no message was given)" % status
        if emit_event:
            try:
                _emit_workflow_event(session_id, status, error_message)
            except Exception as exc:
                warn_once("journal:emit:%s" % type(exc).__name__,
                          "agentify: the journal's workflow event could not be emitted (%s: %s)."
                          % (type(exc).__name__, exc))
        settings = journal_settings.from_env()
        if not settings.table_name:
            warn_once("journal:no_table", "agentify: no journal table is configured, so session entries are not "
                      "recorded. Set AGENTIFY_JOURNAL_TABLE to the table of infrastructure/session-journal.yaml.")
            return None
        try:
            import boto3  # noqa: F401
        except ImportError:
            warn_once("journal:boto3", "agentify: boto3 is not installed, so journal entries cannot be written. "
                      "Install it (pip install boto3).")
            return None
        return _put(settings, session_id, status, error_message, component, expires_at, extra)
    except Exception as exc:
        code = _error_code(exc)
        try:
            _warn_failure(code, exc, journal_settings.from_env(), status)
        except Exception:
            warn_once("journal:unexpected", "agentify: a journal entry could not be written (%s)." % code)
        return None


def reset():
    """Forget per-process state (tests)."""
    with _lock:
        _last_sk.clear()
        _clients.clear()
