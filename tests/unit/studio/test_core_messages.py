"""Every user-visible core message goes through the one catalogue (``studio/i18n/<feature>.py``).

The test reads the source of every module of the Qt-free core (``studio/``, ``importers/``,
``schema/``) and fails on a message that bypasses the catalogue: a key with no zh_CN entry, a key
the test cannot check (computed at run time), a project error built from translated or formatted
text instead of a key and its arguments, text printed or put into a finding without the
catalogue, Chinese written outside it, or a branch on the language. It also checks the catalogue:
the same placeholders in both languages, one feature per message, no message nobody uses.
"""

from __future__ import annotations

import ast
import importlib
import re
import string
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from studio.i18n import FEATURES, entries

ROOT = Path(__file__).resolve().parents[3]
CORE = ("studio", "importers", "schema")
CATALOGUE_DIR = ROOT / "studio" / "i18n"
# Widgets may show core messages too (the start-up notices, core errors): their keys count.
SCANNED = (*CORE, "widgets")

# Where text with words may be printed or Chinese written without the catalogue, and why.
ALLOWED_TEXT = {
    ("studio/cli/app.py", "_version"): "the product's name and version, the same in every language",
}
ALLOWED_COMPUTED = {"studio/errors.py": "an error makes the Message of the key it was given"}
ALLOWED_CJK = {
    (
        "studio/bundle/sample.py",
        None,
    ): "the sample configuration's own labels (data in both languages)",
    (
        "studio/draft/edit_checks.py",
        "value_from_text",
    ): "what a person may type for yes/no and lists",
    (
        "importers/aliases.py",
        None,
    ): "what people write in workbooks: column titles, amount units, company forms (data)",
    ("studio/bundle/access.py", None): "generic account names people give a shared account (data)",
}

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z]{2,}")
PRINTERS = {"echo", "secho", "print", "prompt", "confirm"}


@dataclass(frozen=True)
class Module:
    path: str
    tree: ast.Module
    # Local names of studio.i18n's tr / Message / N_ (``from studio.i18n import tr as msg``).
    translators: frozenset[str]
    # Module-level constants holding a key marked with N_(): ``REQUIRED = N_("...")``.
    marked: frozenset[str]


def _modules(packages: tuple[str, ...]) -> list[Module]:
    found = []
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {"tr", "Message", "N_"}
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module == "studio.i18n":
                    names |= {a.asname for a in node.names if a.asname and a.name in names}
            marked = {
                t.id
                for node in tree.body
                if isinstance(node, ast.Assign) and _marked(node.value)
                for t in node.targets
                if isinstance(t, ast.Name)
            }
            rel = str(path.relative_to(ROOT))
            found.append(Module(rel, tree, frozenset(names), frozenset(marked)))
    return found


def _marked(value: ast.expr) -> bool:
    """A key marked with ``N_()``, or a table whose every value is one (``REASONS[code]``)."""
    if isinstance(value, ast.Dict):
        return bool(value.values) and all(_marked(v) for v in value.values)
    return isinstance(value, ast.Call) and getattr(value.func, "id", None) == "N_"


MODULES = _modules(SCANNED)
CORE_MODULES = [m for m in MODULES if m.path.split("/")[0] in CORE]
KNOWN = {e.en: e for e in entries()}


def _error_classes() -> dict[str, int]:
    """Every error of the core (a subclass of StudioError), with the index of its message argument.

    (A widget's own error, such as a cancelled push, holds text from Qt's ``tr()``.)"""
    bases: dict[str, set[str]] = {}
    for module in CORE_MODULES:
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
    errors = {"StudioError"}
    while True:
        more = {name for name, of in bases.items() if of & errors} - errors
        if not more:
            break
        errors |= more
    # EditError and its subclasses take the property they are about first.
    edit = {"EditError"} | {n for n, of in bases.items() if "EditError" in of}
    return {name: 1 if name in edit else 0 for name in errors}


