"""Draft catalogs/laws/<id>.yaml from law texts laid out like shared/domain/laws (one Markdown file per version).

    python scripts/build_law_catalog.py --texts ../shared/domain/laws [--only food_safety_law] [--force]

What it derives is fact, not text: names, levels, issuers, 令号, dates, article counts, the paragraph/item layout
of every article, and for each penalty paragraph the penalty types and fine ranges it allows. The penalty parse
is a draft: each file is then read against the statute and corrected by hand (its header says so); existing
files are never overwritten without --force.
"""
from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_assistant.law.citations import cn_number  # noqa: E402
from review_assistant.law.lawtext import breaches, header, layout, read_articles  # noqa: E402
from review_assistant.case.money import value  # noqa: E402

NUM = r"[零〇一二两三四五六七八九十百千万\d.]+"
# the words before a number end where the numerals begin: a lazy prefix then never retries inside a run of numerals
# (linear, where ``.*?`` followed by NUM alone is quadratic in the run's length)
AT_NUM = r"(?<![零〇一二两三四五六七八九十百千万\d.])"
CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")

AMOUNTS = [  # statute's words for the base amount -> package amount key
    (r"货值(?:金额)?|(?:货物|产品|商品|专卖品|(?<!及其)制品)价值|(?:违法|非法)(?:收购|运输|生产|经营|销售|购买)[^，；、的]{1,6}?价值|^(?:走私)?货物、物品$|物品价值|(?:制品|产品|商品|物品|货物|血浆)总值", "goods_value"), (r"违法所得|非法所得|非法收入|经营所得", "illegal_income"),
    (r"销售金额", "sales_amount"),
    (r"工程造价", "construction_cost"), (r"(?:违法|非法)经营(?:总)?额", "turnover"), (r"广告费用", "advertising_fee"),
    (r"销售总额|销售额|销售收入", "sales_amount"),
    (r"税款", "tax_evaded"),
]
# each type's words, from the hand encodings of seven samples (1,480 paragraphs): a pattern stays when the type is in the
# hand encoding of nearly every paragraph it matches (counts in tests/test_law_corpus.py's type measure)
PENALTY_WORDS = [
    ("warning", r"警告"), ("criticism", r"通报批评"), ("fine", r"罚款"),
    ("confiscate_income", r"没收[^，；。]{0,40}?(?:违法所得|非法所得|违法收入|违法销售收入|非法收入|经营所得)"
                          r"|(?:违法所得|非法所得)[^，；。]{0,4}(?:予以|应当)?没收|有违法所得的[，,]?(?:予以)?没收"),
    ("confiscate_property", r"没收(?!违法所得|违法收入)"), ("suspend_license", r"暂扣"),
    ("lower_qualification", r"降低[^，；。]{0,6}等级"),
    ("revoke_license", r"吊销|撤销[^，；。]{0,20}(?:许可|资格|资质|证书|登记|注册|批准|核准|执照|备案)|予以撤销"),
    ("restrict_operation", r"限制开展生产经营活动|限制[^，；。]{0,10}业务|停止接受新业务|停止[^，；。]{0,8}业务|暂停相关业务"
                           r"|禁止其?[^，；。]{0,6}开展[^，；。]{0,10}业务|不得(?:再次)?申请"),
    ("suspend_business", r"停产停业|停业整顿|责令停业|停产整治|停产整顿|停工|停航|责令[^，；。]{0,6}停产(?!停业)|暂停业务|限期停止活动"),
    ("close", r"关闭"),
    ("restrict_practice", r"不得从事|限制从业|禁止.{0,10}从事|终身禁止|禁止[^，；。]{0,10}担任"), ("detention", r"拘留"),
]
PENALTY_CONTEXT = re.compile(r"的，由|的，处|并处|处以|给予.{0,6}(警告|处罚)|予以(警告|没收|吊销)|责令.{0,20}并处")
# a paragraph that imposes a penalty without those words (责令改正，处…罚款 / 给予警告、罚款…等处分 / 罚款1000元至1万元), unless
# it is about the procedure (当场, 听证, 简易程序, 较大数额, 加处罚款, 缴纳罚款 …) rather than a penalty
IMPOSING = re.compile(r"(?:处|给予|予以|并处|可以|应当)[^，；。]{0,40}?(?:罚款|警告|没收|吊销|拘留|通报批评)"
                      r"|责令(?:停产停业|停业整顿|关闭)|罚款[\d零一二三四五六七八九十]")
PROCEDURE = re.compile(r"可以当场|当场(?:作出|收缴)|简易程序|一般程序|听证|较大数额|是指|加处罚款|滞纳金|缴纳罚款|罚款决定|上缴国库"
                       r"|决定之前|应当告知|罚没")


def penalty_types(text: str, items=()) -> list[str]:
    """The penalty types a paragraph (with its items) imposes or allows; none for a paragraph that names penalties only
    in a procedure."""
    full = text + "".join(items)
    if PENALTY_CONTEXT.search(full) or (IMPOSING.search(full) and not PROCEDURE.search(full)):
        return penalties(full)
    return []


def money(text: str) -> float:
    """二十万 → 200000; 5000 → 5000; 一千五百 → 1500; 5千 → 5000; 1.5万 → 15000."""
    return value(text)


# 制造、销售金额 / 进口或销售额 / 生产、销售金额: sales together with another activity's amount — no single package amount
# (three encoders of the held-out samples, independently)
JOINT_SALES = re.compile(r"(?:制造|生产|进口|出口|加工|运输|储存|经营|使用|购买)(?:、|或者?|和|及)(?:[^，；、的]{0,4}(?:、|或者?|和|及))?销售(?:金额|额|总额|收入)")


def amount_key(words: str) -> tuple[str, str]:
    if JOINT_SALES.search(words):
        return "other", words
    if "或者" in words:  # 野生动物及其制品价值或者违法所得: either of two bases — no single package amount
        keys = {next((key for pattern, key in AMOUNTS if re.search(pattern, part)), "other")
                for part in words.split("或者") if re.search(r"(?:价值|金额|所得|收入|费用|额)$", part)}
        if len(keys) > 1:
            return "other", words
    for pattern, key in AMOUNTS:
        if re.search(pattern, words):
            return key, words
    return "other", words




