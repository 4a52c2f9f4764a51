"""A change's diff as a tree a person reads: one branch per entity, then permissions, roles,
users, thresholds and the approval policy; each leaf shows before -> after."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from studio.access.diff import alarming, change_text, user_text
from studio.bundle.label_text import label_change_texts
from studio.bundle.rules_diff import render_rules
from studio.i18n import language
from studio.i18n.access import access_word, scope_word
from studio.i18n.bundle import type_name
from widgets.sentences import counted

ADDED = QColor("#1b7f3b")
REMOVED = QColor("#b3261e")
CHANGED = QColor("#8a5a00")
#: A gain an approver must not miss (a sensitive field readable, delete on a protected entity).
ALARM = QColor("#c00000")
#: Data role marking a row as an alarming gain (tests read it, not the colour).
ALARM_ROLE = Qt.ItemDataRole.UserRole + 41


def value_text(value: Any) -> str:
    """A property value as text: labels in the UI language, lists joined, nothing as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("DiffModel", "yes")
            if value
            else QCoreApplication.translate("DiffModel", "no")
        )
    if isinstance(value, dict) and set(value) == {"zh_CN", "en"}:
        return str(value["zh_CN"] if language() == "zh_CN" else value["en"])
    if isinstance(value, dict):
        return ", ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v) for v in value) or "—"
    return str(value)


def _label(label: Any, key: str) -> str:
    return f"{value_text(label)} ({key})" if label else key


def _row(text: str, before: Any = "", after: Any = "", color: QColor | None = None) -> list:  # type: ignore[type-arg]
    items = [QStandardItem(text), QStandardItem(before), QStandardItem(after)]
    for item in items:
        item.setEditable(False)
        if color is not None:
            item.setForeground(QBrush(color))
    return items


def property_text(prop: str) -> str:
    """A property of a field, form, threshold or policy in the UI language (else its key)."""
    names = {
        "label": QCoreApplication.translate("DiffModel", "label"),
        "type": QCoreApplication.translate("DiffModel", "type"),
        "required": QCoreApplication.translate("DiffModel", "required"),
        "default": QCoreApplication.translate("DiffModel", "default value"),
        "backfill": QCoreApplication.translate("DiffModel", "value for existing records"),
        "unique": QCoreApplication.translate("DiffModel", "unique"),
        "searchable": QCoreApplication.translate("DiffModel", "searchable"),
        "max_length": QCoreApplication.translate("DiffModel", "maximum length"),
        "sensitive": QCoreApplication.translate("DiffModel", "sensitive"),
        "options": QCoreApplication.translate("DiffModel", "options"),
        "validation": QCoreApplication.translate("DiffModel", "validation"),
        "validation.regex": QCoreApplication.translate("DiffModel", "pattern"),
        "validation.hint": QCoreApplication.translate("DiffModel", "hint for the pattern"),
        "validation.min": QCoreApplication.translate("DiffModel", "minimum"),
        "validation.max": QCoreApplication.translate("DiffModel", "maximum"),
        "reference": QCoreApplication.translate("DiffModel", "refers to"),
        "hidden": QCoreApplication.translate("DiffModel", "hidden"),
        "deprecated": QCoreApplication.translate("DiffModel", "deprecated"),
        "sections": QCoreApplication.translate("DiffModel", "sections"),
        "min_approvals": QCoreApplication.translate("DiffModel", "minimum approvals"),
        "required_roles": QCoreApplication.translate("DiffModel", "roles that must approve"),
        "max_fields_per_entity": QCoreApplication.translate(
            "DiffModel", "maximum fields per entity"
        ),
        "searchable_warning": QCoreApplication.translate(
            "DiffModel", "searchable fields: warning at"
        ),
        "searchable_limit": QCoreApplication.translate("DiffModel", "searchable fields: limit"),
        "max_avg_length": QCoreApplication.translate("DiffModel", "maximum average length"),
    }
    name = names.get(prop)
    if name is None:
        return prop
    # In Chinese the key stays visible: people compare it with exports and the CLI.
    return f"{name} ({prop})" if language() == "zh_CN" else name


def change_texts(before: Any, after: Any) -> tuple[str, str]:
    """Both sides of a change; a label change shows every language that changed (a change of
    the other language alone must not read "Notes -> Notes")."""
    return label_change_texts(before, after) or (value_text(before), value_text(after))