ERRORS = _error_classes()


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _walk(module: Module) -> Iterator[tuple[ast.AST, str | None]]:
    """Every node with the name of the function (or class) it is in (``None`` at module level)."""

    def visit(node: ast.AST, where: str | None) -> Iterator[tuple[ast.AST, str | None]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                yield child, where
                yield from visit(child, child.name if where is None else where)
            else:
                yield child, where
                yield from visit(child, where)

    yield from visit(module.tree, None)


def _literals(node: ast.expr) -> list[str] | None:
    """The keys ``node`` can be when it is written out (a literal, or ``a if c else b``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _keys(module: Module) -> Iterator[tuple[int, ast.expr]]:
    """The key argument of every tr()/Message()/N_() call and project error in ``module``."""
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if isinstance(node.func, ast.Name) and name in module.translators:
            index = 0
        elif name in ERRORS:
            index = ERRORS[name]
        elif _is_super_init(node) and _in_error_class(module, node):
            index = 0
        else:
            continue
        if len(node.args) > index:
            yield node.lineno, node.args[index]


def _text(node: ast.expr) -> str:
    """The literal text in ``node`` (a string, the fixed parts of an f-string, a concatenation)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _text(node.left) + " " + _text(node.right)
    return ""


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _fields(text: str) -> list[tuple[str, str]]:
    return sorted((name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name)


# -- the call sites ---------------------------------------------------------------------------


def test_every_message_key_has_a_zh_cn_entry() -> None:
    missing = [
        f"{m.path}:{line}: {key!r}"
        for m in MODULES
        for line, node in _keys(m)
        for key in _literals(node) or []
        if key not in KNOWN
    ]
    assert not missing, "\n".join(missing)


def test_message_keys_are_written_out_where_they_are_used() -> None:
    """A key computed at run time cannot be checked: keep such words in a typed helper's table in
    ``studio/i18n`` (``state_name``), or mark a constant, or every value of a table, with
    ``N_()``."""
    computed = [
        f"{m.path}:{line}: {ast.unparse(node)}"
        for m in CORE_MODULES
        if not m.path.startswith("studio/i18n/") and m.path not in ALLOWED_COMPUTED
        for line, node in _keys(m)
        if _literals(node) is None
        # A project error may pass on a message it was given (a Message, another error's).
        and not (
            isinstance(node, ast.Name | ast.Attribute | ast.Subscript) and _is_error_arg(m, node)
        )
        and not (isinstance(node, ast.Name) and node.id in m.marked)
        and not (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id in m.marked
        )
    ]
    assert not computed, "\n".join(computed)


def _is_super_init(node: ast.Call) -> bool:
    """``super().__init__(...)``: in an error's ``__init__``, the key it was given or its own."""
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and _name(func.value.func) == "super"
    )


def _is_error_arg(module: Module, arg: ast.expr) -> bool:
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and _name(node.func) in ERRORS:
            index = ERRORS[_name(node.func) or ""]
            if len(node.args) > index and node.args[index] is arg:
                return True
        if isinstance(node, ast.Call) and _is_super_init(node) and node.args[:1] == [arg]:
            return True
    return False


def _in_error_class(module: Module, call: ast.Call) -> bool:
    return any(
        isinstance(node, ast.ClassDef)
        and node.name in ERRORS
        and any(inner is call for inner in ast.walk(node))
        for node in ast.walk(module.tree)
    )


def test_project_errors_carry_a_key_and_its_arguments_not_text() -> None:
    """``WorkspaceError("Cannot read {where}", where=p)``, never ``WorkspaceError(tr(...))`` or an
    f-string: the error renders in the language it is shown in."""
    bad = [
        f"{m.path}:{node.lineno}: {ast.unparse(node)[:120]}"
        for m in MODULES
        for node in ast.walk(m.tree)
        if isinstance(node, ast.Call)
        and (_name(node.func) in ERRORS or (_is_super_init(node) and _in_error_class(m, node)))
        and len(node.args) > (index := ERRORS.get(_name(node.func) or "", 0))
        and isinstance(arg := node.args[index], ast.JoinedStr | ast.BinOp | ast.Call)
        and not (isinstance(arg, ast.Call) and _name(arg.func) == "Message")
    ]
    assert not bad, "\n".join(bad)


def test_printed_text_and_finding_messages_go_through_the_catalogue() -> None:
    bad = []
    for m in CORE_MODULES:
        if m.path.startswith("studio/i18n/"):
            continue
        for node, where in _walk(m):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            shown: list[ast.expr] = []
            if name in PRINTERS:
                shown = node.args[:1]
            elif name == "Finding":
                shown = node.args[2:3] + [k.value for k in node.keywords if k.arg == "message"]
            elif name == "Fix":
                shown = node.args[1:2] + [k.value for k in node.keywords if k.arg == "label"]
            for arg in shown:
                text = _text(arg)
                if (WORD.search(text) or CJK.search(text)) and (m.path, where) not in ALLOWED_TEXT:
                    bad.append(f"{m.path}:{node.lineno}: {ast.unparse(node)[:120]}")
    assert not bad, "\n".join(bad)


def test_no_chinese_outside_the_catalogue() -> None:
    bad = []
    for m in CORE_MODULES:
        if m.path.startswith("studio/i18n/") or (m.path, None) in ALLOWED_CJK:
            continue
        docstrings = _docstrings(m.tree)
        # A bundle label holds both languages as data: Label(zh_CN="基本信息", en="Basics").
        data = {
            id(k.value)
            for node in ast.walk(m.tree)
            if isinstance(node, ast.Call)
            for k in node.keywords
            if k.arg == "zh_CN"
        }
        for node, where in _walk(m):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and CJK.search(node.value)
                and id(node) not in docstrings | data
                and (m.path, where) not in ALLOWED_CJK
            ):
                bad.append(f"{m.path}:{node.lineno}: {node.value[:60]!r}")
    assert not bad, "\n".join(bad)