# --- fine branches -------------------------------------------------------------------------------------
R = rf"(?:(?:百分之|千分之){NUM}|{NUM}(?:倍|%|％|‰)|等值|等额)"
RATIO_RANGE = re.compile(rf"^(?P<base>.*?){AT_NUM}(?:(?P<lo>{R}|{NUM}(?=[至到]{NUM}倍))(?:以上|至|到))?(?P<hi>{R})(?:以下)?(?:的)?$")
# 违法所得三倍以下、但最高不超过三万元: the multiple up to the amount where it reaches the cap, the cap above it
RATIO_CAP = re.compile(rf"^(?P<base>.*?){AT_NUM}(?P<hi>{R})(?P<below>以下)?[、，,]?(?:但|并且|且)?(?:最高|最多)?不(?:得)?(?:超过|高于)(?P<cap>{NUM})元$")
UP_TO = re.compile(rf"^(?:最高|最多)?不(?:得)?(?:超过|高于)|^最高(?:为|额为)?(?={NUM})")
EQUAL_UP_TO = re.compile(rf"^(?P<base>相当于[^，；。\d零〇一二两三四五六七八九十百千万]{{2,20}}?(?:费用|金额|价款|价值|收入|所得|额))以下$")
OPEN_RANGE = re.compile(rf"^(?P<lo>{NUM})元以上$")
RATIO_FLOOR_AT = re.compile(rf"^(?P<base>.*?){AT_NUM}(?P<m>{R})[，,]?但(?:最低)?不(?:得)?(?:低于|少于)(?P<v>{NUM})元$")
MONEY_RANGE = re.compile(rf"^(?P<pre>.*?){AT_NUM}(?:(?P<lo>{NUM})元?(?:以上|至))?(?P<hi>{NUM})元(?P<below>以下)?(?:的)?$")
VERB = re.compile(r"(?:并处|处以|处|罚款)")

def ratio(t: str) -> float:
    """三倍 → 3; 百分之五十 / 50% → 0.5; 千分之五 → 0.005; 等值 → 1."""
    t = t.replace("倍", "")
    if t in ("等值", "等额"): return 1.0
    if t.endswith("%") or t.endswith("％"): return float(t[:-1]) / 100
    if t.endswith("‰"): return float(t[:-1]) / 1000
    if t.startswith("百分之"): return cn_number(t[3:]) / 100 if not t[3:].replace('.','').isdigit() else float(t[3:]) / 100
    if t.startswith("千分之"): return cn_number(t[3:]) / 1000 if not t[3:].replace('.','').isdigit() else float(t[3:]) / 1000
    try: return float(t)
    except ValueError: return float(cn_number(t))

# 违法所得不足3万元或者没有违法所得的: the case without the base is the branch below (as 没有违法所得或者违法所得不足…的)
BAND_BELOW = re.compile(rf"^(?P<base>[^，；]*?)(?:(?:不足|不满|低于|少于)(?P<v>{NUM})(?P<unit>万?元)|在?{AT_NUM}(?P<v3>{NUM})(?P<unit3>万?元)以下)"
                        r"(?:或者?(?:没有|无)[^，；的]{1,8})?的$")
BAND_FROM = re.compile(rf"{AT_NUM}(?P<v>{NUM})(?P<unit>万?元)以上$")
BAND_AT_LEAST = re.compile(rf"^(?P<base>[^，；]*?)(?:{AT_NUM}(?P<v>{NUM})(?P<unit>万?元)以上|(?:超过|达到)(?P<v2>{NUM})(?P<unit2>万?元)(?:以上)?)的$")

# 货值的20倍不足1万元的，按1万元罚款: a floor on the fine itself — below the base where the multiple reaches it, the floor
FINE_FLOOR = re.compile(rf"(?:^|(?<=[，；。,;]))(?P<base>[^，；。]*?){AT_NUM}(?P<m>{R})不足(?P<v>{NUM})(?P<unit>万?元)的，按{AT_NUM}{NUM}万?元(?:罚款|处罚|计算)")
QUALIFIED_FLOOR = re.compile(r"((?:危害|情节|后果)[^，；。]{0,6}(?:严重|恶劣))[，,]$")  # the floor's own condition, just before it
FLOOR = re.compile(rf"(?:^|(?<=[，；。,;]))(?P<base>[^，；。]*?)(?:不足|不满|低于)(?P<v>{NUM})(?P<unit>万?元)的，[按以](?:{NUM})万?元计算")


def _amount(expr):
    """The fine's own words (after 处, before 罚款) → a branch dict (or a list of them), or None."""
    expr = expr.strip().rstrip("的").strip()
    if not expr:
        return None
    expr = re.sub(r"(?<=以上)[、，,](?=\S)", "", expr)  # 500元以上、5000元以下: one range
    if "元" in expr:  # 二千元以上二万以下: the unit written once
        expr = re.sub(r"(?<=[万千百])(?=以下$)", "元", expr)
    if "或者" in expr:  # 违法经营额1倍以上3倍以下或者违法所得3倍以上5倍以下: alternative bases, a branch each
        parts = [_amount(part) for part in expr.split("或者")]
        # 每件100元或者货值金额1倍以上5倍以下 / 五千万元以下或者上一年度营业额百分之五以下: a per-unit amount or a fixed
        # range beside a multiple is an alternative too (a base of its own words, other, only beside a range)
        with_range = any(isinstance(e, dict) and "range" in e for e in parts)
        if len(parts) > 1 and all(isinstance(e, dict) and ("multiple" in e and (e["of"] != "other" or e.get("_per_unit") or with_range)
                                                           or "range" in e) for e in parts) and any("multiple" in e for e in parts):
            for e in parts:
                e.pop("_per_unit", None)
            return parts
    m = PER_UNIT_CAP.match(expr)
    if m:  # 每非法聘用一人一万元，总额不超过十万元: per unit up to the count where the cap is reached, the cap above it
        each, cap = money(m.group("v")), money(m.group("cap"))
        if not each:
            return None
        label = m.group("pre").strip("处并以对、")
        return [{"of": "other", "of_label": label, "multiple": [each, each], "below": cap / each},
                {"of": "other", "of_label": label, "range": [cap, cap], "at_least": cap / each}]
    m = RATIO_CAP.match(expr)
    if m:
        key, words = amount_key(m.group("base"))
        hi, cap = ratio(m.group("hi")), money(m.group("cap"))
        if not hi:
            return None
        lo = 0.0 if m.group("below") else hi  # 直接损失百分之三十, capped: exactly the cap from where the share reaches it
        e = {"of": key, "multiple": [lo, hi], "below": cap / hi}
        if key == "other":
            e["of_label"] = words.strip("处并以对").removesuffix("的")
        return [e, {"of": key, "range": [lo and cap, cap], "at_least": cap / hi}]
    m = EQUAL_UP_TO.match(expr)
    if m:  # 处以相当于评估费用以下的罚款: up to the amount itself
        expr = f"{m.group('base')}1倍以下"
    up_to = UP_TO.match(expr)  # 处以最高不超过所涉及外债金额3%的罚款: up to the amount
    if up_to:
        expr = expr[up_to.end():] + "以下"
    m = RATIO_RANGE.match(expr)
    if m and m.group("hi") and (m.group("lo") or m.group("hi")):
        key, words = amount_key(m.group("base"))
        hi = ratio(m.group("hi")); lo = ratio(m.group("lo")) if m.group("lo") else (0.0 if "以下" in expr else hi)
        e = {"of": key, "multiple": [lo, hi]}
        if key == "other":
            e["of_label"] = words.strip("处并以对").removesuffix("的")
        return e
    m = RATIO_FLOOR_AT.match(expr)
    if m:  # 票面金额5%但不低于1000元: the multiple down to the base where it reaches the floor, the floor below it
        key, words = amount_key(m.group("base"))
        times, floor = ratio(m.group("m")), money(m.group("v"))
        if not times:
            return None
        e = {"of": key, "multiple": [times, times], "at_least": floor / times}
        if key == "other":
            e["of_label"] = words.strip("处并以对").removesuffix("的")
        return [e, {"of": key, "range": [floor, floor], "below": floor / times}]
    m = MONEY_RANGE.match(expr)
    if m:
        hi = money(m.group("hi")); lo = money(m.group("lo")) if m.group("lo") else (0.0 if m.group("below") else hi)
        pre = m.group("pre")
        if PER_UNIT.search(pre):  # per unit: 每辆, 每平方米, 每位被派遣劳动者 …
            return {"of": "other", "of_label": pre.strip("处并以对、"), "multiple": [lo, hi], "_per_unit": True}
        return {"range": [lo, hi]}
    m = OPEN_RANGE.match(expr)
    if m:  # 处五十万元以上罚款: no upper bound
        return {"range": [money(m.group("lo")), None]}
    return None


