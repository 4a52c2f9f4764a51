"""Sentences put one after the other in a status line, in either language.

English sentences are separated by a space; Chinese ones end in a full-width stop and follow each
other without one (a half-width space after "。" looks like a typo to a Chinese reader).
"""

from __future__ import annotations

from collections.abc import Iterable

from studio.i18n import clause_list

#: Full-width marks that end a sentence or a clause: nothing follows them but the next sentence.
_FULL_WIDTH_ENDS = "。！？；：）」』”"


def joined(*sentences: str) -> str:
    """``sentences`` (empty ones skipped) as one line."""
    text = ""
    for sentence in sentences:
        if not sentence:
            continue
        if text and not text.endswith(tuple(_FULL_WIDTH_ENDS)):
            text += " "
        text += sentence
    return text


#: Marks that end a sentence; a clause in a list or followed by a count goes without its own.
_STOPS = "。．.！!？?"


def clause(text: str) -> str:
    """``text`` without the stop ending it: to be listed, or followed by a count ("… (139)")."""
    return text.rstrip().rstrip(_STOPS).rstrip()


def listed(items: Iterable[str], lang: str) -> str:
    """``items`` (empty ones skipped) as one list: "a; b" in English, "a；b" in Chinese, each
    without its own stop (a reason ending in "。" then "；" reads as a typo): the core's
    ``clause_list``, so that the command line and the window list alike."""
    return clause_list(items).render(lang)


def counted(n: int, one: str, many: str, **values: object) -> str:
    """``one`` or ``many`` (each with ``{n}``, and ``values``) as ``n`` asks: "1 row read",
    "2 rows read" (the Chinese translations of both are the same)."""
    return (one if n == 1 else many).format(n=n, **values)
