"""Messages of the review of a change (issue 20): the live baseline it is derived from, how that
was verified, and why nobody may approve against it (``studio.changes.baseline``,
``studio.changes.review``, ``studio.client.review``, the altered-release checks of
``studio.changes.releases`` and ``studio.changes.view``).
"""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "review",
    {
        # studio/changes/releases.py
        (
            "The workspace's copy of release v{version} has been altered: its text no longer "
            "hashes to its sha256. Nothing can be reviewed against it; bring the workspace in "
            "step with the server ('studio change sync') or restore a backup."
        ): (
            "工作区中版本 v{version} 的副本已被篡改：其内容的 sha256 与记录不符。无法以它为基准审阅；"
            "请与服务器同步（'studio change sync'）或从备份恢复。"
        ),
        # studio/changes/baseline.py
        (
            "The workspace's record of live release v{version} has been altered: its accepted "
            "document names another version or bundle. Nothing can be reviewed against it; bring "
            "the workspace in step with the server ('studio change sync') or restore a backup."
        ): (
            "工作区中线上版本 v{version} 的记录已被篡改：其已接受的发布文档指向另一个版本或配置包。"
            "无法以它为基准审阅；请与服务器同步（'studio change sync'）或从备份恢复。"
        ),
        "The server's current release is not a release document.": "服务器的当前版本不是发布文档。",
        (
            "The server's current release v{version} does not hash to its own sha256: it cannot "
            "be trusted as the baseline."
        ): ("服务器的当前版本 v{version} 与其自身的 sha256 不符：不能作为审阅基准。"),
        (
            "The approval by {user} of the server's current release v{version} does not verify "
            "with a key this workspace knows: the release cannot be re-verified."
        ): (
            "服务器当前版本 v{version} 中 {user} 的批准无法用本工作区已知的密钥验证：无法复核该版本。"
        ),
        (
            "This workspace holds v{version} as the live release, but the server has no release "
            "at all: the workspace's releases cannot be trusted."
        ): (
            "本工作区记录的线上版本是 v{version}，但服务器上没有任何版本：工作区的版本记录不可信。"
        ),
        (
            "Version v{server} is live on the server, but this workspace has seen only v{local}: "
            "bring it in step ('studio change sync') and review again."
        ): (
            "服务器上线上版本是 v{server}，而本工作区只见过 v{local}："
            "请先同步（'studio change sync'）再审阅。"
        ),
        (
            "This workspace holds v{local} as the live release, but the server's current release "
            "is v{server}: the workspace's releases cannot be trusted."
        ): (
            "本工作区记录的线上版本是 v{local}，但服务器的当前版本是 v{server}：工作区的版本记录不可信。"
        ),
        (
            "The workspace's copy of live release v{version} is not the server's (sha256 {here} "
            "here, {there} on the server): it was altered, and a diff against it would hide what "
            "the change really does. Bring the workspace in step with the server ('studio change "
            "sync') and review again."
        ): (
            "工作区中线上版本 v{version} 的副本与服务器上的不同（本地 sha256 {here}，服务器 {there}）："
            "它已被篡改，以它为基准的差异会掩盖变更的真实内容。请与服务器同步（'studio change sync'）后再审阅。"
        ),
        # studio/changes/view.py
        (
            "Change {id} has been altered in the workspace: its stored state '{state}' does not "
            "match the workspace's records. Its approvals do not count; submit the draft again."
        ): (
            "变更 {id} 在工作区中被改动过：其存储的状态“{state}”与工作区的记录不符。它的审批全部无效；请重新提交草稿。"
        ),
        # studio/changes/flow.py
        (
            "Change {id} or the live version changed since it was reviewed: review it again "
            "before signing."
        ): ("变更 {id} 或线上版本在审阅之后发生了变化：请重新审阅后再签名。"),
        # studio/changes/review.py
        "Against: no live version yet (first release).": "对比基准：尚无线上版本（首次发布）。",
        (
            "Against live v{version} (sha256 {sha}), verified against its sha256 and the server's "
            "current release."
        ): (
            "对比基准：线上版本 v{version}（sha256 {sha}），已按其 sha256 和服务器的当前版本核对。"
        ),
        "Against live v{version} (sha256 {sha}), verified against its sha256 only: {why}": (
            "对比基准：线上版本 v{version}（sha256 {sha}），仅按其 sha256 核对：{why}"
        ),
        # studio/client/push.py: the audit log must back a push
        (
            "The audit log holds no record of the submission of change {id}: entries were "
            "removed from it. The change is not pushed; run 'studio audit verify'."
        ): (
            "审计日志中没有变更 {id} 的提交记录：有条目被删除了。该变更不会推送；请运行 'studio audit verify'。"
        ),
        (
            "The audit log holds no record of {user}'s approval of change {id}: entries were "
            "removed from it. The change is not pushed; run 'studio audit verify'."
        ): (
            "审计日志中没有 {user} 批准变更 {id} 的记录：有条目被删除了。该变更不会推送；请运行 'studio audit verify'。"
        ),
        # studio/client/review.py: why the server was not asked
        "the server URL is refused ({reason})": "服务器地址被拒绝（{reason}）",
        "no server is configured": "未配置服务器",
        "no token for {url} ({reason})": "没有 {url} 的令牌（{reason}）",
        "no token for {url}": "没有 {url} 的令牌",
        "the server at {url} did not answer ({reason})": "{url} 的服务器没有应答（{reason}）",
    },
)