# 有下列情形之一的，…可以当场作出处罚决定：（一）对个人处五百元以下罚款…的: which fines may be decided or collected on the
# spot (procedure), not a penalty
ON_THE_SPOT = re.compile(r"可以当场(?:作出|收缴)")
PER_UNIT_CAP = re.compile(rf"^(?P<pre>每[^，；]*?){AT_NUM}(?P<v>{NUM})元[，,]?(?:总额|合计|累计|总计)?(?:最高)?不(?:得)?超过(?P<cap>{NUM})元$")
# 县级…可处以一万元以下的罚款，超过一万元的罚款，报上级…批准: who may fine how much (competence), not a penalty
COMPETENCE = re.compile(rf"超过{NUM}元的罚款[，,]?(?:须|应当|应)?报")
# 省、自治区、直辖市人民政府环境保护行政主管部门可处以二十万元以下的罚款: a paragraph naming only an authority and the
# fine it may impose — no conduct, no 的-condition — is a competence too
AUTHORITY_ONLY = re.compile(r"^[^，；。的,]*(?:部门|机关|机构|政府)(?:可|可以|有权)处以?[^，；。,]*?罚款。?$")
# per unit: 每辆, 每平方米, 每位被派遣劳动者 … (每次 is not: the fine for one violation is the fine)
PER_UNIT = re.compile(r"每[^，；]{0,12}?(?:辆|件|台|个|头|只|株|平方米|公顷|亩|吨|立方米|人|位|名|户|批|份|张|套|箱|艘|日|天|公斤|千克|米)"
                      r"|^按[日天]$")  # 按日处五十元至一百元的罚款: per day
# the unit written before the verb: 按照每介绍一人处5000元罚款的标准 / 对负责人按日处五十元至一百元的罚款
LEAD_UNIT = re.compile(r"(?:按照?(?P<each>每[^，；处]{1,12})|(?P<day>按[日天]))$")
# the count named before the verb, the unit after it: 按照应当进行表土剥离的土地面积处每公顷1万元的罚款 — a multiple of the
# area in hectares, labelled with the count and its unit (土地面积（公顷）)
LEAD_COUNT = re.compile(r"(?:按照?|以)(?P<count>[^，；处每]{1,30}?(?:面积|数量|人数|天数|日数|件数|台数|头数|株数|重量|体积|长度))$")
EACH_UNIT = re.compile(rf"^每(?P<unit>平方米|公顷|亩|立方米|吨|公斤|千克|米|人|名|位|日|天|辆|件|台|个|头|只|株){AT_NUM}{NUM}")
FINE_WORD = re.compile(r"(?<!按)罚款(?!数额|额|幅度)")  # 罚款数额 / 罚款额 / 罚款幅度 / 按罚款…执行 name an amount, not the penalty
# 处以本条例第五十条规定的罚款数额的10%: a share of another fine, the clause ending without 罚款
SHARE = re.compile(rf"(?:处以|处)(?P<e>[^，；。处]*?罚款数额的?(?:{R}(?:以上|至))?{R}(?:以下)?)$")
# 罚款额为违法所得的10%以上50%以下 / 罚款幅度为5000元以下 / 罚款数额按照…直接损失的20%计算
AMOUNT_IS = re.compile(r"罚款(?:数额|额|幅度)(?:为(?P<e>[^，；。]+?)|按照?(?P<by>[^，；。]+?)计算)$")
# right after the word: 罚款1000元至1万元 (in a list of penalties) / 规定的罚款，数额为10万元以下 / 对个人的罚款金额，为…
AFTER_WORD = re.compile(rf"(?:[，,]?(?:数额|金额)[，,]?为(?P<is>[^，；。]+?)$|(?P<e>{NUM}元?(?:以上|至|到){NUM}元(?:以下)?|{NUM}元以下)(?![的\d]))")
# 处违法所得三倍以下罚款，但最高不超过十万元: the cap written after the word
AFTER_CAP = re.compile(rf"[，,]?(?:但|并且|且)?(?:最高|最多)?不(?:得)?(?:超过|高于)(?P<cap>{NUM})元")
# 《档案法》第二十四条…规定的罚款数额，根据…，对单位为1万元以上10万元以下，对个人为500元以上5000元以下: one amount each
AMOUNT_NAMED = re.compile(r"罚款(?:数额|额|幅度)(?:[，,]|$)")
AMOUNT_EACH = re.compile(r"^对(?P<who>[^，,为]{1,10})为(?P<e>[^，,]+)$")
# 处以警告或者二百元以下罚款的，可以适用简易程序 / 处二千元以上罚款的决定: a fine named (as a condition, a decision,
# a competence), not one imposed — except 处5000元罚款的标准, the standard a penalty is given by
NAMED_FINE = re.compile(r"的(?!标准)")
# 以每位…1000元以上5000元以下的标准处以罚款 / 并以每人…的标准处以罚款 / 按照…每人…的标准计算，处以罚款
STANDARD = re.compile(r"^并?(?:可以|应当)?(?:以|按照|按)(?P<e>.*?)的?标准(?:计算)?$")
EXECUTE = re.compile(r"^按照?(?:罚款)?(?P<e>[^，；。]*?)(?:的标准)?执行$")  # 处以罚款的，按照5000元以下的标准执行
PERSONS = re.compile(r"直接负责的主管人员|直接责任人员|法定代表人|主要负责人|责任人员|个人")
STAFF = re.compile(r"直接负责的主管人员|直接责任人员|法定代表人|主要负责人|责任人员")  # a unit's people, not 个人
ITEM_CONDITION = re.compile(r"^有前款第[一二三四五六七八九十]+项")  # 有前款第一项行为的，处…: the branch of one item, even first
BRANCH = re.compile(r"情节|拒不|逾期")  # a clause under another branch (情节严重的，…，违法所得100万元以上的，并处…)


