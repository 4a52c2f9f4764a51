"""Messages of the lint rules' findings and their one-click fixes (``studio.lint``)."""

from __future__ import annotations

from studio.i18n.catalogue import Counted, feature

MESSAGES = feature(
    "lint",
    {
        # studio/lint/__init__.py: a rule that crashed (a bug) becomes a finding
        "rule {rule} failed: {error}": "规则 {rule} 出错：{error}",
        # studio/lint/fixes.py
        "Unknown fix {action}.": "未知的修复操作 {action}。",
        "The fix cannot be applied: {reason}": "无法应用该修复：{reason}",
        "Entity {entity} no longer exists.": "实体 {entity} 已不存在。",
        "Field {entity}.{field} no longer exists.": "字段 {entity}.{field} 已不存在。",
        "Form {entity}.{form} no longer exists.": "表单 {entity}.{form} 已不存在。",
        "This fix needs a value: enter one first.": "该修复需要一个值，请先输入。",
        # studio/lint/required_defaults.py
        "Set the default of {field} to {value}": "将 {field} 的默认值设为 {value}",
        "Set a default value for {field}": "为 {field} 设置默认值",
        "{n} existing records": Counted(one="{n} existing record", zh_CN="现有的 {n} 条记录"),
        "the existing records": "现有记录",
        (
            "Required field {field} has no default and no backfill value: {records} of {entity} "
            "have no value for it, so every save of one of them would fail. Give it a default or "
            "a backfill value."
        ): (
            "必填字段 {field} 既没有默认值也没有回填值：{entity} 的{records}没有该字段的值，保存其中任何一条都会失败。请为它设置默认值或回填值。"
        ),
        (
            "Required field {field} has no default and form {form} does not show it: nobody can "
            "save a record with that form. Show it on the form or give it a default."
        ): (
            "必填字段 {field} 没有默认值，而表单 {form} 中没有显示它：用该表单将无法保存任何记录。请将它加到表单上，或为它设置默认值。"
        ),
        (
            "Required field {field} has no default and is read-only on form {form}: nobody can "
            "fill it in there. Make it editable or give it a default."
        ): (
            "必填字段 {field} 没有默认值，而在表单 {form} 中是只读的：在该表单中无人能填写它。请将它设为可编辑，或为它设置默认值。"
        ),
        (
            "Required field {field} is hidden or deprecated and has no default: no one sees it, "
            "so no record can be saved. Make it optional or give it a default."
        ): (
            "必填字段 {field} 已隐藏或停用，且没有默认值：没有人能看到它，因此无法保存任何记录。请将它改为非必填，或为它设置默认值。"
        ),
        "Show {field} on form {form}": "在表单 {form} 中显示 {field}",
        "Make {field} editable on form {form}": "在表单 {form} 中将 {field} 设为可编辑",
        "Make {field} optional": "将 {field} 改为非必填",
        (
            "Role {role} may create {entity} records but may not edit required field {field} "
            "({access}), which has no default: that role can never save. Let the role edit it or "
            "give the field a default."
        ): (
            "角色 {role} 可以新建{entity}记录，却不能编辑没有默认值的必填字段 "
            "{field}（{access}）：该角色永远无法保存。请允许该角色编辑此字段，或为字段设置默认值。"
        ),
        "read-only": "只读",
        "Let {role} edit {field}": "允许 {role} 编辑 {field}",
        (
            "Field {field} was optional and is now required; how many records have no value is "
            "unknown (no server statistics)."
        ): ("字段 {field} 由非必填改为必填；尚不清楚有多少记录缺少该值（没有服务器统计数据）。"),
        "Field {field} was optional and is now required; every record has a value.": (
            "字段 {field} 由非必填改为必填；所有记录都已有值。"
        ),
        (
            "Field {field} was optional and is now required: {n} records have no value and would violate it."
        ): (
            Counted(
                one="Field {field} was optional and is now required: {n} record has no value and would violate it.",
                zh_CN="字段 {field} 由非必填改为必填：有 {n} 条记录没有值，将不满足该要求。",
            )
        ),
        "They will get the backfill (or default) value.": "这些记录将被填入回填值（或默认值）。",
        # studio/lint/field_values.py
        "The default {value} of {field} does not fit the field: {problems}": (
            "{field} 的默认值 {value} 不符合字段要求：{problems}"
        ),
        "The backfill value {value} of {field} does not fit the field: {problems}": (
            "{field} 的回填值 {value} 不符合字段要求：{problems}"
        ),
        "Remove the default of {field}": "删除 {field} 的默认值",
        "Remove the backfill value of {field}": "删除 {field} 的回填值",
        "The minimum of {field} ({min}) is above its maximum ({max}): no value can pass.": (
            "{field} 的最小值（{min}）大于最大值（{max}）：任何值都无法通过校验。"
        ),
        "Field {field} is not a number field, so its minimum and maximum are never used.": (
            "字段 {field} 不是数字字段，其最小值和最大值不会生效。"
        ),
        "The validation pattern of {field} is not a valid regular expression: {reason}.": (
            "{field} 的校验规则不是有效的正则表达式：{reason}。"
        ),
        "Select field {field} has no options: nothing can be chosen. Add options.": (
            "选择字段 {field} 没有任何选项，无从选择。请添加选项。"
        ),
        (
            "Deprecated field {field} still has a default: new records keep getting a value "
            "nobody sees. Remove the default."
        ): ("已停用的字段 {field} 仍有默认值：新记录会不断得到一个无人能看到的值。请删除默认值。"),
        "Field {field} is not a text field, so its validation pattern is never used.": (
            "字段 {field} 不是文本字段，其校验正则不会生效。"
        ),
        (
            "Field {field} is placed in column {column} of section {section} on form {form}, which has only {n} columns."
        ): (
            Counted(
                one="Field {field} is placed in column {column} of section {section} on form {form}, which has only {n} column.",
                zh_CN="字段 {field} 被放在表单 {form} 的分区 {section} 的第 {column} 列，而该分区只有 {n} 列。",
            )
        ),
        "Deprecated field {field} is still on form {form}.": "已停用的字段 {field} 仍在表单 {form} 上。",
        (
            "Unique field {field} has a default: the second record that keeps it cannot be "
            "saved. Remove the default."
        ): ("唯一字段 {field} 设有默认值：第二条保留该默认值的记录将无法保存。请删除默认值。"),
        (
            "Unique field {field} has a backfill value: every record without a value would get "
            "the same one, which breaks uniqueness. Remove the backfill value."
        ): (
            "唯一字段 {field} 设有回填值：所有缺少该值的记录都会得到同一个值，违反唯一性。请删除回填值。"
        ),
        # studio/lint/released_keys.py
        (
            "Entity {entity} is live but missing from the draft: its records would be orphaned. "
            "Released keys are stable; restore it."
        ): (
            "实体 {entity} 已在线上发布，但草稿中缺少它：其记录将失去归属。已发布的键不可更改，请恢复它。"
        ),
        (
            "Field {field} is live but missing from the draft (removed or renamed): its data "
            "would be orphaned. Released keys are stable; deprecate or hide the field instead."
        ): (
            "字段 {field} 已在线上发布，但草稿中缺少它（被删除或改名）：其数据将失去归属。已发布的键不可更改，请改为停用或隐藏该字段。"
        ),
        (
            "Field {field} changes type from {before} to {after}: values stored in the CRM may "
            "no longer fit it."
        ): ("字段 {field} 的类型由 {before} 改为 {after}：CRM 中已存的值可能不再符合。"),
        "Restore {field} as deprecated and hidden": "恢复 {field}（设为停用并隐藏）",
    },
)
