"""An independent messy customer workbook with known truth, written without looking at the linkage.

``generate(people, seed)`` draws people (Faker ``zh_CN`` names, mobiles, mailboxes, employers
with valid 统一社会信用代码) and writes each of them one to five times the way several salespeople
keep their own sheets: one writes pinyin, one pastes from a Hong Kong or Taiwan CRM (traditional
characters), one pads two-character names with a full-width space, one types "+86 138-0013-8000",
one leaves mobiles as Excel numbers. Around the duplicates sit the traps issue 16 names: namesakes,
a family behind one mobile, a company mailbox (sales@, hr@) used by several people, a switchboard
landline shared by colleagues, consecutive company-issued mobiles, 张三 beside his colleague 张三丰,
and people who changed jobs (same name and mobile, new employer: one person).

``Unseen.truth[i]`` is the person of data row ``i`` (sheet row ``i + 2``). ``Unseen.traps`` maps a
kind to the sheet-row pairs of *different* people that share what a naive rule would merge on.
``Unseen.debatable`` are rows whose sameness a careful person could dispute from the sheet alone
(a mistyped last mobile digit with nothing else confirming it, "张总" for 张三, an English first
name, the mobile written only in the 座机 column the customer entity has no field for): their pairs
are left out of the scores and counted on their own in ``score(...).debatable``.
"""

from __future__ import annotations

import functools
import random
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

#: Surnames whose reading as a surname differs from the character's everyday reading.
_SURNAME_PINYIN = {
    "曾": "Zeng",
    "单": "Shan",
    "解": "Xie",
    "仇": "Qiu",
    "查": "Zha",
    "朴": "Piao",
    "区": "Ou",
    "乐": "Yue",
    "覃": "Qin",
    "盖": "Ge",
    "缪": "Miao",
    "欧阳": "Ouyang",
    "司马": "Sima",
    "诸葛": "Zhuge",
    "上官": "Shangguan",
    "尉迟": "Yuchi",
    "长孙": "Zhangsun",
    "东方": "Dongfang",
    "令狐": "Linghu",
    "皇甫": "Huangfu",
}
_COMPOUND = ["欧阳", "司马", "诸葛", "上官", "尉迟", "长孙", "东方", "令狐", "皇甫"]
_POLYPHONIC = ["曾", "单", "解", "仇", "查", "朴", "区", "乐", "覃", "盖", "缪"]
#: Given names so common that namesakes happen by themselves.
_COMMON_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛"]
_COMMON_SURNAME = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"]
#: Uyghur and other names written with a middle dot.
_DOTTED = [
    ("买买提", "艾力"),
    ("阿卜杜", "热合曼"),
    ("古丽", "努尔"),
    ("艾尔肯", "吐尔逊"),
    ("迪丽", "热巴"),
    ("努尔", "买买提"),
    ("热依拉", "阿不都"),
    ("阿依", "古丽"),
]
_ENGLISH = ["Tony", "Kevin", "Lily", "Amy", "Jack", "Grace", "Vincent", "Cathy", "Eric", "Helen"]
_HONORIFIC = ["总", "经理", "先生", "女士", "工", "老师", "姐", "哥"]
_MOBILE_PREFIXES = [
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147",
    "150", "151", "152", "153", "155", "156", "157", "158", "159", "162", "165", "166",
    "167", "170", "171", "172", "173", "175", "176", "177", "178", "180", "181", "182",
    "183", "184", "185", "186", "187", "188", "189", "190", "191", "192", "193", "195",
    "196", "197", "198", "199",
]  # fmt: skip
#: (province, city, area code, division code prefix)
_CITIES = [
    ("浙江省", "杭州市", "0571", "330106"),
    ("浙江省", "宁波市", "0574", "330212"),
    ("江苏省", "苏州市", "0512", "320505"),
    ("江苏省", "南京市", "025", "320102"),
    ("广东省", "深圳市", "0755", "440305"),
    ("广东省", "广州市", "020", "440106"),
    ("上海市", "上海市", "021", "310115"),
    ("北京市", "北京市", "010", "110108"),
    ("四川省", "成都市", "028", "510107"),
    ("湖北省", "武汉市", "027", "420106"),
    ("山东省", "青岛市", "0532", "370202"),
    ("天津市", "天津市", "022", "120101"),  # not 厦门: its local numbers have 7 digits
]
_INDUSTRY = ["电子科技", "机械制造", "模具", "贸易", "信息技术", "网络科技", "生物医药", "医疗器械",
             "服装", "食品", "包装材料", "物流", "建材", "新能源", "教育咨询", "文化传媒"]  # fmt: skip