def _condition(lead):
    """The 的-phrase selecting the branch: the nearest comma segment of the lead ending in 的."""
    for seg in reversed(re.split("[，,]", lead)):
        if seg.endswith("的"):
            return seg
    return lead if lead.endswith("的") else None


def _band(entry, cond):
    band_b = BAND_BELOW.search(cond or "")
    band_a = BAND_AT_LEAST.search(cond or "")
    if band_b:
        entry.setdefault("of", amount_key(band_b.group("base"))[0])
        v, unit = (band_b.group("v"), band_b.group("unit")) if band_b.group("v") else (band_b.group("v3"), band_b.group("unit3"))
        entry["below"] = money(v + ("万" if unit.startswith("万") else ""))
        low = BAND_FROM.search(band_b.group("base"))  # 货值金额5000元以上不足1万元的: a middle band, both ends
        if low:
            entry["at_least"] = money(low.group("v") + ("万" if low.group("unit").startswith("万") else ""))
        return True
    if band_a:
        entry.setdefault("of", amount_key(band_a.group("base"))[0])
        v, unit = (band_a.group("v"), band_a.group("unit")) if band_a.group("v") else (band_a.group("v2"), band_a.group("unit2"))
        entry["at_least"] = money(v + ("万" if unit.startswith("万") else ""))
        return True
    return False


VERB_AT = re.compile(r"处(?!置|理|分)")  # 处 the verb, not 处置 / 处理 / 处分 inside the base (无害化处置所需费用)


def _verb(piece):
    """Where the last verb 处 (并处, 处以) of a piece stands, or -1."""
    found = -1
    for m in VERB_AT.finditer(piece):
        found = m.start()
    return found


def _capped(expr, clause, end):
    """The fine's words with a cap written after the word (…以下罚款，但最高不超过十万元 / 按照直接损失百分之三十计算罚款，
    但最高不得超过二十万元), when the words are a multiple with no floor of their own."""
    cap = AFTER_CAP.match(clause, end)
    if cap and re.search(rf"{R}(?:以下)?$", expr.strip()) and "以上" not in expr:
        return f"{expr.strip()}但最高不超过{cap.group('cap')}元"
    return expr


def _pieces(clause):
    """(lead, fine words) of every fine named in a clause, in order."""
    start, last_lead = 0, None
    for m in FINE_WORD.finditer(clause):
        piece = clause[start:m.start()]
        start = m.end()
        if NAMED_FINE.match(clause, m.end()):
            continue
        after = AFTER_WORD.match(clause, m.end())
        verb = _verb(piece)
        if after and (after.group("is") or verb < 0 or not piece[verb:].strip("并处以")):
            start = after.end()
            yield piece[:verb] if verb >= 0 else piece, after.group("is") or after.group("e")
            continue
        if verb < 0:
            give = piece.rfind("给予")  # 给予警告、五千元至五万元的罚款
            at = piece.find("按") if piece.endswith("计算") else -1  # 按照……计算罚款
            if at >= 0:
                yield piece[:at], _capped(piece[at + (2 if piece.startswith("按照", at) else 1):-2], clause, m.end())
            elif piece.startswith("或者") and last_lead is not None:  # …的罚款或者被违规使用有关资金10%以上30%以下的罚款
                yield last_lead, piece[2:]
            elif give >= 0:
                yield piece[:give], piece[give + 2:].lstrip("警告、").lstrip("、")
            continue
        skip = 2 if piece.startswith(("并处", "处以"), verb) else 1
        expr, lead = piece[verb + skip:], piece[:verb]
        segs = re.split("[，,]", lead)
        seg = segs[-1] if segs[-1] or len(segs) < 2 else segs[-2]  # …的标准计算，处以罚款: the standard before the comma
        if not expr.strip() and seg.endswith(("标准", "标准计算")):
            mm = STANDARD.match(seg.removeprefix("可以").removeprefix("应当"))
            if mm:
                yield lead[:lead.rfind(seg)], mm.group("e")
                continue
        unit = LEAD_UNIT.search(lead)
        if unit and expr.strip():  # the unit before the verb: the amount is per unit
            lead, expr = lead[:unit.start()], (unit.group("each") or unit.group("day")) + expr
        count, each = LEAD_COUNT.search(lead), EACH_UNIT.match(expr.strip())
        if count and each:  # 按照…面积处每公顷…: the count before the verb names what the per-unit amount multiplies
            yield lead[:count.start()], expr, None, f"{count.group('count')}（{each.group('unit')}）"
            continue
        last_lead = lead
        yield lead, _capped(expr, clause, m.end())
    tail = clause[start:]
    named = AMOUNT_NAMED.search(tail)
    if named:
        each = [AMOUNT_EACH.match(seg) for seg in re.split("[，,]", tail[named.end():])]
        if any(each):
            for mm in filter(None, each):
                yield "对" + mm.group("who"), mm.group("e"), "对" + mm.group("who")
            return
    verb = tail.rfind("处", 0, max(tail.rfind("罚款数额"), 0))
    mm = AMOUNT_IS.search(tail) or (SHARE.match(tail, verb) if verb >= 0 else None) or (EXECUTE.match(tail.lstrip("的，,")) if start else None)
    if mm:
        yield clause[:start], mm.group("e") or mm.group("by")


