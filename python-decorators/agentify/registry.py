"""The agent registry for agents written in Python: register an agent's profile and capabilities,
discover agents by capability, heartbeat, deregister. Never raises into the agent: a problem is
logged once and the call returns False (or what this process knows).

    from agentify import registry
    registry.register("planner", "Planner", "https://agents.example.com/planner", ["plan"])
    registry.discover("plan")  # -> [{"id": "planner", "name": "Planner", ...}]

The table is AGENTIFY_REGISTRY_TABLE (default AgentRegistry), reached like the events table
(AGENTIFY_DYNAMODB_ENDPOINT, AGENTIFY_TABLE_REGION). Its layout and rules are the TypeScript
registry's (src/registry/dynamoStore.ts, docs/AGENT_REGISTRY.md): one profile item and one item per
capability, written in one transaction conditional on the profile's revision and owner, so
discovery is one Query on CapabilityIndex and a second registrant cannot take over an id. When the
table cannot be used, agents are remembered in this process only and the warning says how to fix it.
"""
from __future__ import annotations

import getpass
import ipaddress
import os
import random
import re
import threading
import time
from decimal import Decimal
from typing import Any, Callable, Dict, Iterable, List, Optional, TypeVar
from urllib.parse import urlparse

from . import config
from ._log import logger, warn_once

DEFAULT_TABLE = "AgentRegistry"
CAPABILITY_INDEX = "CapabilityIndex"
LIST_PARTITION = "#agent"
MAX_ATTEMPTS = 25
LIMITS = {"id": 128, "name": 128, "endpoint": 2048, "description": 1024, "version": 64, "capability": 64,
          "capabilities": 32, "skills": 32, "tags": 16}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
_CAPABILITY = re.compile(r"^[a-z0-9][a-z0-9._:/+-]*$")
_LOCAL_KEY = "agentifylocal"
_LAYOUT = ("agentId", "capability", "revision", "owner")

Profile = Dict[str, Any]
T = TypeVar("T")

_lock = threading.Lock()
_client: Any = None
_client_key: Any = None
_owner: Optional[str] = None
_memory: Dict[str, Profile] = {}  # id -> profile, when the table cannot be used


