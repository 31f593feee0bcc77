"""Secrets never reach a sink: secret-shaped text, secret-named keys, user patterns and hooks."""
import string

from hypothesis import given, settings, strategies as st

from agentify import configure, emit, tool
from agentify.masking import MASK, Masker, is_secret_key
from agentify.serialize import to_jsonable

AKID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def test_secret_text_is_masked_everywhere():
    m = Masker()
    text = ("key %s secret %s; Authorization: Bearer abc.DEF-123_x; url https://h/p?api_key=zzz&x=1 "
            "password: 'hunter2' jwt eyJhbGciOi.eyJzdWIiOiIx.sig-_x" % (AKID, SECRET))
    out = m.text(text)
    for leaked in (AKID, SECRET, "abc.DEF-123_x", "zzz", "hunter2", "eyJhbGciOi"):
        assert leaked not in out
    assert "Bearer " + MASK in out and "x=1" in out


def test_secret_named_keys_are_masked_but_token_counts_are_not():
    m = Masker()
    out = m.value({"password": "p", "db": {"api_key": 123, "Authorization": "Basic x", "user": "ann"},
                   "gen_ai.usage.input_tokens": 5, "max_tokens": 10, "headers": [{"x-api-key": "k"}],
                   "client_secret": "c", "aws_session_token": "t", "author": "kept"})
    assert out["password"] == MASK and out["db"]["api_key"] == MASK and out["db"]["Authorization"] == MASK
    assert out["db"]["user"] == "ann" and out["author"] == "kept"
    assert out["gen_ai.usage.input_tokens"] == 5 and out["max_tokens"] == 10
    assert out["headers"][0]["x-api-key"] == MASK
    assert out["client_secret"] == MASK and out["aws_session_token"] == MASK


def test_hex_digests_are_not_mistaken_for_secret_keys():
    sha = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    assert Masker().text("commit " + sha) == "commit " + sha


def test_masking_applies_to_emitted_events_and_error_tracebacks(captured):
    @tool
    def call(credentials):
        raise RuntimeError("failed with key " + AKID)

    try:
        call({"aws_access_key_id": AKID, "note": "uses " + SECRET})
    except RuntimeError:
        pass
    text = "\n".join(captured.lines)
    assert AKID not in text and SECRET not in text
    failed = captured.of_type("tool_call")[1]["payload"]["error"]
    assert MASK in failed["message"] and MASK in failed["traceback"]


def test_user_patterns_and_hook_add_masking(captured):
    configure(stream=captured.stream, mask_patterns=[r"ACME-\d{6}"],
              mask=lambda payload: {**payload, "customer": "[redacted]"} if "customer" in payload else payload)
    emit("log", {"message": "order ACME-123456 shipped", "customer": "Ann"})
    payload = captured.events[0]["payload"]
    assert payload["message"] == "order %s shipped" % MASK
    assert payload["customer"] == "[redacted]"


def test_a_failing_mask_hook_keeps_builtin_masking(captured, caplog):
    def hook(payload):
        raise KeyError("bug")

    configure(stream=captured.stream, mask=hook)
    with caplog.at_level("WARNING", logger="agentify"):
        emit("log", {"message": "key " + AKID})
    assert captured.events[0]["payload"]["message"] == "key " + MASK
    assert "mask" in caplog.text


filler = st.text(alphabet=string.ascii_letters + string.digits + " .,:;-_/", max_size=40)


@settings(max_examples=200, deadline=None)
@given(filler, filler, st.text(alphabet=string.ascii_uppercase + string.digits, min_size=16, max_size=16),
       st.sampled_from(["AKIA", "ASIA"]))
def test_access_key_ids_never_survive_in_any_surrounding_text(before, after, body, prefix):
    key = prefix + body
    out = Masker().text(before + " " + key + " " + after)
    assert key not in out


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.ascii_letters + string.digits + "-._~+/", min_size=1, max_size=60), filler)
def test_bearer_tokens_never_survive(token, tail):
    out = Masker().text("Authorization: Bearer " + token + " " + tail)
    assert "Bearer " + token not in out


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["password", "db_password", "api_key", "apiKey", "secret", "client_secret", "token",
                        "access_token", "Authorization", "private_key"]), st.text(min_size=1, max_size=30))
def test_values_under_secret_keys_never_survive(key, secret):
    assert is_secret_key(key)
    assert Masker().value({key: secret}) == {key: MASK}


def test_nested_status_and_level_values_are_still_scanned():
    out = Masker().payload({"status": "started", "span_id": "ab" * 8,
                            "input": {"status": "token=abcd", "level": AKID}})
    assert out["status"] == "started" and out["span_id"] == "ab" * 8
    assert out["input"] == {"status": "token=" + MASK, "level": MASK}
    assert list(out) == ["status", "span_id", "input"]


_secretish = st.sampled_from(["token=abcd", AKID, "Bearer abc.def", SECRET, "x" * 40, "plain", "é\ud800", ""])
_keys = st.sampled_from(["password", "status", "span_id", "input", "api_key", "n", "é", 1, 2.5, None])
_leaves = (st.none() | st.booleans() | st.integers(min_value=-10 ** 40, max_value=10 ** 40) | st.floats() | st.text()
           | _secretish | st.binary(max_size=8) | st.tuples(st.integers()) | st.frozensets(st.integers(), max_size=3))
_values = st.recursive(_leaves, lambda c: st.lists(c, max_size=4) | st.dictionaries(_keys, c, max_size=4),
                       max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_keys, _values, max_size=6) | _values, st.booleans())
def test_the_one_walk_snapshot_equals_snapshotting_then_masking(payload, extra):
    masker = Masker([r"plain"] if extra else [])
    jsonable = to_jsonable(payload) if payload is not None else {}
    body = jsonable if isinstance(jsonable, dict) else {"value": jsonable}
    assert masker.snapshot(payload) == masker.payload(body)


def test_the_one_walk_snapshot_marks_cycles_and_depth_as_the_snapshot_does():
    loop: dict = {"name": "loop"}
    loop["self"] = loop
    deep: list = []
    for _ in range(40):
        deep = [deep]
    payload = {"loop": loop, "deep": deep, "token": "t"}
    assert Masker().snapshot(payload) == Masker().payload(to_jsonable(payload))