def fines(paragraph, staff_only=False):
    """The fine branches a paragraph's own words give (``staff_only``: only those for a unit's responsible people)."""
    paragraph = re.sub(r"(?<=[处以得额值])[lI](?=[\d.]*(?:[万千百]?元|倍))", "1", paragraph)  # 处l万元 / 违法所得l倍: a letter for 1
    paragraph = paragraph.replace("元人民币", "元")  # 5万元人民币以下: the currency named after the unit
    paragraph = re.sub(r"(?<=\d)[,，](?=\d{3}(?!\d))", "", paragraph)  # 5,000元: a thousands separator, not a clause
    if COMPETENCE.search(paragraph) or AUTHORITY_ONLY.match(paragraph) or ON_THE_SPOT.search(paragraph):
        return []
    out, serious_seen, seen = [], False, set()
    clauses = re.split(r"[；;。]", paragraph)
    for number, clause in enumerate(clauses):
        band = None  # the amount band a clause opened (没有违法所得或者违法所得不足1万元的，处…，情节严重的，处…)
        for k, (lead, expr, *given) in enumerate(_pieces(clause)):
            found = _amount(expr)
            if found is None:
                cond = _condition(lead)
                # 没有违法所得的，可以处以罚款: a fine the statute leaves unquantified
                if not expr.strip() and cond and number > 0 and not re.search(r"由|违反本|有下列|规定", cond):
                    found = {"unspecified": True}
                else:
                    continue
            entries = found if isinstance(found, list) else [found]
            for entry in entries:
                entry.pop("_per_unit", None)
            if any(e.get("range") and e["range"][1] is None for e in entries) and "的，" not in lead:
                continue  # 对公民处1万元以上罚款…等行政处罚决定之前 / 是指对个人处以二千元以上罚款: a threshold, not a fine
            label = given[1] if len(given) > 1 else None  # the count a per-unit amount multiplies, named before the verb
            given = [g for g in given[:1] if g]
            if label:
                for entry in entries:
                    if entry.get("of") == "other" and "multiple" in entry:
                        entry["of_label"] = label
            cond = given[0] if given else _condition(lead)
            first = number == 0 and k == 0
            for entry in entries:
                if not entry and not cond:
                    continue
                if "below" in entry or "at_least" in entry:
                    pass
                elif _band(entry, cond):
                    band = {k: entry[k] for k in ("of", "below", "at_least") if k in entry}
                elif cond and (not first or given or ITEM_CONDITION.match(cond)) and not re.search(r"由|违反本|有下列", cond):
                    entry["condition"] = cond
                    if "情节严重" in cond or "情节特别严重" in cond or "情节较重" in cond:
                        entry["circumstance"] = ["serious", "especially_serious"]; serious_seen = True
                    elif "情节较轻" in cond or "情节轻微" in cond:
                        entry["circumstance"] = ["minor"]
                    if band and "range" in entry and "circumstance" in entry:
                        entry.update(band)
                entry["_clause"] = number
                entry["_persons"] = bool(PERSONS.search(lead))  # keeps a person's fine apart from the same words for a unit
                entry["_staff"] = bool(STAFF.search(lead))
                key = repr(sorted((k, v) for k, v in entry.items() if k not in ("condition", "of_label", "_clause")))
                if key in seen:
                    continue  # the same fine for another addressee or act in the same words: one branch
                seen.add(key)
                out.append(entry)
    if all(e.get("unspecified") for e in out):
        out = []  # only unquantified fines (处以罚款): nothing to check an amount against
    # a band on one base implies the complementary band for the plain branch on the same base
    for i, e in enumerate(out):
        if "below" in e or "at_least" in e or "range" not in e and "multiple" not in e:
            continue
        for j, other in enumerate(out):
            if other is e or other.get("of") is None or "circumstance" in e and other["_clause"] != e["_clause"]:
                continue
            if "below" in other and other.get("of") == e.get("of") and "multiple" in e and (
                    other["_clause"] == e["_clause"] or not BRANCH.search(clauses[other["_clause"]])):
                # same base, any clause — but a band under another branch (情节严重的，…货值金额不足10万元的，…) is that
                # branch's own
                e["at_least"] = other["below"]; e.setdefault("of", other["of"]); break
            if "below" in other and "range" in e and not e.get("of") and "condition" not in e and not e["_staff"] and (
                    "at_least" not in other and not BRANCH.search(clauses[other["_clause"]])
                    and not any(x["_clause"] == other["_clause"] and "condition" in x for x in out)
                    and not any("at_least" in x and x.get("of") == other["of"] for x in out)):
                # 处5万元以上20万元以下的罚款；…货值金额不足1万元的，处货值金额2倍以下的罚款: the plain range is the band above
                # (not where the band's clause is another act's: 骗取…证书的，处货值金额等值以下的罚款，但货值金额低于5000元的…;
                # nor where the band above is written out: 货值金额一万元以上的，并处…)
                e["at_least"] = other["below"]; e["of"] = other["of"]; break
            if "at_least" in other and "range" in e and not e.get("of") and "condition" not in e and not e["_staff"] and (
                    other["_clause"] == e["_clause"] or (
                        j == i + 1 and "multiple" in other and other["_clause"] == e["_clause"] + 1 and not e["_staff"]
                        and not BRANCH.search(clauses[other["_clause"]]))):
                e["below"] = other["at_least"]; e["of"] = other["of"]; break
    # 不足X元的，按X元计算: the multiple applies to max(base, X) — below X it is the multiple of X. Several floors on
    # one base (批发 不足十万元按十万元, 零售 不足一万元按一万元): each lower floor holds below the one above it.
    floors = {}
    for m in FLOOR.finditer(paragraph):
        key = amount_key(m.group("base"))[0]
        clause = len(re.findall(r"[；;。]", paragraph[:m.start()]))
        qualified = QUALIFIED_FLOOR.search(paragraph, 0, m.start())
        floors.setdefault((key, clause, qualified.group(1) if qualified else None), []).append(
            money(m.group("v") + ("万" if m.group("unit").startswith("万") else "")))
    for (key, clause, qualifier), values in floors.items():
        values = sorted(set(values), reverse=True)
        bare = [e for e in out if "multiple" in e and "below" not in e and "at_least" not in e and (e.get("of") == key or key == "other")]
        # a floor written in the clause of one multiple holds for that multiple (…三倍以下的罚款，危害严重，出售金额不满
        # 二千元的，以二千元计算), else for every multiple on its base
        bare = [e for e in bare if e["_clause"] == clause] or bare
        if qualifier:  # 危害严重，出售金额不满二千元的，以二千元计算: the multiple stands; below the floor, only when 危害严重
            for e in bare:
                low = {k: v for k, v in e.items() if k not in ("multiple", "of_label")}
                low.update({"range": [e["multiple"][0] * values[0], e["multiple"][1] * values[0]], "below": values[0],
                            "condition": "；".join(filter(None, (e.get("condition"), qualifier + "的")))})
                out.append(low)
            continue
        for e in bare:
            for n, floor in enumerate(values):
                if n == 0:
                    e["at_least"] = floor
                    high = e
                else:
                    high = dict(e, at_least=floor, below=values[n - 1])
                    out.append(high)
                low = {k: v for k, v in e.items() if k not in ("multiple", "at_least", "below", "of_label")}
                low.update({"range": [e["multiple"][0] * floor, e["multiple"][1] * floor], "below": floor})
                out.append(low)
    for m in FINE_FLOOR.finditer(paragraph):
        key, times = amount_key(m.group("base"))[0], ratio(m.group("m"))
        floor = money(m.group("v") + ("万" if m.group("unit").startswith("万") else ""))
        for e in [e for e in out if "multiple" in e and "below" not in e and "at_least" not in e
                  and e["multiple"][1] == times and (e.get("of") == key or key == "other")]:
            e["at_least"] = floor / times
            out.append({k: v for k, v in e.items() if k not in ("multiple", "at_least", "of_label")} |
                       {"range": [floor, floor], "below": floor / times})
    for e in out:
        e.pop("_clause", None); e.pop("_persons", None)
        if not staff_only:
            e.pop("_staff", None)
    if staff_only:
        out = [e for e in out if e.pop("_staff", False)]
    if serious_seen:
        for e in out:
            if e and not any(k in e for k in ("circumstance", "condition", "below", "at_least")):
                e["circumstance"] = ["minor", "ordinary"]
    return out


