"""裁量基准 (discretion): is penalizing at all, and how much, within what the law allows here?

《行政处罚法》第三十三条第一款（原则）：违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。
（但书）初次违法且危害后果轻微并及时改正的，可以不予行政处罚（首违不罚：可以，而非应当）。
"""
import re

from review_assistant.case.money import amounts
from review_assistant.law.citations import normalize_law_name, recites_earlier_case, resolve, to_cn
from review_assistant.law.discretion import (
    baselines,
    calculations,
    first_tiers,
    in_scope,
    named_rows,
    names_provision,
    out_of_scope,
)
from review_assistant.law.fines import AMOUNT_LABELS, FineRange, yuan
from review_assistant.engine.context import HEAVY_TYPES
from review_assistant.engine.fine_checks import fine_checks
from review_assistant.engine.rulebook import derive, gap_rule, manual_rule, rule

ITEM = "discretion"


@derive
def leniency(ctx):
    pkg, v = ctx.package, ctx.package.violation
    decision = pkg.proposed_decision
    if decision is None or decision.outcome is None:
        yield {"kind": "gap", "where": "/proposed_decision/outcome", "what": "拟处理决定（proposed_decision）"}
        return
    if decision.outcome != "penalize":
        if decision.penalties:
            yield {"kind": "contradiction", "where": "/proposed_decision/penalties",
                   "outcome": {"no_penalty": "不予处罚", "refer": "移送", "revoke_case": "撤案"}[decision.outcome]}
        return
    # 第三十条、第三十一条、第三十三条第二款: who must not be penalized at all
    if ctx.age_at_act is not None and ctx.age_at_act < 14:
        yield {"kind": "must_not", "where": "/parties", "why": f"违法时不满十四周岁（{ctx.age_at_act}岁）",
               "law": "第三十条"}
    for i, party in enumerate(pkg.parties or ()):
        if party.mental_condition == "incapable":
            yield {"kind": "must_not", "where": f"/parties/{i}/mental_condition",
                   "why": "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为", "law": "第三十一条"}
    if v and v.no_fault_proven:
        yield {"kind": "no_fault", "where": "/violation/no_fault_proven"}
    needed = {"circumstance": "情节", "harm": "危害后果", "corrected_promptly": "是否及时改正"}
    missing = [label for key, label in needed.items() if v is None or getattr(v, key) is None]
    if missing:
        yield {"kind": "gap", "where": "/violation", "what": "、".join(missing) + "（判断是否依法不予处罚所需）"}
        return
    minor_no_harm = v.circumstance == "minor" and v.harm == "none" and v.corrected_promptly
    own = next((r.law.own_leniency for f in ("violated", "penalty") for _, r in ctx.resolved_citations(f)
                if r.law and r.law.own_leniency), None)
    if minor_no_harm and own:
        # the law cited decides leniency itself (治安管理处罚法第十九条: 减轻或者不予): a question for the reviewer
        yield {"kind": "own_leniency", "where": "/proposed_decision/outcome", "own": own}
        minor_no_harm = False
    certain = minor_no_harm and _says_minor_violation(ctx)
    if minor_no_harm and not certain:
        # 情节 minor is the team's tier, which many baselines still fine (从轻); 第三十三条第一款 asks whether the 违法行为 is
        # 轻微. Only the file's own words (违法行为轻微) make it certain; else the reviewer is asked
        yield {"kind": "manual", "where": "/proposed_decision/outcome",
               "what": "案卷认定情节轻微、已及时改正且无危害后果，仍拟处罚；属于第三十三条第一款“违法行为轻微并及时改正，"
                       "没有造成危害后果”的，应当不予处罚"}
    yield {"kind": "penalized", "where": "/proposed_decision/outcome",
           "must_not_penalize": bool(certain),
           "first_offense_may_waive": bool(not minor_no_harm and v.first_offense and v.corrected_promptly
                                            and v.harm in ("none", "minor") and not _has_record(pkg)
                                            and not _waiver_considered(ctx))}
    aggravating = [c for c in v.aggravating or () if c in ctx.catalogs.factors]
    if v.circumstance == "minor" and aggravating:
        yield {"kind": "inconsistent", "where": "/violation/circumstance",
               "why": "情节认定为轻微，但同时记载了从重情节：" + "、".join(ctx.catalogs.factors[c].label for c in aggravating)}
    if (v.circumstance in ("serious", "especially_serious") and v.harm == "none" and not aggravating
            and not _affirms(AGGRAVATION_IN_WORDS, pkg.facts_text)
            and not any(ctx.imposed_for_the_act(p.type) for _, p in ctx.penalties if p.type in HEAVY_TYPES)):
        yield {"kind": "inconsistent", "where": "/violation/circumstance",
               "why": "情节认定为严重，但未造成危害后果，也未记载任何从重情节"}


# a circumstance that makes a case serious whatever its harm, told in the facts (拒不投保, 经责令限期改正逾期不改正)
# an act repeated many times over its period (无证驾驶该轮累计航行17个航次, 累计逃避现场检查3次), not a count of what the party
# did as asked (累计参加安全培训3次, 累计接受检查5次)
AGGRAVATION_IN_WORDS = (r"拒不(改正|整改|停止|投保|履行|执行|配合)|逾期(仍)?(不|未)(改正|整改)|屡次|多次实施|再次实施|一年内再次"
                        r"|(?<!本局)(?<!我局)(?<!执法人员)累计(?:(?!参加|接受|组织|开展|完成|通过|举办|配合)[^，。；]){0,12}(?:[2-9]|\d{2,}|[二两三四五六七八九十]+)"
                        r"[^，。；\d]{0,3}(?:次|航次|趟|批次|车次)")
MINOR_VIOLATION = r"违法行为(情节)?(显著)?轻微|轻微违法|情节轻微并(已)?及时(改正|纠正)"


# 无证驾驶, 无照经营: the act itself (unlicensed), not a denial of what follows; 无证据证明 is one
NEGATED = re.compile(r"(不属于|不符合|不适用|并非|不是|不构成|不存在|没有|未发现|未查实|未查见|无(?!证(?!据)|照|资质|许可))[^，。；]{0,12}$")
LIST_NAME = re.compile(r"轻微违法行为(不予(行政)?处罚|免罚)?清单|免罚清单")


def _affirms(pattern: str, text) -> bool:
    """``pattern`` said of this case: not negated just before (不属于违法行为轻微…的情形), not a list's name."""
    if not text:
        return False
    for m in re.finditer(pattern, text):
        if NEGATED.search(text, max(0, m.start() - 14), m.start()) or LIST_NAME.match(text, max(0, m.start() - 2)):
            continue
        if LIST_NAME.search(text, m.start(), m.end() + 12):
            continue
        return True
    return False


def _narrative(ctx) -> tuple:
    """The file's own account of the case: facts, decision, and the violation's description."""
    pkg = ctx.package
    return pkg.facts_text, pkg.decision_text, pkg.violation.description if pkg.violation else None


def _says_minor_violation(ctx) -> bool:
    return any(_affirms(MINOR_VIOLATION, t) for t in _narrative(ctx))


