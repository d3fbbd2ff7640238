"""证据 (evidence): is each element the decision rests on proved by at least one piece of evidence?

《行政处罚法》第四十条：违法事实不清、证据不足的，不得给予行政处罚。
第四十六条：证据包括书证、物证、视听资料、电子数据、证人证言、当事人的陈述、鉴定意见、勘验笔录和现场笔录；
证据必须经查证属实，方可作为认定案件事实的根据。
"""
from review_assistant.rulebook import derive, gap_rule, rule

ITEM = "evidence"

ELEMENTS = {"identity": "当事人身份", "act": "违法行为"}


@derive
def elements(ctx):
    pkg = ctx.package
    if pkg.evidence is None:
        yield {"kind": "gap", "where": "/evidence", "what": "证据目录（evidence）"}
        return
    proved = {element for e in pkg.evidence for element in (e.proves or ())}
    for element, label in ELEMENTS.items():
        yield {"kind": "element", "where": "/evidence", "element": element, "label": label,
               "proved": element in proved}


@rule("EVI-001", on="element", severity="major",
      title="案件要件无证据证明",
      basis="《中华人民共和国行政处罚法》第四十条",
      provision="违法事实不清、证据不足的，不得给予行政处罚；证据须为第四十六条所列种类并经查证属实。",
      message="证据目录中没有证明“{label}”的证据",
      suggestion="补充能够证明{label}的证据（如营业执照、身份证明、现场检查笔录、询问笔录、视听资料），并在证据目录中注明证明对象",
      teaching="每个构成要件都要有证据支撑：主体身份、违法行为、金额（罚款与之挂钩时）、情节与后果。证据目录应逐项标明证明对象，便于审核时对照。")
def unproved(m):
    return m.proved == False  # noqa: E712


evidence_gap = gap_rule(
    "EVI-G01",
    title="证据材料缺失，无法判断",
    basis="《中华人民共和国行政处罚法》第四十六条",
    provision="证据必须经查证属实，方可作为认定案件事实的根据。",
    suggestion="随案提交证据目录，载明每份证据的种类、来源、取得时间、取证人员和证明对象",
    teaching="没有证据目录就无法审查证据是否充分，应退回补充。")
