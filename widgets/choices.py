"""Filling a choice box (``QComboBox``) from the draft without losing what the person chose."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox


def refill_choices(box: QComboBox, items: Sequence[tuple[str, str]]) -> None:
    """``box`` offers ``items`` (key, text) when its keys differ from theirs, the current key kept
    when it is still offered (else the first); no signal while it is filled. Same keys: nothing
    changes (the texts are the draft's labels, which a key keeps)."""
    if [box.itemData(i) for i in range(box.count())] == [key for key, _ in items]:
        return
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    for key, text in items:
        box.addItem(text, key)
    box.setCurrentIndex(max(box.findData(current), 0))
    box.blockSignals(False)
