"""执法程序 (procedure): were the statutory steps taken, in order and in time?

《行政处罚法》第六十条：行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定（法律、法规、规章另有规定的，
从其规定）。第四十四条：作出决定之前，应当告知拟作出的行政处罚内容及事实、理由、依据和陈述、申辩、听证等权利；
第六十二条：未告知的，不得作出行政处罚决定。
第六十一条第一款：决定书宣告后当场交付；当事人不在场的，七日内送达——第八十五条：“七日”指工作日，不含法定节假日。
"""
from datetime import timedelta

from review_assistant.context import PENALTY_LABELS, STEP_LABELS
from review_assistant.fines import yuan
from review_assistant.rulebook import derive, gap_rule, rule

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
        yield {"kind": "gap", "where": "/steps", "what": "立案日期（filing 环节），无法计算九十日办案期限"}
        return
    end, end_label = (ctx.decision_date, "作出决定") if ctx.decision_date else (ctx.as_of, "审查基准日")
    deadline = ctx.filing_date + timedelta(days=DECISION_PERIOD_DAYS)
    # an extension cures the delay only if it was approved before the period ran out
    extended = any(s.date and s.date <= deadline for _, s in ctx.steps_of("extension"))
    yield {"kind": "period", "where": "/steps", "filing": ctx.filing_date.isoformat(), "end": end.isoformat(),
           "end_label": end_label, "deadline": deadline.isoformat(), "days": (end - ctx.filing_date).days,
           "extended": extended}


@derive
def prior_notice(ctx):
    if ctx.package.steps is None:
        return
    notices = [s.date for _, s in ctx.steps_of("prior_notice") if s.date]
    if len(notices) < len(ctx.steps_of("prior_notice")):
        return  # an undated notice: the gap is reported above, the order cannot be judged
    if ctx.decision_date:
        notified = any(d <= ctx.decision_date for d in notices)
        yield {"kind": "notice_before_decision", "where": "/steps", "notified": notified,
               "decision": ctx.decision_date.isoformat()}
    elif ctx.stage == "pre_decision" and not notices and ctx.package.procedure != "simple":
        yield {"kind": "notice_pending", "where": "/steps"}


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
    if not (ctx.calendar.covers(decided) and ctx.calendar.covers(first)):
        yield {"kind": "gap", "where": "/steps", "what": f"{decided.year}年的法定节假日安排（节假日目录未收录），无法计算工作日"}
        return
    yield {"kind": "service", "where": "/steps", "decision": decided.isoformat(), "served": first.isoformat(),
           "deadline": ctx.calendar.add_workdays(decided, 7).isoformat(),
           "workdays": ctx.calendar.workdays_between(decided, first)}


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
      title="超过九十日办案期限且无延期批准",
      basis="《中华人民共和国行政处罚法》第六十条",
      provision="行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章另有规定的，从其规定。",
      message="{filing}立案，至{end_label}（{end}）已{days}日，超过九十日期限（应于{deadline}（含）前作出决定），且期限届满前未见延期批准",
      suggestion="核实是否有依法批准的延期（附延期审批表及其依据）；无延期依据的，应说明超期原因并报告",
      teaching="九十日是自然日，从立案次日起算；部门规章可以规定延期（如市场监管、生态环境），但须有负责人批准的书面记录。决定日期以决定书载明的日期为准。")
def overdue(m):
    return (m.days > DECISION_PERIOD_DAYS) & (m.extended == False)  # noqa: E712


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


procedure_gap = gap_rule(
    "PRO-G01",
    title="程序信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第六十条",
    provision="行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。",
    suggestion="补充立案、调查、告知、决定等程序环节及日期",
    teaching="程序审查依赖各环节的日期和顺序；没有日期就无法判断期限与先后。")
