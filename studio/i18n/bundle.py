"""Messages of the bundle itself: a value against its field (``studio.bundle.values``) and the
diff as lines a person reads (``studio.bundle.diff``), with the words the diff looks up.
"""

from __future__ import annotations

from studio.i18n import Message
from studio.i18n.catalogue import feature

MESSAGES = feature(
    "bundle",
    {
        # studio/bundle/values.py
        "This field is required.": "此项为必填项。",
        "The value could not be checked: {reason}": "无法检查该值：{reason}",
        "{value} is not a number.": "{value} 不是数字。",
        "The value must be at least {min}.": "该值不能小于 {min}。",
        "The value must be at most {max}.": "该值不能大于 {max}。",
        "{value} is not a date (use YYYY-MM-DD).": "{value} 不是日期（请使用 YYYY-MM-DD 格式）。",
        "{value} is not a date and time (use YYYY-MM-DD HH:MM:SS).": (
            "{value} 不是日期时间（请使用 YYYY-MM-DD HH:MM:SS 格式）。"
        ),
        "{value} is not yes/no (true or false).": "{value} 不是“是/否”（true 或 false）。",
        "{value} is not a record reference.": "{value} 不是记录引用。",
        "{value} is not text.": "{value} 不是文本。",
        "{value} is not one of the options.": "{value} 不是可选项之一。",
        "{value} is not a list of options.": "{value} 不是选项列表。",
        "The field has no options to choose from.": "该字段没有可选项。",
        "{value} is not one of the options ({options}).": "{value} 不是可选项之一（{options}）。",
        "An option is chosen twice.": "同一选项被选择了两次。",
        "{value} is not a valid phone number.": "{value} 不是有效的电话号码。",
        "{value} is not a valid email address.": "{value} 不是有效的邮箱地址。",
        "{value} is not a web address (http:// or https://).": (
            "{value} 不是网址（需以 http:// 或 https:// 开头）。"
        ),
        "The text is {length} characters long; at most {max} are allowed.": (
            "文本长度为 {length} 个字符，最多允许 {max} 个。"
        ),
        "The field's validation pattern is invalid ({reason}); fix it in the designer.": (
            "该字段的校验正则表达式无效（{reason}），请在设计器中修正。"
        ),
        "{value} does not match the pattern {pattern}.": "{value} 不符合格式 {pattern}。",
        "{value} is not in the expected form: {hint}": "{value} 格式不正确，应为：{hint}",
        # words looked up through the helpers below
        "hidden": "隐藏",
        "yes": "是",
        "no": "否",
        "Roles:": "角色：",
        "Users:": "用户：",
        "Approvers:": "审批人：",
        "Thresholds:": "阈值：",
        "Approval policy:": "审批策略：",
        "added": "新增",
        "removed": "删除",
        "changed": "修改",
        "create": "新建",
        "read": "查看",
        "update": "编辑",
        "delete": "删除",
        "edit": "可编辑",
        "none": "无",
        # field types, looked up by type_name below
        "text": "文本",
        "long text": "长文本",
        "number": "数字",
        "money": "金额",
        "date": "日期",
        "date and time": "日期时间",
        "yes/no": "是/否",
        "single choice": "单选",
        "multiple choice": "多选",
        "phone": "电话",
        "email": "邮箱",
        "URL": "网址",
        "address": "地址",
        "reference": "引用",
        # the parts of an address field, looked up by address_part_name below
        "province": "省",
        "city": "市",
        "district": "区县",
        "street": "街道",
        "full address": "完整地址",
        # studio/bundle/diff.py
        "No changes against the live version.": "与线上版本相比没有变更。",
        "Permissions:": "权限：",
        "Automation rules changed.": "自动化规则有变更。",
        "+ entity {name}": "+ 新增实体 {name}",
        "- entity {name}": "- 删除实体 {name}",
        "~ entity {name}": "~ 实体 {name}",
        "    label: {before} -> {after}": "    名称：{before} -> {after}",
        "    + field {name} [{type}]": "    + 新增字段 {name} [{type}]",
        "    - field {name}": "    - 删除字段 {name}",
        "    ~ field {key}": "    ~ 修改字段 {key}",
        "    field order changed": "    字段顺序已调整",
        "    form {key}: {status}": "    表单 {key}：{status}",
        "        placed: {fields}": "        加入表单：{fields}",
        "        removed from form: {fields}": "        移出表单：{fields}",
    },
)


def _word(words: dict[str, Message], value: str | None) -> str:
    message = words.get(value or "none")
    return str(message) if message is not None else str(value)


_OPERATIONS = {
    "create": Message("create"),
    "read": Message("read"),
    "update": Message("update"),
    "delete": Message("delete"),
}
_ACCESS = {
    "none": Message("none"),
    "hidden": Message("hidden"),
    "masked": Message("masked"),
    "read": Message("read"),
    "edit": Message("edit"),
}
_STATUS = {
    "added": Message("added"),
    "removed": Message("removed"),
    "changed": Message("changed"),
}


_TYPES = {
    "text": Message("text"),
    "long_text": Message("long text"),
    "number": Message("number"),
    "money": Message("money"),
    "date": Message("date"),
    "datetime": Message("date and time"),
    "boolean": Message("yes/no"),
    "select": Message("single choice"),
    "multi_select": Message("multiple choice"),
    "phone": Message("phone"),
    "email": Message("email"),
    "url": Message("URL"),
    "address": Message("address"),
    "reference": Message("reference"),
}


def type_name(field_type: str) -> str:
    """A field type (``text``, ``multi_select``...) in the current language; anything else as
    it is. The type's key stays what the bundle, exports and the CLI say."""
    return _word(_TYPES, str(field_type))


_ADDRESS_PARTS = {
    "province": Message("province"),
    "city": Message("city"),
    "district": Message("district"),
    "street": Message("street"),
    "full": Message("full address"),
}


def address_part_name(part: str) -> str:
    """The part of an address a field holds (``province``, ``city``...) in the current language;
    anything else as it is."""
    return _word(_ADDRESS_PARTS, part)


def operation_name(op: str) -> str:
    """An entity permission (``create``/``read``/``update``/``delete``) in the current language;
    anything else as it is."""
    return _word(_OPERATIONS, op)


def access_name(access: str | None) -> str:
    """A field permission (``None``/``none``, ``hidden``, ``read``, ``edit``) in the current language."""
    return _word(_ACCESS, access)


def status_name(status: str) -> str:
    """What happened to a part in a diff (``added``/``removed``/``changed``) in the current language."""
    return _word(_STATUS, status)