# 第三十二条第（三）项 in the file's own words: the party confessed, of its own accord, what the authority did not yet know
CONFESSED_UNKNOWN = r"主动(?:供述|交代|说明|报告)[^。；;]{0,120}?(?:尚未|此前未|事先未|并未|未)(?:掌握|发现)"
# the decision saying there is no statutory ground for a lighter penalty
NO_LIGHTER_GROUND = r"(?:无|没有|不具有|不存在)(?:法定(?:的)?)?(?:应当)?从轻(?:、|或者|或|和)?(?:减轻)?(?:处罚)?(?:的)?(?:情节|情形)"


@derive
def lighter_ground_denied(ctx):
    """The file records a ground on which the penalty *shall* be lighter (第三十二条第（三）项: 主动供述行政机关尚未掌握的违法
    行为), and its decision says there is none: the decision refuses what the law requires."""
    pkg = ctx.package
    decision = pkg.proposed_decision
    if decision is None or decision.outcome != "penalize" or not pkg.decision_text:
        return
    texts = (pkg.facts_text, pkg.decision_text)
    if any(_affirms(CONFESSED_UNKNOWN, t) for t in texts) and _affirms(NO_LIGHTER_GROUND, pkg.decision_text):
        yield {"kind": "lighter_denied", "where": "/decision_text",
               "ground": "当事人主动供述行政机关尚未掌握的违法行为（第三十二条第（三）项）"}


@derive
def below_the_least(ctx):
    """A fine below the least the cited provision sets (engine/fine_checks measures it against the governing version)
    is 减轻处罚: 第三十条、第三十二条 make it lawful, nothing else does."""
    yield from (fact for fact in ctx.once(fine_checks) if fact["kind"] == "fine_below")


@derive
def calculated(ctx):
    """A published table that computes the fine (权重累加 or 幅度 by grades) for the cited provision: the fine above
    everything the table allows is wrong whatever the missing factors; anything else is shown as the calculation."""
    fines = [(i, p) for i, p in ctx.penalties if p.type == "fine" and p.amount is not None]
    decision = ctx.package.proposed_decision
    if not fines or decision is None or decision.outcome != "penalize":
        return
    calcs = [c for c in calculations(ctx)]
    known = [c for c in calcs if c.high is not None]
    v = ctx.package.violation
    apology = bool(v and "public_apology" in (v.mitigating or ()))
    for i, p in fines:
        if apology and known and all(c.exact for c in known):
            # 粤环发〔2021〕7号第十四条: the standard lowered by 30 % to 50 %, never below the statutory minimum
            std_low, std_high = min(c.low for c in known), max(c.high for c in known)
            floor = _statutory_minimum(ctx)
            low, high = max(std_low * 0.5, floor or 0), max(std_high * 0.7, floor or 0)
            if not low - 0.5 <= p.amount <= high + 0.5:
                yield {"kind": "apology_misapplied", "where": f"/proposed_decision/penalties/{i}/amount",
                       "amount": yuan(p.amount), "standard": f"{yuan(std_low)}" if std_low == std_high else f"{yuan(std_low)}至{yuan(std_high)}",
                       "range": f"{yuan(low)}至{yuan(high)}"}
            continue
        if known and p.amount > max(c.high for c in known):
            top = max(known, key=lambda c: c.high)
            yield {"kind": "above_table", "where": f"/proposed_decision/penalties/{i}/amount", "amount": yuan(p.amount),
                   "source": top.source, "range": top.range_text, "steps": "；".join(top.steps),
                   "others": f"（另有{len(known) - 1}个适用表，最高{yuan(top.high)}）" if len(known) > 1 else ""}
            continue
        for c in calcs[:3]:
            if c.low is None:
                position = "未能计算幅度"
            elif p.amount < c.low:
                position = "低于计算幅度，请核对是否依法从轻、减轻或者按公开道歉承诺降低"
            else:
                position = "在计算幅度内"
            missing = f"；未载明的裁量要素：{'、'.join(c.missing)}" if c.missing else ""
            yield {"kind": "manual", "where": f"/proposed_decision/penalties/{i}/amount",
                   "what": f"裁量基准计算（{c.source}，{c.conduct[:40]}）：{'；'.join(c.steps)}{missing}。拟罚款{yuan(p.amount)}，{position}"}


@derive
def framework_band(ctx):
    """Where no baseline row exists for the provision, the arithmetic a framework rule fixes for the region and field
    (市场监管 从轻 in the lower 30 % of the statutory range …): binding ones are findings, others hints."""
    pkg, v = ctx.package, ctx.package.violation
    decision = pkg.proposed_decision
    fines = [(i, p) for i, p in ctx.penalties if p.type == "fine" and p.amount is not None]
    if not fines or decision is None or decision.outcome != "penalize" or v is None:
        return
    factors = ctx.catalogs.factors
    lighter = bool(ctx.mandatory_lighter) or any(c in factors and factors[c].effect in ("mandatory", "may")
                                                 for c in v.mitigating or ())
    heavier = any(c in factors and factors[c].effect == "aggravating" for c in v.aggravating or ())
    if lighter and heavier:
        return  # weighing both is for the reviewer
    direction = "lighter" if lighter else "heavier" if heavier else "ordinary"
    day = ctx.decision_date or ctx.as_of
    frames = _frameworks(ctx, day)
    if not frames:
        return
    for _, r in ctx.resolved_citations("penalty"):
        if not r.provision or any(True for _ in baselines(ctx, r, day)):
            continue  # a published row decides, not the framework
        statutory = ctx.fine_range(r.provision, r.law.id if r.law else None)
        if (not isinstance(statutory, FineRange) or statutory.high == float("inf") or statutory.high <= statutory.low
                or statutory.alternatives):  # the union of two branches (对单位/对个人) has no lower 30 % of its own
            continue
        kind = "multiple" if statutory.computed_from else "range"
        # a framework for ranges with a minimum, or (of_base statutory_maximum) for a law that sets only a maximum
        shape = "statutory_maximum" if statutory.low == 0 else None
        # a rule for named provisions, then one for named laws (海关 基准（三）, （二）), then the field's own
        ordered = sorted((f for f in frames if f.covers(r)), key=lambda f: (not f.provisions, not f.laws))
        frame = next((f for f in ordered if f.applies_to in ("both", kind) and (f.bands or {}).get(direction) and (
            (f.bands or {}).get("of_base") == shape
            or (f.bands or {}).get("of_base") in statutory.computed_from)), None)  # 海关: shares of the base itself
        if frame is None:
            continue
        share = frame.bands[direction]
        base_key = frame.bands.get("of_base")
        if base_key in statutory.computed_from and base_key in ctx.amounts:
            low, high = share[0] * ctx.amounts[base_key], share[1] * ctx.amounts[base_key]
        else:
            low = statutory.low + share[0] * (statutory.high - statutory.low)
            high = statutory.low + share[1] * (statutory.high - statutory.low)
        label = {"lighter": "从轻", "heavier": "从重", "ordinary": "一般"}[direction]
        measured = [(i, p) for i, p in fines if _fine_of(ctx, p, r, statutory, len(fines))]
        outside = [(i, p) for i, p in measured
                   if ((p.amount > high + 0.5) if direction == "lighter" else (p.amount < low - 0.5) if direction == "heavier"
                       else not (low - 0.5 <= p.amount <= high + 0.5))]
        if direction != "ordinary" and len(pkg.parties or ()) > 1 and len(outside) < len(measured):
            # v1 records one act's circumstances for all its parties: with several parties fined, the 从轻 or 从重 may
            # be one party's (共同违法, 主要实施者 and 协助者); a fine inside the band may be the one it belongs to —
            # unless the file says whose it is (适用于李佳欣、杨梦瑶; 均应当从轻处罚)
            owed = _owed_the_direction(ctx, direction)
            outside = [(i, p) for i, p in outside if owed is not None and ctx.penalized_party(p) in owed]
        for i, p in outside:
            facts = {"where": f"/proposed_decision/penalties/{i}/amount", "amount": yuan(p.amount), "label": label,
                     "band": f"{yuan(low)}至{yuan(high)}", "range": statutory.explanation,
                     "frame": f"{frame.title}（{frame.doc_no or frame.level}）{frame.article}",
                     "share": f"{share[0]:.0%}至{share[1]:.0%}"}
            if direction == "lighter" and _names(ctx, frame) and (ctx.mandatory_lighter or _says_lighter(ctx)):
                # the file itself names the rule as its discretion basis and finds the party owed 从轻: the rule it
                # says it applies decides, whether or not it binds on its own (第三十四条)
                yield {"kind": "outside_cited_framework", **facts}
                continue
            # a hint even where the rule binds: it applies only where the agency has no baseline row of its own
            # for the provision, and our catalog does not hold every region's baselines (a hole in our data)
            force = "该规定有约束力" if frame.binding else "该规定未设为必须遵守"
            yield {"kind": "manual", "where": facts["where"],
                   "what": f"{facts['frame']}：{label}处罚的罚款应在法定幅度（{facts['range']}）的{facts['share']}部分，"
                           f"即{facts['band']}；拟罚款{facts['amount']}不在其中（{force}；本机关对该事项另有裁量基准的，以基准为准）"}


