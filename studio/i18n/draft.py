"""Messages of the draft editors: what the designers, the CLI and the fixes refuse to change.

Shown next to the input the message is about (``EditError.prop``) or as the CLI's error.
"""

from __future__ import annotations

from studio.i18n import N_, tr
from studio.i18n.catalogue import Counted, feature

MESSAGES = feature(
    "draft",
    {
        # the edits' names (``Operation.text()``), as the undo menu and the reload bar say them
        "add role": "添加角色",
        "add team": "添加团队",
        "add user": "添加用户",
        "copy a role": "复制角色",
        "delete team": "删除团队",
        "delete user": "删除用户",
        "disable or enable user": "停用或启用用户",
        "hand over a leaver": "交接离职人员",
        "import the permission matrices": "导入权限矩阵",
        "remove role": "删除角色",
        "remove user": "移除用户",
        "rename a role": "重命名角色",
        "rename team": "重命名团队",
        "rename user": "重命名用户",
        "set actions and scopes": "设置操作和范围",
        "set entity permission": "设置实体权限",
        "set field permission": "设置字段权限",
        "set field permissions": "设置字段权限",
        "set policy": "设置审批策略",
        "set team members": "设置团队成员",
        "set thresholds": "设置阈值",
        "set user role": "设置用户角色",
        "update field": "修改字段",
        "add field": "添加字段",
        "remove field": "删除字段",
        "move field": "移动字段",
        "place field": "放置字段",
        "move placement": "移动表单字段",
        "remove placement": "从表单移除字段",
        "fix permission findings": "修复权限问题",
        # studio/draft/rebase.py
        "The other person changed the same part.": "对方也修改了同一处。",
        "The other person's draft no longer allows it.": "对方的草稿已不允许此修改。",
        # studio/draft/edit_base.py
        "This change is not valid: {why}": "此修改无效：{why}",
        "There is no entity {key}.": "没有实体 {key}。",
        "{entity} has no field {key}.": "{entity} 没有字段 {key}。",
        "{entity} has no form {key}.": "{entity} 没有表单 {key}。",
        # studio/draft/edit_checks.py
        "The {what} key is empty.": "{what}键不能为空。",
        "The {what} key is longer than {n} characters.": "{what}键超过 {n} 个字符。",
        (
            "The {what} key “{key}” must be ASCII snake_case: lower-case letters a-z, digits and "
            "_, starting with a letter (e.g. customs_code)."
        ): (
            "{what}键“{key}”必须是 ASCII 小写下划线格式：小写字母 a-z、数字和 _，以字母开头（例如 customs_code）。"
        ),
        "The {which} label is empty.": "{which}名称不能为空。",
        "The {which} label has {n} characters; at most {max} are allowed.": (
            "{which}名称有 {n} 个字符，最多允许 {max} 个。"
        ),
        "The pattern must be text.": "正则表达式必须是文本。",
        "The pattern is longer than 1000 characters.": "正则表达式超过 1000 个字符。",
        "A hint says in words what the pattern accepts: give the pattern first.": (
            "提示是用文字说明格式要求的：请先填写格式（正则表达式）。"
        ),
        "The hint is shown in both languages: give it in {which} too.": (
            "提示会以两种语言显示：请同时填写{which}提示。"
        ),
        "The bound must be a finite number.": "边界必须是有限的数字。",
        "The maximum length must be between 1 and 1,000,000.": "最大长度必须在 1 到 1,000,000 之间。",
        (
            "The {which} label contains an emoji ({ch}); exports to Excel/GBK and many CRM "
            "clients cannot store emoji. Please use words."
        ): (
            "{which}名称包含表情符号（{ch}）；导出到 Excel/GBK 和许多 CRM 客户端无法保存表情符号，请使用文字。"
        ),
        (
            "The {which} label contains right-to-left text or an invisible direction mark "
            "(U+{cp:04X}); it would reorder the text in tables. Please remove it."
        ): (
            "{which}名称包含从右到左的文字或不可见的方向控制符（U+{cp:04X}），会打乱表格中文字的顺序，请删除。"
        ),
        "The {which} label contains a control character (U+{cp:04X}).": (
            "{which}名称包含控制字符（U+{cp:04X}）。"
        ),
        "The pattern “{p}” is not a valid regular expression: {why}.": "正则表达式“{p}”无效：{why}。",
        # studio/draft/regex_errors.py
        "a [ is not closed with ]": "“[”没有对应的“]”",
        "a ( is not closed with )": "“(”没有对应的“)”",
        "a ) has no ( before it": "“)”前面没有对应的“(”",
        "*, + or ? follows nothing it could repeat": "“*”“+”或“?”前面没有可重复的内容",
        "two repeats follow each other (such as ** or +*)": "两个重复符号连在一起（例如 ** 或 +*）",
        "a backslash \\ is followed by a letter it cannot escape": "反斜杠“\\”后面的字母无法转义",
        "a range inside [ ] runs backwards (such as z-a)": "“[ ]”中的范围顺序颠倒（例如 z-a）",
        "something is missing": "缺少内容",
        "it is too deeply nested or too large": "嵌套过深或过大",
        "Python says: {detail}": "Python 的说明：{detail}",
        "{what} (at character {pos})": "{what}（第 {pos} 个字符处）",
        "“{v}” is not a number.": "“{v}”不是数字。",
        "The maximum length must be a whole number.": "最大长度必须是整数。",
        "field": "字段",
        "entity": "实体",
        "form": "表单",
        "section": "分区",
        "Chinese": "中文",
        "English": "英文",
        # studio/draft/edits.py
        "There is already an entity {key}.": "已存在实体 {key}。",
        "{key} is reserved for the CRM's own users and teams.": "{key} 保留给 CRM 自身的用户和团队。",
        "{entity} already has a field {key}; field keys must be unique.": (
            "{entity} 已有字段 {key}；字段键必须唯一。"
        ),
        "Unknown field property {p}.": "未知的字段属性 {p}。",
        (
            "The key {key} is already live on the CRM server: existing {entity} records store "
            "their values under it, so it cannot be renamed. Change its labels instead (what "
            "people see), or add a new field and deprecate this one."
        ): (
            "键 {key} 已在 CRM 服务器上发布：现有的 {entity} 记录都以它保存数据，因此不能改名。请改为修改显示名称，或新增一个字段并将此字段标为弃用。"
        ),
        (
            "{key} is live on the CRM server and records hold values for it; mark it deprecated "
            "or hidden instead of removing it."
        ): ("{key} 已在 CRM 服务器上发布，记录中保存了它的值；请将其标为弃用或隐藏，而不是删除。"),
        # studio/draft/field_props.py
        "A reference field needs a target: one of {known}.": "引用字段需要一个目标：{known} 之一。",
        "Options must be a list.": "选项必须是列表。",
        "Option keys must be unique: {keys} appears twice.": "选项键必须唯一：{keys} 出现了两次。",
        "The {what} {value} does not fit {field}: {why}": "{what} {value} 不符合字段 {field} 的要求：{why}",
        "The minimum ({low:g}) is greater than the maximum ({high:g}).": (
            "最小值（{low:g}）大于最大值（{high:g}）。"
        ),
        "Unknown field type {t}.": "未知的字段类型 {t}。",
        (
            "{key} is live on the CRM server and its records hold {old} values; changing it to "
            "{new} would make them unreadable. Add a new field and deprecate this one."
        ): (
            "{key} 已在 CRM 服务器上发布，其记录保存的是 {old} 类型的值；改为 {new} 会使这些值无法读取。请新增一个字段，并将此字段标为弃用。"
        ),
        "Only select fields have options.": "只有选择字段有选项。",
        "The address part must be one of {parts}.": "地址部分必须是 {parts} 之一。",
        "Only text fields (text, long text, phone, email, URL, address) have a pattern.": (
            "只有文本类字段（文本、长文本、电话、邮箱、网址、地址）可以设置正则表达式。"
        ),
        "Only number and money fields have a minimum and maximum.": "只有数字和金额字段可以设置最小值和最大值。",
        "Each option needs a key, a Chinese and an English label.": "每个选项都需要键、中文名称和英文名称。",
        "default": "默认值",
        "backfill value": "回填值",
        # studio/draft/form_edits.py
        "The form has no section {key}.": "表单没有分区 {key}。",
        "{entity} already has a form {key}.": "{entity} 已有表单 {key}。",
        "A form is for create, edit or mobile.": "表单类型必须是 create、edit 或 mobile。",
        "This form already has a section {key}.": "此表单已有分区 {key}。",
        "A section has 1 to 4 columns.": "分区的列数为 1 到 4。",
        "{key} is not on this form.": "{key} 不在此表单上。",
        "This section has {n} columns.": Counted(
            one="This section has {n} column.", zh_CN="此分区有 {n} 列。"
        ),
        # studio/draft/save.py
        (
            "Someone else changed the draft after you opened it ({detail}). Your edit was not "
            "saved and theirs was not overwritten. Reload the draft, then make your edit again."
        ): (
            "草稿在您打开后已被他人修改（{detail}）。您的修改没有保存，对方的修改也没有被覆盖。请重新载入草稿后再修改。"
        ),
        # widgets/entities/document.py: an edit after a conflict is refused
        (
            "Someone else changed the draft after you opened it, so your edits since then are "
            "not saved. Reload the draft from the red bar: your edits can be made again on it."
        ): (
            "草稿在您打开后已被他人修改，您此后的修改都没有保存。请在红色提示栏中重新载入草稿：您的修改可以在新草稿上重新应用。"
        ),
        # studio/draft/store.py
        "the draft was changed by {user} (revision {revision}, you edited {expected})": (
            "草稿已被 {user} 修改（版本 {revision}，您编辑的是版本 {expected}）"
        ),
        "someone else": "他人",
        # the draft as one document (operations, saves)
        "The draft changed since this edit; it cannot be undone.": "此修改之后草稿已变化，无法撤销。",
        "There is no role {key}.": "没有角色 {key}。",
        "Access must be hidden, masked, read or edit.": "权限必须是 hidden、masked、read 或 edit。",
        "There is already a role {key}.": "已存在角色 {key}。",
        "{users} still hold the role {key}; give them another role first.": "{users} 仍持有角色 {key}；请先为他们换一个角色。",
        "There is no user {key}.": "没有用户 {key}。",
        "There is already a user {key}.": "已存在用户 {key}。",
        "Someone else changed the draft after you opened it. Your edit was not saved and theirs was not overwritten. Reload the draft, then make your edit again.": "草稿在您打开后已被他人修改。您的修改没有保存，对方的修改也没有被覆盖。请重新载入草稿后再修改。",
    },
)


#: The core's edit names (``Operation.text()``: kept in English in the audit log), said in
#: the person's language by ``edit_name``.
_EDIT_NAMES = frozenset(
    (
        N_("add role"),
        N_("add team"),
        N_("add user"),
        N_("copy a role"),
        N_("delete team"),
        N_("delete user"),
        N_("disable or enable user"),
        N_("hand over a leaver"),
        N_("import the permission matrices"),
        N_("remove role"),
        N_("remove user"),
        N_("rename a role"),
        N_("rename team"),
        N_("rename user"),
        N_("set actions and scopes"),
        N_("set entity permission"),
        N_("set field permission"),
        N_("set field permissions"),
        N_("set policy"),
        N_("set team members"),
        N_("set thresholds"),
        N_("set user role"),
        N_("update field"),
        N_("add field"),
        N_("remove field"),
        N_("move field"),
        N_("place field"),
        N_("move placement"),
        N_("remove placement"),
        N_("fix permission findings"),
    )
)


def edit_name(text: str) -> str:
    """An edit's name as the person reads it: a core operation's in the current language; a
    name the widgets gave (already translated) as it is."""
    return tr(text) if text in _EDIT_NAMES else text
