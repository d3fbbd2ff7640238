"""执法文书 (documents): does the file hold the documents the law requires, and every one a step refers to?

Which documents are required for which procedure and stage is catalog data (catalogs/documents), each with its
basis — e.g. 《行政处罚法》第五十九条第一款：给予行政处罚，应当制作行政处罚决定书。
第四十七条：对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录，归档保存。
"""
from review_assistant.context import STEP_LABELS
from review_assistant.rulebook import derive, gap_rule, rule

ITEM = "documents"


@derive
def required(ctx):
    pkg = ctx.package
    if pkg.documents is None:
        yield {"kind": "gap", "where": "/documents", "what": "案卷文书目录（documents）"}
        return
    present = {d.kind for d in pkg.documents}
    labels = ctx.catalogs.document_kinds
    for req in ctx.catalogs.document_requirements.values():
        if req.stage and req.stage != ctx.stage:
            continue
        if req.procedure and pkg.procedure is None:
            yield {"kind": "gap", "where": "/procedure", "what": "程序类型（简易/普通），无法确定必备文书"}
            continue
        if req.procedure and req.procedure != pkg.procedure:
            continue
        if req.kind not in present:
            yield {"kind": "missing", "where": "/documents", "document": labels.get(req.kind, req.kind),
                   "requirement": req.id, "req_basis": req.basis, "reason": req.reason}


@derive
def referenced(ctx):
    pkg = ctx.package
    if pkg.documents is None:
        return
    ids = {d.id for d in pkg.documents if d.id}
    for i, step in ctx.indexed_steps:
        if step.document and step.document not in ids:
            yield {"kind": "dangling", "where": f"/steps/{i}/document", "document": step.document,
                   "step_label": STEP_LABELS.get(step.kind, "未注明种类的")}


@rule("DOC-001", on="missing", severity="major",
      title="缺少必备执法文书",
      basis="《中华人民共和国行政处罚法》第四十七条",
      provision="行政机关应当依法以文字、音像等形式，对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录，归档保存。",
      message="案卷中没有{document}（{reason}；依据：{req_basis}）",
      suggestion="补充{document}并归入案卷；确未制作的，说明原因",
      teaching="必备文书清单随程序类型和阶段而定（目录数据可按本地规定调整）。立案审批表、决定书等缺失，意味着相应程序环节无书面记录。")
def missing_document(m):
    return None


@rule("DOC-002", on="dangling", severity="minor",
      title="程序环节所附文书不在文书目录中",
      basis="《中华人民共和国行政处罚法》第四十七条",
      provision="对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录，归档保存。",
      message="{step_label}环节所附文书“{document}”在案卷文书目录中找不到",
      suggestion="将该文书补入案卷文书目录，或更正环节所附文书编号",
      teaching="每个程序环节都应有对应的文书记录；文书目录与环节不一致，常见于补办文书或案卷整理遗漏。")
def dangling_reference(m):
    return None


documents_gap = gap_rule(
    "DOC-G01",
    title="文书信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第四十七条",
    provision="对行政处罚全过程记录，归档保存。",
    suggestion="随案提交案卷文书目录（文书种类、标题、日期、签名与盖章情况）",
    teaching="没有文书目录就无法核对案卷是否完备。")
