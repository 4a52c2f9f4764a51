"""Messages of access (issue 14): effective access and its reasons, the permission rules, the
leaver hand-over, the access diff (``studio.access``, ``studio.lint.permissions``)."""

from __future__ import annotations

from studio.i18n import Message
from studio.i18n.catalogue import Counted, feature

MESSAGES = feature(
    "access",
    {
        # words: access levels, actions, scopes
        "masked": "脱敏",
        "archive": "作废",
        "import": "导入",
        "export": "导出",
        "own": "本人的",
        "team": "本团队的",
        "all": "全部",
        # studio/access/effective.py: the reasons
        "{user} is disabled (a leaver keeps their history, not their access)": (
            "{user} 已停用（离职人员保留历史记录，不再有任何权限）"
        ),
        "role {role} has no permission on {entity}": "角色 {role} 对 {entity} 没有任何权限",
        "role {role} is not granted {action}": "角色 {role} 没有“{action}”权限",
        "granted to role {role} on all records": "已授予角色 {role}，范围为全部记录",
        "granted to role {role} on {scope} records": "已授予角色 {role}，范围为{scope}记录",
        "role {role} may not read {entity} records": "角色 {role} 不能查看 {entity} 记录",
        "{access}: the field matrix says edit, but role {role} may not edit {entity} records": (
            "{access}：字段权限为可编辑，但角色 {role} 不能编辑 {entity} 记录"
        ),
        "{access}: set for role {role} in the field matrix": "{access}：字段权限矩阵中为角色 {role} 设置",
        "masked: field is sensitive and role {role} is not in its readers": (
            "脱敏：该字段为敏感字段，角色 {role} 不在其可读角色中"
        ),
        "{access}: role {role} is one of the sensitive field's readers": (
            "{access}：角色 {role} 是该敏感字段的可读角色之一"
        ),
        "{access}: follows role {role}'s permission on {entity}": (
            "{access}：沿用角色 {role} 对 {entity} 的权限"
        ),
        # studio/lint/permissions.py
        (
            "Role {role} may delete {entity} records, which are protected: only admin deletes "
            "them. Let the role archive them instead (hidden, history kept)."
        ): (
            "角色 {role} 可以删除受保护的 {entity} 记录：只有系统管理员可以删除。请改为允许该角色作废记录（隐藏，保留全部历史）。"
        ),
        "Archive instead of delete for {role}": "将 {role} 的删除改为作废",
        "Sensitive field {field} names no readers, so roles {roles} see it. Name the roles that may read it.": (
            "敏感字段 {field} 未指定可读角色，因此角色 {roles} 都能看到它。请指定可以查看它的角色。"
        ),
        (
            "Role {role} can {access} sensitive field {field}, but is not one of its readers "
            "({readers}). Mask it for that role."
        ): (
            "角色 {role} 可以{access}敏感字段 {field}，但不在其可读角色（{readers}）中。请对该角色脱敏。"
        ),
        "Mask {field} for {role}": "对 {role} 脱敏 {field}",
        "{count} users hold admin ({users}); at most {limit} should.": (
            "有 {count} 个用户拥有系统管理员角色（{users}），最多应为 {limit} 个。"
        ),
        (
            "Admin is held by {user}, a generic account name: a shared account outlives the "
            "people who know its password. Give admin to a named person."
        ): (
            "系统管理员角色由通用账号 {user} 持有：共享账号在知道密码的人离开后依然存在。请把管理员角色交给具名的个人。"
        ),
        "{user} is disabled but still an approver: revoke their approver key.": (
            "{user} 已停用，但仍是审批人：请吊销其审批密钥。"
        ),
        (
            "{user} is disabled and {n} records still name them as owner: hand them over to a colleague."
        ): (
            Counted(
                one="{user} is disabled and {n} record still names them as owner: hand it over to a colleague.",
                zh_CN="{user} 已停用，仍有 {n} 条记录的负责人是他/她：请将这些记录移交给同事。",
            )
        ),
        (
            "{user} is disabled and no hand-over of their records is part of the configuration: "
            "records may still name them as owner."
        ): ("{user} 已停用，但配置中没有其记录的移交：可能仍有记录的负责人是他/她。"),
        "No active user holds role {role}.": "没有在职用户持有角色 {role}。",
        "Field {field} is hidden from every role.": "字段 {field} 对所有角色都隐藏。",
        "Role {role} has team scope, but {users} are in no team: they see only their own records.": (
            "角色 {role} 的范围为本团队，但 {users} 不属于任何团队：他们只能看到自己的记录。"
        ),
        (
            "No active user would hold admin: nobody could change permissions any more. Keep "
            "at least one active admin."
        ): ("将没有在职用户持有系统管理员角色：再也无人能修改权限。请至少保留一名在职管理员。"),
        (
            "No active approver would be left for role {role}, which the approval policy "
            "requires: no later change could be approved."
        ): ("审批策略要求的角色 {role} 将没有在职审批人：以后的任何变更都无法获批。"),
        # studio/access/diff.py
        "{role} (no users)": "{role}（无用户）",
        "{role} (1 user: {user})": "{role}（1 名用户：{user}）",
        "{role} ({n} users: {users})": Counted(
            one="{role} ({n} user: {users})", zh_CN="{role}（{n} 名用户：{users}）"
        ),
        "{who} will be able to edit {field}": "{who} 将可以编辑 {field}",
        "{who} will see {field} masked": "{who} 将看到脱敏后的 {field}",
        "{who} will see {field}": "{who} 将可以看到 {field}",
        "{who} will no longer see {field}": "{who} 将不再能看到 {field}",
        "{who} can no longer edit {field}": "{who} 将不再能编辑 {field}",
        "{who} will no longer see {field} masked": "{who} 将不再能看到脱敏后的 {field}",
        "{who} can no longer {action} {entity}": "{who} 将不再能{action}{entity}",
        "{who} will be able to {action} {entity} ({scope} records)": (
            "{who} 将可以{action}{entity}（{scope}记录）"
        ),
        "{who} will {action} {entity}: {before} records -> {after} records": (
            "{who} {action}{entity}的范围：{before}记录 -> {after}记录"
        ),
        "{user} is disabled and loses all access": "{user} 已停用，失去全部权限",
        "{user} is enabled again, as {role}": "{user} 重新启用，角色为 {role}",
        "{user} moves from role {before} to {after}": "{user} 的角色从 {before} 改为 {after}",
        "Access gained and lost:": "权限的增减：",
        # studio/cli/access.py
        "Name a user with --user or a role with --role, and an entity with --entity.": (
            "请用 --user 指定用户或用 --role 指定角色，并用 --entity 指定实体。"
        ),
        "Unknown user, role or entity: {key}": "未知的用户、角色或实体：{key}",
        "{who} on {entity} (role {role}):": "{who} 对 {entity} 的权限（角色 {role}）：",
        # studio/access/role_ops.py
        "{action}/{scope} is not an action with a scope (own, team or all).": (
            "{action}/{scope} 不是有效的操作与范围（范围须为 own、team 或 all）。"
        ),
        # studio/client/owners.py, studio/cli/change.py (show)
        "no token for the server {url}": "没有服务器 {url} 的令牌",
        "Hand-over {user} -> {to}: records that change owner: {counts}": (
            "离职交接 {user} -> {to}：将更换负责人的记录：{counts}"
        ),
        "Hand-over {user} -> {to}: record counts unknown ({problem})": (
            "离职交接 {user} -> {to}：记录数未知（{problem}）"
        ),
        # studio/access/health.py: the permission health report
        "People": "人员",
        "Role": "角色",
        "Summary": "概要",
        "Protected entities": "受保护实体",
        "Sensitive fields": "敏感字段",
        "Roles that may delete": "可删除的角色",
        "Roles without delete (%)": "无删除权限的角色占比（%）",
        "Roles that see it": "可查看的角色",
        "Findings: {errors}, {warnings}, {notes}.": "检查结果：{errors}，{warnings}，{notes}。",
        "{entity}: {share} % of roles cannot delete it{roles}.": (
            "{entity}：{share}% 的角色不能删除{roles}。"
        ),
        " (deleting: {roles})": "（可删除：{roles}）",
        "{field} is seen by roles {roles} ({n} people).": (
            Counted(
                one="{field} is seen by roles {roles} ({n} person).",
                zh_CN="{field} 可被角色 {roles} 查看（共 {n} 人）。",
            )
        ),
        "Admins: {users}.": "系统管理员：{users}。",
        "Leavers without a hand-over: {users}.": "未做交接的离职人员：{users}。",
        "{user} ({n} records still theirs)": Counted(
            one="{user} ({n} record still theirs)", zh_CN="{user}（仍有 {n} 条记录归其所有）"
        ),
        "Permission health report written to {path}": "权限健康报告已写入 {path}",
        # studio/access/leaver.py
        "{user} cannot hand their records over to themselves.": "{user} 不能把记录移交给自己。",
        "{user} is already disabled.": "{user} 已经停用。",
        "{to} is disabled and cannot take over {user}'s records.": (
            "{to} 已停用，不能接手 {user} 的记录。"
        ),
        "{user} is the last active admin: give admin to someone else first.": (
            "{user} 是最后一名在职系统管理员：请先把管理员角色交给其他人。"
        ),
        # importers/matrix_sheets.py (matrix_write, matrix_read), studio/access/matrix_import.py: the matrices in Excel
        "Entity permissions": "实体权限",
        "Field key": "字段键",
        "Sensitive": "敏感",
        "Role key": "角色键",
        "Entity key": "实体键",
        "Readers: {roles}": "可读角色：{roles}",
        "An access level ({words}), or empty to follow the entity permission.": (
            "访问级别（{words}），留空则沿用实体权限。"
        ),
        "A scope ({words}), or empty when not allowed.": "范围（{words}），不允许时留空。",
        "This workbook was not exported by the studio as permission matrices (its sheet {sheet} "
        "is missing): export the matrices and edit that file.": (
            "此工作簿不是由本工作室导出的权限矩阵（缺少工作表 {sheet}）：请先导出权限矩阵，再编辑导出的文件。"
        ),
        "The workbook's format {found} is not {wanted}.": "工作簿格式 {found} 不是 {wanted}。",
        "This workbook was exported from another workspace: nothing of it applies here. Export the "
        "matrices of this workspace and edit that file.": (
            "此工作簿导出自另一个工作区，不能用于这里。请导出本工作区的权限矩阵并编辑该文件。"
        ),
        "This workbook was exported from an older version of the draft: roles, fields or "
        "permissions changed since. Importing it would undo those changes; export again and redo "
        "the edits in the new file.": (
            "此工作簿导出自草稿的旧版本：之后角色、字段或权限已有改动，导入它会撤销这些改动。请重新导出，并在新文件中重做修改。"
        ),
        "The sheet of entity {entity} is missing.": "缺少实体 {entity} 的工作表。",
        "The sheet of the entity permissions is missing.": "缺少实体权限工作表。",
        "Merged cells ({cells}) are not allowed: unmerge them.": "不允许合并单元格（{cells}）：请取消合并。",
        "A column without a {what} key in row 2 holds values.": "第 2 行没有{what}键的列中有内容。",
        "Unknown {what} {key}.": "未知的{what} {key}。",
        "The {what} {key} has a second column.": "{what} {key} 出现了第二列。",
        "The column of {what} {key} is missing.": "缺少{what} {key} 的列。",
        "A row without a field key holds values.": "没有字段键的行中有内容。",
        "The field {key} has a second row.": "字段 {key} 出现了第二行。",
        "{value} is no access level: use hidden, masked, read or edit, or leave the cell empty to "
        "follow the entity permission.": (
            "{value} 不是访问级别：请填写 隐藏、脱敏、查看 或 可编辑，或留空以沿用实体权限。"
        ),
        "The row of field {key} is missing.": "缺少字段 {key} 的行。",
        "A row without a role and entity key holds values.": "没有角色键和实体键的行中有内容。",
        "Role {role} on {entity} has a second row.": "角色 {role} 对 {entity} 出现了第二行。",
        "{value} is no scope: use own, team or all, or leave the cell empty when the action is not "
        "allowed.": ("{value} 不是范围：请填写 本人的、本团队的 或 全部；不允许该操作时留空。"),
        "The row of role {role} on {entity} is missing.": "缺少角色 {role} 对 {entity} 的行。",
        "Problems": "问题",
        "Sheet": "工作表",
        "Cell": "单元格",
        "Problem": "问题说明",
        "role": "角色",
        "action": "操作",
        "The workbook has {n} problems; nothing was applied.": (
            Counted(
                one="The workbook has {n} problem; nothing was applied.",
                zh_CN="工作簿中有 {n} 个问题；没有应用任何修改。",
            )
        ),
        # studio/access/people_ops.py: teams and users
        "user": "用户",
        "There is no team {key}.": "没有团队 {key}。",
        "There is already a team {key}.": "已存在团队 {key}。",
        "Team {key} is still used by the routing rules {rules}: assign them elsewhere first.": (
            "团队 {key} 仍被分配规则 {rules} 使用：请先把这些规则改派给其他对象。"
        ),
        "leads team {team}": "是团队 {team} 的负责人",
        "is in team {team}": "是团队 {team} 的成员",
        "is part of the hand-over {id}": "参与交接 {id}",
        "holds an approver key": "持有审批密钥",
        "is assigned by the routing rules {rules}": "被分配规则 {rules} 指派",
        "{user} cannot be deleted: {user} {uses}. Change that first, or disable them.": (
            "无法删除 {user}：{user} {uses}。请先修改这些设置，或停用该用户。"
        ),
        # importers/field_sheet.py: the fields sheet beside the matrices
        "Field definitions": "字段定义",
        "Label (Chinese)": "名称（中文）",
        "Label (English)": "名称（英文）",
        "Required": "必填",
        "Unique": "唯一",
        "Maximum length": "最大长度",
        "{value} is neither yes nor no.": "{value} 既不是“是”也不是“否”。",
        "The column {key} is missing.": "缺少列 {key}。",
        "{value} is no maximum length: a whole number above 0, or empty.": (
            "{value} 不是最大长度：请填写大于 0 的整数，或留空。"
        ),
        "The {column} of a field cannot be changed in the workbook (use the designer): {field} was {before}, the cell says {after}.": (
            "字段的 {column} 不能在工作簿中修改（请使用设计器）：{field} 原为 {before}，单元格中为 {after}。"
        ),
        "A field's label cannot be empty.": "字段名称不能为空。",
        "The sheet of the fields is missing.": "缺少字段工作表。",
        "This workbook was exported from an older version of the draft: fields changed since. Importing it would undo those changes; export again and redo the edits in the new file.": (
            "此工作簿导出自较早版本的草稿：此后字段有过修改。导入它会撤销这些修改；请重新导出，并在新文件中重新编辑。"
        ),
    },
)

_ACCESS = {
    "hidden": Message("hidden"),
    "masked": Message("masked"),
    "read": Message("read"),
    "edit": Message("edit"),
}
_ACTIONS = {
    "create": Message("create"),
    "read": Message("read"),
    "edit": Message("update"),
    "archive": Message("archive"),
    "delete": Message("delete"),
    "import": Message("import"),
    "export": Message("export"),
}
_SCOPES = {"own": Message("own"), "team": Message("team"), "all": Message("all")}


def access_word(level: str) -> Message | str:
    """A field access level (``hidden``/``masked``/``read``/``edit``) to show."""
    return _ACCESS.get(level, level)


def action_word(action: str) -> Message | str:
    """An action on records (``create`` ... ``export``) to show."""
    return _ACTIONS.get(action, action)


def scope_word(scope: str) -> Message | str:
    """A scope (``own``/``team``/``all``) to show."""
    return _SCOPES.get(scope, scope)