def test_no_branch_on_the_language_outside_the_catalogue() -> None:
    """``if language() == "zh_CN"`` picks a text: the catalogue's job (a label's text is
    ``label[language()]``)."""
    bad = [
        f"{m.path}:{node.lineno}: {ast.unparse(node)}"
        for m in CORE_MODULES
        if not m.path.startswith("studio/i18n/")
        for node in ast.walk(m.tree)
        if isinstance(node, ast.Compare)
        and any(
            isinstance(side, ast.Call) and _name(side.func) == "language"
            for side in (node.left, *node.comparators)
        )
    ]
    assert not bad, "\n".join(bad)


# -- the catalogue ----------------------------------------------------------------------------


def test_both_languages_have_the_same_placeholders() -> None:
    """Or formatting one of them would raise (or drop an argument)."""
    bad = [e.en for e in entries() if _fields(e.en) != _fields(e.zh_CN)]
    assert not bad, bad


def test_every_message_has_a_chinese_text() -> None:
    bad = [e.en for e in entries() if not e.zh_CN.strip()]
    assert not bad, bad


def test_the_catalogue_is_split_by_feature_and_each_message_lives_in_one() -> None:
    modules = {p.stem for p in CATALOGUE_DIR.glob("*.py")} - {"__init__", "catalogue"}
    assert set(FEATURES) == modules
    for name in FEATURES:
        module = importlib.import_module(f"studio.i18n.{name}")
        assert {e.context for e in module.MESSAGES} == {name}, name
    twice = [en for en, n in Counter(e.en for e in entries()).items() if n > 1]
    assert not twice, twice


