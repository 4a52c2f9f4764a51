"""The scan as the CLI and the Health pane run it: the workspace's draft, the password from the
keyring, the saved mapping, and (step by step) the scans kept for drift."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from studio.bundle.model import Bundle
from studio.errors import StudioError
from studio.progress import Progress
from studio.scan.connect import SignInRefused, parse, redact
from studio.scan.mapping import Mapping
from studio.scan.report import ScanReport
from studio.scan.run import scan_database

if TYPE_CHECKING:
    from studio.workspace.connection import Workspace

#: The keyring service under which database passwords are kept (user: the URL, password hidden).
KEYRING_SERVICE = "crm-config-studio-scan"


def keyring_password(url: str) -> str | None:
    """The password kept for ``url`` in the OS keyring, when the URL has none itself."""
    parsed = parse(url)
    if parsed.password is not None or parsed.username is None:
        return None
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, redact(url))
    except KeyringError:
        return None


def store_password(url: str, password: str) -> None:
    """Keep ``password`` in the OS keyring for ``url`` (never in the workspace): the scans of
    ``url`` sign in with it from now on."""
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, redact(url), password)
    except Exception as exc:  # backends raise their own types (no backend, D-Bus, locked...)
        raise StudioError(
            "The password could not be kept in the keyring ({reason}): it is asked for again "
            "at the next scan.",
            reason=type(exc).__name__,
        ) from None


def run_scan(
    workspace: str | None,
    url: str,
    *,
    mapping: Mapping | None = None,
    statement_timeout: float = 30.0,
    keep: bool = True,
    progress: Progress | None = None,
    now: datetime | None = None,
    password: str | None = None,
) -> ScanReport:
    """Scan ``url`` against the workspace's draft, with the saved mapping (``mapping`` given is
    saved once the scan has run), drift against the last complete scan kept, and this scan kept
    (``keep``). ``password`` (asked for) signs in instead of the keyring's and is kept in the
    keyring once the database has accepted it."""
    from studio.workspace.connection import open_workspace

    ws = open_workspace(workspace)
    try:
        return scan_in_workspace(
            ws,
            url,
            mapping=mapping,
            statement_timeout=statement_timeout,
            keep=keep,
            progress=progress,
            now=now,
            password=password,
        )
    finally:
        ws.close()


def scan_in_workspace(
    ws: Workspace,
    url: str,
    *,
    mapping: Mapping | None = None,
    statement_timeout: float = 30.0,
    keep: bool = True,
    progress: Progress | None = None,
    now: datetime | None = None,
    password: str | None = None,
) -> ScanReport:
    from studio.draft.store import load_draft
    from studio.scan import store
    from studio.scan.drift import drift
    from studio.scan.report import add_findings

    shown = redact(url)
    with ws.session() as s:
        bundle = load_draft(s)
        given = mapping
        if mapping is None:
            mapping = store.saved_mapping(s, shown)
        before = store.previous(s, shown)
    try:
        report = scan_database(
            url,
            bundle,
            progress,
            mapping=mapping,
            statement_timeout=statement_timeout,
            password=password or keyring_password(url),
            now=now,
        )
    except SignInRefused:
        if not password:
            raise
        # not the keyring's password that was refused: the one just typed
        raise SignInRefused(
            "{url} refused the sign-in of {user} with the password given: check it and try again.",
            url=shown,
            user=parse(url).username or "?",
        ) from None
    # Kept only now: a wrong password, or a mapping whose scan failed, would otherwise be
    # offered again to every later scan of this database.
    if password and parse(url).password is None:
        try:
            store_password(url, password)
        except StudioError as exc:
            # the scan ran: it is shown and kept all the same; the password is asked for again
            report.warnings.append(str(exc))
    if given is not None:
        with ws.session() as s:
            store.save_mapping(s, shown, given)
    if before is not None:
        since, old = before
        schema, statistics = drift(old, since, report.scan, report.mapping)
        report.drift = {
            "since": since.isoformat(timespec="seconds"),
            "schema": [f.to_json() for f in schema],
            "statistics": [f.to_json() for f in statistics],
        }
        add_findings(report, bundle, schema + statistics)
    if keep:
        with ws.session() as s:
            store.keep(s, report, at=now)
    return report


def last_report(ws: Workspace, bundle: Bundle) -> ScanReport | None:
    """The last kept scan, judged against ``bundle`` as it is now (no live connection: the
    self-check items that need the database read "unknown")."""
    from studio.scan import store
    from studio.scan.model import DatabaseScan
    from studio.scan.run import report_of

    with ws.session() as s:
        rows = store.history(s, limit=1)
        if not rows:
            return None
        row = rows[-1]
        scan = DatabaseScan.from_json(dict(row.scan))
        mapping = store.saved_mapping(s, row.database)
    try:
        return report_of(bundle, scan, mapping)
    except StudioError:
        return None


def trend(
    ws: Workspace, database: str | None = None
) -> list[tuple[datetime, list[dict[str, Any]]]]:
    """(when, per-entity health) of every kept scan, oldest first: the trend chart's points."""
    from studio.scan import store

    with ws.session() as s:
        return [(row.at, list(row.entities)) for row in store.history(s, database)]
