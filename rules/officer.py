"""执法人员资格 (officer): did at least two certified officers carry out each investigative step?

《行政处罚法》第四十二条：行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。
A certificate counts on a step's date when it is active, within its validity, and covers the case's field and
region. The roster (执法人员清单) wins; then the package's ``cert``; otherwise the officer is a gap, not a pass.
"""
from review_assistant.case.narrative_dates import done_by_another_organ
from review_assistant.case.regions import covers as region_covers
from review_assistant.engine.context import INVESTIGATIVE_STEPS, STEP_LABELS
from review_assistant.engine.rulebook import derive, gap_rule, rule

ITEM = "officer"


@derive
def steps(ctx):
    pkg = ctx.package
    if pkg.steps is None:
        yield {"kind": "gap", "where": "/steps", "what": "程序环节（steps）"}
        return
    investigative = [(i, s) for i, s in ctx.indexed_steps if s.kind in INVESTIGATIVE_STEPS]
    if not investigative:
        yield {"kind": "gap", "where": "/steps", "what": "调查取证环节（检查、询问、抽样等）的执法人员记录"}
    # the area the officer acts for is the agency's: an act outside it is a question of jurisdiction (JUR-002). Inside it,
    # the place of the act: a city bureau's officers hold certificates for the county they work in (沙河大队, 130582)
    place = ctx.agency_region or (pkg.violation and pkg.violation.place_region_code)
    act_place = pkg.violation and pkg.violation.place_region_code
    if act_place and ctx.agency_region and act_place != place and region_covers(ctx.agency_region, act_place):
        place = act_place
    needed, alone = ctx.officers_needed
    own = (pkg.agency and pkg.agency.name) or ""
    filed = ctx.first_date("filing")
    for i, step in investigative:
        label = STEP_LABELS[step.kind]
        if step.officers is None or step.date is None:
            yield {"kind": "gap", "where": f"/steps/{i}", "what": f"{label}环节的执法人员或日期"}
            continue
        valid = unknown = 0
        seen = set()
        # a step another organ did before the case came to us (移送: its notes name that organ, and it is dated before
        # our filing): its officers hold certificates for that organ's area; their validity and field still count
        before_ours = filed is not None and step.date < filed
        where_acting = None if before_ours and done_by_another_organ(step.notes, own) else place
        for j, cert_no in enumerate(step.officers):
            if cert_no in seen:
                continue  # the same certificate written twice is still one officer
            seen.add(cert_no)
            cert = ctx.certificate(cert_no)
            reason = cert.problem_on(step.date, pkg.domain, where_acting, ctx.catalogs.field_within)
            where = f"/steps/{i}/officers/{j}"
            if reason is None and cert.source == "unknown":
                unknown += 1
                yield {"kind": "gap", "where": where, "what": f"执法证{cert_no or '（空）'}的有效期与状态（执法人员清单和案卷包均未载明）"}
            elif reason is None:
                valid += 1
            else:
                yield {"kind": "invalid", "where": where, "name": cert.name or cert_no, "cert_no": cert_no,
                       "step_label": label, "date": step.date.isoformat(), "reason": reason,
                       "evidence_note": _evidence_note(ctx, cert_no, step.date,
                                                       first=ctx.first_failing_step.get(cert_no) == i)}
        yield {"kind": "step", "where": f"/steps/{i}/officers", "step_label": label,
               "date": step.date.isoformat(), "valid": valid, "unknown": unknown, "needed": needed,
               "at_most": valid + unknown, "unknown_note": f"（另有{unknown}名无法核实）" if unknown else "",
               "evidence_note": _short_evidence_note(ctx, step) if len(set(step.officers)) < needed else ""}


def _short_evidence_note(ctx, step) -> str:
    """The evidence gathered that day by this step's officers alone: the same shortfall reaches it (reported here, not
    again under 证据: CaseContext.evidence_of_short_steps)."""
    evidence = ctx.package.evidence or ()
    titles = _titles(ctx, [i for i in sorted(ctx.evidence_of_short_steps) if evidence[i].obtained_on == step.date
                           and set(evidence[i].obtained_by) <= set(step.officers)])
    return f"；当日取得的证据（{titles}）也因此只由一名执法人员取得" if titles else ""


def _evidence_note(ctx, cert_no: str, day, first: bool) -> str:
    """The evidence this officer gathered that day, and on the officer's first failing step also what they gathered on
    days no step names them: the same defect reaches it (reported here, not again under 证据)."""
    titles = _titles(ctx, ctx.gathered_on_a_step(cert_no, day))
    others = _titles(ctx, ctx.gathered_off_steps_while_failing(cert_no)) if first else ""
    note = f"；其当日参与收集的证据（{titles}）也因此由不具备执法资格的人员取得" if titles else ""
    return note + (f"；其在执法证失效期间另行参与收集的证据（{others}）同样由不具备执法资格的人员取得" if others else "")


def _titles(ctx, indexes) -> str:
    evidence = ctx.package.evidence or ()
    return "、".join(dict.fromkeys(evidence[i].title or evidence[i].id or f"第{i + 1}份证据" for i in indexes))


