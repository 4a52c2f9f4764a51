"""Issue 17, property: no document obtained by mutating an accepted one (any field, any type,
duplicated keys, reordered approvals or keys) is accepted unless it is byte-identical to it.
Against a real ``studio serve`` holding the accepted release."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.bundle.sample import sample_bundle
from tests.helpers.server import LiveServer, release_document, run_server

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


class Accepted:
    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.document = release_document(sample_bundle(), 1)
        self.body = json.dumps(self.document, ensure_ascii=False).encode("utf-8")
        self.key = self.document["bundle_sha256"]
        r = self.post(self.body, self.key)
        assert r.status_code == 201, r.text

    def post(self, body: bytes, key: str) -> httpx.Response:
        with self.server.client() as c:
            return c.post(
                "/api/v1/releases",
                content=body,
                headers={"Idempotency-Key": key, "Content-Type": "application/json"},
            )


@pytest.fixture(scope="module")
def accepted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Accepted]:
    with run_server(data_dir=tmp_path_factory.mktemp("server")) as server:
        yield Accepted(server)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


def _set(doc: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return doc


def _mutate(document: dict[str, Any], data: st.DataObject) -> bytes:
    how = data.draw(st.sampled_from(["value", "duplicate", "reorder_approvals", "reorder_keys"]))
    doc = copy.deepcopy(document)
    if how == "value":
        # Most paths are deep in the bundle; half the draws pick a top-level field instead.
        paths = list(_paths(doc))[1:]
        if data.draw(st.booleans()):
            paths = [(k,) for k in doc] + [("approvals", 0, k) for k in doc["approvals"][0]]
        path = data.draw(st.sampled_from(paths))
        doc = _set(doc, path, data.draw(JSON_VALUES))
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if how == "duplicate":
        # Repeat one key of one object with another value, before or after the original.
        objects = [p for p in _paths(doc) if isinstance(_get(doc, p), dict) and _get(doc, p)]
        path = data.draw(st.sampled_from(objects))
        obj = _get(doc, path)
        key = data.draw(st.sampled_from(sorted(obj)))
        marker = "__dup_marker__"
        obj[marker] = None
        text = json.dumps(doc, ensure_ascii=False)
        extra = json.dumps(key) + ": " + json.dumps(data.draw(JSON_VALUES), ensure_ascii=False)
        return text.replace(f'"{marker}": null', extra, 1).encode("utf-8")
    if how == "reorder_approvals":
        doc["approvals"] = list(reversed(doc["approvals"]))
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    reordered = dict(reversed(list(doc.items())))
    return json.dumps(reordered, ensure_ascii=False).encode("utf-8")


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_mutation_of_an_accepted_document_is_accepted(
    accepted: Accepted, data: st.DataObject
) -> None:
    body = _mutate(accepted.document, data)
    key = accepted.key
    try:
        claimed = json.loads(body).get("bundle_sha256")
        if (
            isinstance(claimed, str)
            and claimed.isascii()
            and claimed.isprintable()
            and 0 < len(claimed) <= 200
        ):
            key = data.draw(st.sampled_from([accepted.key, claimed]))
    except (ValueError, AttributeError):
        pass
    r = accepted.post(body, key)
    if body == accepted.body and key == accepted.key:
        assert r.status_code == 201 and r.headers.get("Idempotent-Replayed") == "true"
    else:
        assert 400 <= r.status_code < 500, (r.status_code, r.text)
        assert "Idempotent-Replayed" not in r.headers
    with accepted.server.client() as c:
        current = c.get("/api/v1/releases/current")
    assert current.content == accepted.body
