"""涉嫌犯罪移送 (criminal_referral): does the case reach a prosecution threshold and so belong to the police?

《行政处罚法》第二十七条第一款：违法行为涉嫌犯罪的，行政机关应当及时将案件移送司法机关，依法追究刑事责任。
第八条第二款：违法行为构成犯罪，应当依法追究刑事责任的，不得以行政处罚代替刑事处罚。
The thresholds are catalog data (catalogs/referral), each with its criminal-law source, keyed by the
administrative provision whose violation they follow.
"""
from review_assistant.fines import yuan
from review_assistant.rulebook import derive, gap_rule, rule

ITEM = "criminal_referral"
NEAR_SHARE = 0.8  # within 20 % below a threshold: worth a second look at the figures


@derive
def thresholds(ctx):
    pkg = ctx.package
    violated = ctx.resolved_citations("violated") + ctx.resolved_citations("penalty")
    if not violated:
        yield {"kind": "gap", "where": "/citations/violated", "what": "违法依据，无法对照立案追诉标准"}
        return
    day = ctx.act_date or ctx.as_of
    outcome = pkg.proposed_decision.outcome if pkg.proposed_decision else None
    v = pkg.violation
    checks, gaps = [], {}
    for t in ctx.catalogs.referral.values():
        if not ctx.links_cited(t.links):
            continue
        if not (t.effective_from <= day and (t.effective_to is None or day < t.effective_to)):
            continue
        values = (ctx.amounts if t.source == "amounts" else (v.quantities if v and v.quantities else {}))
        value = values.get(t.metric)
        if value is None:
            gaps.setdefault(t.offence, []).append(t)
            continue
        reached = value > t.value if t.comparator == "gt" else value >= t.value
        shown = yuan(value) if t.source == "amounts" else f"{value:g}"
        threshold = yuan(t.value) if t.source == "amounts" else f"{t.value:g}"
        near = not reached and t.comparator == "gte" and value >= t.value * NEAR_SHARE
        checks.append({"kind": "threshold", "near": near, "where": f"/violation/{t.source}/{t.metric}", "offence": t.offence,
                       "metric": t.metric_label, "value": shown, "threshold": threshold, "source_basis": t.basis,
                       "reached": reached, "referred": outcome == "refer"})
    yield from checks
    if any(c["reached"] for c in checks):
        return  # one threshold reached decides the referral; the others' missing figures no longer matter
    for offence, missing in gaps.items():
        yield {"kind": "gap", "where": f"/violation/{missing[0].source}",
               "what": "、".join(t.metric_label for t in missing) + f"（对照{offence}立案追诉标准所需）"}


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


referral_gap = gap_rule(
    "CRI-G01",
    title="涉罪判断信息不足",
    basis="《中华人民共和国行政处罚法》第二十七条第一款",
    provision="违法行为涉嫌犯罪的，行政机关应当及时将案件移送司法机关。",
    suggestion="补充违法依据及涉案金额、数量等，以便对照立案追诉标准",
    teaching="不能因为材料里没有金额就认为不涉罪：缺少判断所需的金额、数量时，应要求补充。")
