"""Regular expressions in automation rules, with bounded time wherever they run (the server too).

Python's ``re`` cannot be interrupted, so the bound is made before a pattern is ever run: a pattern
is accepted only when its backtracking stays polynomial and small — no quantified group that
itself holds a quantifier or an alternation (``(a+)+``, ``(a|a)*``: exponential), no
back-references, at most ``MAX_UNBOUNDED`` unbounded repeats — and it is tried on at most the
first ``MAX_TEXT`` characters of a value. A refused pattern never matches (the evaluator) and is an
error finding (the lint), so it cannot reach a server through an approved change.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The parser behind ``re`` (public as ``sre_parse`` before 3.11, deprecated since).
from re import _parser as sre_parse  # type: ignore[attr-defined]

from studio.i18n import Message

MAX_PATTERN = 1000
MAX_TEXT = 1000
MAX_UNBOUNDED = 3

_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
_UNSAFE_INSIDE_REPEAT = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT", "BRANCH"}


def _walk(items: object, inside_repeat: bool, counts: list[int]) -> Message | None:
    """The first reason ``items`` (a parsed pattern) is unsafe, else ``None``."""
    for op, arg in items:  # type: ignore[attr-defined]
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            return Message("a back-reference")
        if name in _REPEATS:
            _low, high, sub = arg
            if high == sre_parse.MAXREPEAT or high > 100:
                counts[0] += 1
            if inside_repeat and high > 1:
                return Message("a repeat inside a repeat")
            if high > 1 and _has(sub, _UNSAFE_INSIDE_REPEAT):
                return Message("a repeat inside a repeat")
            reason = _walk(sub, inside_repeat or high > 1, counts)
            if reason:
                return reason
        elif name == "SUBPATTERN":
            reason = _walk(arg[-1], inside_repeat, counts)
            if reason:
                return reason
        elif name == "BRANCH":
            for branch in arg[1]:
                reason = _walk(branch, inside_repeat, counts)
                if reason:
                    return reason
        elif name in ("ASSERT", "ASSERT_NOT"):
            reason = _walk(arg[1], inside_repeat, counts)
            if reason:
                return reason
    return None


def _has(items: object, names: set[str]) -> bool:
    for op, arg in items:  # type: ignore[attr-defined]
        name = str(op)
        if name in names:
            return True
        if name in _REPEATS and _has(arg[2], names):
            return True
        if name == "SUBPATTERN" and _has(arg[-1], names):
            return True
        if name == "BRANCH" and any(_has(b, names) for b in arg[1]):
            return True
    return False


@lru_cache(maxsize=4096)
def regex_problem(pattern: str) -> Message | None:
    """Why ``pattern`` may not run in a rule (it does not compile, it can backtrack
    catastrophically...), or ``None`` when it is safe. Never raises."""
    if not isinstance(pattern, str):
        return Message("the pattern is not text")
    if len(pattern) > MAX_PATTERN:
        return Message("the pattern is longer than {n} characters", n=MAX_PATTERN)
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError) as exc:
        return Message("the pattern does not compile ({error})", error=str(exc))
    counts = [0]
    try:
        reason = _walk(parsed, False, counts)
    except RecursionError:
        reason = Message("a repeat inside a repeat")
    if reason is None and counts[0] > MAX_UNBOUNDED:
        reason = Message("more than {n} unbounded repeats", n=MAX_UNBOUNDED)
    if reason is not None:
        return Message("the pattern can backtrack catastrophically: {reason}", reason=reason)
    return None


@lru_cache(maxsize=4096)
def safe_regex(pattern: str) -> re.Pattern[str] | None:
    """The compiled pattern when ``regex_problem`` accepts it, else ``None`` (never matches)."""
    if regex_problem(pattern) is not None:
        return None
    return re.compile(pattern)
