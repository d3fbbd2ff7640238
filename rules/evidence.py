"""证据 (evidence): is each element the decision rests on proved by at least one piece of evidence?

《行政处罚法》第四十条：违法事实不清、证据不足的，不得给予行政处罚。
第四十六条：证据包括书证、物证、视听资料、电子数据、证人证言、当事人的陈述、鉴定意见、勘验笔录和现场笔录；
证据必须经查证属实，方可作为认定案件事实的根据。
"""
import re

from review_assistant.law.fines import UNLESS_CORRECTED, FineRange
from review_assistant.case.labels import NOT_GATHERED
from review_assistant.engine.context import HEAVY_TYPES, INVESTIGATIVE_STEPS
from review_assistant.engine.rulebook import derive, gap_rule, rule

ITEM = "evidence"

ELEMENTS = {"identity": "当事人身份", "act": "违法行为", "amount": "金额（罚款或没收以其为基数）",
            "harm": "危害后果", "circumstance": "情节"}
RECORDS = {"inspection_record": "现场笔录", "party_statement": "询问笔录"}


HARM_BRANCH = re.compile(r"后果|事故|损失|危害|伤亡|死亡|扩散")  # a penalty branch that turns on the consequences


def needed(ctx) -> list[str]:
    """Elements the decision rests on: identity and act always; the others only when the decision turns on them.
    危害后果 is not an element of most violations: it needs proof when the applied penalty branch turns on it
    (造成严重后果的), or a claimed ground does — 不予处罚 (第三十三条第一款), a 从轻/减轻 or 从重 ground that rests on
    harm (catalog factors ``turns_on``), 情节严重 argued from serious harm. The amount needs proof when a fine is computed
    from it (a multiple) or a confiscation is valued by it."""
    v = ctx.package.violation
    decision = ctx.package.proposed_decision
    out = ["identity", "act"]
    computed = False
    for _, r in ctx.resolved_citations("penalty"):
        if r.provision:
            rng = ctx.fine_range(r.provision, r.law.id if r.law else None)
            computed = computed or bool(isinstance(rng, FineRange) and rng.computed_from)
    confiscates = any(p.type in ("confiscate_income", "confiscate_property") and p.amount for _, p in ctx.penalties)
    if computed or confiscates:
        out.append("amount")
    if v and _harm_is_a_ground(ctx, v, decision):
        out.append("harm")
    if v and v.circumstance in ("serious", "especially_serious") and _rests_on_circumstance(ctx):
        out.append("circumstance")
    return out




def _rests_on_circumstance(ctx) -> bool:
    """A 情节严重 finding needs proof when the penalty rests on it: a branch of the cited provision that only a serious
    circumstance opens, a heavier type of penalty, or a published baseline graded by 情节."""
    if any(p.type in HEAVY_TYPES and not ctx.imposed_for_the_act(p.type) and not _rests_on_uncorrected(ctx, p.type)
           for _, p in ctx.penalties):
        return True
    for _, r in ctx.resolved_citations("penalty"):
        if r.provision and any(b.circumstance and "ordinary" not in b.circumstance for b in r.provision.fines):
            return True
        if r.law and any(
                e.law_id == r.law.id for _, e in ctx.catalogs.discretion_by_article.get(r.citation.article, ())):
            return True
    return False


def _rests_on_uncorrected(ctx, kind: str) -> bool:
    """A heavier type the cited provision gives to an act not corrected by the deadline (安全生产法第九十七条: 逾期未改正的，
    责令停产停业整顿), in a file that finds it not corrected: it rests on that finding (proved by the 复查), not on 情节."""
    v = ctx.package.violation
    if not v or v.corrected_promptly is not False:
        return False
    return any(r.provision and kind in r.provision.penalties and (
        UNLESS_CORRECTED.search(r.provision.summary or "")
        or any(b.condition and UNLESS_CORRECTED.search(b.condition) for b in r.provision.fines))
        for _, r in ctx.resolved_citations("penalty"))


def _below_minimum(ctx) -> bool:
    fines = [p.amount for _, p in ctx.penalties if p.type == "fine" and p.amount is not None]
    lows = [rng.low for _, r in ctx.resolved_citations("penalty") if r.provision
            for rng in [ctx.fine_range(r.provision, r.law.id if r.law else None)] if isinstance(rng, FineRange)]
    return bool(fines and lows and min(fines) < min(lows))