_PERSONAL_DOMAINS = ["qq.com", "163.com", "126.com", "gmail.com", "sina.com", "foxmail.com",
                     "hotmail.com", "139.com", "yeah.net", "outlook.com"]  # fmt: skip
_DOMAIN_TYPOS = {
    "qq.com": ["qq.con", "qq.cm", "qq.co", "qq.comm"],
    "163.com": ["163.cm", "163.con", "163.co"],
    "126.com": ["126.con", "126.cm"],
    "gmail.com": ["gmial.com", "gamil.com", "gmail.con", "gmai.com"],
    "sina.com": ["sina.con", "sina.cm"],
    "hotmail.com": ["hotmial.com", "hotmail.con"],
    "foxmail.com": ["foxmail.con", "foxmial.com"],
}
_MAILBOXES = ["sales", "hr", "info", "service", "office", "caiwu"]
_SALES = ["王晓燕", "陈刚", "Lucy", "赵敏", "周建国", "孙莉"]
HEADERS = ["客户姓名", "手机", "座机", "邮箱", "公司名称", "统一社会信用代码", "省份", "城市", "销售", "备注"]  # fmt: skip
_BRAND = "鼎盛华泰恒达宏远信诚金鑫瑞丰昌隆汇通博创新天宇佳美嘉和安康凯旭晨星联众润泽海辰"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Company:
    full: str  # the registered name
    shorts: list[str]  # what people call it
    code: str  # a valid 统一社会信用代码
    domain: str
    switchboard: str  # 总机, digits with area code
    city: tuple[str, str, str, str]
    mailboxes: list[str] = field(default_factory=list)  # shared: sales@, hr@
    next_mobile: int = 0  # company-issued numbers run consecutively from here


@dataclass
class Person:
    pid: int
    surname: str
    given: str
    dotted: bool
    mobile: str | None
    landline: str | None  # a direct line, or the company switchboard with an extension
    email: str | None
    companies: list[Company]  # a job change appends the new employer
    city: tuple[str, str, str, str]
    rows: int
    mobile_shared: bool = False  # the mobile is a family member's


@dataclass(frozen=True)
class Unseen:
    rows: list[list[Any]]  # header first
    truth: list[int]  # person of data row i (sheet row i + 2)
    traps: dict[str, set[tuple[int, int]]]  # kind -> sheet-row pairs of different people
    debatable: set[int]  # sheet rows left out of the scores
    #: persons behind one mobile (owner, family member), each with rows writing that mobile
    families: list[tuple[set[int], set[int]]]


def _pinyin(surname: str, given: str) -> tuple[str, list[str]]:
    from pypinyin import lazy_pinyin

    sur = _SURNAME_PINYIN.get(surname) or "".join(lazy_pinyin(surname)).capitalize()
    return sur, [s.replace("ü", "v") for s in lazy_pinyin(given, v_to_u=True)]


@functools.cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config + ".json")


def _traditional(text: str, rnd: random.Random) -> str:
    return str(_converter(rnd.choice(["s2t", "s2tw", "s2hk"])).convert(text))


