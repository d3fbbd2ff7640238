"""涉嫌犯罪移送 (criminal_referral): does the case reach a prosecution threshold and so belong to the police?

《行政处罚法》第二十七条第一款：违法行为涉嫌犯罪的，行政机关应当及时将案件移送司法机关，依法追究刑事责任。
第八条第二款：违法行为构成犯罪，应当依法追究刑事责任的，不得以行政处罚代替刑事处罚。
The thresholds are catalog data (catalogs/referral), each with its criminal-law source, keyed by the
administrative provision whose violation they follow.
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, time, timedelta
from typing import Optional

from review_assistant.law.fines import yuan
from review_assistant.engine.rulebook import derive, gap_rule, manual_rule, rule

ITEM = "criminal_referral"
NEAR_SHARE = 0.8  # within 20 % below a threshold: worth a second look at the figures


@derive
def thresholds(ctx):
    pkg = ctx.package
    violated = ctx.resolved_citations("violated") + ctx.resolved_citations("penalty")
    if not violated:
        yield {"kind": "gap", "where": "/citations/violated", "what": "违法依据（citations.violated），无法对照立案追诉标准"}
        return
    day = ctx.act_date or ctx.as_of
    outcome = pkg.proposed_decision.outcome if pkg.proposed_decision else None
    declined = police_declined(ctx)
    checks, unknown, bounds = [], {}, {}
    laws = ctx.cited_laws
    rank = ctx.catalogs.referral_rank
    candidates = sorted({id(t): t for law in laws for t in ctx.catalogs.referral_by_law.get(law, ())}.values(),
                        key=lambda t: rank[t.id])  # only thresholds linked to a cited law (index built at load)
    for t in candidates:
        if not ctx.links_cited(t.links) or not t.in_force(day):
            continue
        value, bound, where = metric_value(ctx, t)
        if value is None:
            unknown.setdefault(t.offence, []).append(t)
            continue
        reached = value > t.value if t.comparator == "gt" else value >= t.value
        if (bound == "upper" and reached) or (bound == "lower" and not reached):
            bounds[t.id] = (  # the figure bounds the metric on the wrong side: say what is known
                f"只能确定{t.metric_label}{'不超过' if bound == 'upper' else '至少为'}{_shown(t, value)}（追诉标准{_shown(t, t.value)}）")
            unknown.setdefault(t.offence, []).append(t)
            continue
        shown, threshold = _shown(t, value), _shown(t, t.value)
        near = not reached and bound == "exact" and t.comparator == "gte" and value >= t.value * NEAR_SHARE
        checks.append({"kind": "threshold", "near": near, "where": where, "offence": t.offence,
                       "metric": t.metric_label, "value": shown, "threshold": threshold, "source_basis": t.basis,
                       "reached": reached, "referred": outcome == "refer" or declined})
    yield from checks
    if declined and any(c["reached"] for c in checks):
        yield {"kind": "manual", "where": "/steps", "what": "案卷载明公安机关已决定不予立案（或不构成犯罪）并退回，行政处罚可以继续；"
                                                           "已达追诉标准，请核对不予立案的文书"}
    if any(c["reached"] for c in checks):
        return  # one threshold reached decides the referral; the others' missing figures no longer matter
    for offence, missing in unknown.items():
        # the package has no figure for these metrics: a hole v1 cannot fill, not the case unit's omission
        known = "；".join(dict.fromkeys(bounds.get(t.id) or f"没有{t.metric_label}" for t in missing))
        yield {"kind": "manual", "where": f"/violation/{missing[0].source}",
               "what": f"案卷包{known}，未能对照{offence}的立案追诉标准"}


def _shown(t, x: float) -> str:
    return yuan(x) if t.source == "amounts" else f"{x:g}"


@derive
def conduct(ctx):
    """第二十七条第一款 for a way of acting the interpretation makes 情节严重 whatever the amount (在禁渔期使用电鱼捕捞的):
    the file's own account of the facts says so, and the case is not referred."""
    pkg = ctx.package
    text = "\n".join(t for t in (pkg.facts_text, pkg.violation and pkg.violation.description) if t)
    if not text:
        return
    day = ctx.act_date or ctx.as_of
    outcome = pkg.proposed_decision.outcome if pkg.proposed_decision else None
    for c in ctx.catalogs.referral_conduct.values():
        if not c.in_force(day) or not ctx.links_cited(c.links):
            continue
        if all(_said(ctx, p, text) for p in c.all_of) and not (c.unless and ctx.matches(c.unless, text)):
            yield {"kind": "threshold", "near": False, "where": "/facts_text", "offence": c.offence,
                   "metric": f"事实认定载明{c.label}", "value": "", "threshold": "不论数量", "source_basis": c.basis,
                   "reached": True, "referred": outcome == "refer" or police_declined(ctx)}
            return


