"""The navigator's panes: one entry each in ``NAVIGATOR``, so the main window has no branch per
pane.

An entry names its pane and says how to load its class. The main window lists the titles at
once and builds a pane only when it is first shown: importing and building every pane (and
the core each one needs) is what made the window slow to appear.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from studio.op_changes import OpChanges
    from widgets.context import StudioContext


class Pane(QWidget):
    """A page of the navigator. Subclasses set ``pane_id`` (an entry of ``NAVIGATOR``)."""

    pane_id: ClassVar[str] = ""
    #: which topics of ``studio.op_changes.OpChanges`` make this pane reload
    listens_to: ClassVar[frozenset[str]] = frozenset({"workspace", "draft"})

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"pane_{self.pane_id}")
        ctx.changed.connect(self._on_changed)

    @classmethod
    def title(cls) -> str:
        return navigator_entry(cls.pane_id).title()

    def _on_changed(self, changes: OpChanges, initiator: object) -> None:
        if changes.touches(self.listens_to):
            self.on_changes(changes, initiator)

    def on_changes(self, changes: OpChanges, initiator: object) -> None:
        """A change this pane listens to happened; by default, reload the whole pane."""
        self.reload()

    def reload(self) -> None:
        """Re-read what the pane shows from the context."""


def register_pane(cls: type[Pane]) -> type[Pane]:
    """Mark a class as a navigator pane; its ``pane_id`` must have an entry in ``NAVIGATOR``."""
    navigator_entry(cls.pane_id)
    return cls


@dataclass(frozen=True)
class PaneEntry:
    pane_id: str
    #: the navigator's text, in the UI language
    title: Callable[[], str]
    #: imports the pane's module (only when the pane is first shown) and returns its class
    load: Callable[[], type[Pane]]
    #: For a pane whose feature is not built yet: what is coming, in the UI language. The
    #: navigator marks the entry (so it does not look like a broken pane) and says this in its
    #: tooltip; the pane shows it with ``coming_soon``. ``None`` once the feature is there.
    coming: Callable[[], str] | None = None


# Plain import statements in the loaders, not importlib: PyInstaller reads them.
def _entities() -> type[Pane]:
    from widgets.entities.pane import EntitiesPane

    return EntitiesPane


def _permissions() -> type[Pane]:
    from widgets.permissions.pane import PermissionsPane

    return PermissionsPane


def _health() -> type[Pane]:
    from widgets.health.pane import HealthPane

    return HealthPane


def _automation() -> type[Pane]:
    from widgets.automation.pane import AutomationPane

    return AutomationPane


def _transfer() -> type[Pane]:
    from widgets.transfer.pane import ImportExportPane

    return ImportExportPane


def _changes() -> type[Pane]:
    from widgets.changes.pane import ChangesPane

    return ChangesPane


def _audit() -> type[Pane]:
    from widgets.audit.pane import AuditPane

    return AuditPane


#: The navigator, top to bottom.
NAVIGATOR: tuple[PaneEntry, ...] = (
    PaneEntry(
        "entities",
        lambda: QCoreApplication.translate("Navigator", "Entities & Forms"),
        _entities,
    ),
    PaneEntry(
        "permissions", lambda: QCoreApplication.translate("Navigator", "Permissions"), _permissions
    ),
    PaneEntry(
        "automation",
        lambda: QCoreApplication.translate("Navigator", "Automation rules"),
        _automation,
    ),
    PaneEntry("health", lambda: QCoreApplication.translate("Navigator", "Health"), _health),
    PaneEntry(
        "import_export",
        lambda: QCoreApplication.translate("Navigator", "Import/Export"),
        _transfer,
    ),
    PaneEntry("changes", lambda: QCoreApplication.translate("Navigator", "Changes"), _changes),
    PaneEntry("audit", lambda: QCoreApplication.translate("Navigator", "Audit"), _audit),
)


def navigator_entry(pane_id: str) -> PaneEntry:
    for entry in NAVIGATOR:
        if entry.pane_id == pane_id:
            return entry
    raise KeyError(f"no navigator entry for pane {pane_id!r}")


def pane_classes() -> list[type[Pane]]:
    """Every pane class, in the navigator's order (imports them all)."""
    return [entry.load() for entry in NAVIGATOR]


def navigator_text(entry: PaneEntry) -> str:
    """The navigator's text of ``entry``: its title, marked when the pane is still to come."""
    if entry.coming is None:
        return entry.title()
    return QCoreApplication.translate("Navigator", "%1 (coming)").replace("%1", entry.title())


def loading_placeholder(parent: QWidget) -> QWidget:
    """What the window shows where a pane will be, before its workspace is open (not a blank
    area that looks broken)."""
    return coming_soon(parent, QCoreApplication.translate("Navigator", "Opening the workspace…"))


def coming_soon(parent: QWidget, text: str) -> QWidget:
    """A friendly note for a pane whose feature arrives with a later release."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    label = QLabel(text, box)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setObjectName("coming_soon")
    label.setStyleSheet("color: palette(mid); font-size: 13px; padding: 12px;")
    layout.addWidget(label)
    layout.addStretch(1)
    return box
