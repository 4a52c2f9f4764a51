"""The scan as the CLI and the Health pane run it: the workspace's draft, the password from the
keyring, the saved mapping, and (step by step) the scans kept for drift."""

from __future__ import annotations

from studio.progress import Progress
from studio.scan.connect import parse, redact
from studio.scan.mapping import Mapping
from studio.scan.report import ScanReport
from studio.scan.run import scan_database

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


def run_scan(
    workspace: str | None,
    url: str,
    *,
    mapping: Mapping | None = None,
    statement_timeout: float = 30.0,
    keep: bool = True,
    progress: Progress | None = None,
) -> ScanReport:
    from studio.draft.store import load_draft
    from studio.workspace.connection import open_workspace

    ws = open_workspace(workspace)
    try:
        with ws.session() as s:
            bundle = load_draft(s)
        report = scan_database(
            url,
            bundle,
            progress,
            mapping=mapping,
            statement_timeout=statement_timeout,
            password=keyring_password(url),
        )
    finally:
        ws.close()
    return report