# a concentration and its unit; the measured value and its standard must be in the same unit
_UNIT = r"(?:mg/L|mg/l|毫克/升|μg/L|µg/L|ug/L|微克/升|mg/m3|mg/m³|mg/Nm3|mg/Nm³|毫克/立方米)"
_NUM = r"(\d+(?:\.\d+)?)"
# the words between a pollutant and its figure (总铬浓度为, 六价铬的实测浓度：): no other words, so that 铜 in 铜仁市 or 银 in
# 银行 is never read as a metal
_BETWEEN = r"(?:（以[A-Za-z]+计）)?(?:的)?(?:实测|监测|检测|排放|出水|日均|小时均值|平均)?(?:浓度|含量)?(?:值|均值|最大值|最高值)?(?:为|达|达到|是|：|:)?\s*"
# the standard right after the value (6.8mg/L（排放限值1.0mg/L）), or after 超过 and the standard's name (超过《电镀污染物排放标准》
# （GB 21900-2008）表2规定的排放限值1.0mg/L)
_STANDARD = r"\s*[，,]?\s*(?:超过[^。；]{0,40}?)?[（(]?\s*(?:执行)?(?:排放)?(?:标准限值|排放限值|标准值|限值|标准)(?:为|是|：|:)?\s*"
_LIMIT_WORDS = r"(?:排放)?(?:标准限值|排放限值|标准值|限值|标准)"


@lru_cache(maxsize=None)
def _exceedance_patterns(substances: tuple):
    metal = "(?:总|六价|三价|可溶性)?(?:" + "|".join(map(re.escape, substances)) + ")"
    measured = re.compile(rf"(?P<sub>{metal}){_BETWEEN}{_NUM}\s*(?P<unit>{_UNIT}){_STANDARD}{_NUM}\s*(?P=unit)")
    value = rf"(?:\d+(?:\.\d+)?\s*{_UNIT}\s*[（(，,]\s*)?"
    # 超标5.8倍, 超过排放限值5.8倍, 超出排放标准5.8倍, 超标倍数为5.8: the 超标倍数 itself
    # (超过《电镀污染物排放标准》（GB 21900-2008）表2排放限值5.8倍: the standard named between)
    over = re.compile(rf"(?P<sub>{metal}){_BETWEEN}{value}(?:超(?:过|出)[^。；]{{0,40}}?{_LIMIT_WORDS}|超标)"
                      rf"(?:的)?(?:(?P<x>\d+(?:\.\d+)?)倍|倍数(?:为|是|达到?|：|:)?\s*(?P<x2>\d+(?:\.\d+)?))")
    # 为排放限值的6.8倍: the ratio of the measured value to the standard
    ratio = re.compile(rf"(?P<sub>{metal}){_BETWEEN}{value}(?:为|是|达到?|相当于)?{_LIMIT_WORDS}的(?P<r>\d+(?:\.\d+)?)倍")
    return measured, over, ratio


