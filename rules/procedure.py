"""执法程序 (procedure): were the statutory steps taken, in order and in time?

《行政处罚法》第六十条：行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定（法律、法规、规章另有规定的，
从其规定）。第四十四条：作出决定之前，应当告知拟作出的行政处罚内容及事实、理由、依据和陈述、申辩、听证等权利；
第六十二条：未告知的，不得作出行政处罚决定。
第六十一条第一款：决定书宣告后当场交付；当事人不在场的，七日内送达——第八十五条：“七日”指工作日，不含法定节假日。
"""
import re
from datetime import date, timedelta

from review_assistant.case.dates import add_months, cn_day
from review_assistant.case.labels import party_core_name
from review_assistant.case.narrative_dates import dates_in
from review_assistant.case.inputs import OWN_ENFORCEMENT_APPLICATION_CODE, OWN_REMINDER_CODE
from review_assistant.case.numerals import cn_number as numeral
from review_assistant.case import remedies_told as told
from review_assistant.law.citations import to_cn
from review_assistant.engine.context import PENALTY_LABELS, STEP_LABELS
from review_assistant.law.fines import cn_number, yuan
from review_assistant.engine.major import determine
from review_assistant.engine.rulebook import derive, gap_rule, manual_rule, rule

ITEM = "procedure"
DECISION_PERIOD_DAYS = 90  # 第六十条: calendar days, counted from the day after filing


SIMPLE_FINE_CAP = {"individual": 200, "individual_business": 200, "organization": 3000}  # 第五十一条: 公民 / 法人或其他组织


@derive
def simple_procedure(ctx):
    """第五十一条: on-the-spot decisions only for a warning or a fine up to 200 yuan (citizens) / 3,000 yuan."""
    pkg = ctx.package
    if pkg.procedure != "simple":
        return
    for p, penalty in ctx.penalties:
        if penalty.type not in ("warning", "fine"):
            yield {"kind": "simple_beyond", "where": f"/proposed_decision/penalties/{p}/type",
                   "what": PENALTY_LABELS.get(penalty.type, "未注明种类的处罚")}
            continue
        if penalty.type == "fine" and penalty.amount is not None:
            kinds = [party.kind for party in pkg.parties or ()]
            if not kinds or None in kinds:
                yield {"kind": "gap", "where": "/parties", "what": "当事人类型（公民或法人、其他组织），无法核对简易程序罚款限额"}
                continue
            cap = min(SIMPLE_FINE_CAP[k] for k in kinds)
            if penalty.amount > cap:
                yield {"kind": "simple_beyond", "where": f"/proposed_decision/penalties/{p}/amount",
                       "what": f"罚款{yuan(penalty.amount)}（当场处罚限额{yuan(cap)}）"}


@derive
def time_limit(ctx):
    pkg = ctx.package
    if pkg.procedure == "simple":
        return
    if pkg.steps is None:
        yield {"kind": "gap", "where": "/steps", "what": "程序环节（steps）"}
        return
    for i, step in ctx.indexed_steps:
        if step.kind is None:
            yield {"kind": "gap", "where": f"/steps/{i}/kind", "what": "程序环节的种类"}
        elif step.date is None and step.kind in ("filing", "prior_notice", "decision", "service", "extension"):
            yield {"kind": "gap", "where": f"/steps/{i}/date", "what": f"{STEP_LABELS[step.kind]}环节的日期"}
    if ctx.filing_date is None:
        yield {"kind": "gap", "where": "/steps", "what": "立案日期（filing 环节），无法计算办案期限"}
        return
    end, end_label = (ctx.decision_date, "作出决定") if ctx.decision_date else (ctx.as_of, "审查基准日")
    limit, extra, excludable, basis = _decision_period(ctx)
    excluded = _excluded_days(ctx, ctx.filing_date, end, excludable)
    deadline = ctx.filing_date + timedelta(days=limit + excluded)
    # an extension cures the delay only if it was approved before the period ran out; a law that fixes the
    # extension (治安: thirty more days) is checked against the longer period
    approved = any(s.date and s.date <= deadline and not _seizure_only(ctx, s) for _, s in ctx.steps_of("extension"))
    if approved and extra:
        deadline, limit, approved = deadline + timedelta(days=extra), limit + extra, False
    days = (end - ctx.filing_date).days - excluded
    testing = _testing_span(ctx, end) if days > limit and not approved and not excluded else None
    if testing and days - (testing[1] - testing[0]).days <= limit:
        # the file shows a sample sent for testing and the report back, but no excluded period (the v1 contract has no
        # field for one): 检验、检测期间 are not counted under most departmental procedure rules — for the reviewer
        yield {"kind": "manual", "where": "/steps",
               "what": f"{ctx.filing_date.isoformat()}立案，至{end_label}（{end.isoformat()}）已{days}日，超过{to_cn(limit)}日；"
                       f"案卷中{testing[0].isoformat()}抽样、{testing[1].isoformat()}取得检验（检测）报告，该期间依所适用的程序"
                       "规定不计入办案期限的，未超期，请核对适用的规定及检验期间"}
        return
    yield {"kind": "period", "where": "/steps", "filing": ctx.filing_date.isoformat(), "end": end.isoformat(),
           "end_label": end_label, "deadline": deadline.isoformat(), "days": days, "limit": limit,
           "limit_cn": to_cn(limit), "period_basis": basis, "extended": approved,
           "excluded_note": f"（已扣除不计入期限的{excluded}日）" if excluded else ""}


TEST_REPORT = r"检验|检测|鉴定|检定"
OWN_TEST = r"出厂|自检|企业|厂家|当事人"  # the party's own test report is not the authority's testing period


def _testing_span(ctx, end):
    """(the sample's day or the filing, the report's day): from the last sampling step before a test report obtained
    inside the period; only the part after the filing counts."""
    reports = [e.obtained_on for e in ctx.package.evidence or () if e.obtained_on and ctx.filing_date < e.obtained_on <= end
               and e.title and ctx.matches(TEST_REPORT, e.title) and "报告" in e.title and not ctx.matches(OWN_TEST, e.title)]
    samples = [s.date for _, s in ctx.steps_of("sampling") if s.date]
    spans = [(max(ctx.filing_date, max(d for d in samples if d < r)), r) for r in reports if any(d < r for d in samples)]
    return max(spans, key=lambda x: (x[1] - x[0]).days) if spans else None


def _decision_period(ctx):
    """(days, extension days, excludable reasons or None for any, basis): a cited law's own limit (治安管理处罚法第九十九条
    thirty days), else 第六十条's ninety days."""
    own = ctx.package.decision_deadline_days  # v1.1: a law, regulation or rule gives this case its own limit
    if own:
        return own, None, {"检验", "检测", "鉴定", "听证", "公告"}, f"案卷载明的办案期限{own}日（第六十条“法律、法规、规章另有规定的，从其规定”）"
    for f in ("violated", "penalty"):
        for _, r in ctx.resolved_citations(f):
            # a law's own limit, recorded from its held text: not applied past it (a revision the catalog lacks)
            period = r.law.decision_period if r.law and not (r.version is None and r.law.unheld_versions) else None
            if period:
                return period.days, period.extension_days, set(period.excluded), period.basis
    # 第六十条 itself excludes nothing; departmental rules exclude these (市场监管、生态环境等程序规定) where the package says so
    return DECISION_PERIOD_DAYS, None, {"检验", "检测", "鉴定", "听证", "公告"}, "《中华人民共和国行政处罚法》第六十条"


def _excluded_days(ctx, start, end, excludable, steps=True) -> int:
    """Days of the package's ``excluded_periods`` (检验、检测、鉴定、听证、公告 …) inside the period, counted once."""
    days = set()
    counted = 0
    for step in ctx.package.steps or ():  # v1.1 steps[].excluded_days (a seizure's own count is PRO-020's)
        reason = EXCLUDED_BY_STEP.get(step.kind, "其他")
        if steps and step.excluded_days and step.kind != "seizure" and (excludable is None or reason in excludable):
            counted += step.excluded_days
    for p in ctx.package.excluded_periods or ():
        if p.from_ and p.to and (excludable is None or p.reason in excludable):
            day = max(p.from_, start + timedelta(days=1))
            while day <= min(p.to, end):
                days.add(day)
                day += timedelta(days=1)
    return len(days) + counted


EXCLUDED_BY_STEP = {"sampling": "检验", "test_result_notice": "检测", "hearing": "听证", "hearing_schedule": "听证"}


@derive
def prior_notice(ctx):
    """第四十四条: notice before a penalty decision — not before a referral, a closing of the case or a decision not
    to penalize, which impose nothing."""
    decision = ctx.package.proposed_decision
    if ctx.package.steps is None or (decision and decision.outcome in ("refer", "revoke_case", "no_penalty")):
        return
    notices = [s.date for _, s in ctx.steps_of("prior_notice") if s.date]
    if len(notices) < len(ctx.steps_of("prior_notice")):
        return  # an undated notice: the gap is reported above, the order cannot be judged
    if ctx.decision_date:
        notified = any(d <= ctx.decision_date for d in notices) or _told_on_the_spot(ctx)
        yield {"kind": "notice_before_decision", "where": "/steps", "notified": notified,
               "decision": ctx.decision_date.isoformat()}
    elif ctx.stage == "pre_decision" and not notices and ctx.package.procedure != "simple":
        yield {"kind": "notice_pending", "where": "/steps"}


@derive
def each_party_notified(ctx):
    """第四十四条 is owed to every party to be penalized. A file of several parties whose notices name the party they
    went to (the step's notes, the paper's title: 行政处罚告知书（武汉谷康食品科技有限公司）), where one party is named
    in none of them: that party was not told. Notices that name no party say nothing either way; nor do they in a file of
    a unit and a person (the person may take the unit's paper), so only parties of one kind are compared."""
    pkg = ctx.package
    decision = pkg.proposed_decision
    names = [(i, party_core_name(p.name)) for i, p in enumerate(pkg.parties or ()) if p.name and party_core_name(p.name)]
    if len(names) < 2 or decision is None or decision.outcome != "penalize" or pkg.steps is None:
        return
    documents = {d.id: d for d in pkg.documents or () if d.id}
    notices = [s for _, s in ctx.indexed_steps if s.kind in ("prior_notice", "hearing_notice", "service")]
    if notices and all(s.party for s in notices):
        # each notice says whom it was made to (v1.5 steps[].party): those parties were told, whoever signed for it — by a
        # notice before the decision (第四十四条), not by the decision served on them afterwards
        decided = ctx.decision_date
        before = [s for s in notices if s.kind != "service" or (decided and s.date and s.date < decided)]
        told_to = [_addressee(ctx, ref) for s in before for ref in PARTY_REFS.split(s.party) if party_core_name(ref)]
        if None in told_to:
            return  # a notice made to someone the party list does not name: whom it told cannot be read
        to = {party_core_name(name) for name in told_to}
        named = [(i, n) for i, n in names if n in to]
    else:
        told = []
        for s in notices:
            told.append(s.notes or "")
            if s.document in documents:
                told.append(documents[s.document].title or "")
        told += [d.title or "" for d in pkg.documents or () if d.kind in ("prior_notice", "hearing_notice", "service_receipt")]
        said = " ".join(told)
        named = [(i, n) for i, n in names if n in said]
    if not named:
        return
    kinds = {pkg.parties[i].kind for i, _ in names}
    # a unit and its responsible person (双罚): one paper to the person may serve both, as files write it. A person the
    # decision penalizes in his own name (penalties[].party) and whom no notice names was not told of his own penalty,
    # even if he is the unit's legal representative: the unit's notice tells the unit's penalty, not his
    penalized = {ctx.penalized_party(p) for _, p in ctx.penalties} - {None}
    for i, name in names:
        if len(kinds) > 1 and not (pkg.parties[i].kind == "individual" and pkg.parties[i].name in penalized):
            continue
        if (i, name) not in named:
            yield {"kind": "party_not_notified", "where": f"/parties/{i}", "party": name,
                   "others": "、".join(n for _, n in named)}


