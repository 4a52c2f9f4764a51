"""Changes: the draft, and (with the change-flow issue) submit, review, push and rollback."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from widgets.context import StudioContext
from widgets.pane import Pane, coming_soon, register_pane


@register_pane
class ChangesPane(Pane):
    pane_id = "changes"
    order = 50

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Navigator", "Changes")

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.sha_label = QLabel(self)
        self.sha_label.setObjectName("draft_sha256")
        self.summary_label = QLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("Draft fingerprint (sha256):"), self.sha_label)
        form.addRow(self.tr("Draft contents:"), self.summary_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            coming_soon(
                self,
                self.tr(
                    "Every change goes: edit the draft → check → submit → two approvals (a business "
                    "lead and an IT admin) → signed push → live version. The diff against the live "
                    "version, reviews, pushes and one-step rollback will show here."
                ),
            )
        )
        self.reload()

    def reload(self) -> None:
        bundle = self.ctx.bundle()
        self.sha_label.setText(bundle.sha256())
        fields = sum(len(e.fields) for e in bundle.entities)
        self.summary_label.setText(
            self.tr("%1 entities, %2 fields, %3 roles, %4 users")
            .replace("%1", str(len(bundle.entities)))
            .replace("%2", str(fields))
            .replace("%3", str(len(bundle.roles)))
            .replace("%4", str(len(bundle.users)))
        )
