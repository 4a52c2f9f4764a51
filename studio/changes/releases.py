"""The live version as this workspace knows it: the releases the server confirmed.

A row is written only after the server accepted a push (see ``studio.client.push``), so the
highest version here is what the CRM runs, as far as this workspace has seen.

Releases never change, so their parsed bundles are cached by sha256: the Changes pane and every
review ask for the live bundle (or just its policy) often, and a large bundle takes a few hundred
milliseconds to parse.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schema.models import ReleaseRow
from studio.bundle.model import Approver, Bundle, Policy, parse_bundle
from studio.errors import StudioError
from studio.i18n import Message


class UnreadableReleaseError(StudioError):
    """A release this workspace holds cannot be read as a bundle (a newer studio wrote it, or
    its stored text is damaged). Callers that can do without the baseline catch it (``check``
    lints the draft on its own); the others show the message."""

    def __init__(self, version: int, reason: str) -> None:
        super().__init__(
            "Release v{version} in this workspace cannot be read ({reason}). It may come "
            "from a newer version of CRM Config Studio: update the studio.",
            version=version,
            reason=reason,
        )
        self.version = version


class AlteredReleaseError(UnreadableReleaseError):
    """The stored text of a release no longer hashes to its ``bundle_sha256``: someone with write
    access to the workspace rewrote it. Nothing may be diffed, linted or judged against it (a
    rewritten live release hides edits from every diff made against it, issue 20)."""

    def __init__(self, version: int) -> None:
        StudioError.__init__(
            self,
            Message(
                "The workspace's copy of release v{version} has been altered: its text no "
                "longer hashes to its sha256. Nothing can be reviewed against it; bring the "
                "workspace in step with the server ('studio change sync') or restore a backup.",
                version=version,
            ),
        )
        self.version = version


_CACHE_SIZE = 4
_bundles: OrderedDict[str, Bundle] = OrderedDict()
_policies: OrderedDict[str, tuple[Policy, tuple[Approver, ...] | None]] = OrderedDict()


def _remember(cache: OrderedDict[str, object], key: str, value: object) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)


def live_version(session: Session) -> int | None:
    """The highest confirmed version, ``None`` before the first release."""
    value = session.scalar(select(func.max(ReleaseRow.version)))
    return int(value) if value is not None else None


def release(session: Session, version: int) -> ReleaseRow | None:
    return session.get(ReleaseRow, version)


def live_release(session: Session) -> ReleaseRow | None:
    version = live_version(session)
    return session.get(ReleaseRow, version) if version is not None else None


def _live_sha(session: Session) -> tuple[int, str] | None:
    row = session.execute(
        select(ReleaseRow.version, ReleaseRow.bundle_sha256)
        .order_by(ReleaseRow.version.desc())
        .limit(1)
    ).first()
    return (int(row[0]), str(row[1])) if row is not None else None


def _bundle_text(session: Session, version: int) -> str:
    return str(session.scalar(select(ReleaseRow.bundle_json).where(ReleaseRow.version == version)))


def _verify_text(session: Session, version: int, sha: str) -> str | None:
    """Check that release ``version``'s stored text hashes to ``sha``; the text read, or ``None``
    when this unit of work checked it already.

    Checked on every read, cache or not: the cache is keyed by the sha256, so a text rewritten
    under its old sha would otherwise be served from it (or parsed as if it were the release).
    Hashing is cheap next to parsing (~3 ms for 4.5 MB); within one unit of work a release is
    checked once (``session.info``).
    """
    checked: dict[int, str] = session.info.setdefault("verified_releases", {})
    if checked.get(version) == sha:
        return None
    text = _bundle_text(session, version)
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
        raise AlteredReleaseError(version)
    checked[version] = sha
    return text


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0] if exc.errors() else None
        if first is not None:
            loc = ".".join(str(p) for p in first["loc"])
            return f"{loc}: {first['msg']}" if loc else str(first["msg"])
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def release_bundle(session: Session, version: int) -> Bundle | None:
    """The bundle of release ``version`` (``None`` if this workspace has no such release).

    Raises ``UnreadableReleaseError`` when the release's text is not a bundle this studio reads,
    ``AlteredReleaseError`` (one of them) when it no longer hashes to its sha256.
    """
    sha = session.scalar(select(ReleaseRow.bundle_sha256).where(ReleaseRow.version == version))
    if sha is None:
        return None
    text = _verify_text(session, version, sha)
    cached = _bundles.get(sha)
    if cached is None:
        try:
            cached = parse_bundle(text if text is not None else _bundle_text(session, version))
        except (ValidationError, ValueError) as exc:
            raise UnreadableReleaseError(version, _reason(exc)) from None
        _remember(_bundles, sha, cached)  # type: ignore[arg-type]
    return cached


def live_bundle(session: Session) -> Bundle | None:
    """The bundle of the live release: the one place every caller gets it from.

    ``None`` before the first release; ``UnreadableReleaseError`` (a ``StudioError`` with a
    message for people) when the live release cannot be read. Parsed bundles are cached by
    sha256, releases never change.
    """
    live = _live_sha(session)
    return release_bundle(session, live[0]) if live is not None else None


def live_policy(session: Session) -> tuple[Policy, tuple[Approver, ...] | None]:
    """The live policy and approver registry (defaults before the first release), fast.

    Raises ``UnreadableReleaseError`` as ``live_bundle`` does."""
    live = _live_sha(session)
    if live is None:
        return Policy(), None
    version, sha = live
    text = _verify_text(session, version, sha)  # the policy is judged from what went live
    if sha in _bundles:
        bundle = _bundles[sha]
        return bundle.policy, bundle.approvers
    cached = _policies.get(sha)
    if cached is None:
        try:
            data = json.loads(text if text is not None else _bundle_text(session, version))
            approvers = data.get("approvers")
            cached = (
                Policy.model_validate(data.get("policy", {})),
                tuple(Approver.model_validate(a) for a in approvers)
                if approvers is not None
                else None,
            )
        except (ValidationError, ValueError, AttributeError, TypeError) as exc:
            raise UnreadableReleaseError(version, _reason(exc)) from None
        _remember(_policies, sha, cached)  # type: ignore[arg-type]
    return cached


def list_releases(session: Session) -> list[ReleaseRow]:
    """Every confirmed release, oldest first (the History pane)."""
    return list(session.scalars(select(ReleaseRow).order_by(ReleaseRow.version)))
