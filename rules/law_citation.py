"""适用法律 (law_citation): is the law cited, in force, and does the penalty fit the cited provision?

《行政处罚法》第四条：行政处罚依照法律、法规、规章规定实施；第五十九条第一款第（三）项：决定书应当载明行政处罚的
种类和依据。A cited law that the catalog does not know is a gap (the catalog may be incomplete), not an error.
"""
from review_assistant.fines import FineRange, MissingAmount, fine_range, yuan
from review_assistant.rulebook import derive, gap_rule, rule

ITEM = "law_citation"


@derive
def citations(ctx):
    pkg = ctx.package
    if pkg.citations is None:
        yield {"kind": "gap", "where": "/citations", "what": "法律依据（citations）"}
        return
    punishes = pkg.proposed_decision and pkg.proposed_decision.outcome == "penalize"
    penalty_cited = ctx.resolved_citations("penalty")
    if punishes and not penalty_cited:
        yield {"kind": "no_penalty_basis", "where": "/citations/penalty"}
    for field in ("violated", "penalty"):
        for i, r in ctx.resolved_citations(field):
            where = f"/citations/{field}/{i}"
            if r.law is None:
                yield {"kind": "unknown_law", "where": where, "written": r.citation.raw}
            elif r.version is None:
                yield {"kind": "gap", "where": where, "what": f"{r.law.name}在{ctx.law_date.isoformat()}施行的版本（目录未收录）"}
            elif r.article_exists is False:
                yield {"kind": "no_article", "where": where, "written": r.citation.raw, "law": r.law.name,
                       "version": r.version.id, "articles": r.version.articles}
    if punishes:
        yield from _fines(ctx, penalty_cited)


def _fines(ctx, penalty_cited):
    provisions = [(i, r) for i, r in penalty_cited if r.provision is not None]
    if not ctx.penalties:
        yield {"kind": "gap", "where": "/proposed_decision/penalties", "what": "拟作出的处罚种类和数额"}
    for p, penalty in ctx.penalties:
        if penalty.type is None:
            yield {"kind": "gap", "where": f"/proposed_decision/penalties/{p}/type", "what": "处罚种类"}
        if penalty.type != "fine" or penalty.amount is None:
            continue
        ranges = [(r, fine_range(r.provision, ctx.amounts, ctx.circumstance)) for _, r in provisions]
        checked = False
        for r, allowed in ranges:
            if isinstance(allowed, MissingAmount):
                yield {"kind": "gap", "where": "/violation/amounts",
                       "what": f"{allowed.label}（{r.citation.raw}的罚款幅度以其为基数）"}
                checked = True
            elif isinstance(allowed, FineRange):
                checked = True
                yield {"kind": "fine", "where": f"/proposed_decision/penalties/{p}/amount",
                       "amount": penalty.amount, "amount_text": yuan(penalty.amount),
                       "low": allowed.low, "high": allowed.high, "range": allowed.explanation,
                       "written": r.citation.raw}
        if not checked and any(r.law for _, r in penalty_cited):
            yield {"kind": "gap", "where": "/citations/penalty",
                   "what": "所引处罚依据的罚款幅度（法律目录未收录该条款的罚则），无法核对罚款数额"}


@rule("LAW-001", on="unknown_law", severity="hint",
      title="引用的法律规范不在法律目录中",
      basis="《中华人民共和国行政处罚法》第四条",
      provision="行政处罚依照法律、法规、规章规定实施；未经公布的规定不得作为依据（第五条第三款）。",
      message="法律目录未收录“{written}”，未能自动核对其效力与条文，请人工核对",
      suggestion="核对法律名称是否规范、完整（应使用全称）；如为本地法规规章，请在法律目录中登记",
      teaching="引用法律应使用全称并准确到条、款、项。目录查不到时不等于引用错误，但审核人员须人工核对该规范是否有效、是否已公布。")
def unknown_law(m):
    return None


@rule("LAW-002", on="fine", severity="major",
      title="罚款数额超出所引处罚依据的法定幅度",
      basis="《中华人民共和国行政处罚法》第七十六条第一款第（二）项",
      provision="行政机关实施行政处罚，擅自改变行政处罚种类、幅度的，由上级行政机关或者有关机关责令改正。处罚须在所引条款规定的幅度内。",
      message="拟罚款{amount_text}，而{written}允许的幅度为{range}",
      suggestion="在法定幅度内重新确定罚款数额，或核对处罚依据及计算基数（货值金额、违法所得等）",
      teaching="罚款幅度常以货值金额、违法所得的倍数表示，并有“不足X元的”替代幅度。先确认计算基数有证据支撑，再确认选用的分支，最后核对数额。")
def above_maximum(m):
    return m.amount > m.high


@rule("LAW-003", on="no_penalty_basis", severity="major",
      title="缺少处罚依据",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
      provision="行政处罚决定书应当载明行政处罚的种类和依据。",
      message="拟作出处罚，但未引用设定处罚的条款（处罚依据），或所引内容无法识别为法律条文",
      suggestion="引用设定该处罚的法律、法规、规章条款，准确到条、款、项",
      teaching="违法依据（违反了哪条）与处罚依据（依哪条处罚）是两回事，二者都要引用。只写“违反了……的规定”而没有“依据……”的，属于适用法律不完整。")
def no_penalty_basis(m):
    return None


@rule("LAW-004", on="no_article", severity="major",
      title="所引条文在该版本中不存在",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
      provision="行政处罚决定书应当载明行政处罚的种类和依据。",
      message="{law}（{version}年版）共{articles}条，“{written}”所引条文不存在",
      suggestion="核对条文序号；法律修订后条文可能已重新编号",
      teaching="法律修订常常改变条文序号。应以违法行为发生时施行的版本核对条文（从旧兼从轻）。")
def no_article(m):
    return None


citation_gap = gap_rule(
    "LAW-G01",
    title="法律依据信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
    provision="行政处罚决定书应当载明行政处罚的种类和依据。",
    suggestion="补充违法依据、处罚依据及计算罚款所需的金额",
    teaching="没有依据或计算基数，就无法判断适用法律是否正确、罚款是否在法定幅度内。")