def _harm_is_a_ground(ctx, v, decision) -> bool:
    # 第三十三条第一款 rests a 不予处罚 on the harm (没有造成危害后果、危害后果轻微); 第二款 (无主观过错) does not: where the
    # file finds no fault proven, the harm is no ground of the outcome and needs no proof of its own
    if decision and decision.outcome == "no_penalty" and v.harm in ("none", "minor") and not v.no_fault_proven:
        return True
    factors = ctx.catalogs.factors
    # an aggravating ground that rests on harm always; a mitigating one when it takes the fine below the statutory
    # minimum (减轻) — 从轻 within the range in the party's favour does not send the file back for proof
    if any("harm" in factors[c].turns_on for c in v.aggravating or () if c in factors):
        return True
    if any("harm" in factors[c].turns_on for c in v.mitigating or () if c in factors) and _below_minimum(ctx):
        return True
    if v.harm != "serious":
        return False
    if v.circumstance in ("serious", "especially_serious"):
        # 情节严重 argued from the serious harm — unless the file proves the circumstances otherwise (repeated offences)
        return not any("circumstance" in (e.proves or ()) for e in ctx.package.evidence or ())
    return any(b.condition and HARM_BRANCH.search(b.condition)
               for _, r in ctx.resolved_citations("penalty") if r.provision for b in r.provision.fines)


@derive
def elements(ctx):
    pkg = ctx.package
    if pkg.evidence is None:
        yield {"kind": "gap", "where": "/evidence", "what": "证据目录（evidence）"}
        return
    v = pkg.violation
    for element in needed(ctx):
        # no or minor consequences (the ground of 不予处罚 or 从轻) are told with the 情节: evidence of the circumstances
        # shows them; serious ones need proof of their own
        also = ("circumstance",) if element == "harm" and v and v.harm in ("none", "minor") else ()
        proofs = [e for e in pkg.evidence if element in (e.proves or ()) or any(a in (e.proves or ()) for a in also)]
        yield {"kind": "element", "where": "/evidence", "element": element, "label": ELEMENTS[element],
               "proved": bool(proofs),
               "only_statement": bool(proofs) and all(e.type == "party_statement" for e in proofs)}




@derive
def each_piece(ctx):
    """Each piece of evidence: obtained before the decision, by two certified officers, signed where it must be."""
    pkg = ctx.package
    decided = ctx.decision_date
    for i, e in enumerate(pkg.evidence or ()):
        label = e.title or e.id or f"第{i + 1}份证据"
        where = f"/evidence/{i}"
        if decided and e.obtained_on and e.obtained_on > decided and not _public_document(ctx, e) \
                and not _follow_up(ctx, e, decided) and not _record_of_execution(ctx, e):
            yield {"kind": "after_decision", "where": f"{where}/obtained_on", "title": label,
                   "obtained": e.obtained_on.isoformat(), "decision": decided.isoformat()}
        if e.obtained_by is not None and e.type not in ("expert_opinion",):
            officers = list(dict.fromkeys(e.obtained_by))
            # two officers investigate (第四十二条、第五十五条); a hearing's record is kept by its presider, and the party's
            # own written statement is handed in, not gathered
            gathered = not (e.title and ctx.matches(NOT_GATHERED, e.title))
            gathered = gathered and not _accident_team_material(ctx, e)
            if gathered and len(officers) < ctx.officers_needed[0] and i not in ctx.evidence_of_short_steps:
                # one officer where a rule allows it (公安 简易程序); a step of that day short of officers is OFF-001's
                yield {"kind": "too_few", "where": f"{where}/obtained_by", "title": label, "count": len(officers)}
            if e.obtained_on:
                for cert_no in officers:
                    cert = ctx.certificate(cert_no)
                    # an officer the officer check already finds uncertified, on that day's step or another (OFF-002,
                    # which names this piece): one defect of 第四十二条, reported once where a reviewer looks (执法人员资格)
                    if i in ctx.gathered_on_a_step(cert_no, e.obtained_on) or cert_no in ctx.first_failing_step:
                        continue
                    if cert.source != "unknown" and cert.problem_on(e.obtained_on):
                        yield {"kind": "uncertified", "where": f"{where}/obtained_by", "title": label,
                               "name": cert.name or cert_no, "date": e.obtained_on.isoformat()}
        if e.type in RECORDS and e.signed_by_party is False and not _reason_noted(ctx, e):
            yield {"kind": "unsigned", "where": f"{where}/signed_by_party", "title": label, "record": RECORDS[e.type]}


# 生产安全事故报告和调查处理条例第十九条、第二十五条、第三十二条第二款: the people's government's 事故调查组 finds the
# facts, and the organ penalizes "按照人民政府的批复": what the team gathered before the organ's own case was filed is the
# team's material handed over with the approval, not evidence the organ's investigation gathered (第四十二条's two officers)
ACCIDENT_TEAM = r"事故调查组"


