"""Every edit the entity and form designers make, as a pure function ``Bundle -> Bundle``.

An edit either returns a complete new bundle that passed the model's validation, or raises
``EditError`` (a ``StudioError``) naming the property it is about; it never returns something
half-changed, so the draft is only ever written whole (see ``studio.draft_save``). The GUI's undo
stack keeps the bundles before and after each edit.

``live`` is the bundle that is live on the CRM server (``None`` before the first release): keys
found there are released, and records are stored under them, so they cannot be renamed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from studio.bundle import (
    NUMERIC_TYPES,
    SELECT_TYPES,
    Bundle,
    Entity,
    FieldDef,
    FieldType,
    Label,
    Option,
    Validation,
)
from studio.edit_base import (
    entity_of,
    field_of,
    is_released,
    rebuild,
    with_entity,
)
from studio.edit_checks import (
    EditError,
    ReleasedKeyError,
    check_bound,
    check_key,
    check_label,
    check_max_length,
    check_regex,
)
from studio.form_edits import (
    FormKind,
    add_form,
    add_section,
    move_placement,
    place_field,
    remove_placement,
    set_placement,
    set_read_only,
)
from studio.values import TEXTUAL_TYPES, check_value, describe, is_empty

__all__ = [
    "FIELD_PROPS",
    "EditError",
    "FormKind",
    "ReleasedKeyError",
    "add_entity",
    "add_field",
    "add_form",
    "add_section",
    "is_released",
    "move_field",
    "move_placement",
    "place_field",
    "remove_field",
    "remove_placement",
    "rename_field",
    "set_placement",
    "set_read_only",
    "update_field",
]


#: What ``update_field`` accepts.
FIELD_PROPS = frozenset(
    {
        "key",
        "label_zh",
        "label_en",
        "type",
        "required",
        "default",
        "backfill",
        "unique",
        "searchable",
        "sensitive",
        "max_length",
        "options",
        "regex",
        "min",
        "max",
        "reference",
        "address_part",
        "deprecated",
        "hidden",
    }
)
#: The one type change that keeps a released field's stored values readable.
_TEXT_WIDENING = {FieldType.text, FieldType.long_text}
#: Changes after which the default and backfill value are checked again.
_CONSTRAINTS = frozenset({"type", "options", "regex", "min", "max", "max_length", "reference"})
_FLAGS = ("required", "unique", "searchable", "sensitive", "deprecated", "hidden")
_ADDRESS_PARTS = ("province", "city", "district", "street", "full")


def add_entity(bundle: Bundle, key: str, label_zh: str, label_en: str) -> Bundle:
    """A new entity with no fields and no forms, at the end of the list."""
    key = check_key(key, "entity")
    if bundle.entity(key) is not None:
        raise EditError("key", "There is already an entity {key}.", "已存在实体 {key}。", key=key)
    if key in ("user", "team"):
        raise EditError(
            "key",
            "{key} is reserved for the CRM's own users and teams.",
            "{key} 保留给 CRM 自身的用户和团队。",
            key=key,
        )
    label = Label(zh_CN=check_label(label_zh, "zh_CN"), en=check_label(label_en, "en"))
    entity = Entity(key=key, label=label)
    return rebuild(bundle, "entity", entities=(*bundle.entities, entity))


def add_field(
    bundle: Bundle,
    entity: str,
    key: str,
    label_zh: str,
    label_en: str,
    type: FieldType | str,
    *,
    index: int | None = None,
    **props: Any,
) -> Bundle:
    """A new field (at ``index``, else at the end); ``props`` as for ``update_field``."""
    ent = entity_of(bundle, entity)
    key = check_key(key, "field")
    if ent.field(key) is not None:
        raise EditError(
            "key",
            "{entity} already has a field {key}; field keys must be unique.",
            "{entity} 已有字段 {key}；字段键必须唯一。",
            entity=entity,
            key=key,
        )
    ftype = _field_type(type)
    reference = props.pop("reference", None)
    if ftype == FieldType.reference:
        reference = _check_reference(bundle, reference)
    fd = FieldDef(
        key=key,
        label=Label(zh_CN=check_label(label_zh, "zh_CN"), en=check_label(label_en, "en")),
        type=ftype,
        reference=reference,
    )
    fd = _updated_field(bundle, fd, props, released=False)
    fields = list(ent.fields)
    fields.insert(len(fields) if index is None else max(0, min(index, len(fields))), fd)
    return with_entity(bundle, rebuild(ent, "key", fields=tuple(fields)))


def update_field(
    bundle: Bundle,
    entity: str,
    field: str,
    changes: Mapping[str, Any],
    *,
    live: Bundle | None = None,
) -> Bundle:
    """The field with ``changes`` (names from ``FIELD_PROPS``) applied, checked as a whole.

    Properties the new type does not have are dropped (options of a field that is no longer a
    select, a regex on a number...), and so is a default the new type cannot hold.
    """
    unknown = sorted(set(changes) - FIELD_PROPS)
    if unknown:
        raise EditError(
            unknown[0], "Unknown field property {p}.", "未知的字段属性 {p}。", p=unknown[0]
        )
    ent = entity_of(bundle, entity)
    fd = field_of(ent, field)
    changes = dict(changes)
    new_key = changes.pop("key", field)
    if new_key != field:
        bundle = rename_field(bundle, entity, field, new_key, live=live)
        ent = entity_of(bundle, entity)
        fd = field_of(ent, new_key)
    if not changes:
        return bundle
    updated = _updated_field(bundle, fd, changes, released=is_released(live, entity, fd.key))
    if updated == fd:
        return bundle
    fields = tuple(updated if f.key == fd.key else f for f in ent.fields)
    return with_entity(bundle, rebuild(ent, "field", fields=fields))


def _field_type(value: FieldType | str) -> FieldType:
    try:
        return FieldType(value)
    except ValueError:
        raise EditError(
            "type", "Unknown field type {t}.", "未知的字段类型 {t}。", t=str(value)[:40]
        ) from None


def _check_reference(bundle: Bundle, target: object) -> str:
    known = [e.key for e in bundle.entities] + ["user", "team"]
    if not isinstance(target, str) or target not in known:
        raise EditError(
            "reference",
            "A reference field needs a target: one of {known}.",
            "引用字段需要一个目标：{known} 之一。",
            known=", ".join(known),
        )
    return target


def _options(value: object) -> tuple[Option, ...]:
    """Options from ``Option``s, dicts or ``(key, zh, en)`` rows; keys checked and unique."""
    if not isinstance(value, Iterable) or isinstance(value, str | bytes):
        raise EditError("options", "Options must be a list.", "选项必须是列表。")
    out: list[Option] = []
    for item in value:
        if isinstance(item, Option):
            out.append(item)
            continue
        if isinstance(item, Mapping):
            key, label = item.get("key"), item.get("label") or {}
            zh = label.get("zh_CN") if isinstance(label, Mapping) else None
            en = label.get("en") if isinstance(label, Mapping) else None
        elif isinstance(item, Sequence) and len(item) == 3:
            key, zh, en = item
        else:
            raise EditError(
                "options",
                "Each option needs a key, a Chinese and an English label.",
                "每个选项都需要键、中文名称和英文名称。",
            )
        key = check_key(key, "option", prop="options")
        out.append(
            Option(
                key=key,
                label=Label(
                    zh_CN=check_label(zh, "zh_CN", prop="options"),
                    en=check_label(en, "en", prop="options"),
                ),
            )
        )
    keys = [o.key for o in out]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise EditError(
            "options",
            "Option keys must be unique: {keys} appears twice.",
            "选项键必须唯一：{keys} 出现了两次。",
            keys=", ".join(twice),
        )
    return tuple(out)


def _updated_field(
    bundle: Bundle, fd: FieldDef, changes: Mapping[str, Any], *, released: bool
) -> FieldDef:
    update: dict[str, Any] = {}
    if "label_zh" in changes or "label_en" in changes:
        update["label"] = Label(
            zh_CN=check_label(changes.get("label_zh", fd.label.zh_CN), "zh_CN"),
            en=check_label(changes.get("label_en", fd.label.en), "en"),
        )
    for flag in _FLAGS:
        if flag in changes:
            update[flag] = bool(changes[flag])
    ftype = fd.type
    if "type" in changes:
        ftype = _field_type(changes["type"])
        if released and ftype != fd.type and {ftype, fd.type} != _TEXT_WIDENING:
            raise ReleasedKeyError(
                "type",
                "{key} is live on the CRM server and its records hold {old} values; changing "
                "it to {new} would make them unreadable. Add a new field and deprecate this one.",
                "{key} 已在 CRM 服务器上发布，其记录保存的是 {old} 类型的值；改为 {new} 会使这些"
                "值无法读取。请新增一个字段，并将此字段标为弃用。",
                key=fd.key,
                old=fd.type.value,
                new=ftype.value,
            )
        update["type"] = ftype
    # What each type allows; what it does not is dropped rather than left dangling.
    options = _options(changes["options"]) if "options" in changes else fd.options
    if ftype in SELECT_TYPES:
        update["options"] = options
    elif options and "options" in changes:
        raise EditError("options", "Only select fields have options.", "只有选择字段有选项。")
    else:
        update["options"] = ()
    if ftype == FieldType.reference:
        update["reference"] = _check_reference(bundle, changes.get("reference", fd.reference))
    else:
        update["reference"] = None
    if ftype == FieldType.address:
        part = changes.get("address_part", fd.address_part)
        if part is not None and part not in _ADDRESS_PARTS:
            raise EditError(
                "address_part",
                "The address part must be one of {parts}.",
                "地址部分必须是 {parts} 之一。",
                parts=", ".join(_ADDRESS_PARTS),
            )
        update["address_part"] = part
    else:
        update["address_part"] = None
    max_length = check_max_length(changes["max_length"]) if "max_length" in changes else None
    if ftype in TEXTUAL_TYPES:
        update["max_length"] = max_length if "max_length" in changes else fd.max_length
    else:
        update["max_length"] = None
    update["validation"] = _validation(fd, ftype, changes)
    candidate = rebuild(fd, "type", **update)
    type_changed = candidate.type != fd.type
    for prop in ("default", "backfill"):
        value = changes[prop] if prop in changes else getattr(fd, prop)
        if is_empty(value):
            value = None
        elif prop not in changes and type_changed and check_value(_optional(candidate), value):
            value = None  # an old default the new type cannot hold goes with the old type
        elif prop in changes or not _CONSTRAINTS.isdisjoint(changes):
            # A label edit is not refused over an old default that no longer fits: the rules
            # report that one, at the field, with a fix.
            _check_default(candidate, prop, value)
        update[prop] = value
    return rebuild(fd, "default", **update)


def _optional(fd: FieldDef) -> FieldDef:
    return fd.model_copy(update={"required": False})


def _check_default(fd: FieldDef, prop: str, value: Any) -> None:
    try:
        problems = check_value(_optional(fd), value)
    except Exception as exc:  # a value the checker cannot even look at is not a valid default
        problems = [str(exc) or type(exc).__name__]
    if problems:
        raise EditError(
            prop,
            "The {what} {value} does not fit {field}: {why}",
            "{what_zh} {value} 不符合字段 {field} 的要求：{why}",
            what="default" if prop == "default" else "backfill value",
            what_zh="默认值" if prop == "default" else "回填值",
            value=describe(value),
            field=fd.key,
            why="; ".join(problems),
        )


def _validation(fd: FieldDef, ftype: FieldType, changes: Mapping[str, Any]) -> Validation | None:
    old = fd.validation or Validation()
    regex = check_regex(changes["regex"]) if "regex" in changes else old.regex
    low = check_bound(changes["min"], "min") if "min" in changes else old.min
    high = check_bound(changes["max"], "max") if "max" in changes else old.max
    if ftype not in TEXTUAL_TYPES:
        if "regex" in changes and regex is not None:
            raise EditError(
                "regex",
                "Only text fields (text, long text, phone, email, URL, address) have a pattern.",
                "只有文本类字段（文本、长文本、电话、邮箱、网址、地址）可以设置正则表达式。",
            )
        regex = None
    if ftype not in NUMERIC_TYPES:
        if ("min" in changes and low is not None) or ("max" in changes and high is not None):
            raise EditError(
                "min" if low is not None else "max",
                "Only number and money fields have a minimum and maximum.",
                "只有数字和金额字段可以设置最小值和最大值。",
            )
        low = high = None
    if low is not None and high is not None and low > high:
        raise EditError(
            "min",
            "The minimum ({low:g}) is greater than the maximum ({high:g}).",
            "最小值（{low:g}）大于最大值（{high:g}）。",
            low=low,
            high=high,
        )
    if regex is None and low is None and high is None:
        return None
    return Validation(regex=regex, min=low, max=high)


def rename_field(
    bundle: Bundle, entity: str, field: str, new_key: str, *, live: Bundle | None = None
) -> Bundle:
    """The field under a new key, with its placements and permissions following it.

    Refused (``ReleasedKeyError``) when the key is live: the CRM stores records under it.
    """
    ent = entity_of(bundle, entity)
    fd = field_of(ent, field)
    new_key = check_key(new_key, "field")
    if new_key == field:
        return bundle
    if is_released(live, entity, field):
        raise ReleasedKeyError(
            "key",
            "The key {key} is already live on the CRM server: existing {entity} records store "
            "their values under it, so it cannot be renamed. Change its labels instead (what "
            "people see), or add a new field and deprecate this one.",
            "键 {key} 已在 CRM 服务器上发布：现有的 {entity} 记录都以它保存数据，因此不能改名。"
            "请改为修改显示名称，或新增一个字段并将此字段标为弃用。",
            key=field,
            entity=entity,
        )
    if ent.field(new_key) is not None:
        raise EditError(
            "key",
            "{entity} already has a field {key}; field keys must be unique.",
            "{entity} 已有字段 {key}；字段键必须唯一。",
            entity=entity,
            key=new_key,
        )
    renamed = rebuild(fd, "key", key=new_key)
    fields = tuple(renamed if f.key == field else f for f in ent.fields)
    forms = tuple(
        rebuild(
            form,
            "form",
            sections=tuple(
                rebuild(
                    s,
                    "form",
                    placements=tuple(
                        rebuild(p, "form", field=new_key) if p.field == field else p
                        for p in s.placements
                    ),
                )
                for s in form.sections
            ),
        )
        for form in ent.forms
    )
    perms = tuple(
        rebuild(p, "key", field=new_key) if p.entity == entity and p.field == field else p
        for p in bundle.field_permissions
    )
    new_entity = rebuild(ent, "key", fields=fields, forms=forms)
    entities = tuple(new_entity if e.key == entity else e for e in bundle.entities)
    return rebuild(bundle, "key", entities=entities, field_permissions=perms)


def move_field(bundle: Bundle, entity: str, field: str, index: int) -> Bundle:
    """The field moved to position ``index`` (clamped) in its entity's field list."""
    ent = entity_of(bundle, entity)
    fd = field_of(ent, field)
    fields = [f for f in ent.fields if f.key != field]
    fields.insert(max(0, min(index, len(fields))), fd)
    if tuple(fields) == ent.fields:
        return bundle
    return with_entity(bundle, rebuild(ent, "field", fields=tuple(fields)))


def remove_field(bundle: Bundle, entity: str, field: str, *, live: Bundle | None = None) -> Bundle:
    """Remove a field that was never released (with its placements and permissions)."""
    ent = entity_of(bundle, entity)
    field_of(ent, field)
    if is_released(live, entity, field):
        raise ReleasedKeyError(
            "key",
            "{key} is live on the CRM server and records hold values for it; mark it "
            "deprecated or hidden instead of removing it.",
            "{key} 已在 CRM 服务器上发布，记录中保存了它的值；请将其标为弃用或隐藏，而不是删除。",
            key=field,
        )
    forms = tuple(
        rebuild(
            form,
            "form",
            sections=tuple(
                rebuild(s, "form", placements=tuple(p for p in s.placements if p.field != field))
                for s in form.sections
            ),
        )
        for form in ent.forms
    )
    fields = tuple(f for f in ent.fields if f.key != field)
    new_entity = rebuild(ent, "field", fields=fields, forms=forms)
    entities = tuple(new_entity if e.key == entity else e for e in bundle.entities)
    perms = tuple(
        p for p in bundle.field_permissions if not (p.entity == entity and p.field == field)
    )
    return rebuild(bundle, "field", entities=entities, field_permissions=perms)