def test_every_message_of_the_catalogue_is_used() -> None:
    used = {key for m in MODULES for _, node in _keys(m) for key in _literals(node) or []}
    # The command line's help texts are used by Typer's declarations, not by a call:
    # tests/unit/studio/cli/test_help_language.py checks them both ways.
    unused = [
        f"{e.context}: {e.en!r}" for e in entries() if e.en not in used and e.context != "cli_help"
    ]
    assert not unused, "\n".join(unused)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_message_formats_with_its_placeholders(lang: str) -> None:
    for e in entries():
        text = e.text(lang)
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
        positional = [1] * names.count("")  # Typer's own "[default: {}]"
        text.format(*positional, **{name: 1 for name in names if name})


#: Messages whose ``{n}`` is a limit or a measure above one, never a count of one.
NEVER_ONE = {
    "The {what} key is longer than {n} characters.",
    "The {which} label has {n} characters; at most {max} are allowed.",
    "The passphrase must have at least {n} characters.",
    "The title is longer than {n} characters.",
    "The server kept failing (HTTP {status}) after {n} attempts; nothing was marked live. "
    "Try the push again later.",
    "The server at {url} did not answer after {n} attempts ({reason}); nothing was marked live. "
    "Try the push again later.",
    "MySQL/MariaDB: row counts are InnoDB's estimates; ratios and lengths come from the first {n} "
    "rows of each table.",
    "{path}: the sheet {sheet} has {n} columns with data; at most {limit} can be imported.",
    "the pattern is longer than {n} characters",
    "more than {n} unbounded repeats",
}


def test_a_count_of_one_reads_as_one_in_english() -> None:
    """ "1 records created" reads as a mistake: a message saying a count ``{n}`` of things has its
    English for one (``Counted``), with the same placeholders; none says "record(s)"."""
    many = re.compile(r"\{n\} (?:[\w/-]+ ){0,2}?(?:[\w-]+s|entries|people)\b|\(s\)")
    lacking = [
        f"{e.context}: {e.en!r}"
        for e in entries()
        if many.search(e.en) and not e.one and e.en not in NEVER_ONE
    ]
    assert not lacking, "\n".join(lacking)
    for e in entries():
        if e.one:
            assert "{n}" in e.en and _fields(e.one) == _fields(e.en), e.en
            assert "(s)" not in e.one + e.en, e.en
    assert set(NEVER_ONE) <= set(KNOWN)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_counted_messages_read_as_one_and_as_many(lang: str) -> None:
    from studio.i18n import Message

    one = Message("{n} records removed", n=1).render(lang)
    two = Message("{n} records removed", n=2).render(lang)
    assert (one, two) == (
        ("1 record removed", "2 records removed")
        if lang == "en"
        else ("删除 1 条记录", "删除 2 条记录")
    )


#: What a list is joined with in English, to be joined as the language joins it instead.
ENGLISH_JOINERS = {", ", "; ", ",", ";"}
#: Where a joined list may stay English, and why.
ALLOWED_JOIN = {
    "studio/server/": "the reference server's wire answers are a contract and stay English",
}


def _joins(node: ast.AST) -> Iterator[ast.Call]:
    for inner in ast.walk(node):
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr == "join"
            and isinstance(inner.func.value, ast.Constant)
            and inner.func.value.value in ENGLISH_JOINERS
        ):
            yield inner


def test_lists_in_messages_are_joined_as_the_language_joins_them() -> None:
    """ "没有对应列的必填字段：客户名称, 手机" reads as English punctuation in Chinese: a list given to a
    message is ``name_list(...)`` ("a、b") or ``clause_list(...)`` ("a；b"), not ``", ".join(...)``."""
    bad = []
    for m in MODULES:
        if m.path.startswith("studio/i18n/") or any(m.path.startswith(a) for a in ALLOWED_JOIN):
            continue
        for node in ast.walk(m.tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            is_message = (isinstance(node.func, ast.Name) and name in m.translators) or (
                name in ERRORS
            )
            if not is_message:
                continue
            for keyword in node.keywords:
                for join in _joins(keyword.value):
                    bad.append(f"{m.path}:{join.lineno}: {ast.unparse(join)[:100]}")
    assert not bad, "\n".join(bad)