@derive
def roles(ctx):
    """第五十八条第二款 (the reviewer's 法律职业资格) and the separation of investigating from reviewing and presiding."""
    pkg = ctx.package
    investigators = {c for _, s in ctx.indexed_steps if s.kind in INVESTIGATIVE_STEPS for c in s.officers or ()}
    investigators |= {o.cert_no for o in pkg.officers or () if o.role == "investigator" and o.cert_no}
    for i, officer in enumerate(pkg.officers or ()):
        if officer.role != "reviewer":
            continue
        name = officer.name or officer.cert_no or "法制审核人员"
        roster = ctx.catalogs.officers.get(officer.cert_no or "")
        qualified = officer.legal_qualification
        if roster and roster.legal_qualification:
            qualified = True  # the roster (执法人员清单) records the 法律职业资格
        if qualified is None:
            yield {"kind": "gap", "where": f"/officers/{i}/legal_qualification", "what": f"法制审核人员{name}是否取得法律职业资格"}
        elif qualified is False:
            yield {"kind": "reviewer_unqualified", "where": f"/officers/{i}/legal_qualification", "name": name,
                   "first": officer.first_review is True, "first_unknown": officer.first_review is None}
        if officer.cert_no and officer.cert_no in investigators:
            yield {"kind": "conflict", "where": f"/officers/{i}", "name": name, "role": "法制审核"}
    for i, officer in enumerate(pkg.officers or ()):  # v1.1 role: the hearing host named in the officer list
        if officer.role == "hearing_host" and officer.cert_no and officer.cert_no in investigators:
            yield {"kind": "conflict", "where": f"/officers/{i}", "name": officer.name or officer.cert_no, "role": "听证主持"}
    for i, step in ctx.indexed_steps:
        if step.kind == "hearing" and step.presider and step.presider in investigators:
            cert = ctx.certificate(step.presider)
            yield {"kind": "conflict", "where": f"/steps/{i}/presider", "name": cert.name or step.presider, "role": "听证主持"}


@rule("OFF-001", on="step", severity="major", remedy="supplement",
      title="调查取证的持证执法人员不足两人",
      basis="《中华人民共和国行政处罚法》第四十二条",
      provision="行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外（如公安机关、交通警察适用简易程序的，可以由一人作出）。",
      message="{step_label}（{date}）仅有{valid}名可确认持有效执法证的执法人员{unknown_note}{evidence_note}",
      suggestion="由两名以上持有效执法证的执法人员重新调查取证，或补充参与人员的执法证信息",
      teaching="“两人执法”针对每一个调查取证环节，而不是整个案件。辅助人员、协管员、证件过期或被暂扣的人员都不计入。笔录只有一名持证人员签名的，该笔录作为证据的合法性存疑。")
def fewer_than_two(m):
    return m.at_most < m.needed


@rule("OFF-002", on="invalid", severity="major", remedy="supplement",
      title="执法人员在执法当日不具备有效执法资格",
      basis="《中华人民共和国行政处罚法》第四十二条",
      provision="行政处罚应当由具有行政执法资格的执法人员实施。",
      message="{name}（证号{cert_no}）参与{step_label}（{date}）时：{reason}{evidence_note}",
      suggestion="由持有效执法证、执法领域和区域相符的执法人员重新取证；核实执法人员清单",
      teaching="执法资格按执法行为发生之日判断：证件须处于有效期内、状态正常，且执法领域、区域与案件相符。清单（执法证管理系统）优先于办案系统自填信息。")
def invalid_certificate(m):
    return None


@rule("OFF-003", on="reviewer_unqualified", severity="major", remedy="supplement",
      title="初次从事法制审核的人员未取得法律职业资格",
      basis="《中华人民共和国行政处罚法》第五十八条第二款",
      provision="行政机关中初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格。",
      message="法制审核人员{name}系初次从事法制审核，未取得法律职业资格",
      suggestion="由取得法律职业资格的人员进行法制审核",
      teaching="第五十八条第二款只约束“初次从事”法制审核的人员；2021年修订前已从事审核的人员不受此限。")
def reviewer_unqualified(m):
    return m.first == True  # noqa: E712


@rule("OFF-004", on="reviewer_unqualified", severity="hint",
      title="法制审核人员未取得法律职业资格，需核实是否初次审核",
      basis="《中华人民共和国行政处罚法》第五十八条第二款",
      provision="行政机关中初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格。",
      message="法制审核人员{name}未取得法律职业资格，案卷未载明其是否初次从事法制审核",
      suggestion="核实并载明该审核人员开始从事法制审核的时间；初次从事的，应更换为具有法律职业资格的人员",
      teaching="是否“初次从事”决定了是否需要法律职业资格，审核记录应载明。")
def reviewer_first_unknown(m):
    return m.first_unknown == True  # noqa: E712


@rule("OFF-005", on="conflict", severity="major", remedy="supplement",
      title="调查人员同时担任法制审核人员或听证主持人",
      basis="《中华人民共和国行政处罚法》第六十四条第（四）项",
      provision="听证由行政机关指定的非本案调查人员主持（第六十四条第（四）项）；执法人员与案件有其他关系可能影响公正执法的，应当回避（第四十三条第一款）。",
      message="{name}参与了本案调查，又担任{role}人员",
      suggestion="由未参与本案调查的人员担任{role}人员",
      teaching="调查、审核、听证主持相互分离，是程序公正的基本要求：调查人员不能审查自己的调查结论。")
def conflict(m):
    return None


officer_gap = gap_rule(
    "OFF-G01",
    title="执法人员资格信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第四十二条",
    provision="行政处罚应当由具有行政执法资格的执法人员实施。",
    suggestion="补充执法人员名单、执法证号及证件信息，或在执法人员清单中登记",
    teaching="查不到证件信息时应作为“材料不足”提出，不能默认执法人员持证。")