# a piece the organ made itself (本局执法人员对……的询问笔录, its source the organ) is its own evidence, whenever dated
OWN_MAKING = r"本局|我局|本机关|本委|本厅|执法人员对"
TEAM_MAKING = r"调查组|事故调查报告|人民政府[^，,。；]{0,12}批复"


def _accident_team_material(ctx, e) -> bool:
    filed = ctx.first_date("filing")
    text = ctx.package.facts_text or ""
    if not (filed and e.obtained_on and e.obtained_on < filed and ctx.matches(ACCIDENT_TEAM, text)):
        return False
    if (e.title and ctx.matches(TEAM_MAKING, e.title)) or (e.source and ctx.matches(TEAM_MAKING, e.source)):
        return True  # the team's record, whoever took part in making it (事故调查组制作，本局执法人员参与)
    # compared without 管理 (应急局 for 应急管理局) and spaces
    own = "".join(((ctx.package.agency and ctx.package.agency.name) or "").split()).replace("管理", "")
    source = "".join((e.source or "").split()).replace("管理", "")
    # the source written as the organ, in full or shortened (顺德区应急管理局 for 佛山市顺德区应急管理局)
    by_us = source in ("本局", "我局") or (len(source) >= 4 and own and (source in own or own in source))
    return not ((e.title and ctx.matches(OWN_MAKING, e.title)) or by_us)


# a closed file's record of what followed the decision — the fine paid, the paper served, the case closed
# (福建省非税收入电子缴款凭证, 送达回证, 结案登记表): the decision's execution, not a ground of it
# (not a 银行回单 as such: the party's receipts are evidence of its sales)
EXECUTION_RECORD = r"缴款|缴纳凭证|罚没款?收据|罚款收据|非税收入|送达回证|送达回执|执行完毕|结案|销毁|无害化处[置理]"


def _record_of_execution(ctx, e) -> bool:
    return ctx.stage == "post_decision" and bool(e.title and ctx.matches(EXECUTION_RECORD, e.title))


def _follow_up(ctx, e, decided) -> bool:
    """A closed file's follow-up: what a 复查 after the decision found (整改情况) proves only the circumstances after it,
    gathered at an inspection step of that day — the state the decision ordered corrected, not a ground of the decision."""
    return set(e.proves or ()) == {"circumstance"} and any(
        s.kind == "inspection" and s.date == e.obtained_on and s.date > decided for _, s in ctx.indexed_steps)


# a government's published designation, plan or approval, copied from an archive or a publication (饮用水水源保护区划定文件及
#范围图, 本局存档): a public document the authority holds, not evidence its investigation gathers — the day of the copy
# is not the day the fact was established
PUBLIC_TITLE = r"划定|范围图|区划"
NOT_PUBLIC_TITLE = r"查询|核查|核实|记录|意见|证明|审批|用地|许可"  # a search of approvals proves what the party lacked
PUBLIC_SOURCE = r"存档|档案|公布|公开|网站|政府"


def _public_document(ctx, e) -> bool:
    return e.type == "documentary" and bool(e.title and e.source and ctx.matches(PUBLIC_TITLE, e.title)
                                            and not ctx.matches(NOT_PUBLIC_TITLE, e.title)
                                            and ctx.matches(PUBLIC_SOURCE, e.source))


# 第十五条's 但书: 当事人拒绝签名或者不能签名的，应当注明原因；有其他人在现场的，可由其他人签名 — a record that says why
# the party did not sign (refused, absent) or that a witness signed is not unsigned in the rule's sense
# said as the reason, not as the defect (无当事人签名, 未注明拒签原因, 见证人亦未签名 are the defect's own words)
UNSIGNED_REASON = (r"(?<!注明)(?<!写明)(?<!载明)(?:当事人)?拒(?:绝|不)签(?:名|字)|当事人(?:不在场|未在场|未到场)|现场无当事人(?!签)"
                   r"|(?:由|经)[^，。；、]{0,12}见证人[^，。；]{0,8}签(?:名|字)(?<!未签名)(?<!未签字)|不能签名|无法签名")


def _reason_noted(ctx, e) -> bool:
    """第十五条's 但书 is for 现场笔录: the record says why the party did not sign, or that a witness signed."""
    if e.type != "inspection_record":
        return False
    texts = [e.source, e.title, *((v for v in (e.model_extra or {}).values() if isinstance(v, str)))]
    return any(t and ctx.matches(UNSIGNED_REASON, t) for t in texts)