def _name_variant(rnd: random.Random, p: Person, habit: str) -> tuple[str, bool]:
    """The name as one salesperson wrote it, and whether that spelling is debatable."""
    if p.dotted:
        sep = rnd.choice(["·", "·", "•", ".", "・", ""])
        return (
            (p.surname + sep + p.given, False)
            if habit != "pinyin"
            else (
                p.surname + "·" + p.given,
                False,
            )
        )
    hanzi = p.surname + p.given
    roll = rnd.random()
    if (habit == "pinyin" and roll < 0.7) or (habit != "pinyin" and roll < 0.08):
        sur, syll = _pinyin(p.surname, p.given)
        giv = "".join(syll)
        form = rnd.randrange(9)
        if form == 0:
            return f"{sur} {giv.capitalize()}", False
        if form == 1:
            return f"{sur.upper()} {giv.capitalize()}", False
        if form == 2:
            return f"{giv.capitalize()} {sur}", False
        if form == 3:
            return (sur + giv).lower(), False
        if form == 4:
            return f"{sur} {' '.join(s.capitalize() for s in syll)}", False
        if form == 5:
            return f"{sur} {'-'.join(s.capitalize() for s in syll)}", False
        if form == 6:
            return f"{giv.upper()} {sur.upper()}", False
        if form == 7:
            return f"{sur}{giv.capitalize()}", False
        return f"{sur}, {giv.capitalize()}", False
    if (habit == "traditional" and roll < 0.8) or roll < 0.1:
        return _traditional(hanzi, rnd), False
    if habit == "padded" and roll < 0.8 and len(hanzi) == 2:
        return hanzi[0] + "\u3000" + hanzi[1], False
    if roll < 0.16:
        return rnd.choice(
            [f"{p.surname} {p.given}", f" {hanzi}", f"{hanzi} ", f"{hanzi}\u3000"]
        ), False
    if roll < 0.175:
        return p.surname + rnd.choice(_HONORIFIC), True
    if roll < 0.185:
        return f"{rnd.choice(_ENGLISH)} {_pinyin(p.surname, p.given)[0]}", True
    return hanzi, False


def _mobile_text(rnd: random.Random, digits: str, habit: str) -> str | int:
    a, b, c = digits[:3], digits[3:7], digits[7:]
    if habit == "plus86" and rnd.random() < 0.7:
        return rnd.choice(
            [f"+86 {a}-{b}-{c}", f"+86 {a} {b} {c}", f"+86{digits}", f"(+86){digits}"]
        )
    if habit == "number" and rnd.random() < 0.7:
        return int(digits)  # Excel kept it as a number
    forms: list[str | int] = [
        digits,
        digits,
        digits,
        f"{a} {b} {c}",
        f"{a}-{b}-{c}",
        f"{a}-{digits[3:]}",
        f"+86 {digits}",
        f"+86-{a}-{b}-{c}",
        f"0086 {digits}",
        f"0086-{digits}",
        f"(86){digits}",
        f"（86）{digits}",
        f"86-{digits}",
        f"+86 {a} {b} {c}",
        digits.translate(_FULL),
        f"{a} {b} {c}".translate(_FULL),
        f"{digits}（微信同号）",
        f"{digits} 微信同号",
        f"{a}.{b}.{c}",
        int(digits),
    ]
    return rnd.choice(forms)


def _landline_text(rnd: random.Random, digits: str, ext: str | None) -> str:
    area = (
        digits[:3]
        if digits[:3] in ("010", "020", "021", "022", "025", "027", "028")
        else digits[:4]
    )
    local = digits[len(area) :]
    mid = len(local) // 2
    base = rnd.choice(
        [
            f"{area}-{local}",
            f"{area}-{local[:mid]} {local[mid:]}",
            f"({area}){local}",
            f"（{area}）{local}",
            f"{area} {local}",
            digits,
            f"+86-{area[1:]}-{local}",
        ]
    )
    if ext:
        base += rnd.choice([f" 转 {ext}", f"转{ext}", f"-{ext}", f" ext.{ext}", f"#{ext}"])
    return base


def _email_text(rnd: random.Random, email: str, habit: str) -> tuple[str, bool]:
    """The mailbox as typed, and whether it still says the same mailbox to a careful reader."""
    local, domain = email.split("@")
    roll = rnd.random()
    if roll < 0.12 and domain in _DOMAIN_TYPOS:
        domain = rnd.choice(_DOMAIN_TYPOS[domain])
    elif roll < 0.3:
        local = local[:1].upper() + local[1:] if rnd.random() < 0.5 else local.upper()
        domain = domain.upper() if rnd.random() < 0.5 else domain.capitalize()
    text = f"{local}@{domain}"
    roll = rnd.random()
    if roll < 0.03:
        text = text.replace("@", "＠")
    elif roll < 0.06:
        text = f" {text} "
    elif roll < 0.08:
        text = text.replace(".", "。", 1) if "." in local else text
    elif roll < 0.1:
        text = text.replace(".", ",", 1) if "." not in local else text  # qq,com
    return text, True


