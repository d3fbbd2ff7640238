"""案件事实 (facts): is the party identified and the violation described?

《行政处罚法》第四十条：行政机关必须查明事实；违法事实不清、证据不足的，不得给予行政处罚。
第五十九条第一款第（一）项：决定书应当载明当事人的姓名或者名称、地址。
"""
from review_assistant.identity import id_problem
from review_assistant.rulebook import derive, gap_rule, rule

ITEM = "facts"


@derive
def party_and_act(ctx):
    pkg = ctx.package
    if not pkg.parties:
        yield {"kind": "gap", "where": "/parties", "what": "当事人（parties）信息"}
    for i, party in enumerate(pkg.parties or ()):
        if not party.name:
            yield {"kind": "gap", "where": f"/parties/{i}/name", "what": "当事人姓名或名称"}
        if not party.id_number:
            yield {"kind": "gap", "where": f"/parties/{i}/id_number", "what": f"当事人{party.name or ''}的身份证件号码或统一社会信用代码"}
            continue
        problem = id_problem(party.kind, party.id_number)
        if problem:
            yield {"kind": "bad_id", "where": f"/parties/{i}/id_number", "name": party.name or "",
                   "id_number": party.id_number, "problem": problem}
    if not pkg.violation or not pkg.violation.description:
        yield {"kind": "gap", "where": "/violation/description", "what": "违法行为描述"}
    if not pkg.facts_text:
        yield {"kind": "gap", "where": "/facts_text", "what": "事实认定（经查明……）表述"}


@rule("FAC-001", on="bad_id", severity="major",
      title="当事人身份证件号码校验不通过",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（一）项",
      provision="行政处罚决定书应当载明当事人的姓名或者名称、地址。当事人身份须查清（第四十条）。",
      message="当事人{name}的证件号码“{id_number}”{problem}",
      suggestion="核对身份证、营业执照原件，更正证件号码，并统一全案文书中的当事人信息",
      teaching="当事人认定错误会导致处罚对象错误。身份证号码和统一社会信用代码都有校验位，录入错误可以机器发现；个体工商户以营业执照登记的经营者为当事人。")
def bad_id(m):
    return None


facts_gap = gap_rule(
    "FAC-G01",
    title="事实要素缺失，无法判断事实是否清楚",
    basis="《中华人民共和国行政处罚法》第四十条",
    provision="行政机关必须查明事实；违法事实不清、证据不足的，不得给予行政处罚。",
    suggestion="补充当事人基本情况、违法行为描述及事实认定",
    teaching="事实不清是行政处罚被撤销的首要原因。送审材料应能回答：谁、何时、何地、做了什么、后果如何。")
