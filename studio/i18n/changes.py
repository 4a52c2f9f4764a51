"""Messages of the change flow: submitting, deciding, what blocks a push, the two-person rule
(``studio.changes``, ``studio.contract.policy``), with the words of a change's state.
"""

from __future__ import annotations

from studio.i18n import Message
from studio.i18n.catalogue import Counted, feature

MESSAGES = feature(
    "changes",
    {
        # words looked up through the helpers below
        "open": "待审批",
        "approved": "已批准",
        "rejected": "已驳回",
        "superseded": "已被取代",
        "pushed": "已上线",
        "outdated": "已过期",
        "approve": "批准",
        "reject": "驳回",
        "altered": "已被篡改",
        # studio/cli/change_read.py: in the list, a change whose stored text cannot be read
        "damaged": "已损坏",
        # studio/contract/policy.py
        "Rejected by {users}.": "已被 {users} 驳回。",
        "{n} more approvals needed ({have} of {need}).": (
            Counted(
                one="{n} more approval needed ({have} of {need}).",
                zh_CN="还需要 {n} 个批准（已有 {have} 个，共需 {need} 个）。",
            )
        ),
        "Still needs an approval by: {roles}.": "仍需以下角色批准：{roles}。",
        # the separator of a list of names (people, roles) in those sentences
        ", ": "、",
        # studio/changes/flow.py
        "No change request {id}.": "没有变更请求 {id}。",
        "A change needs a title.": "变更需要标题。",
        "The title is longer than {n} characters.": "标题超过 {n} 个字符。",
        "Cannot submit: {n} error findings, first: {message}": (
            Counted(
                one="Cannot submit: {n} error finding: {message}",
                zh_CN="无法提交：有 {n} 个错误级检查结果，第一个：{message}",
            )
        ),
        "The draft equals the live version: nothing to submit.": "草稿与线上版本相同：没有可提交的内容。",
        "A rejection needs a comment saying why.": "驳回需要填写原因。",
        "There is no release {version} to roll back to.": "没有可回滚的版本 {version}。",
        "Version {version} is already live.": "版本 {version} 已经在线上。",
        # studio/changes/reset_draft.py
        "Nothing is live yet: there is no live version to reset the draft to.": (
            "尚无线上版本：无法将草稿重置为线上版本。"
        ),
        "Change {id} is {state}: it can no longer be decided.": "变更 {id} {state}：不能再审批。",
        "The author of a change cannot approve or reject it.": "变更的提交人不能批准或驳回自己的变更。",
        "{user} has already decided on change {id}.": "{user} 已审批过变更 {id}。",
        (
            "The key {key_id} of {user} is not registered on the server yet: a change that adds "
            "it must go live first."
        ): ("{user} 的密钥 {key_id} 尚未在服务器登记：需先让添加该密钥的变更上线。"),
        # studio/changes/view.py
        "Change {id} is already live.": "变更 {id} 已经上线。",
        "Change {id} was superseded by a newer submission.": "变更 {id} 已被更新的提交取代。",
        (
            "Change {id} was made on version {parent}, but version {live} is live now: submit "
            "again."
        ): ("变更 {id} 基于版本 {parent}，但线上已是版本 {live}：请重新提交。"),
        (
            "Change {id} has been altered in the workspace: its bundle no longer matches what "
            "was submitted and approved. Its approvals do not count; submit the draft again."
        ): (
            "变更 {id} 在工作区中被改动过：其配置包与提交和审批时的内容不再一致。它的审批全部无效；请重新提交草稿。"
        ),
        (
            "The approval by {user} of change {id} does not verify with {user}'s registered key: "
            "it was altered or forged in the workspace and does not count; submit the draft "
            "again."
        ): (
            "{user} 对变更 {id} 的审批无法用 {user} 登记的密钥验证：它在工作区中被改动或伪造，不予计入；请重新提交草稿。"
        ),
        (
            "The approval by {user} is signed with key {key}, which the live approver registry "
            "does not hold: the server would refuse it, so it does not count."
        ): (
            "{user} 的审批使用密钥 {key} 签名，而当前线上版本的审批人名单中没有该密钥：服务器会拒绝它，因此不予计入。"
        ),
        (
            "The approval by {user} as {role} does not match the live approver registry, which "
            "names key {key} as {reg_user} ({reg_role}): the server would refuse it, so it does "
            "not count."
        ): (
            "{user} 以 {role} 身份的审批与线上审批人名单不符（名单中密钥 {key} 属于 "
            "{reg_user}（{reg_role}））：服务器会拒绝它，因此不予计入。"
        ),
        (
            "The approval by {user} is signed with key {key}, which was revoked before it was "
            "given: it does not count. {user} can approve again with their current key."
        ): (
            "{user} 的审批使用密钥 {key} 签名，但该密钥在审批之前已被吊销：此审批不予计入。{user} 可以用当前密钥重新审批。"
        ),
        # studio/changes/releases.py
        (
            "Release v{version} in this workspace cannot be read ({reason}). It may come from a "
            "newer version of CRM Config Studio: update the studio."
        ): (
            "本工作区中的版本 v{version} 无法读取（{reason}）。它可能来自更新版本的 CRM Config Studio：请升级本软件。"
        ),
        # studio/changes/draft_edited.py
        (
            "The draft has been edited since change {id} was submitted; these edits are not part "
            "of it. Submit again to include them — the approvals given so far will not count for "
            "the new change."
        ): (
            "变更 {id} 提交之后草稿又被修改过；这些修改不包含在该变更中。如需包含它们，请重新提交——已有的审批不会计入新的变更。"
        ),
        "The author {user} has not signed change {id}: the server learns who wrote a change from the author's signature. Submit the draft again with your key.": "作者 {user} 尚未签署变更 {id}：服务器凭作者的签名确认变更由谁提交。请用你的密钥重新提交草稿。",
        "{user} has not rejected change {id}.": "{user} 未拒绝变更 {id}。",
        "The rejection is recorded here, but the server was not told: {reason}": "拒绝已在本地记录，但未能通知服务器：{reason}",
        "The server at {url} now refuses this change.": "服务器 {url} 现在会拒绝此变更。",
        "{user} has no signing key here: the change is not signed by its author and cannot be pushed. Create one with 'studio keys create --user {user}' and submit again.": "{user} 在此没有签名密钥：该变更未经作者签名，无法推送。请用 'studio keys create --user {user}' 创建密钥后重新提交。",
        # studio/changes/workbook.py: a change as an Excel workbook
        "Change": "变更",
        "Property": "项目",
        "Title": "标题",
        "Change id": "变更编号",
        "Author": "提交人",
        "State": "状态",
        "Target version": "目标版本",
        "Fingerprint (sha256)": "指纹 (sha256)",
        "Reason": "原因",
        "Decision": "审批意见",
        "Impact": "影响",
        "Access": "权限",
        "Access gained and lost": "获得与失去的权限",
        "Users": "用户",
        "Field or action": "字段或操作",
        "Before": "变更前",
        "After": "变更后",
        "Changes": "改动",
    },
)


_STATES = {
    "open": Message("open"),
    "approved": Message("approved"),
    "rejected": Message("rejected"),
    "superseded": Message("superseded"),
    "pushed": Message("pushed"),
    "outdated": Message("outdated"),
    "altered": Message("altered"),
}
_DECISIONS = {"approve": Message("approve"), "reject": Message("reject")}


def state_name(state: str) -> str:
    """A change request's state (``open``, ``approved``...) in the current language."""
    message = _STATES.get(state)
    return str(message) if message is not None else state


def decision_name(decision: str) -> str:
    """An approval's decision (``approve``/``reject``) in the current language."""
    message = _DECISIONS.get(decision)
    return str(message) if message is not None else decision
