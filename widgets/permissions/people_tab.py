"""Roles, users and teams (issue 14): create, copy and rename roles; create, rename, give a role,
disable and delete users; create, rename, staff and delete teams. Every change is one operation
of the draft document (undo/redo, one save); a refusal (a role people hold, a user a team or a
rule names, the last active admin) is said under the tables in the core's words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.access.people_ops import (
    AddTeam,
    AddUser,
    DeleteTeam,
    DeleteUser,
    RenameTeam,
    RenameUser,
    SetTeamMembers,
    SetUserDisabled,
    SetUserRole,
)
from studio.access.role_ops import AddRole, CopyRole, RemoveRole, RenameRole
from studio.bundle.access import access_of
from studio.bundle.model import Bundle
from studio.draft.operations import Operation
from studio.i18n import language
from widgets.entities.document import DesignerDocument

_RED = "color: #b3261e;"


def _table(parent: QWidget, name: str, header: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(header), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(header)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PeopleTab(QWidget):
    """The Permissions pane's "Roles, users and teams" tab."""

    def __init__(self, doc: DesignerDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.roles = _table(
            self, "roles_table", [self.tr("Key"), self.tr("Name"), self.tr("Users")]
        )
        self.users = _table(
            self,
            "users_table",
            [self.tr("Key"), self.tr("Name"), self.tr("Role"), self.tr("Disabled")],
        )
        self.teams = _table(
            self,
            "teams_table",
            [self.tr("Key"), self.tr("Name"), self.tr("Leader"), self.tr("Members")],
        )
        self.message = QLabel(self)
        self.message.setObjectName("people_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_RED)

        def group(
            title: str, table: QTableWidget, buttons: list[tuple[str, Callable[[], None]]]
        ) -> QGroupBox:
            box = QGroupBox(title, self)
            row = QHBoxLayout()
            for text, slot in buttons:
                button = QPushButton(text, box)
                button.clicked.connect(lambda _=False, s=slot: s())
                self.buttons[text] = button
                row.addWidget(button)
            row.addStretch(1)
            layout = QVBoxLayout(box)
            layout.addWidget(table, 1)
            layout.addLayout(row)
            return box

        #: every button by its text (tests click them)
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            group(
                self.tr("Roles"),
                self.roles,
                [
                    (self.tr("New role…"), self.new_role_dialog),
                    (self.tr("Copy role…"), self.copy_role_dialog),
                    (self.tr("Rename role…"), self.rename_role_dialog),
                    (self.tr("Delete role"), self.delete_role),
                ],
            ),
            3,
        )
        layout.addWidget(
            group(
                self.tr("Users (one role each)"),
                self.users,
                [
                    (self.tr("New user…"), self.new_user_dialog),
                    (self.tr("Rename user…"), self.rename_user_dialog),
                    (self.tr("Change role…"), self.change_role_dialog),
                    (self.tr("Disable / enable"), self.toggle_disabled),
                    (self.tr("Delete user"), self.delete_user),
                ],
            ),
            3,
        )
        layout.addWidget(
            group(
                self.tr("Teams (who the 'team' scope covers)"),
                self.teams,
                [
                    (self.tr("New team…"), self.new_team_dialog),
                    (self.tr("Rename team…"), self.rename_team_dialog),
                    (self.tr("Members…"), self.members_dialog),
                    (self.tr("Delete team"), self.delete_team),
                ],
            ),
            2,
        )
        layout.addWidget(self.message)
        #: the dialog on screen, or the last one (tests fill and accept it)
        self.dialog: QDialog | None = None

    # -- showing --------------------------------------------------------------------------------
    def refresh(self, bundle: Bundle) -> None:
        lang = language()
        held: dict[str, int] = {}
        for u in bundle.users:
            held[u.role] = held.get(u.role, 0) + 1
        labels = {r.key: r.label.text(lang) for r in bundle.roles}
        self._fill(
            self.roles, [(r.key, r.label.text(lang), str(held.get(r.key, 0))) for r in bundle.roles]
        )
        self._fill(
            self.users,
            [
                (
                    u.user,
                    u.display_name,
                    labels.get(u.role, u.role),
                    self.tr("disabled") if u.disabled else "",
                )
                for u in bundle.users
            ],
        )
        self._fill(
            self.teams,
            [
                (t.key, t.label.text(lang), t.leader or "", ", ".join(t.members))
                for t in access_of(bundle).teams
            ],
        )

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        current = table.currentRow()
        key = table.item(current, 0).text() if current >= 0 and table.item(current, 0) else None
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        for r, row in enumerate(rows):
            if row[0] == key:
                table.selectRow(r)

    @staticmethod
    def selected(table: QTableWidget) -> str | None:
        row = table.currentRow()
        item = table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def select(self, table: QTableWidget, key: str) -> None:
        for r in range(table.rowCount()):
            item = table.item(r, 0)
            if item is not None and item.text() == key:
                table.selectRow(r)
                table.setCurrentCell(r, 0)

    # -- every change is one operation ----------------------------------------------------------
    def run(self, op: Operation) -> bool:
        """Apply ``op`` to the draft; a refusal is shown in red. Whether it was made."""
        refused = self.doc.apply_op(op)
        self.message.setText(str(refused) if refused is not None else "")
        return refused is None

    def _ask(self, title: str, rows: list[tuple[str, QWidget]]) -> bool:
        dialog = QDialog(self)
        dialog.setWindowTitle(title)
        form = QFormLayout(dialog)
        for label, widget in rows:
            widget.setParent(dialog)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        # Kept until the next one: the caller reads the inputs after exec() returns, and PySide
        # deletes a dialog (and its inputs) with its last Python reference.
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _role_box(self, current: str | None = None) -> QComboBox:
        box = QComboBox()
        for r in self.doc.bundle.roles:
            box.addItem(r.label.text(language()), r.key)
        box.setCurrentIndex(max(box.findData(current), 0))
        return box

    # -- roles ----------------------------------------------------------------------------------
    def new_role_dialog(self) -> None:
        key, zh, en = QLineEdit(), QLineEdit(), QLineEdit()
        if self._ask(
            self.tr("New role"),
            [
                (self.tr("Key:"), key),
                (self.tr("Chinese name:"), zh),
                (self.tr("English name:"), en),
            ],
        ):
            self.run(AddRole(key.text().strip(), zh.text(), en.text()))

    def copy_role_dialog(self) -> None:
        source = self.selected(self.roles)
        if source is None:
            return
        key, zh, en = QLineEdit(), QLineEdit(), QLineEdit()
        if self._ask(
            self.tr("Copy role %1").replace("%1", source),
            [
                (self.tr("New key:"), key),
                (self.tr("Chinese name:"), zh),
                (self.tr("English name:"), en),
            ],
        ):
            self.run(CopyRole(source, key.text().strip(), zh.text(), en.text()))

    def rename_role_dialog(self) -> None:
        key = self.selected(self.roles)
        role = next((r for r in self.doc.bundle.roles if r.key == key), None)
        if role is None:
            return
        zh, en = QLineEdit(role.label.zh_CN), QLineEdit(role.label.en)
        if self._ask(
            self.tr("Rename role %1").replace("%1", role.key),
            [(self.tr("Chinese name:"), zh), (self.tr("English name:"), en)],
        ):
            self.run(RenameRole(role.key, zh.text(), en.text()))

    def delete_role(self) -> None:
        key = self.selected(self.roles)
        if key is not None:
            self.run(RemoveRole(key))

    # -- users ----------------------------------------------------------------------------------
    def new_user_dialog(self) -> None:
        key, name, role = QLineEdit(), QLineEdit(), self._role_box()
        if self._ask(
            self.tr("New user"),
            [(self.tr("Key:"), key), (self.tr("Name:"), name), (self.tr("Role:"), role)],
        ):
            self.run(AddUser(key.text().strip(), name.text(), role.currentData()))

    def rename_user_dialog(self) -> None:
        key = self.selected(self.users)
        person = next((u for u in self.doc.bundle.users if u.user == key), None)
        if person is None:
            return
        name = QLineEdit(person.display_name)
        if self._ask(
            self.tr("Rename user %1").replace("%1", person.user), [(self.tr("Name:"), name)]
        ):
            self.run(RenameUser(person.user, name.text()))

    def change_role_dialog(self) -> None:
        key = self.selected(self.users)
        person = next((u for u in self.doc.bundle.users if u.user == key), None)
        if person is None:
            return
        role = self._role_box(person.role)
        if self._ask(self.tr("Role of %1").replace("%1", person.user), [(self.tr("Role:"), role)]):
            self.run(SetUserRole(person.user, role.currentData()))

    def toggle_disabled(self) -> None:
        key = self.selected(self.users)
        person = next((u for u in self.doc.bundle.users if u.user == key), None)
        if person is not None:
            self.run(SetUserDisabled(person.user, not person.disabled))

    def delete_user(self) -> None:
        key = self.selected(self.users)
        if key is not None:
            self.run(DeleteUser(key))

    # -- teams ----------------------------------------------------------------------------------
    def new_team_dialog(self) -> None:
        key, zh, en = QLineEdit(), QLineEdit(), QLineEdit()
        if self._ask(
            self.tr("New team"),
            [
                (self.tr("Key:"), key),
                (self.tr("Chinese name:"), zh),
                (self.tr("English name:"), en),
            ],
        ):
            self.run(AddTeam(key.text().strip(), zh.text(), en.text()))

    def rename_team_dialog(self) -> None:
        key = self.selected(self.teams)
        team = next((t for t in access_of(self.doc.bundle).teams if t.key == key), None)
        if team is None:
            return
        zh, en = QLineEdit(team.label.zh_CN), QLineEdit(team.label.en)
        if self._ask(
            self.tr("Rename team %1").replace("%1", team.key),
            [(self.tr("Chinese name:"), zh), (self.tr("English name:"), en)],
        ):
            self.run(RenameTeam(team.key, zh.text(), en.text()))

    def members_dialog(self) -> None:
        key = self.selected(self.teams)
        team = next((t for t in access_of(self.doc.bundle).teams if t.key == key), None)
        if team is None:
            return
        leader = QComboBox()
        leader.setObjectName("team_leader")
        leader.addItem(self.tr("(no leader)"), "")
        members = QListWidget()
        members.setObjectName("team_members")
        for u in self.doc.bundle.users:
            leader.addItem(f"{u.display_name} ({u.user})", u.user)
            item = QListWidgetItem(f"{u.display_name} ({u.user})")
            item.setData(Qt.ItemDataRole.UserRole, u.user)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if u.user in team.members else Qt.CheckState.Unchecked
            )
            members.addItem(item)
        leader.setCurrentIndex(max(leader.findData(team.leader or ""), 0))
        if self._ask(
            self.tr("Members of %1").replace("%1", team.key),
            [(self.tr("Leader:"), leader), (self.tr("Members:"), members)],
        ):
            chosen = tuple(
                members.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(members.count())
                if members.item(i).checkState() == Qt.CheckState.Checked
            )
            self.run(SetTeamMembers(team.key, leader.currentData() or None, chosen))

    def delete_team(self) -> None:
        key = self.selected(self.teams)
        if key is not None:
            self.run(DeleteTeam(key))
