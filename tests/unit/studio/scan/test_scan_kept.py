"""What a scan keeps in the workspace: a mapping only once its scan has run."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.scan import store
from studio.scan.connect import ScanError
from studio.scan.mapping import Mapping
from studio.scan.service import run_scan
from studio.workspace.connection import open_workspace
from tests.helpers.crm_db import make_crm


def _saved(workspace: Path, url: str) -> Mapping | None:
    ws = open_workspace(str(workspace))
    try:
        with ws.session() as s:
            return store.saved_mapping(s, url)
    finally:
        ws.close()


def test_a_mapping_is_saved_only_once_its_scan_has_run(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    """A mapping typed for a scan that then failed (a mistyped path, a database down) was saved
    anyway and offered to every later scan of that database."""
    mapping = Mapping(tables={"customer": "kunden"})
    missing = f"sqlite:///{tmp_path / 'not-there.db'}"
    with pytest.raises(ScanError):
        run_scan(str(sample_workspace_path), missing, mapping=mapping)
    assert _saved(sample_workspace_path, missing) is None

    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=20, notes_average=20)
    good = Mapping(tables={"customer": "customer"})
    run_scan(str(sample_workspace_path), url, mapping=good)
    assert _saved(sample_workspace_path, url) == good