_APPLIES_TO = re.compile(r"适用于([^）)。；;]{2,60})")
# every party at once: 均应当从轻处罚, 对二人从轻处罚, 适用于本案两名当事人
_EVERY_PARTY = r"(?:均|二人|两人|[两二三四五六七八九十]名当事人|各当事人|全部当事人|上述当事人)"
_ALL_OWED = {"lighter": re.compile(_EVERY_PARTY + r"[^，。；]{0,6}?(?:应当|应|予以|可以|依法)*从轻"),
             "heavier": re.compile(_EVERY_PARTY + r"[^，。；]{0,6}?(?:应当|应|予以|依法)*从重")}
# a discretion entry of the other tier (一般情节, 从重 beside a 从轻 …): whom it names is not owed this one
_OTHER_TIER = {"lighter": (re.compile(r"一般|从重|不予(?:行政)?处罚"), re.compile("从轻")),
               "heavier": (re.compile(r"一般|从轻|减轻|不予(?:行政)?处罚"), re.compile("从重"))}


def _owed_the_direction(ctx, direction: str) -> "set | None":
    """The parties the file says its 从轻 (从重) is for: those a discretion citation of that tier names (……（适用于李佳欣、
    杨梦瑶）, 适用于本案两名当事人), or all of them where the facts say so of each (均应当从轻处罚, 对二人从轻处罚); None when
    the file does not say."""
    names = {q.name for q in ctx.package.parties or () if q.name}
    if ctx.package.facts_text and _ALL_OWED[direction].search(ctx.package.facts_text):
        return names
    named = set()
    for text in (ctx.package.citations.discretion or ()) if ctx.package.citations else ():
        other, own = _OTHER_TIER[direction]
        if other.search(text) and not own.search(text):
            continue
        for m in _APPLIES_TO.finditer(text):
            named |= names if re.search(_EVERY_PARTY, m.group(1)) else {n for n in names if n in m.group(1)}
    return named or None


def _fine_of(ctx, penalty, r, statutory, count: int) -> bool:
    """Whether a fine is measured against this provision's range. A fine that names its provision (v1.5 ``basis``) is
    measured against that one. Otherwise: not a person's own fine in a file that also penalizes a unit (双罚: the
    person's penalty has its own provision), and, of several fines, only one the range could hold."""
    if penalty.basis:
        return any(x.law and r.law and x.law.id == r.law.id and x.citation.article == r.citation.article
                   for x in (resolve(c, ctx.catalogs, ctx.law_date) for c in ctx.read(penalty.basis)))
    parties = ctx.package.parties or ()
    kinds = {q.kind for q in parties}
    on = ctx.penalized_party(penalty)
    if "organization" in kinds and "individual" in kinds and any(q.name == on and q.kind == "individual" for q in parties):
        return False
    return count == 1 or statutory.low - 0.5 <= penalty.amount <= statutory.high + 0.5


def _names(ctx, frame) -> bool:
    """The file names the framework rule in its discretion basis (citations.discretion): by its title (without 关于规范) or
    its document number."""
    cited = (ctx.package.citations.discretion or []) if ctx.package.citations else []
    core = TITLE_HEAD.sub("", frame.title)  # 《市场监督管理行政处罚裁量权的指导意见》, as files shorten 《关于规范……》
    return any(core in c or (frame.doc_no and frame.doc_no in c) for c in cited)


TITLE_HEAD = re.compile(r"^关于(?:进一步)?(?:规范)?(?:适用)?")


# the decision says it treats the party more lightly (依法予以从轻处罚): a sentence that says 从轻 and neither denies it nor
# only reports the party's request (请求从轻处罚……不属于应当从轻处罚的情形，其请求不予采纳)
LIGHTER = re.compile(r"从轻(处罚|处理)")
NOT_LIGHTER = re.compile(r"不属于|不予|不符合|不能|不应|不采纳|未予?采纳|无[^，,]{0,6}从轻|没有[^，,]{0,6}从轻|请求|申请|要求|申辩|辩称|提出")
_SENTENCES = re.compile(r"[^。；;\n]+")


def _says_lighter(ctx) -> bool:
    for text in (ctx.package.decision_text, ctx.package.facts_text):
        if text and "从轻" in text:
            if any(LIGHTER.search(m.group()) and not NOT_LIGHTER.search(m.group()) for m in _SENTENCES.finditer(text)):
                return True
    return False


def _frameworks(ctx, day):
    """The framework rules for the agency's region and field in force on ``day``, local ones first."""
    found = [f for f in ctx.catalogs.frameworks.values() if f.in_force(day)
             and (not f.domains or ctx.catalogs.covers(f.domains, ctx.domain))
             and (f.scope == "national" or (ctx.agency_region or "").startswith(f.region_prefix or "#"))]
    found.sort(key=lambda f: f.scope != "local")
    return found


