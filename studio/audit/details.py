"""An audit entry's details in words, for people: "Sample content: yes" rather than
"sample: true" (the log itself keeps the keys and values, which exports and scripts read)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio.i18n import Listing, Message, clause_list, name_list

#: What each detail is, in the order they are said; a detail not named here (a later version's)
#: is said by its key, after these.
_NAMES: dict[str, Message] = {
    "title": Message("Title"),
    "what": Message("What"),
    "sample": Message("Sample content"),
    "version": Message("Version"),
    "target_version": Message("Target version"),
    "to_version": Message("Back to version"),
    "revision": Message("Draft revision"),
    "rows": Message("Rows written"),
    "role": Message("Role"),
    "comment": Message("Comment"),
    "key_id": Message("Key"),
    "replaces": Message("Replaces key"),
    "revoked_keys": Message("Keys revoked"),
    "server": Message("Server"),
    "attempts": Message("Attempts"),
    "replayed": Message("Sent again (already applied)"),
    "entries": Message("Entries"),
    "cells": Message("Cells changed"),
    "source": Message("Source"),
    "rows_read": Message("Rows read"),
    "imported": Message("Imported"),
    "merged": Message("Merged"),
    "rejected": Message("Rejected"),
    "removed": Message("Removed"),
    "restored": Message("Restored"),
    "kept_live_approvers": Message("Live approvers kept"),
    "kept_fields": Message("Fields kept (deprecated and hidden)"),
    "replaced_altered_copy": Message("Replaced an altered copy"),
    "replay": Message("Impact replay"),
    "actor_verified": Message("Identity proven"),
    "bundle_sha256": Message("Bundle"),
    "signature": Message("Signature"),
}

#: The impact replay's figures (a submission's "replay" detail).
_REPLAY: dict[str, Message] = {
    "ran": Message("ran"),
    "replayed": Message("records replayed"),
    "changed_outcome": Message("outcome changed"),
    "to_default": Message("to the default"),
    "to_no_owner": Message("to no owner"),
    "share_to_default_or_no_owner": Message("share to the default or no owner"),
    "level": Message("level"),
    "problem": Message("problem"),
    "acknowledgement": Message("acknowledgement"),
}

_VERSIONS = {"version", "target_version", "to_version"}

#: What was exported or imported, where the log names it by a word of its own (a draft edit's
#: "what" is the edit's own text, said as it is).
_WHATS: dict[str, Message] = {
    "audit": Message("Audit log"),
    "permission matrices": Message("the permission matrices"),
    "permission matrices and fields": Message("the permission matrices and fields"),
}


def _value(key: str, value: Any) -> object:
    """One detail's value as it is said."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return Message("yes") if value else Message("no")
    if key in _VERSIONS and isinstance(value, int):
        return f"v{value}"
    if key == "what" and value in _WHATS:
        return _WHATS[value]
    if isinstance(value, str):
        # A sha256 or a signature: its start identifies it.
        return value[:12] + "…" if len(value) > 40 else value
    if isinstance(value, Mapping):
        names = _REPLAY if key == "replay" else {}
        return name_list(
            Message("{name} {value}", name=names.get(k, k), value=_value(k, v))
            for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return name_list(_value(key, v) for v in value) or "—"
    return str(value)


def details_words(details: Mapping[str, Any]) -> Listing:
    """``details`` (an audit entry's) as "name: value" clauses in the language they are
    rendered in."""
    order = [k for k in _NAMES if k in details] + sorted(k for k in details if k not in _NAMES)
    return clause_list(
        Message("{name}: {value}", name=_NAMES.get(k, k), value=_value(k, details[k]))
        for k in order
    )
