<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccessTab</name>
    <message>
        <source>Action or field</source>
        <translation>操作或字段</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Entity:</source>
        <translation>实体：</translation>
    </message>
    <message>
        <source>own</source>
        <translation>本人的</translation>
    </message>
    <message>
        <source>team</source>
        <translation>本团队的</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>Time</source>
        <extracomment>time, who, action, subject, details, hash; and the time in UTC (the time&apos;s tooltip)</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
</context>
<context>
    <name>AuditPane</name>
    <message>
        <source>Filter: who, action, subject, details… (Ctrl+F)</source>
        <translation>筛选：操作人、操作、对象、详情…（Ctrl+F）</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / 共 %2 条</translation>
    </message>
    <message>
        <source>Broken at entry %1: the log was edited outside the studio.</source>
        <translation>第 %1 条记录处断裂：日志在本软件之外被修改过。</translation>
    </message>
    <message>
        <source>Intact: {n} entry checked.</source>
        <translation>完整：已校验 {n} 条记录。</translation>
    </message>
    <message>
        <source>Ve&amp;rify chain</source>
        <translation>校验日志链(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>导出到 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Intact: {n} entries checked.</source>
        <translation>完整：已校验 {n} 条记录。</translation>
    </message>
    <message>
        <source>{n} entry cannot be vouched for.</source>
        <translation>共有 {n} 条记录无法确认其真实性。</translation>
    </message>
    <message>
        <source>{n} entries cannot be vouched for.</source>
        <translation>共有 {n} 条记录无法确认其真实性。</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>chain intact</source>
        <translation>日志链完整</translation>
    </message>
    <message>
        <source>chain BROKEN</source>
        <translation>日志链已断裂</translation>
    </message>
    <message>
        <source>Exported {n} entry to {path} ({state}).</source>
        <translation>已将 {n} 条记录导出到 {path}（{state}）。</translation>
    </message>
    <message>
        <source>Exported {n} entries to {path} ({state}).</source>
        <translation>已将 {n} 条记录导出到 {path}（{state}）。</translation>
    </message>
</context>
<context>
    <name>AutomationPane</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>分配规则</translation>
    </message>
    <message>
        <source>Validation rules</source>
        <translation>校验规则</translation>
    </message>
    <message>
        <source>Stage flow</source>
        <translation>阶段流程</translation>
    </message>
    <message>
        <source>Replay on real records</source>
        <translation>用真实记录回放</translation>
    </message>
    <message>
        <source>No problems found in these rules.</source>
        <translation>这些规则没有发现问题。</translation>
    </message>
    <message>
        <source>Choose an entity first.</source>
        <translation>请先选择实体。</translation>
    </message>
    <message>
        <source>edit stage flow</source>
        <translation>编辑阶段流程</translation>
    </message>
</context>
<context>
    <name>ChangeDetails</name>
    <message>
        <source>Checks: no findings.</source>
        <extracomment>Above this many rows the diff opens collapsed to one row per entity. Pixels: the narrowest &quot;before&quot; / &quot;after&quot; column.</extracomment>
        <translation>检查：没有发现问题。</translation>
    </message>
    <message>
        <source>Checks: {errors}, {warnings}, {all} in all.</source>
        <translation>检查：{errors}，{warnings}，共 {all} 条。</translation>
    </message>
    <message>
        <source>{n} error</source>
        <translation>{n} 个错误</translation>
    </message>
    <message>
        <source>{n} errors</source>
        <translation>{n} 个错误</translation>
    </message>
    <message>
        <source>{n} warning</source>
        <translation>{n} 个警告</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} 个警告</translation>
    </message>
    <message>
        <source>Impact: %1</source>
        <translation>影响：%1</translation>
    </message>
</context>
<context>
    <name>ChangeList</name>
    <message>
        <source>waiting for approvals</source>
        <translation>等待审批</translation>
    </message>
    <message>
        <source>approved, ready to push</source>
        <translation>已批准，可以发布</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <source>outdated</source>
        <translation>已过时</translation>
    </message>
    <message>
        <source>live</source>
        <translation>已上线</translation>
    </message>
    <message>
        <source>altered (not what was approved)</source>
        <translation>已被篡改（与审批内容不符）</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Title</source>
        <extracomment>The open change the draft was edited away from since it was submitted; set before ``set_rows`` (``studio.changes.edited_since``). Role key -&gt; label in the UI&apos;s language (``studio.bundle.label_text.role_names``).</extracomment>
        <translation>标题</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>%1 (rollback to v%2)</source>
        <translation>%1（回滚到 v%2）</translation>
    </message>
    <message>
        <source>%1 (the draft was edited since)</source>
        <translation>%1（此后草稿已修改）</translation>
    </message>
    <message>
        <source>%1 (does not count)</source>
        <translation>%1（不计入）</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
</context>
<context>
    <name>ChangesPane</name>
    <message>
        <source>Draft vs live</source>
        <extracomment>The open change the draft has moved away from since it was submitted, if any.</extracomment>
        <translation>草稿与线上版本对比</translation>
    </message>
    <message>
        <source>Change requests</source>
        <translation>变更申请</translation>
    </message>
    <message>
        <source>History</source>
        <translation>发布历史</translation>
    </message>
    <message>
        <source>Create signing key…</source>
        <translation>创建签名密钥…</translation>
    </message>
    <message>
        <source>Server: the studio&apos;s own reference server at %1 (no server configured; set STUDIO_SERVER_URL to push to your CRM).</source>
        <translation>服务器：本软件自带的参考服务器 %1（未配置服务器；设置 STUDIO_SERVER_URL 即可发布到您的 CRM）。</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <source>Server: not connected yet.</source>
        <translation>服务器：尚未连接。</translation>
    </message>
    <message>
        <source>%1 has no signing key yet. A key is needed to approve or reject changes (File &gt; Signing key…).</source>
        <translation>%1 还没有签名密钥。审批或驳回变更需要密钥（文件 &gt; 签名密钥…）。</translation>
    </message>
    <message>
        <source>Submitted “%1” as change %2; it now needs its approvals.</source>
        <translation>已提交“%1”（变更 %2），现在等待审批。</translation>
    </message>
    <message>
        <source>The draft is live version v%1 again.</source>
        <translation>草稿已重置为线上版本 v%1。</translation>
    </message>
    <message>
        <source>Roll back to version v%1</source>
        <translation>回滚到版本 v%1</translation>
    </message>
    <message>
        <source>This creates a change request whose configuration is version v%1&apos;s. Fields added since v%1 stay, deprecated and hidden: nobody sees them any more, and the data records hold in them is kept. It needs the same approvals as any change and goes live as a new, higher version; the history keeps everything.</source>
        <translation>这会创建一个变更申请，其配置为版本 v%1 的配置。v%1 之后新增的字段会保留，并设为停用和隐藏：不再有人看到它们，记录中已有的数据全部保留。它与其他变更一样需要审批，上线后成为一个新的、更高的版本；历史记录完整保留。</translation>
    </message>
    <message>
        <source>Create rollback request</source>
        <translation>创建回滚申请</translation>
    </message>
</context>
<context>
    <name>CheckSummary</name>
    <message>
        <source>{rows}: {imported} to import, {merged} merged into duplicates, {rejected} rejected; {review}; {cleaned}.</source>
        <translation>{rows}：{imported} 行待导入，{merged} 行合并为重复记录，{rejected} 行被拒绝；{review}；{cleaned}。</translation>
    </message>
    <message>
        <source>{n} row read</source>
        <translation>读取 {n} 行</translation>
    </message>
    <message>
        <source>{n} rows read</source>
        <translation>读取 {n} 行</translation>
    </message>
    <message>
        <source>{n} pair to review</source>
        <translation>{n} 对待复核</translation>
    </message>
    <message>
        <source>{n} pairs to review</source>
        <translation>{n} 对待复核</translation>
    </message>
    <message>
        <source>{n} value cleaned</source>
        <translation>清洗了 {n} 个值</translation>
    </message>
    <message>
        <source>{n} values cleaned</source>
        <translation>清洗了 {n} 个值</translation>
    </message>
    <message>
        <source>Required fields with no column: {fields}.</source>
        <translation>没有对应列的必填字段：{fields}。</translation>
    </message>
    <message>
        <source>No CRM server is configured: only the workbook was checked, and Import needs one.</source>
        <translation>未配置 CRM 服务器：只检查了工作簿本身；导入需要服务器。</translation>
    </message>
    <message>
        <source>The server&apos;s records were not consulted.</source>
        <translation>未查询服务器上的已有记录。</translation>
    </message>
    <message>
        <source>These records were imported already ({when}, from {source}): importing them again writes nothing.</source>
        <translation>这些记录已经导入过（{when}，来自 {source}）：再次导入不会写入任何内容。</translation>
    </message>
    <message>
        <source>An import of these records stopped half-way ({when}): Import resumes it, writing nothing twice.</source>
        <translation>这些记录的一次导入中途停止了（{when}）：点击“导入”将继续，已写入的不会重复写入。</translation>
    </message>
    <message>
        <source>An import of these records was reverted ({when}): change the workbook or the mapping to import them again.</source>
        <translation>这些记录的导入已被撤销（{when}）：如需再次导入，请修改工作簿或映射。</translation>
    </message>
</context>
<context>
    <name>ConditionBuilder</name>
    <message>
        <source>equals</source>
        <translation>等于</translation>
    </message>
    <message>
        <source>does not equal</source>
        <translation>不等于</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>属于</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>不属于</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>开头是</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>不为空</translation>
    </message>
    <message>
        <source>is greater than</source>
        <translation>大于</translation>
    </message>
    <message>
        <source>is at least</source>
        <translation>不小于</translation>
    </message>
    <message>
        <source>is less than</source>
        <translation>小于</translation>
    </message>
    <message>
        <source>is at most</source>
        <translation>不大于</translation>
    </message>
    <message>
        <source>is between</source>
        <translation>介于</translation>
    </message>
    <message>
        <source>matches the pattern</source>
        <translation>匹配正则表达式</translation>
    </message>
</context>
<context>
    <name>ConditionGroup</name>
    <message>
        <source>All of these hold</source>
        <translation>满足以下全部条件</translation>
    </message>
    <message>
        <source>Any of these holds</source>
        <translation>满足以下任一条件</translation>
    </message>
    <message>
        <source>+ Condition</source>
        <translation>+ 条件</translation>
    </message>
    <message>
        <source>+ Group</source>
        <translation>+ 条件组</translation>
    </message>
    <message>
        <source>A group of its own inside this one, e.g. any of several conditions</source>
        <translation>在此组内再建一个条件组，例如“满足以下任一条件”</translation>
    </message>
    <message>
        <source>Remove this group</source>
        <translation>删除此条件组</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>a, b, c</source>
        <translation>甲, 乙, 丙</translation>
    </message>
    <message>
        <source>low, high</source>
        <translation>下限, 上限</translation>
    </message>
    <message>
        <source>a regular expression</source>
        <translation>正则表达式</translation>
    </message>
