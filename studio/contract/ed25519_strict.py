"""Strict Ed25519: which public keys and signatures the two-person rule may trust.

RFC 8032 lets a verifier accept a public key or a signature point ``R`` of small order (the
identity among them), and some libraries do: with the identity as public key, ``R`` = identity and
``S`` = 0 "verify" for every message, so one person could register a "ghost" approver whose
approvals nobody signs. Whatever the crypto library does by default, the studio and its server
refuse

- public keys that are not the canonical encoding of a curve point (``y >= p``, or ``x = 0``
  with the sign bit set), or that are not on the curve;
- public keys of small order (the eight points whose multiple by the cofactor 8 is the identity);
- signatures whose ``R`` is such a point or non-canonical, or whose ``S`` is not below the
  group order ``L`` (malleable).

Only this pure-Python arithmetic on two 32-byte values is done here (well under a millisecond);
the signature equation itself is left to ``cryptography``.
"""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache

_P = 2**255 - 19
#: The order of the prime-order subgroup.
L = 2**252 + 27742317777372353535851937790883648493
_D = (-121665 * pow(121666, _P - 2, _P)) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)

Point = tuple[int, int]


def decode_point(encoded: bytes) -> Point | None:
    """The affine point a 32-byte encoding stands for, or ``None`` when the encoding is not
    canonical or names no point of the curve (RFC 8032 section 5.1.3, strictly)."""
    if len(encoded) != 32:
        return None
    value = int.from_bytes(encoded, "little")
    sign = value >> 255
    y = value & ((1 << 255) - 1)
    if y >= _P:
        return None
    u = (y * y - 1) % _P
    v = (_D * y * y + 1) % _P
    x2 = u * pow(v, _P - 2, _P) % _P
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if x == 0 and sign == 1:
        return None  # -0: a second encoding of the same point
    if x & 1 != sign:
        x = _P - x
    return x, y


def _add(a: Point, b: Point) -> Point:
    (x1, y1), (x2, y2) = a, b
    t = _D * x1 * x2 * y1 * y2 % _P
    x3 = (x1 * y2 + y1 * x2) * pow(1 + t, _P - 2, _P) % _P
    y3 = (y1 * y2 + x1 * x2) * pow(1 - t, _P - 2, _P) % _P
    return x3, y3


def has_small_order(point: Point) -> bool:
    """Whether 8 * point is the identity (0, 1)."""
    for _ in range(3):
        point = _add(point, point)
    return point == (0, 1)


@lru_cache(maxsize=1024)
def public_key_problem(raw: bytes) -> str | None:
    """Why a raw 32-byte public key must not be trusted, or ``None`` when it may."""
    if len(raw) != 32:
        return "an Ed25519 public key has 32 bytes"
    point = decode_point(raw)
    if point is None:
        return "not the canonical encoding of a point on Ed25519"
    if has_small_order(point):
        return "a small-order point (it would let signatures verify that nobody made)"
    return None


def signature_is_strict(signature: bytes) -> bool:
    """Whether a 64-byte signature has a canonical ``R`` of large order and ``S < L``."""
    if len(signature) != 64:
        return False
    if int.from_bytes(signature[32:], "little") >= L:
        return False
    point = decode_point(signature[:32])
    return point is not None and not has_small_order(point)


def public_key_b64_problem(public_b64: str) -> str | None:
    """Why a base64 public key may not enter a registry, or ``None`` when it may: it must be
    the canonical base64 of 32 bytes that canonically encode an Ed25519 point of large order."""
    try:
        raw = base64.b64decode(public_b64, validate=True)
    except (binascii.Error, ValueError, TypeError):
        return "not base64"
    if base64.b64encode(raw).decode("ascii") != public_b64:
        return "not the canonical base64 of the key"
    return public_key_problem(raw)