# a sample of the water or gas before treatment (进水口、调节池、处理设施进口、原水): what came in, not what was discharged
_BEFORE_TREATMENT = re.compile(r"进水口|处理设施进口|调节池|集水池|原水|处理前")
_CLAUSE_MARKS = "，,。；;\n"


_DISCHARGED = re.compile(r"排口|直排|外排|偷排|排入|排放的")  # the untreated water itself let out (经总排口直排的含铬原水)


def _before_treatment(text: str, at: int) -> bool:
    start = max((text.rfind(c, max(0, at - 30), at) for c in _CLAUSE_MARKS), default=-1)
    lo = max(start + 1, at - 30)
    return bool(_BEFORE_TREATMENT.search(text, lo, at)) and not _DISCHARGED.search(text, lo, at)


@derive
def exceedance(ctx):
    """第二十七条第一款 for 严重污染环境 by a multiple of the emission standard (法释〔2023〕7号第一条第（三）、（四）项; the
    same in 法释〔2016〕29号): a heavy metal the file measured over its standard. "超过……三倍以上" is read both ways — the
    超标倍数 (measured minus standard, over standard) and the ratio of the two: reached by both, the case belongs to the
    police (CRI-001 if not referred); by the ratio only, a hint to check by hand."""
    pkg = ctx.package
    text = "\n".join(t for t in (pkg.facts_text, pkg.violation and pkg.violation.description) if t)
    if not text or not ctx.catalogs.referral_exceedance:
        return
    day = ctx.act_date or ctx.as_of
    entries = [e for e in ctx.catalogs.referral_exceedance.values() if e.in_force(day) and ctx.links_cited(e.links)]
    if not entries:
        return
    referred = (pkg.proposed_decision and pkg.proposed_decision.outcome == "refer") or police_declined(ctx)
    for e in entries:
        measured, over, ratio = _exceedance_patterns(tuple(e.substances))
        readings = []  # (超标倍数, how the file says it), of what was discharged: not a sample taken before treatment
        for m in (m for m in measured.finditer(text) if not _before_treatment(text, m.start())):
            value, standard = float(m.group(2)), float(m.group(4))
            if standard > 0:
                readings.append((value / standard - 1, f"{m.group('sub')}{m.group(2)}{m.group('unit')}（排放标准{m.group(4)}{m.group('unit')}）"))
        for m in (m for m in over.finditer(text) if not _before_treatment(text, m.start())):
            x = m.group("x") or m.group("x2")
            readings.append((float(x), f"{m.group('sub')}超标{x}倍"))
        for m in (m for m in ratio.finditer(text) if not _before_treatment(text, m.start())):
            readings.append((float(m.group("r")) - 1, f"{m.group('sub')}为排放限值的{m.group('r')}倍"))
        if not readings:
            continue
        times, said = max(readings)
        if times >= e.multiple:
            yield {"kind": "threshold", "near": False, "where": "/facts_text", "offence": e.offence,
                   "metric": "事实认定载明", "value": f"{said}，超标{times:.4g}倍", "threshold": e.label,
                   "source_basis": e.basis, "reached": True, "referred": bool(referred)}
            return
        if times >= e.multiple - 1 and not referred:
            yield {"kind": "manual", "where": "/facts_text",
                   "what": f"事实认定载明{said}，实测值为标准值的{times + 1:.4g}倍；{e.label}的，涉嫌{e.offence}"
                           "，“超过……倍以上”按超标倍数还是按实测值与标准值之比计算，请人工核对是否应当移送"}


# 不属于电鱼工具, 未使用电鱼: the word ruled out where it stands (未经批准使用电鱼 is no denial); another mention may still say it
DENIED_BEFORE = re.compile(r"(?:未(?!经)|没有|并非|不是|不属于)[^，。；]{0,14}$")  # 未使用电鱼、毒鱼、炸鱼: the whole list


def _said(ctx, pattern: str, text: str) -> bool:
    """``pattern`` occurs at least once not denied right before it."""
    return any(not DENIED_BEFORE.search(text, max(0, m.start() - 18), m.start())
               for m in re.finditer(pattern, text))