</context>
<context>
    <name>DesignerDocument</name>
    <message>
        <source>Loading the draft…</source>
        <extracomment>red entities of the last kept scan (the freeze): entity -&gt; why what the rules learn of the last kept scan (``studio.scan.freeze.with_freeze``)</extracomment>
        <translation>正在载入草稿…</translation>
    </message>
    <message>
        <source>The draft was reloaded as the other person saved it, but your edits could not be made again on it (an undo went past your last save): make them again by hand.</source>
        <translation>已重新载入对方保存的草稿，但您的修改无法在其上重新应用（撤销越过了您上次的保存）：请手动重新修改。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Someone else changed the draft after you opened it. Your edits since then are not saved, and theirs were not overwritten.</source>
        <translation>草稿在您打开后已被他人修改。您此后的修改没有保存，对方的修改也没有被覆盖。</translation>
    </message>
    <message>
        <source>Someone else changed the draft after you opened it (%1). Your edits since then are not saved, and theirs were not overwritten.</source>
        <translation>草稿在您打开后已被他人修改（%1）。您此后的修改没有保存，对方的修改也没有被覆盖。</translation>
    </message>
    <message>
        <source>All edits saved to the draft.</source>
        <translation>所有修改已保存到草稿。</translation>
    </message>
    <message>
        <source>Could not save the draft: %1</source>
        <translation>无法保存草稿：%1</translation>
    </message>
</context>
<context>
    <name>DiffModel</name>
    <message>
        <source>yes</source>
        <extracomment>A gain an approver must not miss (a sensitive field readable, delete on a protected entity). Data role marking a row as an alarming gain (tests read it, not the colour).</extracomment>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>label</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>default value</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>value for existing records</source>
        <translation>旧记录的回填值</translation>
    </message>
    <message>
        <source>unique</source>
        <translation>唯一</translation>
    </message>
    <message>
        <source>searchable</source>
        <translation>可搜索</translation>
    </message>
    <message>
        <source>maximum length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>sensitive</source>
        <translation>敏感</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>校验规则</translation>
    </message>
    <message>
        <source>pattern</source>
        <translation>格式（正则表达式）</translation>
    </message>
    <message>
        <source>hint for the pattern</source>
        <translation>格式提示</translation>
    </message>
    <message>
        <source>minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>refers to</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>deprecated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>sections</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>minimum approvals</source>
        <translation>最少批准人数</translation>
    </message>
    <message>
        <source>roles that must approve</source>
        <translation>必须参与审批的角色</translation>
    </message>
    <message>
        <source>maximum fields per entity</source>
        <translation>每个实体最多字段数</translation>
    </message>
    <message>
        <source>searchable fields: warning at</source>
        <translation>可搜索字段：警告阈值</translation>
    </message>
    <message>
        <source>searchable fields: limit</source>
        <translation>可搜索字段：上限</translation>
    </message>
    <message>
        <source>maximum average length</source>
        <translation>最大平均长度</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变更后</translation>
    </message>
    <message>
        <source>No changes against the live version.</source>
        <translation>与线上版本相比没有变更。</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Approvers</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source> ({n} sensitive gain)</source>
        <translation>（{n} 项敏感权限获得）</translation>
    </message>
    <message>
        <source> ({n} sensitive gains)</source>
        <translation>（{n} 项敏感权限获得）</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Approval policy</source>
        <translation>审批策略</translation>
    </message>
    <message>
        <source>Automation rules changed</source>
        <translation>自动化规则有变更</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Entity %1: %2</source>
        <translation>实体 %1：%2</translation>
    </message>
    <message>
        <source>Field added: %1 [%2]</source>
        <translation>新增字段：%1 [%2]</translation>
    </message>
    <message>
        <source>Field removed: %1</source>
        <translation>删除字段：%1</translation>
    </message>
    <message>
        <source>Field changed: %1</source>
        <translation>修改字段：%1</translation>
    </message>
    <message>
        <source>Field order changed</source>
        <translation>字段顺序已调整</translation>
    </message>
    <message>
        <source>Form %1: %2</source>
        <translation>表单 %1：%2</translation>
    </message>
    <message>
        <source>placed</source>
        <translation>加入表单</translation>
    </message>
    <message>
        <source>removed from form</source>
        <translation>移出表单</translation>
    </message>
    <message>
        <source>Access gained and lost</source>
        <translation>获得与失去的权限</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>create</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>read</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>update</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>DraftBanner</name>
    <message>
        <source>Reload and keep my edits</source>
        <translation>重新载入并保留我的修改</translation>
    </message>
    <message>
        <source>Load the draft as saved by the other person and make your unsaved edits again on it, except where they changed the same thing (theirs stays there)</source>
        <translation>载入对方保存的草稿，并在其上重新应用您未保存的修改；双方改了同一处的，保留对方的修改</translation>
    </message>
    <message>
        <source>Reload the draft</source>
        <translation>重新载入草稿</translation>
    </message>
    <message>
        <source>Show the draft as saved by the other person; your unsaved edits are dropped</source>
        <translation>显示对方保存的草稿；您未保存的修改将被放弃</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The draft was reloaded as the other person saved it.</source>
        <translation>已重新载入对方保存的草稿。</translation>
    </message>
    <message>
        <source>The draft was reloaded as the other person saved it, and your edit was made again on it.</source>
        <translation>已重新载入对方保存的草稿，并在其上重新应用了您的修改。</translation>
    </message>
    <message>
        <source>The draft was reloaded as the other person saved it, and your {n} edits were made again on it.</source>
        <translation>已重新载入对方保存的草稿，并在其上重新应用了您的 {n} 项修改。</translation>
    </message>
    <message>
        <source>Not made again: %1</source>
        <translation>未重新应用：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>DraftEditedBanner</name>
    <message>
        <source>The draft has been edited since change %1 (“%2”) was submitted; these edits are not part of it. Submit again to include them — the approvals given so far will not count for the new change.</source>
        <translation>变更 %1（“%2”）提交之后草稿又被修改过；这些修改不包含在该变更中。如需包含它们，请重新提交——已有的审批不会计入新的变更。</translation>
    </message>
    <message>
        <source>Submit again…</source>
        <translation>重新提交…</translation>
    </message>
</context>
<context>
    <name>DraftTab</name>
    <message>
        <source>&amp;Submit for approval…</source>
        <translation>提交审批(&amp;S)…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reset draft to &amp;live…</source>
        <translation>将草稿重置为线上版本(&amp;L)…</translation>
    </message>
    <message>
        <source>Replace the draft with the live version, dropping the draft&apos;s own edits.</source>
        <translation>用线上版本替换草稿，丢弃草稿中尚未上线的修改。</translation>
    </message>
    <message>
        <source>v%1 is live: a rollback to v%2. The draft still holds the configuration from before the rollback, so submitting it would bring that back. Reset draft to live to start again from what is live.</source>
        <extracomment>Reset was asked for while the draft was being saved: it runs once the save is done.</extracomment>
        <translation>v%1 已上线：它回滚到了 v%2。草稿中仍是回滚之前的配置，提交草稿会把它重新带回来。请将草稿重置为线上版本，从线上配置重新开始编辑。</translation>
    </message>
    <message>
        <source>Reset draft to live</source>
        <translation>将草稿重置为线上版本</translation>
    </message>
    <message>
        <source>Replace the draft with live version v%1? The draft&apos;s edits that are not live are dropped (the audit log keeps a record of the reset).</source>
        <translation>用线上版本 v%1 替换草稿？草稿中尚未上线的修改将被丢弃（审计日志会记录此次重置）。</translation>
    </message>
    <message>
        <source>Reset draft</source>
        <translation>重置草稿</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The draft was not reset: the draft on screen is not the one saved. Reload it first (the red bar above), then reset.</source>
        <translation>草稿没有重置：屏幕上的草稿不是已保存的那份。请先（在上方红色提示栏中）重新载入草稿，再重置。</translation>
    </message>
    <message>
        <source>The draft was not reset: it was read again meanwhile. Look at it, then reset again.</source>
        <translation>草稿没有重置：期间草稿已被重新读取。请先查看，再重新重置。</translation>
    </message>
    <message>
        <source>The draft was not reset: %1</source>
        <translation>草稿未重置：%1</translation>
    </message>
    <message>
        <source>live version v%1</source>
        <translation>线上版本 v%1</translation>
    </message>
    <message>
        <source>nothing live yet (the first release)</source>
        <translation>尚无线上版本（首次发布）</translation>
    </message>
    <message>
        <source>Draft (fingerprint {sha}) against {live}: {added}, {removed} removed, {changed} changed, {cells} changed.</source>
        <translation>草稿（指纹 {sha}）对比{live}：{added}，删除 {removed} 个，修改 {changed} 个，{cells}变更。</translation>
    </message>
    <message>
        <source>{n} field added</source>
        <translation>新增 {n} 个字段</translation>
    </message>
    <message>
        <source>{n} fields added</source>
        <translation>新增 {n} 个字段</translation>
    </message>
    <message>
        <source>{n} permission cell</source>
        <translation>权限 {n} 处</translation>
    </message>
    <message>
        <source>{n} permission cells</source>
        <translation>权限 {n} 处</translation>
    </message>
    <message>
        <source>Submit is blocked by {n} error finding: {first}</source>
        <translation>有 {n} 个错误，无法提交：{first}</translation>
    </message>
    <message>
        <source>Submit is blocked by {n} error findings. First: {first}</source>
        <translation>有 {n} 个错误，无法提交。第一个：{first}</translation>
    </message>
    <message>
        <source>The draft equals the live version: nothing to submit.</source>
        <translation>草稿与线上版本相同：没有可提交的内容。</translation>
    </message>
    <message>
        <source>The draft is frozen into a change request. It goes live only after the approvals the policy asks for (by default a business lead and an IT admin) and a signed push.</source>
        <translation>草稿将被冻结为一个变更申请。只有获得审批策略要求的批准（默认需业务负责人和 IT 管理员各一人）并经签名发布后才会上线。</translation>
    </message>
    <message>
        <source>This supersedes change %1; the approvals given to it will not count for the new change.</source>
        <translation>这将取代变更 %1；它已获得的审批不会计入新的变更。</translation>
    </message>
    <message>
        <source>Submit the draft for approval</source>
        <translation>提交草稿审批</translation>
    </message>