@derive
def listed_minor_violation(ctx):
    """A violation on a published 不予处罚 list (免罚清单) whose conditions the file shows met, yet penalized."""
    pkg, v = ctx.package, ctx.package.violation
    decision = pkg.proposed_decision
    if decision is None or decision.outcome != "penalize" or v is None or not ctx.catalogs.exemptions:
        return
    day = ctx.decision_date or ctx.as_of
    for i, r in ctx.resolved_citations("violated"):
        for file, e in ctx.catalogs.exemptions_by_article.get(r.citation.article, ()):  # names_provision: same article
            if not (names_provision(e, r) and in_scope(ctx, file, day)):
                continue
            met = v.first_offense is True and v.corrected_promptly is True and v.harm in ("none", "minor")
            if not met:
                continue
            facts = {"where": "/proposed_decision/outcome", "item": _row_place(file.source, e.source_row),
                     "conduct": e.conduct, "conditions": e.conditions}
            if e.generic and "主动" in (e.conditions or "") and _ordered_to_correct(ctx):
                # the list asks for a correction made of the party's own accord (经发现后主动……); the file records an order
                # to stop or correct (本局于检查当日责令当事人停止建设): whether it was 主动 is for the reviewer
                yield {"kind": "manual", "where": facts["where"],
                       "what": f"违法行为列入{facts['item']}（{e.conduct}）：{e.conditions}案卷载明初次违法、已改正、危害后果轻微，"
                               "但改正是在责令改正（停止）之后，是否属于清单所说的“主动”"}
            elif e.generic:
                yield {"kind": "exempt_penalized", **facts}
            else:
                yield {"kind": "manual", "where": facts["where"],
                       "what": f"违法行为列入{facts['item']}（{e.conduct}）：{e.conditions}案卷载明初次违法、已改正、危害后果轻微，"
                               "是否符合清单的其他条件"}


# the authority ordered the party to stop or correct (责令当事人停止建设, 责令立即改正, 系执行本局责令……决定)
# 第二十八条第二款's 但书 (除依法应当退赔的外), and a law that directs the income elsewhere (物业管理条例第六十二条: 所得收益
# 用于物业共用部位、共用设施设备的维修、养护): the decision says where the income goes instead
INCOME_DISPOSED = re.compile(
    r"收益[^。；;]{0,24}用于[^。；;]{0,16}(?:共用部位|共用设施|公共部位|维修资金)"
    r"|(?:已|责令|予以|全部)(?:退赔|退还|返还)(?:给|予)?[^。；;]{0,8}(?:消费者|乘客|顾客|购买者|受害人|业主|学员|患者|群众|缴费人)"
    r"|(?:已|责令|予以|全部)(?:退赔|退还|返还)[^。；;]{0,6}(?:违法所得|所得|收取的|收费|费用|款项)")


SENTENCE_REACH = 400


def _income_disposed(ctx, income: float) -> bool:
    """The decision says the income itself goes back or where the law sends it — all of it: a sentence naming a smaller
    sum (已退赔车费2000元 of 36,800) disposes of that part only."""
    pkg, d = ctx.package, ctx.package.proposed_decision
    # the case system's own fields on the decision: a text, or a list of measures (other_measures: 责令退还所收费用)
    extra = [x for v in ((d.model_extra or {}).values() if d else ()) for x in (v if isinstance(v, list) else [v])
             if isinstance(x, str)]
    for text in (*extra, pkg.decision_text):
        for m in INCOME_DISPOSED.finditer(text or ""):
            if NEGATED.search(text, max(0, m.start() - 14), m.start()):
                continue
            # its sentence, at most SENTENCE_REACH characters each way: a sentence of thousands of these (no 。 between
            # them) was read again from its start for each — quadratic
            lo, hi = max(0, m.start() - SENTENCE_REACH), min(len(text), m.end() + SENTENCE_REACH)
            start = max(text.rfind(c, lo, m.start()) for c in "。；;\n") + 1 or lo
            ends = [i for i in (text.find(c, m.end(), hi) for c in "。；;\n") if i >= 0]
            sums = [v for v, _ in amounts(text[max(start, lo):min(ends) if ends else hi])]
            if not sums or max(sums) >= income - 0.005:
                return True
    return False


# the party stopped because it was ordered to: 系执行本局责令停止建设决定, or 责令当事人立即停止建设，当事人当日停止生产
ORDERED = (r"系(?:执行|按照|根据)[^。；]{0,12}责令"
           r"|责令(?:其|当事人)?(?:立即)?停止(?:建设|生产|施工|违法行为)[^。；]{0,6}(?:，|,)?(?:当事人|其)[^。；，,]{0,16}(?:停止|停产|停工|停建)")
OWN_ACCORD = r"主动(?:停止|关闭|停产|停工|拆除|恢复|实施)"


def _ordered_to_correct(ctx) -> bool:
    texts = _narrative(ctx)
    return (any(t and ctx.matches(ORDERED, t) for t in texts)
            and not any(_affirms(OWN_ACCORD, t) for t in texts))


# 近二年同类违法行为2次, 同类违法行为3次以上, 有同类违法行为: a count of 同类 acts beyond the first, as the file grades it
# (not 少于2次, 不足2次, 没有同类违法行为)
_LATER_COUNT = re.compile(r"同类违法行为(?:(?!少于|不足|未满|低于|以下)[^，,。；;“”]){0,10}?(?:[2-9２-９]|二|两|三|四|五)次(?!以下)"
                          r"|(?<![没未无])有同类违法行为")
_COUNT_VALUE = re.compile(r"^(?:[2-9２-９]|二|两|三|四|五)次(?!以下)|^有同类")
# the file says the party was not punished under a provision before (近二年内未因违反《…》第…条…受到处罚)
_DENIED_BEFORE = re.compile(r"(?:未|没有|不曾|未曾)(?:曾)?(?:因)?(?:违反)?\s*$")
_SENTENCE = re.compile(r"[^。；;\n]+")
_DOC_NO_OR_DATE = re.compile(r"〔\d{4}〕|\[\d{4}\]|\d{4}年\d{1,2}月\d{1,2}日")


@derive
def same_kind_priors(ctx):
    """A baseline that grades by the number of 同类违法行为 and says what they are (粤环发〔2021〕7号第二十一条: those
    punished under the same 条款项). The file takes a later count's tier while it says the party was not punished under
    this case's provision before, or every earlier penalty it recites was under another one: by the baseline's own
    definition the act is the first of its kind, and a fine above the first tier's top is outside the baseline. Any
    other mention of this case's provision beside an earlier date or 文号 may be a prior of the same kind: silent."""
    decision, v = ctx.package.proposed_decision, ctx.package.violation
    fines = [(i, p) for i, p in ctx.penalties if p.type == "fine" and p.amount is not None]
    if decision is None or decision.outcome != "penalize" or not fines:
        return
    tiers = [t for t in ctx.once(first_tiers) if t.calc.high is not None]
    if not tiers:
        return
    pkg = ctx.package
    claims = list((pkg.citations.discretion or ()) if pkg.citations else ()) + [pkg.facts_text or "", pkg.decision_text or ""]
    factor = next((str((v.factors or {}).get(t.column)) for t in tiers if v and v.factors and t.column in v.factors), None)
    claimed = (any(_LATER_COUNT.search(t) for t in claims) or bool(factor and _COUNT_VALUE.match(factor))
               or bool(v and "repeat" in (v.aggravating or ())))
    if not claimed:
        return
    this = [r for _, r in ctx.resolved_citations("penalty") if r.citation.article]
    earlier, denied = [], False
    for text in (pkg.facts_text, pkg.decision_text):
        if not text:
            continue
        for sentence in _SENTENCE.finditer(text):
            dated = bool(_DOC_NO_OR_DATE.search(sentence.group()))
            for c in ctx.read(sentence.group()):
                if not c.article:
                    continue
                at = sentence.start() + c.span[0]
                r = resolve(c, ctx.catalogs, ctx.law_date)
                ours = any(_same_provision(r, t) for t in this)
                if ours and _DENIED_BEFORE.search(text, max(sentence.start(), at - 10), at):
                    denied = True
                elif recites_earlier_case(text, at, sentence.start()):
                    if ours:
                        return  # an earlier penalty under this very provision: the count is the file's
                    earlier.append(c)
                elif ours and dated and not _DENIED_BEFORE.search(text, max(sentence.start(), at - 10), at):
                    if _EARLIER_WORDS.search(sentence.group()):
                        return  # this provision beside an earlier date or 文号 and a penalty: may be a prior of its kind
    if not (denied or earlier):
        return
    written = "、".join(dict.fromkeys(c.written for c in earlier)) or "（案卷载明未因本案条款项受过处罚）"
    for t in tiers:
        for i, p in fines:
            if p.amount > t.calc.high + 0.5:
                yield {"kind": "same_kind_miscounted", "where": f"/proposed_decision/penalties/{i}/amount",
                       "earlier": written, "this": t.calc.provision, "row": t.calc.source, "tier": t.tier,
                       "range": t.calc.range_text, "amount": yuan(p.amount), "definition": t.file.same_kind.basis}
        return  # one table is enough to say it


