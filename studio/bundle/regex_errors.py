"""Why a pattern is not a valid regular expression, in the user's language.

Python's ``re.error`` explains itself in English ("unterminated character set at position 0"),
which a Chinese-speaking admin then read inside a Chinese sentence. The common mistakes get a
message of their own from the catalogue (``studio/i18n/draft.py``), with the position counted
from 1 as people count; anything rarer keeps Python's words after a translated lead.
"""

from __future__ import annotations

import re

from studio.i18n import Message

#: Python's message (its start) -> what it means for the person who typed the pattern.
_KNOWN = (
    ("unterminated character set", Message("a [ is not closed with ]")),
    ("missing ), unterminated subpattern", Message("a ( is not closed with )")),
    ("unbalanced parenthesis", Message("a ) has no ( before it")),
    ("nothing to repeat", Message("*, + or ? follows nothing it could repeat")),
    ("multiple repeat", Message("two repeats follow each other (such as ** or +*)")),
    ("bad escape", Message("a backslash \\ is followed by a letter it cannot escape")),
    ("bad character range", Message("a range inside [ ] runs backwards (such as z-a)")),
    ("missing ", Message("something is missing")),
)


def regex_problem(exc: BaseException) -> Message:
    """``exc`` (from ``re.compile``) as a message for people, with where it happened."""
    if not isinstance(exc, re.error):
        return Message("it is too deeply nested or too large")
    what = next((m for prefix, m in _KNOWN if exc.msg.startswith(prefix)), None)
    if what is None:
        what = Message("Python says: {detail}", detail=exc.msg)
    if exc.pos is None:
        return what
    return Message("{what} (at character {pos})", what=what, pos=exc.pos + 1)
