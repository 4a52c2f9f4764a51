"""File › Open team workspace: the PostgreSQL server, database and user an admin knows, and the
password, which goes into the OS keyring (never into the URL, a setting or the workspace)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.workspace.team import DEFAULT_PORT, team_url


class TeamWorkspaceDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("team_workspace_dialog")
        self.setWindowTitle(self.tr("Open team workspace"))
        self.setMinimumWidth(460)
        # the URL to open (no password in it) once accepted
        self.url = ""
        form = QFormLayout()
        self.host = QLineEdit(self)
        self.host.setObjectName("team_host")
        self.host.setPlaceholderText("db.example.cn")
        self.port = QSpinBox(self)
        self.port.setObjectName("team_port")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(self)
        self.database.setObjectName("team_database")
        self.database.setPlaceholderText("crm_config")
        self.user = QLineEdit(self)
        self.user.setObjectName("team_user")
        self.password = QLineEdit(self)
        self.password.setObjectName("team_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("leave empty to use the one kept before"))
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        note = QLabel(
            self.tr("The password is kept in this computer's keyring, nowhere else."), self
        )
        note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("team_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_accept(self) -> bool:
        """Build the URL and keep the password; say what is wrong and stay open otherwise."""
        from studio.changes.keystore import store_workspace_password

        try:
            url = team_url(
                self.host.text(), self.port.value(), self.database.text(), self.user.text()
            )
            if self.password.text():
                store_workspace_password(url, self.password.text())
        except StudioError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.password.clear()  # not kept in the dialog either
        self.url = url
        self.accept()
        return True