# an earlier penalty told in the active voice (本局……依据……对其作出行政处罚（惠环罚〔2024〕第0012号）)
_EARLIER_WORDS = re.compile(r"作出[^。；;]{0,12}处罚|处罚决定|给予[^。；;]{0,10}处罚|受[^。；;]{0,6}处罚|被[^。；;]{0,20}处罚")


def _same_provision(a, b) -> bool:
    """The same 条款项: the same law (catalog id, else the name), article, and paragraph and item where both say them."""
    same_law = (a.law.id == b.law.id) if a.law and b.law else (
        normalize_law_name(a.citation.law_name or "") == normalize_law_name(b.citation.law_name or ""))
    ca, cb = a.citation, b.citation
    return (same_law and ca.article == cb.article and (ca.item == cb.item or None in (ca.item, cb.item))
            and (ca.paragraph == cb.paragraph or None in (ca.paragraph, cb.paragraph)))


@derive
def named_baseline(ctx):
    """The baseline row the file names (``citations.discretion``) must be one for this case: the same 处罚依据 (and, where
    the row is for one violated provision, that one), in force on the decision date, for this region and field."""
    decision = ctx.package.proposed_decision
    if decision is None or decision.outcome != "penalize":
        return
    day = ctx.decision_date or ctx.as_of
    penalty = [r for _, r in ctx.resolved_citations("penalty") if r.citation.article]
    violated = [r for _, r in ctx.resolved_citations("violated") if r.citation.article]
    for n in ctx.once(named_rows):
        where = f"/citations/discretion/{n.index}"
        place = _row_place(n.file.source, n.row)
        if n.entry is None:
            yield {"kind": "manual", "where": where, "what": f"所引裁量基准{place}未见于该基准的目录数据，未能核对是否适用"}
            continue
        why, certain = _misfit(ctx, n, penalty, violated, day)
        if why and certain:
            yield {"kind": "named_mismatch", "where": where, "row": place, "why": why}
        elif why:
            yield {"kind": "manual", "where": where, "what": f"所引裁量基准{place}{why}"}


def _misfit(ctx, n, penalty, violated, day) -> tuple[str, bool]:
    """(why the named row is not this case's, whether that is certain); ("", True) when it fits."""
    e = n.entry
    scope = out_of_scope(ctx, n.file, day)
    if scope:
        return scope, True
    if penalty and not any(names_provision(e, r) for r in penalty):
        return f"该条目的处罚依据为{_provision_text(ctx, e)}，本案处罚依据为{'、'.join(r.citation.raw for r in penalty)}", True
    if e.violated and violated:
        wanted = {(normalize_law_name(c.law_name or ""), c.article) for c in ctx.read(e.violated) if c.article}
        if wanted and not any((normalize_law_name(r.citation.law_name or ""), r.citation.article) in wanted
                              or (r.law and (normalize_law_name(r.law.name), r.citation.article) in wanted) for r in violated):
            cited = '、'.join(r.citation.raw for r in violated)
            if _rows_for_provision(ctx, n.file, e) == 1:
                # 建设项目环境保护管理条例第二十三条第一款 punishes breaches of 第十五条 and 第十九条 alike; the table lists one.
                # The 违法依据 column tells rows apart only where several share the penalty provision.
                return (f"的违法依据为{e.violated}，本案违法依据为{cited}；该基准对同一处罚依据只有这一条目，"
                        "是否同一违法行为"), False
            return f"该条目适用于违反{e.violated}的行为，本案违法依据为{cited}", True
    return "", True


def _rows_for_provision(ctx, file, e) -> int:
    return sum(1 for f, x in ctx.catalogs.discretion.values()
               if f is file and (x.law_id, x.article, x.paragraph) == (e.law_id, e.article, e.paragraph))


def _provision_text(ctx, e) -> str:
    law = ctx.catalogs.laws.get(e.law_id) if e.law_id else None
    out = f"《{law.name if law else e.law_name}》第{to_cn(e.article)}条"
    if e.paragraph:
        out += f"第{to_cn(e.paragraph)}款"
    if getattr(e, "item", None):
        out += f"第（{to_cn(e.item)}）项"
    return out


def _statutory_minimum(ctx):
    lows = []
    for _, r in ctx.resolved_citations("penalty"):
        if r.provision:
            rng = ctx.fine_range(r.provision, r.law.id if r.law else None)
            if isinstance(rng, FineRange):
                lows.append(rng.low)
    return min(lows) if lows else None


def _document(source: str) -> str:
    return source.split("《")[0] if "《" in source else source.split("；")[0]


def _row_place(source: str, row: str) -> str:
    """文号 + row, the 附件 said once: 粤环发〔2021〕7号 附件2 + 附件2 第6项 → 粤环发〔2021〕7号 附件2 第6项."""
    document, row = _document(source).strip(), (row or "").strip()
    head = row.split(" ")[0]
    if head and document.endswith(head):
        document = document[: -len(head)].rstrip()
    return f"{document} {row}".strip()


# the file itself says why 首违不罚 does not apply (or rejects a request for it): the reviewer has the reason already
WAIVER_CONSIDERED = re.compile(
    r"(不适用|不宜适用|不符合|不属于|不能适用)[^。；]{0,40}(第三十三条|首违不罚|不予(行政)?处罚)"
    r"|(第三十三条|首违不罚|不予(行政)?处罚)[^。；]{0,40}(不适用|不符合|不予采纳|不采纳|不予支持)")


def _waiver_considered(ctx) -> bool:
    pkg = ctx.package
    texts = [pkg.facts_text, pkg.decision_text] + [s.notes for _, s in ctx.indexed_steps]
    return any(t and WAIVER_CONSIDERED.search(t) for t in texts)


def _has_record(pkg) -> bool:
    """A party with violations in the look-back (``prior_violations`` > 0) is no first offender (DIS-011)."""
    return any(p.prior_violations for p in pkg.parties or ())