REF = re.compile(r"(?:依照|依据|按照)(?P<which>本法|本条例|本办法|本规定|本细则|本条|前款|前两款|前三款|本章)?"
                 r"(?P<arts>第[一二三四五六七八九十百零〇]+条(?:、第[一二三四五六七八九十百零〇]+条)*)?"
                 r"(?:第(?P<para>[一二三四五六七八九十]+)款(?P<more>(?:、第[一二三四五六七八九十]+款)*))?"
                 r"(?:第[（(][一二三四五六七八九十]+[)）]项)?(?:的)?规定(?:的(?:罚款)?数额[^，；。]{0,30}?)?(?:[^，；。、]{1,6}、)?(?:予以|给予|处以|进行|作出|从重)?"
                 r"(?:(?:处理、)?(?:处罚|罚款|处理|承担(?:法律)?责任)(?!的)"  # 依照…规定处罚的，按照…: a condition, not a penalty
                 r"|(?<=规定)[，,][^；。]{0,24}?(?:并处|处以)罚款(?![的数额]))")  # 依照前款规定，对…予以没收，并处罚款


def referenced(text, articles, article_no, paragraph_no):
    """The paragraph(s) a penalty provision points to inside the same text (依照本法第X条的规定处罚, 依照前款规定处罚)."""
    found = []
    for m in REF.finditer(text):
        which, arts, para = m.group("which"), m.group("arts"), m.group("para")
        before = re.split(r"[；;。]", text[:m.start()])[-1]
        # 对直接负责的主管人员…依照前款规定处罚: what the target gives those people, not the unit's fines again
        staff = bool(PERSONS.search(before[before.rfind("对") + 1:] if "对" in before else ""))
        targets = []
        if which in ("前款", "前两款", "前三款") and paragraph_no and paragraph_no > 1:
            back = {"前款": 1, "前两款": 2, "前三款": 3}[which]
            targets = [(article_no, p) for p in range(max(1, paragraph_no - back), paragraph_no)]
        elif which in ("本条", None) and para and not arts:
            # 依照本条第一款、第三款的规定处罚 (农药管理条例第五十二条第四款): each paragraph named
            targets = [(article_no, cn_number(x)) for x in [para, *re.findall(r"第([一二三四五六七八九十]+)款", m.group("more") or "")]]
        elif arts and which in (None, "本法", "本条例", "本办法", "本规定", "本细则"):
            if which is None and not re.search(r"(依照|依据|按照)第", text[m.start():m.start() + 4]):
                continue
            targets = [(cn_number(a), cn_number(para) if para else None) for a in re.findall(r"第([^条、]+)条", arts)]
        for a, p in targets:
            if (a, p) == (article_no, paragraph_no):
                continue
            target = articles.get(a)
            if target is None:
                continue
            paras = target.paragraphs
            if p is None:
                found.extend((t, i, staff) for t, i in paras)
            elif p <= len(paras):
                found.append((*paras[p - 1], staff))
    return found


CN_NUM = "[一二三四五六七八九十百零〇]+"
LAW_TEXTS = ROOT.parent / "shared" / "domain" / "laws"  # where another law a provision points to is read (--texts)
# 依照《药品管理法》第七十九条的规定给予处罚 / 依照食品安全法第一百二十六条第一款的规定给予处罚
OTHER_REF = re.compile(
    rf"(?:依照|依据|按照)(?:《(?P<law1>[^《》]{{2,40}})》|(?P<law2>(?!本)[\u4e00-\u9fff]{{2,20}}?(?:法|条例)))"
    rf"(?P<arts>第{CN_NUM}条(?:、第{CN_NUM}条)*)(?:第(?P<para>[一二三四五六七八九十]+)款)?(?:第[（(]?[一二三四五六七八九十]+[)）]?项)?"
    r"(?:的)?(?:规定)?(?:[^，；。、]{1,6}、)?(?:予以|给予|处以|进行|作出|从重)?(?:处理、)?(?:处罚|罚款|处理)(?!的)")
# 依照《土地管理法》第七十五条的规定处以罚款的，罚款额为…: this text's own measure for fines under another law's article
STANDARD_FOR = re.compile(rf"^(?:依照|依据|按照)(?:《(?P<law1>[^《》]{{2,40}})》|(?P<law2>(?!本)[\u4e00-\u9fff]{{2,20}}?(?:法|条例)))"
                          rf"第(?P<art>{CN_NUM})条(?:的)?规定(?:处以罚款|处罚|罚款)的")
_LAW_INDEX: dict = {}
_ARTICLES: dict = {}
_STANDARDS: dict = {}


def use_texts(texts: Path) -> None:
    """Read other laws a provision points to from ``texts`` (the corpus being built from)."""
    global LAW_TEXTS
    if Path(texts) != LAW_TEXTS:
        LAW_TEXTS = Path(texts)
        _LAW_INDEX.clear(); _ARTICLES.clear()


def _law_name(name: str) -> str:
    return name.removeprefix("中华人民共和国").strip()


def other_law(name: str, on) -> dict | None:
    """The articles of the version of law ``name`` adopted last on or before ``on`` (None if the corpus holds none)."""
    if not _LAW_INDEX:
        for path in LAW_TEXTS.rglob("*.md"):
            m = re.match(r"^(?P<name>.+)\((?P<date>\d{4}-\d{2}-\d{2})\)\.md$", path.name)
            if m:
                _LAW_INDEX.setdefault(_law_name(m.group("name")), []).append((date.fromisoformat(m.group("date")), path))
        _LAW_INDEX.setdefault("", [])
    held = sorted(v for v in _LAW_INDEX.get(_law_name(name), ()) if v[0] <= on)
    if not held:
        return None
    path = held[-1][1]
    if path not in _ARTICLES:
        _ARTICLES[path] = read_articles(path)
    return _ARTICLES[path]


