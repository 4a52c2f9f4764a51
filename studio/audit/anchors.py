"""The audit log checked against the heads a server keeps of it (issue 20).

A hash chain proves that nothing changed *inside* it; it cannot tell that its last entries were
deleted, or that the whole chain was rewritten and every hash recomputed. Each push leaves the
log's head (sequence number and hash) with the server (``studio.client.anchor``), which keeps it
for good. An entry that matches an anchored head vouches for every entry before it (each hash
covers its predecessor's), so the log is checked here against those heads, and the report says
exactly which range the server vouches for, which it cannot, and what was cut or rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import AuditRow
from studio.contract import signing
from studio.i18n import tr


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str


@dataclass(frozen=True)
class SignedHead(Head):
    """A head as the server keeps it: signed by the pusher (``studio.contract.signing``) over
    the head and the release ``version`` whose push it followed."""

    version: int = 0
    user: str = ""
    key_id: str = ""
    signature: str = ""


@dataclass(frozen=True)
class AnchorReport:
    """The log (``entries`` long) against the server's ``heads``."""

    entries: int
    heads: int
    #: Entries 1..vouched_to match the server's heads (0: none).
    vouched_to: int
    #: Anchored sequence numbers the log no longer holds: (first, last), or ``None``.
    missing: tuple[int, int] | None = None
    #: Anchored sequence numbers whose entry is not the one anchored.
    rewritten: tuple[int, ...] = ()
    #: Heads the server keeps whose signature does not verify (sequence number, signer named):
    #: they vouch for nothing (``unsigned_heads``).
    unverified: tuple[tuple[int, str], ...] = ()

    @property
    def intact(self) -> bool:
        return self.missing is None and not self.rewritten and not self.unverified

    def sentences(self) -> list[str]:
        """What the server vouches for, and what not, one sentence each."""
        lines: list[str] = []
        if self.missing is not None:
            lines.append(
                tr(
                    "Entries {first} to {last} were anchored on the server but are missing from "
                    "this log: it was truncated.",
                    first=self.missing[0],
                    last=self.missing[1],
                )
            )
        lines += [
            tr(
                "Entry {seq} is not the entry the server anchored at that position: the log up "
                "to it was rewritten.",
                seq=seq,
            )
            for seq in self.rewritten
        ]
        lines += [
            tr(
                "The head the server keeps at entry {seq} (signed as {user}) does not verify "
                "with a key this workspace knows: it vouches for nothing.",
                seq=seq,
                user=user,
            )
            for seq, user in self.unverified
        ]
        if self.heads == 0 and not self.unverified:
            lines.append(tr("The server holds no head of this log: it vouches for no entry."))
        elif self.vouched_to:
            lines.append(tr("The server vouches for entries 1 to {last}.", last=self.vouched_to))
        if self.unverified and self.vouched_to < self.entries:
            lines.append(
                tr(
                    "The server cannot vouch for entries {first} to {last}.",
                    first=self.vouched_to + 1,
                    last=self.entries,
                )
            )
        if self.intact and self.vouched_to < self.entries:
            lines.append(
                tr(
                    "Entries {first} to {last} are not anchored on the server yet (the next "
                    "push anchors them): it cannot vouch for them.",
                    first=self.vouched_to + 1,
                    last=self.entries,
                )
            )
        return lines


def check_heads(
    log: Mapping[int, str], heads: Sequence[Head], unverified: Sequence[SignedHead] = ()
) -> AnchorReport:
    """``log`` (sequence number -> hash, as stored) against the server's ``heads``, those of
    its heads whose signatures verify; ``unverified`` (``unsigned_heads``) are only named."""
    count = max(log, default=0)
    beyond = max((h.seq for h in heads if h.seq > count), default=None)
    # An anchored position inside the log that holds another entry, or none (a hole), was
    # rewritten; anchored positions past its end were cut off (everything from its end on).
    rewritten = tuple(h.seq for h in heads if h.seq <= count and log.get(h.seq) != h.hash)
    first_bad = min([*rewritten, *([count + 1] if beyond is not None else [])], default=None)
    matching = [
        h.seq
        for h in heads
        if log.get(h.seq) == h.hash and (first_bad is None or h.seq < first_bad)
    ]
    return AnchorReport(
        entries=count,
        heads=len(heads),
        vouched_to=max(matching, default=0),
        missing=(count + 1, beyond) if beyond is not None else None,
        rewritten=rewritten,
        unverified=tuple((h.seq, h.user) for h in unverified),
    )


def unsigned_heads(
    workspace: str,
    heads: Sequence[SignedHead],
    signers: Mapping[str, tuple[str, str]],
    release_sha: Callable[[int], str | None],
) -> list[SignedHead]:
    """The ``heads`` whose signature does not verify: not made with a key ``signers`` (key id
    -> (user, public key)) holds for the user the head names, or not over exactly this head of
    ``workspace``'s log and the release (``release_sha(version)``) whose push it followed.

    The server checked each head when it took it; this is the studio's own check of what the
    server hands back, so that heads written into the server's storage behind its back (or by a
    server that checks nothing) vouch for no entry.
    """
    bad = []
    for h in heads:
        signer = signers.get(h.key_id)
        sha = release_sha(h.version)
        if (
            signer is None
            or signer[0] != h.user
            or sha is None
            or not signing.verify_head(
                signer[1], h.signature, workspace, h.seq, h.hash, h.version, sha
            )
        ):
            bad.append(h)
    return bad


def log_hashes(session: Session) -> dict[int, str]:
    """The stored log as sequence number -> hash."""
    return {int(seq): str(h) for seq, h in session.execute(select(AuditRow.seq, AuditRow.hash))}


def head(session: Session) -> Head | None:
    """The log's last entry (``None`` for an empty log)."""
    row = session.execute(
        select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)
    ).first()
    return Head(int(row[0]), str(row[1])) if row is not None else None