@derive
def first_offense_record(ctx):
    """初次违法 against the party's record: ``prior_violations`` counts violations within the look-back the agency's
    rules use for 初次违法, so a count above zero is not a first offense (第三十三条第一款第二句)."""
    pkg, v = ctx.package, ctx.package.violation
    priors = [(i, p.prior_violations) for i, p in enumerate(pkg.parties or ()) if p.prior_violations]
    if v is None or v.first_offense is not True or not priors:
        return
    i, count = priors[0]
    decision = pkg.proposed_decision
    minor_no_harm = v.circumstance == "minor" and v.harm == "none" and v.corrected_promptly
    if (decision and decision.outcome == "no_penalty" and not minor_no_harm and v.harm in ("none", "minor")
            and not v.no_fault_proven):
        # 不予处罚 that only 首违不罚 can carry (the first sentence — 轻微、及时改正、无危害后果 — needs no first offense)
        yield {"kind": "first_offense_waiver", "where": "/proposed_decision/outcome", "count": count}
    else:
        yield {"kind": "first_offense_claimed", "where": "/violation/first_offense", "count": count,
               "party": f"/parties/{i}/prior_violations"}


@derive
def amount_of_penalty(ctx):
    """The fine against the published baseline, mandatory lighter treatment, and 没收违法所得."""
    pkg, v = ctx.package, ctx.package.violation
    decision = pkg.proposed_decision
    if decision is None or decision.outcome != "penalize":
        return
    # 第二十八条第二款: 违法所得 is confiscated "除依法应当退赔的外" — what was refunded (v1.1 ``refunded``) is not
    illegal_income = max(0.0, ctx.amounts.get("illegal_income", 0.0) - ctx.amounts.get("refunded", 0.0))
    if illegal_income and not any(p.type == "confiscate_income" for _, p in ctx.penalties) and not _income_disposed(ctx, illegal_income):
        yield {"kind": "income_kept", "where": "/proposed_decision/penalties", "income": yuan(illegal_income)}
    fines = [(i, p) for i, p in ctx.penalties if p.type == "fine" and p.amount is not None]
    if not fines:
        return
    day = ctx.decision_date or ctx.as_of
    for _, r in ctx.resolved_citations("penalty"):
        if not r.provision:
            continue
        statutory = ctx.fine_range(r.provision, r.law.id if r.law else None)
        if ctx.mandatory_lighter and isinstance(statutory, FineRange):
            middle = (statutory.low + statutory.high) / 2
            for i, p in fines:
                if p.amount > middle:
                    yield {"kind": "not_lighter", "where": f"/proposed_decision/penalties/{i}/amount",
                           "amount": yuan(p.amount), "grounds": "；".join(ctx.mandatory_lighter),
                           "range": statutory.explanation, "middle": yuan(middle)}
        for file, entry in baselines(ctx, r, day):
            if entry.weighted or entry.graded:
                continue  # computing tables: calculated() below
            if v is None or v.circumstance is None:
                yield {"kind": "gap", "where": "/violation/circumstance", "what": f"情节（适用裁量基准{entry.id}所需）"}
                continue
            rows = [b for b in entry.brackets if b.circumstance == v.circumstance]
            bands = []
            for b in rows:
                base = ctx.amounts.get(b.of) if b.of else None
                if b.of and base is None:
                    yield {"kind": "gap", "where": "/violation/amounts", "what": f"{AMOUNT_LABELS.get(b.of, b.of)}（裁量基准{entry.id}按其分档）"}
                    break
                if (b.below is not None and not base < b.below) or (b.at_least is not None and not base >= b.at_least):
                    continue
                low, high = b.range if b.range else (b.multiple[0] * base, b.multiple[1] * base)
                bands.append((low, high))
            else:
                if not bands:
                    continue
                low, high = min(x for x, _ in bands), max(y for _, y in bands)
                for i, p in fines:
                    if not low <= p.amount <= high and not (p.amount < low and ctx.mandatory_lighter):
                        yield {"kind": "outside_baseline", "where": f"/proposed_decision/penalties/{i}/amount",
                               "amount": yuan(p.amount), "baseline": entry.id, "source": file.source,
                               "circumstance": CIRCUMSTANCES[v.circumstance], "low": yuan(low), "high": yuan(high)}


CIRCUMSTANCES = {"minor": "轻微", "ordinary": "一般", "serious": "较重", "especially_serious": "严重"}




@rule("DIS-001", on="penalized", severity="major",
      title="依法应当不予处罚而拟予处罚",
      basis="《中华人民共和国行政处罚法》第三十三条第一款",
      provision="违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。",
      message="案卷认定情节轻微、已及时改正且无危害后果，依法应当不予处罚，但拟作出处罚",
      suggestion="改为不予行政处罚决定并对当事人进行教育（第三十三条第三款）；或补充证据推翻“轻微、及时改正、无危害后果”的认定",
      teaching="第三十三条第一款是羁束性规定（“不予”），三个条件同时满足即不得处罚；第一款后段的首违不罚是裁量性规定（“可以”）。")
def must_not_penalize(m):
    return m.must_not_penalize == True  # noqa: E712


@rule("DIS-010", on="own_leniency", severity="hint",
      title="情节轻微、已改正且无危害后果，核对所适用法律自己的从宽规定",
      basis="《中华人民共和国行政处罚法》第三十三条第一款",
      provision="违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚（第三十三条第一款）；所适用的法律另有从宽规定的（如治安管理处罚法第十九条：情节特别轻微的，减轻处罚或者不予处罚），审核时一并对照。",
      message="案卷认定情节轻微、已及时改正且无危害后果；所适用的法律自有从宽规定（{own}），请核对是否应当不予处罚",
      suggestion="对照第三十三条第一款和{own}，在审批材料中写明处罚或不予处罚的理由",
      teaching="治安管理处罚法对减轻、不予处罚有自己的规定（第十九条）。案卷的“情节轻微”可能指本法的“情节较轻”档次，不一定是行政处罚法第三十三条的“违法行为轻微”，须结合案情判断。")
def own_leniency(m):
    return None


@rule("DIS-002", on="penalized", severity="hint",
      title="符合首违不罚条件，可以不予处罚",
      basis="《中华人民共和国行政处罚法》第三十三条第一款",
      provision="初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
      message="当事人系初次违法、危害后果轻微并已及时改正，可以考虑不予处罚",
      suggestion="对照本地不予处罚事项清单（免罚清单）说明是否适用首违不罚，并在审批材料中写明理由",
      teaching="首违不罚是“可以”，需结合本地免罚清单和案件情况裁量；不适用的应说明理由，避免同案不同罚。")
def first_offense(m):
    return m.first_offense_may_waive == True  # noqa: E712


@rule("DIS-003", on="contradiction", severity="minor",
      title="拟处理决定前后矛盾",
      basis="《中华人民共和国行政处罚法》第五十七条第一款",
      provision="调查终结，行政机关负责人应当根据不同情况，分别作出给予行政处罚、不予行政处罚、移送司法机关等决定。",
      message="拟处理决定为“{outcome}”，却同时列有处罚种类和数额",
      suggestion="明确处理决定：予以处罚的，改为“处罚”；不予处罚或移送的，删去所列处罚",
      teaching="处理决定只能择一：给予处罚、不予处罚、移送司法机关。送审材料自相矛盾时，审核意见应要求承办机构明确。")
def contradiction(m):
    return None


