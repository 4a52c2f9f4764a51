"""What an operation changed: one small typed value that every pane reads to decide whether to refresh.

As Anki's ``OpChanges``: a core function that changes the workspace returns one of these, the GUI
hands it to every pane through one signal, and each pane refreshes only what the change concerns.
Topics replace the free strings ("audit" sent after an approval only to make another pane reload).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

#: The topics a change can touch; a pane lists the ones it shows.
TOPICS = (
    "workspace",  # another workspace was opened: everything
    "user",  # someone else signed in
    "draft",  # the draft's content
    "requests",  # change requests: submitted, approved, rejected, pushed, superseded
    "releases",  # the live version and history
    "keys",  # signing keys (the draft's approvers section changes too: draft is set as well)
    "audit",  # the audit log gained entries
    "server",  # the server to push to was found, started or changed
    "scans",  # a field-index health scan was kept in the workspace
)


@dataclass(frozen=True)
class OpChanges:
    workspace: bool = False
    user: bool = False
    draft: bool = False
    requests: bool = False
    releases: bool = False
    keys: bool = False
    audit: bool = False
    server: bool = False
    scans: bool = False
    #: the draft entities an edit touched; empty with ``draft`` means "any, reload all"
    entities: frozenset[str] = frozenset()

    def touches(self, topics: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
        """Whether any of ``topics`` changed; a new workspace touches every topic."""
        if self.workspace:
            return True
        return any(getattr(self, t) for t in topics)

    def __or__(self, other: OpChanges) -> OpChanges:
        merged = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        merged["entities"] = self.entities | other.entities
        if (self.draft and not self.entities) or (other.draft and not other.entities):
            merged["entities"] = frozenset()  # one side touched the whole draft
        return OpChanges(**merged)

    def topics(self) -> frozenset[str]:
        return frozenset(t for t in TOPICS if getattr(self, t))


NOTHING = OpChanges()
WORKSPACE = OpChanges(workspace=True)
DRAFT = OpChanges(draft=True, audit=True)
SUBMITTED = OpChanges(requests=True, audit=True)
DECISION = OpChanges(requests=True, audit=True)
PUSHED = OpChanges(requests=True, releases=True, audit=True)