PARTY_REFS = re.compile(r"[、,，;；/\s]+")  # a step of several parties: P1、P2


def _addressee(ctx, ref: str):
    """The listed party a notice's party reference stands for: its name, id or short name (a note in brackets set aside:
    谷康公司（委托代理人签收）), or the person who acts for it (杨帆（法定代表人）); None when it names no listed party."""
    core = party_core_name(ref)
    named = ctx.party_named(core)
    if named:
        return named
    for party in ctx.package.parties or ():
        acting = {(party.representative and party.representative.name) or None, (party.model_extra or {}).get("legal_representative")}
        if party.name and core in acting:
            return party.name
    return None

TOLD = r"(?<![未没不])(?:告知|说明|讲明|宣读)[^。；]{0,20}(陈述|申辩|权利|事实|理由|依据)"


def _told_on_the_spot(ctx) -> bool:
    """简易程序 (第五十二条第一款: 当场作出……应当向当事人出示执法证件，填写预定格式……; 第四十四条 still applies): the
    officer tells the party on the spot, and v1 records it as the party's statement or in a step's notes that day."""
    if ctx.package.procedure != "simple":
        return False
    day = ctx.decision_date
    # or the on-the-spot decision itself recites it (执法人员当场向当事人告知了拟作出处罚的事实、理由和依据)
    return any(s.date == day and (s.kind == "statement" or (s.notes and ctx.matches(TOLD, s.notes)))
               for _, s in ctx.indexed_steps) or bool(ctx.package.decision_text and ctx.matches(TOLD, ctx.package.decision_text))


def _uncovered(ctx, *days):
    """A hint when the holiday catalog lacks a year needed for 第八十五条 working days (a hole in our data), else None."""
    missing = sorted({d.year for d in days if not ctx.calendar.covers(d)})
    if missing:
        return {"kind": "manual", "where": "/steps",
                "what": "节假日目录未收录" + "、".join(map(str, missing)) + "年的法定节假日安排，未能按工作日计算期限"}
    return None


def _step_workdays(ctx, where, what, start, end):
    """(hint, None) when a date is unknown or the holiday catalog lacks its year, else (None, working days).
    The dates come from optional fields of ours or what v1 data show: their absence is never a gap."""
    if start is None or end is None:
        return {"kind": "manual", "where": where, "what": f"案卷未载明{what}，未核对该期限"}, None
    gap = _uncovered(ctx, start, end)
    return (gap, None) if gap else (None, ctx.calendar.workdays_between(start, end))


def _document(ctx, step):
    return next((d for d in ctx.package.documents or () if step.document and d.id == step.document), None)


def _seizure_only(ctx, step) -> bool:
    """An extension step that extends a seizure (行政强制法第二十五条), not the case's period (第六十条)."""
    return _says(ctx, step, SEIZURE_WORDS) and not _says(ctx, step, CASE_PERIOD_WORDS)


def _says(ctx, step, pattern) -> bool:
    doc = _document(ctx, step)
    return any(t and ctx.matches(pattern, t) for t in (step.notes, doc.title if doc else None, doc.kind if doc else None))


def hearing_scheduled_on(ctx, held):
    """The day the party was told the hearing's time and place (第六十四条第（二）项): ``noticed_on`` where given;
    else the notice v1 can show — a hearing notice after the party asked for the hearing, or one whose document is
    the 听证通知书 (v1 has one step kind for the right and for the schedule)."""
    if held.noticed_on:
        return held.noticed_on
    # the hearing's own record saying when its notice went out (2024年8月1日送达听证通知书；听证公开举行……)
    told = NOTICE_SENT_ON.search(held.notes or "")
    if told:
        try:
            sent = date(int(told[1]), int(told[2]), int(told[3]))
        except ValueError:
            sent = None
        if sent and sent <= held.date:
            return sent
    # a notice naming the day it sets (送达恢复听证通知书，定于2022年11月15日恢复听证) is that hearing's, not an earlier one's
    hearing_days = {s.date for _, s in ctx.steps_of("hearing") if s.date}
    other = [s for kind in ("hearing_schedule", "hearing_notice") for _, s in ctx.steps_of(kind)
             if _sets_anothercn_day(s.notes, held.date, hearing_days)]
    elsewhere, papers_elsewhere = {id(s) for s in other}, {s.document for s in other if s.document}
    # v1.1: the time-and-place notice is a step of its own (hearing_schedule); the latest one before the hearing counts
    scheduled = [s.date for _, s in ctx.steps_of("hearing_schedule") if s.date and s.date <= held.date
                 and id(s) not in elsewhere]
    if scheduled:
        return max(scheduled)
    if ctx.steps_of("hearing_schedule"):
        return None  # the schedule notice is there but undated or after the hearing: nothing to count from
    # the 听证通知书 filed among the documents with its date, where no step records it
    # (by the title's head: 听证笔录（附听证通知书、听证报告） is the record, filed with the notice, not the notice)
    papers = [d.date for d in ctx.package.documents or ()
              if d.date and d.date <= held.date and d.title and ctx.matches(HEARING_SCHEDULE_TITLE, re.split(r"[（(]", d.title)[0])
              and d.id not in papers_elsewhere]
    if papers:
        return max(papers)
    asked = min((s.date for _, s in ctx.steps_of("hearing_request") if s.date), default=None)
    notices = sorted(((s.date, s) for _, s in ctx.steps_of("hearing_notice") if s.date and s.date <= held.date
                      and id(s) not in elsewhere), key=lambda pair: pair[0])
    schedule = [d for d, s in notices if (asked and d >= asked) or _says(ctx, s, HEARING_SCHEDULE)
                or (len(notices) > 1 and d > notices[0][0])]
    return max(schedule) if schedule else None


HEARING_SCHEDULE = r"听证通知|hearing_schedule|定于.{0,20}举行听证"
NOTICE_SENT_ON = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日[^。；]{0,6}(?:送达|发出|寄出|通知)[^。；]{0,4}听证通知")
SET_FOR = re.compile(r"(?:定于|改于|延期至|延至|改期至|推迟至)\s*(\d{4})年(\d{1,2})月(\d{1,2})日")


def _sets_anothercn_day(notes, day, hearing_days) -> bool:
    """Whether the notice sets (its last 定于/改于/延期至 date) another hearing that was held, not this one."""
    found = list(SET_FOR.finditer(notes or ""))
    if not found:
        return False
    try:
        sets = date(int(found[-1][1]), int(found[-1][2]), int(found[-1][3]))
    except ValueError:
        return False
    return sets != day and sets in hearing_days
HEARING_SCHEDULE_TITLE = r"(?<!不予)听证(会)?通知书"  # the time and place; not a 不予听证通知书

# a prior notice that tells the party it may ask for a hearing (not one that says it did not, or that none applies)
# 《行政处罚事先（听证）告知书》 (广东 生态环境's combined form): the bracketed 听证 is the right told
HEARING_RIGHT = r"听证(权利)?[）)]?告知|告知[^。；]{0,30}(要求|申请)听证|(要求|申请)听证的权利|听证权"
# 未告知听证权利, 不适用听证 — not the party's own 未要求听证 (it has not asked, or did not ask, for one)
NO_HEARING_RIGHT = (r"(未|没有|不)(?!要求|申请|提出)[^。；，]{0,6}(告知)?[^。；，]{0,4}(要求|申请)?听证|不适用听证|无需听证"
                    r"|听证[^。；，,]{0,6}[：:]\s*(?:不适用|无|否)|无权[^。；，,]{0,4}(?:要求|申请)听证|听证权利[：:]?\s*无")


@derive
def service(ctx):
    """第六十一条 seven working days (第八十五条), counted on the holiday catalog."""
    if ctx.stage != "post_decision" or ctx.decision_date is None:
        return
    decided = ctx.decision_date
    served = [s.date for _, s in ctx.steps_of("service") if s.date and s.date >= decided]  # not the notice's service
    if not served:
        yield {"kind": "gap", "where": "/steps", "what": "送达环节（决定书送达日期）"}
        return
    first = min(served)
    gap = _uncovered(ctx, decided, first)
    if gap:
        yield gap
        return
    yield {"kind": "service", "where": "/steps", "decision": decided.isoformat(), "served": first.isoformat(),
           "deadline": ctx.calendar.add_workdays(decided, 7).isoformat(),
           "workdays": ctx.calendar.workdays_between(decided, first)}


# 行政强制法第五十三条: 当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的，没有行政强制执行权的行政机关可以自期限
# 届满之日起三个月内……申请人民法院强制执行. 行政诉讼法第四十六条第一款: 六个月 from knowing of the decision (法律另有规定的除外);
# 复议 is sixty days (行政复议法), so the six months are the period that must have run. From 2024-01-01 an on-the-spot
# decision must go to 复议 first (行政复议法第二十三条第一款第（一）项): sixty days. The last day, a rest day, moves to the
# next working day (行政诉讼法第一百零一条 → 民事诉讼法第八十五条第三款). 行诉法解释（2018）第一百五十六条: three months after it
SUE_MONTHS, REVIEW_DAYS, APPLY_MONTHS = 6, 60, 3
UNTOLD_MONTHS, UNTOLD_YEAR_FROM = 12, date(2018, 2, 8)  # 法释〔2018〕1号第六十四条, in force 2018-02-08
# the period told: 六个月 (or a law's own fifteen days to sue, 烟草专卖法第四十一条 — not the fifteen days to pay) or, review
# first, 六十日, each told for its remedy (case/remedies_told.py, shared with the decision-element check DOC-004)
TOLD_PERIOD_TO_SUE = told.TOLD_PERIOD_TO_SUE + r"|(?:十五|15)日内[^。；]{0,20}(?:提起(?:行政)?诉讼|起诉)"
TOLD_PERIOD_TO_SEEK_REVIEW = told.TOLD_PERIOD_TO_SEEK_REVIEW
UNTOLD_PERIOD = {
    False: "提起行政诉讼的期限（决定书未告知起诉期限，最长一年，《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第六十四条第一款）",
    True: "申请行政复议的期限（决定书未告知申请期限，最长一年，《中华人民共和国行政复议法》第二十条第三款）",
}
REVIEW_FIRST_FROM = date(2024, 1, 1)
PAY_DAYS = 15  # 行政处罚法第六十七条第三款（2017年：第四十六条第三款）: 自收到行政处罚决定书之日起十五日内缴纳
# laws that give the party a period to sue of their own for some decisions, beside the catalog's (烟草专卖法第四十一条 …):
# 土地管理法第八十三条, 十五日 against an order to demolish (责令限期拆除)
OWN_PERIOD_LAWS = ("土地管理法",)
# events the case system names with codes of its own: the party's remedy (the periods then run otherwise), a deferral
# of payment (延期、分期缴纳, 第六十六条), a reminder
RELIEF_SOUGHT = re.compile(r"reconsider|litigat|lawsuit|appeal|judg")
DEFERRED = re.compile(r"defer|install|postpon|extension|staged")
OWN_REMINDER = re.compile(r"remind|urge|demand|cuigao")
NEGATED_BEFORE = re.compile(r"[未不没无非][^，,。；;]{0,5}$")  # 未另行催告, 不作为催告书


