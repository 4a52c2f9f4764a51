"""The zh_CN catalogue of the value checks (``studio.values``) and the field/form rules.

Kept apart from ``studio.i18n`` so that the rule messages (many, and growing with the rules) do
not crowd the core catalogue; ``studio.i18n`` merges this dict into its own.
"""

from __future__ import annotations

ZH_CN: dict[str, str] = {
    # -- studio.values: one value against its field --------------------------------------------
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
    # -- studio.rules.fixes -----------------------------------------------------------------------
    "Unknown fix {action}.": "未知的修复操作 {action}。",
    "The fix cannot be applied: {reason}": "无法应用该修复：{reason}",
    "Entity {entity} no longer exists.": "实体 {entity} 已不存在。",
    "Field {entity}.{field} no longer exists.": "字段 {entity}.{field} 已不存在。",
    "Form {entity}.{form} no longer exists.": "表单 {entity}.{form} 已不存在。",
    "This fix needs a value: enter one first.": "该修复需要一个值，请先输入。",
}
