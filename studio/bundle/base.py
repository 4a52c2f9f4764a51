"""The bundle's building blocks shared by its sections: keys, labels and the frozen base model.

Apart from ``studio.bundle.model`` so that a section with a module of its own (the automation
rules, ``studio.bundle.rules``) can use them without importing the bundle it is part of.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

#: ASCII snake_case, stable once released: what the CRM stores data under.
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=64)]
#: A label a person reads; long enough for any real label, short enough to catch pasted text.
LabelText = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class _Model(BaseModel):
    # NaN and Infinity stay floats when dumped, for canonical_json to refuse: written as null (the
    # default), a bundle holding NaN would have the sha256 of an approved one holding null.
    model_config = ConfigDict(extra="forbid", frozen=True, ser_json_inf_nan="constants")


class Label(_Model):
    """A text in both languages the studio speaks."""

    zh_CN: LabelText
    en: LabelText

    def text(self, lang: str) -> str:
        return self.zh_CN if lang == "zh_CN" else self.en
