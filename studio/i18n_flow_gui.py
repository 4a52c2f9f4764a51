"""zh_CN messages of the local server and of the review's impact numbers, merged into studio.i18n.

Kept apart from the other catalogues so that helpers adding messages do not edit the same lines.
"""

from __future__ import annotations

ZH_CN: dict[str, str] = {
    # studio/changes/impact.py
    "{count} role(s) lose access: {roles}.": "{count} 个角色将失去权限：{roles}。",
    "{entity}.{field} becomes required (with a default for old records).": (
        "{entity}.{field} 改为必填（旧记录有默认值）。"
    ),
    "{entity}.{field} becomes required; records without a value are not known here.": (
        "{entity}.{field} 改为必填；此处无法得知有多少记录缺少该值。"
    ),
    "{entity}.{field} becomes required: {count} record(s) have no value and could not be "
    "saved.": "{entity}.{field} 改为必填：{count} 条记录没有该值，将无法保存。",
    # studio/changes/review.py
    "No release {version}.": "没有版本 {version}。",
    # studio/local_server.py
    "The local server refused the approver registry: {message}": (
        "本地服务器拒绝了审批人名单：{message}"
    ),
    "The local server did not start.": "本地服务器未能启动。",
}