</context>
<context>
    <name>EntitiesPane</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Find a field (Ctrl+F)</source>
        <translation>查找字段（Ctrl+F）</translation>
    </message>
    <message>
        <source>A piece of a field&apos;s key or of its Chinese or English label; Enter: next entity</source>
        <translation>字段键或中英文名称中的一部分；按回车跳到下一个实体</translation>
    </message>
    <message>
        <source>F&amp;orms</source>
        <translation>表单(&amp;O)</translation>
    </message>
    <message>
        <source>{fields} in {entities}</source>
        <translation>{entities}中的 {fields}</translation>
    </message>
    <message>
        <source>{n} field</source>
        <translation>{n} 个字段</translation>
    </message>
    <message>
        <source>{n} fields</source>
        <translation>{n} 个字段</translation>
    </message>
    <message>
        <source>{n} entity</source>
        <translation>{n} 个实体</translation>
    </message>
    <message>
        <source>{n} entities</source>
        <translation>{n} 个实体</translation>
    </message>
    <message>
        <source>{entity} — {n} field</source>
        <translation>{entity} — {n} 个字段</translation>
    </message>
    <message>
        <source>{entity} — {n} fields</source>
        <translation>{entity} — {n} 个字段</translation>
    </message>
    <message>
        <source>No field matches.</source>
        <translation>没有匹配的字段。</translation>
    </message>
    <message>
        <source>&amp;New entity…</source>
        <translation>新建实体(&amp;N)…</translation>
    </message>
    <message>
        <source>F&amp;ields</source>
        <translation>字段(&amp;I)</translation>
    </message>
    <message>
        <source>No entities yet.</source>
        <translation>还没有实体。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Fix all findings</source>
        <translation>修复全部问题</translation>
    </message>
    <message>
        <source>Add entity %1</source>
        <translation>新增实体 %1</translation>
    </message>
    <message>
        <source>New entity</source>
        <translation>新建实体</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Label (中文)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Label (English)</source>
        <translation>名称（英文）</translation>
    </message>
