"""Messages of the field-index health check: the bundle's red lines (``studio.lint.field_index``),
the live scan (``studio.scan``), ``studio scan`` and its reports."""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "scan",
    {
        # studio/lint/field_index.py
        "Turn search off on {n} field(s) of {entity}, longest first: {fields}": (
            "关闭 {entity} 中 {n} 个字段的搜索（从最长的开始）：{fields}"
        ),
        " and {n} more": " 等另外 {n} 个",
        "{entity} has {count} fields, {over} over the line of {line}: every field is a column of a table that grows slower to change and to index. Deprecate fields nobody fills in, or raise the entity's threshold by an approved change.": (
            "{entity} 有 {count} 个字段，超出红线 {line} 个 {over} 个：每个字段都是表中的一列，表越宽，修改和建索引越慢。请弃用没人填写的字段，或通过审批的变更提高该实体的阈值。"
        ),
        "{entity} has {count} searchable fields, {over} over the line of {line} (warning above {warn}, error above {limit}): each one grows the full-text index, and 47 of them took a CRM down for 72 hours.": (
            "{entity} 有 {count} 个可搜索字段，超出红线 {line} 个 {over} 个（超过 {warn} 个为警告，超过 {limit} 个为错误）：每个可搜索字段都会让全文索引变大，曾有 47 个这样的字段让一套 CRM 停机 72 小时。"
        ),
        "{entity} has {count} searchable long-text field(s) ({fields}): free text in the full-text index grows it with every note written. Search people by short fields (name, mobile, company) instead.": (
            "{entity} 有 {count} 个可搜索的长文本字段（{fields}）：全文索引中的自由文本会随每条备注不断变大。请改用短字段（名称、手机号、公司）搜索。"
        ),
        "{field} is unique and searchable and may hold {length} characters: two indexes on one long column, and MySQL refuses a unique index beyond {max} characters. Give it a max length of at most {max}, or turn search off.": (
            "{field} 既唯一又可搜索，最多可存 {length} 个字符：同一长列上有两个索引，而 MySQL 不允许超过 {max} 个字符的唯一索引。请将最大长度设为不超过 {max}，或关闭搜索。"
        ),
        "unlimited": "不限",
    },
)
