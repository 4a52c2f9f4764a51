"""Messages of the automation rules: the diff's lines (``studio.bundle.rules_diff``), the lint
checks (``studio.lint.automation_rules``), the evaluator's refusals (``studio.automation``) and
the replay."""

from __future__ import annotations

from studio.i18n.catalogue import Counted, feature

MESSAGES = feature(
    "automation",
    {
        # studio/automation/regex_safety.py
        "the pattern is not text": "正则表达式不是文本",
        "the pattern is longer than {n} characters": "正则表达式超过 {n} 个字符",
        "more than {n} unbounded repeats": "无上限的重复超过 {n} 处",
        "the pattern can backtrack catastrophically: {reason}": "该正则表达式可能发生灾难性回溯：{reason}",
        "a back-reference": "含有反向引用",
        "the pattern does not compile ({error})": "正则表达式无法编译（{error}）",
        "a repeat inside a repeat": "重复中嵌套了重复",
        # studio/automation/stages.py
        "The stage may not change from {before} to {after} (allowed next: {allowed}).": (
            "阶段不能从 {before} 变为 {after}（允许的下一阶段：{allowed}）。"
        ),
        "Moving back from {before} to {after} needs a reason ({field}).": (
            "从 {before} 退回到 {after} 需要填写原因（{field}）。"
        ),
        "Entering stage {stage} needs {fields}.": "进入阶段 {stage} 需要先填写 {fields}。",
        # studio/automation/replay.py, sources.py
        "The replay was cancelled.": "规则回放已取消。",
        "{text} is not a time window (use for example 30d, 12h or 2w).": (
            "{text} 不是时间范围（例如 30d、12h 或 2w）。"
        ),
        "The database has no table {table} for the records of {entity}.": (
            "数据库中没有存放 {entity} 记录的表 {table}。"
        ),
        "Table {table} has no column {column}.": "表 {table} 没有列 {column}。",
        "Reading the records of {entity} failed: {reason}": "读取 {entity} 的记录失败：{reason}",
        # studio/bundle/rules_diff.py
        "{field} empty": "{field} 为空",
        "{field} not empty": "{field} 不为空",
        "{field} in {values}": "{field} 属于 {values}",
        "{field} not in {values}": "{field} 不属于 {values}",
        "{field} starts with {value}": "{field} 以 {value} 开头",
        "{field} contains {value}": "{field} 包含 {value}",
        "{field} matches {value}": "{field} 匹配 {value}",
        "{field} between {low} and {high}": "{field} 介于 {low} 与 {high} 之间",
        "always": "始终",
        "never": "从不",
        " and ": " 且 ",
        " or ": " 或 ",
        "no owner": "无负责人",
        "user {target}": "用户 {target}",
        "team {target}": "团队 {target}",
        "queue {target}": "队列 {target}",
        "condition {before} -> {after}": "条件 {before} -> {after}",
        "{part} {before} -> {after}": "{part} {before} -> {after}",
        "entering {stage} needs {before} -> {after}": "进入 {stage} 需填写 {before} -> {after}",
        "days allowed in {stage}: {before} -> {after}": "{stage} 允许停留天数：{before} -> {after}",
        "+ condition {condition}": "+ 条件 {condition}",
        "- condition {condition}": "- 条件 {condition}",
        "Rule '{rule}' of {entity}": "{entity}的规则“{rule}”",
        "Validation '{rule}' of {entity}": "{entity}的校验规则“{rule}”",
        "condition": "条件",
        "requirement": "要求",
        "outcome": "分配结果",
        "default outcome": "默认分配",
        "name": "名称",
        "message": "提示信息",
        "{title}: {change}": "{title}：{change}",
        "Rules of {entity}: order changed": "{entity}的规则：顺序已调整",
        "Rules of {entity}: {change}": "{entity}的规则：{change}",
        "Stage flow of {entity}: {change}": "{entity}的阶段流程：{change}",
        "Replay thresholds of {entity}: {change}": "{entity}的回放阈值：{change}",
        # studio/lint/automation_rules/
        "{op} needs a number or a date field": "{op} 只能用于数字或日期字段",
        "{op} needs a text field": "{op} 只能用于文本字段",
        "the value must be yes or no (true/false)": "值必须是“是”或“否”（true/false）",
        "the value must be a number": "值必须是数字",
        "the value must be a date (YYYY-MM-DD)": "值必须是日期（YYYY-MM-DD）",
        "{values} is not an option of the field": "{values} 不是该字段的选项",
        "there is no such user": "没有这个用户",
        "the user is disabled": "该用户已停用",
        "role {role} cannot see records of this entity": "角色 {role} 看不到该实体的记录",
        (
            "Routing of {entity} has no default: a record no rule matches gets no owner and "
            "nobody sees it. Set a default queue."
        ): "{entity}的分配规则没有默认去向：不符合任何规则的记录将没有负责人，无人能看到。请设置默认队列。",
        "Rule {rule} of {entity} gives records to {user}, but {problem}.": (
            "{entity}的规则 {rule} 把记录分配给 {user}，但{problem}。"
        ),
        (
            "Rule {rule} of {entity} gives records to team {team}, whose members are all "
            "disabled: those records would get no owner."
        ): "{entity}的规则 {rule} 把记录分配给团队 {team}，但其成员都已停用：这些记录将没有负责人。",
        (
            "Rule {rule} of {entity} gives records to team {team} in turn, which contains "
            "disabled users ({users}): they are skipped. Remove them from the team."
        ): "{entity}的规则 {rule} 把记录轮流分配给团队 {team}，其中有已停用的用户（{users}）：他们会被跳过。请把他们移出该团队。",
        (
            "The stage flow of {entity} uses field {field}, which is not a select field of the "
            "entity."
        ): "{entity}的阶段流程使用字段 {field}，它不是该实体的单选字段。",
        "The stage flow of {entity} names stage {stage}, which is not an option of {field}.": (
            "{entity}的阶段流程中的阶段 {stage} 不是 {field} 的选项。"
        ),
        "There are automation rules for {entity}, which the configuration does not have.": (
            "存在针对 {entity} 的自动化规则，但配置中没有该实体。"
        ),
        "Rule {rule} of {entity} can match no record: its conditions exclude each other.": (
            "{entity}的规则 {rule} 不会匹配任何记录：它的条件互相矛盾。"
        ),
        (
            "Validation {rule} of {entity} can be passed by no record: its requirements exclude "
            "each other, so every record it applies to would be refused."
        ): "{entity}的校验规则 {rule} 没有记录能通过：它的要求互相矛盾，适用的每条记录都会被拒绝。",
        (
            "From stage {stage} of {entity} there is no path to a closing stage ({closing}): "
            "records there are stuck."
        ): "{entity}从阶段 {stage} 无法到达任何结束阶段（{closing}）：该阶段的记录将被卡住。",
        (
            "Rule {rule} of {entity}: the condition on {field} does not fit its type ({type}): "
            "{problem}."
        ): "{entity}的规则 {rule}：对 {field} 的条件与字段类型（{type}）不符：{problem}。",
        (
            "Rule {rule} of {entity} never decides: the earlier rule {earlier} matches every "
            "record it would. Move it up or narrow the earlier rule."
        ): "{entity}的规则 {rule} 永远不会生效：前面的规则 {earlier} 已匹配它能匹配的所有记录。请上移该规则，或收窄前面的规则。",
        "Stage {stage} of {entity} cannot be reached from {start} through the stage flow.": (
            "按照阶段流程，{entity}的阶段 {stage} 无法从 {start} 到达。"
        ),
        (
            "Entering stage {stage} of {entity} requires field {field}, which the entity does "
            "not have."
        ): "{entity}进入阶段 {stage} 需要字段 {field}，但该实体没有这个字段。",
        (
            "Entering stage {stage} of {entity} requires {field}, which roles {roles} may move "
            "records but cannot edit: they can never enter it."
        ): "{entity}进入阶段 {stage} 需要 {field}，角色 {roles} 可以推进记录却不能编辑该字段：他们永远无法进入该阶段。",
        (
            "Rule {rule} of {entity} tests field {field}, which this change removes: the rule "
            "would never see a value."
        ): "{entity}的规则 {rule} 检查字段 {field}，但本次变更删除了该字段：规则将永远取不到值。",
        (
            "Rules {earlier} and {rule} of {entity} both take records with {field} {values} and "
            "give them to different owners: such records always go by {earlier}; {rule} only "
            "gets what it leaves."
        ): "{entity}的规则 {earlier} 和 {rule} 都会接收 {field} 为 {values} 的记录，但分配给不同的负责人：这些记录总是按 {earlier} 分配，{rule} 只能接收它剩下的记录。",
        "Rule {rule} of {entity} tests field {field}, which the entity does not have.": (
            "{entity}的规则 {rule} 检查字段 {field}，但该实体没有这个字段。"
        ),
        "Rule {rule} of {entity}: the pattern on {field} cannot be used: {reason}.": (
            "{entity}的规则 {rule}：{field} 上的正则表达式不能使用：{reason}。"
        ),
        # studio/automation/fields.py
        "Between needs two values: low, high.": "“介于”需要两个值：下限, 上限。",
        "Enter at least one value.": "请至少输入一个值。",
        "Enter a value.": "请输入一个值。",
        "The pattern cannot be used: {reason}.": "该正则表达式不能使用：{reason}。",
        # studio/changes/replay_gate.py
        (
            "The impact replay of this rules change could not run ({reason}): nobody would see "
            "what it does to real records. Run it again, or acknowledge with a reason to submit "
            "without it."
        ): "本次规则变更的影响回放无法运行（{reason}）：没有人能看到它对真实记录的影响。请重新运行回放，或填写理由确认后不经回放提交。",
        "no replay was run": "未运行回放",
        (
            "{headline} Acknowledge with a reason to submit anyway; the reviewers will read it "
            "first."
        ): "{headline}如仍要提交，请填写理由确认；审批人会首先看到它。",
        (
            "The impact replay could not run ({reason}): nobody has seen what these rules do to "
            "real records."
        ): "影响回放无法运行（{reason}）：没有人看过这些规则对真实记录的影响。",
        "The author acknowledged: {reason}": "提交人已确认：{reason}",
        # widgets/automation: a condition without a field
        "Choose a field.": "请选择字段。",
        # studio/draft/rules_edits.py
        "The rule is not valid: {reason}": "规则无效：{reason}",
        "There is no rule {key}.": "没有规则 {key}。",
        "There is already a rule {key}.": "已存在规则 {key}。",
        # studio/client/replay.py, studio/automation/workbook.py
        "The replay could not run: no token for {url} (set STUDIO_SERVER_TOKEN).": (
            "规则回放无法运行：没有 {url} 的令牌（请设置 STUDIO_SERVER_TOKEN）。"
        ),
        "The replay could not run: no answer from {url}.": "规则回放无法运行：{url} 没有响应。",
        "The replay could not run: cannot reach {url} ({reason}).": (
            "规则回放无法运行：无法连接 {url}（{reason}）。"
        ),
        "The replay could not run: {reason}": "规则回放无法运行：{reason}",
        "The replay could not run: the server at {url} refused the token.": (
            "规则回放无法运行：{url} 的服务器拒绝了令牌。"
        ),
        "The replay could not run: the server answered HTTP {status}.": (
            "规则回放无法运行：服务器返回 HTTP {status}。"
        ),
        "The replay could not run: the server's records are not readable.": (
            "规则回放无法运行：无法读取服务器返回的记录。"
        ),
        "Cannot read the workbook {path}: {reason}": "无法读取工作簿 {path}：{reason}",
        "The workbook has no sheet for {entity} (sheets: {sheets}).": (
            "工作簿中没有 {entity} 的工作表（现有工作表：{sheets}）。"
        ),
        (
            "The columns of sheet {sheet} ({columns}) name none of the fields the rules read "
            "({fields})."
        ): "工作表 {sheet} 的列（{columns}）与规则读取的字段（{fields}）都对不上。",
        # studio/automation/report.py, studio/cli/rules.py
        (
            "Replay: {fallen} of {replayed} records ({share}) would now fall to the default or "
            "to no owner."
        ): "规则回放：{replayed} 条记录中有 {fallen} 条（{share}）将落入默认去向或无负责人。",
        (
            "Replay: {fallen} of {replayed} records ({share}) would now fall to the default or "
            "to no owner — above the block share; submit needs an acknowledgement."
        ): "规则回放：{replayed} 条记录中有 {fallen} 条（{share}）将落入默认去向或无负责人——超过拦截比例，提交前须确认并说明理由。",
        (
            "Replay: {fallen} of {replayed} records ({share}) would now fall to the default or "
            "to no owner — above the warning share."
        ): "规则回放：{replayed} 条记录中有 {fallen} 条（{share}）将落入默认去向或无负责人——超过警告比例。",
        "Records from {source}.": "记录来源：{source}。",
        (
            "{entity}: {replayed} replayed, {changed} change outcome, {to_default} to the "
            "default, {to_no_owner} to no owner ({share}; warning above {warn}, refused above "
            "{block})."
        ): "{entity}：回放 {replayed} 条，{changed} 条分配结果改变，{to_default} 条落入默认去向，{to_no_owner} 条无负责人（{share}；超过 {warn} 警告，超过 {block} 拒绝提交）。",
        "{n} records would be refused by the new validation rules.": (
            Counted(
                one="{n} record would be refused by the new validation rules.",
                zh_CN="{n} 条记录将被新的校验规则拒绝。",
            )
        ),
        "{n} open records are stranded by the new stage flow.": (
            Counted(
                one="{n} open record is stranded by the new stage flow.",
                zh_CN="{n} 条进行中的记录会被新的阶段流程卡住。",
            )
        ),
        "{n} records are over their stage's dwell time.": Counted(
            one="{n} record is over its stage's dwell time.",
            zh_CN="{n} 条记录已超过所在阶段的停留时限。",
        ),
        "The draft changes no automation rules: nothing to replay.": (
            "草稿没有修改自动化规则：无需回放。"
        ),
    },
)