# a batch number as files write it (生产批号20250108, 批号：2025-01-08A) and a report that tested a sample
BATCH = re.compile(r"(?:生产)?批(?:号|次号)[：:\s]*([0-9A-Za-z][0-9A-Za-z\-]{3,}(?:\s*[、，,和及]\s*[0-9A-Za-z][0-9A-Za-z\-]{3,})*)")
_BATCH_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-]{3,}")


def _batches(text: str) -> set[str]:
    """Every batch number after 批号 (批号20250108、20250218), normalised (2025-01-08 is 20250108)."""
    return {b.replace("-", "").upper() for m in BATCH.finditer(text) for b in _BATCH_ID.findall(m.group(1))}
TEST_REPORT = r"(检验|检测|化验|鉴定)[^，。；]{0,6}(报告|意见|结果)"


@derive
def tested_batch(ctx):
    """第四十六条第二款: the report that proves the goods unlawful must be about the goods of the case. The facts name the
    batch (生产批号20250108); every test report that names a batch names another (样品批号：20250218): no report is about
    the case's goods."""
    pkg = ctx.package
    facts = "\n".join(t for t in (pkg.facts_text, pkg.violation and pkg.violation.description) if t)
    case_batches = _batches(facts) if "批" in facts else set()
    if not case_batches:
        return
    reports = []
    for i, e in enumerate(pkg.evidence or ()):
        text = " ".join(t for t in (e.title, e.source) if t)
        if "批" in text and ctx.matches(TEST_REPORT, text):
            batches = _batches(text)
            if batches:
                reports.append((i, e, batches))
    if reports and not any(b & case_batches for _, _, b in reports):
        i, e, batches = reports[0]
        yield {"kind": "other_batch", "where": f"/evidence/{i}/title", "title": re.split("[（(]", e.title or e.id or "")[0][:40],
               "tested": "、".join(sorted(batches)), "case": "、".join(sorted(case_batches))}


@derive
def field_requirements(ctx):
    """The field's rule of proof (catalog): a violation that turns on a test result needs the laboratory report."""
    pkg = ctx.package
    if pkg.evidence is None:
        return
    for req in ctx.catalogs.evidence_requirements.values():
        if not any(_cites(ctx, link) for link in req.links):
            continue
        if req.element == "amount" and not ctx.fines_or_confiscates:
            continue  # the base of a fine or a confiscation, where none is proposed (限期拆除 alone)
        if not any(req.element in (e.proves or ()) and (e.type in req.evidence_types or (
                req.title_pattern and e.title and ctx.matches(req.title_pattern, e.title))) for e in pkg.evidence):
            yield {"kind": "field_evidence", "where": "/evidence", "label": req.label, "element": ELEMENTS[req.element],
                   "req_basis": req.basis}


def _cites(ctx, link) -> bool:
    """Whether the case cites one of the link's provisions (a citation of the whole article names none of its items)."""
    for field in ("violated", "penalty"):
        for _, r in ctx.resolved_citations(field):
            c = r.citation
            if not (r.law and r.law.id == link.law_id and c.article):
                continue
            for p in link.provisions:
                if p.article == c.article and (p.paragraph is None or p.paragraph == (c.paragraph or 1)) and (
                        p.item is None or p.item == c.item):
                    return True
    return False


@rule("EVI-001", on="element", severity="major", remedy="supplement",
      title="案件要件无证据证明",
      basis="《中华人民共和国行政处罚法》第四十条",
      provision="违法事实不清、证据不足的，不得给予行政处罚；证据须为第四十六条所列种类并经查证属实。",
      message="证据目录中没有证明“{label}”的证据",
      suggestion="补充能够证明{label}的证据（如营业执照、身份证明、现场检查笔录、询问笔录、视听资料），并在证据目录中注明证明对象",
      teaching="每个构成要件都要有证据支撑：主体身份、违法行为、金额（罚款与之挂钩时）、情节与后果。证据目录应逐项标明证明对象，便于审核时对照。")
def unproved(m):
    return m.proved == False  # noqa: E712


@rule("EVI-002", on="element", severity="major", remedy="supplement",
      title="要件仅有当事人陈述证明",
      basis="《中华人民共和国行政处罚法》第四十六条第二款",
      provision="证据必须经查证属实，方可作为认定案件事实的根据。当事人陈述须与其他证据相互印证。",
      message="“{label}”仅有当事人陈述（询问笔录）证明，没有其他证据印证",
      suggestion="补充书证、物证、电子数据、现场笔录等能够印证当事人陈述的证据",
      teaching="孤证不能定案：当事人的陈述可能翻供，应与其他证据形成证据链。")