def _change_texts(prop: str, before: Any, after: Any) -> tuple[str, str]:
    if prop == "type":  # a field type in the UI's language
        return (type_name(str(before)), type_name(str(after)))
    return change_texts(before, after)


def _changes(parent: QStandardItem, changes: list[dict[str, Any]]) -> None:
    for c in changes:
        parent.appendRow(
            _row(
                property_text(c["property"]),
                *_change_texts(c["property"], c["before"], c["after"]),
                CHANGED,
            )
        )


class DiffModel(QStandardItemModel):
    """Columns: what changed, before, after."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.set_diff({})

    def set_diff(self, diff: dict[str, Any]) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("DiffModel", "Change"),
                QCoreApplication.translate("DiffModel", "Before"),
                QCoreApplication.translate("DiffModel", "After"),
            ]
        )
        if not diff:
            return
        root = self.invisibleRootItem()
        if diff.get("empty"):
            root.appendRow(
                _row(
                    QCoreApplication.translate("DiffModel", "No changes against the live version.")
                )
            )
            return
        # A threshold or policy change comes first: it decides what the edits below may do.
        for section, title in (
            ("thresholds", QCoreApplication.translate("DiffModel", "Thresholds")),
            ("policy", QCoreApplication.translate("DiffModel", "Approval policy")),
        ):
            if diff.get(section):
                branch = _row(title)
                _changes(branch[0], diff[section])
                root.appendRow(branch)
        # Who gains and loses what comes before the edits that cause it: sensitive gains first,
        # in red (studio.access.diff orders them).
        self._access(root, diff.get("access"))
        for entity in diff.get("entities", []):
            root.appendRow(self._entity(entity))
        self._permissions(root, diff)
        for section, title in (
            ("roles", QCoreApplication.translate("DiffModel", "Roles")),
            ("users", QCoreApplication.translate("DiffModel", "Users")),
            ("approvers", QCoreApplication.translate("DiffModel", "Approvers")),
        ):
            part = diff.get(section) or {}
            if any(part.values()):
                root.appendRow(self._keyed(title, part))
        if diff.get("rules_changed"):
            branch = _row(
                QCoreApplication.translate("DiffModel", "Automation rules changed"), color=CHANGED
            )
            # Rule by rule ("Rule 'East China' of Lead: condition city not empty -> ..."), in
            # the words of studio.bundle.rules_diff, which the CLI prints too.
            for line in render_rules(diff.get("rules") or []):
                branch[0].appendRow(_row(line))
            root.appendRow(branch)

    def _entity(self, e: dict[str, Any]) -> list:  # type: ignore[type-arg]
        status = {
            "added": QCoreApplication.translate("DiffModel", "added"),
            "removed": QCoreApplication.translate("DiffModel", "removed"),
            "changed": QCoreApplication.translate("DiffModel", "changed"),
        }
        color = {"added": ADDED, "removed": REMOVED}.get(e["status"])
        branch = _row(
            QCoreApplication.translate("DiffModel", "Entity %1: %2")
            .replace("%1", _label(e.get("label"), e["key"]))
            .replace("%2", status[e["status"]]),
            color=color,
        )
        head = branch[0]
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        if e.get("label_change"):
            lc = e["label_change"]
            head.appendRow(
                _row(property_text("label"), *change_texts(lc["before"], lc["after"]), CHANGED)
            )
        fields = e.get("fields", {})
        for f in fields.get("added", []):
            head.appendRow(
                _row(
                    QCoreApplication.translate("DiffModel", "Field added: %1 [%2]")
                    .replace("%1", _label(f.get("label"), f["key"]))
                    .replace("%2", type_name(str(f.get("type", "")))),
                    "",
                    QCoreApplication.translate("DiffModel", "required")
                    if f.get("required")
                    else "",
                    ADDED,
                )
            )
        for f in fields.get("removed", []):
            head.appendRow(
                _row(
                    QCoreApplication.translate("DiffModel", "Field removed: %1").replace(
                        "%1", _label(f.get("label"), f["key"])
                    ),
                    color=REMOVED,
                )
            )
        for f in fields.get("changed", []):
            item = _row(
                QCoreApplication.translate("DiffModel", "Field changed: %1").replace(
                    "%1", f["key"]
                ),
                color=CHANGED,
            )
            _changes(item[0], f["changes"])
            head.appendRow(item)
        if fields.get("reordered"):
            head.appendRow(
                _row(QCoreApplication.translate("DiffModel", "Field order changed"), color=CHANGED)
            )
        status_text = status
        for form in e.get("forms", []):
            item = _row(
                QCoreApplication.translate("DiffModel", "Form %1: %2")
                .replace("%1", form["key"])
                .replace("%2", status_text.get(form["status"], form["status"])),
                color=CHANGED,
            )
            if form.get("fields_placed"):
                item[0].appendRow(
                    _row(
                        QCoreApplication.translate("DiffModel", "placed"),
                        "",
                        ", ".join(form["fields_placed"]),
                        ADDED,
                    )
                )
            if form.get("fields_unplaced"):
                item[0].appendRow(
                    _row(
                        QCoreApplication.translate("DiffModel", "removed from form"),
                        ", ".join(form["fields_unplaced"]),
                        "",
                        REMOVED,
                    )
                )
            head.appendRow(item)
        return branch

    def _access(self, root: QStandardItem, access: dict[str, Any] | None) -> None:
        if not access or not (access.get("changes") or access.get("users")):
            return
        alarms = access.get("sensitive_gains", 0)
        title = QCoreApplication.translate("DiffModel", "Access gained and lost")
        if alarms:
            title += counted(
                alarms,
                QCoreApplication.translate("DiffModel", " ({n} sensitive gain)"),
                QCoreApplication.translate("DiffModel", " ({n} sensitive gains)"),
            )
        branch = _row(title, color=ALARM if alarms else None)
        for c in access.get("changes", []):
            if c["field"] is not None:
                before, after = _word(access_word, c["before"]), _word(access_word, c["after"])
            else:
                before, after = _word(scope_word, c["before"]), _word(scope_word, c["after"])
            if alarming(c):
                row = _row("! " + change_text(c), before, after, ALARM)
                bold = QFont()
                bold.setBold(True)
                for item in row:
                    item.setFont(bold)
                    item.setData("alarm", ALARM_ROLE)
            else:
                row = _row(change_text(c), before, after, ADDED if c["kind"] == "gain" else CHANGED)
            branch[0].appendRow(row)
        for u in access.get("users", []):
            branch[0].appendRow(_row(user_text(u), color=CHANGED))
        root.appendRow(branch)

    def _permissions(self, root: QStandardItem, diff: dict[str, Any]) -> None:
        ents, fields = diff.get("entity_permissions", []), diff.get("field_permissions", [])
        if not ents and not fields:
            return
        branch = _row(QCoreApplication.translate("DiffModel", "Permissions"))
        ops = {
            "create": QCoreApplication.translate("DiffModel", "create"),
            "read": QCoreApplication.translate("DiffModel", "read"),
            "update": QCoreApplication.translate("DiffModel", "update"),
            "delete": QCoreApplication.translate("DiffModel", "delete"),
        }
        for p in ents:
            branch[0].appendRow(
                _row(
                    f"{p['role']} × {p['entity']}: {ops.get(p['op'], p['op'])}",
                    value_text(p["before"]),
                    value_text(p["after"]),
                    REMOVED if p["before"] and not p["after"] else ADDED,
                )
            )
        for p in fields:
            branch[0].appendRow(
                _row(
                    f"{p['role']} × {p['entity']}.{p['field']}",
                    value_text(p["before"]),
                    value_text(p["after"]),
                    CHANGED,
                )
            )
        root.appendRow(branch)

    def _keyed(self, title: str, part: dict[str, Any]) -> list:  # type: ignore[type-arg]
        branch = _row(title)
        for item in part.get("added", []):
            branch[0].appendRow(
                _row(_describe(item), "", QCoreApplication.translate("DiffModel", "added"), ADDED)
            )
        for item in part.get("removed", []):
            branch[0].appendRow(
                _row(
                    _describe(item), QCoreApplication.translate("DiffModel", "removed"), "", REMOVED
                )
            )
        for item in part.get("changed", []):
            sub = _row(str(item["key"]), color=CHANGED)
            _changes(sub[0], item["changes"])
            branch[0].appendRow(sub)
        return branch


def _word(fn: Any, value: str | None) -> str:
    return "—" if value is None else str(fn(value))


def _describe(item: dict[str, Any]) -> str:
    if "user" in item and "key_id" in item:
        return f"{item['user']} ({item.get('role', '')}, {item['key_id']})"
    if "user" in item:
        return f"{item['user']} ({item.get('role', '')})"
    return _label(item.get("label"), str(item.get("key", "")))