class _Invalid(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__("invalid %s: %s" % (field, reason))
        self.field, self.reason = field, reason


# ── public API ───────────────────────────────────────────────────────────────────────────────
def register(agent_id: str, name: str, endpoint: str, capabilities: Iterable[str], *, description: Optional[str] = None,
             version: Optional[str] = None, skills: Optional[List[Dict[str, Any]]] = None) -> bool:
    """Register (or update) an agent. True when it is in the table; False when the input is invalid
    or the table cannot be used (then it is remembered in this process only; the log says why)."""
    try:
        profile = _validate(agent_id, name, endpoint, capabilities, description, version, skills)
    except _Invalid as err:
        logger.warning("agentify.registry: agent %r was not registered: %s.", agent_id, err)
        return False
    now = _now()
    try:
        return _table_call(lambda c, t: _put(c, t, profile, _owner_id(), now))
    except _TableUnusable:
        previous = _memory.get(profile["id"])
        _memory[profile["id"]] = dict(profile, registeredAt=(previous or {}).get("registeredAt", now), lastSeenAt=now)
        return False
    except Exception as err:  # noqa: BLE001 - never into the agent
        logger.warning("agentify.registry: agent %r was not registered: %s", agent_id, err)
        return False


def discover(capability: str) -> List[Dict[str, Any]]:
    """Agents with that capability (a list of profile dicts, possibly empty); never raises. Each has
    `stale`: not seen for longer than AGENTIFY_REGISTRY_STALE_SECONDS (default 300)."""
    try:
        cap = _capability(capability, "capability")
    except _Invalid as err:
        logger.warning("agentify.registry: discover(%r): %s.", capability, err)
        return []
    try:
        return [_with_stale(p) for p in _table_call(lambda c, t: _query(c, t, cap))]
    except _TableUnusable:
        return [_with_stale(p) for _, p in sorted(_memory.items()) if cap in p["capabilities"]]
    except Exception as err:  # noqa: BLE001
        logger.warning("agentify.registry: discover(%r) failed: %s", capability, err)
        return []


def heartbeat(agent_id: str) -> bool:
    """Mark the agent as seen now (agents not seen for a while are shown stale). True when done."""
    now = _now()
    try:
        return _table_call(lambda c, t: _heartbeat(c, t, agent_id, _owner_id(), now))
    except _TableUnusable:
        if agent_id in _memory:
            _memory[agent_id]["lastSeenAt"] = now
            return True
        return False
    except Exception as err:  # noqa: BLE001
        logger.warning("agentify.registry: heartbeat(%r) failed: %s", agent_id, err)
        return False


def deregister(agent_id: str) -> bool:
    """Remove the agent and its capabilities. True when it was registered and is gone."""
    try:
        return _table_call(lambda c, t: _deregister(c, t, agent_id, _owner_id()))
    except _TableUnusable:
        return _memory.pop(agent_id, None) is not None
    except Exception as err:  # noqa: BLE001
        logger.warning("agentify.registry: deregister(%r) failed: %s", agent_id, err)
        return False


# ── validation (the same rules as src/registry/validate.ts) ─────────────────────────────────
def _text(value: Any, field: str, limit: int, required: bool) -> Optional[str]:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _Invalid(field, "is required")
        return None
    if not isinstance(value, str):
        raise _Invalid(field, "must be a string")
    value = value.strip()
    if len(value) > limit:
        raise _Invalid(field, "is longer than %d characters" % limit)
    return value


def _id(value: Any, field: str = "id") -> str:
    if not isinstance(value, str) or not value:
        raise _Invalid(field, "is required")
    if len(value) > LIMITS["id"]:
        raise _Invalid(field, "is longer than %d characters" % LIMITS["id"])
    if not _ID.match(value):
        raise _Invalid(field, "may hold only letters, digits, '.', '_', ':' and '-'")
    return value


def _capability(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(field, "must be a non-empty string")
    cap = value.strip().lower()
    if len(cap) > LIMITS["capability"]:
        raise _Invalid(field, "is longer than %d characters" % LIMITS["capability"])
    if not _CAPABILITY.match(cap):
        raise _Invalid(field, "may hold only letters, digits and . _ : / + -")
    return cap


def _is_loopback(host: Optional[str]) -> bool:
    host = (host or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _endpoint(value: Any) -> str:
    raw = _text(value, "endpoint", LIMITS["endpoint"], True) or ""
    try:
        url = urlparse(raw)
        host = url.hostname
    except ValueError:
        raise _Invalid("endpoint", "is not a URL") from None
    if not url.scheme or not url.netloc:
        raise _Invalid("endpoint", "is not a URL")
    if url.username or url.password:
        raise _Invalid("endpoint", "must not carry a user name or password")
    if url.scheme == "https" or (url.scheme == "http" and _is_loopback(str(host or ""))):
        return raw
    raise _Invalid("endpoint", "must use https:// (http:// only for 127.0.0.1, ::1 and localhost)")


def _cap_list(values: Any, field: str, limit: int) -> List[str]:
    if values is None:
        return []
    if isinstance(values, str) or not isinstance(values, (list, tuple, set, frozenset)):
        raise _Invalid(field, "must be a list of strings")
    entries: List[Any] = list(values)  # pyright: ignore[reportUnknownArgumentType]
    if len(entries) > limit:
        raise _Invalid(field, "has %d entries; at most %d are allowed" % (len(entries), limit))
    return [_capability(v, "%s[%d]" % (field, i)) for i, v in enumerate(entries)]


def _unique(items: List[str]) -> List[str]:
    return list(dict.fromkeys(items))


def _validate(agent_id: Any, name: Any, endpoint: Any, capabilities: Any, description: Any, version: Any,
              skills: Any) -> Profile:
    profile: Profile = {"id": _id(agent_id), "name": _text(name, "name", LIMITS["name"], True),
                        "endpoint": _endpoint(endpoint)}
    caps = _cap_list(capabilities, "capabilities", LIMITS["capabilities"])
    checked_skills: Optional[List[Profile]] = None
    if skills is not None:
        if not isinstance(skills, (list, tuple)):
            raise _Invalid("skills", "must be a list of at most %d skills" % LIMITS["skills"])
        given: List[Any] = list(skills)  # pyright: ignore[reportUnknownArgumentType]
        if len(given) > LIMITS["skills"]:
            raise _Invalid("skills", "must be a list of at most %d skills" % LIMITS["skills"])
        checked_skills = []
        seen: set[str] = set()
        for i, raw_skill in enumerate(given):
            field = "skills[%d]" % i
            if not isinstance(raw_skill, dict):
                raise _Invalid(field, "must be a dict with id, name and tags")
            s: Dict[str, Any] = raw_skill  # pyright: ignore[reportUnknownVariableType]
            sid = _id(s.get("id"), field + ".id")
            if sid in seen:
                raise _Invalid(field + ".id", "is used by another skill")
            seen.add(sid)
            skill: Profile = {"id": sid, "name": _text(s.get("name"), field + ".name", LIMITS["name"], True),
                     "tags": _unique(_cap_list(s.get("tags"), field + ".tags", LIMITS["tags"]))}
            desc = _text(s.get("description"), field + ".description", LIMITS["description"], False)
            if desc:
                skill["description"] = desc
            checked_skills.append(skill)
    caps = _unique(caps + [str(t) for sk in checked_skills or [] for t in sk["tags"]])
    if len(caps) > LIMITS["capabilities"]:
        raise _Invalid("capabilities", "has %d entries with the skills' tags; at most %d"
                       % (len(caps), LIMITS["capabilities"]))
    profile["capabilities"] = caps
    for key, value in (("description", description), ("version", version)):
        limit = LIMITS[key]
        checked = _text(value, key, limit, False)
        if checked:
            profile[key] = checked
    if checked_skills is not None:
        profile["skills"] = checked_skills
    return profile


# ── the table ─────────────────────────────────────────────────────────────────────────────────
class _TableUnusable(Exception):
    pass


class _Retry(Exception):
    pass


class _NotOwner(Exception):
    pass


def _now() -> int:
    return int(time.time() * 1000)


def _with_stale(profile: Profile) -> Profile:
    try:
        stale_ms = float(os.environ.get("AGENTIFY_REGISTRY_STALE_SECONDS") or 300) * 1000
    except ValueError:
        stale_ms = 300_000
    return dict(profile, stale=_now() - profile.get("lastSeenAt", 0) > stale_ms)


def _table_name() -> str:
    return os.environ.get("AGENTIFY_REGISTRY_TABLE") or DEFAULT_TABLE


def _get_client() -> Any:
    global _client, _client_key
    import boto3 as _boto3
    from botocore.config import Config as _Config

    boto3: Any = _boto3  # no type stubs here: the client is used through Any
    Config: Any = _Config
    settings = config.get()
    key = (settings.endpoint, settings.region)
    with _lock:
        if _client is not None and _client_key == key:
            return _client
        session: Any = boto3.session.Session()
        kwargs: Dict[str, Any] = {}
        if settings.endpoint:
            kwargs["endpoint_url"] = settings.endpoint
            if _is_loopback(urlparse(settings.endpoint).hostname or "") and session.get_credentials() is None:
                kwargs.update(aws_access_key_id=_LOCAL_KEY, aws_secret_access_key=_LOCAL_KEY)
        region: str = settings.region or session.region_name or "us-east-1"
        _client = session.client("dynamodb", region_name=region, config=Config(
            retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=3, read_timeout=10), **kwargs)
        _client_key = key
        return _client


def _owner_id() -> str:
    """The registrant: AGENTIFY_REGISTRY_OWNER, else the AWS caller (as the registry's URL sees it),
    else this user on a local server."""
    global _owner
    explicit = os.environ.get("AGENTIFY_REGISTRY_OWNER")
    if explicit:
        return explicit
    if _owner is None:
        if config.get().endpoint:
            _owner = "local:%s" % getpass.getuser()
        else:
            try:
                import boto3 as _boto3

                boto3: Any = _boto3
                _owner = str(boto3.client("sts", region_name=config.get().region or None).get_caller_identity()["Arn"])
            except Exception:  # noqa: BLE001 - no STS: fall back to the local user
                _owner = "local:%s" % getpass.getuser()
    return _owner or "local"


def _table_call(fn: Callable[[Any, str], Any]) -> Any:
    """Runs fn(client, table) against the table; table-level failures become _TableUnusable (logged once)."""
    table = _table_name()
    try:
        return fn(_get_client(), table)
    except ImportError:
        warn_once("registry-boto3", "agentify.registry: boto3 is not installed, so agents are kept in this process "
                  "only. Install it (pip install boto3).")
        raise _TableUnusable() from None
    except _NotOwner as err:
        logger.warning("agentify.registry: %s", err)
        return False
    except Exception as err:  # noqa: BLE001
        code = getattr(err, "response", {}).get("Error", {}).get("Code", "")
        message = str(err)
        settings = config.get()
        region = settings.region or "the default region"
        where = "at %s" % settings.endpoint if settings.endpoint else "in %s" % region
        if code == "ResourceNotFoundException":
            warn_once("registry-missing:" + table,
                      "agentify.registry: the registry table %s does not exist %s, so agents are kept in this process "
                      "only. Deploy infrastructure/agent-registry.yaml or create it (docs/AGENT_REGISTRY.md), or set "
                      "AGENTIFY_REGISTRY_TABLE." % (table, where))
            raise _TableUnusable() from None
        if code in ("AccessDeniedException", "UnrecognizedClientException") or "not authorized" in message:
            warn_once("registry-denied:" + table,
                      "agentify.registry: access to the registry table %s %s was denied (%s), so agents are kept in "
                      "this process only. Grant dynamodb:GetItem, Query, PutItem, UpdateItem, DeleteItem and "
                      "ConditionCheckItem on the table and its index %s." % (table, where, message, CAPABILITY_INDEX))
            raise _TableUnusable() from None
        if code == "ValidationException" and "index" in message.lower():
            warn_once("registry-index:" + table,
                      "agentify.registry: the registry table %s has no %s, so agents cannot be discovered without a "
                      "scan; agents are kept in this process only. Recreate it from infrastructure/agent-registry.yaml."
                      % (table, CAPABILITY_INDEX))
            raise _TableUnusable() from None
        raise


def _ser() -> Any:
    from boto3.dynamodb.types import TypeSerializer

    return TypeSerializer()


def _item(d: Profile) -> Dict[str, Any]:
    s = _ser()
    return {k: s.serialize(v) for k, v in d.items() if v is not None}


def _plain(item: Dict[str, Any]) -> Profile:
    from boto3.dynamodb.types import TypeDeserializer

    des: Any = TypeDeserializer()
    return _undecimal({k: des.deserialize(v) for k, v in item.items()})


def _undecimal(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, dict):
        mapping: Dict[str, Any] = v  # pyright: ignore[reportUnknownVariableType]
        return {k: _undecimal(x) for k, x in mapping.items()}
    if isinstance(v, (list, tuple, set)):
        values: List[Any] = list(v)  # pyright: ignore[reportUnknownArgumentType]
        return [_undecimal(x) for x in values]
    return v


def _profile(item: Dict[str, Any]) -> Profile:
    return {k: v for k, v in _plain(item).items() if k not in _LAYOUT}


def _cap_key(agent_id: str, capability: str) -> Dict[str, Any]:
    return {"agentId": {"S": "%s#cap#%s" % (agent_id, capability)}}


def _current(client: Any, table: str, agent_id: str) -> Optional[Profile]:
    res = client.get_item(TableName=table, Key={"agentId": {"S": agent_id}}, ConsistentRead=True)
    return _plain(res["Item"]) if "Item" in res else None


def _transact(client: Any, items: List[Dict[str, Any]]) -> bool:
    try:
        client.transact_write_items(TransactItems=items)
        return True
    except Exception as err:  # noqa: BLE001
        code = getattr(err, "response", {}).get("Error", {}).get("Code", "")
        if code in ("TransactionCanceledException", "TransactionConflictException"):
            return False
        raise


def _retrying(agent_id: str, attempt: Callable[[], T]) -> T:
    for i in range(MAX_ATTEMPTS):
        try:
            return attempt()
        except _Retry:
            time.sleep(random.random() * min(0.2, 0.01 * 2 ** i))
    raise RuntimeError("agent %r is being changed by other writers at the same time" % agent_id)


def _check_owner(current: Profile, owner: str, agent_id: str) -> None:
    if current.get("owner") != owner:
        raise _NotOwner("agent %r was registered by another registrant; only its registrant can change or remove "
                        "it. Register under another id." % agent_id)


def _put(client: Any, table: str, profile: Profile, owner: str, now: int) -> bool:
    def attempt() -> bool:
        current = _current(client, table, profile["id"])
        if current:
            _check_owner(current, owner, profile["id"])
        revision = (current or {}).get("revision", 0) + 1
        stored = dict(profile, registeredAt=(current or {}).get("registeredAt", now), lastSeenAt=now)
        head = dict(stored, agentId=profile["id"], capability=LIST_PARTITION, owner=owner, revision=revision)
        put = {"TableName": table, "Item": _item(head)}
        if current:
            put.update(ConditionExpression="#rev = :rev AND #owner = :owner",
                       ExpressionAttributeNames={"#rev": "revision", "#owner": "owner"},
                       ExpressionAttributeValues={":rev": {"N": str(current["revision"])}, ":owner": {"S": owner}})
        else:
            put["ConditionExpression"] = "attribute_not_exists(agentId)"
        items = [{"Put": put}]
        for cap in stored["capabilities"]:
            body = dict(stored, agentId="%s#cap#%s" % (profile["id"], cap), capability=cap, revision=revision)
            items.append({"Put": {"TableName": table, "Item": _item(body)}})
        for cap in (current or {}).get("capabilities", []):
            if cap not in stored["capabilities"]:
                items.append({"Delete": {"TableName": table, "Key": _cap_key(profile["id"], cap)}})
        if not _transact(client, items):
            raise _Retry()
        return True

    return _retrying(profile["id"], attempt)


def _query(client: Any, table: str, capability: str) -> List[Profile]:
    out: List[Profile] = []
    start: Any = None
    while True:
        kwargs: Dict[str, Any] = {"ExclusiveStartKey": start} if start else {}
        page = client.query(TableName=table, IndexName=CAPABILITY_INDEX, KeyConditionExpression="capability = :c",
                            ExpressionAttributeValues={":c": {"S": capability}}, **kwargs)
        out.extend(_profile(i) for i in page.get("Items", []))
        start = page.get("LastEvaluatedKey")
        if not start:
            return out


def _heartbeat(client: Any, table: str, agent_id: str, owner: str, now: int) -> bool:
    def attempt() -> bool:
        current = _current(client, table, agent_id)
        if not current:
            return False
        _check_owner(current, owner, agent_id)
        values = {":now": {"N": str(now)}}
        items = [{"Update": {"TableName": table, "Key": {"agentId": {"S": agent_id}},
                             "UpdateExpression": "SET lastSeenAt = :now", "ConditionExpression": "#rev = :rev",
                             "ExpressionAttributeNames": {"#rev": "revision"},
                             "ExpressionAttributeValues": dict(values, **{":rev": {"N": str(current["revision"])}})}}]
        for cap in current.get("capabilities", []):
            items.append({"Update": {"TableName": table, "Key": _cap_key(agent_id, cap),
                                     "UpdateExpression": "SET lastSeenAt = :now",
                                     "ConditionExpression": "attribute_exists(agentId)",
                                     "ExpressionAttributeValues": values}})
        if not _transact(client, items):
            raise _Retry()
        return True

    return _retrying(agent_id, attempt)


def _deregister(client: Any, table: str, agent_id: str, owner: str) -> bool:
    def attempt() -> bool:
        current = _current(client, table, agent_id)
        if not current:
            return False
        _check_owner(current, owner, agent_id)
        items = [{"Delete": {"TableName": table, "Key": {"agentId": {"S": agent_id}},
                             "ConditionExpression": "#rev = :rev",
                             "ExpressionAttributeNames": {"#rev": "revision"},
                             "ExpressionAttributeValues": {":rev": {"N": str(current["revision"])}}}}]
        items += [{"Delete": {"TableName": table, "Key": _cap_key(agent_id, c)}}
                  for c in current.get("capabilities", [])]
        if not _transact(client, items):
            raise _Retry()
        return True

    return _retrying(agent_id, attempt)


def _reset() -> None:  # pyright: ignore[reportUnusedFunction]  (used by tests)
    """Forget the cached client, owner and in-process agents (tests, and settings that changed)."""
    global _client, _client_key, _owner
    with _lock:
        _client, _client_key, _owner = None, None, None
    _memory.clear()