@rule("DIS-004", on="must_not", severity="blocking",
      title="依法不予处罚的当事人被处罚",
      basis="《中华人民共和国行政处罚法》第三十条",
      provision="不满十四周岁的未成年人有违法行为的，不予行政处罚，责令监护人加以管教（第三十条）；精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为的，不予行政处罚（第三十一条）。",
      message="{why}，依《行政处罚法》{law}不予行政处罚，但拟作出处罚",
      suggestion="改为不予行政处罚，责令监护人加以管教或者严加看管和治疗",
      teaching="责任年龄和责任能力是处罚的前提：年龄以违法行为发生时计算，出生日期以身份证件为准。")
def must_not(m):
    return None


@rule("DIS-005", on="no_fault", severity="major",
      title="当事人证明没有主观过错仍拟处罚",
      basis="《中华人民共和国行政处罚法》第三十三条第二款",
      provision="当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规另有规定的，从其规定。",
      message="案卷认定当事人有证据足以证明没有主观过错，但拟作出处罚",
      suggestion="依第三十三条第二款不予处罚；如所适用的法律、行政法规另有规定（不以过错为要件），请在决定书中写明该规定",
      teaching="2021年修订新增“无过错不罚”，但书是法律、行政法规另有规定的除外（如部分食品、产品质量领域的严格责任规定）。")
def no_fault(m):
    return None


@rule("DIS-006", on="inconsistent", severity="minor",
      title="情节认定与裁量因素不一致",
      basis="《中华人民共和国行政处罚法》第五条第二款",
      provision="设定和实施行政处罚必须以事实为依据，与违法行为的事实、性质、情节以及社会危害程度相当。",
      message="{why}",
      suggestion="重新评估情节，使情节认定与危害后果、从轻从重因素一致，并在审批材料中说明理由",
      teaching="情节档次决定适用的裁量幅度：轻微、一般、较重、严重要有事实支撑，不能与记载的危害后果和从重情节矛盾。")
def inconsistent(m):
    return None


@rule("DIS-007", on="not_lighter", severity="hint",
      title="有应当从轻或者减轻的情形，处罚未体现从轻",
      basis="《中华人民共和国行政处罚法》第三十二条",
      provision="当事人有主动消除或者减轻危害后果、受胁迫或者诱骗、主动供述、立功等情形之一的，应当从轻或者减轻行政处罚；已满十四周岁不满十八周岁的未成年人，应当从轻或者减轻（第三十条）。",
      message="案卷记载{grounds}，依法应当从轻或者减轻；拟罚款{amount}高于法定幅度（{range}）的中间值{middle}，请核对是否体现了从轻",
      suggestion="在法定幅度的较低部分或者以下确定罚款，并在决定书中说明从轻、减轻的理由",
      teaching="“应当从轻”是羁束性规定：有法定情形而不从轻，属于裁量不当。但“中间值”不是法律标准：没有公布的裁量基准时，本工具只提示核对；有裁量基准的，以基准的从轻档次为准（DIS-008）。")
def not_lighter(m):
    return None


@rule("DIS-019", on="lighter_denied", severity="major",
      title="案卷记载应当从轻、减轻的情形，决定却认定没有",
      basis="《中华人民共和国行政处罚法》第三十二条第（三）项",
      provision="当事人有下列情形之一，应当从轻或者减轻行政处罚：……（三）主动供述行政机关尚未掌握的违法行为的。",
      message="案卷记载{ground}，决定书却认定当事人无法定从轻、减轻处罚情节",
      suggestion="依第三十二条从轻或者减轻处罚，并在决定书中写明该情形和理由；认为不属于该情形的，写明理由（如该事实行政机关已经掌握）",
      teaching="“应当从轻或者减轻”是羁束性规定：主动供述了行政机关尚未掌握的违法行为，就必须从轻或者减轻。案卷一边记载主动供述、"
               "一边写“无法定从轻减轻情节”，是裁量的明显错误。")
def lighter_denied(m):
    return None


@rule("DIS-008", on="outside_baseline", severity="major",
      title="罚款不在裁量基准对应情节的幅度内",
      basis="《中华人民共和国行政处罚法》第三十四条",
      provision="行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。行政处罚裁量基准应当向社会公布。",
      message="情节为“{circumstance}”，裁量基准（{baseline}）的幅度为{low}至{high}，拟罚款{amount}（{source}）",
      suggestion="按裁量基准确定罚款；确需偏离基准的，应当说明理由并按本机关规定报批",
      teaching="裁量基准把法定幅度按情节细分。偏离基准须有特殊理由；各地目录清单常把“超出裁量基准”列为重大执法决定。")
def outside_baseline(m):
    return None


@rule("DIS-021", on="outside_cited_framework", severity="major",
      title="罚款不在案卷所引裁量规则的从轻幅度内",
      basis="《中华人民共和国行政处罚法》第三十二条、第三十四条",
      provision="当事人有下列情形之一，应当从轻或者减轻行政处罚（第三十二条）。行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权（第三十四条）。",
      message="案卷以{frame}为裁量依据并认定应当从轻处罚，该规定{label}处罚的罚款应在法定幅度（{range}）的{share}部分，即{band}；拟罚款{amount}不在其中",
      suggestion="按所引裁量规则在从轻幅度内确定罚款；认为不应从轻的，改正从轻情节的认定并说明理由",
      teaching="案卷自己援引的裁量规则就是本案的裁量标准：认定了从轻情节、援引了规则，罚款却落在规则规定的从轻幅度之外，理由和结果互相矛盾，属于裁量不当。没有援引、也没有适用于本机关的基准时，本工具只提示核对（DIS-014）。")
def outside_cited_framework(m):
    return None


@rule("DIS-009", on="income_kept", severity="major",
      title="违法所得未予没收",
      basis="《中华人民共和国行政处罚法》第二十八条第二款",
      provision="当事人有违法所得，除依法应当退赔的外，应当予以没收。",
      message="案卷认定违法所得{income}，拟处理决定中没有没收违法所得",
      suggestion="增加“没收违法所得”；依法应当退赔的，写明退赔情况和依据",
      teaching="没收违法所得是一般规定，所引罚则没有写明也应当没收，除非依法应当退赔（如退还消费者）。")
def income_kept(m):
    return None


discretion_gap = gap_rule(
    "DIS-G01",
    title="裁量情节信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第三十三条第一款",
    provision="违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。",
    suggestion="补充情节、危害后果、改正情况等裁量因素及其证据",
    teaching="裁量要说理：情节、后果、改正、初犯等因素都要有记录，才能判断是否应当或可以不罚、从轻或减轻。")


@rule("DIS-011", on="first_offense_claimed", severity="minor",
      title="认定初次违法，但当事人有违法记录",
      basis="《中华人民共和国行政处罚法》第三十三条第一款",
      provision="初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
      message="案卷认定当事人系初次违法，但当事人在回溯期内有{count}次违法记录",
      suggestion="核实当事人的违法记录；有记录的，不得认定为初次违法，相应调整裁量理由",
      teaching="“初次违法”按本地区、本领域规定的回溯期判断（如一年、二年、三年内未因同一类违法行为受过处罚）；回溯期内有记录就不是初次违法。")
def first_offense_claimed(m):
    return None


