"""Messages of the reviewer's impact numbers and the server statistics behind them
(``studio.client.stats``).
"""

from __future__ import annotations

from studio.i18n.catalogue import Counted, feature

MESSAGES = feature(
    "impact",
    {
        # studio/changes/impact.py (impact_sentences: change show, the Review dialog)
        "becomes required: {entity}.{field} ({note})": "变为必填：{entity}.{field}（{note}）",
        "{role} loses {what} on {entity}": "{role} 失去 {entity} 的{what}权限",
        "filled by default/backfill": "由默认值/回填值填充",
        "how many records lack a value is unknown": "缺少取值的记录数未知",
        "every record on the server has a value": "服务器上的每条记录都有取值",
        "{n} records on the server have no value and could no longer be saved": (
            Counted(
                one="{n} record on the server has no value and could no longer be saved",
                zh_CN="服务器上有 {n} 条记录没有取值，将无法再保存",
            )
        ),
        (
            "{entity}.{field} is retired: deprecated and hidden, no one sees or fills it any "
            "more; the values records hold for it are kept on the server"
        ): "{entity}.{field} 将停用：设为停用并隐藏，不再有人看到或填写；记录中已有的取值保留在服务器上",
        "{entity}.{field} is retired (deprecated); the values records hold for it are kept on the server": (
            "{entity}.{field} 将停用；记录中已有的取值保留在服务器上"
        ),
        # studio/client/stats.py
        "Server statistics unavailable: {reason}": "服务器统计数据不可用：{reason}",
        "the server at {url} refused the token (HTTP {status})": "服务器 {url} 拒绝了令牌（HTTP {status}）",
        "the server answered HTTP {status} for {entity}": "服务器对 {entity} 返回 HTTP {status}",
        "the server's statistics of {entity} are not readable": "服务器返回的 {entity} 统计数据无法读取",
        "no answer from {url} within {seconds} s": "{url} 在 {seconds} 秒内没有响应",
        "cannot reach {url} ({reason})": "无法连接 {url}（{reason}）",
        "cannot ask {url} ({reason})": "无法向 {url} 发出请求（{reason}）",
        (
            "no token for {url} (set STUDIO_SERVER_TOKEN or store one with 'studio keys token "
            "--server {url}')"
        ): (
            "没有 {url} 的令牌（请设置 STUDIO_SERVER_TOKEN，或使用“studio keys token --server {url}”保存）"
        ),
    },
)