def only_statement(m):
    return m.only_statement == True  # noqa: E712


@rule("EVI-003", on="after_decision", severity="major", remedy="supplement",
      title="证据在作出决定后才取得",
      basis="《中华人民共和国行政处罚法》第五十七条第一款",
      provision="调查终结，行政机关负责人应当对调查结果进行审查，根据不同情况分别作出决定——先取证，后裁决。",
      message="“{title}”取得于{obtained}，晚于作出决定的{decision}",
      suggestion="决定后取得的证据不能作为该决定的根据；如对认定事实必不可少，应撤回决定，重新调查后再决定",
      teaching="“先裁决后取证”违反法定程序，事后补充的证据不能用来证明已作出的决定合法。")
def after_decision(m):
    return None


@rule("EVI-004", on="too_few", severity="major", remedy="supplement",
      title="证据由不足两名执法人员取得",
      basis="《中华人民共和国行政处罚法》第四十二条",
      provision="行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。",
      message="“{title}”只记载了{count}名取证执法人员",
      suggestion="核对取证人员；确由一人取得的，应重新由两名以上执法人员依法取证",
      teaching="两人执法的要求同样适用于每一份证据的收集；鉴定意见等由专门机构出具的证据除外。")
def too_few(m):
    return None


@rule("EVI-005", on="uncertified", severity="major", remedy="supplement",
      title="证据由不具备执法资格的人员取得",
      basis="《中华人民共和国行政处罚法》第四十二条",
      provision="行政处罚应当由具有行政执法资格的执法人员实施。",
      message="“{title}”的取证人员{name}在{date}不具备有效执法资格",
      suggestion="由持有效执法证的执法人员重新取证，或核实执法人员清单",
      teaching="无执法资格的人员收集的证据，其合法性存在瑕疵，可能不被采信。")
def uncertified(m):
    return None


@rule("EVI-006", on="unsigned", severity="major", remedy="supplement",
      title="笔录没有当事人签名",
      basis="《最高人民法院关于行政诉讼证据若干问题的规定》第十五条",
      provision="现场笔录应当载明时间、地点和事件等内容，并由执法人员和当事人签名。当事人拒绝签名或者不能签名的，应当注明原因。"
                "有其他人在现场的，可由其他人签名。",
      message="“{title}”（{record}）未经当事人签名，也未注明原因",
      suggestion="补充当事人签名；当事人拒绝签名的，在笔录中注明原因并由在场人员签名",
      teaching="未经当事人签名、也未注明拒签原因的笔录，证明力存疑。询问笔录还应逐页签名。")
def unsigned(m):
    return None


@rule("EVI-007", on="field_evidence", severity="major", remedy="supplement",
      title="缺少认定违法所需的专门证据",
      basis="《中华人民共和国行政处罚法》第四十条",
      provision="行政机关必须查明事实；违法事实不清、证据不足的，不得给予行政处罚。",
      message="本案所引条款要求以{label}证明{element}（{req_basis}），证据目录中没有",
      suggestion="补充{label}，并注明出具机构、日期和结论",
      teaching="产品、食品是否合格等专业事实，须有具备资质的检验机构出具的检验报告证明，不能只凭执法人员判断或当事人承认。")
def field_evidence(m):
    return None


@rule("EVI-008", on="other_batch", severity="major", remedy="supplement",
      title="检验报告所检样品与涉案产品批号不一致",
      basis="《中华人民共和国行政处罚法》第四十条、第四十六条第二款",
      provision="违法事实不清、证据不足的，不得给予行政处罚（第四十条）。证据必须经查证属实，方可作为认定案件事实的根据（第四十六条第二款）。",
      message="“{title}”所检样品批号为{tested}，事实认定的涉案产品批号为{case}，没有一份检验报告针对涉案批次",
      suggestion="核对抽样凭证、检验报告与涉案产品的批号；确系不同批次的，应就涉案批次依法抽样检验，或据实更正事实认定",
      teaching="检验报告只能证明被检样品的质量。样品批号与涉案产品不一致，报告与案件事实就缺少关联，不合格的认定证据不足；批号笔误也应查明更正。")
def other_batch(m):
    return None


evidence_gap = gap_rule(
    "EVI-G01",
    title="证据材料缺失，无法判断",
    basis="《中华人民共和国行政处罚法》第四十六条",
    provision="证据必须经查证属实，方可作为认定案件事实的根据。",
    suggestion="随案提交证据目录，载明每份证据的种类、来源、取得时间、取证人员和证明对象",
    teaching="没有证据目录就无法审查证据是否充分，应退回补充。")
