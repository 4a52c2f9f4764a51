"""Messages of the reviewer's impact numbers and the server statistics behind them
(``studio.client.stats``).
"""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "impact",
    {
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