def _credit_code(rnd: random.Random, division: str) -> str:
    import stdnum.cn.uscc as uscc

    org = "".join(rnd.choice(_USCC_ALPHABET[:10] if i < 6 else _USCC_ALPHABET) for i in range(9))
    body = "91" + division + org
    return body + uscc.calc_check_digit(body)


def _companies(rnd: random.Random, fake: Any, count: int) -> list[Company]:
    out: list[Company] = []
    seen: set[str] = set()
    while len(out) < count:
        brand = fake.company_prefix()
        if brand in seen or len(brand) < 2:
            brand = rnd.choice(_BRAND) + rnd.choice(_BRAND)
        if brand in seen or brand[0] == brand[1]:
            continue
        seen.add(brand)
        city = rnd.choice(_CITIES)
        industry = rnd.choice(_INDUSTRY)
        city_short = city[1].rstrip("市")
        form = rnd.random()
        if form < 0.5:
            full = f"{city_short}{brand}{industry}有限公司"
        elif form < 0.75:
            full = f"{brand}{industry}（{city_short}）有限公司"
        elif form < 0.9:
            full = f"{city_short}市{brand}{industry}股份有限公司"
        else:
            full = f"{city_short}{brand}{industry}有限责任公司"
        shorts = [brand, f"{brand}{industry}", f"{city_short}{brand}"]
        if "（" in full:
            shorts.append(full.replace("（", "(").replace("）", ")"))
        if full.endswith("有限公司") and "股份" not in full:
            shorts.append(full[: -len("有限公司")] + "有限责任公司")
        slug = "".join(c for c in _pinyin_slug(brand) if c in string.ascii_lowercase)[:12] or "corp"
        domain = f"{slug}{rnd.choice(['.com', '.com.cn', '.cn', '-tech.com'])}"
        switchboard = (
            city[2] + str(rnd.randint(2, 8)) + "".join(rnd.choice(string.digits) for _ in range(7))
        )
        out.append(
            Company(
                full=full,
                shorts=shorts,
                code=_credit_code(rnd, city[3]),
                domain=domain,
                switchboard=switchboard,
                city=city,
                next_mobile=0,
            )
        )
    return out


