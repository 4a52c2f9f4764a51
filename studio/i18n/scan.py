"""Messages of the field-index health check: the bundle's red lines (``studio.lint.field_index``),
the live scan (``studio.scan``), ``studio scan`` and its reports."""

from __future__ import annotations

from studio.i18n.catalogue import Counted, feature

MESSAGES = feature(
    "scan",
    {
        # studio/lint/field_index.py
        "Turn search off on {n} fields of {entity}, longest first: {fields}": (
            Counted(
                one="Turn search off on {n} field of {entity}: {fields}",
                zh_CN="关闭 {entity} 中 {n} 个字段的搜索（从最长的开始）：{fields}",
            )
        ),
        " and {n} more": " 等另外 {n} 个",
        "{entity} has {count} fields, {over} over the line of {line}: every field is a column of a table that grows slower to change and to index. Deprecate fields nobody fills in, or raise the entity's threshold by an approved change.": (
            "{entity} 有 {count} 个字段，超出红线 {line} 个 {over} 个：每个字段都是表中的一列，表越宽，修改和建索引越慢。请弃用没人填写的字段，或通过审批的变更提高该实体的阈值。"
        ),
        "{entity} has {count} searchable fields, {over} over the line of {line} (warning above {warn}, error above {limit}): each one grows the full-text index, and 47 of them took a CRM down for 72 hours.": (
            "{entity} 有 {count} 个可搜索字段，超出红线 {line} 个 {over} 个（超过 {warn} 个为警告，超过 {limit} 个为错误）：每个可搜索字段都会让全文索引变大，曾有 47 个这样的字段让一套 CRM 停机 72 小时。"
        ),
        "{entity} has {n} searchable long-text fields ({fields}): free text in the full-text index grows it with every note written. Search people by short fields (name, mobile, company) instead.": (
            Counted(
                one="{entity} has {n} searchable long-text field ({fields}): free text in the full-text index grows it with every note written. Search people by short fields (name, mobile, company) instead.",
                zh_CN="{entity} 有 {n} 个可搜索的长文本字段（{fields}）：全文索引中的自由文本会随每条备注不断变大。请改用短字段（名称、手机号、公司）搜索。",
            )
        ),
        "{field} is unique and searchable and may hold {length} characters: two indexes on one long column, and MySQL refuses a unique index beyond {max} characters. Give it a max length of at most {max}, or turn search off.": (
            "{field} 既唯一又可搜索，最多可存 {length} 个字符：同一长列上有两个索引，而 MySQL 不允许超过 {max} 个字符的唯一索引。请将最大长度设为不超过 {max}，或关闭搜索。"
        ),
        "unlimited": "不限",
        # studio/scan/connect.py, run.py, measure.py
        "Cannot reach {url}: {reason}": "无法连接 {url}：{reason}",
        "The scan does not support {dialect} databases; it reads SQLite, PostgreSQL and MySQL/MariaDB.": (
            "扫描不支持 {dialect} 数据库；支持 SQLite、PostgreSQL 和 MySQL/MariaDB。"
        ),
        "{url} refused the sign-in of {user} with the password given: check it and try again.": (
            "{url} 拒绝了 {user} 使用所输入密码的登录：请检查密码后重试。"
        ),
        "{url} refused the sign-in of {user}: check the user and the password in the keyring.": (
            "{url} 拒绝了 {user} 的登录：请检查用户名和密钥环中的密码。"
        ),
        "The password could not be kept in the keyring ({reason}): it is asked for again at the next scan.": (
            "无法把密码保存到密钥环（{reason}）：下次扫描时会再次询问。"
        ),
        "{url}: there is no such database.": "{url}：没有这个数据库。",
        "Cannot open {url}: {reason}": "无法打开 {url}：{reason}",
        "An SQLite scan needs a file: sqlite:///path/to/crm.db.": (
            "扫描 SQLite 需要一个文件：sqlite:///path/to/crm.db。"
        ),
        "Cannot open {url}: there is no such file.": "无法打开 {url}：文件不存在。",
        (
            "Not a database URL nor the path of an SQLite file (for example /srv/crm/crm.db, "
            "sqlite:///crm.db, postgresql+psycopg://user@host/crm, mysql+pymysql://user@host/crm)."
        ): (
            "不是数据库地址，也不是 SQLite 文件的路径（例如 /srv/crm/crm.db、sqlite:///crm.db、postgresql+psycopg://user@host/crm、mysql+pymysql://user@host/crm）。"
        ),
        "No driver for {url} is installed.": "没有安装 {url} 的数据库驱动。",
        "Connecting": "正在连接",
        "Scan done": "扫描完成",
        "Scan cancelled.": "扫描已取消。",
        "Scanning {table}": "正在扫描 {table}",
        "Reading the planner's statistics": "正在读取查询规划器的统计信息",
        "Reading information_schema": "正在读取 information_schema",
        "SQLite keeps no index usage statistics: no index is called unused.": (
            "SQLite 不记录索引使用统计：不会判定任何索引为未使用。"
        ),
        "MySQL/MariaDB: row counts are InnoDB's estimates; ratios and lengths come from the first {n} rows of each table.": (
            "MySQL/MariaDB：行数为 InnoDB 的估算值；比例和长度来自每张表的前 {n} 行。"
        ),
        "Index usage is not read: performance_schema is off on this server, so no index is called unused.": (
            "未读取索引使用情况：该服务器未开启 performance_schema，因此不会判定任何索引为未使用。"
        ),
        "Index usage is not read: the scan user may not read performance_schema (grant SELECT on performance_schema.table_io_waits_summary_by_index_usage), so no index is called unused.": (
            "未读取索引使用情况：扫描用户无权读取 performance_schema（请授予 performance_schema.table_io_waits_summary_by_index_usage 的 SELECT 权限），因此不会判定任何索引为未使用。"
        ),
        "not scanned: the scan ran out of time": "未扫描：扫描时间已用完",
        "the statement timeout stopped the measurement": "语句超时中断了测量",
        "Reading {table} failed: {reason}": "读取 {table} 失败：{reason}",
        "None of the {n} tables of {url} matches an entity of the configuration ({entities}): save a mapping that names their tables.": (
            Counted(
                one="The {n} table of {url} matches no entity of the configuration ({entities}): save a mapping that names its table.",
                zh_CN="{url} 的 {n} 张表中没有一张与配置中的实体（{entities}）对应：请保存一个指明其表名的映射。",
            )
        ),
        # studio/scan/report.py
        "Table {table} uses {used} of the database's {limit} {what}: {left} left before an ALTER fails.": (
            "表 {table} 已用数据库上限 {limit} 中的 {used}（{what}）：只剩 {left}，用完后 ALTER 将失败。"
        ),
        "bytes per row": "每行字节数",
        "indexes": "个索引",
        "columns (dropped ones count)": "列（已删除的列也计入）",
        "Average length of {table}.{column} is {avg} characters (95 % up to {p95}), {over} over the line of {line}: long text in a CRM field slows every search and index rebuild. Keep long text (material descriptions, logs) out of it and find what writes it.": (
            "{table}.{column} 的平均长度为 {avg} 个字符（95% 不超过 {p95}），超出红线 {line} 共 {over} 个字符：CRM 字段中的长文本会拖慢每次搜索和索引重建。请勿在其中存放长文本（物料描述、日志），并查明是谁在写入。"
        ),
        "Table {table} was measured only in part ({reason}): its figures are incomplete.": (
            "表 {table} 只测量了一部分（{reason}）：其数据不完整。"
        ),
        "No table of the database matches {entity}: give the mapping its table to measure it.": (
            "数据库中没有与 {entity} 对应的表：请在映射中指明其表名以便测量。"
        ),
        "Index {index} on {table} ({columns}) was not used since {since} (when the statistics were last reset); it backs no constraint.": (
            "表 {table} 上的索引 {index}（{columns}）自 {since}（统计信息上次重置）以来未被使用；它不支撑任何约束。"
        ),
        "Index {index} on {table} ({columns}) is covered by {other}: every write updates both.": (
            "表 {table} 上的索引 {index}（{columns}）已被 {other} 覆盖：每次写入都要更新两者。"
        ),
        # studio/scan/text.py, studio/cli/scan.py
        "green": "绿",
        "yellow": "黄",
        "RED": "红",
        "{url} ({dialect} {version}): {tables} in {seconds} s": (
            "{url}（{dialect} {version}）：{tables}，用时 {seconds} 秒"
        ),
        "{n} tables": Counted(one="{n} table", zh_CN="{n} 张表"),
        "PARTIAL: some tables were not measured in full (see below).": (
            "部分结果：有些表没有完整测量（见下文）。"
        ),
        "{status:7} {entity}: {fields} fields, {searchable} searchable, table {table}": (
            "{status:7} {entity}：{fields} 个字段，{searchable} 个可搜索，表 {table}"
        ),
        "Red (frozen): {entities}": "红色（已冻结）：{entities}",
        "--format is text or json.": "--format 只能是 text 或 json。",
        "--out must end in .xlsx or .pdf.": "--out 必须以 .xlsx 或 .pdf 结尾。",
        "Cannot read the mapping {path}: {reason}": "无法读取映射 {path}：{reason}",
        "Give the password with --ask-password.": "请用 --ask-password 输入密码。",
        "Password of {database}": "{database} 的密码",
        "No password was given.": "没有输入密码。",
        "{share} % of {table}'s rows were not updated for {days} days: index only the hot rows (a partial index or a separate archive table), so that a rebuild touches a fraction of the data.": "{table} 中有 {share}% 的行已 {days} 天未更新：只为热数据建索引（部分索引或单独的归档表），这样重建索引只涉及一小部分数据。",
        "Table {table} is new since {day}.": "表 {table} 是 {day} 以来新增的。",
        "Table {table} is gone since {day}.": "表 {table} 自 {day} 以来已不存在。",
        "Column {table}.{column} is new since {day}.": "列 {table}.{column} 是 {day} 以来新增的。",
        "Column {table}.{column} is gone since {day}.": "列 {table}.{column} 自 {day} 以来已不存在。",
        "Index {index} on {table} is new since {day}.": "表 {table} 上的索引 {index} 是 {day} 以来新增的。",
        "Index {index} on {table} is gone since {day}.": "表 {table} 上的索引 {index} 自 {day} 以来已不存在。",
        "Column {table}.{column} changed type from {old} to {new} since {day}.": "列 {table}.{column} 的类型自 {day} 以来从 {old} 变为 {new}。",
        "Average length of {table}.{column} went from {old} to {new} characters since {day}: another system may be writing into it.": "{table}.{column} 的平均长度自 {day} 以来从 {old} 个字符变为 {new} 个字符：可能有其他系统在向其写入数据。",
        "No Chinese font found to embed in the PDF: install {hint} or set STUDIO_CJK_FONT.": "找不到可嵌入 PDF 的中文字体：请安装 {hint} 或设置 STUDIO_CJK_FONT。",
        "Field-index health report": "字段索引健康报告",
        "{url} ({dialect} {version}), {at}: {tables} in {seconds} s": "{url}（{dialect} {version}），{at}：{tables}，用时 {seconds} 秒",
        "Self-check": "自检清单",
        "Entities": "实体",
        "Findings": "问题",
        "Cannot write {path}: {reason}": "无法写入 {path}：{reason}",
        "Columns": "列",
        "pass": "通过",
        "warn": "警告",
        "fail": "不通过",
        "unknown": "未知",
        "Check": "检查项",
        "Result": "结果",
        "Value": "数值",
        "Line": "红线",
        "Fix": "修复建议",
        "Entity": "实体",
        "Status": "状态",
        "Table": "表",
        "Rows": "行数",
        "Fields": "字段数",
        "Searchable": "可搜索",
        "Worst column": "最长的列",
        "Its average length": "其平均长度",
        "Cold share": "冷数据占比",
        "Severity": "级别",
        "Field": "字段",
        "Code": "代码",
        "Message": "说明",
        "Column": "列名",
        "Type": "类型",
        "Null ratio": "空值比例",
        "Distinct ratio": "不同值比例",
        "Average length": "平均长度",
        "95th percentile length": "95 分位长度",
        "Measured by": "测量方式",
        "{entity}: {fields} fields, {searchable} searchable, worst column {worst}": "{entity}：{fields} 个字段，{searchable} 个可搜索，最长的列 {worst}",
        "Duplicate customers by normalised mobile": "按规范化手机号计算的重复客户",
        "at most {line}": "不超过 {line}",
        "Stale opportunities (stage unchanged beyond its dwell time)": "停滞商机（阶段停留超过规定天数）",
        "Red line: average stored length of a field": "红线：字段的平均存储长度",
        "Roles that may delete customers (besides admin)": "可删除客户的角色（admin 除外）",
        "Searchable fields per main table": "每张主表的可搜索字段数",
        "Red line: searchable fields on one entity": "红线：单个实体的可搜索字段数",
        "Red line: fields on one entity": "红线：单个实体的字段数",
        "no customer mobile column": "没有客户手机号列",
        "no mobile numbers": "没有手机号",
        "Merge the duplicates (the import's review pairs) and make mobile unique.": "合并重复客户（导入时的待复核对），并将手机号设为唯一。",
        "no opportunity stage and date columns": "没有商机阶段和日期列",
        "no open opportunities": "没有进行中的商机",
        "Review the stale opportunities with their owners; set a dwell time per stage.": "与负责人一起复核停滞商机；为每个阶段设置停留天数。",
        "Take delete on customer away from: {roles}": "收回以下角色删除客户的权限：{roles}",
        "Turn search off on the longest fields of {entity} first.": "先关闭 {entity} 中最长字段的搜索。",
        "Deprecate fields nobody fills in on {entity}.": "弃用 {entity} 中没人填写的字段。",
        "Keep long text out of {column} and find what writes it.": "不要在 {column} 中存放长文本，并查明是谁在写入。",
        "(of {n} rows read)": Counted(one="(of {n} row read)", zh_CN="（基于读取的 {n} 行）"),
        "adds field {field}": "新增字段 {field}",
        "makes field {field} searchable": "将字段 {field} 设为可搜索",
        "{entity} is red ({why}) and frozen: this change {what}. While it is red, no field can be added to it and no field made searchable. Fix what made it red, or raise its threshold (thresholds.entities.{key}) by an approved change first.": "{entity} 处于红色（{why}）并已冻结：此修改{what}。在红色期间，不能为它新增字段，也不能把字段设为可搜索。请先解决使其变红的问题，或通过一次获批的变更提高它的阈值（thresholds.entities.{key}）。",
        "{entity} is red ({why}): no field can be added to it while it is. Fix what made it red, or raise its threshold (thresholds.entities.{key}) by an approved change first.": "{entity} 处于红色（{why}）：在此期间不能为它新增字段。请先解决使其变红的问题，或通过一次获批的变更提高它的阈值（thresholds.entities.{key}）。",
        "{entity} is red ({why}): no field can be made searchable while it is. Fix what made it red, or raise its threshold (thresholds.entities.{key}) by an approved change first.": "{entity} 处于红色（{why}）：在此期间不能把字段设为可搜索。请先解决使其变红的问题，或通过一次获批的变更提高它的阈值（thresholds.entities.{key}）。",
        "This change adds fields to {entity} that need {needed} {what}, but the database table has {left} left: the ALTER would fail. Remove fields first (long text as long_text), or move them to another entity.": "此修改为 {entity} 新增的字段需要 {needed} {what}，但数据库表只剩 {left}：ALTER 将会失败。请先删去一些字段（长文本请用 long_text），或把它们移到其他实体。",
        "columns": "列",
        "bytes of MySQL's 65,535-byte row": "字节（MySQL 每行上限 65,535 字节）",
    },
)
