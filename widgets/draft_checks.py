"""The draft's findings, computed one way for every pane (issue 19: one set of findings).

The designer showed "no problems" while Changes › Draft vs live showed an error, because each
computed findings with other inputs: the designer with the live release as it was when the draft
was first read and no statistics; the Changes pane with the live release read afresh, the freeze
of the last kept scan, and (at submit only) the server's record counts. ``DraftChecks`` holds the
inputs both use now, owned once by the studio context (``StudioContext.checks``):

- the live release: the designer document's, which follows every push (``releases`` changes);
- the last kept scan's freeze and database budget, read with the draft;
- the server's record statistics for the fields the draft makes required without a fill, asked
  off the UI thread when that set changes, and kept (``server``) for every pane and for submit;
- how many records the draft's disabled users without a hand-over still own (``owners``, for
  ``disabled_user_holds_records``), asked off the UI thread when that set of people changes.

``findings(bundle)`` is ``studio.lint.run_all`` over those inputs; the Changes pane passes
``data_stats()`` to the core's ``check_draft``, which adds the same freeze, so both show the same.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from studio.bundle.diff import diff_bundles
from studio.bundle.model import Bundle
from studio.client.owners import leavers_to_count
from studio.client.stats import ServerStats, data_stats, entities_to_count, server_stats
from studio.lint import DataStats, run_all
from studio.lint.findings import Finding
from widgets.ops import Op

if TYPE_CHECKING:
    from widgets.context import StudioContext

_Key = tuple[tuple[str, ...], str | None]


class DraftChecks(QObject):
    """``changed``: an input of the findings changed (the server's counts arrived)."""

    changed = Signal()

    def __init__(self, ctx: StudioContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: the server's counts (``DataStats``) for ``_key``; ``None`` while unknown
        self.server: DataStats | None = None
        self._key: _Key | None = None
        self._asking: _Key | None = None
        #: disabled user -> records still naming them owner, for ``_owners_key``; ``None``: unknown
        self.owners: dict[str, int] | None = None
        self._owners_key: _Key | None = None
        self._owners_asking: _Key | None = None

    # -- the inputs ------------------------------------------------------------------------------
    def data_stats(self) -> DataStats | None:
        """The server's counts, when known: what the Changes pane and submit judge with."""
        if self.owners is None:
            return self.server
        base = self.server or DataStats()
        return replace(base, extra={**base.extra, "owners": dict(self.owners)})

    def stats(self) -> DataStats:
        """The server's counts with the freeze and budget of the last kept scan."""
        base = self.data_stats() or DataStats()
        extra: dict[str, Any] = getattr(self.ctx.document, "scan_extra", {})
        return replace(base, extra={**base.extra, **extra})

    def findings(self, bundle: Bundle | None = None) -> list[Finding]:
        """Every rule's findings on ``bundle`` (the document's draft) against the live release."""
        doc = self.ctx.document
        draft = doc.bundle if bundle is None else bundle
        self.ask_server(draft, doc.live)
        self.ask_owners(draft)
        return run_all(draft, self.stats(), doc.live)

    # -- the server's counts ---------------------------------------------------------------------
    def _server(self) -> tuple[str | None, str | None]:
        local = getattr(self.ctx, "local_server", None)
        if local is not None:
            return local.url, local.token
        return getattr(self.ctx, "server_url", None), None

    def ask_server(self, draft: Bundle, live: Bundle | None) -> None:
        """Ask the server, off the UI thread, for the counts the draft's required fields need,
        unless they are known or on their way."""
        diff = diff_bundles(live, draft) if live is not None else {}
        entities = tuple(entities_to_count(diff)) if diff else ()
        url, token = self._server()
        key: _Key = (entities, url)
        if not entities:
            self._key, self.server = key, None
            return
        if key in (self._key, self._asking):
            return
        self._asking = key
        ws = self.ctx.workspace

        def work() -> tuple[_Key, dict[str, Any], ServerStats]:
            return key, diff, server_stats(ws, diff, server_url=url, token=token)

        op = Op(work, self)
        op.succeeded.connect(self._arrived)
        op.failed.connect(lambda _message: self._forget(key))
        op.start()

    def ask_owners(self, draft: Bundle) -> None:
        """Ask the server, off the UI thread, how many records the draft's disabled users without
        a hand-over still own, unless known or on its way (cheap when nobody is disabled)."""
        leavers = leavers_to_count(draft)
        url, token = self._server()
        key: _Key = (leavers, url)
        if not leavers:
            self._owners_key, self.owners = key, None
            return
        if key in (self._owners_key, self._owners_asking):
            return
        self._owners_asking = key
        ws = self.ctx.workspace

        def work() -> tuple[_Key, ServerStats]:
            return key, server_stats(ws, {}, server_url=url, token=token, bundle=draft)

        op = Op(work, self)
        op.succeeded.connect(self._owners_arrived)
        op.failed.connect(lambda _message: self._forget_owners(key))
        op.start()

    def _forget_owners(self, key: _Key) -> None:
        if self._owners_asking == key:
            self._owners_asking = None

    def _owners_arrived(self, result: tuple[_Key, ServerStats]) -> None:
        key, found = result
        self._forget_owners(key)
        # Unknown stays unknown (the rule then warns that records may remain).
        self._owners_key = key
        self.owners = dict(found.owners) if found.problem is None else None
        if self.owners is not None:
            self.changed.emit()

    def _forget(self, key: _Key) -> None:
        if self._asking == key:
            self._asking = None

    def _arrived(self, result: tuple[_Key, dict[str, Any], ServerStats]) -> None:
        key, diff, found = result
        self._forget(key)
        if found.problem is not None:
            # Unknown stays unknown: asked again when the fields or the server change.
            self._key, self.server = key, None
            return
        self._key, self.server = key, data_stats(diff, found)
        self.changed.emit()

    def server_changed(self) -> None:
        """Another server: the counts known are about the old one."""
        self._key, self.server = None, None
        self._owners_key, self.owners = None, None
        self.changed.emit()
