"""Messages of the Excel import and export (issue 16): ``importers`` and ``studio/importing``,
``studio import``."""

from __future__ import annotations

from studio.i18n import N_, Message
from studio.i18n.catalogue import Counted, feature

MESSAGES = feature(
    "importing",
    {
        # studio/cli/importing.py
        "The server's records were not consulted: {reason}": "未能查询服务器上的已有记录：{reason}",
        "Import {id} reverted: {removed}, {restored} restored.": (
            "导入 {id} 已撤销：{removed}，恢复 {restored} 条。"
        ),
        "{n} records removed": Counted(one="{n} record removed", zh_CN="删除 {n} 条记录"),
        "The server refused the import (HTTP {status}, {code}): {message}": (
            "服务器拒绝了导入（HTTP {status}，{code}）：{message}"
        ),
        "Importing needs a token for {url}: set STUDIO_SERVER_TOKEN or store one with 'studio keys token --server {url}'.": (
            "没有 {url} 的令牌：请设置 STUDIO_SERVER_TOKEN，或用 'studio keys token --server {url}' 保存。"
        ),
        "Import {id} was reverted; change the workbook or the mapping to import it again.": (
            "导入 {id} 已被撤销；如需再次导入，请修改工作簿或映射。"
        ),
        "There is no import {id} in this workspace.": "此工作区中没有导入 {id}。",
        "Import {id} is already reverted.": "导入 {id} 已经撤销。",
        "Say which entity to import into with --entity (customer, contact, ...).": (
            "请用 --entity 指定导入的实体（customer、contact……）。"
        ),
        "--errors must end in .xlsx.": "--errors 必须以 .xlsx 结尾。",
        "Columns not imported: {columns}.": "未导入的列：{columns}。",
        "The mapping gives the field {field} to {columns}: a field takes one column.": (
            "映射把字段 {field} 同时给了 {columns}：一个字段只能对应一列。"
        ),
        "--map names columns the sheet does not have: {columns} (its columns: {headers}).": (
            "--map 中有工作表里没有的列：{columns}（工作表的列：{headers}）。"
        ),
        "{rows}: {imported} to import, {merged} merged into duplicates, {rejected} rejected; {review}.": (
            "{rows}：{imported} 行待导入，{merged} 行合并为重复记录，{rejected} 行被拒绝；{review}。"
        ),
        "Import {id}: {rows}: {imported} imported, {merged} merged into duplicates, {rejected} rejected; {review}.": (
            "导入 {id}：{rows}：已导入 {imported} 行，{merged} 行合并为重复记录，{rejected} 行被拒绝；{review}。"
        ),
        "{n} rows read": Counted(one="{n} row read", zh_CN="读取 {n} 行"),
        "{n} pairs to review": Counted(one="{n} pair to review", zh_CN="{n} 对待人工复核"),
        "Row {row}: {reasons}": "第 {row} 行：{reasons}",
        "... and {n} more rejected rows.": Counted(
            one="... and {n} more rejected row.", zh_CN="……另有 {n} 行被拒绝。"
        ),
        "No configuration is live yet: the rows are checked against the draft.": (
            "尚无已上线的配置：按草稿校验各行。"
        ),
        "--map takes HEADER=FIELD, not {value}.": "--map 的格式是 列标题=字段，而不是 {value}。",
        # studio/importing/
        "There is no entity {entity} in the configuration; it has {known}.": (
            "配置中没有实体 {entity}；现有实体：{known}。"
        ),
        # importers/export.py, studio/cli/transfer.py
        "This workbook is a template for {other}, not for {entity}.": (
            "此工作簿是 {other} 的模板，不是 {entity} 的。"
        ),
        "This workbook was made from a template of an older configuration of {entity} (version {version}); its fields have changed since. Make a new template with 'studio template --entity {entity}' and copy the rows into it.": (
            "此工作簿来自 {entity} 旧配置（版本 {version}）的模板，此后字段已有变化。请用 'studio template --entity {entity}' 生成新模板，并把各行复制进去。"
        ),
        "{n} records of {entity} written to {path}.": Counted(
            one="{n} record of {entity} written to {path}.",
            zh_CN="已将 {entity} 的 {n} 条记录写入 {path}。",
        ),
        "Template of {entity} written to {path}.": "{entity} 的导入模板已写入 {path}。",
        "--out must end in .xlsx.": "--out 必须以 .xlsx 结尾。",
        # studio health (studio/cli/transfer.py)
        "{n} records of {entity}, {with_mobile} with a mobile: duplicate rate by mobile {rate} (line {line}).": Counted(
            one="{n} record of {entity}, {with_mobile} with a mobile: duplicate rate by mobile {rate} (line {line}).",
            zh_CN="{entity} 共 {n} 条记录，其中 {with_mobile} 条有手机号：按手机号的重复率 {rate}（红线 {line}）。",
        ),
        "{count} x {problem} (owners: {owners})": "{count} 条 × {problem}（负责人：{owners}）",
        "Written to {path}.": "已写入 {path}。",
        # importers/health.py
        "Data health": "数据健康",
        "Records": "记录数",
        "Records with a mobile": "有手机号的记录",
        "Duplicate rate by mobile": "按手机号的重复率",
        "line: {line}": "红线：{line}",
        "Kind of dirty data": "脏数据类型",
        "Owners": "负责人",
        # importers/changes.py
        "{field}: {changes}": "{field}：{changes}",
        "{n} values trimmed": Counted(one="{n} value trimmed", zh_CN="{n} 个值去除了首尾空白"),
        "{n} values with invisible control characters (NUL...) removed": Counted(
            one="{n} value with invisible control characters (NUL...) removed",
            zh_CN="{n} 个值去除了不可见的控制字符（NUL 等）",
        ),
        "{n} full-width characters made half-width": Counted(
            one="{n} full-width character made half-width", zh_CN="{n} 个全角字符改为半角"
        ),
        "{n} mobiles written as 11 digits": Counted(
            one="{n} mobile written as 11 digits", zh_CN="{n} 个手机号规范为 11 位"
        ),
        "{n} landlines kept beside the record": Counted(
            one="{n} landline kept beside the record", zh_CN="{n} 个座机号另行保留在记录旁"
        ),
        "{n} e-mails lower-cased": Counted(
            one="{n} e-mail lower-cased", zh_CN="{n} 个邮箱改为小写"
        ),
        "{n} mail domain typos corrected": Counted(
            one="{n} mail domain typo corrected", zh_CN="{n} 个邮箱域名拼写错误已更正"
        ),
        "{n} amounts read": Counted(one="{n} amount read", zh_CN="{n} 个金额已识别"),
        "{n} dates read": Counted(one="{n} date read", zh_CN="{n} 个日期已识别"),
        "{n} options matched": Counted(one="{n} option matched", zh_CN="{n} 个选项已匹配"),
        "{n} company names normalised": Counted(
            one="{n} company name normalised", zh_CN="{n} 个公司名称已规范"
        ),
        "{n} codes upper-cased": Counted(one="{n} code upper-cased", zh_CN="{n} 个代码改为大写"),
        "{n} yes/no values read": Counted(one="{n} yes/no value read", zh_CN="{n} 个是/否值已识别"),
        "{n} traditional characters made simplified": Counted(
            one="{n} traditional character made simplified", zh_CN="{n} 个繁体改为简体"
        ),
        "{n} e-mails taken out of a mailto: link or a name": Counted(
            one="{n} e-mail taken out of a mailto: link or a name",
            zh_CN="{n} 个邮箱从 mailto: 链接或姓名中取出",
        ),
        "{n} names of places written in full": Counted(
            one="{n} name of a place written in full", zh_CN="{n} 个地名补全为全称"
        ),
        "{n} places completed from the others": Counted(
            one="{n} place completed from the others", zh_CN="{n} 个地名由其他级别补全"
        ),
        "{n} places that do not lie in the one above (left as written)": (
            Counted(
                one="{n} place that does not lie in the one above (left as written)",
                zh_CN="{n} 个地名不属于其上一级（保持原样）",
            )
        ),
        "{n} owners written as their user name": Counted(
            one="{n} owner written as their user name", zh_CN="{n} 个负责人改写为其用户名"
        ),
        "{n} owners who are no user, or two (left as written)": (
            Counted(
                one="{n} owner who is no user, or two (left as written)",
                zh_CN="{n} 个负责人不是任何用户，或同名用户不止一个（保持原样）",
            )
        ),
        "{n} owners who have left: their records need a new owner": (
            Counted(
                one="{n} owner who has left: their records need a new owner",
                zh_CN="{n} 个负责人已离职：其记录需要交接给新的负责人",
            )
        ),
        "Changes made while cleaning:": "清洗时所做的修改：",
        # importers/change_examples.py (the wizard's table of changes: one kind a row)
        "Values trimmed": "去除首尾空白",
        "Invisible control characters (NUL...) removed": "去除不可见的控制字符（NUL 等）",
        "Full-width characters made half-width": "全角字符改为半角",
        "Mobiles written as 11 digits": "手机号规范为 11 位",
        "Landlines kept beside the record": "座机号另行保留在记录旁",
        "E-mails lower-cased": "邮箱改为小写",
        "Mail domain typos corrected": "邮箱域名拼写错误已更正",
        "Amounts read": "金额已识别",
        "Dates read": "日期已识别",
        "Options matched": "选项已匹配",
        "Company names normalised": "公司名称已规范",
        "Codes upper-cased": "代码改为大写",
        "Yes/no values read": "是/否值已识别",
        "Traditional characters made simplified": "繁体改为简体",
        "E-mails taken out of a mailto: link or a name": "邮箱从 mailto: 链接或姓名中取出",
        "Names of places written in full": "地名补全为全称",
        "Places completed from the others": "地名由其他级别补全",
        "Places that do not lie in the one above (left as written)": (
            "地名不属于其上一级（保持原样）"
        ),
        "Owners written as their user name": "负责人改写为其用户名",
        "Owners who are no user, or two (left as written)": (
            "负责人不是任何用户，或同名用户不止一个（保持原样）"
        ),
        "Owners who have left: their records need a new owner": "负责人已离职：其记录需要交接",
        # importers/error_workbook.py
        "Rejected rows": "被拒绝的行",
        "Source row": "原行号",
        "Why it was rejected": "拒绝原因",
        # importers/pipeline.py
        "The mapping names fields that {entity} does not have: {fields}.": (
            "映射中有 {entity} 不存在的字段：{fields}。"
        ),
        # importers/read.py
        "There is no file {path}.": "文件 {path} 不存在。",
        "{path} is a folder: choose a workbook in it.": "{path} 是文件夹：请选择其中的工作簿。",
        "{path} is larger than {limit} MB; split it into smaller files.": (
            "{path} 超过 {limit} MB，请拆分为较小的文件。"
        ),
        "{path}: the sheet {sheet} is empty.": "{path}：工作表 {sheet} 是空的。",
        "{path}: the sheet {sheet} has {n} columns with data; at most {limit} can be imported.": (
            "{path}：工作表 {sheet} 有 {n} 列数据，最多只能导入 {limit} 列。"
        ),
        "{path}: row {row} is beyond the end of the sheet.": "{path}：第 {row} 行超出了工作表的末尾。",
        "{path} would unpack to {mb} MB: refused as a possible zip bomb.": (
            "{path} 解压后将达 {mb} MB：疑似压缩炸弹，已拒绝。"
        ),
        "{path} holds XML with a document type declaration, which no workbook has "
        '(an "XML bomb" is built so): it was not read.': (
            "{path} 含有带文档类型声明的 XML，正常的工作簿没有这种声明（“XML 炸弹”正是这样构造的）：未读取。"
        ),
        "{path} is encrypted or password-protected: save it without a password and try again.": (
            "{path} 已加密或设有密码：请另存为无密码的文件后重试。"
        ),
        "{path} has no sheets.": "{path} 中没有工作表。",
        "The file's text encoding cannot be recognised; save it as UTF-8 CSV or as .xlsx.": (
            "无法识别文件的文本编码；请另存为 UTF-8 CSV 或 .xlsx。"
        ),
        "The file mixes two text encodings: line {utf8} is UTF-8, line {other} is not (GBK?). Save it again as one: UTF-8 CSV or .xlsx.": (
            "文件混用了两种文本编码：第 {utf8} 行是 UTF-8，第 {other} 行不是（GBK？）。"
            "请统一另存为一种：UTF-8 CSV 或 .xlsx。"
        ),
        "{path} is a Word document, not a workbook: copy its table into Excel and save it as .xlsx.": (
            "{path} 是 Word 文档，不是工作簿：请把其中的表格复制到 Excel，另存为 .xlsx。"
        ),
        "{path} is a PowerPoint presentation, not a workbook: copy its table into Excel and save it as .xlsx.": (
            "{path} 是 PowerPoint 演示文稿，不是工作簿：请把其中的表格复制到 Excel，另存为 .xlsx。"
        ),
        "{path} is not a readable workbook: it is damaged, or not an Excel file.": (
            "{path} 不是可读取的工作簿：文件已损坏，或不是 Excel 文件。"
        ),
        "{path} is not a readable workbook ({reason}).": "{path} 不是可读取的工作簿（{reason}）。",
        "{path}: the sheet {sheet} cannot be read ({reason}).": (
            "{path}：无法读取工作表 {sheet}（{reason}）。"
        ),
        "{path} is not a readable CSV file ({reason}).": "{path} 不是可读取的 CSV 文件（{reason}）。",
        "{path} has no sheet number {sheet}.": "{path} 中没有第 {sheet} 个工作表。",
        "{path} has no sheet {sheet}; it has {names}.": "{path} 中没有工作表 {sheet}；现有：{names}。",
        # importers/validate.py
        "{field}: {value} is not valid.": "{field}：{value} 无效。",
        "{field}: required, but empty.": "{field}：必填，但为空。",
        "{field}: {value} is not a phone number.": "{field}：{value} 不是电话号码。",
        "{field}: {value} is not a valid e-mail address.": "{field}：{value} 不是有效的电子邮箱。",
        "{field}: {value} is not an amount or a number.": "{field}：{value} 不是金额或数字。",
        "{field}: {value} is not a date (2024-03-05 or 2024/3/5).": (
            "{field}：{value} 不是日期（2024-03-05、2024/3/5 或 2024年3月5日）。"
        ),
        "{field}: {value} is not a date and time (2024-03-05 14:30).": (
            "{field}：{value} 不是日期时间（2024-03-05 14:30）。"
        ),
        "{field}: {value} is not yes or no.": "{field}：{value} 不是“是”或“否”。",
        "{field}: {value} is no user of the CRM (nobody, or more than one, by that name).": (
            "{field}：{value} 不是 CRM 的用户（没有此人，或同名用户不止一个）。"
        ),
        "{field}: {value} has left: the record needs a new owner.": (
            "{field}：{value} 已离职：该记录需要新的负责人。"
        ),
        "{field}: {value} is not one of the options ({options}).": (
            "{field}：{value} 不是可选项之一（{options}）。"
        ),
        "{field}: {value} is not a valid unified social credit code (the check digit does not match).": (
            "{field}：{value} 不是有效的统一社会信用代码（校验位不符）。"
        ),
        "{field}: the cell holds the formula error {value}, not a value.": (
            "{field}：单元格是公式错误 {value}，不是数值。"
        ),
        "{field}: {length} characters, more than the {max} allowed.": (
            "{field}：{length} 个字符，超过上限 {max}。"
        ),
        "{field}: {value} does not have the required form.": "{field}：{value} 格式不符合要求。",
        "{field}: {value} is below the minimum {min}.": "{field}：{value} 低于最小值 {min}。",
        "{field}: {value} is above the maximum {max}.": "{field}：{value} 高于最大值 {max}。",
    },
)

