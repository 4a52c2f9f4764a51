"""zh_CN messages of the change integrity checks (altered changes, draft edited after submission),
merged into studio.i18n.

Kept apart from the other catalogues so that helpers adding messages do not edit the same lines.
"""

from __future__ import annotations

ZH_CN: dict[str, str] = {
    # studio/changes/view.py
    "altered": "已被篡改",
    "Change {id} has been altered in the workspace: its bundle no longer matches what was "
    "submitted and approved. Its approvals do not count; submit the draft again.": (
        "变更 {id} 在工作区中被改动过：其配置包与提交和审批时的内容不再一致。"
        "它的审批全部无效；请重新提交草稿。"
    ),
    "The approval by {user} of change {id} does not verify with {user}'s registered key: it was "
    "altered or forged in the workspace and does not count; submit the draft again.": (
        "{user} 对变更 {id} 的审批无法用 {user} 登记的密钥验证：它在工作区中被改动或伪造，"
        "不予计入；请重新提交草稿。"
    ),
    "The approval by {user} is signed with key {key}, which the live approver registry does "
    "not hold: the server would refuse it, so it does not count.": (
        "{user} 的审批使用密钥 {key} 签名，而当前线上版本的审批人名单中没有该密钥："
        "服务器会拒绝它，因此不予计入。"
    ),
    "The approval by {user} as {role} does not match the live approver registry, which names "
    "key {key} as {reg_user} ({reg_role}): the server would refuse it, so it does not count.": (
        "{user} 以 {role} 身份的审批与线上审批人名单不符（名单中密钥 {key} 属于 "
        "{reg_user}（{reg_role}））：服务器会拒绝它，因此不予计入。"
    ),
    "The approval by {user} is signed with key {key}, which was revoked before it was given: "
    "it does not count. {user} can approve again with their current key.": (
        "{user} 的审批使用密钥 {key} 签名，但该密钥在审批之前已被吊销：此审批不予计入。"
        "{user} 可以用当前密钥重新审批。"
    ),
    # studio/changes/draft_edited.py
    "The draft has been edited since change {id} was submitted; these edits are not part of it. "
    "Submit again to include them — the approvals given so far will not count for the new "
    "change.": (
        "变更 {id} 提交之后草稿又被修改过；这些修改不包含在该变更中。"
        "如需包含它们，请重新提交——已有的审批不会计入新的变更。"
    ),
    "The author {user} has not signed change {id}: the server learns who wrote a change from "
    "the author's signature. Submit the draft again with your key.": (
        "作者 {user} 尚未签署变更 {id}：服务器凭作者的签名确认变更由谁提交。请用你的密钥重新提交草稿。"
    ),
    "{user} has not rejected change {id}.": "{user} 未拒绝变更 {id}。",
    "The rejection is recorded here, but the server was not told: {reason}": (
        "拒绝已在本地记录，但未能通知服务器：{reason}"
    ),
    "The server at {url} now refuses this change.": "服务器 {url} 现在会拒绝此变更。",
    "{user} has no signing key here: the change is not signed by its author and cannot be pushed. "
    "Create one with 'studio keys create --user {user}' and submit again.": (
        "{user} 在此没有签名密钥：该变更未经作者签名，无法推送。"
        "请用 'studio keys create --user {user}' 创建密钥后重新提交。"
    ),
    # studio/cli/audit.py, widgets/audit: every entry the chain cannot vouch for
    "Entry {id} was altered, inserted or follows a removed entry.": (
        "第 {id} 条被修改、插入，或其前面有记录被删除。"
    ),
    "Entry {id} is a decision whose signature does not verify with the signer's registered key: "
    "it was rewritten.": "第 {id} 条是一项审批决定，但其签名无法用签名人登记的密钥验证：它被改写过。",
    "{n} entries of the audit log cannot be vouched for:": "审计日志中有 {n} 条记录无法确认其真实性：",
    # studio/workspace/connection.py
    "{where} is empty (0 bytes): it is not a CRM Config Studio workspace. Restore it from a "
    "backup, or delete it to start a new workspace.": (
        "{where} 是空文件（0 字节），不是 CRM Config Studio 工作区。请从备份恢复，或删除它以新建工作区。"
    ),
    "The workspace {where} is damaged ({reason}); nothing was written to it. Restore it from "
    "the backup at {backup}.": "工作区 {where} 已损坏（{reason}），未向其写入任何内容。请从备份 {backup} 恢复。",
    "The workspace {where} is damaged ({reason}); nothing was written to it. Restore it from "
    "your last copy of the file.": "工作区 {where} 已损坏（{reason}），未向其写入任何内容。请用您最近保存的文件副本恢复。",
}
