"""Every literal core message has its Chinese translation (the CLI speaks both)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from studio.i18n import catalogue

ROOT = Path(__file__).resolve().parents[3]
# Every module of the Qt-free core: a hand-kept list missed new modules before.
MODULES = sorted(
    str(p.relative_to(ROOT))
    for package in ("studio", "importers", "schema")
    for p in (ROOT / package).rglob("*.py")
)


def _msgids(module: str) -> list[str]:
    return [
        node.args[0].value
        for node in ast.walk(ast.parse((ROOT / module).read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "tr"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_every_literal_message_has_a_zh_cn_entry() -> None:
    known = catalogue()
    missing = [f"{m}: {msgid!r}" for m in MODULES for msgid in _msgids(m) if msgid not in known]
    assert not missing, missing


def test_both_languages_have_the_same_placeholders() -> None:
    """Or formatting one of them would raise."""
    known = catalogue()
    bad = [
        msgid
        for m in MODULES
        for msgid in _msgids(m)
        if msgid in known and _fields(msgid) != _fields(known[msgid])
    ]
    assert not bad, bad
