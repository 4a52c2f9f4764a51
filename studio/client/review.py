"""A change's review with the server asked too: the live baseline verified against the server's
current release (``GET /api/v1/releases/current``, re-verified here), the rules given the
server's record counts, and for a rules change its impact replay, run now over the server's
recent records with the exact bundle under signature against that baseline (issue 18: what the
reviewers read first is derived, not read back from the change's stored diff). What
``change show``, ``change approve`` and the Review dialog use.

The server is asked quickly or not at all (a review must not hang on a dead server): when it
cannot be asked, the baseline is verified against its own sha256 only and the review says so.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from studio.automation.replay import changed_entities
from studio.bundle.model import Bundle
from studio.changes import keystore
from studio.changes.baseline import Baseline, check_against_server, known_keys, local_baseline
from studio.changes.flow import _find
from studio.changes.replay_gate import acknowledgement_of, reviewed_evidence
from studio.changes.review import ChangeReview, derive_review
from studio.client.http import PushError, RetryPolicy, fetch_release
from studio.client.replay import ReplayUnavailable, replay_bundles
from studio.client.server_url import configured_server
from studio.client.stats import data_stats, server_stats
from studio.errors import StudioError
from studio.i18n import Message
from studio.lint import DataStats
from studio.progress import Progress
from studio.workspace.connection import Workspace

Json = dict[str, Any]

#: A review asks the server once, briefly (a dead server must not hold the review up).
QUICK = RetryPolicy(attempts=1, request_timeout=5.0, total_timeout=10.0)


def server_baseline(
    ws: Workspace,
    *,
    server_url: str | None = None,
    token: str | None = None,
    retry: RetryPolicy | None = None,
) -> tuple[Baseline, str | None, str | None]:
    """The live baseline, verified locally and, when it can be asked, against the server.

    Returns ``(baseline, url, token)``: the server that vouched for it (``None`` when none did).
    """
    with ws.session() as s:
        local = local_baseline(s)
        keys = known_keys(s)
    try:
        url = configured_server(ws, server_url)
    except PushError as exc:
        return (
            _note(local, Message("the server URL is refused ({reason})", reason=str(exc))),
            None,
            None,
        )
    if url is None:
        return _note(local, Message("no server is configured")), None, None
    try:
        token = token or keystore.server_token(url)
    except StudioError as exc:  # no usable keyring
        return (
            _note(local, Message("no token for {url} ({reason})", url=url, reason=str(exc))),
            None,
            None,
        )
    if not token:
        return _note(local, Message("no token for {url}", url=url)), None, None
    try:
        doc = fetch_release(url, token, "current", retry=retry or QUICK)
    except (PushError, ValueError) as exc:  # unreachable, refused, or not JSON
        return (
            _note(
                local,
                Message("the server at {url} did not answer ({reason})", url=url, reason=str(exc)),
            ),
            None,
            None,
        )
    return check_against_server(local, doc, keys), url, token


def _note(local: Baseline, why: Message) -> Baseline:
    return replace(local, note=why)


def review_change(
    ws: Workspace,
    change_id: str,
    *,
    server_url: str | None = None,
    token: str | None = None,
    retry: RetryPolicy | None = None,
    replay: bool = True,
    progress: Progress | None = None,
) -> ChangeReview:
    """``studio.changes.review.derive_review`` against a baseline the server vouched for when it
    could be asked, with the server's record counts for the rules that need them; ``replay``:
    with the impact replay of a rules change (``with_replay``)."""
    baseline, url, token = server_baseline(ws, server_url=server_url, token=token, retry=retry)

    def counts(diff: Json, bundle: Bundle) -> DataStats | None:
        if url is None:
            return None
        return data_stats(diff, server_stats(ws, diff, server_url=url, token=token, bundle=bundle))

    with ws.session() as s:
        review = derive_review(s, _find(s, change_id), baseline, counts)
    if not replay:
        return review
    return with_replay(ws, review, url, token, progress=progress)


def with_replay(
    ws: Workspace,
    review: ChangeReview,
    url: str | None,
    token: str | None,
    *,
    progress: Progress | None = None,
) -> ChangeReview:
    """``review`` with the impact replay of its exact bundle against its verified baseline, over
    the records the server at ``url`` wrote in the last 30 days (the default window of submit).

    Nothing is replayed without a trustworthy baseline (the review says why already) or when the
    rules do not change. A replay that cannot run says so (``ran: false`` and the reason): the
    review never shows figures it did not derive. ``Cancelled`` propagates."""
    bundle, live = review.bundle, review.baseline.bundle
    if review.diff is None or bundle is None or not changed_entities(live, bundle):
        return review
    with ws.session() as s:
        acknowledgement = acknowledgement_of(s, review.change.id)
    if url is None or not token:
        why = review.baseline.note
        problem = str(why) if why is not None else str(Message("no server is configured"))
        evidence = reviewed_evidence(None, problem=problem, acknowledgement=acknowledgement)
    else:
        try:
            run = replay_bundles(ws, live, bundle, server_url=url, token=token, progress=progress)
        except ReplayUnavailable as exc:
            evidence = reviewed_evidence(None, problem=str(exc), acknowledgement=acknowledgement)
        else:
            evidence = reviewed_evidence(run, acknowledgement=acknowledgement)
    return replace(review, replay=evidence)