def _pinyin_slug(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()


def _company_text(rnd: random.Random, c: Company, habit: str) -> str:
    if habit == "traditional" and rnd.random() < 0.6:
        return _traditional(c.full if rnd.random() < 0.7 else c.shorts[0], rnd)
    roll = rnd.random()
    if roll < 0.5:
        return c.full
    if roll < 0.6:
        return c.full.replace("（", "(").replace("）", ")")
    if roll < 0.65:
        return " " + c.full + " "
    return rnd.choice(c.shorts)


def _new_mobile(rnd: random.Random, used: set[str]) -> str:
    while True:
        m = rnd.choice(_MOBILE_PREFIXES) + "".join(rnd.choice(string.digits) for _ in range(8))
        near = {m[:-1] + d for d in string.digits}
        if not near & used:  # keep unrelated people two digits apart at least
            used.add(m)
            return m


def _transpose(rnd: random.Random, m: str) -> str:
    while True:
        i = rnd.randrange(3, 10)
        if m[i] != m[i + 1]:
            return m[:i] + m[i + 1] + m[i] + m[i + 2 :]


def generate(people: int = 1500, *, seed: int = 0) -> Unseen:
    from faker import Faker

    rnd = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    companies = _companies(rnd, fake, max(40, people // 6))
    # A few companies keep a shared mailbox and hand out consecutive mobiles.
    for c in rnd.sample(companies, max(6, len(companies) // 12)):
        c.mailboxes = rnd.sample(_MAILBOXES, 2)
    used: set[str] = set()
    emails_used: set[str] = set()
    persons: list[Person] = []

    def email_for(surname: str, given: str, company: Company | None) -> str | None:
        sur, syll = _pinyin(surname, given)
        roll = rnd.random()
        if roll < 0.22:
            return None
        for _ in range(20):
            kind = rnd.random()
            if kind < 0.3:
                local = str(rnd.randint(10_000_000, 3_999_999_999))  # a QQ number
                mail = f"{local}@qq.com"
            elif kind < 0.55 and company is not None:
                local = rnd.choice(
                    [sur.lower() + "".join(syll), "".join(syll) + "." + sur.lower(),
                     sur.lower()[0] + "".join(syll), sur.lower() + "".join(s[0] for s in syll)]
                )  # fmt: skip
                mail = f"{local}@{company.domain}"
            else:
                local = rnd.choice(
                    [sur.lower() + "".join(syll), "".join(syll) + sur.lower(),
                     sur.lower() + "_" + "".join(syll), sur.lower() + "".join(syll) + str(rnd.randint(1, 999))]
                )  # fmt: skip
                mail = f"{local}@{rnd.choice(_PERSONAL_DOMAINS)}"
            if mail not in emails_used:
                emails_used.add(mail)
                return mail
        return None

    def rows_count() -> int:
        r = rnd.random()
        return 1 if r < 0.5 else 2 if r < 0.76 else 3 if r < 0.9 else 4 if r < 0.96 else 5

    def new_person(surname: str, given: str, *, dotted: bool = False, company: Company | None = None,
                   mobile: str | None = "new", rows: int | None = None) -> Person:  # fmt: skip
        if company is None and rnd.random() < 0.85:
            company = rnd.choice(companies)
        if mobile == "new":
            mobile = _new_mobile(rnd, used) if rnd.random() < 0.9 else None
        landline = None
        if company is not None and (mobile is None or rnd.random() < 0.15):
            ext = str(rnd.randint(100, 899)) if rnd.random() < 0.6 else None
            landline = company.switchboard + (f"#{ext}" if ext else "")
        elif mobile is None:
            city = rnd.choice(_CITIES)
            landline = (
                city[2]
                + str(rnd.randint(2, 8))
                + "".join(rnd.choice(string.digits) for _ in range(7))
            )
        p = Person(
            pid=len(persons),
            surname=surname,
            given=given,
            dotted=dotted,
            mobile=mobile,
            landline=landline,
            email=email_for(surname, given, company),
            companies=[company] if company else [],
            city=company.city if company else rnd.choice(_CITIES),
            rows=rows if rows is not None else rows_count(),
        )
        persons.append(p)
        return p

    def random_name() -> tuple[str, str, bool]:
        r = rnd.random()
        if r < 0.03:
            return rnd.choice(_COMPOUND), fake.first_name(), False
        if r < 0.05:
            return rnd.choice(_POLYPHONIC), fake.first_name(), False
        if r < 0.06:
            a, b = rnd.choice(_DOTTED)
            return a, b, True
        if r < 0.16:
            return rnd.choice(_COMMON_SURNAME), rnd.choice(_COMMON_GIVEN), False
        return fake.last_name(), fake.first_name(), False

    base = int(people * 0.86)
    for _ in range(base):
        s, g, d = random_name()
        new_person(s, g, dotted=d)
    families: list[tuple[int, int]] = []
    while len(persons) < people:
        kind = rnd.randrange(5)
        if kind == 0:  # a namesake of someone, sometimes at the same company
            other = rnd.choice(persons[:base])
            same_co = other.companies[0] if other.companies and rnd.random() < 0.3 else None
            new_person(other.surname, other.given, dotted=other.dotted, company=same_co)
        elif kind == 1:  # a family member using someone's mobile
            owner = rnd.choice([p for p in persons[:base] if p.mobile and not p.mobile_shared])
            s = owner.surname if rnd.random() < 0.5 else fake.last_name()
            g = fake.first_name()
            if s + g == owner.surname + owner.given:
                continue
            member = new_person(s, g, mobile=owner.mobile)
            member.mobile_shared = owner.mobile_shared = True
            families.append((owner.pid, member.pid))
        elif kind == 2:  # a colleague of a mailbox company, sometimes without a mobile
            c = rnd.choice([c for c in companies if c.mailboxes])
            s, g, d = random_name()
            p = new_person(s, g, dotted=d, company=c)
            p.email = f"{rnd.choice(c.mailboxes)}@{c.domain}"
        elif kind == 3:  # consecutive company-issued mobiles
            c = rnd.choice(companies)
            if not c.next_mobile:
                c.next_mobile = int(_new_mobile(rnd, used)[:-1] + "0")
            m = str(c.next_mobile)
            c.next_mobile += 1
            used.add(m)
            s, g, d = random_name()
            new_person(s, g, dotted=d, company=c, mobile=m)
        else:  # 张三 and his colleague 张三丰, behind one switchboard, no own mobile
            other = rnd.choice([p for p in persons[:base] if len(p.given) == 1 and not p.dotted])
            c = other.companies[0] if other.companies else rnd.choice(companies)
            if not other.companies:
                continue
            p = new_person(other.surname, other.given + fake.first_name()[-1], company=c)
            if rnd.random() < 0.5:
                p.mobile = None
                p.landline = c.switchboard
    # Job changes: a second employer for some people with several rows.
    for p in persons:
        if p.rows >= 2 and p.companies and p.mobile and not p.mobile_shared and rnd.random() < 0.12:
            new = rnd.choice(companies)
            if new is not p.companies[0]:
                p.companies.append(new)

    habits = ["pinyin", "traditional", "padded", "plus86", "number", "plain"]
    sales_habit = dict(zip(_SALES, habits, strict=True))
    written: list[tuple[int, list[Any], bool]] = []
    for p in persons:
        for k in range(p.rows):
            who = rnd.choice(_SALES)
            habit = sales_habit[who]
            name, debatable = _name_variant(rnd, p, habit)
            company = p.companies[min(k, len(p.companies) - 1)] if p.companies else None
            if len(p.companies) > 1 and k > 0:
                company = rnd.choice(p.companies[1:])
            mobile: Any = None
            landline: Any = None
            tokens: set[tuple[str, ...]] = set()
            if p.mobile and rnd.random() < 0.88:
                digits = p.mobile
                strong = True
                r = rnd.random()
                if k > 0 and r < 0.04:
                    digits = _transpose(rnd, digits)  # tolerated by the issue: still evidence
                elif k > 0 and r < 0.06 and not p.mobile_shared:
                    digits = digits[:-1] + rnd.choice([d for d in string.digits if d != digits[-1]])
                    strong = False
                if k > 0 and rnd.random() < 0.03:
                    landline = digits  # written in the 座机 column only
                    strong = False
                    debatable = True
                elif rnd.random() < 0.04 and p.landline:
                    number, _, ext = p.landline.partition("#")
                    mobile = f"{_mobile_text(rnd, digits, 'plain')}/{_landline_text(rnd, number, ext or None)}"
                else:
                    mobile = _mobile_text(rnd, digits, habit)
                if strong:
                    tokens.add(("m", p.mobile))
            if p.landline and (mobile is None or rnd.random() < 0.3):
                number, _, ext = p.landline.partition("#")
                text = _landline_text(rnd, number, ext or None)
                if mobile is None and rnd.random() < 0.7:
                    mobile = text  # a landline-only row: the landline in the phone column
                    company0 = p.companies[0] if p.companies else None
                    if company0 and number == company0.switchboard and not ext:
                        tokens.add(("l", number, p.surname + p.given))  # a switchboard says little
                    else:
                        tokens.add(("l", p.landline))
                elif landline is None:
                    landline = text
            email: Any = None
            if p.email and (rnd.random() < 0.65 or mobile is None):
                email, _ok = _email_text(rnd, p.email, habit)
                if (
                    company is not None
                    and company is not p.companies[0]
                    and company.domain in p.email
                ):
                    email = None  # the old work mailbox is gone
                elif p.email.split("@")[0] in _MAILBOXES:
                    tokens.add(
                        ("e", p.email, p.surname + p.given)
                    )  # a shared mailbox: with the name
                else:
                    tokens.add(("e", p.email))
            if not mobile and not email and not landline:
                continue  # nothing at all to tell this row by
            company_text = (
                _company_text(rnd, company, habit) if company and rnd.random() < 0.8 else None
            )
            code = company.code if company and company_text and rnd.random() < 0.3 else None
            if code and rnd.random() < 0.2:
                code = code.lower() if rnd.random() < 0.5 else f"{code[:6]} {code[6:]}"
            prov, city = (p.city[0], p.city[1]) if rnd.random() < 0.6 else (None, None)
            if prov and rnd.random() < 0.3:
                prov, city = prov.rstrip("省市"), city.rstrip("市")
            note = rnd.choice([None, None, None, "老客户", "展会", "转介绍", "已报价", "微信联系"])
            row = [name, mobile, landline, email, company_text, code, prov, city, who, note]
            written.append((p.pid, row, debatable, tokens))
    rnd.shuffle(written)
    rows: list[list[Any]] = [list(HEADERS)]
    truth: list[int] = []
    debatable_rows: set[int] = set()
    mine: dict[int, list[tuple[int, set[tuple[str, ...]]]]] = {}
    for i, (pid, row, deb, tokens) in enumerate(written):
        rows.append(row)
        truth.append(pid)
        if deb:
            debatable_rows.add(i + 2)
        else:
            mine.setdefault(pid, []).append((i + 2, tokens))
    debatable_rows |= _unconnected(mine)
    traps = _traps(persons, truth)
    with_mobile: dict[int, set[int]] = {}
    for i, (pid, _row, _deb, tokens) in enumerate(written):
        if ("m", persons[pid].mobile) in tokens:
            with_mobile.setdefault(pid, set()).add(i + 2)
    shown = [
        (with_mobile[a], with_mobile[b])
        for a, b in families
        if a in with_mobile and b in with_mobile
    ]
    return Unseen(rows=rows, truth=truth, traps=traps, debatable=debatable_rows, families=shown)


def _unconnected(mine: dict[int, list[tuple[int, set[tuple[str, ...]]]]]) -> set[int]:
    """Rows that share no contact (mobile, own mailbox, own line) with the rest of their person's
    rows, directly or through another row: nothing in the sheet says they are that person."""
    out: set[int] = set()
    for rows in mine.values():
        if len(rows) < 2:
            continue
        parent = list(range(len(rows)))

        def find(x: int, parent: list[int] = parent) -> int:
            while parent[x] != x:
                x = parent[x]
            return x

        first: dict[tuple[str, ...], int] = {}
        for i, (_row, tokens) in enumerate(rows):
            for t in tokens:
                if t in first:
                    parent[find(i)] = find(first[t])
                else:
                    first[t] = i
        sizes: dict[int, int] = {}
        for i in range(len(rows)):
            sizes[find(i)] = sizes.get(find(i), 0) + 1
        biggest = max(sizes, key=lambda r: sizes[r])
        out |= {row for i, (row, _t) in enumerate(rows) if find(i) != biggest}
    return out


def _traps(persons: list[Person], truth: list[int]) -> dict[str, set[tuple[int, int]]]:
    """Sheet-row pairs of different people who share a mobile, a mailbox, a switchboard, a name,
    a near mobile or a name prefix."""
    rows_of: dict[int, list[int]] = {}
    for i, pid in enumerate(truth):
        rows_of.setdefault(pid, []).append(i + 2)

    def cross(a: Person, b: Person) -> set[tuple[int, int]]:
        return {
            (min(x, y), max(x, y)) for x in rows_of.get(a.pid, []) for y in rows_of.get(b.pid, [])
        }

    out: dict[str, set[tuple[int, int]]] = {
        k: set()
        for k in (
            "namesake",
            "shared_mobile",
            "shared_mailbox",
            "shared_landline",
            "near_mobile",
            "name_prefix",
        )
    }
    by: dict[tuple[str, str], list[Person]] = {}
    for p in persons:
        by.setdefault(("name", p.surname + p.given), []).append(p)
        if p.mobile:
            by.setdefault(("mobile", p.mobile), []).append(p)
            by.setdefault(("near", p.mobile[:-1]), []).append(p)
        if p.email:
            by.setdefault(("mail", p.email), []).append(p)
        if p.landline:
            by.setdefault(("landline", p.landline.partition("#")[0]), []).append(p)
        if len(p.given) >= 2 and not p.dotted:
            by.setdefault(("prefix", p.surname + p.given[:-1]), []).append(p)
    kinds = {"name": "namesake", "mobile": "shared_mobile", "near": "near_mobile",
             "mail": "shared_mailbox", "landline": "shared_landline"}  # fmt: skip
    for (key, value), group in by.items():
        if key == "prefix":
            for q in by.get(("name", value), []):
                for p in group:
                    out["name_prefix"] |= cross(p, q)
            continue
        for a, b in combinations(group, 2):
            if key == "near" and a.mobile == b.mobile:
                continue
            out[kinds[key]] |= cross(a, b)
    return out


def _pairs(groups: Iterable[Sequence[int]]) -> set[tuple[int, int]]:
    return {(a, b) for g in groups for a, b in combinations(sorted(g), 2)}


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    recall_with_review: float
    review_share: float
    traps_merged: int
    traps_by_kind: dict[str, int]
    families_in_review: (
        float  # families writing one mobile with a pair of theirs in the review list
    )
    debatable: dict[str, int]  # debatable rows' true pairs: merged, reviewed, missed
    rejected: int
    true_pairs: int
    wrong_merges: int


def score(unseen: Unseen, report: dict[str, Any]) -> Scores:
    """Precision and recall of the automatic merges over the true pairs of accepted rows (pairs
    with a debatable row left out), recall once a person accepted every right review pair, the
    review list's share of the rows, and the trap pairs merged automatically."""
    rejected = {r["row"] for r in report["rejections"]}
    person_of = {i + 2: pid for i, pid in enumerate(unseen.truth)}
    by_person: dict[int, list[int]] = {}
    for row, pid in person_of.items():
        if row not in rejected:
            by_person.setdefault(pid, []).append(row)
    all_true = _pairs(by_person.values())
    off = unseen.debatable

    def scored(pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
        return {(a, b) for a, b in pairs if a not in off and b not in off}

    true_pairs = scored(all_true)
    merged_all = _pairs(report["duplicate_groups"])
    merged = scored(merged_all)
    tp = len(merged & true_pairs)
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for g in report["duplicate_groups"]:
        for r in g[1:]:
            parent[find(r)] = find(g[0])
    reviewed = {(min(a, b), max(a, b)) for a, b, _s in report["review_pairs"]}
    for a, b in reviewed:
        if person_of[a] == person_of[b]:
            parent[find(b)] = find(a)
    linked = {(a, b) for a, b in all_true if find(a) == find(b)}
    with_review = len(linked & true_pairs)
    traps = {k: len(v & merged_all) for k, v in unseen.traps.items()}
    all_traps = set().union(*unseen.traps.values())
    group_of: dict[int, int] = {}
    for g in report["duplicate_groups"]:
        for r in g:
            group_of[r] = g[0]
    in_review = 0
    for a, b in unseen.families:
        ga = {group_of.get(r, r) for r in a}
        gb = {group_of.get(r, r) for r in b}
        if any(
            (group_of.get(x, x) in ga and group_of.get(y, y) in gb)
            or (group_of.get(x, x) in gb and group_of.get(y, y) in ga)
            for x, y in reviewed
        ):
            in_review += 1
    deb_pairs = all_true - true_pairs
    deb_merged = deb_pairs & merged_all
    return Scores(
        precision=tp / len(merged) if merged else 1.0,
        recall=tp / len(true_pairs) if true_pairs else 1.0,
        recall_with_review=with_review / len(true_pairs) if true_pairs else 1.0,
        review_share=len(report["review_pairs"]) / max(report["rows_read"], 1),
        traps_merged=len(merged_all & all_traps),
        traps_by_kind={k: v for k, v in traps.items() if v},
        families_in_review=in_review / len(unseen.families) if unseen.families else 1.0,
        debatable={
            "pairs": len(deb_pairs),
            "merged": len(deb_merged),
            "linked_with_review": len(deb_pairs & linked) - len(deb_merged),
        },
        rejected=len(rejected),
        true_pairs=len(true_pairs),
        wrong_merges=len(merged - true_pairs),
    )