#: What each kind of change (``importers.clean``, ``importers.divisions``) is called, ``{n}`` its
#: count (``importers.changes``).
_CHANGE_KINDS = {
    "trimmed": N_("{n} values trimmed"),
    "control_removed": N_("{n} values with invisible control characters (NUL...) removed"),
    "full_width": N_("{n} full-width characters made half-width"),
    "mobile_normalised": N_("{n} mobiles written as 11 digits"),
    "landline_kept": N_("{n} landlines kept beside the record"),
    "email_lower_cased": N_("{n} e-mails lower-cased"),
    "email_domain_typo": N_("{n} mail domain typos corrected"),
    "amount_parsed": N_("{n} amounts read"),
    "date_parsed": N_("{n} dates read"),
    "option_matched": N_("{n} options matched"),
    "company_normalised": N_("{n} company names normalised"),
    "code_upper_cased": N_("{n} codes upper-cased"),
    "yes_no_parsed": N_("{n} yes/no values read"),
    "traditional_to_simplified": N_("{n} traditional characters made simplified"),
    "email_unwrapped": N_("{n} e-mails taken out of a mailto: link or a name"),
    "division_full_name": N_("{n} names of places written in full"),
    "division_completed": N_("{n} places completed from the others"),
    "division_mismatch": N_("{n} places that do not lie in the one above (left as written)"),
    "owner_matched": N_("{n} owners written as their user name"),
    "owner_unknown": N_("{n} owners who are no user, or two (left as written)"),
    "owner_left": N_("{n} owners who have left: their records need a new owner"),
}


