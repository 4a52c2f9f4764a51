"""The zh_CN translation ships complete and current with the sources."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

from studio import i18n

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "translations" / "studio_zh_CN.ts"


def tool(name: str) -> str:
    """A Qt tool of the PySide6 this Python runs (the project's .venv), whatever PATH says."""
    import shutil
    import sys

    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


def _unfinished(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    return [
        m.findtext("source") or ""
        for m in tree.iter("message")
        if (t := m.find("translation")) is not None
        and (
            t.get("type") in ("unfinished", "vanished", "obsolete")
            or not "".join(t.itertext()).strip()
        )
    ]


def test_every_ui_string_has_a_chinese_translation() -> None:
    assert _unfinished(TS) == []


def test_translation_file_is_current_with_the_sources(tmp_path: Path) -> None:
    # If this fails: run `python scripts/translations.py`, translate the new strings, commit.
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "widgets").rglob("*.py"))
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert _unfinished(copy) == []


def test_compiled_qm_matches_the_ts(tmp_path: Path) -> None:
    qm = tmp_path / "studio_zh_CN.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), str(TS), "-qm", str(qm)], check=True, capture_output=True
    )
    assert qm.read_bytes() == TS.with_suffix(".qm").read_bytes()


def test_core_messages_follow_the_language(monkeypatch: object) -> None:
    i18n.set_language("zh_CN")
    try:
        assert i18n.tr("Workspace not found: {where}", where="/x") == "找不到工作区：/x"
    finally:
        i18n.set_language("en")
    assert i18n.tr("Workspace not found: {where}", where="/x") == "Workspace not found: /x"
    assert all(v for v in i18n.catalogue().values())


def test_no_ui_string_counts_in_brackets() -> None:
    """ "1 record(s)" reads as a form to fill in: a count picks its sentence
    (``widgets.sentences.counted``: "1 record" or "2 records"), in English without a catalogue."""
    sources = [m.findtext("source") or "" for m in ET.parse(TS).iter("message")]
    bad = [s for s in sources if "(s)" in s or "(ies)" in s or "%n" in s]
    assert bad == []
