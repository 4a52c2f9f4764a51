"""The shape of the core's message catalogue: one module per feature, each message with both languages.

A feature module (``studio/i18n/draft.py``, ``studio/i18n/workspace.py``...) holds
``MESSAGES = feature("draft", {english: chinese, ...})``. The English text is the message's key
(as with gettext and Picard's ``N_()``): call sites stay readable and English needs no lookup at
all. The feature is the message's context: it says where the message is shown, so a translator
reads the messages of one screen together, and one English text lives in exactly one feature.

A message that says a count, ``{n}``, is written in English for many ("{n} records created"); its
English for one goes beside its Chinese, ``Counted(one="{n} record created", zh_CN="已创建 {n} 条记录")``,
and is picked when ``n`` is 1 (Chinese says both alike).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """One message: the feature it belongs to, its English text (the key) and its Chinese."""

    context: str
    en: str
    zh_CN: str
    #: The English for a count ``{n}`` of one, when the message says a count ("" otherwise).
    one: str = ""

    def text(self, lang: str, n: object = None) -> str:
        if lang == "zh_CN":
            return self.zh_CN
        return self.one if self.one and n == 1 else self.en


@dataclass(frozen=True)
class Counted:
    """A message's Chinese and its English for a count ``{n}`` of one (the key is for many)."""

    one: str
    zh_CN: str


def feature(context: str, messages: dict[str, str | Counted]) -> tuple[Entry, ...]:
    """The entries of one feature from ``{english: chinese}`` (or ``{english: Counted(...)}``)."""
    return tuple(
        Entry(context, en, zh.zh_CN, zh.one) if isinstance(zh, Counted) else Entry(context, en, zh)
        for en, zh in messages.items()
    )
