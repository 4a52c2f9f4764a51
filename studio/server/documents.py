"""The JSON documents of the wire contract, as pydantic models.

``ReleaseDocument`` is what ``POST /api/v1/releases`` takes. Its ``bundle`` is kept as a plain
object here and validated as a ``studio.bundle.model.Bundle`` by ``verify``, so that a malformed bundle
is refused with its own code (``schema_invalid``) and the document is stored exactly as sent.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from studio.bundle.model import Key
from studio.contract.ed25519_strict import public_key_b64_problem

Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
KeyId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
# An Ed25519 signature is 64 bytes = 88 base64 characters; anything far longer is garbage.
Signature = Annotated[str, StringConstraints(min_length=1, max_length=200)]
# No control characters: PostgreSQL text cannot hold NUL, and nobody names a change with a tab.
ChangeId = Annotated[
    str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")
]


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ApprovalEntry(_Doc):
    """One person's signed decision on a change."""

    user: Key
    role: Key
    decision: Literal["approve", "reject"]
    key_id: KeyId
    signature: Signature


class AuthorSignature(_Doc):
    """The author's signature over the submission (the decision ``submit``): who wrote a change
    is proven by a registered key, not by the free-text ``author`` field."""

    key_id: KeyId
    signature: Signature


class ReleaseDocument(_Doc):
    """What a push sends: a bundle, its sha256, its place in the version chain and approvals."""

    change_id: ChangeId
    version: Annotated[int, Field(ge=1, le=2**31 - 1)]
    #: The version this release replaces; ``0`` or ``null`` for the very first release.
    parent_version: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = None
    author: Key
    author_signature: AuthorSignature
    bundle: dict[str, Any] = Field(
        description="A config bundle, valid against resources/bundle.schema.json."
    )
    bundle_sha256: Sha256Hex
    approvals: Annotated[list[ApprovalEntry], Field(max_length=50)]


def _trusted_public_key(value: str) -> str:
    problem = public_key_b64_problem(value)
    if problem is not None:
        raise ValueError(f"invalid Ed25519 public key: {problem}")
    return value


class RejectionDocument(_Doc):
    """A signed rejection, sent when it is given: the server then refuses any release of this
    change id and bundle sha256, whoever pushes it."""

    change_id: ChangeId
    bundle_sha256: Sha256Hex
    version: Annotated[int, Field(ge=1, le=2**31 - 1)]
    user: Key
    role: Key
    decision: Literal["reject"]
    key_id: KeyId
    signature: Signature


class ApproverEntry(_Doc):
    """A registry entry as ``--approvers`` and the bootstrap endpoint take it."""

    user: Key
    role: Key
    key_id: KeyId
    public_key: Annotated[
        str,
        StringConstraints(pattern=r"^[A-Za-z0-9+/]{43}=$"),
        AfterValidator(_trusted_public_key),
    ]


class ReleaseSummary(BaseModel):
    version: int
    change_id: str
    author: str
    bundle_sha256: str
    applied_at: str
    approvers: list[str]


class ReleaseApplied(BaseModel):
    """The answer to an applied push (201), and to the same push again."""

    version: int
    bundle_sha256: str
    applied_at: str


class RecordBatch(_Doc):
    """Records to upsert, matched on ``key_field`` (which every record must carry)."""

    key_field: Key
    records: Annotated[list[dict[str, Any]], Field(max_length=10_000)]


def _plain_text(value: str) -> str:
    """Text a database can hold and compare: Unicode (no lone surrogate), no control characters
    (PostgreSQL text cannot hold NUL; no key or mobile holds a tab)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("not valid Unicode text") from None
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        raise ValueError("control characters are not allowed")
    return value


PlainText = Annotated[str, StringConstraints(max_length=500), AfterValidator(_plain_text)]


class RecordLookup(_Doc):
    """Records whose ``field`` holds one of ``values``: how an import finds the existing records
    its rows may be (by blocking keys: a mobile, an e-mail), without downloading every record."""

    field: Key
    values: Annotated[list[PlainText], Field(max_length=1000)]


class FoundRecords(BaseModel):
    records: list[dict[str, Any]] = Field(description="Each as {key, record}.")


class RecordDeletion(_Doc):
    """Records to remove by their keys (an import being reverted); unknown keys are ignored."""

    keys: Annotated[
        list[Annotated[PlainText, StringConstraints(min_length=1)]], Field(max_length=10_000)
    ]


class DeletionResult(BaseModel):
    deleted: int


class BatchResult(BaseModel):
    inserted: int
    updated: int
    unchanged: int


class RecordAssignmentInfo(BaseModel):
    """Why a record has its owner (the live automation rules, ``studio.server.automation``)."""

    entity: str
    key: str
    owner: str | None
    outcome: str
    rule: str | None
    rule_label: dict[str, str] | None
    version: int
    assigned_at: str


class RecordPage(BaseModel):
    records: list[dict[str, Any]]
    next_cursor: str | None


class FieldStats(BaseModel):
    non_empty: int
    empty: int
    avg_length: float


class EntityStats(BaseModel):
    entity: str
    record_count: int
    fields: dict[str, FieldStats]


class TokenRequest(_Doc):
    label: Annotated[str, StringConstraints(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")] = ""
    #: Lifetime in seconds; ``null`` = does not expire.
    expires_in: Annotated[int, Field(ge=1, le=10 * 365 * 86400)] | None = None


class TokenIssued(BaseModel):
    token: str
    expires_at: str | None


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class AuditHeadDocument(_Doc):
    """A head of a workspace's audit log, sent after a push (``POST /api/v1/audit-heads``),
    signed by the pusher with a registered key over the head and the release it follows
    (``studio.contract.signing.head_payload``)."""

    workspace: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    seq: Annotated[int, Field(ge=1, le=2**31 - 1)]
    hash: Sha256Hex
    #: The release whose push this head follows (it must be one the server holds).
    version: Annotated[int, Field(ge=1, le=2**31 - 1)]
    user: Key
    key_id: KeyId
    signature: Signature
