"""The shape of the core's message catalogue: one module per feature, each message with both languages.

A feature module (``studio/i18n/draft.py``, ``studio/i18n/workspace.py``...) holds
``MESSAGES = feature("draft", {english: chinese, ...})``. The English text is the message's key
(as with gettext and Picard's ``N_()``): call sites stay readable and English needs no lookup at
all. The feature is the message's context: it says where the message is shown, so a translator
reads the messages of one screen together, and one English text lives in exactly one feature.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """One message: the feature it belongs to, its English text (the key) and its Chinese."""

    context: str
    en: str
    zh_CN: str

    def text(self, lang: str) -> str:
        return self.zh_CN if lang == "zh_CN" else self.en


def feature(context: str, messages: dict[str, str]) -> tuple[Entry, ...]:
    """The entries of one feature from ``{english: chinese}``."""
    return tuple(Entry(context, en, zh) for en, zh in messages.items())
