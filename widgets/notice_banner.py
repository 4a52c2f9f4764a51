"""The window's blue notice line: something worth knowing that asks nothing of the person (the
sample workspace opened, another workspace switched to). Dismissed by its button."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class NoticeBanner(QFrame):
    """Hidden unless there is a notice; ``say`` shows one."""

    def __init__(self, notice: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice_banner")
        self.setStyleSheet(
            "#notice_banner { background: #e8f1fb; border-bottom: 1px solid "
            "#b6d0ee; } QLabel { color: #0b3d6e; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel(notice or "", self)
        self.label.setWordWrap(True)
        close = QPushButton(self.tr("Dismiss"), self)
        close.setFlat(True)
        close.clicked.connect(self.hide)
        row.addWidget(self.label, 1)
        row.addWidget(close)
        self.setVisible(bool(notice))

    def say(self, text: str) -> None:
        self.label.setText(text)
        self.show()
