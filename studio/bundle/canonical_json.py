"""Canonical JSON: the bytes a bundle's sha256 identifies, and what decisions and the audit log
sign.

UTF-8, sorted keys, no insignificant whitespace; ``Bundle.canonical_json`` leaves ``None`` out,
which keeps old bundles' hashes stable when a later schema version adds an optional section.
``canonical_json`` is exactly the standard library's ``json.dumps`` output, produced by orjson
whenever that gives the same bytes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from studio.bundle.model import Bundle

#: An exponent as orjson writes one (``1e16``, ``5.7e-5``), found after its ``e`` because a
#: search for a literal first byte is several times faster than one for a digit.
_EXPONENT = re.compile(rb"e[-0-9]")
_NUMBER_BYTES = frozenset(b"0123456789.-")
#: What comes before a number in compact JSON (or nothing: a number alone).
_BEFORE_VALUE = frozenset(b":,[")


def _in_a_number(encoded: bytes, e_at: int) -> bool:
    """Whether the ``e`` at ``e_at`` is an exponent, not a letter of a string like a hex key id
    (``"a03e6ae0"``). Strings that merely look like numbers (``"x:12e5"``) say yes: harmless."""
    i = e_at - 1
    while i >= 0 and encoded[i] in _NUMBER_BYTES:
        i -= 1
    return i < e_at - 1 and (i < 0 or encoded[i] in _BEFORE_VALUE)


def _orjson_may_differ(encoded: bytes) -> bool:
    """Whether orjson's bytes may differ from the standard library's: floats in exponent
    notation (``1e+16`` vs ``1e16``), floats below 1e-4 (``1e-05`` vs ``0.00001``), and ``null``,
    which orjson also writes for NaN and Infinity (refused by the standard library). Strings
    that merely look like these only cost the slower path."""
    if b"null" in encoded or b".0000" in encoded:
        return True
    return any(_in_a_number(encoded, m.start()) for m in _EXPONENT.finditer(encoded))


def _orjson_formats_floats_as_checked() -> bool:
    """The fast path relies on how this orjson writes floats (shortest round trip, exponents from
    1e16 up and below 1e-4 with a lowercase ``e`` and no ``+``). A different version may write
    them otherwise: then every value takes the standard library's path."""
    samples = [
        1e16,
        9999999999999998.0,
        1.2345678901234568e17,
        1e21,
        1e-5,
        1.23e-5,
        1e-4,
        0.0001234,
        5e-324,
        1.7976931348623157e308,
        -0.0,
        0.1,
        123456.789,
    ]
    try:
        for number in samples:
            fast = orjson.dumps([number])
            same = fast == json.dumps([number], separators=(",", ":")).encode()
            if not same and not _orjson_may_differ(fast):
                return False
    except Exception:  # any surprise from the library means: do not trust the fast path
        return False
    return True


def canonical_json(value: Any) -> bytes:
    """UTF-8 JSON with sorted keys and no insignificant whitespace: what hashes and signs.

    The bytes are those of ``json.dumps(sort_keys=True, separators=(",", ":"),
    ensure_ascii=False, allow_nan=False)``. orjson produces the same bytes about six times faster
    whenever the value holds no number it formats differently, which is every bundle without
    tiny or huge floats: it is tried first, and the standard library decides the rest
    (a property test compares the two).
    """
    fast = None
    if _FAST_PATH:
        try:
            # Passed through, dates, dataclasses and subclasses of dict, list, str and int reach
            # the standard library, which refuses them or writes them its own way.
            fast = orjson.dumps(
                value,
                option=orjson.OPT_SORT_KEYS
                | orjson.OPT_PASSTHROUGH_DATETIME
                | orjson.OPT_PASSTHROUGH_DATACLASS
                | orjson.OPT_PASSTHROUGH_SUBCLASS,
            )
        except (TypeError, orjson.JSONEncodeError):  # ints beyond 64 bits, lone surrogates...
            fast = None
    if fast is not None and not _orjson_may_differ(fast):
        return fast
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


_FAST_PATH = _orjson_formats_floats_as_checked()


def text_with_sha256(claimed: str, sent: Any, bundle: Bundle) -> bytes | None:
    """The canonical text of ``bundle`` whose sha256 is ``claimed``, or ``None``.

    ``sent`` is the bundle as it arrived (parsed JSON) and ``bundle`` its validated model. The
    text is that of ``sent`` when it hashes to ``claimed``: a studio sends the canonical form of
    its model, so this settles almost every push without dumping the model again, and it is
    sound, since equal canonical JSON is equal JSON, which validates to the same bundle. It also
    admits a client that signed its own canonical form (defaults left out). Otherwise the text
    is the model's. Raises ``ValueError`` when the model holds NaN or Infinity.
    """
    try:
        as_sent = canonical_json(sent)
    except (TypeError, ValueError):
        as_sent = None
    if as_sent is not None and hmac.compare_digest(hashlib.sha256(as_sent).hexdigest(), claimed):
        return as_sent
    model = bundle.canonical_json()
    return model if hmac.compare_digest(hashlib.sha256(model).hexdigest(), claimed) else None