@derive
def court_enforcement(ctx):
    """第五十三条、第五十四条: an application to the court comes after the periods to seek review or sue have run (and
    within three months of that), and after a 催告书 served ten working days before (第六十九条: 十日以内 are working days)."""
    applications = [(f"/steps/{i}", s.date) for i, s in ctx.steps_of("court_enforcement_application") if s.date]
    if not applications:  # a file that records the application only as a paper (强制执行申请书, dated)
        applications = [(f"/documents/{i}", d.date) for i, d in _enforcement_papers(ctx, "application")]
    decided = ctx.decision_date
    if not applications or decided is None:
        return
    service = [s for _, s in ctx.steps_of("service") if s.date and s.date >= decided]
    served = min(service, key=lambda s: s.date) if service else None
    known = served.date if served else (decided if ctx.package.procedure == "simple" else None)
    by_notice = served is not None and served.method == "public_notice"  # 公告: deemed served only after it has run
    sought = any(s.kind == "other" and s.own_kind and RELIEF_SOUGHT.search(s.own_kind) for _, s in ctx.indexed_steps)
    for where, applied in applications:
        if known and not sought and not by_notice:
            yield from _against_the_period(ctx, f"{where}/date", applied, decided, known)
        yield from _against_the_reminder(ctx, where, applied, decided, known)


# papers of the enforcement a file may list without a step for them (v1 has no code for either event): the application
# to the court, and the 催告书 — served on the day of the service step whose paper or notes name it, else dated
_PAPER_CODES = {"application": OWN_ENFORCEMENT_APPLICATION_CODE, "reminder": OWN_REMINDER_CODE}  # the steps' own codes
_PAPER_TITLES = {"application": re.compile(r"强制执行申请书|申请(?:人民法院)?强制执行(?:书|申请)"),
                 "reminder": re.compile(r"催告书")}


def _enforcement_papers(ctx, what: str) -> list:
    """(index, document) of the papers of one kind: by the file's own code or by title (not a 送达回证 for it)."""
    out = []
    for i, d in enumerate(ctx.package.documents or ()):
        if not d.date or d.kind in ("decision", "service_receipt") or (d.title and "回证" in d.title):
            continue
        if (d.kind and _PAPER_CODES[what].search(d.kind)) or (d.title and _PAPER_TITLES[what].search(d.title)):
            out.append((i, d))
    return out


def _reminder_papers_served(ctx) -> list:
    """The days the 催告书 the file lists were served: a service step whose paper or notes name the 催告书, on or after
    the paper's date; else the paper's own date."""
    days = []
    for _, d in _enforcement_papers(ctx, "reminder"):
        served = [s.date for _, s in ctx.steps_of("service") if s.date and s.date >= d.date and (
            (s.notes and "催告" in s.notes) or (s.document and _document(ctx, s) and "催告" in (_document(ctx, s).title or "")))]
        days.append(min(served) if served else d.date)
    return days


def _against_the_period(ctx, where, applied, decided, known):
    """第五十三条: after the period to sue (or, 复议前置, to seek review) has run, and within three months of its end."""
    special = _own_litigation_period(ctx)
    if special:
        yield {"kind": "manual", "where": where,
               "what": f"本案适用的{special}另行规定了起诉期限，未核对申请人民法院强制执行时法定期限是否届满"}
        return
    review_first = ctx.package.procedure == "simple" and decided >= REVIEW_FIRST_FROM
    runs_to = _next_workday(ctx, known + timedelta(days=REVIEW_DAYS) if review_first else add_months(known, SUE_MONTHS))
    period = "申请行政复议的六十日" if review_first else "提起行政诉讼的六个月"
    untold = _period_untold(ctx, review_first)
    if untold and decided < (REVIEW_FIRST_FROM if review_first else UNTOLD_YEAR_FROM):
        return  # the bound of an untold period under the rules before (another text) is not in the catalog
    if untold:
        # 行诉法解释第六十四条第一款 / 行政复议法（2023）第二十条第三款: a decision that does not tell the period leaves it
        # open up to one year from when the party knew the decision — the decision is final, and the three months of
        # 行政强制法第五十三条 start, that late
        runs_to = _next_workday(ctx, add_months(known, UNTOLD_MONTHS))
        period = UNTOLD_PERIOD[review_first]
    if applied <= runs_to:
        yield {"kind": "enforcement_too_early", "where": where, "applied": cn_day(applied), "known": cn_day(known),
               "runs_to": cn_day(runs_to), "period": period}
    elif applied > add_months(runs_to, APPLY_MONTHS):
        yield {"kind": "enforcement_too_late", "where": where, "applied": cn_day(applied), "runs_to": cn_day(runs_to),
               "period": period, "last_day": cn_day(add_months(runs_to, APPLY_MONTHS))}


def _next_workday(ctx, day):
    if ctx.calendar.covers(day):
        while not ctx.calendar.is_workday(day):
            day += timedelta(days=1)
    return day


def _period_untold(ctx, review_first: bool) -> bool:
    """The decision text, given, names no period to sue (六个月, or a law's own 十五日 to sue) — or, where review comes
    first, no period to seek review (六十日)."""
    text = ctx.package.decision_text
    return bool(text) and not ctx.matches(TOLD_PERIOD_TO_SEEK_REVIEW if review_first else TOLD_PERIOD_TO_SUE, text)


def _against_the_reminder(ctx, where, applied, decided, known):
    """第五十四条: a 催告书 served, after the time to pay, ten working days before the application."""
    reminders = [s.date for _, s in ctx.steps_of("reminder") if s.date and s.date <= applied] or [
        d for d in _reminder_papers_served(ctx) if d <= applied]
    # 延期、分期缴纳 (行政处罚法第六十六条): the time to pay is the one approved, not fifteen days
    deferrals = [s for _, s in ctx.indexed_steps if s.kind == "extension" and s.date and s.date >= decided or
                 (s.kind == "other" and s.own_kind and DEFERRED.search(s.own_kind))]
    deferred = bool(deferrals)
    until = max((d for s in deferrals for d in [_deferred_until(s, decided)] if d), default=None)
    if until and any(d <= until for d in reminders):
        # the approval says until when (延期缴纳至2024年9月30日): a reminder before that day is of no duty yet failed
        reminders = [d for d in reminders if d > until]
        if not reminders:
            yield {"kind": "gap", "where": where,
                   "what": f"批准的缴纳期限（至{cn_day(until)}）届满后的催告书及其送达记录"
                           "（行政强制法第五十四条；案卷所载催告在期限届满之前）"}
            return
    if known and not deferred and any(d <= known + timedelta(days=PAY_DAYS) for d in reminders):
        # 催告 is of a duty the party failed to perform: a reminder within the fifteen days to pay is not the 催告书
        reminders = [d for d in reminders if d > known + timedelta(days=PAY_DAYS)]
        if not reminders:
            yield {"kind": "gap", "where": where,
                   "what": f"缴纳罚款的十五日期限（至{cn_day(known + timedelta(days=PAY_DAYS))}）届满后的催告书及其送达记录"
                           "（行政强制法第五十四条；案卷所载催告在期限届满之前）"}
            return
    if not reminders:
        own = [s for _, s in ctx.indexed_steps if s.date and decided <= s.date <= applied and (
            (s.kind == "other" and s.own_kind and OWN_REMINDER.search(s.own_kind))
            or (s.notes and _says_reminded(s.notes) and s.kind != "court_enforcement_application"))]
        if not own:  # a step of the case system's own code may be the reminder
            yield {"kind": "gap", "where": where, "what": "申请人民法院强制执行前的催告书及其送达记录（行政强制法第五十四条）"}
        return
    first = min(reminders)  # its ten days are the ones 第五十四条 asks for (a later one may only repeat it)
    hole = _uncovered(ctx, first, applied)
    if hole:
        yield hole
        return
    ten_days = ctx.calendar.add_workdays(first, 10)
    if applied <= ten_days:
        yield {"kind": "applied_within_reminder", "where": f"{where}/date", "applied": cn_day(applied),
               "reminded": cn_day(first), "ten_days": cn_day(ten_days)}


# the day a deferral runs to (延期缴纳至2024年8月30日, 于2024年9月30日前缴清): a date after 至 or before 前; a date that opens
# something (自2024年8月31日起加处罚款) is not the end of the deferral
_UNTIL_BEFORE = re.compile(r"(?:至|截至|截止|延长到|延期到|推迟到)\s*$")
_UNTIL_AFTER = re.compile(r"\s*(?:前(?!往)|之前|以前|止)")
# the clause of a date that ends the deferral speaks of paying (缴纳至…, 于…前缴清); 将于…前申请人民法院强制执行 is another act
_PAYING = re.compile(r"缴|交纳|付清|延期|暂缓|分期")
_CLAUSE_MARK = re.compile(r"[，,。；;\n]")
_OPENS_BEFORE = re.compile(r"(?:自|从)\s*$")
_OPENS_AFTER = re.compile(r"\s*(?:起|开始)")
# a deferral written as a length (延期六个月缴纳, 暂缓缴纳三个月, 分期…六个月内缴清)
_DEFERRED_FOR = re.compile(r"(?:延期|暂缓|推迟|延长|分期)[^。；]{0,16}?(?:(?P<n>[一二三四五六七八九十两\d]+)个月|(?P<half>半年)"
                           r"|(?<![\d月年])(?P<d>[一二三四五六七八九十百两\d]+)(?:日|天))")


# the length written first (当事人可在三个月内延期缴纳罚款, 六个月内分期缴清)
_DEFERRED_WITHIN = re.compile(r"(?:(?P<n>[一二三四五六七八九十两\d]+)个月|(?P<half>半年)|(?<![\d月年])(?P<d>[一二三四五六七八九十百两\d]+)(?:日|天))内"
                              r"[^。；，,]{0,4}(?:延期|暂缓|分期|缴清)")