#: The same kinds named without a count (the wizard's table has a count column).
_CHANGE_NAMES = {
    "trimmed": N_("Values trimmed"),
    "control_removed": N_("Invisible control characters (NUL...) removed"),
    "full_width": N_("Full-width characters made half-width"),
    "mobile_normalised": N_("Mobiles written as 11 digits"),
    "landline_kept": N_("Landlines kept beside the record"),
    "email_lower_cased": N_("E-mails lower-cased"),
    "email_domain_typo": N_("Mail domain typos corrected"),
    "amount_parsed": N_("Amounts read"),
    "date_parsed": N_("Dates read"),
    "option_matched": N_("Options matched"),
    "company_normalised": N_("Company names normalised"),
    "code_upper_cased": N_("Codes upper-cased"),
    "yes_no_parsed": N_("Yes/no values read"),
    "traditional_to_simplified": N_("Traditional characters made simplified"),
    "email_unwrapped": N_("E-mails taken out of a mailto: link or a name"),
    "division_full_name": N_("Names of places written in full"),
    "division_completed": N_("Places completed from the others"),
    "division_mismatch": N_("Places that do not lie in the one above (left as written)"),
    "owner_matched": N_("Owners written as their user name"),
    "owner_unknown": N_("Owners who are no user, or two (left as written)"),
    "owner_left": N_("Owners who have left: their records need a new owner"),
}


def change_kind_name(kind: str, lang: str) -> str:
    """What ``kind`` of change is called in ``lang``, without a count ("Mobiles written as 11
    digits"); an unknown kind is shown by its code."""
    key = _CHANGE_NAMES.get(kind)
    return Message(key).render(lang) if key is not None else kind


def change_kind(kind: str, n: int, lang: str) -> str:
    """``n`` changes of ``kind`` said in ``lang`` ("23460 mobiles written as 11 digits")."""
    key = _CHANGE_KINDS.get(kind)
    return Message(key, n=n).render(lang) if key is not None else f"{kind} {n}"
