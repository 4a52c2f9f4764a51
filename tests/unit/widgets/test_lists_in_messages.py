"""A list inside a widget's sentence is joined as its language joins lists: "客户名称、手机" and
"a；b" in Chinese, "a, b" and "a; b" in English (``studio.i18n.name_list`` / ``clause_list``),
never ", " in the middle of a Chinese sentence."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ENGLISH_JOINERS = {", ", "; ", ",", ";"}


def _is_tr(node: ast.expr) -> bool:
    """``self.tr(...)``, ``tr(...)`` or ``QCoreApplication.translate(...)``, maybe chained
    through ``.replace(...)``."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("tr", "translate"):
            return True
        if node.func.attr != "replace":
            return False
        node = node.func.value
    return isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr"


def _english_joins(node: ast.AST) -> list[ast.Call]:
    return [
        inner
        for inner in ast.walk(node)
        if isinstance(inner, ast.Call)
        and isinstance(inner.func, ast.Attribute)
        and inner.func.attr == "join"
        and isinstance(inner.func.value, ast.Constant)
        and inner.func.value.value in ENGLISH_JOINERS
    ]


def test_lists_put_into_translated_sentences_are_joined_by_language() -> None:
    bad = []
    for path in sorted((ROOT / "widgets").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # tr("... {fields}").format(fields=...) and tr("... %1").replace("%1", ...)
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("format", "replace")
                and _is_tr(node.func.value)
            ):
                args = [k.value for k in node.keywords] + list(
                    node.args[1:] if node.func.attr == "replace" else node.args
                )
                for arg in args:
                    for join in _english_joins(arg):
                        rel = path.relative_to(ROOT)
                        bad.append(f"{rel}:{join.lineno}: {ast.unparse(join)[:100]}")
    assert not bad, "\n".join(bad)
