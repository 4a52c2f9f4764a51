"""Who signed a document the server takes: one check for every signed part of the wire contract.

A release's approvals and its author's submission, a rejection and an audit head are each signed
by a person with a key of the approver registry in force. The server asks the same three things of
each, in the same order and with the same refusal codes: the key is registered (``unknown_key``),
it belongs to the person (and role) the document names, and its id names it (``approver_mismatch``,
or ``author_mismatch`` for a submission), and the signature verifies over exactly what that
document says (``bad_signature``). Only what is signed differs, so the caller passes that in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from studio.bundle.model import Approver
from studio.contract import signing
from studio.server.refusals import Refusal, refuse

Doc = TypeVar("Doc", bound=BaseModel)


def parse_document(model: type[Doc], raw: Any, what: str) -> Doc:
    """``raw`` (parsed JSON) as ``model``, strictly (no coercion), or a 422 ``schema_invalid``
    refusal naming the first thing wrong: "The {what} is malformed: …"."""
    try:
        return model.model_validate(raw, strict=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise refuse(
            422, "schema_invalid", f"The {what} is malformed: {where}: {first['msg']}"
        ) from None


def check_signer(
    registry: Mapping[str, Approver],
    *,
    key_id: str,
    user: str,
    role: str | None,
    verifies: Callable[[str], bool],
    whose: str,
    unsigned: str,
    mismatch_code: str = "approver_mismatch",
) -> Refusal | None:
    """``None`` when ``user`` (in ``role``, unless ``None``) signed with the registered key
    ``key_id`` and ``verifies(public_key)`` holds; otherwise the refusal.

    ``whose`` names the signed part in the ``unknown_key`` message ("approval by zhou"),
    ``unsigned`` is the whole ``bad_signature`` message.
    """
    approver = registry.get(key_id)
    if approver is None:
        return Refusal(
            403, "unknown_key", f"Key {key_id} ({whose}) is not in the server's approver registry."
        )
    if (
        approver.user != user
        or (role is not None and approver.role != role)
        or not signing.key_id_matches(approver.key_id, approver.public_key)
    ):
        named = f"{user} ({role})" if role is not None else user
        return Refusal(
            403,
            mismatch_code,
            f"Key {key_id} belongs to {approver.user} ({approver.role}), not to {named}.",
        )
    if not verifies(approver.public_key):
        return Refusal(403, "bad_signature", unsigned)
    return None
