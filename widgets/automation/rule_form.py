"""What a rule's form was shown for, and leaving it: what is typed is applied, or the selection
goes back to it once.

The Routing and the Validation rules tabs each show one rule (or validation) in a form beside
their list. What is typed into the form is not dropped by selecting another one: it is applied to
the draft first (as the field designer's inputs are on leaving them); when it cannot be, the
selection goes back to the rule left, the typed form and the reason kept. Once: a second click
away drops it, so a form that cannot be applied is no trap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget


class RuleForm:
    """The baseline of one tab's form and the leave-or-stay-once logic.

    ``read`` gives what the form holds now (comparable, to tell typing); ``apply(key)`` applies
    the form to the rule ``key`` and says whether it could; ``select(key)`` selects ``key`` in the
    tab's list again; ``message`` is where the reason of a refusal is shown."""

    def __init__(
        self,
        owner: QWidget,
        read: Callable[[], object],
        apply: Callable[[str], bool],
        select: Callable[[str], None],
        message: QLabel,
    ) -> None:
        self._owner = owner
        self._read = read
        self._apply = apply
        self._select = select
        self._message = message
        #: the key of the rule the form shows ("" while a new one is being added), or None
        self.shown: str | None = None
        #: the form as it was shown: what is typed since differs from it
        self.shown_form: object = None
        #: the rule as the draft held it when shown, and its entity's key
        self.shown_rule: object = None
        self.entity: str | None = None
        #: the form that could not be applied on leaving (a second click away drops it)
        self.refused_form: object = None
        #: True while the tab itself moves the selection (no leaving logic then)
        self.leaving = False
        self._applying = False

    def shown_now(self, key: str | None, rule: object = None, entity: str | None = None) -> None:
        """The form now shows rule ``key`` (or nothing), which is ``rule`` of ``entity`` in the
        draft: the baseline of what is typed next."""
        self.shown = key
        self.shown_form = self._read() if key is not None else None
        self.shown_rule = rule
        self.entity = entity
        self.refused_form = None

    def keeps(self, entity: str | None, selected: str | None, rule_now: object) -> bool:
        """The draft changed under the form (another pane's edit, the draft read again), and
        ``selected`` is ``rule_now`` in it: whether the form keeps what is typed rather than
        show the rule afresh. It does unless the very rule it shows changed (or went): a new
        one being added is kept while it is being added."""
        if self.shown is None or entity != self.entity or self._applying:
            return False
        if self.shown == "":
            return selected is None
        return self.shown == selected and self.edited() and rule_now == self.shown_rule

    def edited(self) -> bool:
        """Whether the form differs from the rule it was shown for."""
        return self.shown is not None and self._read() != self.shown_form

    @contextmanager
    def applying(self) -> Iterator[None]:
        """Inside: the form itself goes into the draft; the form then shows what it became."""
        self._applying = True
        try:
            yield
        finally:
            self._applying = False

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Inside: selections the tab makes itself are not the person leaving a rule."""
        self.leaving = True
        try:
            yield
        finally:
            self.leaving = False

    def leave(self, selected: str | None, *, back: bool = True) -> bool:
        """The person moves from the rule shown to ``selected``: whether the form may show it.

        What was typed for the rule left is applied first; refused, the form is kept (and with
        ``back``, the selection goes back to the rule left, after the click that moved it has
        been handled in full), once."""
        left = self.shown
        form = self._read() if left is not None else None
        if (
            left is not None
            and left != selected
            and form != self.shown_form
            and form != self.refused_form
        ):
            with self.quiet():  # the edit reloads the list: no second round from here
                applied = self._apply(left)
            if not applied:
                self.refused_form = form
                if back:
                    QTimer.singleShot(0, self._owner, lambda: self._back_to(left))
                return False
        if form is not None and form == self.refused_form:
            self._message.setText("")  # about the form just dropped
        return True

    def _back_to(self, key: str) -> None:
        """Select ``key`` again without touching its form (what was typed stays)."""
        with self.quiet():
            self._select(key)
