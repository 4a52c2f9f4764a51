"""Issue 19: the live preview hid inputs — a 60-character Chinese label pushed every input out of
view, the second form column was cut off at normal widths, and messages wrapped inside a word
("此项为必填/项。"). Labels wrap, inputs stay visible, two columns fit or the preview scrolls."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from studio import i18n
from studio.bundle.model import Entity, FieldDef, FieldType, Form, Label, Placement, Section
from widgets.entities.preview import FormPreview

LONG = "客户在签订框架合同时约定的年度采购金额上限以及超出部分的审批流程说明与备注信息补充字段名称很长很长很长"


def _entity() -> tuple[Entity, Form]:
    fields = [
        FieldDef(key="long_label", label=Label(zh_CN=LONG[:60], en="Long"), type=FieldType.text),
        *(
            FieldDef(
                key=f"f{i}",
                label=Label(zh_CN=f"字段{i}", en=f"Field {i}"),
                type=FieldType.text,
                required=True,
            )
            for i in range(6)
        ),
    ]
    placements = tuple(Placement(field=f.key, column=n % 2) for n, f in enumerate(fields))
    form = Form(
        key="create",
        kind="create",
        label=Label(zh_CN="新建", en="Create"),
        sections=(
            Section(
                key="main", label=Label(zh_CN="基本", en="Main"), columns=2, placements=placements
            ),
        ),
    )
    return Entity(
        key="deal", label=Label(zh_CN="交易", en="Deal"), fields=tuple(fields), forms=(form,)
    ), form


def test_long_labels_wrap_and_every_input_stays_reachable(qtbot: QtBot) -> None:
    i18n.set_language("zh_CN")
    try:
        preview = FormPreview()
        qtbot.addWidget(preview)
        preview.resize(520, 600)
        preview.show()
        entity, form = _entity()
        preview.set_form(entity, form)
        preview.ensure_built()
        preview.save()  # every required field is empty: the messages show
        QApplication.processEvents()
        body = preview.scroll.widget()
        assert body is not None
        viewport = preview.scroll.viewport().width()
        hbar = preview.scroll.horizontalScrollBar()
        for key, inp in preview.inputs.items():
            w = inp.widget
            assert w.isVisible() and w.width() >= 100, (key, w.width())
            right = w.mapTo(body, w.rect().topRight()).x()
            assert right <= body.width(), key
            # within the viewport, or reachable by scrolling sideways
            assert right <= viewport or hbar.maximum() >= right - viewport, key
        caption = next(lbl for lbl in body.findChildren(QLabel) if lbl.text().startswith(LONG[:10]))
        assert caption.wordWrap() and caption.height() > 1.5 * caption.fontMetrics().height()
        err = preview.errors["f0"]
        assert err.isVisible() and err.text() == "此项为必填项。"
        # the message is not broken inside a word: it fits on one line
        assert err.width() >= err.fontMetrics().horizontalAdvance(err.text())
    finally:
        i18n.set_language(None)