</context>
<context>
    <name>EntityTab</name>
    <message>
        <source>Set &amp;selection…</source>
        <translation>设置所选单元格(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Not allowed</source>
        <translation>不允许(&amp;N)</translation>
    </message>
    <message>
        <source>Take every action away in the selected cells</source>
        <translation>取消所选单元格中的全部操作</translation>
    </message>
    <message>
        <source>Copy &amp;role from…</source>
        <translation>从角色复制(&amp;R)…</translation>
    </message>
    <message>
        <source>C create, R read, E edit, A archive (hidden, history kept), D delete, I import, X export; /t the team&apos;s records, /o own records, else all; · not allowed. Double-click or Enter to change a cell; select cells (a row, a column, any rectangle) to set them at once.</source>
        <extracomment>the scopes or copy dialog on screen, or the last one (tests fill and accept it)</extracomment>
        <translation>C 新建，R 查看，E 编辑，A 作废（隐藏，保留历史），D 删除，I 导入，X 导出；/t 本团队的记录，/o 本人的记录，否则为全部记录；· 不允许。双击或按回车修改单元格；选中多个单元格（一行、一列或任意矩形）可一次设置。</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <source>own records</source>
        <translation>本人的记录</translation>
    </message>
    <message>
        <source>the team&apos;s records</source>
        <translation>本团队的记录</translation>
    </message>
    <message>
        <source>all records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Actions of %1 on %2</source>
        <translation>%1 对 %2 的操作权限</translation>
    </message>
    <message>
        <source>Actions of the {n} selected cell</source>
        <translation>所选 {n} 个单元格的操作</translation>
    </message>
    <message>
        <source>Actions of the {n} selected cells</source>
        <translation>所选 {n} 个单元格的操作</translation>
    </message>
    <message>
        <source>Copy role from</source>
        <translation>从角色复制</translation>
    </message>
    <message>
        <source>Copy the actions on every entity of:</source>
        <translation>复制以下角色在每个实体上的操作：</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Records to Excel…</source>
        <translation>记录导出为 Excel…</translation>
    </message>
    <message>
        <source>The server&apos;s records of this entity as a workbook (formulas neutralised).</source>
        <translation>将服务器上此实体的记录导出为工作簿（公式已做防注入处理）。</translation>
    </message>
    <message>
        <source>Import template…</source>
        <translation>导入模板…</translation>
    </message>
    <message>
        <source>A workbook with this entity&apos;s columns: required ones marked, dropdowns for choices, the configuration&apos;s version inside.</source>
        <translation>包含此实体各列的工作簿：必填列有标记，选项列有下拉框，并记录配置版本。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export records</source>
        <translation>导出记录</translation>
    </message>
    <message>
        <source>Save import template</source>
        <translation>保存导入模板</translation>
    </message>
    <message>
        <source>No CRM server to export from: configure one first.</source>
        <translation>没有可导出的 CRM 服务器：请先配置。</translation>
    </message>
    <message>
        <source>{n} record written to {path}.</source>
        <translation>已将 {n} 条记录写入 {path}。</translation>
    </message>
    <message>
        <source>{n} records written to {path}.</source>
        <translation>已将 {n} 条记录写入 {path}。</translation>
    </message>
    <message>
        <source>Import template written to {path} (configuration v{version}).</source>
        <translation>导入模板已写入 {path}（配置 v{version}）。</translation>
    </message>
    <message>
        <source>Import template written to {path} (from the draft).</source>
        <translation>导入模板已写入 {path}（来自草稿）。</translation>
    </message>
</context>
<context>
    <name>FieldDesigner</name>
    <message>
        <source>Add a field to this entity (Ctrl+Shift+N)</source>
        <translation>为此实体新增字段（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move the field up (Alt+Up)</source>
        <translation>上移字段（Alt+↑）</translation>
    </message>
    <message>
        <source>Move the field down (Alt+Down)</source>
        <translation>下移字段（Alt+↓）</translation>
    </message>
    <message>
        <source>De&amp;precate</source>
        <translation>弃用(&amp;P)</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>显示列</translation>
    </message>
    <message>
        <source>Add fie&amp;ld…</source>
        <extracomment>Setting: the field table&apos;s columns the admin hid (by property name). the field whose edit this designer is applying (its refusal is shown here) the keys of the fields the pane&apos;s search shows (``None``: no search, all fields)</extracomment>
        <translation>新增字段(&amp;L)…</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Hi&amp;de</source>
        <translation>隐藏(&amp;D)</translation>
    </message>
    <message>
        <source>Unde&amp;precate</source>
        <translation>取消弃用(&amp;P)</translation>
    </message>
    <message>
        <source>Unhi&amp;de</source>
        <translation>取消隐藏(&amp;D)</translation>
    </message>
    <message>
        <source>Edit %1.%2</source>
        <translation>编辑 %1.%2</translation>
    </message>
    <message>
        <source>Move field %1</source>
        <translation>移动字段 %1</translation>
    </message>
    <message>
        <source>New field</source>
        <translation>新建字段</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Label (中文)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Label (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Refers to (reference fields)</source>
        <translation>引用目标（引用字段）</translation>
    </message>
    <message>
        <source>Add field %1</source>
        <translation>新增字段 %1</translation>
    </message>
</context>
<context>
    <name>FieldTable</name>
    <message>
        <source>Key</source>
        <translation>字段键</translation>
    </message>
    <message>
        <source>Label (中文)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Label (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>唯一</translation>
    </message>
    <message>
        <source>Searchable</source>
        <translation>可搜索</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>敏感</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Deprecated</source>
        <translation>已弃用</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>已隐藏</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Suggested fix</source>
        <translation>建议修复</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>No automatic fix: edit by hand.</source>
        <translation>没有自动修复：请手动修改。</translation>
    </message>
    <message>
        <source>Fix applies: %1. It is one edit, which Undo takes back.</source>
        <translation>修复将执行：%1。这是一步修改，可以撤销。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Fi&amp;x</source>
        <translation>修复(&amp;X)</translation>
    </message>
    <message>
        <source>Apply the selected finding&apos;s fix (undoable)</source>
        <translation>应用所选问题的修复（可撤销）</translation>
    </message>
    <message>
        <source>Fix &amp;all</source>
        <translation>全部修复(&amp;A)</translation>
    </message>
    <message>
        <source>Apply every fix that needs no value you choose, as one undoable edit</source>
        <translation>应用所有无需您填写取值的修复，作为一步可撤销的修改</translation>
    </message>
    <message>
        <source>No findings: the draft passes every check.</source>
        <translation>没有发现问题：草稿通过了所有检查。</translation>
    </message>
    <message>
        <source>{errors}, {warnings}; errors block submitting the change.</source>
        <translation>{errors}，{warnings}；有错误时不能提交变更。</translation>
    </message>
    <message>
        <source>{n} error</source>
        <translation>{n} 个错误</translation>
    </message>
    <message>
        <source>{n} errors</source>
        <translation>{n} 个错误</translation>
    </message>
    <message>
        <source>{n} warning</source>
        <translation>{n} 个警告</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} 个警告</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>值：</translation>
    </message>
</context>
<context>
    <name>FormDesigner</name>
    <message>
        <source>Form:</source>
        <translation>表单：</translation>
    </message>
    <message>
        <source>&amp;Remove from form</source>
        <translation>从表单移除(&amp;R)</translation>
    </message>
    <message>
        <source>Take the selected field off this form (Del)</source>
        <translation>把所选字段从此表单移除（Del）</translation>
    </message>
    <message>
        <source>New for&amp;m…</source>
        <translation>新建表单(&amp;M)…</translation>
    </message>
    <message>
        <source>New sec&amp;tion…</source>
        <translation>新建分区(&amp;T)…</translation>
    </message>
    <message>
        <source>To&amp;ggle read-only</source>
        <translation>切换只读(&amp;G)</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Fields (drag onto the form)</source>
        <translation>字段（拖到表单上）</translation>
    </message>
    <message>
        <source>Form layout</source>
        <translation>表单布局</translation>
    </message>
    <message>
        <source>Live preview</source>
        <translation>实时预览</translation>
    </message>
    <message>
        <source>create</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>移动端</translation>
    </message>
    <message>
        <source>Place %1 on the form</source>
        <translation>把 %1 放到表单上</translation>
    </message>
    <message>
        <source>Remove %1 from the form</source>
        <translation>把 %1 从表单移除</translation>
    </message>
    <message>
        <source>Mark %1 read-only</source>
        <translation>将 %1 设为只读</translation>
    </message>
    <message>
        <source>Make %1 editable</source>
        <translation>将 %1 设为可编辑</translation>
    </message>
    <message>
        <source>Move %1 to column %2</source>
        <translation>把 %1 移到第 %2 列</translation>
    </message>
    <message>
        <source>Add form %1</source>
        <translation>新增表单 %1</translation>
    </message>
    <message>
        <source>New form</source>
        <translation>新建表单</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>For</source>
        <translation>用于</translation>
    </message>
    <message>
        <source>Label (中文)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Label (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Add section %1</source>
        <translation>新增分区 %1</translation>
    </message>
    <message>
        <source>New section</source>
        <translation>新建分区</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列数</translation>
    </message>
    <message>
        <source>Already on this form</source>
        <translation>已在此表单上</translation>
    </message>
    <message>
        <source>Drag onto a section of the form</source>
        <translation>拖到表单的某个分区上</translation>
    </message>
    <message>
        <source>Section / field</source>
        <translation>分区 / 字段</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>{n} column</source>
        <translation>{n} 列</translation>
    </message>
    <message>
        <source>{n} columns</source>
        <translation>{n} 列</translation>
    </message>
</context>
<context>
    <name>FormPreview</name>
    <message>
        <source>&amp;Save</source>
        <extracomment>Pixels. A caption wraps beyond this width, so a long label never pushes its input away; an input and its message are at least this wide, so neither is squeezed (a message wrapped inside a word, &quot;此项为必填/项。&quot;, was the sign). Two columns that do not fit scroll sideways.</extracomment>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>清空(&amp;C)</translation>
    </message>
    <message>
        <source>No form to preview: add one with “New form…”.</source>
        <translation>没有可预览的表单：请用“新建表单…”添加一个。</translation>
    </message>
    <message>
        <source>Saving will always fail: the required field {names} cannot be filled in on this form and has no default.</source>
        <translation>保存总会失败：必填字段 {names} 无法在此表单上填写，且没有默认值。</translation>
    </message>
    <message>
        <source>Saving will always fail: the required fields {names} cannot be filled in on this form and have no default.</source>
        <translation>保存总会失败：必填字段 {names} 无法在此表单上填写，且没有默认值。</translation>
    </message>
    <message>
        <source>Please correct the marked fields.</source>
        <translation>请更正标记的字段。</translation>
    </message>
    <message>
        <source>Saved (preview only: nothing is stored).</source>
        <translation>已保存（仅预览：不会存储任何数据）。</translation>
    </message>
</context>
<context>
    <name>HealthActions</name>
    <message>
        <source>&amp;Data health…</source>
        <translation>数据健康(&amp;D)…</translation>
    </message>
    <message>
        <source>The server&apos;s records of this entity through the same checks, nothing written: the duplicate rate by mobile and the most frequent kinds of dirty data, by owner.</source>
        <translation>用同样的检查过一遍服务器上该实体的记录，不写入任何数据：按手机号的重复率，以及最常见的脏数据类型（按负责人）。</translation>
    </message>
    <message>
        <source>No CRM server is configured: the report is made again once one is (STUDIO_SERVER_URL, or the studio&apos;s own server).</source>
        <translation>尚未配置 CRM 服务器：配置后（STUDIO_SERVER_URL，或本软件自带的服务器）才能重新生成报告。</translation>
    </message>
    <message>
        <source>Save data-health report</source>
        <translation>保存数据健康报告</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Data-health report written to {path}.</source>
        <translation>数据健康报告已写入 {path}。</translation>
    </message>
    <message>
        <source>No CRM server to read the records from: configure one first.</source>
        <translation>没有可读取记录的 CRM 服务器：请先配置。</translation>
    </message>
    <message>
        <source>{records}: duplicate rate by mobile {rate} (line 8 %); most frequent problems: {top}.</source>
        <translation>{records}：按手机号的重复率 {rate}（红线 8%）；最常见的问题：{top}。</translation>
    </message>
    <message>
        <source>{n} record</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>{problem} ({count})</source>
        <translation>{problem}（{count}）</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
</context>
<context>
    <name>HealthCharts</name>
    <message>
        <source>fields</source>
        <translation>字段数</translation>
    </message>
    <message>
        <source>searchable</source>
        <translation>可搜索字段数</translation>
    </message>
    <message>
        <source>Column lengths appear here after a scan of the CRM database.</source>
        <translation>扫描 CRM 数据库后，这里显示各列的长度。</translation>
    </message>
    <message>
        <source>The trend appears here once scans are kept.</source>
        <extracomment>pyqtgraph&apos;s date formats (strftime) as QLocale formats, per UI language: QLocale says the month and the day of the week in the language (&quot;12月&quot;, &quot;周三&quot;), strftime in the C locale&apos;s.</extracomment>
        <translation>保存过扫描后，这里显示趋势。</translation>
    </message>
    <message>
        <source>longest column (characters)</source>
        <translation>最长的列（字符数）</translation>
    </message>
</context>
<context>
    <name>HealthPane</name>
    <message>
        <source>CRM database: postgresql+psycopg://user@host/crm (password from the keyring), or the path of an SQLite file</source>
        <extracomment>the read of the last kept scan under way, if any (``reload``)</extracomment>
        <translation>CRM 数据库：postgresql+psycopg://user@host/crm（密码取自系统密钥环），或 SQLite 文件的路径</translation>
    </message>
    <message>
        <source>Scan now</source>
        <translation>立即扫描</translation>
    </message>
    <message>
        <source>Mapping…</source>
        <translation>映射…</translation>
    </message>
    <message>
        <source>Which table holds each entity and which column each field (after a scan)</source>
        <translation>每个实体对应哪张表、每个字段对应哪一列（扫描之后可用）</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段数</translation>
    </message>
    <message>
        <source>Searchable</source>
        <translation>可搜索</translation>
    </message>
    <message>
        <source>Longest column</source>
        <translation>最长的列</translation>
    </message>
    <message>
        <source>Avg length</source>
        <translation>平均长度</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Fields and searchable fields per entity</source>
        <translation>各实体的字段数与可搜索字段数</translation>
    </message>
    <message>
        <source>Average (dark) and 95 % length of the longest columns</source>
        <translation>最长各列的平均长度（深色）与 95 分位长度</translation>
    </message>
    <message>
        <source>Trend of the selected entity</source>
        <translation>所选实体的趋势</translation>
    </message>
    <message>
        <source>Reading the last scan…</source>
        <translation>正在读取上次扫描…</translation>
    </message>
    <message>
        <source>The last scan could not be read: {message}</source>
        <translation>无法读取上次扫描：{message}</translation>
    </message>
    <message>
        <source>No scan yet: the status comes from the configuration alone. Enter the CRM database and press Scan now.</source>
        <translation>尚未扫描：状态仅依据配置判断。请输入 CRM 数据库并点击“立即扫描”。</translation>
    </message>
    <message>
        <source>{url}: {tables}, scanned {at} in {seconds} s.</source>
        <translation>{url}：{tables}，扫描于 {at}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>{n} table</source>
        <translation>{n} 张表</translation>
    </message>
    <message>
        <source>{n} tables</source>
        <translation>{n} 张表</translation>
    </message>
    <message>
        <source>Partial: some tables were not measured in full.</source>
        <translation>部分结果：有些表没有完整测量。</translation>
    </message>
    <message>
        <source>Red, so frozen: {entities}.</source>
        <translation>红色，因此已冻结：{entities}。</translation>
    </message>
    <message>
        <source>green</source>
        <translation>绿</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>黄</translation>
    </message>
    <message>
        <source>red</source>
        <translation>红</translation>
    </message>
    <message>
        <source>No findings: this entity is within every line.</source>
        <translation>没有发现问题：该实体未越过任何红线。</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Enter the CRM database to scan first.</source>
        <translation>请先输入要扫描的 CRM 数据库。</translation>
    </message>
    <message>
        <source>Scanning the CRM database</source>
        <translation>正在扫描 CRM 数据库</translation>
    </message>
    <message>
        <source>The scan failed: {message}</source>
        <translation>扫描失败：{message}</translation>
    </message>
    <message>
        <source>Password of the CRM database</source>
        <translation>CRM 数据库的密码</translation>
    </message>
    <message>
        <source>The password of the database user: it is kept in this computer&apos;s keyring, never in the workspace, and the scans of this database sign in with it.</source>
        <translation>数据库用户的密码：保存在本机的密钥环中，不会存入工作区；以后扫描此数据库时用它登录。</translation>
    </message>
    <message>
        <source>Scan cancelled; nothing was kept.</source>
        <translation>扫描已取消；未保存任何结果。</translation>
    </message>
</context>
<context>
    <name>HealthTab</name>
    <message>
        <source>Export the health report to Excel…</source>
        <translation>将健康报告导出到 Excel…</translation>
    </message>
    <message>
        <source>Permission health report</source>
        <translation>权限健康报告</translation>
    </message>
</context>
<context>
    <name>HealthView</name>
    <message>
        <source>Press Data health… to check the server&apos;s records of the chosen entity.</source>
        <translation>点击“数据健康…”检查服务器上所选实体的记录。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Save as Excel…</source>
        <translation>另存为 Excel…</translation>
    </message>
    <message>
        <source>Duplicate rate by mobile</source>
        <translation>按手机号的重复率</translation>
    </message>
    <message>
        <source>Most frequent kinds of dirty data (records)</source>
        <translation>最常见的脏数据类型（记录数）</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Kind of dirty data</source>
        <translation>脏数据类型</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>{entity}: {records}, {with_mobile} with a mobile; duplicate rate by mobile {rate} ({side} the 8 % line); {kinds}.</source>
        <translation>{entity}：共 {records}，其中 {with_mobile} 条有手机号；按手机号的重复率 {rate}（{side} 8% 红线）；{kinds}。</translation>
    </message>
    <message>
        <source>{n} record</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>over</source>
        <translation>超过</translation>
    </message>
    <message>
        <source>under</source>
        <translation>低于</translation>
    </message>
    <message>
        <source>{n} kind of dirty data</source>
        <translation>{n} 类脏数据</translation>
    </message>
    <message>
        <source>{n} kinds of dirty data</source>
        <translation>{n} 类脏数据</translation>
    </message>
    <message>
        <source>(no owner)</source>
        <translation>（无负责人）</translation>
    </message>
    <message>
        <source>Out of date: records were imported or reverted since this report.</source>
        <translation>已过时：生成此报告后又有记录被导入或撤销。</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>红线 {line}</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Live since</source>
        <translation>上线时间</translation>
    </message>
    <message>
        <source> (live)</source>
        <translation>（线上）</translation>
    </message>
    <message>
        <source>%1 (rollback to v%2)</source>
        <translation>%1（回滚到 v%2）</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Roll &amp;back to this version…</source>
        <extracomment>``run(fn, done)``: the pane&apos;s way of running core calls off the UI thread.</extracomment>
        <translation>回滚到此版本(&amp;B)…</translation>
    </message>
    <message>
        <source>No release is live yet.</source>
        <translation>还没有上线的版本。</translation>
    </message>
    <message>
        <source>v%1 by %2, approved by %3; fingerprint %4.</source>
        <translation>v%1，提交人 %2，审批人 %3；指纹 %4。</translation>
    </message>
</context>
<context>
    <name>ImpactLoader</name>
    <message>
        <source>Server statistics unavailable: %1</source>
        <translation>服务器统计数据不可用：%1</translation>
    </message>
    <message>
        <source>Asking the server how many records lack a value…</source>
        <translation>正在向服务器查询缺少取值的记录数…</translation>
    </message>
</context>
<context>
    <name>ImportExportPane</name>
    <message>
        <source>No file chosen: .xlsx, .xls, .ods or .csv (GBK too).</source>
        <translation>未选择文件：支持 .xlsx、.xls、.ods 或 .csv（包括 GBK 编码）。</translation>
    </message>
    <message>
        <source>A dry run: everything is checked, nothing is written.</source>
        <translation>试运行：检查全部内容，不写入任何数据。</translation>
    </message>
    <message>
        <source>&amp;Open workbook…</source>
        <extracomment>Field choices the admin made by hand (kept when another header row is tried). Whether the next check&apos;s results should bring their most telling tab forward. The journal of the import the checked plan would be, if it ran before. The server&apos;s records the checked plan merges into or asks about, by key. Records per request of a real import (``studio.importing.run.BATCH``). The file&apos;s size and time of change when the last check began (``_stamp``). Whether the last check had a CRM server to ask.</extracomment>
        <translation>打开工作簿(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a workbook to import (Ctrl+O)</source>
        <translation>打开要导入的工作簿（Ctrl+O）</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Save error &amp;workbook…</source>
        <translation>保存错误工作簿(&amp;W)…</translation>
    </message>
    <message>
        <source>The sheet to import</source>
        <translation>要导入的工作表</translation>
    </message>
    <message>
        <source>found</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>The row of column titles (header = row 1 of the sheet); &apos;found&apos;: guessed</source>
        <translation>列标题所在的行（工作表第 1 行为 1）；“自动识别”：自动判断</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>标题行：</translation>
    </message>
    <message>
        <source>Into:</source>
        <translation>导入到：</translation>
    </message>
    <message>
        <source>Open a workbook (.xlsx, .xls, .ods or .csv): its columns are matched to the fields and every row is checked at once. Nothing is written until Import.</source>
        <translation>请打开一个工作簿（.xlsx、.xls、.ods 或 .csv）：各列会自动对应到字段，每一行都会立即检查。点击“导入”之前不会写入任何内容。</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>被拒绝的行</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <source>Duplicates merged</source>
        <translation>已合并的重复记录</translation>
    </message>
    <message>
        <source>Changes made</source>
        <translation>所做的修改</translation>
    </message>
    <message>
        <source>Problems by column</source>
        <translation>按列统计的问题</translation>
    </message>
    <message>
        <source>Data health</source>
        <translation>数据健康</translation>
    </message>
    <message>
        <source>Open workbook</source>
        <translation>打开工作簿</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</source>
        <translation>工作簿 (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</translation>
    </message>
    <message>
        <source>The sheet or its header row changed: press Check.</source>
        <translation>工作表或标题行已更改：请点击“检查”。</translation>
    </message>
    <message>
        <source>Reading the sheet…</source>
        <translation>正在读取工作表…</translation>
    </message>
    <message>
        <source>Cleaning the values…</source>
        <translation>正在清洗数据…</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>正在查找重复记录…</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
    <message>
        <source>Changes made ({n})</source>
        <translation>所做的修改（{n}）</translation>
    </message>
    <message>
        <source>The mapping changed: press Check to see what it gives.</source>
        <translation>映射已更改：请点击“检查”查看结果。</translation>
    </message>
    <message>
        <source>No CRM server to import into: configure one first.</source>
        <translation>没有可导入的 CRM 服务器：请先配置。</translation>
    </message>
    <message>
        <source>{name} changed or was moved since it was checked: press Check.</source>
        <translation>{name} 在检查之后被修改或移走了：请点击“检查”。</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Import cancelled between two batches: what was written stays. Import again to resume it (nothing is written twice), or revert it in the list below.</source>
        <translation>导入已在两批之间取消：已写入的数据保留。再次点击导入即可继续（不会重复写入），或在下方列表中撤销。</translation>
    </message>
    <message>
        <source>Creating the new records…</source>
        <translation>正在创建新记录…</translation>
    </message>
    <message>
        <source>Updating the existing records…</source>
        <translation>正在更新已有记录…</translation>
    </message>
    <message>
        <source>Import done.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <source>Import {id} done: {rows}: {created}, {merged} merged into duplicates, {rejected} rejected; {updated} existing records updated.</source>
        <translation>导入 {id} 完成：{rows}：{created}，{merged} 行合并为重复记录，{rejected} 行被拒绝；更新已有记录 {updated} 条。</translation>
    </message>
    <message>
        <source>{n} row read</source>
        <translation>读取 {n} 行</translation>
    </message>
    <message>
        <source>{n} rows read</source>
        <translation>读取 {n} 行</translation>
    </message>
    <message>
        <source>{n} record created</source>
        <translation>新建 {n} 条记录</translation>
    </message>
    <message>
        <source>{n} records created</source>
        <translation>新建 {n} 条记录</translation>
    </message>
    <message>
        <source>Save error workbook</source>
        <translation>保存错误工作簿</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>{n} rejected row written to {path}.</source>
        <translation>已将 {n} 行被拒绝的数据写入 {path}。</translation>
    </message>
    <message>
        <source>{n} rejected rows written to {path}.</source>
        <translation>已将 {n} 行被拒绝的数据写入 {path}。</translation>
    </message>
    <message>
        <source>Cancelled: nothing more was written.</source>
        <translation>已取消：不再写入任何数据。</translation>
    </message>
</context>
<context>
    <name>ImportHistory</name>
    <message>
        <source>Imports</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Revert import…</source>
        <translation>撤销导入(&amp;R)…</translation>
    </message>
    <message>
        <source>Removes what the selected import created and restores what it updated (asks first).</source>
        <translation>删除所选导入创建的记录，并恢复它更新过的记录（会先询问）。</translation>
    </message>
    <message>
        <source>(no file name)</source>
        <translation>（无文件名）</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>reverted</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>No CRM server to revert the import on: configure one first.</source>
        <translation>没有可撤销导入的 CRM 服务器：请先配置。</translation>
    </message>
    <message>
        <source>Revert import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Revert the import of {file} of {date}?</source>
        <translation>撤销 {date} 从 {file} 进行的导入？</translation>
    </message>
    <message>
        <source>Records it created, removed from the CRM: {n}</source>
        <translation>将从 CRM 删除的记录（由此次导入创建）：{n} 条</translation>
    </message>
    <message>
        <source>Records it updated, given back their values from before it: {n}</source>
        <translation>将恢复为导入前内容的记录（被此次导入更新）：{n} 条</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Removing the records the import created…</source>
        <translation>正在删除此次导入创建的记录…</translation>
    </message>
    <message>
        <source>Restoring the records the import updated…</source>
        <translation>正在恢复此次导入更新过的记录…</translation>
    </message>
    <message>
        <source>Revert done.</source>
        <translation>撤销完成。</translation>
    </message>
    <message>
        <source>Reverting the import of {file}</source>
        <translation>正在撤销从 {file} 进行的导入</translation>
    </message>
    <message>
        <source>Import {id} reverted: {removed}, {restored} restored.</source>
        <translation>导入 {id} 已撤销：{removed}，恢复 {restored} 条。</translation>
    </message>
    <message>
        <source>{n} record removed</source>
        <translation>删除 {n} 条记录</translation>
    </message>
    <message>
        <source>{n} records removed</source>
        <translation>删除 {n} 条记录</translation>
    </message>
    <message>
        <source>Revert cancelled between two requests: part of the import may be reverted already. Revert it again to finish (nothing is removed twice).</source>
        <translation>撤销已在两次请求之间取消：此次导入可能已部分撤销。再次撤销即可完成（不会重复删除）。</translation>
    </message>
</context>
<context>
    <name>ImportPane</name>
    <message>
        <source>Rejected rows (red) and cleaned values (blue) by column</source>
        <translation>按列统计：被拒绝的行（红）与清洗过的值（蓝）</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Why it was rejected</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>{row} / on the server</source>
        <translation>{row} / 服务器上已有</translation>
    </message>
    <message>
        <source>Rows merged into one record</source>
        <translation>合并为一条记录的行</translation>
    </message>
    <message>
        <source>Names as written</source>
        <translation>原始写法的姓名</translation>
    </message>
    <message>
        <source>{rows} → a record on the server</source>
        <translation>{rows} → 服务器上已有的记录</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>个数</translation>
    </message>
    <message>
        <source>Examples (as written → as stored)</source>
        <translation>示例（原文 → 存储为）</translation>
    </message>
    <message>
        <source>left as written; rows {rows}</source>
        <translation>保持原样；见第 {rows} 行</translation>
    </message>
    <message>
        <source>(kept beside the record)</source>
        <translation>（另行保留在记录旁）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>KeptGroup</name>
    <message>
        <source>Nested deeper than this editor goes (kept as it is): %1</source>
        <translation>嵌套层级超出编辑器可编辑的深度（保持原样）：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;team workspace (PostgreSQL)…</source>
        <translation>打开团队工作区（PostgreSQL）(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Sign in as</source>
        <translation>切换登录用户(&amp;S)</translation>
    </message>
    <message>
        <source>Signing &amp;key…</source>
        <translation>签名密钥(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Nothing to undo here</source>
        <translation>此处没有可撤销的操作</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About CRM Config Studio</source>
        <translation>关于 CRM Config Studio(&amp;A)</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <source>Signed in as: %1</source>
        <translation>当前用户：%1</translation>
    </message>
    <message>
        <source>Opening workspace…</source>
        <extracomment>the last &quot;Sign in as&quot; passphrase dialog (tests drive it)</extracomment>
        <translation>正在打开工作区…</translation>
    </message>
    <message>
        <source>The language changes the next time the studio starts.</source>
        <translation>语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The studio shows the new language after a restart. Restart now? Every edit is already saved.</source>
        <translation>重新启动后，工作室将以新的语言显示。现在重新启动吗？所有编辑均已保存。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重新启动</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>About CRM Config Studio</source>
        <translation>关于 CRM Config Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CRM Config Studio %1&lt;/h3&gt;&lt;p&gt;Configure your no-code CRM. Every change is checked, co-approved by a business lead and an IT admin, signed, and can be rolled back in one step.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CRM Config Studio %1&lt;/h3&gt;&lt;p&gt;配置您的无代码 CRM。每项变更都经过检查，由业务负责人和 IT 管理员共同审批并签名，并可一键回滚。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Map the CRM database</source>
        <translation>映射 CRM 数据库</translation>
    </message>
    <message>
        <source>Choose the table that holds each entity and the column of each field. Saved with this database; the next scan uses it.</source>
        <translation>为每个实体选择存放它的表，为每个字段选择对应的列。映射随该数据库保存，下次扫描即按此进行。</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>(by name)</source>
        <translation>（按名称匹配）</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Save and scan</source>
        <translation>保存并扫描</translation>
    </message>
    <message>
        <source>Last updated (for cold data)</source>
        <translation>最后更新时间（用于冷数据）</translation>
    </message>
    <message>
        <source>(not mapped)</source>
        <translation>（未映射）</translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>示例值</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>手动选择</translation>
    </message>
    <message>
        <source>moved to {column}</source>
        <translation>已改给 {column}</translation>
    </message>
</context>
<context>
    <name>MatrixExcel</name>
    <message>
        <source>Export the permission matrices</source>
        <extracomment>the last import&apos;s dialog (tests drive it)</extracomment>
        <translation>导出权限矩阵</translation>
    </message>
    <message>
        <source>Import permission matrices</source>
        <translation>导入权限矩阵</translation>
    </message>
    <message>
        <source>The draft changed while the workbook was read: import it again.</source>
        <translation>读取工作簿期间草稿已被修改：请重新导入。</translation>
    </message>
</context>
<context>
    <name>MatrixImportDialog</name>
    <message>
        <source>Import permission matrices: %1</source>
        <translation>导入权限矩阵：%1</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>单元格</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题说明</translation>
    </message>
    <message>
        <source>Save the list as a workbook…</source>
        <translation>将列表保存为工作簿…</translation>
    </message>
    <message>
        <source>{n} problem in the workbook: nothing is applied. Correct the cell below and import again.</source>
        <translation>工作簿中有 {n} 个问题：不会应用任何修改。请更正下列单元格后重新导入。</translation>
    </message>
    <message>
        <source>{n} problems in the workbook: nothing is applied. Correct the cells below and import again.</source>
        <translation>工作簿中有 {n} 个问题：不会应用任何修改。请更正下列单元格后重新导入。</translation>
    </message>
    <message>
        <source>{n} cell differs from the draft. Apply it?</source>
        <translation>{n} 个单元格与草稿不同。要应用吗？</translation>
    </message>
    <message>
        <source>{n} cells differ from the draft. Apply all of them as one edit?</source>
        <translation>{n} 个单元格与草稿不同。作为一次修改全部应用吗？</translation>
    </message>
    <message>
        <source>The workbook holds the draft&apos;s matrices as they are: nothing to apply.</source>
        <translation>工作簿中的权限矩阵与草稿相同：没有需要应用的修改。</translation>
    </message>
    <message>
        <source>(follows)</source>
        <translation>（沿用实体权限）</translation>
    </message>
    <message>
        <source>(not allowed)</source>
        <translation>（不允许）</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Field or action</source>
        <translation>字段或操作</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>&amp;Apply all</source>
        <translation>全部应用(&amp;A)</translation>
    </message>
    <message>
        <source>Save the problems</source>
        <translation>保存问题列表</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Entities &amp; Forms</source>
        <extracomment>which topics of ``studio.op_changes.OpChanges`` make this pane reload the navigator&apos;s text, in the UI language imports the pane&apos;s module (only when the pane is first shown) and returns its class For a pane whose feature is not built yet: what is coming, in the UI language. The navigator marks the entry (so it does not look like a broken pane) and says this in its tooltip; the pane shows it with ``coming_soon``. ``None`` once the feature is there. The navigator, top to bottom.</extracomment>
        <translation>实体与表单</translation>
    </message>
    <message>
        <source>Automation rules</source>
        <translation>自动化规则</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康检查</translation>
    </message>
    <message>
        <source>%1 (coming)</source>
        <translation>%1（即将推出）</translation>
    </message>
    <message>
        <source>Opening the workspace…</source>
        <translation>正在打开工作区…</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Import/Export</source>
        <translation>导入/导出</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>OpProgressDialog</name>
    <message>
        <source>Cancel</source>
        <extracomment>Relays whose outcome is not yet delivered (kept alive here, deleted on the UI thread).</extracomment>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>OptionsEditor</name>
    <message>
        <source>Key</source>
        <extracomment>the rows as (key, 中文, English), when Apply is pressed</extracomment>
        <translation>键</translation>
    </message>
    <message>
        <source>Label (中文)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Label (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Apply options</source>
        <translation>应用选项</translation>
    </message>
</context>
<context>
    <name>OutcomePicker</name>
    <message>
        <source>No owner</source>
        <translation>无负责人</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Team (round-robin)</source>
        <translation>团队（轮流分配）</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
</context>
<context>
    <name>OutcomesModel</name>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>分配结果</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变更后</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Roles</source>
        <extracomment>every button by its text (tests click them)</extracomment>
        <translation>角色</translation>
    </message>
    <message>
        <source>New role…</source>
        <translation>新建角色…</translation>
    </message>
    <message>
        <source>Copy role…</source>
        <translation>复制角色…</translation>
    </message>
    <message>
        <source>Rename role…</source>
        <translation>重命名角色…</translation>
    </message>
    <message>
        <source>Delete role</source>
        <translation>删除角色</translation>
    </message>
    <message>
        <source>Users (one role each)</source>
        <translation>用户（每人一个角色）</translation>
    </message>
    <message>
        <source>New user…</source>
        <translation>新建用户…</translation>
    </message>
    <message>
        <source>Rename user…</source>
        <translation>重命名用户…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更换角色…</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation>删除用户</translation>
    </message>
    <message>
        <source>Teams (who the &apos;team&apos; scope covers)</source>
        <translation>团队（“本团队的”范围所覆盖的人）</translation>
    </message>
    <message>
        <source>New team…</source>
        <translation>新建团队…</translation>
    </message>
    <message>
        <source>Rename team…</source>
        <translation>重命名团队…</translation>
    </message>
    <message>
        <source>Members…</source>
        <translation>成员…</translation>
    </message>
    <message>
        <source>Delete team</source>
        <translation>删除团队</translation>
    </message>
    <message>
        <source>disabled</source>
        <extracomment>the dialog on screen, or the last one (tests fill and accept it)</extracomment>
        <translation>已停用</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>新建角色</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>键：</translation>
    </message>
    <message>
        <source>Chinese name:</source>
        <translation>中文名称：</translation>
    </message>
    <message>
        <source>English name:</source>
        <translation>英文名称：</translation>
    </message>
    <message>
        <source>Copy role %1</source>
        <translation>复制角色 %1</translation>
    </message>
    <message>
        <source>New key:</source>
        <translation>新键：</translation>
    </message>
    <message>
        <source>Rename role %1</source>
        <translation>重命名角色 %1</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Rename user %1</source>
        <translation>重命名用户 %1</translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <source>New team</source>
        <translation>新建团队</translation>
    </message>
    <message>
        <source>Rename team %1</source>
        <translation>重命名团队 %1</translation>
    </message>
    <message>
        <source>(no leader)</source>
        <translation>（无负责人）</translation>
    </message>
    <message>
        <source>Members of %1</source>
        <translation>%1 的成员</translation>
    </message>
    <message>
        <source>Leader:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Members:</source>
        <translation>成员：</translation>
    </message>
</context>
<context>
    <name>PermissionsPane</name>
    <message>
        <source>&amp;Undo</source>
        <extracomment>the server&apos;s counts the findings on screen were judged with</extracomment>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>脱敏</translation>
    </message>
    <message>
        <source>read</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>可编辑</translation>
    </message>
    <message>
        <source>follow the entity permission</source>
        <translation>沿用实体权限</translation>
    </message>
    <message>
        <source>Sensitive fields only</source>
        <translation>仅敏感字段</translation>
    </message>
    <message>
        <source>Changed since live</source>
        <translation>相对线上有变化</translation>
    </message>
    <message>
        <source>Search fields…</source>
        <translation>搜索字段…</translation>
    </message>
    <message>
        <source>Set selection to</source>
        <translation>将所选设为</translation>
    </message>
    <message>
        <source>Select &amp;column</source>
        <translation>选中整列(&amp;C)</translation>
    </message>
    <message>
        <source>E&amp;xcel</source>
        <translation>E&amp;xcel</translation>
    </message>
    <message>
        <source>Both matrices as a workbook to edit in Excel, WPS or LibreOffice, and the edited workbook back into the draft (cell by cell, all or nothing)</source>
        <translation>把两个权限矩阵导出为工作簿，在 Excel、WPS 或 LibreOffice 中编辑，再把编辑后的工作簿导回草稿（逐个单元格，要么全部应用，要么都不应用）</translation>
    </message>
    <message>
        <source>Export the matrices to Excel…</source>
        <translation>将权限矩阵导出到 Excel…</translation>
    </message>
    <message>
        <source>Import edited matrices from Excel…</source>
        <translation>从 Excel 导入编辑后的权限矩阵…</translation>
    </message>
    <message>
        <source>Hand over a &amp;leaver…</source>
        <translation>离职交接(&amp;L)…</translation>
    </message>
    <message>
        <source>Entity:</source>
        <translation>实体：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Cells in italics follow the role&apos;s permission on the entity; ● marks a sensitive field. Keys: H hidden, M masked, R read, E edit, Del follow.</source>
        <translation>斜体单元格沿用该角色对实体的权限；● 表示敏感字段。快捷键：H 隐藏，M 脱敏，R 查看，E 可编辑，Del 沿用实体权限。</translation>
    </message>
    <message>
        <source>Fix &amp;all</source>
        <translation>全部修复(&amp;A)</translation>
    </message>
    <message>
        <source>Apply every fix the permission rules offer (archive instead of delete, mask a sensitive field), as one edit</source>
        <translation>应用权限规则提供的所有修复（以作废代替删除、对敏感字段脱敏），作为一次修改</translation>
    </message>
    <message>
        <source>Field permissions</source>
        <extracomment>the entity matrix&apos;s model and view (kept here: callers know them by these names)</extracomment>
        <translation>字段权限</translation>
    </message>
    <message>
        <source>Entity permissions</source>
        <translation>实体权限</translation>
    </message>
    <message>
        <source>What can this user do?</source>
        <translation>该用户能做什么？</translation>
    </message>
    <message>
        <source>Roles, users and teams</source>
        <translation>角色、用户和团队</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <source>Copy role from</source>
        <translation>从角色复制</translation>
    </message>
    <message>
        <source>Copy the field permissions of:</source>
        <translation>复制以下角色的字段权限：</translation>
    </message>
    <message>
        <source>No permission findings.</source>
        <translation>没有权限检查结果。</translation>
    </message>
    <message>
        <source>1 permission finding: an error.</source>
        <translation>1 条权限检查结果：错误。</translation>
    </message>
    <message>
        <source>1 permission finding, not an error.</source>
        <translation>1 条权限检查结果，不是错误。</translation>
    </message>
    <message>
        <source>{n} permission finding</source>
        <translation>{n} 条权限检查结果</translation>
    </message>
    <message>
        <source>{n} permission findings</source>
        <translation>{n} 条权限检查结果</translation>
    </message>
    <message>
        <source>{findings}, none of them errors.</source>
        <translation>共 {findings}，均不是错误。</translation>
    </message>
    <message>
        <source>{findings}, one of them an error.</source>
        <translation>共 {findings}，其中 1 条错误。</translation>
    </message>
    <message>
        <source>{findings}, {n} of them errors.</source>
        <translation>共 {findings}，其中 {n} 条错误。</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Archive (hidden, history kept)</source>
        <translation>作废（隐藏，保留历史）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Hand over a leaver</source>
        <translation>离职交接</translation>
    </message>
    <message>
        <source>Copy &amp;role from…</source>
        <translation>从角色复制(&amp;R)…</translation>
    </message>
    <message>
        <source>The leaver is disabled, their approver key revoked, teams and assignment rules naming them go to the colleague, and their records are given to the colleague when the change goes live.</source>
        <translation>离职人员将被停用，其审批密钥被吊销，提到他/她的团队和分配规则改为接手的同事；变更上线时，其名下记录移交给该同事。</translation>
    </message>
    <message>
        <source>Who is leaving:</source>
        <translation>离职人员：</translation>
    </message>
    <message>
        <source>Who takes over:</source>
        <translation>接手人：</translation>
    </message>
</context>
<context>
    <name>PropertyEditor</name>
    <message>
        <source>Key</source>
        <extracomment>the input (its property) whose edit is being applied: a refusal belongs to it inputs whose typed text was refused and is not saved</extracomment>
        <translation>键</translation>
    </message>
    <message>
        <source>Label (中文)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Label (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Refers to</source>
        <translation>引用目标</translation>
    </message>
    <message>
        <source>(any part)</source>
        <translation>（任意部分）</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Full address</source>
        <translation>完整地址</translation>
    </message>
    <message>
        <source>Address part</source>
        <translation>地址部分</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>唯一</translation>
    </message>
    <message>
        <source>Searchable</source>
        <translation>可搜索</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>敏感</translation>
    </message>
    <message>
        <source>Deprecated</source>
        <translation>已弃用</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>empty = no default</source>
        <translation>留空 = 无默认值</translation>
    </message>
    <message>
        <source>Backfill for existing records</source>
        <translation>现有记录的回填值</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Pattern (regex)</source>
        <translation>格式（正则表达式）</translation>
    </message>
    <message>
        <source>Pattern hint (中文)</source>
        <translation>格式提示（中文）</translation>
    </message>
    <message>
        <source>e.g. 18 位数字或大写字母</source>
        <translation>例如：18 位数字或大写字母</translation>
    </message>
    <message>
        <source>Pattern hint (English)</source>
        <translation>格式提示（英文）</translation>
    </message>
    <message>
        <source>e.g. 18 digits or capital letters</source>
        <translation>例如：18 digits or capital letters</translation>
    </message>
    <message>
        <source>What a value of the pattern looks like, in words: the form and the CRM show this instead of the pattern when a value does not match.</source>
        <translation>用文字说明符合格式的值是什么样子：值不符合格式时，表单和 CRM 显示这段提示，而不是正则表达式。</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Select a field to edit its properties.</source>
        <translation>选择一个字段以编辑其属性。</translation>
    </message>
    <message>
        <source>Field %1</source>
        <translation>字段 %1</translation>
    </message>
    <message>
        <source> — live on the server: its key cannot change</source>
        <translation> — 已在服务器上发布：其键不能更改</translation>
    </message>
    <message>
        <source>option keys, comma-separated: %1</source>
        <translation>选项键，用逗号分隔：%1</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>以下之一：%1</translation>
    </message>
    <message>
        <source>a number, e.g. 0</source>
        <translation>数字，例如 0</translation>
    </message>
    <message>
        <source>an amount, e.g. 0.00</source>
        <translation>金额，例如 0.00</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM:SS</source>
        <translation>YYYY-MM-DD HH:MM:SS</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Not saved yet: give the hint in the other language too.</source>
        <translation>尚未保存：请同时填写另一种语言的提示。</translation>
    </message>
</context>
<context>
    <name>PushRunner</name>
    <message>
        <source>Push to the server</source>
        <extracomment>Past this fraction the server has confirmed: the push can no longer be cancelled.</extracomment>
        <translation>发布到服务器</translation>
    </message>
    <message>
        <source>Starting the push…</source>
        <translation>正在开始发布…</translation>
    </message>
    <message>
        <source>Push cancelled; nothing was marked live. Pushing again later is safe.</source>
        <translation>发布已取消；没有任何版本被标记为上线。稍后重新发布是安全的。</translation>
    </message>
    <message>
        <source>Server token</source>
        <translation>服务器令牌</translation>
    </message>
    <message>
        <source>%1

Paste the bearer token of %2 (ask the server&apos;s operator). It is kept in this computer&apos;s keyring, never in the workspace.</source>
        <translation>%1

请粘贴 %2 的访问令牌（向服务器管理员索取）。令牌保存在本机的系统密钥环中，绝不写入工作区。</translation>
    </message>
    <message>
        <source>No token given; nothing was pushed.</source>
        <translation>未提供令牌；没有发布任何内容。</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReadOnly</name>
    <message>
        <source>The studio opened it read-only: you can look at everything, but nothing can be edited, submitted, approved or pushed, and nothing is written to the file. Quit the studio, restore the workspace as said above, and open it again.</source>
        <translation>工作室已以只读方式打开它：你可以查看所有内容，但不能编辑、提交、批准或推送，也不会向该文件写入任何内容。请退出工作室，按上面所说恢复工作区，然后重新打开。</translation>
    </message>
</context>
<context>
    <name>ReplayTab</name>
    <message>
        <source>Last {n} days</source>
        <translation>最近 {n} 天</translation>
    </message>
    <message>
        <source>Replay the draft&apos;s rules</source>
        <translation>回放草稿中的规则</translation>
    </message>
    <message>
        <source>Use a workbook…</source>
        <translation>使用工作簿…</translation>
    </message>
    <message>
        <source>Records: the server&apos;s, of the chosen window</source>
        <translation>记录：服务器上所选时间范围内的记录</translation>
    </message>
    <message>
        <source>Records to replay</source>
        <translation>要回放的记录</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Records: %1</source>
        <translation>记录：%1</translation>
    </message>
    <message>
        <source>Replaying recent records…</source>
        <translation>正在回放近期记录…</translation>
    </message>
    <message>
        <source>The draft changes no automation rules: nothing to replay.</source>
        <translation>草稿没有修改自动化规则：无需回放。</translation>
    </message>
</context>
<context>
    <name>ReplayView</name>
    <message>
        <source>Double-click a record to open it</source>
        <translation>双击记录以打开</translation>
    </message>
    <message>
        <source>Records that change outcome (a sample):</source>
        <translation>结果改变的记录（样本）：</translation>
    </message>
    <message>
        <source>No replay yet.</source>
        <translation>尚未回放。</translation>
    </message>
</context>
<context>
    <name>RequestsTab</name>
    <message>
        <source>Find a change request: title, author, state, version… (Ctrl+F)</source>
        <extracomment>the id of a change to select once it is listed (set when one was submitted)</extracomment>
        <translation>查找变更申请：标题、作者、状态、版本…（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>审阅(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Push to server</source>
        <translation>发布到服务器(&amp;P)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>This change request cannot be read: %1</source>
        <translation>无法读取此变更请求：%1</translation>
    </message>
    <message>
        <source>No change request matches “%1”.</source>
        <translation>没有与“%1”匹配的变更申请。</translation>
    </message>
    <message>
        <source>No change requests yet: submit the draft.</source>
        <translation>还没有变更申请：请先提交草稿。</translation>
    </message>
    <message>
        <source>Approved: ready to push as version v%1.</source>
        <translation>已批准：可以作为版本 v%1 发布。</translation>
    </message>
    <message>
        <source>Live as version v%1.</source>
        <translation>已作为版本 v%1 上线。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: “%2”</source>
        <translation>%1：“%2”</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>Comments: %1</source>
        <translation>审批意见：%1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>You rejected “%1”.</source>
        <translation>您已驳回“%1”。</translation>
    </message>
    <message>
        <source>You approved “%1”.</source>
        <translation>您已批准“%1”。</translation>
    </message>
    <message>
        <source>%1 (the studio&apos;s own reference server)</source>
        <translation>%1（工作室自带的参考服务器）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>推送</translation>
    </message>
    <message>
        <source>Push “%1” to %2 as version v%3?</source>
        <translation>将“%1”作为版本 v%3 推送到 %2 吗？</translation>
    </message>
    <message>
        <source>Approved by: %1</source>
        <translation>批准人：%1</translation>
    </message>
    <message>
        <source>Your signing key&apos;s passphrase: you sign the audit log&apos;s head that the server keeps, so that a log cut or rewritten later is caught.</source>
        <translation>你的签名密钥口令：你要为服务器保存的审计日志链头签名，日后日志被截断或改写时即可发现。</translation>
    </message>
    <message>
        <source> (the server had it already)</source>
        <translation>（服务器上已有此版本）</translation>
    </message>
    <message>
        <source>Version v%1 is live on %2.%3</source>
        <translation>版本 v%1 已在 %2 上线。%3</translation>
    </message>
</context>
<context>
    <name>ReviewBanner</name>
    <message>
        <source>Replaying this change over the server&apos;s recent records before you decide…</source>
        <translation>正在用服务器上的近期记录回放此变更，请在结果出来后再做决定…</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review change: %1</source>
        <extracomment>Telling the server of a rejection is quick or not at all: the dialog waits for it.</extracomment>
        <translation>审阅变更：%1</translation>
    </message>
    <message>
        <source>Checking the live version against the server…</source>
        <translation>正在与服务器核对线上版本…</translation>
    </message>
    <message>
        <source>Comment (required to reject): what you checked, or what must change</source>
        <extracomment>The review derived now (``None`` until it arrives, or when it failed).</extracomment>
        <translation>意见（驳回时必填）：您检查了什么，或需要修改什么</translation>
    </message>
    <message>
        <source>Your signing key&apos;s passphrase</source>
        <translation>您的签名密钥口令</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>意见(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Approve and sign</source>
        <translation>批准并签名(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>驳回(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>导出到 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>The change as a workbook: who gains and loses what access, every change, the findings</source>
        <translation>把变更写成工作簿：谁获得、谁失去哪些权限，每项改动，以及检查结果</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export the change</source>
        <translation>导出变更</translation>
    </message>
    <message>
        <source>(no reason given)</source>
        <translation>（未填写原因）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Author: %2 · target version v%3 · fingerprint %4&lt;br&gt;Reason: %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;提交人：%2 · 目标版本 v%3 · 指纹 %4&lt;br&gt;原因：%5</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source> [not counted]</source>
        <translation>［不计入］</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>A rollback to v%1: v%1&apos;s configuration goes live again as v%2. Fields added since v%1 stay, deprecated and hidden; the data records hold in them is kept.</source>
        <translation>这是回滚到 v%1 的变更：v%1 的配置将作为 v%2 重新上线。v%1 之后新增的字段会保留，设为停用并隐藏；记录中已有的数据全部保留。</translation>
    </message>
    <message>
        <source>Decisions so far: %1</source>
        <translation>已有审批意见：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Before it can go live: %1</source>
        <translation>上线前还需要：%1</translation>
    </message>
    <message>
        <source>The change could not be reviewed: approving is disabled.</source>
        <translation>无法审阅该变更：已禁止批准。</translation>
    </message>
    <message>
        <source>Approve is enabled once the live version has been checked.</source>
        <translation>线上版本核对完成后才能批准。</translation>
    </message>
    <message>
        <source>The live version this change is reviewed against cannot be verified: approving is disabled.</source>
        <translation>无法核实审阅所依据的线上版本：已禁止批准。</translation>
    </message>
    <message>
        <source>The workspace is damaged and open read-only: no decision can be recorded until it is restored.</source>
        <translation>工作区已损坏，以只读方式打开：恢复之前无法记录任何决定。</translation>
    </message>
    <message>
        <source>You are the author of this change: another person must approve it (two-person rule). Sign in as a reviewer with File &gt; Sign in as.</source>
        <translation>您是此变更的提交人：必须由另一个人审批（双人规则）。请通过“文件 &gt; 切换登录用户”以审批人身份登录。</translation>
    </message>
    <message>
        <source>This change is %1: it can no longer be decided.</source>
        <translation>此变更状态为“%1”：已无法再审批。</translation>
    </message>
    <message>
        <source>You have already decided on this change.</source>
        <translation>您已审批过此变更。</translation>
    </message>
    <message>
        <source>Enter your passphrase to sign your decision.</source>
        <translation>请输入口令以签署您的审批意见。</translation>
    </message>
    <message>
        <source>A rejection needs a comment saying why.</source>
        <translation>驳回时需要填写原因。</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>&amp;Not the same person</source>
        <translation>不是同一人(&amp;N)</translation>
    </message>
    <message>
        <source>Remembered: this pair is not asked again on later imports.</source>
        <translation>将被记住：以后导入时不再询问这一对。</translation>
    </message>
</context>
<context>
    <name>RoutingTab</name>
    <message>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>When no rule matches:</source>
        <translation>没有规则匹配时：</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Select a rule on the left to edit it, or add one with “Add rule”.</source>
        <translation>在左侧选择一条规则进行编辑，或点击“添加规则”新增一条。</translation>
    </message>
    <message>
        <source>Apply to the draft</source>
        <translation>应用到草稿</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>分配给</translation>
    </message>
    <message>
        <source>edit routing rule</source>
        <translation>编辑分配规则</translation>
    </message>
    <message>
        <source>add routing rule</source>
        <translation>新增分配规则</translation>
    </message>
    <message>
        <source>duplicate routing rule</source>
        <translation>复制分配规则</translation>
    </message>
    <message>
        <source>remove routing rule</source>
        <translation>删除分配规则</translation>
    </message>
    <message>
        <source>switch routing rule on or off</source>
        <translation>启用或停用分配规则</translation>
    </message>
    <message>
        <source>reorder routing rules</source>
        <translation>调整分配规则顺序</translation>
    </message>
    <message>
        <source>set default outcome</source>
        <translation>设置默认分配</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>分配给</translation>
    </message>
</context>
<context>
    <name>SampleDialog</name>
    <message>
        <source>%1 record %2</source>
        <translation>%1 记录 %2</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变更后</translation>
    </message>
</context>
<context>
    <name>SamplesModel</name>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变更后</translation>
    </message>
    <message>
        <source>Values the rules read</source>
        <translation>规则读取的值</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in as %1</source>
        <translation>以 %1 身份登录</translation>
    </message>
    <message>
        <source>%1 has a signing key: enter its passphrase to sign in. What you do is recorded in the audit log as done by %1.</source>
        <translation>%1 已有签名密钥：请输入该密钥的口令登录。您的操作将以 %1 的名义记录在审计日志中。</translation>
    </message>
    <message>
        <source>Passphrase of the signing key</source>
        <translation>签名密钥的口令</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
</context>
<context>
    <name>SigningKeyDialog</name>
    <message>
        <source>Signing key of %1</source>
        <translation>%1 的签名密钥</translation>
    </message>
    <message>
        <source>Reading the workspace…</source>
        <translation>正在读取工作区…</translation>
    </message>
    <message>
        <source>Your approvals are signed with your own key. The private key stays in this computer&apos;s keyring, encrypted with your passphrase; only the public key goes into the workspace and, with the next approved release, to the server. A new or rotated key is a change like any other: it counts once a release carrying it is live.</source>
        <translation>您的审批意见用您自己的密钥签名。私钥保存在本机的系统密钥环中，并用您的口令加密；只有公钥会写入工作区，并随下一次获批的发布送到服务器。新建或轮换的密钥与其他变更一样：包含它的版本上线后才生效。</translation>
    </message>
    <message>
        <source>&amp;Passphrase (8+ characters):</source>
        <translation>口令（至少 8 个字符）(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>再次输入(&amp;A)：</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>创建密钥</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 has no signing key yet: create one to approve changes.</source>
        <translation>%1 还没有签名密钥：创建后才能审批变更。</translation>
    </message>
    <message>
        <source>%1 (%2) signs with key %3, created %4 UTC.</source>
        <translation>%1（%2）使用密钥 %3 签名，创建于 %4 UTC。</translation>
    </message>
    <message>
        <source>Until a release carrying the new key is live, the server still knows the previous key (%1): it keeps signing until then.</source>
        <translation>在包含新密钥的版本上线之前，服务器仍只认可之前的密钥（%1）：届时之前的密钥继续用于签名。</translation>
    </message>
    <message>
        <source>Rotate key (lost or due)</source>
        <translation>轮换密钥（丢失或到期）</translation>
    </message>
    <message>
        <source>The two passphrases differ; type them again.</source>
        <translation>两次输入的口令不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>StageFlowEditor</name>
    <message>
        <source>Stage field</source>
        <translation>阶段字段</translation>
    </message>
    <message>
        <source>A move back needs a reason</source>
        <translation>退回需要填写原因</translation>
    </message>
    <message>
        <source>Allowed moves (row: from, column: to)</source>
        <translation>允许的阶段变化（行：从，列：到）</translation>
    </message>
    <message>
        <source>Per stage: fields required to enter it, days allowed</source>
        <translation>每个阶段：进入前必填字段、允许停留天数</translation>
    </message>
    <message>
        <source>Required fields (keys)</source>
        <translation>必填字段（键）</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Apply stage flow</source>
        <translation>应用阶段流程</translation>
    </message>
    <message>
        <source>Remove stage flow</source>
        <translation>删除阶段流程</translation>
    </message>
</context>
<context>
    <name>Starter</name>
    <message>
        <source>Open another workspace…</source>
        <extracomment>Who is signed in when nobody said: the sample&apos;s usual author. the draft as the designer document holds it (``None``: the document reads it itself)</extracomment>
        <translation>打开其他工作区…</translation>
    </message>
    <message>
        <source>Use the default workspace</source>
        <translation>使用默认工作区</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Studio workspaces (*.db);;All files (*)</source>
        <translation>工作室工作区 (*.db);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <source>What changes, in a few words</source>
        <translation>简要说明变更内容</translation>
    </message>
    <message>
        <source>Why: the request, ticket or incident behind it (reviewers read this)</source>
        <translation>原因：相关需求、工单或事故（审批人会阅读）</translation>
    </message>
    <message>
        <source>Your signing key&apos;s passphrase: you sign what you submit</source>
        <translation>你的签名密钥口令：你提交的内容由你签名</translation>
    </message>
    <message>
        <source>Only if the replay of the rules refuses the submit: why these rules are right anyway (reviewers read this first)</source>
        <translation>仅当规则回放拒绝提交时填写：为什么这些规则仍然正确（审批人会首先看到）</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Replay &amp;acknowledgement:</source>
        <translation>回放确认理由(&amp;A)：</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>提交审批</translation>
    </message>
</context>
<context>
    <name>TeamWorkspaceDialog</name>
    <message>
        <source>Open team workspace</source>
        <translation>打开团队工作区</translation>
    </message>
    <message>
        <source>leave empty to use the one kept before</source>
        <translation>留空则使用之前保存的密码</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>The password is kept in this computer&apos;s keyring, nowhere else.</source>
        <translation>密码只保存在本机的系统钥匙串中，不会保存在其他任何地方。</translation>
    </message>
</context>
<context>
    <name>ValidationTab</name>
    <message>
        <source>Add validation</source>
        <translation>添加校验</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Select a validation rule on the left to edit it, or add one with “Add validation”.</source>
        <translation>在左侧选择一条校验规则进行编辑，或点击“添加校验”新增一条。</translation>
    </message>
    <message>
        <source>Apply to the draft</source>
        <translation>应用到草稿</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Applies when</source>
        <translation>适用条件</translation>
    </message>
    <message>
        <source>Requires</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>Message (Chinese)</source>
        <translation>提示（中文）</translation>
    </message>
    <message>
        <source>Message (English)</source>
        <translation>提示（英文）</translation>
    </message>
    <message>
        <source>Add to the draft</source>
        <translation>添加到草稿</translation>
    </message>
    <message>
        <source>edit validation rule</source>
        <translation>编辑校验规则</translation>
    </message>
    <message>
        <source>add validation rule</source>
        <translation>添加校验规则</translation>
    </message>
    <message>
        <source>remove validation rule</source>
        <translation>删除校验规则</translation>
    </message>
</context>
<context>
    <name>WorkspaceSwitch</name>
    <message>
        <source>Opening workspace…</source>
        <translation>正在打开工作区…</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Studio workspaces (*.db *.sqlite);;All files (*)</source>
        <translation>工作区文件 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>Studio workspaces (*.db)</source>
        <translation>工作区文件 (*.db)</translation>
    </message>
    <message>
        <source>Start with the sample CRM configuration (customers, leads, opportunities, contracts and demo users)?</source>
        <translation>是否使用示例 CRM 配置（客户、线索、商机、合同和演示用户）？</translation>
    </message>
    <message>
        <source>Created a new workspace at %1.</source>
        <translation>已在 %1 创建新的工作区。</translation>
    </message>
</context>
</TS>
