"""Sentences put one after the other in a status line, in either language.

English sentences are separated by a space; Chinese ones end in a full-width stop and follow each
other without one (a half-width space after "。" looks like a typo to a Chinese reader).
"""

from __future__ import annotations

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