def _deferred_until(step, decided):
    """The last day of an approved deferral, from its step's notes: the date the notes give as its end; else, among
    the dates after the decision, the latest that opens nothing; else, a length in months from the approval's date (the
    earliest day it can end). None when the notes tell none."""
    notes = step.notes or ""
    approved = step.date or decided
    # 延期至2024年8月30日, 延期至2024-08-30, 延期至9月30日 (the year of the approval, or the next)
    written = list(dates_in(notes)) + list(_iso_dates(notes)) + list(_yearless_dates(notes, approved))
    dates = [(d, a, b) for d, a, b in written if d > approved]  # the application's and approval's own days are not ends
    ends = [(d, _clause(notes, a, b)) for d, a, b in dates
            if (_UNTIL_BEFORE.search(notes, max(0, a - 4), a) or _UNTIL_AFTER.match(notes, b))
            and _PAYING.search(_clause(notes, a, b))]
    # the end the approval grants, not the one the party asked for (申请延期缴纳至12月31日，经批准，准予延期至8月30日)
    granted = [d for d, clause in ends if _GRANTED.search(clause) and not _ASKED.search(clause)]
    if granted or ends:
        return max(granted or [d for d, _ in ends])
    length = _DEFERRED_FOR.search(notes) or _DEFERRED_WITHIN.search(notes)
    if length and step.date:
        if length["d"]:
            return step.date + timedelta(days=numeral(length["d"]))
        return add_months(step.date, 6 if length["half"] else numeral(length["n"]))
    plain = [d for d, a, b in dates if not (_OPENS_BEFORE.search(notes, max(0, a - 2), a) or _OPENS_AFTER.match(notes, b))
             and _PAYING.search(_clause(notes, a, b))]
    return max(plain) if plain else None


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_YEARLESS_DATE = re.compile(r"(?<![\d年-])(\d{1,2})月(\d{1,2})日")
_GRANTED = re.compile(r"准予|批准|同意")
_ASKED = re.compile(r"申请|请求|要求")


def _yearless_dates(text: str, after: date):
    """月日 without a year (至9月30日): the first such day on or after ``after``."""
    for m in _YEARLESS_DATE.finditer(text):
        for year in (after.year, after.year + 1):
            try:
                day = date(year, int(m[1]), int(m[2]))
            except ValueError:
                break
            if day >= after:
                yield day, m.start(), m.end()
                break