def metric_value(ctx, t):
    """(value, exact | upper | lower, where) of a threshold's metric, or (None, …) when the package cannot tell.
    The metric's own key first; then the package's figures that tell about it (catalog ``readings``); a consequence
    (deaths, losses) is none when the case found no such harm; no ``illegal_income`` is no 违法所得."""
    v = ctx.package.violation
    figures = {"amounts": ctx.amounts, "quantities": ctx.fine_facts.quantities}
    own = figures[t.source].get(t.metric)
    if own is not None:
        return own, "exact", f"/violation/{t.source}/{t.metric}"
    for key, factor in _same_measure(t.metric):  # hazardous_waste_t for hazardous_waste_tonnes: the same figure
        if figures[t.source].get(key) is not None:
            return figures[t.source][key] * factor, "exact", f"/violation/{t.source}/{key}"
    if t.metric == "illegal_income":
        return 0.0, "exact", "/violation/amounts"
    readings = ctx.catalogs.referral_readings.get(t.metric)
    if readings is None:
        return None, None, None
    if v and v.harm and v.harm in readings.zero_when_harm:
        return 0.0, "exact", "/violation/harm"
    for r in readings.reads:
        if r.when_cited and not ctx.cites_paragraph(r.when_cited.law_id, r.when_cited.article, r.when_cited.paragraph,
                                                    r.when_cited.items):
            continue
        if r.when_facts and not (ctx.package.facts_text and ctx.matches(r.when_facts, ctx.package.facts_text)):
            continue
        if r.summed:  # each key in its own unit (_t, _kg): added up in the metric's
            keys = [k for k in figures[r.source] if re.fullmatch(r.key, k)]
            if keys:
                total = sum(figures[r.source][k] * (0.001 if k.endswith("_kg") else 1.0) for k in keys)
                return total * r.factor, r.bound, f"/violation/{r.source}/{keys[0]}"
            continue
        x = figures[r.source].get(r.key)
        if x is not None and r.minus:
            less = figures[r.source].get(r.minus)
            if less is None:
                continue
            x -= less
        if x is not None:
            return x * r.factor, r.bound, f"/violation/{r.source}/{r.key}"
    return None, None, None


# the metric's stem with another spelling of its unit, and the factor to the metric's unit
UNIT_SPELLINGS = {
    "_tonnes": (("_t", 1.0), ("_ton", 1.0), ("_tons", 1.0), ("_kg", 0.001)),
    "_kg": (("_t", 1000.0), ("_tonnes", 1000.0), ("_tons", 1000.0), ("_g", 0.001)),
    "_m3": (("_cubic_m", 1.0), ("_cubic_metres", 1.0)),
    "_mu": (("_m2", 0.0015), ("_ha", 15.0)),
}


def _same_measure(metric: str):
    for unit, spellings in UNIT_SPELLINGS.items():
        if metric.endswith(unit):
            stem = metric[: -len(unit)]
            return [(stem + other, factor) for other, factor in spellings]
    return []


# the police declined to open a case (or found no crime) and sent it back: the penalty is then the right course
POLICE_DECLINED = r"公安(机关|局)?[^。；]{0,20}(作出|决定|出具)?[^。；]{0,6}(不予立案|不立案|不构成犯罪|不追究刑事责任)"
NOT_YET = r"(未|尚未|没有|不曾)[^。；，]{0,8}(作出|决定|出具)?[^。；，]{0,4}(不予立案|不立案)"


def police_declined(ctx) -> bool:
    """The file shows the police's decision not to open a case: a 不予立案通知书 among the documents, or a sentence
    that states the decision (not one that says it has not been made)."""
    pkg = ctx.package
    if any(d.title and ctx.matches(r"不予立案(通知|决定)书", d.title) for d in pkg.documents or ()):
        return True
    texts = [pkg.facts_text] + [s.notes for _, s in ctx.indexed_steps]
    for t in texts:
        if not t or "公安" not in t:
            continue  # POLICE_DECLINED begins with 公安
        for sentence in re.split(r"[。；;\n]", t):
            if ctx.matches(POLICE_DECLINED, sentence) and not ctx.matches(NOT_YET, sentence):
                return True
    return False


