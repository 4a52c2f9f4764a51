"""The review's diff tree: what a reviewer reads first."""

from __future__ import annotations

from studio.bundle.diff import diff_bundles
from studio.bundle.model import EntityThresholds, FieldDef, FieldType, Label, Thresholds
from studio.bundle.sample import sample_bundle


def test_the_review_tree_shows_a_threshold_change_first(qtbot: object) -> None:
    from widgets.changes.diff_model import DiffModel

    live = sample_bundle()
    extra = FieldDef(
        key="device_param_01", label=Label(zh_CN="设备参数", en="Param"), type=FieldType.text
    )
    entities = tuple(
        e.model_copy(update={"fields": (*e.fields, extra)}) if e.key == "customer" else e
        for e in live.entities
    )
    draft = live.model_copy(
        update={
            "entities": entities,
            "thresholds": Thresholds(entities={"customer": EntityThresholds(max_avg_length=1000)}),
        }
    )
    model = DiffModel()
    model.set_diff(diff_bundles(live, draft))
    assert model.item(0, 0).text() == "Thresholds"
    assert model.item(1, 0).text().startswith("Entity")