def _standards(articles) -> dict:
    """(law, article) → the paragraphs of this text that set the fine for that article of another law (one pass)."""
    cached = _STANDARDS.get(id(articles))
    if cached is not None and cached[0] is articles:
        return cached[1]
    index = {}
    for number, article in articles.items():
        for p, (text, items) in enumerate(article.paragraphs, 1):
            m = STANDARD_FOR.match(text)
            if m:
                index.setdefault((_law_name(m.group("law1") or m.group("law2")), cn_number(m.group("art"))), []).append(
                    (number, p, text, items))
    _STANDARDS[id(articles)] = (articles, index)
    return index


def other_referenced(text, articles, article_no, paragraph_no, on):
    """The paragraphs of another law a penalty provision points to (依照《X》第N条的规定处罚): this text's own measure
    for fines under that article where it sets one, else that article in the version adopted last by ``on``."""
    found = []
    for m in OTHER_REF.finditer(text):
        before = re.split(r"[；;。]", text[:m.start()])[-1]
        staff = bool(PERSONS.search(before[before.rfind("对") + 1:] if "对" in before else ""))
        law = _law_name(m.group("law1") or m.group("law2"))
        para = cn_number(m.group("para")) if m.group("para") else None
        for a in re.findall(r"第([^条、]+)条", m.group("arts")):
            a = cn_number(a)
            own = [(t, i) for n, p, t, i in _standards(articles).get((law, a), ()) if (n, p) != (article_no, paragraph_no)]
            if own:
                found.extend((t, i, staff) for t, i in own)
                continue
            if on is None:
                continue
            target = (other_law(law, on) or {}).get(a)
            if target is None:
                continue
            if para is None:
                found.extend((t, i, staff) for t, i in target.paragraphs)
            elif para <= len(target.paragraphs):
                found.append((*target.paragraphs[para - 1], staff))
    return found


def _with_items(text, items, staff_only=False):
    if ON_THE_SPOT.search(text):  # the items list what may be decided on the spot
        return []
    own = fines(text, staff_only)
    seen = [_plain(e) for e in own]
    for item in items:
        for e in fines(item, staff_only):
            if _plain(e) not in seen:  # the same branch written in two items is one branch of the paragraph
                own.append(e); seen.append(_plain(e))
    return own


ADDRESSEE = re.compile(r"对(?:其)?(?:单位|个人|直接负责的主管人员|直接责任人员|法定代表人|主要负责人|责任人员)|单位有|个人有")


def _names_addressees(text, items):
    """Whether a paragraph gives separate fines to a unit and to people (对单位处…，对个人处…)."""
    return any(ADDRESSEE.search(t) for t in (text, *items))


def _plain(e):
    return {k: v for k, v in e.items() if k not in ("condition", "circumstance", "of_label")}


HEAVIER = re.compile(r"^[^。；;]*的，(?:应当)?从重处罚。?$")
SCALED = re.compile(rf"(?:按照|依照)前款(?:规定的)?罚款数额的(?P<lo>{R})以上(?P<hi>{R})以下[^。；]*处以罚款")
ITEM_REF = re.compile(r"(?:依照|按照)本(?:条|款)第[（(]([一二三四五六七八九十]+)[)）]项(?:的)?规定(?:处罚|处理)")
UNQUANTIFIED = re.compile(r"(?:处以|并处)罚款")
NEXT_AMOUNTS = re.compile(r"^(?:单位|个人)?有前款|^对(?:个人|单位)的罚款(?:金额|数额)|^前款(?:规定的)?罚款")
AUTHORITY = re.compile(r"部门|机关|机构|政府|法院")


def fines_with_refs(text, articles, article_no, paragraph_no, item=None, depth=0, on=None):
    """The fine branches of one paragraph (or of one of its items): its own words, its items', and those of the
    paragraphs it points to in the same text (依照前款规定处罚, 依照本法第X条的规定处罚) or, given the text's date
    ``on``, in another law (依照《X》第N条的规定处罚: the version of X adopted last on or before ``on``)."""
    article = articles.get(article_no)
    items = ()
    if article is not None and paragraph_no and paragraph_no <= len(article.paragraphs):
        if article.paragraphs[paragraph_no - 1][0] == text:
            items = article.paragraphs[paragraph_no - 1][1]
    if item is not None and item <= len(items):
        own = fines(items[item - 1])
        m = ITEM_REF.search(items[item - 1])
        if not own and m and cn_number(m.group(1)) <= len(items) and cn_number(m.group(1)) != item:
            own = fines(items[cn_number(m.group(1)) - 1])
        return own
    own = _with_items(text, items)
    if not own and UNQUANTIFIED.search(text) and article is not None and paragraph_no < len(article.paragraphs):
        # 处以罚款：(一)… / next paragraph 有前款第一项、第八项行为之一的，处五万元…: the amounts follow
        # …处以罚款、拘留 / next paragraph 对个人的罚款金额，为… or 对造成…的，按照直接损失的百分之二十计算罚款 (amounts
        # without an authority of their own): the amounts of this paragraph's fine
        following = article.paragraphs[paragraph_no][0]
        if NEXT_AMOUNTS.match(following) or not AUTHORITY.search(following):
            own = fines(following)
    if depth > 2:
        return own
    refs = referenced(text, articles, article_no, paragraph_no) + other_referenced(text, articles, article_no,
                                                                                  paragraph_no, on)
    if not own and not refs and article is not None and 1 < paragraph_no <= len(article.paragraphs):
        previous = article.paragraphs[paragraph_no - 2]
        if HEAVIER.match(text):  # 冒充军警人员招摇撞骗的，从重处罚: the preceding paragraph's penalty, at its heavy end
            refs = [(*previous, False)]
        m = SCALED.search(text)
        if m:  # 按照前款罚款数额的二倍以上五倍以下…处以罚款
            lo, hi = ratio(m.group("lo")), ratio(m.group("hi"))
            return [{"range": [e["range"][0] * lo, e["range"][1] * hi]} for e in _with_items(*previous) if "range" in e
                    and "below" not in e and "at_least" not in e]
    base = list(own)
    for ref_text, ref_items, staff in dict.fromkeys(refs):  # a paragraph pointed to twice is read once
        got = _with_items(ref_text, ref_items, staff)
        if staff and not got and not _names_addressees(ref_text, ref_items):
            # 单位有前款行为的，处…，并对其直接负责的主管人员…依照前款规定予以处罚: the paragraph pointed to fines the
            # act itself (no fine there for a unit or its people): those people get its fines
            got = _with_items(ref_text, ref_items)
        for e in got:
            if e not in base:
                own.append(e)
    return own