@derive
def signals(ctx):
    """Words in the facts that usually mean a crime (catalog, found with jieba): a hint to consider referral."""
    pkg = ctx.package
    if pkg.proposed_decision and pkg.proposed_decision.outcome == "refer":
        return
    seen = {}
    for where, text in (("/facts_text", pkg.facts_text), ("/violation/description", pkg.violation and pkg.violation.description)):
        for _, _, word in ctx.catalogs.signal_finder(text or ""):
            seen.setdefault(word, where)
    for word, where in seen.items():
        yield {"kind": "signal", "where": where, "word": word, "offence": ctx.catalogs.signals[word].offence}


# --- the referral's own steps (国务院令第310号 第五条), checked when the package records them -----------------
# 第五条第一款：应当立即指定２名或者２名以上行政执法人员组成专案组……提出移送涉嫌犯罪案件的书面报告，报……负责人审批。
# 第五条第二款：负责人应当自接到报告之日起３日内作出批准移送或者不批准移送的决定。决定批准的，应当在２４小时内向同级
# 公安机关移送；决定不批准的，应当将不予批准的理由记录在案。
# The 3 days are calendar days (第八十五条's working days belong to 行政处罚法's own periods); when the third day is a
# rest day this tool waits for the next working day before reporting, so that a holiday never makes a false finding.
APPROVAL_DAYS = 3
REFERRAL_HOURS = 24


@dataclass(frozen=True)
class _Dated:
    index: int
    step: object
    day: Optional[date]
    moment: Optional[datetime]  # when the package gives the time of day


def _dated(ctx, kind):
    """The steps of ``kind`` with their day (from ``date``, or from a dated ``time``) and moment, in time order;
    a gap for a ``time`` whose date part contradicts ``date``."""
    out, gaps = [], []
    for i, step in ctx.steps_of(kind):
        timed = date.fromisoformat(step.time[:10]) if step.time and "T" in step.time else None
        if step.date and timed and timed != step.date:
            gaps.append({"kind": "gap", "where": f"/steps/{i}/time", "what": "与日期一致的时间（time 所含日期与 date 不同）"})
            continue
        day = step.date or timed
        moment = datetime.combine(day, time.fromisoformat(step.time[-5:])) if step.time and day else None
        out.append(_Dated(i, step, day, moment))
    return sorted(out, key=lambda d: (d.day is None, d.day or date.min, d.moment or datetime.min)), gaps


def _not_after(a: _Dated, b: _Dated) -> bool:
    """``a`` happened no later than ``b`` as far as the package can tell."""
    if a.day != b.day:
        return a.day < b.day
    return a.moment is None or b.moment is None or a.moment <= b.moment


def _approval_deadline(ctx, reported):
    day = reported + timedelta(days=APPROVAL_DAYS)
    while ctx.calendar.covers(day) and not ctx.calendar.is_workday(day):
        day += timedelta(days=1)
    return day if ctx.calendar.covers(day) else None


