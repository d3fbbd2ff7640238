"""裁量基准 (discretion): is penalizing at all, and how much, within what the law allows here?

《行政处罚法》第三十三条第一款（原则）：违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。
（但书）初次违法且危害后果轻微并及时改正的，可以不予行政处罚（首违不罚：可以，而非应当）。
"""
from review_assistant.rulebook import derive, gap_rule, rule

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
    needed = {"circumstance": "情节", "harm": "危害后果", "corrected_promptly": "是否及时改正"}
    missing = [label for key, label in needed.items() if v is None or getattr(v, key) is None]
    if missing:
        yield {"kind": "gap", "where": "/violation", "what": "、".join(missing) + "（判断是否依法不予处罚所需）"}
        return
    minor_no_harm = v.circumstance == "minor" and v.harm == "none" and v.corrected_promptly
    yield {"kind": "penalized", "where": "/proposed_decision/outcome",
           "must_not_penalize": bool(minor_no_harm),
           "first_offense_may_waive": bool(not minor_no_harm and v.first_offense and v.corrected_promptly
                                            and v.harm in ("none", "minor"))}


@rule("DIS-001", on="penalized", severity="major",
      title="依法应当不予处罚而拟予处罚",
      basis="《中华人民共和国行政处罚法》第三十三条第一款",
      provision="违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。",
      message="案卷认定情节轻微、已及时改正且无危害后果，依法应当不予处罚，但拟作出处罚",
      suggestion="改为不予行政处罚决定并对当事人进行教育（第三十三条第三款）；或补充证据推翻“轻微、及时改正、无危害后果”的认定",
      teaching="第三十三条第一款是羁束性规定（“不予”），三个条件同时满足即不得处罚；第一款后段的首违不罚是裁量性规定（“可以”）。")
def must_not_penalize(m):
    return m.must_not_penalize == True  # noqa: E712


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


discretion_gap = gap_rule(
    "DIS-G01",
    title="裁量情节信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第三十三条第一款",
    provision="违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。",
    suggestion="补充情节、危害后果、改正情况等裁量因素及其证据",
    teaching="裁量要说理：情节、后果、改正、初犯等因素都要有记录，才能判断是否应当或可以不罚、从轻或减轻。")