def penalties(paragraph: str) -> list[str]:
    found = [name for name, pattern in PENALTY_WORDS if re.search(pattern, paragraph)]
    if re.search(r"没收违法所得(?:和|、|以及|及)", paragraph) and "confiscate_property" not in found:
        found.insert(found.index("confiscate_income") + 1, "confiscate_property")
    return found


def provisions(articles, on=None) -> list[dict]:
    out = []
    for number, article in articles.items():
        several = len(article.paragraphs) > 1
        for p, (text, items) in enumerate(article.paragraphs, 1):
            kinds = penalty_types(text, items)
            ref = None
            if not kinds:  # 依照本法第X条的规定处罚: the penalties of the paragraph it points to
                refs = referenced(text, articles, number, p)
                ref = "；".join(r[0] for r in refs) if refs else None
                kinds = penalty_types(ref) if ref else []
            if not kinds:
                continue
            entry = {"article": number}
            if several:
                entry["paragraph"] = p
            entry["summary"] = ("罚则：" if ref is None else "罚则（依照所引条款）：") + "、".join(_LABELS[k] for k in kinds) + (
                f"（列举{len(items)}项情形）" if items else "")
            entry["penalties"] = kinds
            found = fines_with_refs(text, articles, number, p, on=on) if "fine" in kinds else []
            if found:
                entry["fines"] = found
            out.append(entry)
    return out


_LABELS = {"warning": "警告", "criticism": "通报批评", "fine": "罚款", "confiscate_income": "没收违法所得",
           "confiscate_property": "没收非法财物", "suspend_license": "暂扣许可证件", "lower_qualification": "降低资质等级",
           "revoke_license": "吊销许可证件", "restrict_operation": "限制开展生产经营活动", "suspend_business": "责令停产停业",
           "close": "责令关闭", "restrict_practice": "限制从业", "detention": "行政拘留"}


def cn_date(text: str):
    m = CN_DATE.search(text)
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def effective_from(path: Path, db_valid: str | None, adopted: date, lines: list[str], articles) -> tuple[date, str]:
    if db_valid:
        return date.fromisoformat(db_valid), "数据库施行日期"
    for line in lines:
        if line.endswith("施行") and cn_date(line):
            return cn_date(line), "题注施行日期"
    last = lines[-1] if lines else ""
    if "修订" in last and "决定" not in last or len(lines) == 1:
        final = articles[max(articles)].text
        m = re.search(r"自(\d{4}年\d{1,2}月\d{1,2}日)起施行", final)
        if m:
            return cn_date(m.group(1)), "末条施行日期"
    return adopted, "以公布日期计（修正决定自公布之日起施行）"


def issuer(level: str, lines: list[str]) -> str:
    if level == "行政法规":
        return "国务院"
    if level == "部门规章":
        for line in reversed(lines):
            m = re.search(r"\d日\s*(\S+?)令", line)
            if m:
                return m.group(1)
        return "国务院部门"
    first = lines[0] if lines else ""
    return "全国人民代表大会" if "全国人民代表大会第" in first or "全国人民代表大会第" in first.replace("常务委员会", "X") and "常务委员会" not in first else "全国人民代表大会常务委员会"


def order_no(lines: list[str]):
    for line in reversed(lines):
        m = re.search(r"((?:中华人民共和国)?\S*?令第\d+号)", line)
        if m:
            return m.group(1).split("日")[-1].strip()
    return None


def build(entry: dict, texts: Path, db: sqlite3.Connection) -> dict:
    name = entry["name"]
    use_texts(texts)
    files = sorted({p.name: p for p in texts.rglob(f"{name}(*).md")}.values(), key=lambda p: p.name)
    if not files:
        raise SystemExit(f"no text for {name}")
    versions = []
    title = level = None
    for path in files:
        adopted = date.fromisoformat(path.stem[len(name) + 1:-1])
        row = db.execute("select level, valid_from from law where name=? and publish=?", (name, adopted.isoformat())).fetchone()
        level = row[0] if row else level
        lines = header(path)
        articles = read_articles(path)
        start, how = effective_from(path, row[1] if row else None, adopted, lines, articles)
        if start < adopted:  # an amended text keeps the original's 施行 article: this version began no earlier than adoption
            start, how = adopted, "以公布日期计（末条施行日期早于本次修改）"
        title = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
        version = {"id": str(adopted.year) if not any(v["id"] == str(adopted.year) for v in versions) else adopted.isoformat(),
                   "adopted": adopted, "effective_from": start}
        if order_no(lines):
            version["order_no"] = order_no(lines)
        version.update({"text_file": path.relative_to(texts).as_posix(), "articles": len(articles),
                        "layout": layout(articles), **({"breaches": b} if (b := breaches(articles)) else {}),
                        "provisions": provisions(articles, adopted), "_how": how, "_lines": lines})
        versions.append(version)
    versions.sort(key=lambda v: v["effective_from"])
    for earlier, later in zip(versions, versions[1:]):
        earlier["effective_to"] = later["effective_from"]
    notes = "；".join(f"{v['id']}版施行日期：{v.pop('_how')}" for v in versions)
    if entry.get("repealed"):
        versions[-1]["effective_to"] = entry["repealed"]["date"]
        notes += f"；{entry['repealed']['date']}起废止（{entry['repealed']['by']}）"
    iss = issuer(level, versions[-1].pop("_lines"))
    for v in versions:
        v.pop("_lines", None)
    law = {"id": entry["id"], "name": title, "aliases": entry.get("aliases", []), "level": level, "issuer": iss,
           "fields": entry["fields"], "versions": versions}
    return {"catalog": "laws", "version": "2026.1", "effective_from": versions[0]["effective_from"],
            "source": "法律文本（shared/domain/laws，快照截至2025-04-05）；罚则由 scripts/build_law_catalog.py 起草，逐条对照原文核对",
            "checked_through": date(2025, 4, 5),
            "note": notes, "law": law}


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=Path, default=ROOT.parent / "shared" / "domain" / "laws")
    ap.add_argument("--only", action="append")
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args()
    db = sqlite3.connect(args.texts / "db.sqlite3")
    selection = yaml.safe_load((ROOT / "scripts" / "law_selection.yaml").read_text(encoding="utf-8"))
    out_dir = ROOT / "catalogs" / "laws"
    for entry in selection:
        if args.only and entry["id"] not in args.only:
            continue
        target = out_dir / f"{entry['id']}.yaml"
        if target.exists() and not args.force:
            print(f"skip {target.name} (exists)")
            continue
        doc = build(entry, args.texts, db)
        target.write_text(yaml.dump(doc, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100000,
                                    default_flow_style=None), encoding="utf-8")
        v = doc["law"]["versions"]
        print(f"{target.name}: {len(v)} version(s), {sum(len(x['provisions']) for x in v)} penalty provisions")


if __name__ == "__main__":
    main()