@rule("DIS-012", on="first_offense_waiver", severity="major",
      title="对非初次违法的当事人适用首违不罚",
      basis="《中华人民共和国行政处罚法》第三十三条第一款",
      provision="违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
      message="拟不予处罚，且不属于“违法行为轻微并及时改正、没有造成危害后果”的情形，只能依据首违不罚，但当事人在回溯期内有{count}次违法记录",
      suggestion="依法给予处罚；确属违法行为轻微、及时改正且无危害后果的，应当载明该情形并依第三十三条第一款第一句不予处罚",
      teaching="第三十三条第一款有两种不罚：轻微+改正+无后果，应当不罚；初次+后果轻微+改正，可以不罚（首违不罚）。后者以“初次违法”为前提，重复违法者不适用。")
def first_offense_waiver(m):
    return None


@rule("DIS-013", on="above_table", severity="major",
      title="罚款高于裁量基准表计算的上限",
      basis="《中华人民共和国行政处罚法》第三十四条",
      provision="行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。行政处罚裁量基准应当向社会公布。",
      message="拟罚款{amount}，高于{source}按各裁量要素所能计算的最高数额（{range}；{steps}）{others}",
      suggestion="按裁量基准表重新计算罚款（载明每个裁量要素的认定及证据）；确需偏离基准的，说明理由并经集体讨论",
      teaching="公布的裁量基准对本地区、本领域的执法机关有约束力。权重累加表的罚款＝（裁量起点＋各要素权重）×基数：即使个别要素未查明，按最高档计算仍低于拟罚数额的，拟罚数额就超出了基准。")
def above_table(m):
    return None


discretion_check = manual_rule(
    "DIS-014",
    title="裁量基准计算结果，请人工核对",
    basis="《中华人民共和国行政处罚法》第三十四条",
    provision="行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。行政处罚裁量基准应当向社会公布。",
    suggestion="在审批材料中写明适用的裁量基准条目、各裁量要素的认定和计算过程；办案系统随案卷提供各裁量要素的，本工具可以逐项计算",
    teaching="裁量基准把“幅度”细化为计算：逐项认定裁量要素，套用表中的权重或档次。审核时核对每个要素的认定是否有证据支持，计算是否正确，偏离基准是否说明理由。")




@rule("DIS-018", on="named_mismatch", severity="minor",
      title="所引裁量基准条目与本案不符",
      basis="《中华人民共和国行政处罚法》第三十四条",
      provision="行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。行政处罚裁量基准应当向社会公布。",
      message="案卷所引裁量基准条目（{row}）与本案不符：{why}",
      suggestion="引用与本案处罚依据、违法行为、地区和决定时间相符的裁量基准条目，并按该条目重新核对罚款",
      teaching="裁量基准按条目适用：每一行对应一个违法行为及其处罚依据，并有适用地区和施行期间。引错了条目，罚款的计算就失去了依据；"
               "审核时先核对所引条目与处罚依据、违法依据是否一致，再核对计算。")
def named_mismatch(m):
    return None


@rule("DIS-020", on="same_kind_miscounted", severity="major",
      title="前次处罚不属同类违法行为，裁量档次适用错误",
      basis="《中华人民共和国行政处罚法》第三十四条；裁量基准关于“同类违法行为”的规定（见问题说明）",
      provision="行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。行政处罚裁量基准应当向社会公布。",
      message="案卷按同类违法行为的次数适用了较高档次，但所述前次处罚的依据为{earlier}，不是本案处罚依据{this}；"
              "{definition}。按{row}“{tier}”档，罚款应为{range}，拟罚款{amount}超出该档",
      suggestion="按裁量基准对“同类违法行为”的定义重新认定次数，按相应档次重新确定罚款；另有以同一条款项查处的前次处罚的，写明并附证据",
      teaching="裁量基准按“同类违法行为”的次数分档时，先看基准怎样定义“同类”：广东省生态环境的裁量权规定以“同一法律、法规或规章条款项”"
               "查处为准，同属大气污染、但依据不同条款项查处的前次处罚不算同类。次数认定错了，档次和罚款就跟着错。")
def same_kind_miscounted(m):
    return None


@rule("DIS-016", on="exempt_penalized", severity="major",
      title="列入不予处罚清单且符合条件，仍拟处罚",
      basis="《中华人民共和国行政处罚法》第三十三条第一款",
      provision="违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
      message="违法行为列入{item}（{conduct}），清单规定：{conditions}案卷载明初次违法、已及时改正、危害后果轻微，仍拟给予处罚",
      suggestion="依清单不予行政处罚（并进行教育、责令改正）；认为不符合清单条件的，写明理由和证据",
      teaching="“首违不罚”是“可以”，但本地区公布了不予处罚清单的，清单所列情形符合条件时就应当不予处罚——清单把裁量收窄了。审核时先对照清单，再看拟处罚是否有不适用清单的理由。")
def exempt_penalized(m):
    return None


@rule("DIS-017", on="apology_misapplied", severity="major",
      title="公开道歉承诺降低处罚的幅度不符合规定",
      basis="《中华人民共和国行政处罚法》第三十四条",
      provision="行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。（《广东省生态环境行政处罚自由裁量权规定》第十四条：公开道歉、作出守法承诺的，按罚款标准的30%-50%降低处罚；降低后低于法定最低罚款额的，按法定最低罚款额处罚。）",
      message="当事人公开道歉并作出守法承诺，按裁量表计算的罚款标准为{standard}，降低30%至50%后应为{range}；拟罚款{amount}",
      suggestion="按罚款标准降低30%至50%重新确定罚款，且不低于法定最低罚款额；不适用公开道歉承诺从轻的，删去该情节并说明理由",
      teaching="广东生态环境领域的“公开道歉承诺从轻”是在裁量表算出的标准上再降30%—50%，下限是法定最低罚款额；降多了、降少了都不符合规定。")
def apology_misapplied(m):
    return None


@rule("DIS-022", on="fine_below", severity="major",
      title="罚款低于法定最低数额且无减轻处罚情形",
      basis="《中华人民共和国行政处罚法》第七十六条第一款第（二）项",
      provision="擅自改变行政处罚幅度的应当纠正；低于法定幅度处罚须有第三十二条等法定减轻情形。",
      message="拟罚款{amount_text}，低于{written}（{version}年版）的最低数额（{range}），案卷未记载第三十条、第三十二条规定的应当减轻情形",
      suggestion="在法定幅度内确定罚款；确有应当减轻处罚情形的，补充事实、证据和减轻理由",
      teaching="低于法定最低额处罚就是“减轻处罚”，必须有第三十条、第三十二条等法定情形并说明理由，否则属于擅自改变处罚幅度。")
def below_the_least_without_ground(m):
    return m.mitigating == False  # noqa: E712


@rule("DIS-023", on="fine_below", severity="hint",
      title="减轻处罚，须说明法定情形和理由",
      basis="《中华人民共和国行政处罚法》第三十二条",
      provision="当事人有主动消除或者减轻违法行为危害后果、受他人胁迫或者诱骗、主动供述、配合查处有立功表现等情形之一的，应当从轻或者减轻行政处罚。",
      message="拟罚款{amount_text}，低于{written}的最低数额（{range}），属减轻处罚",
      suggestion="在审批材料和决定书中写明适用的减轻情形、证据和理由",
      teaching="减轻处罚是在法定最低限以下处罚，须有法定情形；各地目录清单常把减轻处罚列为重大执法决定。")
def mitigated_below_the_least(m):
    return m.mitigating == True  # noqa: E712
