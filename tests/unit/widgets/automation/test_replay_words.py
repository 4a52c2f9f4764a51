"""The replay's outcomes as a business lead reads them, in their language: "no owner",
"队列 unassigned", not the evaluator's codes ("none", "queue:unassigned")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from studio.automation.report import outcome_label, replay_lines
from studio.i18n import set_language
from widgets.automation.replay_view import ReplayView
from widgets.translation import TRANSLATIONS

DOCUMENT = {
    "level": "block",
    "replayed": 10,
    "to_default": 8,
    "to_no_owner": 0,
    "share_to_default_or_no_owner": 0.8,
    "entities": {
        "lead": {
            "replayed": 10,
            "changed_outcome": 10,
            "to_default": 8,
            "to_no_owner": 0,
            "share_to_default_or_no_owner": 0.8,
            "warn_share": 0.05,
            "block_share": 0.2,
            "by_outcome": {"none": [10, 0], "queue:unassigned": [0, 8], "team:east": [0, 2]},
            "rejected_by_validation": 0,
            "stranded": 0,
            "samples": [
                {"index": 0, "before": "none", "after": "queue:unassigned", "record": {"city": ""}}
            ],
        }
    },
}


def test_outcome_labels_in_both_languages() -> None:
    set_language("zh_CN")
    try:
        assert outcome_label("none") == "无负责人"
        assert outcome_label("queue:unassigned") == "队列 unassigned"
        assert outcome_label("team:east") == "团队 east"
        assert "    队列 unassigned: 0 -> 8" in replay_lines(DOCUMENT)
    finally:
        set_language(None)
    assert outcome_label("user:wu") == "user wu"
    assert outcome_label("none") == "no owner"


def test_the_replay_view_shows_outcomes_in_words(qtbot: QtBot) -> None:
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / "studio_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    set_language("zh_CN")
    try:
        view = ReplayView()
        qtbot.addWidget(view)
        view.set_document(DOCUMENT)
        shown = {view.model.index(r, 1).data() for r in range(view.model.rowCount())}
        assert shown == {"无负责人", "队列 unassigned", "团队 east"}
        assert view.model.rows[0][1] in ("none", "queue:unassigned")  # the data keeps its code
        assert view.samples.index(0, 2).data() == "无负责人"
        assert view.samples.index(0, 3).data() == "队列 unassigned"
        assert "queue:unassigned" not in view.details.text()
        dialog = view.open_sample(0)
        assert dialog is not None
        texts = [w.text() for w in dialog.findChildren(QLabel)]
        assert "队列 unassigned" in texts and "queue:unassigned" not in texts
        dialog.close()
    finally:
        QCoreApplication.removeTranslator(translator)
        set_language(None)
