"""A label (zh_CN + en) as text in the studio's language, and a label change that shows every
language that changed.

A label holds both languages, but a screen shows one. A change of the other language alone would
read as a no-op ("Notes -> Notes"), so both sides of such a change also show the languages that
changed: "Notes [Chinese: 备注] -> Notes [Chinese: 备注说明]". The CLI's text diff and the
Changes / Review panes use the same rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studio.i18n import language, tr

if TYPE_CHECKING:
    from studio.bundle.model import Bundle

LANGUAGES = ("zh_CN", "en")


def is_label(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == set(LANGUAGES)


def language_name(lang: str) -> str:
    # the names live in the draft catalogue (studio/i18n/draft.py), with the label checks
    return tr("Chinese") if lang == "zh_CN" else tr("English")


def label_change_texts(before: Any, after: Any) -> tuple[str, str] | None:
    """Both sides of a label change in the studio's language, each followed by the other
    languages that changed; ``None`` when the values are not both labels."""
    if not (is_label(before) and is_label(after)):
        return None
    lang = language()
    others = [other for other in LANGUAGES if other != lang and before[other] != after[other]]

    def side(label: dict[str, str]) -> str:
        extra = "; ".join(f"{language_name(o)}: {label[o]}" for o in others)
        return f"{label[lang]} [{extra}]" if extra else str(label[lang])

    return side(before), side(after)


def role_names(bundle: Bundle) -> dict[str, str]:
    """Role key -> its label in the studio's language (people read "业务负责人", not
    ``business_lead``); a role the bundle lacks is shown by its key."""
    lang = language()
    return {r.key: r.label.text(lang) for r in bundle.roles}
