"""The server's record counts behind the reviewer's impact numbers, from a real ``studio serve``."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.bundle.diff import diff_bundles
from studio.bundle.sample import sample_bundle
from studio.changes import keystore
from studio.changes.impact import impact
from studio.client.stats import entities_to_count, fetch_stats, impact_with_stats, server_stats
from studio.workspace.connection import Workspace, open_workspace
from tests.helpers.impact import LACKING_COMPANY, load_customers, submit_required_company
from tests.helpers.server import LiveServer


@pytest.fixture(autouse=True)
def no_server_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    """Which server is asked is up to each test, not to the environment it runs in."""
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    monkeypatch.delenv("STUDIO_SERVER_TOKEN", raising=False)


@pytest.fixture
def ws(sample_workspace_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(str(sample_workspace_path))
    yield workspace
    workspace.close()


def _company(effects: dict) -> dict:
    return next(
        r
        for r in effects["required_fields"]
        if (r["entity"], r["field"]) == ("customer", "company")
    )


def test_counts_the_records_a_new_required_field_breaks(
    ws: Workspace, live_server: LiveServer
) -> None:
    load_customers(live_server)
    view = submit_required_company(ws)
    # A first release: every entity is new, and each has a required name or number.
    assert entities_to_count(view.diff) == [
        "contact",
        "contract",
        "customer",
        "lead",
        "opportunity",
    ]
    found = server_stats(ws, view.diff, server_url=live_server.base_url, token=live_server.token)
    assert found.problem is None
    assert found.stats["customer"]["record_count"] == 3
    effects = impact(view.diff, found.stats)
    assert _company(effects)["records_violating"] == LACKING_COMPANY
    name = next(
        r for r in effects["required_fields"] if r["field"] == "name" and r["entity"] == "customer"
    )
    assert name["records_violating"] == 0  # every customer has a name
    contract = next(r for r in effects["required_fields"] if r["entity"] == "contract")
    assert contract["records_violating"] == 0  # the server holds no contracts


def _changed_company(**update: object) -> dict:
    live = sample_bundle()
    customer = live.entity("customer")
    assert customer is not None
    fields = tuple(
        f.model_copy(update=update) if f.key == "company" else f for f in customer.fields
    )
    new = customer.model_copy(update={"fields": fields})
    draft = live.model_copy(
        update={"entities": tuple(new if e.key == "customer" else e for e in live.entities)}
    )
    return diff_bundles(live, draft)


def test_only_entities_with_a_required_field_without_fill_are_counted() -> None:
    assert entities_to_count(_changed_company(required=True)) == ["customer"]
    assert entities_to_count(_changed_company(required=True, backfill="unknown")) == []
    assert entities_to_count(_changed_company(required=True, default="unknown")) == []
    assert entities_to_count(_changed_company(searchable=True)) == []


def test_server_and_token_come_from_the_environment(
    ws: Workspace, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_customers(live_server)
    view = submit_required_company(ws)
    monkeypatch.setenv("STUDIO_SERVER_URL", live_server.base_url)
    monkeypatch.setenv("STUDIO_SERVER_TOKEN", live_server.token)
    effects = impact_with_stats(ws, view.diff)
    assert effects["statistics_problem"] is None
    assert _company(effects)["records_violating"] == LACKING_COMPANY


def test_a_refused_token_leaves_the_numbers_unknown_and_never_shows_it(
    ws: Workspace, live_server: LiveServer
) -> None:
    view = submit_required_company(ws)
    wrong = "wrong-token-" + "y" * 30
    found = server_stats(ws, view.diff, server_url=live_server.base_url, token=wrong)
    assert found.stats == {}
    assert found.problem is not None
    assert found.problem.startswith("Server statistics unavailable:")
    assert "HTTP 401" in found.problem and wrong not in found.problem
    assert _company(impact(view.diff, found.stats))["records_violating"] is None


def test_a_server_that_is_down_gives_a_reason_not_an_exception(ws: Workspace) -> None:
    view = submit_required_company(ws)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    found = server_stats(ws, view.diff, server_url=f"http://127.0.0.1:{port}", token="t" * 20)
    assert found.stats == {}
    assert found.problem is not None and "cannot reach http://127.0.0.1" in found.problem


def test_a_server_that_hangs_is_given_up_on_after_the_timeout(ws: Workspace) -> None:
    view = submit_required_company(ws)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_say_nothing() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_say_nothing, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        found = server_stats(ws, view.diff, server_url=url, token="t" * 20, timeout=0.5)
    finally:
        stop.set()
        thread.join()
        for c in accepted:
            c.close()
        listener.close()
    assert found.stats == {}
    assert found.problem == f"Server statistics unavailable: no answer from {url} within 0.5 s"


def test_no_server_configured(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    view = submit_required_company(ws)
    effects = impact_with_stats(ws, view.diff)
    assert "No server configured" in effects["statistics_problem"]
    assert _company(effects)["records_violating"] is None


def test_plain_http_to_another_host_is_refused_before_sending(ws: Workspace) -> None:
    view = submit_required_company(ws)
    found = server_stats(ws, view.diff, server_url="http://192.0.2.1:8765", token="t" * 20)
    assert found.problem is not None and "Refusing plain HTTP" in found.problem


def test_nothing_is_asked_when_nothing_becomes_required(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A diff without newly required fields: no server needed, no problem to report.
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    assert server_stats(ws, {"entities": []}).problem is None


def test_malformed_answers_are_not_counted(live_server: LiveServer) -> None:
    # A wrong path on a real server answers 404: the entity stays unknown, the others count.
    found = fetch_stats(live_server.base_url, live_server.token, ["customer", "bad/entity"])
    assert "customer" in found.stats
    assert found.problem is not None and "HTTP 404 for bad/entity" in found.problem


def test_chinese_reason(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDIO_LANG", "zh_CN")
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    view = submit_required_company(ws)
    problem = impact_with_stats(ws, view.diff)["statistics_problem"]
    assert problem.startswith("服务器统计数据不可用：")


def test_the_token_comes_from_the_keyring(
    ws: Workspace, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STUDIO_SERVER_TOKEN", raising=False)
    load_customers(live_server)
    view = submit_required_company(ws)
    keystore.store_server_token(live_server.base_url, live_server.token)
    found = server_stats(ws, view.diff, server_url=live_server.base_url)
    assert found.problem is None
    assert _company(impact(view.diff, found.stats))["records_violating"] == LACKING_COMPANY
