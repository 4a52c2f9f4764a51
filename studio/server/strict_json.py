"""Strict reading of request bodies: what the server stores must mean one thing to every reader.

A JSON object with two equal keys is read as the last one by Python and as the first one by
other parsers: a document holding two ``bundle`` keys could be approved under one meaning and
re-verified offline under another. NaN and Infinity are not JSON. Nesting is bounded so that no
later reader (a JSON column, a serializer, a recursive validator) runs out of stack on what was
accepted.
"""

from __future__ import annotations

import json
from typing import Any

from studio.server.refusals import RefusalError, refuse

#: Deeper than any bundle or record needs (a bundle's rules nest condition groups a few levels);
#: far below where a recursive reader gives up (Python ~1000, orjson 255).
MAX_DEPTH = 64


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return obj


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def loads(raw: bytes, *, what: str = "The request body", code: str = "schema_invalid") -> Any:
    """Parse ``raw`` as UTF-8 JSON strictly, or raise a 422 ``RefusalError`` with ``code``."""
    try:
        text = raw.decode("utf-8")
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _Duplicate as exc:
        raise refuse(
            422, code, f"{what} repeats the key {str(exc)[:60]!r} in one object."
        ) from None
    except RecursionError:
        raise _too_deep(what, code) from None
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise refuse(422, code, f"{what} is not UTF-8 JSON.") from None
    check_depth(value, what=what, code=code)
    return value


def check_depth(
    value: Any,
    *,
    limit: int = MAX_DEPTH,
    what: str = "The request body",
    code: str = "schema_invalid",
) -> None:
    """Refuse (422) a value nested deeper than ``limit`` arrays and objects (iteratively)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            raise _too_deep(what, code, limit)
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def _too_deep(what: str, code: str, limit: int = MAX_DEPTH) -> RefusalError:
    return refuse(422, code, f"{what} is nested deeper than {limit} levels.")