def _iso_dates(text: str):
    for m in _ISO_DATE.finditer(text):
        try:
            yield date(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end()
        except ValueError:
            continue


def _clause(text: str, start: int, end: int) -> str:
    """The clause around text[start:end], between the marks (，。；) before and after it (at most 40 characters each way)."""
    before = [m.end() for m in _CLAUSE_MARK.finditer(text, max(0, start - 40), start)]
    after = _CLAUSE_MARK.search(text, end, end + 40)
    return text[before[-1] if before else max(0, start - 40):after.start() if after else end + 40]


def _says_reminded(notes: str) -> bool:
    """The notes say a reminder was given: 催告 not denied in the words just before it."""
    at = notes.find("催告")
    while at >= 0:
        if not NEGATED_BEFORE.search(notes, max(0, at - 6), at):
            return True
        at = notes.find("催告", at + 2)
    return False


def _own_litigation_period(ctx) -> str:
    """The law of the case that sets a period to sue of its own (烟草专卖法第四十一条: 十五日; 土地管理法第八十三条), from the
    catalog's 但书 of 行政诉讼法第四十六条第一款 and OWN_PERIOD_LAWS; "" when none."""
    cited = " ".join((ctx.package.citations.violated or []) + (ctx.package.citations.penalty or [])) if ctx.package.citations else ""
    laws = [o.law for element in ctx.catalogs.decision_elements.values() for o in element.otherwise] + list(OWN_PERIOD_LAWS)
    return next((law for law in laws if law in cited), "")


HEARING_TYPES = {"lower_qualification", "revoke_license", "suspend_business", "close", "restrict_practice"}  # 第六十三条（三）（四）


@derive
def hearing(ctx):
    """第六十三条: the hearing right for heavier penalties; 第六十四条: request in five, notice seven working days ahead."""
    pkg = ctx.package
    decision = pkg.proposed_decision
    if pkg.procedure == "simple" or decision is None or decision.outcome != "penalize" or pkg.steps is None:
        return
    why, known = _hearing_required(ctx)
    # a prior notice that tells the party of the hearing right is a hearing-right notice
    notices = [s for _, s in ctx.steps_of("hearing_notice")] + [
        s for _, s in ctx.steps_of("prior_notice") if _says(ctx, s, HEARING_RIGHT) and not _says(ctx, s, NO_HEARING_RIGHT)]
    if why is None and not known and not notices:
        fines = [p for _, p in ctx.penalties if p.type in ("fine", "confiscate_income", "confiscate_property") and p.amount]
        if fines:
            yield {"kind": "manual", "where": "/proposed_decision/penalties",
                   "what": "听证目录数据未收录该地区、领域的“较大数额”标准，未判断是否应当告知听证权利"}
    elif why and not notices and (ctx.steps_of("prior_notice") or ctx.stage == "post_decision"):
        yield {"kind": "no_hearing_notice", "where": "/steps", "why": why}
    notified = min((s.date for s in notices if s.date), default=None)
    requests = [s.date for _, s in ctx.steps_of("hearing_request") if s.date]
    held = [(i, s) for i, s in ctx.steps_of("hearing")]
    cal = ctx.calendar
    # before the decision, a timely request with no hearing held or set (a 听证通知 after the request) is sent for review
    # with the decision it was meant to precede (第六十四条、第六十二条)
    scheduled = any(s.date and requests and s.date >= min(requests) for k in ("hearing_schedule", "hearing_notice")
                    for _, s in ctx.steps_of(k)) or any(_says(ctx, s, HEARING_SET) for _, s in ctx.steps_of("hearing_request"))
    withdrawn = any(_says(ctx, s, WITHDRAWN) for _, s in ctx.indexed_steps)
    if notified and requests and not held and not withdrawn and (ctx.stage == "post_decision" or not scheduled):
        gap = _uncovered(ctx, notified, *requests)
        in_time = [d for d in requests if not gap and cal.workdays_between(notified, d) <= 5]
        if gap:
            yield gap
        elif in_time:
            yield {"kind": "hearing_not_held", "where": "/steps", "requested": min(in_time).isoformat()}
    if notified and ctx.decision_date and not requests and not held and not _hearing_waived(ctx):
        # a hearing held (with no request step recorded) is the right used, not one cut short
        gap = _uncovered(ctx, notified, ctx.decision_date)
        if gap:
            yield gap
        else:
            last_day = cal.add_workdays(notified, 5)
            early = ctx.decision_date <= last_day
            facts = {"where": "/steps", "notified": notified.isoformat(), "decision": ctx.decision_date.isoformat(),
                     "last_day": last_day.isoformat()}
            # where the catalog lacks the local 较大数额, the organ's own notice is what says the case is in its hearing
            # scope (it gives the notice because its rules ask for one): the period it told is the party's. Only where
            # the catalog shows no right (a notice given beyond 第六十三条) is an early decision left alone
            if early and (why or not known):
                yield {"kind": "decided_in_request_period", **facts}
    for i, step in held:
        if step.date is None:
            continue
        noticed = hearing_scheduled_on(ctx, step)
        gap, days = _step_workdays(ctx, f"/steps/{i}/noticed_on", "听证时间、地点的通知日期", noticed, step.date)
        if gap:
            yield gap
        elif days < 7:
            yield {"kind": "hearing_short_notice", "where": f"/steps/{i}/noticed_on", "noticed": noticed.isoformat(),
                   "held": step.date.isoformat(), "workdays": days}


# the party's waiver in its own words: 放弃听证, 听证权利放弃书, 不提出听证申请, 不要求举行听证 (not 不予听证, the organ's refusal)
# 放弃陈述权、申辩权和要求听证的权利; not 暂不放弃听证权利
WAIVED_HEARING = (r"(?<![不未])放弃[^。；]{0,14}听证|听证[^。；，,]{0,6}(?<![不未])放弃|(?:不|无需|不再)(?:要求|申请)(?:举行)?听证|不需要(?:举行)?听证"
                  r"|(?:不|不再|未|没有)(?:提出|提交)听证(?:申请|要求)")


HEARING_SET = r"听证通知书|定于[^。；]{0,20}举行"  # the request's own record says the hearing was set
WITHDRAWN = r"撤回[^。；，,]{0,6}听证"  # the party withdrew its request (听证终止)


# a waiver its clause denies or leaves open: a negation just before 放弃 with no other verb joined between (不愿放弃, 没有放弃,
# 拒绝放弃, 未签署放弃听证权利声明书, 再决定是否放弃 — not 不申辩并放弃听证, where 不 is 申辩's); or a waiver form the clause
# says was not signed (未在……《放弃听证权利声明书》上签字)
_WAIVER_DENIED = re.compile(r"(?:不|未|没有|拒绝|无意|是否)(?:(?!并|且|和|及|同时|也|亦)[^。；，,、：:]){0,4}$")
_CLAUSE_OPEN = re.compile(r"[。；;，,：:\n]")
_NOT_SIGNED = re.compile(r"(?:未|没有|拒绝|拒不)")
_SIGNING = re.compile(r"签字|签名|签署|捺印|提交|填写|出具")
_WAIVED = re.compile(WAIVED_HEARING)


def _waives(text) -> bool:
    if not text:
        return False
    for m in _WAIVED.finditer(text):
        opened = max((c.end() for c in _CLAUSE_OPEN.finditer(text, max(0, m.start() - 40), m.start())), default=max(0, m.start() - 40))
        if _WAIVER_DENIED.search(text, max(opened, m.start() - 6), m.start()):
            continue
        reach = min(len(text), m.end() + 200)  # the clause on, bounded: each waiver looks ahead a fixed distance
        closing = _CLAUSE_OPEN.search(text, m.end(), reach)
        if _NOT_SIGNED.search(text, opened, m.start()) and _SIGNING.search(text, m.end(), closing.start() if closing else reach):
            continue
        return True
    return False


def _hearing_waived(ctx) -> bool:
    """The party expressly gave up the hearing (``waived`` on its notice or statement, or its words in the record)."""
    steps = [s for kind in ("hearing_notice", "statement", "prior_notice") for _, s in ctx.steps_of(kind)]
    if any(s.waived for _, s in ctx.steps_of("hearing_notice")):
        return True
    for s in steps:
        doc = _document(ctx, s)
        if any(_waives(t) for t in (s.notes, doc.title if doc else None, doc.kind if doc else None)):
            return True
    return False


def _hearing_required(ctx):
    """(why 第六十三条 requires the hearing right, or None; whether a 较大数额 threshold applies to this case)."""
    types = {p.type for _, p in ctx.penalties}
    heavy = types & HEARING_TYPES
    if heavy:
        return "、".join(PENALTY_LABELS[t] for t in sorted(heavy)) + "（第六十三条第一款第（三）、（四）项）", True
    kinds = {p.kind for p in ctx.package.parties or () if p.kind}
    day = ctx.decision_date or ctx.as_of
    money = [p for _, p in ctx.penalties if p.amount is not None]
    # 较大数额 in this order: a provincial or municipal rule for the agency's region and field, else the field's
    # departmental rule; with neither, only a figure above every known threshold (or below all of them) is certain
    listed = ctx.catalogs.hearing_by_party_kind.get(next(iter(kinds)), ()) if len(kinds) == 1 else \
        ctx.catalogs.hearing_thresholds.values()  # one kind of party (nearly every case): the thresholds that name it
    usable = [t for t in listed if t.in_force(day) and kinds & set(t.party_kinds)]
    fits_field = [t for t in usable if not t.domains or ctx.catalogs.covers(t.domains, ctx.domain)]
    local = [t for t in fits_field if t.scope == "local" and ctx.agency_region
             and ctx.agency_region.startswith(t.region_prefix or "#")
             and not (t.except_domains and ctx.catalogs.covers(t.except_domains, ctx.domain))]
    national = [t for t in fits_field if t.scope == "national" and t.domains]
    applicable = local or national
    if local and any(t.lower_departmental_prevails for t in local):
        applicable = local + national  # 广东第七条第二款: the lower of the two figures decides
    if applicable:
        for t in applicable:
            for p in money:
                if p.type in t.penalty_types and _reaches(p.amount, t):
                    return f"{PENALTY_LABELS[p.type]}{yuan(p.amount)}，达到较大数额（{t.title}，{t.basis}）", True
        return None, True
    for p in money:
        others = [t for t in usable if p.type in t.penalty_types]
        if others and all(_reaches(p.amount, t) for t in others):
            return (f"{PENALTY_LABELS[p.type]}{yuan(p.amount)}，超过本目录收录的全部较大数额标准"
                    f"（本地区、本领域的标准未收录，最高为{yuan(max(t.value for t in others))}）"), True
    certain_below = bool(money) and all(not any(_reaches(p.amount, t) for t in usable if p.type in t.penalty_types)
                                        for p in money) and bool(usable)
    return None, certain_below


def _reaches(amount, t) -> bool:
    return amount > t.value if t.comparator == "gt" else amount >= t.value


# steps that must come in this order when both happened (first date of each): (earlier, later, what is wrong)
ORDER = [
    ("filing", "investigation_report", "先查后立：调查终结后才立案", "第五十四条第二款"),
    ("filing", "prior_notice", "先查后立：事先告知后才立案", "第五十四条第二款"),
    ("investigation_report", "prior_notice", "调查终结前即作出事先告知", "第五十七条第一款"),
    ("prior_notice", "decision", "决定早于事先告知", "第四十四条、第六十二条"),
    ("hearing_notice", "hearing", "听证早于听证告知", "第六十四条第（一）项"),
    ("hearing", "decision", "决定早于听证", "第六十五条"),
    ("collective_discussion", "decision", "决定早于集体讨论", "第五十七条第二款"),
    ("legal_review", "decision", "决定早于法制审核", "第五十八条第一款"),
]


@derive
def order(ctx):
    # 立案前的核查（检查、询问、抽样）是常态（市场监管等程序规定均允许先核查后立案）：询问早于立案只提示核对
    filed, asked = ctx.first_date("filing"), ctx.first_date("inquiry")
    if filed and asked and asked < filed:
        yield {"kind": "inquiry_before_filing", "where": "/steps", "a": filed.isoformat(), "b": asked.isoformat()}
    for earlier, later, what, basis in ORDER:
        a, b = ctx.first_date(earlier), ctx.first_date(later)
        if a and b and b < a:
            yield {"kind": "out_of_order", "where": "/steps", "what": what, "earlier": STEP_LABELS[earlier],
                   "later": STEP_LABELS[later], "a": a.isoformat(), "b": b.isoformat(), "pair_basis": basis}


@derive
def statement_heard(ctx):
    """第四十五条: the party's statement is heard before the decision, not after it."""
    decided = ctx.decision_date
    statements = [s.date for _, s in ctx.steps_of("statement") if s.date]
    if decided and statements and min(statements) > decided:
        yield {"kind": "statement_after", "where": "/steps", "decision": decided.isoformat(),
               "statement": min(statements).isoformat()}


# the period the prior notice gave for the statement: 三个工作日内提出陈述和申辩 / 陈述申辩期限为五日
STATEMENT_PERIOD = re.compile(
    r"(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})个?(?P<unit>工作日|日|天)(?:内|之内)[^。；]{0,16}(?:陈述|申辩)"
    r"|(?:陈述|申辩)(?:(?!听证)[^。；]){0,10}期限[^。；]{0,16}?(?P<n2>\d{1,2}|[一二三四五六七八九十]{1,3})个?(?P<unit2>工作日|日|天)")
WAIVED_STATEMENT = r"放弃[^。；]{0,6}(陈述|申辩)|(不|无)(进行|提出|再)?(陈述|申辩)|无异议"


@derive
def statement_period(ctx):
    """第四十五条、第六十二条: the party is heard within the period the prior notice gave it; a decision made before that
    period ends, with no statement made and none waived, has not listened. The period is the notice's own (the Law
    sets none; departmental rules do); two, three, five and seven 日 are working days (第八十五条)."""
    decided = ctx.decision_date
    if decided is None or ctx.package.procedure == "simple":
        return
    stated = [s.date for _, s in ctx.steps_of("statement") if s.date and s.date <= decided]
    notices = [s for _, s in ctx.steps_of("prior_notice") if s.date and s.date <= decided]
    if stated or not notices or any(s.waived or _says(ctx, s, WAIVED_STATEMENT)
                                    for kind in ("prior_notice", "statement") for _, s in ctx.steps_of(kind)):
        return
    notice = max(notices, key=lambda s: s.date)
    doc = _document(ctx, notice)
    m = next((STATEMENT_PERIOD.search(t) for t in (notice.notes, doc.title if doc else None)
              if t and STATEMENT_PERIOD.search(t)), None)
    if m is None:
        return
    n = _count(m.group("n") or m.group("n2"))
    working = (m.group("unit") or m.group("unit2")) == "工作日" or n in (2, 3, 5, 7)
    if working:
        gap = _uncovered(ctx, notice.date, decided)
        if gap:
            yield gap
            return
        last_day = ctx.calendar.add_workdays(notice.date, n)
    else:
        last_day = notice.date + timedelta(days=n)
    if decided <= last_day:
        yield {"kind": "decided_in_statement_period", "where": "/steps", "notified": notice.date.isoformat(),
               "period": m.group(0), "last_day": last_day.isoformat(), "decision": decided.isoformat()}


def _count(text: str) -> int:
    return int(text) if text.isdigit() else cn_number(text)


# penalties that, with 情节较重, make a 重大违法行为 (第五十七条第二款): they end or suspend the party's activity
HEAVY_PENALTIES = {"revoke_license", "suspend_business", "close", "restrict_practice", "lower_qualification"}


@derive
def collective_and_review(ctx):
    """第五十七条第二款 collective discussion for serious cases; 第五十八条 legal review before the decision."""
    pkg = ctx.package
    decision = pkg.proposed_decision
    if pkg.procedure == "simple" or decision is None or decision.outcome != "penalize":
        return
    v = pkg.violation
    # 第五十七条第二款 is for 情节复杂或者重大违法行为: the case's own 情节 scale (较重) is not that test. 情节特别严重 is
    # a 重大违法行为; 情节较重 is for the reviewer to weigh against the agency's own definition (a hint).
    heavy = any(p.type in HEAVY_PENALTIES for _, p in ctx.penalties)
    grave = bool(v and (v.circumstance == "especially_serious" or (v.circumstance == "serious" and heavy)))
    weighty = bool(v and v.circumstance == "serious")
    discussed = bool(ctx.steps_of("collective_discussion"))
    if grave and not discussed:
        yield {"kind": "discussion_missing" if ctx.stage == "post_decision" else "discussion_pending", "where": "/steps"}
    elif weighty and not discussed:
        yield {"kind": "discussion_pending", "where": "/steps"}
    if ctx.stage == "post_decision" and ctx.decision_date and ctx.once(determine).is_major:
        reviewed = [s.date for _, s in ctx.steps_of("legal_review") if s.date and s.date <= ctx.decision_date]
        if not reviewed:
            yield {"kind": "review_missing", "where": "/steps", "why": ctx.once(determine).reason}


@derive
def preservation(ctx):
    """第五十六条: evidence registered for preservation is dealt with within seven working days."""
    for i, step in ctx.steps_of("preservation"):
        if step.date is None:
            continue
        handled = step.handled_on or _preservation_handled(ctx, step.date)
        gap, days = _step_workdays(ctx, f"/steps/{i}/handled_on", "先行登记保存的处理决定日期", step.date, handled)
        if gap:
            yield gap
        elif days > 7:
            yield {"kind": "preservation_late", "where": f"/steps/{i}/handled_on", "date": step.date.isoformat(),
                   "handled": handled.isoformat(), "workdays": days,
                   "deadline": ctx.calendar.add_workdays(step.date, 7).isoformat()}


def _preservation_handled(ctx, preserved):
    """The handling decision v1 can show: the first 先行登记保存处理决定 document dated on or after the preservation."""
    days = [d.date for d in ctx.package.documents or () if d.date and d.date >= preserved and (
        d.kind == "preservation_decision" or (d.title and ctx.matches(r"先行登记保存.{0,10}处理决定|解除.{0,4}先行登记保存", d.title)))]
    return min(days) if days else None


@derive
def notified_content(ctx):
    """第四十四条: the decision is the one notified. A notice's ``proposed`` penalties (v1.1) against the decision: a
    type added or a figure raised needs a new notice (and 第四十五条第二款: never heavier because the party spoke)."""
    decision = ctx.package.proposed_decision
    if decision is None or decision.outcome != "penalize" or not ctx.penalties:
        return
    until = ctx.decision_date or ctx.as_of
    notices = sorted((s.date, i, s) for i, s in ctx.steps_of("prior_notice") if s.date and s.date <= until)
    if not notices or notices[-1][2].proposed is None:
        return  # the latest notice does not say what it notified (v1): nothing to compare
    day, i, notice = notices[-1]
    told = {}
    for p in notice.proposed:
        told.setdefault(p.type, []).append(p)
    heavier = []
    for _, p in ctx.penalties:
        label = PENALTY_LABELS.get(p.type, "未注明种类的处罚")
        if p.type is None:
            continue
        if p.type not in told:
            heavier.append(f"增加了{label}")
            continue
        for measure, unit in (("amount", "元"), ("duration_days", "日")):
            was = [getattr(q, measure) for q in told[p.type] if getattr(q, measure) is not None]
            now = getattr(p, measure)
            if now is not None and was and now > max(was):
                shown = yuan(now) if measure == "amount" else f"{now}日"
                before = yuan(max(was)) if measure == "amount" else f"{max(was)}日"
                heavier.append(f"{label}由告知的{before}提高到{shown}")
    if heavier:
        yield {"kind": "heavier_than_notified", "where": f"/steps/{i}/proposed", "notice": day.isoformat(),
               "what": "；".join(heavier), "decided": "作出的决定" if ctx.decision_date else "拟作出的决定"}


# 民事诉讼法（2021年、2023年修正）第八十八条至第九十五条 and 行政处罚法第六十一条 name the ways of service;
# posting alone is none of them. Words in the record that show why 公告送达 was used (第九十五条).
UNREACHABLE = r"下落不明|无法(直接)?送达|无法联系|拒收|退回|查无此人|地址不详|无人签收|送达未果"
SERVED_STEPS = ("service", "prior_notice", "hearing_notice", "hearing_schedule", "decision")


# a v1 step's notes telling the way of service: by e-mail or message (电子邮件, 邮箱, 微信, 短信), and consent given only orally
# the paper itself went electronically (将决定书扫描件发送至其邮箱, 以电子邮件送达), not a copy beside a direct service
BY_ELECTRONIC = (r"(?:决定书|告知书|通知书|文书)[^。；]{0,12}(?:发送|发至|推送|传送)[^。；]{0,12}(?:邮箱|电子邮件|微信|短信)"
                 r"|以(?:电子邮件|微信|短信|电子)(?:方式)?(?:送达|接收)")
ORAL_CONSENT_ONLY = r"口头(?:表示)?同意"
SIGNED_CONSENT = r"确认书|送达地址确认|书面(?:同意|确认)|签(?:字|名)确认|确认[^。；]{0,6}签(?:字|名)"
SERVED_IN_PERSON = r"直接送达|当面送达|签收|送达回证"


@derive
def service_method(ctx):
    """How each notice and decision reached the party (v1.1 ``method``), against 第六十一条 and 民事诉讼法."""
    for i, step in ctx.indexed_steps:
        # v1 has no ``method``: its notes may say the paper was e-mailed on consent given only by telephone (第六十一条第二款
        # asks for the party's consent and a signed confirmation)
        if (step.kind in SERVED_STEPS and step.method is None and step.notes and ctx.matches(BY_ELECTRONIC, step.notes)
                and ctx.matches(ORAL_CONSENT_ONLY, step.notes) and not ctx.matches(SIGNED_CONSENT, step.notes)
                and not ctx.matches(SERVED_IN_PERSON, step.notes)):
            yield {"kind": "service_defect", "where": f"/steps/{i}/notes", "what": STEP_LABELS[step.kind],
                   "why": "以电子方式送达，当事人只是口头同意，未签订确认书", "law": "《中华人民共和国行政处罚法》第六十一条第二款"}
    steps = [(i, s) for i, s in ctx.indexed_steps if s.kind in SERVED_STEPS and s.method]
    for i, step in steps:
        where, what = f"/steps/{i}/method", STEP_LABELS[step.kind]
        if step.method == "posting":
            yield {"kind": "service_defect", "where": where, "what": what,
                   "why": "以张贴方式送达，张贴不是法定送达方式（公告送达须受送达人下落不明或者以其他方式无法送达）",
                   "law": "《中华人民共和国民事诉讼法》第九十五条"}
        elif step.method == "electronic" and step.consented is False:
            yield {"kind": "service_defect", "where": f"/steps/{i}/consented", "what": what,
                   "why": "采用电子方式送达，但当事人未同意并签订确认书", "law": "《中华人民共和国行政处罚法》第六十一条第二款"}
        elif step.method == "electronic" and step.consented is None:
            yield {"kind": "manual", "where": f"/steps/{i}/consented",
                   "what": f"{what}采用电子方式送达，案卷未载明当事人是否同意并签订确认书（第六十一条第二款）"}
        elif step.method == "left" and not step.witnesses and step.av_recorded is not True:
            yield {"kind": "service_defect", "where": f"/steps/{i}/witnesses", "what": what,
                   "why": "留置送达既无见证人签名，也未以拍照、录像等方式记录送达过程",
                   "law": "《中华人民共和国民事诉讼法》第八十九条"}
        elif step.method == "public_notice" and not _attempted_before(ctx, i, step):
            yield {"kind": "service_defect", "where": where, "what": what,
                   "why": "公告送达，但案卷未记明受送达人下落不明或者以其他方式无法送达的原因和经过",
                   "law": "《中华人民共和国民事诉讼法》第九十五条"}


def _attempted_before(ctx, i, step) -> bool:
    """A failed attempt before the public notice, or the reason written on the notice itself (第九十五条第二款)."""
    if _says(ctx, step, UNREACHABLE):
        return True
    return any(j != i and s.kind in SERVED_STEPS and s.method not in (None, "public_notice", "posting")
               and (s.date is None or step.date is None or s.date <= step.date) and _says(ctx, s, UNREACHABLE)
               for j, s in ctx.indexed_steps)


# 第五十七条第二款: 行政机关负责人 — the organ's head and deputies (and members of its leading group), not the heads of
# its internal units (科、股、处、室、队、所、站) or of a delegated organization.
HEAD_TITLE = re.compile(r"(副)?(局长|厅长|主任|市长|县长|区长|镇长|乡长|书记|政委|署长|部长|"
                        r"总工程师|总经济师|总师|纪检组长|纪检监察组长|党组成员)$")
INTERNAL_TITLE = re.compile(r"(科|股|处|室|队|所|站|组|中心)(副)?(长|主任)$|科员|队员|干部|职员")
UNIT_BEFORE = re.compile(r"(科|股|处|室|大队|中队|支队|分队|总队|所|站|中心|组|部门|办公室|支部)(副)?$")
TITLE_PARTS = re.compile(r"[、,，/；;\s]+|兼")


def _is_organ_head(title: str, delegated_org: str | None) -> bool | None:
    """True / False, or None when the title says nothing either way."""
    verdicts = []
    for part in filter(None, TITLE_PARTS.split(title)):
        if delegated_org and part.startswith(delegated_org):
            verdicts.append(False)
            continue
        if INTERNAL_TITLE.search(part):
            verdicts.append(False)
            continue
        m = HEAD_TITLE.search(part)
        if m is None:
            verdicts.append(None)
            continue
        before = part[:m.start()]
        verdicts.append(not UNIT_BEFORE.search(before))
    if True in verdicts:
        return True
    return False if verdicts and all(v is False for v in verdicts) else None


@derive
def discussion_participants(ctx):
    """第五十七条第二款 is for the deciding organ's heads (v1.1 ``participants``)."""
    agency = ctx.package.agency
    delegated_org = agency.name if agency and agency.acts_as == "delegated" and agency.name else None
    for i, step in ctx.steps_of("collective_discussion"):
        people = [p for p in step.participants or () if p.name or p.title]
        if not people:
            continue
        verdicts = [_is_organ_head(p.title, delegated_org) if p.title else None for p in people]
        if True in verdicts:
            continue
        if all(v is False for v in verdicts):
            who = "受委托组织或内设机构的负责人" if delegated_org else "内设机构负责人或其他工作人员"
            yield {"kind": "discussion_not_heads", "where": f"/steps/{i}/participants", "who": who,
                   "names": "、".join(f"{p.name or ''}（{p.title}）" for p in people if p.title)}
        else:
            yield {"kind": "manual", "where": f"/steps/{i}/participants",
                   "what": "集体讨论参加人员的职务未载明或无法判断是否为行政机关负责人"}


SEIZURE_DAYS = 30  # 行政强制法第二十五条第一款: thirty days, extended once by at most thirty (calendar days: 第六十九条)
SEIZURE_TEST_REASONS = {"检验", "检测", "鉴定", "其他"}  # 第二十五条第三款: 检测、检验、检疫、技术鉴定 not counted


# an extension (延期批准) of the seizure, not of the case's period
SEIZURE_WORDS = r"查封|扣押|强制措施"
CASE_PERIOD_WORDS = r"办案期限|案件办理期限|办理期限|作出.{0,4}决定的期限"


@derive
def seizure_period(ctx):
    # v1 has no code for the release: a seizure step whose notes say it lifts the seizure (经批准解除查封) is the end of the
    # seizures before it, not a seizure of its own
    releases = [s.date for _, s in ctx.steps_of("seizure") if s.date and _released(s.notes)]
    for i, step in ctx.steps_of("seizure"):
        if step.date is None or _released(step.notes):
            continue
        later = [s.date for _, s in ctx.steps_of("decision") if s.date and s.date >= step.date]
        lifted = [d for d in releases if d >= step.date]
        end = step.released_on or (min(lifted) if lifted else None) or (min(later) if later else None)
        if end is None:
            end = ctx.as_of
            known_end = False
        else:
            known_end = True
        excluded = (step.excluded_days or 0) + _excluded_days(ctx, step.date, end, SEIZURE_TEST_REASONS, steps=False)
        days = (end - step.date).days - excluded
        deadline = step.date + timedelta(days=SEIZURE_DAYS + excluded)
        # v1.1 seizure_extension, or v1's one extension kind (延期批准) when it says it extends the seizure
        extensions = [s for _, s in ctx.steps_of("seizure_extension")] + [
            s for _, s in ctx.steps_of("extension") if _seizure_only(ctx, s)]
        extended = [s for s in extensions if s.date and step.date <= s.date <= deadline and s.approved is not False]
        extended = extended or _extended_as_written(ctx, step, deadline)
        limit = SEIZURE_DAYS * (2 if extended else 1)
        if days <= limit:
            continue
        facts = {"where": f"/steps/{i}", "date": step.date.isoformat(), "end": end.isoformat(), "days": days,
                 "limit": to_cn(limit), "excluded_note": f"（已扣除检测、检验、鉴定等{excluded}日）" if excluded else "",
                 "extension": "经批准延长后" if extended else "未经批准延长"}
        if known_end:
            yield {"kind": "seizure_overdue", **facts}
        else:
            yield {"kind": "manual", "where": f"/steps/{i}/released_on",
                   "what": f"{step.date.isoformat()}查封扣押，至{end.isoformat()}已{days}日、超过{to_cn(limit)}日，"
                           "案卷未载明是否已解除或依法延长"}


# 解除查封、解除扣押、解封: the step lifts a seizure (not 不予解除, 未解除)
RELEASED = re.compile(r"(?<![不未没予])(?:予以)?解除(?:查封|扣押|查封扣押|查封、扣押)|(?<![不未没])解封")
# a release asked for (当事人申请解除查封) or refused (不予批准，继续查封) is no release
RELEASE_SOUGHT = re.compile(r"(?:申请|要求|请求|提出)\s*$")
RELEASE_REFUSED = re.compile(r"不予(?:批准|准许|同意|解除)|不批准|未予批准|未批准|驳回|继续(?:查封|扣押)")
# 不再继续查封, 无需继续查封, 无继续扣押的必要 after a release: the release said again, not a refusal
_CONTINUATION_DENIED = re.compile(r"(?:不|无|没有|不必|不需|无需|无须)[^，,。；;]{0,4}$")


def _released(notes) -> bool:
    """The step's notes say the seizure was lifted: not a release the party asked for (申请解除查封), nor one the sentence
    refuses or limits (不予批准，继续查封; 其余继续扣押)."""
    if not notes:
        return False
    for m in RELEASED.finditer(notes):
        # to the end of its sentence, at most 200 characters on (a sentence of thousands of releases was quadratic)
        stop = notes.find("。", m.end(), m.end() + 200)
        end = stop if stop >= 0 else min(len(notes), m.end() + 200)
        refused = [r for r in RELEASE_REFUSED.finditer(notes, m.end(), end)
                   if not (r.group().startswith("继续") and _CONTINUATION_DENIED.search(notes, max(m.end(), r.start() - 6), r.start()))]
        if RELEASE_SOUGHT.search(notes, max(0, m.start() - 4), m.start()) or refused:
            continue
        return True
    return False


# the seizure step itself records the extension (2020-09-16经批准延长三十日; its paper: 扣押决定书及延长期限通知书)
EXTENDED_AS_WRITTEN = re.compile(r"(?<![未不没])经[^。；，,]{0,8}批准[^。；，,]{0,4}延长|延长(?:扣押|查封)?期限通知书|延期通知书")
_WRITTEN_DAY = re.compile(r"(\d{4})[-年](\d{1,2})[-月](\d{1,2})日?[^。；，,]{0,4}$")


def _extended_as_written(ctx, step, deadline) -> bool:
    """The seizure's own step or paper says it was extended with approval (行政强制法第二十五条第一款), on a day within
    the first thirty days where the day is written."""
    docs = {d.id: d.title or "" for d in ctx.package.documents or () if d.id}
    for text in (step.notes or "", docs.get(step.document or "", "")):
        m = EXTENDED_AS_WRITTEN.search(text)
        if not m:
            continue
        day = _WRITTEN_DAY.search(text, max(0, m.start() - 16), m.start())
        if day:
            try:
                return step.date <= date(int(day[1]), int(day[2]), int(day[3])) <= deadline
            except ValueError:
                return False
        return True
    return False


@rule("PRO-005", on="simple_beyond", severity="major",
      title="超出简易程序的适用范围",
      basis="《中华人民共和国行政处罚法》第五十一条",
      provision="违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的，可以当场作出行政处罚决定。法律另有规定的，从其规定。",
      message="简易程序案件拟作出{what}，超出当场处罚的范围",
      suggestion="改按普通程序办理（立案、调查、告知、审核、决定）；如有法律特别规定允许当场作出，请注明依据",
      teaching="简易程序只适用于警告和小额罚款：公民（含个体工商户）二百元以下，法人或其他组织三千元以下（2021年修订前为五十元、一千元）。超出的必须走普通程序。")
def simple_beyond(m):
    return None


@rule("PRO-001", on="period", severity="major",
      title="超过办案期限且无延期批准",
      basis="《中华人民共和国行政处罚法》第六十条",
      provision="行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章另有规定的，从其规定（如治安管理处罚法第九十九条：三十日，经批准可延长三十日，鉴定期间不计入）。",
      message="{filing}立案，至{end_label}（{end}）已{days}日{excluded_note}，超过{limit_cn}日期限（{period_basis}；应于{deadline}（含）前作出决定），且期限届满前未见延期批准",
      suggestion="核实是否有依法批准的延期（附延期审批表及其依据）；无延期依据的，应说明超期原因并报告",
      teaching="九十日是自然日，从立案次日起算；部门规章可以规定延期（如市场监管、生态环境），但须有负责人批准的书面记录。决定日期以决定书载明的日期为准。")
def overdue(m):
    return (m.days > m.limit) & (m.extended == False)  # noqa: E712


@rule("PRO-002", on="notice_before_decision", severity="blocking",
      title="作出处罚决定前未履行告知程序",
      basis="《中华人民共和国行政处罚法》第四十四条、第六十二条",
      provision="作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、理由、依据，并告知陈述、申辩、要求听证等权利；未告知的，不得作出行政处罚决定。",
      message="{decision}作出决定，但此前未见事先告知环节",
      suggestion="补正告知程序：撤回决定后依法告知并听取陈述申辩，再重新作出决定",
      teaching="告知是当事人行使陈述、申辩、听证权利的前提。未告知即决定的，依第六十二条不得作出决定，属于严重程序违法。")
def no_notice(m):
    return m.notified == False  # noqa: E712


@rule("PRO-003", on="notice_pending", severity="hint",
      title="送审时尚未履行事先告知",
      basis="《中华人民共和国行政处罚法》第四十四条",
      provision="行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知其依法享有的权利。",
      message="案卷中未见事先告知环节；作出决定前须依法告知并听取陈述、申辩",
      suggestion="审核通过后、作出决定前制作并送达行政处罚事先告知书",
      teaching="各地法制审核与告知的先后顺序不一，但决定之前必须告知。送审时未告知的，审核意见应提示告知后再决定。")
def notice_pending(m):
    return None


@rule("PRO-004", on="service", severity="minor",
      title="处罚决定书未在七个工作日内送达",
      basis="《中华人民共和国行政处罚法》第六十一条第一款",
      provision="行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，应当在七日内送达（第八十五条：七日指工作日，不含法定节假日）。",
      message="{decision}作出决定，{served}才送达，已过第七个工作日（{deadline}）",
      suggestion="说明逾期送达的原因；今后在决定后七个工作日内依民事诉讼法的规定送达",
      teaching="“七日”是工作日，遇法定节假日顺延、调休上班日照算。逾期送达不影响决定效力，但属于程序瑕疵，是案卷评查的扣分项。")
def served_late(m):
    return m.workdays > 7


@rule("PRO-006", on="no_hearing_notice", severity="major", remedy="supplement",
      title="应当告知听证权利而未告知",
      basis="《中华人民共和国行政处罚法》第六十三条第一款",
      provision="行政机关拟作出较大数额罚款、没收较大数额违法所得或较大价值非法财物、降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业等处罚，应当告知当事人有要求听证的权利。",
      message="拟作出的处罚属于听证范围：{why}，案卷中未见听证告知",
      suggestion="制作并送达听证告知书，当事人在告知后五个工作日内可以要求听证",
      teaching="“较大数额”由各地、各部门规定，吊销、停产停业等处罚无论数额均应告知听证权利。")
def no_hearing_notice(m):
    return None


@rule("PRO-007", on="hearing_not_held", severity="major", remedy="supplement",
      title="当事人依法要求听证而未组织听证",
      basis="《中华人民共和国行政处罚法》第六十三条第一款",
      provision="当事人要求听证的，行政机关应当组织听证；当事人应当在告知后五日内提出（第六十四条第（一）项，五日为工作日）。",
      message="当事人于{requested}在法定期限内要求听证，案卷中未见听证",
      suggestion="依法组织听证，并依听证笔录作出决定（第六十五条）",
      teaching="当事人在告知后五个工作日内提出听证要求的，行政机关必须组织听证；逾期提出的，可以不予组织。")
def hearing_not_held(m):
    return None


@rule("PRO-008", on="hearing_short_notice", severity="minor", remedy="supplement",
      title="听证通知不足七个工作日",
      basis="《中华人民共和国行政处罚法》第六十四条第（二）项",
      provision="行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点（第八十五条：七日指工作日）。",
      message="{noticed}通知听证，{held}举行，相隔仅{workdays}个工作日",
      suggestion="重新确定听证日期，保证通知日与听证日之间有七个工作日",
      teaching="“七日前”按工作日计算，遇法定节假日顺延、调休上班日照算。")
def hearing_short_notice(m):
    return None


@rule("PRO-009", on="out_of_order", severity="major", remedy="supplement",
      title="程序环节顺序错误",
      basis="《中华人民共和国行政处罚法》第五十四条第二款",
      provision="符合立案标准的，行政机关应当及时立案（第五十四条第二款）；调查终结后审查决定（第五十七条），决定前告知（第四十四条）、听证（第六十五条）、集体讨论（第五十七条第二款）、法制审核（第五十八条）。",
      message="{what}（{earlier}{a}，{later}{b}；《行政处罚法》{pair_basis}）",
      suggestion="核对各环节日期；确属倒签或补办的，应当纠正并说明原因",
      teaching="“先查后立”“先决定后告知”“调查终结与告知顺序颠倒”都是评查常见问题；环节日期应当真实反映执法过程。")
def out_of_order(m):
    return None


@rule("PRO-015", on="inquiry_before_filing", severity="hint",
      title="立案前已询问当事人",
      basis="《中华人民共和国行政处罚法》第五十四条第二款",
      provision="符合立案标准的，行政机关应当及时立案。",
      message="立案日期为{a}，询问日期为{b}，询问早于立案，请核对是否属于立案前的核查",
      suggestion="立案前的核查可以询问；如调查取证在立案前已基本完成，应说明未及时立案的原因",
      teaching="“先查后立”是评查常见问题，但立案前为判断是否符合立案标准进行的核查（检查、询问、抽样）是允许的；要看的是发现线索后是否在规定期限内立案、主要调查是否在立案之后。")
def inquiry_before_filing(m):
    return None


@rule("PRO-010", on="statement_after", severity="major", remedy="supplement",
      title="作出决定后才听取陈述申辩",
      basis="《中华人民共和国行政处罚法》第四十五条第一款",
      provision="当事人有权进行陈述和申辩。行政机关必须充分听取当事人的意见，对当事人提出的事实、理由和证据，应当进行复核。",
      message="{decision}作出决定，当事人的陈述申辩记录日期为{statement}",
      suggestion="撤回决定，听取并复核当事人的陈述申辩后重新决定",
      teaching="陈述申辩必须在决定之前听取并复核；决定后才记录的陈述申辩不能补正程序。")
def statement_after(m):
    return None


@rule("PRO-011", on="discussion_missing", severity="major", remedy="supplement",
      title="重大违法行为未经集体讨论",
      basis="《中华人民共和国行政处罚法》第五十七条第二款",
      provision="对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。",
      message="案件情节认定为特别严重，或情节较重且拟吊销、停产停业等（重大违法行为），已作出处罚决定，但案卷中未见负责人集体讨论",
      suggestion="补充集体讨论记录；确未讨论的，应当纠正",
      teaching="重大违法行为、情节复杂的案件须由负责人集体讨论决定，并形成讨论记录（参加人员、意见、结论、签名）。")
def discussion_missing(m):
    return None


@rule("PRO-012", on="discussion_pending", severity="hint",
      title="情节较重的案件，核对是否须集体讨论",
      basis="《中华人民共和国行政处罚法》第五十七条第二款",
      provision="对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。",
      message="案件情节认定为较重或者严重，请按本机关对“情节复杂或者重大违法行为”的规定核对作出决定前是否须由负责人集体讨论",
      suggestion="属于情节复杂或者重大违法行为的，提交负责人集体讨论并形成讨论记录",
      teaching="集体讨论在法制审核之后、作出决定之前进行。")
def discussion_pending(m):
    return None


@rule("PRO-013", on="review_missing", severity="blocking",
      title="重大执法决定未经法制审核即作出",
      basis="《中华人民共和国行政处罚法》第五十八条第一款",
      provision="有第五十八条第一款所列情形之一的，在行政机关负责人作出行政处罚决定之前，应当由从事行政处罚决定法制审核的人员进行法制审核；未经法制审核或者审核未通过的，不得作出决定。",
      message="本案属于重大执法决定（{why}），决定前未见法制审核",
      suggestion="撤回决定，经法制审核通过后重新作出",
      teaching="法制审核是重大执法决定的前置程序：未经审核或审核未通过，不得作出决定。是否重大，按第五十八条和本机关目录清单判断。")
def review_missing(m):
    return None


@rule("PRO-014", on="preservation_late", severity="major",
      title="先行登记保存未在七个工作日内处理",
      basis="《中华人民共和国行政处罚法》第五十六条",
      provision="经行政机关负责人批准，可以先行登记保存，并应当在七日内及时作出处理决定（第八十五条：七日指工作日）。",
      message="{date}先行登记保存，{handled}才作出处理决定（第{workdays}个工作日，应于{deadline}前）",
      suggestion="说明逾期原因；今后在七个工作日内作出处理决定",
      teaching="先行登记保存期间当事人不得处分证据，期限是七个工作日，逾期未处理的应当解除。")
def preservation_late(m):
    return None


@rule("PRO-016", on="decided_in_request_period", severity="major", remedy="supplement",
      title="听证申请期限届满前即作出决定",
      basis="《中华人民共和国行政处罚法》第六十四条第（一）项、第八十五条",
      provision="当事人要求听证的，应当在行政机关告知后五日内提出（第八十五条：五日指工作日，不含法定节假日）。",
      message="{notified}告知听证权利，当事人可在{last_day}（含）前要求听证，但{decision}即作出决定，当事人未放弃听证",
      suggestion="撤回决定；听证申请期限届满且当事人未要求听证（或书面放弃）后，再作出决定",
      teaching="告知听证权利后，要等五个工作日的申请期满——或者当事人明确放弃——才能作出决定；期间内作出决定，等于剥夺了当事人要求听证的权利。")
def decided_in_request_period(m):
    return None


@rule("PRO-021", on="decided_in_statement_period", severity="major", remedy="supplement",
      title="陈述申辩期限届满前即作出决定",
      basis="《中华人民共和国行政处罚法》第四十五条第一款、第六十二条、第八十五条",
      provision="当事人有权进行陈述和申辩。行政机关必须充分听取当事人的意见（第四十五条第一款）；拒绝听取当事人的陈述、申辩的，不得作出行政处罚决定（第六十二条）。2021年7月15日前为第三十二条、第四十一条。",
      message="{notified}事先告知当事人“{period}”（至{last_day}），当事人未陈述申辩也未放弃，{decision}即作出决定",
      suggestion="撤回决定；告知书给予的陈述申辩期限届满（或当事人明确放弃、已经陈述申辩）后，复核其意见再作出决定",
      teaching="告知书给了当事人多少天陈述申辩，就要等这些天过完：期内作出决定，当事人还没来得及说，就是没有听取陈述申辩。二日、三日、五日、七日是工作日（第八十五条）。")
def decided_in_statement_period(m):
    return None


@rule("PRO-023", on="enforcement_too_early", severity="major",
      title="起诉期限届满前即申请人民法院强制执行",
      basis="《中华人民共和国行政强制法》第五十三条；《中华人民共和国行政诉讼法》第四十六条第一款",
      provision="当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的，没有行政强制执行权的行政机关可以自期限届满之日起三个月内，依照本章规定申请人民法院强制执行（行政强制法第五十三条）。公民、法人或者其他组织直接向人民法院提起诉讼的，应当自知道或者应当知道作出行政行为之日起六个月内提出。法律另有规定的除外（行政诉讼法第四十六条第一款）。",
      message="决定书于{known}送达，当事人{period}至{runs_to}才届满，{applied}即申请人民法院强制执行",
      suggestion="法定期限届满且当事人未申请复议、未起诉又不履行的，再于届满之日起三个月内申请；已申请的，撤回后依法重新申请",
      teaching="非诉执行以当事人“在法定期限内不申请行政复议或者提起行政诉讼”为前提：起诉期限（一般为知道决定之日起六个月）没有届满，当事人仍可起诉，行政机关不能申请法院强制执行。常见错误是以复议期限六十日届满为准。")
def enforcement_too_early(m):
    return None


@rule("PRO-025", on="enforcement_too_late", severity="minor",
      title="起诉期限届满三个月后才申请人民法院强制执行",
      basis="《中华人民共和国行政强制法》第五十三条；《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第一百五十六条",
      provision="没有行政强制执行权的行政机关可以自期限届满之日起三个月内，依照本章规定申请人民法院强制执行（行政强制法第五十三条）。没有强制执行权的行政机关申请人民法院强制执行其行政行为，应当自被执行人的法定起诉期限届满之日起三个月内提出。逾期申请的，除有正当理由外，人民法院不予受理（行诉法解释第一百五十六条）。",
      message="当事人{period}至{runs_to}届满，申请强制执行应在{last_day}前提出，{applied}才申请",
      suggestion="案卷写明逾期申请的正当理由；今后在起诉期限届满之日起三个月内申请",
      teaching="非诉执行的申请有期限：起诉期限届满后三个月内。逾期申请，除有正当理由外法院不予受理，罚款就可能无法执行。")
def enforcement_too_late(m):
    return None


@rule("PRO-024", on="applied_within_reminder", severity="major",
      title="催告书送达未满十日即申请人民法院强制执行",
      basis="《中华人民共和国行政强制法》第五十四条、第六十九条",
      provision="行政机关申请人民法院强制执行前，应当催告当事人履行义务。催告书送达十日后当事人仍未履行义务的，行政机关可以向所在地有管辖权的人民法院申请强制执行（第五十四条）。本法中十日以内期限的规定是指工作日，不含法定节假日（第六十九条）。",
      message="催告书于{reminded}送达，十个工作日至{ten_days}届满，{applied}即申请人民法院强制执行",
      suggestion="催告书送达满十个工作日、当事人仍未履行的，再申请强制执行；其间听取当事人的陈述申辩",
      teaching="申请法院强制执行前要先催告，并给当事人十日（工作日）履行和陈述申辩的时间；期满前申请，等于没有给当事人自动履行的机会。")
def applied_within_reminder(m):
    return None


@rule("PRO-017", on="heavier_than_notified", severity="major", remedy="supplement",
      title="决定重于事先告知的内容，未重新告知",
      basis="《中华人民共和国行政处罚法》第四十四条、第四十五条第二款、第六十二条",
      provision="作出决定之前，应当告知拟作出的行政处罚内容及事实、理由、依据；行政机关不得因当事人陈述、申辩而给予更重的处罚；未告知的，不得作出行政处罚决定。",
      message="{decided}与{notice}事先告知的处罚内容不一致：{what}，未见重新告知",
      suggestion="按拟作出的处罚重新告知并听取陈述申辩（适用听证的，重新告知听证权利）；或按原告知内容作出决定",
      teaching="告知的是“拟作出的行政处罚内容”。决定增加处罚种类或提高数额、期限，等于没有告知这部分内容，须重新告知；因当事人陈述申辩而加重处罚更是第四十五条第二款明令禁止的。")
def heavier_than_notified(m):
    return None


@rule("PRO-018", on="service_defect", severity="major", remedy="supplement",
      title="送达方式不合法",
      basis="《中华人民共和国行政处罚法》第六十一条；《中华人民共和国民事诉讼法》第八十九条、第九十五条",
      provision="当事人不在场的，依照民事诉讼法的有关规定送达；当事人同意并签订确认书的，可以采用传真、电子邮件等方式送达。民事诉讼法：留置送达须有见证人签名或者拍照、录像记录；受送达人下落不明或者以其他方式无法送达的，才公告送达，并在案卷中记明原因和经过。",
      message="{what}：{why}（{law}）",
      suggestion="依法重新送达（直接送达、邮寄送达；当事人同意并签订确认书的电子送达；拒收的留置送达须见证或录像），并附送达回证等凭证",
      teaching="送达决定法律文书生效和期限起算。张贴不是送达方式；电子送达要有当事人同意的确认书；留置要有见证人或影像记录；公告送达是最后手段，须先穷尽其他方式并记明经过。")
def service_defect(m):
    return None


@rule("PRO-019", on="discussion_not_heads", severity="major", remedy="supplement",
      title="集体讨论不是由行政机关负责人进行",
      basis="《中华人民共和国行政处罚法》第五十七条第二款",
      provision="对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。",
      message="集体讨论的参加人员均为{who}：{names}",
      suggestion="提交作出决定的行政机关（受委托的，为委托机关）负责人集体讨论，并形成讨论记录",
      teaching="“行政机关负责人”是机关的正副职领导（领导班子成员），不是科室、大队、所站等内设机构或派出机构的负责人；受委托组织以委托机关名义执法，集体讨论也应由委托机关负责人进行。")
def discussion_not_heads(m):
    return None


@rule("PRO-020", on="seizure_overdue", severity="major",
      title="查封、扣押超过法定期限",
      basis="《中华人民共和国行政强制法》第二十五条",
      provision="查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。法律、行政法规另有规定的除外。检测、检验、检疫或者技术鉴定的期间不计入。",
      message="{date}查封扣押，至{end}已{days}日{excluded_note}，{extension}超过{limit}日",
      suggestion="说明超期原因；情况复杂的须在期限届满前经负责人批准延长并书面告知当事人；法律、行政法规另有规定的，请注明依据",
      teaching="查封扣押三十日是自然日（行政强制法第六十九条只把十日以内的期限算作工作日），延长须在期满前经负责人批准、最多再延三十日；检测检验鉴定期间不计入，但应当明确并书面告知当事人。")
def seizure_overdue(m):
    return None


procedure_check = manual_rule(
    "PRO-H01",
    title="期限无法自动核对",
    basis="《中华人民共和国行政处罚法》第八十五条",
    provision="本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。",
    suggestion="人工核对该期限；办案系统随案卷提供告知、送达、处理等日期的，本工具可以自动核对",
    teaching="工作日期限要用当年国务院办公厅的节假日安排计算；案卷没有载明起止日期、或节假日目录没有该年数据时，只能人工核对。")


procedure_gap = gap_rule(
    "PRO-G01",
    title="程序信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第六十条",
    provision="行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。",
    suggestion="补充立案、调查、告知、决定等程序环节及日期",
    teaching="程序审查依赖各环节的日期和顺序；没有日期就无法判断期限与先后。")


@rule("PRO-022", on="party_not_notified", severity="major", remedy="supplement",
      title="未向被处罚的当事人事先告知",
      basis="《中华人民共和国行政处罚法》第四十四条、第六十二条",
      provision="行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利（第四十四条）。行政机关及其执法人员在作出行政处罚决定之前，未依照本法第四十四条、第四十五条的规定向当事人告知拟作出的行政处罚内容及事实、理由、依据，或者拒绝听取当事人的陈述、申辩，不得作出行政处罚决定；当事人明确放弃陈述或者申辩权利的除外（第六十二条）。",
      message="案卷的告知书和送达记录写明送达{others}，没有{party}：拟处罚的每一名当事人都应当事先告知",
      suggestion="向{party}送达行政处罚告知书（含听证权利的告知），待其陈述申辩期限届满或放弃后再作出决定；已告知的，补充告知书和送达回证",
      teaching="一案有几名当事人（广告主和广告发布者、共同违法人、单位和责任人员），告知是对每一名当事人的义务：只告知其中一人，对其他人的处罚就没有经过告知程序。审核时逐一核对每名被处罚人的告知书和送达回证。")
def party_not_notified(m):
    return None

