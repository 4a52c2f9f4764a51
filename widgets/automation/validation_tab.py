"""The Validation rules tab of the automation pane: the entity's validation rules, and the
selected one's editor (when it applies, what it requires, its message in both languages)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.model import Bundle, Entity
from studio.bundle.rules import EntityRules, ValidationRule
from studio.draft import rules_edits as re_
from studio.errors import StudioError
from studio.i18n import language
from widgets.automation.condition_builder import ConditionBuilder
from widgets.automation.labels import label_of
from widgets.automation.rule_form import RuleForm

if TYPE_CHECKING:
    from widgets.automation.pane import AutomationPane


class ValidationTab(QSplitter):
    """The validation rules of the pane's entity."""

    def __init__(self, pane: AutomationPane) -> None:
        super().__init__(Qt.Orientation.Horizontal, pane)
        self.pane = pane
        left = QWidget(self)
        lv = QVBoxLayout(left)
        self.validation_list = QListWidget(left)
        self.validation_list.setObjectName("validation_list")
        self.validation_list.currentRowChanged.connect(self._row_changed)
        lv.addWidget(self.validation_list, 1)
        row = QHBoxLayout()
        for name, text, slot in (
            ("validation_new", self.tr("Add validation"), self.new_validation),
            ("validation_remove", self.tr("Remove"), self.remove_validation),
        ):
            button = QPushButton(text, left)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
            if name == "validation_remove":  # acts on the selected validation
                self.remove_button = button
        lv.addLayout(row)
        right = QWidget(self)
        form = QFormLayout(right)
        # True between "Add validation" and the new rule's Apply (or another selection).
        self.adding = False
        self.no_validation = QLabel(
            self.tr(
                "Select a validation rule on the left to edit it, or add one with “Add validation”."
            ),
            right,
        )
        self.no_validation.setObjectName("validation_none_selected")
        self.no_validation.setWordWrap(True)
        form.addRow(self.no_validation)
        self.v_key = QLineEdit(right)
        self.v_key.setObjectName("validation_key")
        self.v_when = ConditionBuilder(right)
        self.v_require = ConditionBuilder(right)
        self.v_zh = QLineEdit(right)
        self.v_zh.setObjectName("validation_message_zh")
        self.v_en = QLineEdit(right)
        self.v_en.setObjectName("validation_message_en")
        self.apply_button = apply_button = QPushButton(self.tr("Apply to the draft"), right)
        apply_button.setObjectName("validation_apply")
        # Not apply_validation itself: the click's ``checked`` would arrive as the key.
        apply_button.clicked.connect(lambda: self.apply_validation())
        form.addRow(self.tr("Key"), self.v_key)
        form.addRow(self.tr("Applies when"), self.v_when)
        form.addRow(self.tr("Requires"), self.v_require)
        form.addRow(self.tr("Message (Chinese)"), self.v_zh)
        form.addRow(self.tr("Message (English)"), self.v_en)
        form.addRow("", apply_button)
        self.addWidget(left)
        self.addWidget(right)
        # The validation the form shows ("" while adding one), and what is typed into it:
        # applied on leaving it, not dropped.
        self.form = RuleForm(
            self,
            self._form,
            lambda key: self.apply_validation(key, reselect=False),
            self._select,
            pane.message,
        )

    def show_entity(self, entity: Entity | None, rules: EntityRules | None) -> None:
        selected = self.selected_key()
        # What is typed into the form (a new validation's too) survives a change elsewhere.
        kept = self.form.keeps(
            entity.key if entity else None,
            selected,
            next((v for v in rules.validations if v.key == selected), None) if rules else None,
        )
        if not kept:
            self.v_when.set_entity(entity)
            self.v_require.set_entity(entity)
        self.validation_list.blockSignals(True)
        self.validation_list.clear()
        for v in rules.validations if rules is not None else ():
            item = QListWidgetItem(f"{v.key} — {v.message.text(language())}")
            item.setData(Qt.ItemDataRole.UserRole, v.key)
            self.validation_list.addItem(item)
            if v.key == selected:
                self.validation_list.setCurrentItem(item)
        self.validation_list.blockSignals(False)
        if not kept:
            self.show_validation()

    def selected_key(self) -> str | None:
        item = self.validation_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select_validation(self, key: str) -> None:
        for row in range(self.validation_list.count()):
            if self.validation_list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.validation_list.setCurrentRow(row)

    def current_validation(self) -> ValidationRule | None:
        item = self.validation_list.currentItem()
        entity = self.pane.entity()
        if item is None or entity is None:
            return None
        key = item.data(Qt.ItemDataRole.UserRole)
        rules = re_.entity_rules(self.pane.bundle, entity.key)
        return next((v for v in rules.validations if v.key == key), None)

    def _row_changed(self, _row: int) -> None:
        """Another validation was selected: the form of the one left (or of a new one being
        added) is applied first; refused, the selection goes back to it once (``RuleForm``)."""
        if not self.form.leaving and self.form.leave(self.selected_key()):
            self.show_validation()

    def _select(self, key: str) -> None:
        """Select ``key`` ("": none, the form of a new validation)."""
        if key:
            self.select_validation(key)
        else:
            self.validation_list.setCurrentRow(-1)

    def _form(self) -> object:
        def group(builder: ConditionBuilder) -> object:
            try:
                return builder.group()
            except StudioError as exc:
                return ("unfinished", str(exc))

        return (
            self.v_key.text(),
            group(self.v_when),
            group(self.v_require),
            self.v_zh.text(),
            self.v_en.text(),
        )

    def _shown_now(self) -> None:
        """The form as shown: the baseline of what is typed next."""
        v = self.current_validation()
        entity = self.pane.entity()
        self.form.shown_now(
            v.key if v is not None else ("" if self.adding else None),
            v,
            entity.key if entity else None,
        )

    def show_validation(self) -> None:
        v = self.current_validation()
        self.v_key.setText(v.key if v else "")
        self.v_when.set_group(
            v.when.model_dump(mode="json", exclude_none=True) if v and v.when else None
        )
        self.v_require.set_group(
            v.require.model_dump(mode="json", exclude_none=True) if v else None
        )
        self.v_zh.setText(v.message.zh_CN if v else "")
        self.v_en.setText(v.message.en if v else "")
        if v is not None:
            self.adding = False
        editing = v is not None or self.adding
        self.no_validation.setVisible(not editing)
        for editor in (self.v_key, self.v_when, self.v_require, self.v_zh, self.v_en):
            editor.setEnabled(editing)
        self.apply_button.setEnabled(editing)
        self.remove_button.setEnabled(v is not None)
        self.apply_button.setText(
            self.tr("Add to the draft") if self.adding else self.tr("Apply to the draft")
        )
        self._shown_now()

    def _set_validations(self, text: str, change: Any) -> bool:
        entity = self.pane.entity_key()
        if entity is None:
            return False

        def edit(b: Bundle) -> Bundle:
            rules = re_.entity_rules(b, entity).model_dump(mode="json", exclude_none=True)
            rules["validations"] = change(rules.get("validations", []))
            return re_.set_entity_rules(b, entity, rules)

        return self.pane.edit(text, edit)

    def apply_validation(self, key: str | None = None, *, reselect: bool = True) -> bool:
        """The form into the validation rule ``key`` (default: the selected one), or, after "Add
        validation" (``key`` ""), a new one; whether it was applied."""
        if key is None:
            old = self.current_validation()
        else:
            entity = self.pane.entity()
            rules = re_.entity_rules(self.pane.bundle, entity.key) if entity else None
            old = next((v for v in rules.validations if v.key == key), None) if rules else None
        if old is None and not self.adding:
            return False
        try:
            when = self.v_when.group()
            rule: dict[str, Any] = {
                "key": self.v_key.text().strip(),
                "require": self.v_require.group(),
                "message": label_of(self.v_zh.text(), self.v_en.text(), self.v_key.text()),
            }
        except StudioError as exc:
            self.pane.message.setText(str(exc))
            return False
        if when.get("all") or when.get("any"):
            rule["when"] = when

        def change(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
            keys = [i["key"] for i in items]
            if old is not None and old.key in keys:
                items[keys.index(old.key)] = rule
            else:
                items.append(rule)
            return items

        text = self.tr("add validation rule") if old is None else self.tr("edit validation rule")
        with self.form.applying():
            if not self._set_validations(text, change):
                return False
        self.adding = False
        if reselect:
            self.select_validation(rule["key"])
        return True

    def new_validation(self) -> None:
        """An empty form for a new validation rule, added to the draft by its Apply (what was
        typed into the form shown before is applied first)."""
        if self.pane.entity_key() is None:
            return
        if not self.form.leave(None, back=False):
            return
        self.adding = True
        with self.form.quiet():
            self.validation_list.setCurrentRow(-1)
        self.show_validation()
        self.v_key.setText(f"validation_{self.validation_list.count() + 1}")
        self._shown_now()  # the suggested key is not something typed
        self.v_key.setFocus()

    def remove_validation(self) -> None:
        old = self.current_validation()
        if old is not None:
            self._set_validations(
                self.tr("remove validation rule"),
                lambda items: [i for i in items if i["key"] != old.key],
            )
