"""One message catalogue for the core's user-visible messages (findings, errors, CLI output).

The widgets use Qt's ``tr()`` and ``.qm`` files; the core (CLI, findings, errors) cannot import Qt,
so its messages live in one catalogue split by feature (``studio/i18n/<feature>.py``, see
``studio.i18n.catalogue``), keyed by their English text. Both follow the same language choice:
``STUDIO_LANG`` (``zh_CN``/``en``), else the system locale; ``set_language`` overrides it.

Two ways to use it:

- ``tr(key, **params)``: the text now, in the current language (CLI output, finding messages);
- ``Message(key, **params)``: the key and its arguments, rendered each time it is shown
  (``str()``), so that an error raised in one language reads in the other after View › Language
  switches. Project errors (``studio.errors``) hold one.

A message with a count ``{n}`` reads "1 record" or "2 records" in English (``Counted`` in the
catalogue). A list inside a message is ``name_list(...)`` ("a, b" / "a、b") or ``clause_list(...)``
("a; b" / "a；b"), joined as the language of the moment joins it.
"""

from __future__ import annotations

import importlib
import locale
import os
from collections.abc import Iterable
from functools import cache

from studio.i18n.catalogue import Entry

SUPPORTED = ("zh_CN", "en")

# The feature modules of the catalogue, each holding ``MESSAGES`` (see ``studio.i18n.catalogue``).
FEATURES = (
    "bundle",
    "workspace",
    "draft",
    "lint",
    "keys",
    "changes",
    "impact",
    "audit",
    "client",
    "server",
    "cli",
    "cli_help",
    "setup",
    "scan",
    "importing",
    "automation",
    "review",
    "access",
    "db_errors",
)

_language: str | None = None


def _system_language() -> str:
    env = os.environ.get("STUDIO_LANG")
    if env:
        return "zh_CN" if env.lower().startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    code = locale.getlocale()[0] or ""
    return "zh_CN" if code.lower().startswith("zh") else "en"


def language() -> str:
    """The language messages are given in: ``zh_CN`` or ``en``."""
    return _language or _system_language()


def set_language(lang: str | None) -> None:
    """Force a language (``zh_CN``/``en``), or ``None`` to follow the system again."""
    global _language
    if lang is not None and lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}")
    _language = lang


def entries() -> tuple[Entry, ...]:
    """Every message of every feature module, in module order (for the completeness test)."""
    found: list[Entry] = []
    for name in FEATURES:
        found.extend(importlib.import_module(f"studio.i18n.{name}").MESSAGES)
    return tuple(found)


@cache
def _zh_cn() -> dict[str, str]:
    # Loaded on the first Chinese lookup only: English needs no lookup (the key is the text), so a
    # CLI run in English never imports the catalogue.
    return {entry.en: entry.zh_CN for entry in entries()}


@cache
def _english_one() -> dict[str, str]:
    # Loaded on the first English count of one only (see _zh_cn).
    return {entry.en: entry.one for entry in entries() if entry.one}


def render(key: str, lang: str, params: dict[str, object]) -> str:
    """``key``'s text in ``lang`` with its placeholders filled in; nested messages in ``lang`` too.

    A count ``n`` of one picks the message's English for one ("1 record created")."""
    if lang == "zh_CN":
        text = _zh_cn().get(key, key)
    elif params.get("n") == 1:
        text = _english_one().get(key, key)
    else:
        text = key
    if not params:
        return text
    return text.format(
        **{k: v.render(lang) if isinstance(v, Message | Listing) else v for k, v in params.items()}
    )


def N_(key: str, /) -> str:  # the name gettext and Picard give this marker
    """Mark ``key`` as a catalogue message without translating it (it is translated when shown).

    For a key kept in a constant: ``REQUIRED = N_("This field is required.")``, later
    ``tr(REQUIRED)``; the completeness test checks the keys so marked.
    """
    return key


def tr(key: str, /, **params: object) -> str:
    """The message in the current language, with ``{name}`` placeholders filled in."""
    return render(key, language(), params)


class Message:
    """A message to show later: its catalogue key and arguments, never translated text.

    ``str()`` renders it in the language of the moment; an argument that is itself a ``Message``
    is rendered in the same language (``what=Message("field")`` reads "字段" in Chinese).
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def render(self, lang: str | None = None) -> str:
        return render(self.key, lang or language(), self.params)

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:
        return format(self.render(), spec)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)


#: How each language joins a list in a sentence: names ("客户名称、手机") and clauses, the
#: latter without their own stops (a reason ending in "。" then "；" reads as a typo).
_JOINERS = {
    "names": {"zh_CN": "、", "en": ", "},
    "clauses": {"zh_CN": "；", "en": "; "},
}
_STOPS = "。．.！!？?"


class Listing:
    """Items shown as one list in a message, joined in the language it is rendered in (an item
    that is a ``Message`` renders in it too). Pass it as a message's argument, or ``str()`` it."""

    __slots__ = ("items", "kind")

    def __init__(self, items: Iterable[object], kind: str) -> None:
        self.items = tuple(items)
        self.kind = kind

    def render(self, lang: str | None = None) -> str:
        lang = lang or language()
        texts = (i.render(lang) if isinstance(i, Message | Listing) else str(i) for i in self.items)
        if self.kind == "clauses":
            texts = (t.rstrip().rstrip(_STOPS).rstrip() for t in texts)
        return _JOINERS[self.kind][lang].join(t for t in texts if t)

    def __bool__(self) -> bool:  # an empty list reads as nothing: ``name_list(x) or "—"``
        return any(str(i) for i in self.items)

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:
        return format(self.render(), spec)

    def __repr__(self) -> str:
        return f"Listing({self.items!r}, {self.kind!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Listing) and (self.items, self.kind) == (other.items, other.kind)

    def __hash__(self) -> int:
        return hash(self.items)


def name_list(items: Iterable[object]) -> Listing:
    """Names (fields, columns, users...) as one list: "a, b" in English, "a、b" in Chinese."""
    return Listing(items, "names")


def clause_list(items: Iterable[object]) -> Listing:
    """Clauses or sentences (the reasons a row is rejected) as one list: "a; b" in English,
    "a；b" in Chinese, each without the stop that ended it; empty ones left out."""
    return Listing(items, "clauses")


def catalogue() -> dict[str, str]:
    """The zh_CN text of every key."""
    return dict(_zh_cn())