@derive
def referral_steps(ctx):
    reports, g1 = _dated(ctx, "referral_report")
    approvals, g2 = _dated(ctx, "referral_approval")
    referrals, g3 = _dated(ctx, "referral")
    yield from g1 + g2 + g3
    for r in reports:
        team = list(dict.fromkeys(o for o in r.step.officers or () if o))
        if not team:
            yield {"kind": "gap", "where": f"/steps/{r.index}/officers", "what": "移送专案组的执法人员"}
        else:
            # 行政执法人员: a certificate the roster or package shows invalid that day does not count (unknown ones do)
            problems = {o: ctx.certificate(o).problem_on(r.day) for o in team} if r.day else {}
            counted = [o for o in team if not problems.get(o)]
            if len(counted) < 2:
                left_out = "；".join(f"{ctx.certificate(o).name or o}（{problems[o]}）" for o in team if problems.get(o))
                yield {"kind": "referral_team_small", "where": f"/steps/{r.index}/officers", "count": len(counted),
                       "left_out": f"（不计：{left_out}）" if left_out else ""}
        if r.day is None:
            yield {"kind": "gap", "where": f"/steps/{r.index}/date", "what": "移送涉嫌犯罪案件书面报告的日期"}
    if approvals and not reports:
        yield {"kind": "gap", "where": "/steps", "what": "移送涉嫌犯罪案件的书面报告（第五条第一款）"}
    if referrals and not approvals:
        yield {"kind": "gap", "where": "/steps", "what": "负责人批准移送的审批环节（第五条第二款）"}
    reported_days = [r.day for r in reports if r.day]
    answered = set()  # reports already decided on: a later approval of the same report is not "the" decision
    for a in approvals:
        if a.day is None:
            yield {"kind": "gap", "where": f"/steps/{a.index}/date", "what": "负责人作出移送审批决定的日期"}
            continue
        earlier = [d for d in reported_days if d <= a.day]
        if reported_days and not earlier:
            yield {"kind": "referral_order", "where": f"/steps/{a.index}/date", "decided": a.day.isoformat(),
                   "reported": min(reported_days).isoformat()}
        elif earlier and max(earlier) not in answered and a.day > max(earlier) + timedelta(days=APPROVAL_DAYS):
            reported = max(earlier)  # a report sent back and submitted again starts the three days again
            deadline = _approval_deadline(ctx, reported)
            if deadline is None:
                yield {"kind": "manual", "where": "/steps",
                       "what": f"节假日目录未收录{reported.year}年的法定节假日安排，未判断三日期限"}
            elif a.day > deadline:
                yield {"kind": "referral_approval_late", "where": f"/steps/{a.index}/date", "reported": reported.isoformat(),
                       "decided": a.day.isoformat(), "days": (a.day - reported).days}
        if earlier:
            answered.add(max(earlier))
        if a.step.approved is False and not (a.step.notes or a.step.document):
            yield {"kind": "referral_refusal_unrecorded", "where": f"/steps/{a.index}/notes"}
    sent = [r for r in referrals if r.day]
    dated_approvals = [a for a in approvals if a.day]
    if not sent or not dated_approvals:
        return  # nothing sent yet (the package may be submitted in between), or the gaps above say what is missing
    first = sent[0]
    before = [a for a in dated_approvals if a.step.approved is not False and _not_after(a, first)]
    if not before:
        yield {"kind": "referral_unapproved", "where": f"/steps/{first.index}", "sent": first.day.isoformat()}
        return
    approval = before[-1]
    if approval.moment and first.moment:
        minutes = int((first.moment - approval.moment).total_seconds() // 60)
        if minutes > REFERRAL_HOURS * 60:
            yield {"kind": "referral_late", "where": f"/steps/{first.index}/date",
                   "approved": approval.moment.strftime("%Y-%m-%d %H:%M"), "sent": first.moment.strftime("%Y-%m-%d %H:%M"),
                   "elapsed": f"{minutes // 60}小时{minutes % 60}分" if minutes % 60 else f"{minutes // 60}小时"}
    elif (first.day - approval.day).days >= 2:  # two calendar days apart is more than 24 hours whatever the hour
        yield {"kind": "referral_late", "where": f"/steps/{first.index}/date", "approved": approval.day.isoformat(),
               "sent": first.day.isoformat(), "elapsed": f"{(first.day - approval.day).days}日"}
    elif first.day > approval.day:
        yield {"kind": "gap", "where": f"/steps/{first.index}/time",
               "what": "批准移送和实际移送的具体时间（时:分），无法判断是否在二十四小时内移送"}


@rule("CRI-004", on="referral_team_small", severity="major",
      title="移送涉嫌犯罪案件的专案组不足两名执法人员",
      basis="《行政执法机关移送涉嫌犯罪案件的规定》第五条第一款",
      provision="对应当移送的涉嫌犯罪案件，应当立即指定2名或者2名以上行政执法人员组成专案组专门负责，核实情况后提出书面报告，报本机关正职负责人或者主持工作的负责人审批。",
      message="移送报告记载的专案组只有{count}名具有行政执法资格的执法人员{left_out}",
      suggestion="指定两名以上行政执法人员组成专案组，并在移送报告中载明",
      teaching="移送不是一个人的事：专案组至少两名执法人员，既是为了核实情况，也是为了相互监督，防止以罚代刑。")
def referral_team_small(m):
    return None


@rule("CRI-005", on="referral_approval_late", severity="minor",
      title="负责人未在三日内作出是否批准移送的决定",
      basis="《行政执法机关移送涉嫌犯罪案件的规定》第五条第二款",
      provision="正职负责人或者主持工作的负责人应当自接到报告之日起3日内作出批准移送或者不批准移送的决定。",
      message="{reported}提出移送报告，{decided}才作出审批决定，相隔{days}日",
      suggestion="说明审批迟延的原因；今后自接到报告之日起三日内作出决定",
      teaching="三日从接到报告的次日起算。本工具在第三日为休息日时顺延到下一个工作日才提示，以免节假日造成误报。")
def referral_approval_late(m):
    return None


@rule("CRI-006", on="referral_late", severity="major",
      title="批准移送后未在二十四小时内移送公安机关",
      basis="《行政执法机关移送涉嫌犯罪案件的规定》第五条第二款",
      provision="决定批准的，应当在24小时内向同级公安机关移送。",
      message="{approved}批准移送，{sent}才移送公安机关（{elapsed}）",
      suggestion="说明迟延移送的原因并立即移送；逾期不移送的，依第十六条第一款追究负责人责任",
      teaching="二十四小时按小时计，不是“一个工作日”。案卷中批准和移送最好都记到时、分；只有日期且相隔一日时无法判断。")
def referral_late(m):
    return None


@rule("CRI-007", on="referral_refusal_unrecorded", severity="minor",
      title="不批准移送的理由未记录在案",
      basis="《行政执法机关移送涉嫌犯罪案件的规定》第五条第二款",
      provision="决定不批准的，应当将不予批准的理由记录在案。",
      message="负责人决定不批准移送，但未见记载不予批准的理由",
      suggestion="在审批环节的说明或审批文书中写明不批准移送的理由",
      teaching="不批准移送必须留下理由，这是防止以罚代刑的书面痕迹，也是检察监督时的核查重点。")
def referral_refusal_unrecorded(m):
    return None


@rule("CRI-008", on="referral_order", severity="minor",
      title="移送审批日期早于移送报告",
      basis="《行政执法机关移送涉嫌犯罪案件的规定》第五条第一款",
      provision="专案组核实情况后提出移送涉嫌犯罪案件的书面报告，报经本机关正职负责人或者主持工作的负责人审批。",
      message="负责人审批日期（{decided}）早于移送报告日期（{reported}）",
      suggestion="核对移送报告和审批表的日期，更正笔误或补充先前的报告",
      teaching="先有专案组的书面报告，后有负责人审批：日期倒置说明记录有误，或审批时并无报告。")
def referral_order(m):
    return None


@rule("CRI-009", on="referral_unapproved", severity="major",
      title="未经负责人批准即移送公安机关",
      basis="《行政执法机关移送涉嫌犯罪案件的规定》第五条第一款",
      provision="移送涉嫌犯罪案件的书面报告，报经本机关正职负责人或者主持工作的负责人审批。",
      message="{sent}移送公安机关，此前没有负责人批准移送的记录（只有不批准或更晚的审批）",
      suggestion="补充负责人批准移送的审批记录；确未批准的，说明移送的依据",
      teaching="移送由正职负责人或主持工作的负责人批准。不批准后又移送、先移送后补批，都是案卷评查中常见的程序瑕疵。")
def referral_unapproved(m):
    return None


@rule("CRI-002", on="threshold", severity="hint",
      title="涉案数额接近刑事立案追诉标准",
      basis="《中华人民共和国行政处罚法》第二十七条第一款",
      provision="违法行为涉嫌犯罪的，行政机关应当及时将案件移送司法机关。",
      message="{metric}{value}，已达{offence}追诉标准（{threshold}）的八成以上",
      suggestion="复核数额的计算（是否漏计、累计计算多次违法），确认未达标准后再作处罚决定",
      teaching="数额接近追诉标准时，要特别注意多次违法未经处理的累计计算、已售与未售的合并计算等规则。")
def near_threshold(m):
    return m.near == True  # noqa: E712


@rule("CRI-003", on="signal", severity="hint",
      title="事实中出现涉嫌犯罪的情节用语",
      basis="《行政执法机关移送涉嫌犯罪案件的规定》第三条第一款",
      provision="违法事实涉及的金额、情节、造成的后果，依照刑法、司法解释和追诉标准涉嫌构成犯罪的，行政执法机关必须向公安机关移送。",
      message="事实认定中出现“{word}”，请核查是否涉嫌{offence}",
      suggestion="对照刑法和追诉标准核查；涉嫌犯罪的，依法移送公安机关",
      teaching="有些犯罪不以数额为标准（如有毒有害食品、假药），情节本身就可能构成犯罪，不能因“数额不大”就以罚代刑。")
def signal(m):
    return None


@rule("CRI-001", on="threshold", severity="blocking",
      title="达到刑事立案追诉标准而未移送",
      basis="《中华人民共和国行政处罚法》第二十七条第一款",
      provision="违法行为涉嫌犯罪的，行政机关应当及时将案件移送司法机关，依法追究刑事责任；不得以行政处罚代替刑事处罚（第八条第二款）。",
      message="{metric}{value}，达到{offence}的追诉标准（{threshold}，{source_basis}），拟处理决定却不是移送",
      suggestion="依《行政执法机关移送涉嫌犯罪案件的规定》制作移送书，报机关正职负责人或主持工作的负责人审批后移送公安机关；不移送的须记录理由",
      teaching="以罚代刑是案卷评查的重点。移送以“涉嫌”为准，不要求行政机关认定犯罪成立；金额、数量达到追诉标准即应移送。")
def not_referred(m):
    return (m.reached == True) & (m.referred == False)  # noqa: E712


referral_check = manual_rule(
    "CRI-H01",
    title="未能对照立案追诉标准",
    basis="《行政执法机关移送涉嫌犯罪案件的规定》第三条第一款",
    provision="违法事实涉及的金额、情节、造成的后果，依照刑法、司法解释和追诉标准涉嫌构成犯罪的，行政执法机关必须向公安机关移送。",
    suggestion="人工核对追诉标准所需的数额、数量或后果；办案系统随案卷提供涉案金额、数量的，本工具可以自动对照",
    teaching="案卷包 v1 只有通用的金额和数量字段。本工具能从中推知的（如总面积低于标准、无危害后果即无死伤）直接判断，推不出的只提示人工核对，不以材料不足退回。")


referral_gap = gap_rule(
    "CRI-G01",
    title="涉罪判断信息不足",
    basis="《中华人民共和国行政处罚法》第二十七条第一款",
    provision="违法行为涉嫌犯罪的，行政机关应当及时将案件移送司法机关。",
    suggestion="补充违法依据及涉案金额、数量等，以便对照立案追诉标准",
    teaching="不能因为材料里没有金额就认为不涉罪：缺少判断所需的金额、数量时，应要求补充。")
