"""Each proposed fine measured against the ranges of the penalty provisions that govern it, once per review
(``ctx.once(fine_checks)``), for the two checklist items that judge the result:

* 适用法律 (rules/law_citation.py): a fine above the range (《行政处罚法》第七十六条第一款第（二）项), a lighter new
  provision not applied (第三十七条), a range the catalog cannot check (请人工核对);
* 裁量 (rules/discretion.py): a fine below the least the provision sets is 减轻处罚, lawful only on a ground of 第三十条、
  第三十二条 — a question of how discretion was used, and where reviewers file it.

第三十七条 chooses the version (``law.temporal.governing``); 双罚 measures a unit's fine against the unit's range; a fine
shared by co-offenders of one act is measured as a total, each share against the least any offender's share may be.
"""
from __future__ import annotations

import re
from typing import Optional

from review_assistant.law.citations import to_cn, version_on
from review_assistant.case.labels import AMOUNT_ALIASES, claimed_key
from review_assistant.engine.conduct import named_paragraph
from review_assistant.law.fines import AMOUNT_LABELS, FineRange, MissingAmount, least_for_a_share, says_another_base, yuan
from review_assistant.law.temporal import governing, in_article, traced

GENERAL_LAW = "administrative_penalty_law"  # 行政处罚法: general provisions, never the penalty-setting article


def governed_penalties(ctx) -> list:
    """(citation, Governing, law id) of each cited penalty provision the catalog holds a version of for the act."""
    decision_day = ctx.decision_date or ctx.as_of
    governed = []
    for _, r in ctx.resolved_citations("penalty"):
        if r.law and r.citation.article:
            g = governing(r.law, r.citation, ctx.law_date, decision_day, ctx.fine_facts)
            if g.old is not None:
                governed.append((r.citation, g, r.law.id))
    return governed


def fine_checks(ctx) -> tuple[dict, ...]:
    """The facts about the proposed fines (kinds ``fine_above``, ``fine_below``, ``paragraph_fits``, ``lighter_new``, ``gap``, ``manual``)."""
    pkg = ctx.package
    decision = pkg.proposed_decision
    if pkg.citations is None or decision is None or decision.outcome != "penalize" or not ctx.penalties:
        return ()
    return tuple(_measured(ctx))


def _measured(ctx):
    penalty_cited = ctx.resolved_citations("penalty")
    governed = ctx.once(governed_penalties)
    mitigating = bool(ctx.mandatory_lighter)  # 第三十条、第三十二条: the grounds that make 减轻 lawful
    shared = _co_offenders(ctx, governed)
    # no share of a shared fine falls below the least the provision sets for any offender's share
    floor = max((least_for_a_share(g.old, ctx.fine_facts, law_id) for _, g, law_id in governed), default=0.0) if shared else 0.0
    if shared:
        yield {"kind": "manual", "where": f"/proposed_decision/penalties/{shared[0]}/amount",
               "what": f"共同违法的{len(shared)}名当事人分别处以罚款，合计{yuan(sum(ctx.penalties[i][1].amount for i in shared))}，"
                       "按合计核对法定幅度；各人分担的份额是否适当"}
    for p, penalty in ctx.penalties:
        if penalty.type != "fine" or penalty.amount is None:
            continue
        whose = payer(ctx, penalty)
        if whose == "unknown":
            yield {"kind": "manual", "where": f"/proposed_decision/penalties/{p}/amount",
                   "what": f"本案对单位和个人分别处罚，案卷未载明罚款{yuan(penalty.amount)}的被处罚人，未核对其罚款幅度"}
        elif whose == "person":
            yield {"kind": "manual", "where": f"/proposed_decision/penalties/{p}/amount",
                   "what": f"对个人（{ctx.penalized_party(penalty)}）的罚款{yuan(penalty.amount)}，按对直接负责的主管人员等个人的罚则核对幅度"}
        elif shared and p in shared:
            if p == shared[0]:  # one act, its fine shared among those who did it together: the total is measured
                total = sum(ctx.penalties[i][1].amount for i in shared)
                yield from _fine(ctx, p, total, governed, penalty_cited, mitigating)
            if penalty.amount < floor - 0.5:
                c, g, _ = governed[0]
                yield {"kind": "fine_below", "where": f"/proposed_decision/penalties/{p}/amount", "mitigating": mitigating,
                       "amount": penalty.amount, "amount_text": yuan(penalty.amount), "written": c.raw,
                       "range": f"共同违法人各自的罚款，按其分担的份额计算也不低于{yuan(floor)}", "version": g.old_version.id}
        else:
            unit = [(c, g, law_id) for c, g, law_id in governed if not _on_persons(g.old)] if whose == "unit" else governed
            yield from _fine(ctx, p, penalty.amount, unit, penalty_cited, mitigating)


# fines a provision sets on a unit's people, not on the unit (双罚): 对直接负责的主管人员和其他直接责任人员处……, 主要负责人
# 上一年年收入的百分之四十, 单位罚款数额百分之五以上百分之十以下
ON_PERSONS = re.compile(r"直接负责的主管人员|其他直接责任人员|主要负责人|法定代表人|负有责任的(领导人员|人员)|年收入|从本单位取得收入|单位罚款数额")


def on_persons(branch) -> bool:
    """Whether a fine branch is set on a unit's people (its condition or base in those words)."""
    return bool(ON_PERSONS.search(f"{branch.condition or ''}{branch.of_label or ''}"))


def _on_persons(provision) -> bool:
    """Whether every fine of a provision is set on a unit's people (condition or base in those words)."""
    fines = provision.fines if provision else []
    return bool(fines) and all(on_persons(f) for f in fines)


def payer(ctx, penalty) -> Optional[str]:
    """Whose fine it is in a file that penalizes a unit and individuals together (双罚): "unit", "person", "unknown" (the
    file does not say and has several fines), or None (one kind of party: every fine is that party's)."""
    parties = ctx.package.parties or ()
    units = {q.name for q in parties if q.kind == "organization" and q.name}
    people = {q.name for q in parties if q.kind == "individual" and q.name}
    if not units or not people:
        return None
    on = ctx.penalized_party(penalty)
    if on in units:
        return "unit"
    if on in people:
        return "person"
    fines = [q for _, q in ctx.penalties if q.type == "fine"]
    return "unknown" if len(fines) > 1 else None


def _co_offenders(ctx, governed) -> list[int]:
    """The fines of a case against several parties of one kind who did the act together and share a fine computed from
    its measure (两名个人共同非法占地620平方米, 按份额分别罚款): their indexes, or []. A fixed range is each offender's
    own (治安管理处罚法第十七条: 分别处罚), and one party, or 双罚 of a unit and its people, is not this. The range that
    applies here decides: 违法所得一万元以上 selects the multiple of 基本医疗卫生与健康促进法第九十九条, not its fixed range.
    Fines the file does not attribute (v1 has no ``party``) are shared when there is one per party."""
    ranges = [(ctx.fine_range(g.old, law_id), g.old) for _, g, law_id in governed]
    ranges = [(r, old) for r, old in ranges if r is not None]  # an article beside them that sets no fine
    if not ranges or not all(r.per_measure if isinstance(r, FineRange) else all(f.multiple for f in old.fines)
                             for r, old in ranges):
        return []
    parties = ctx.package.parties or ()
    if len(parties) < 2 or len({q.kind for q in parties}) != 1:
        return []
    names = {q.name for q in parties if q.name}
    fines = [(i, q) for i, q in ctx.penalties if q.type == "fine" and q.amount is not None]
    named = [ctx.penalized_party(q) for _, q in fines]
    if len(fines) < 2:
        return []
    unattributed = all(n is None for n in named) and len(fines) == len(parties)
    if not unattributed and (not all(n in names for n in named) or len(set(named)) != len(named)):
        return []
    return [i for i, _ in fines]


def _unread_keys(ctx, missing: MissingAmount) -> tuple[list[str], str, str]:
    """The package's own keys that may hold a base we did not find: quantities named after the measure (area_m2_…), or
    amounts under keys neither the contract nor the catalog knows."""
    v = ctx.package.violation
    if v is None:
        return [], "", ""
    if missing.field.startswith("violation.quantities."):
        measure = missing.field.rsplit(".", 1)[-1]
        return sorted(k for k in v.quantities or () if k.startswith(measure)), "/violation/quantities", "数量"
    words = missing.words or ""
    unknown = sorted(k for k in v.amounts or () if k not in AMOUNT_LABELS and k not in AMOUNT_ALIASES
                     and not claimed_key(k) and not says_another_base(words, k))
    return unknown, "/violation/amounts", "金额"


def _holds(rng, amount: float) -> bool:
    return isinstance(rng, FineRange) and rng.low - 0.5 <= amount <= rng.high + 0.5


def _fine(ctx, p, amount, governed, penalty_cited, mitigating):
    where = f"/proposed_decision/penalties/{p}/amount"
    checked = False
    finite, unspecified = 0, []
    fitting = _fitting_articles(ctx, amount, governed)
    fines = [q for _, q in ctx.penalties if q.type == "fine" and q.amount is not None]
    if len(fines) > 1 and len({(law_id, g.old.article) for _, g, law_id in governed}) > 1:
        # one file, several acts each fined under its own article (分别裁量、合并执行): a fine is measured against the
        # articles whose range holds it; none holding it, against all
        holding = [(c, g, law_id) for c, g, law_id in governed if _holds(ctx.fine_range(g.old, law_id), amount)]
        governed = holding or governed
    for cite, g, law_id in governed:
        old = ctx.fine_range(g.old, law_id)
        own, where_own, said = _unread_keys(ctx, old) if isinstance(old, MissingAmount) else ((), "", "")
        if own:
            # the contract's amounts end in "…" and its quantities are free keys: the file gave its own keys (area_m2_illegal,
            # restoration_cost …), none of them read as this base — a hole in our reading, not material the unit failed
            # to supply
            yield {"kind": "manual", "where": where_own,
                   "what": f"未能从案卷的{said}（{'、'.join(own)}）中认出{old.label}（{cite.raw}的罚款幅度以其为基数），未核对罚款数额"}
            checked = True
            continue
        if isinstance(old, MissingAmount):
            yield {"kind": "gap", "where": "/" + old.field.replace(".", "/"),
                   "what": f"{old.label}（{old.field}；{cite.raw}的罚款幅度以其为基数）"}
            checked = True
            continue
        if not isinstance(old, FineRange):
            continue
        checked = True
        if old.high == float("inf"):
            unspecified.append(cite.raw)
        else:
            finite += 1
        lighter = [(q, ctx.fine_range(q, law_id)) for q in g.lighter]
        lighter = [(q, rng) for q, rng in lighter if isinstance(rng, FineRange)]
        low = min([old.low] + [rng.low for _, rng in lighter])
        facts = {"amount": amount, "amount_text": yuan(amount), "written": cite.raw, "range": old.explanation,
                 "version": g.old_version.id}
        # several paragraphs of one article cited for one fine (第六十条第一款第（五）项、第二款: the act, then the
        # individual's penalty): the fine is measured against the paragraph whose range it is in
        sibling_fits = (law_id, g.old.article) in fitting
        named = named_paragraph(ctx, cite, g.old_version, {(c.article, c.paragraph) for c, _, lid in governed if lid == law_id})
        if named and _holds(ctx.fine_range(named[0], law_id), amount):
            continue  # the finding names another paragraph's act and the fine is in its range: LAW-018 says which
        if amount > old.high and not sibling_fits:
            yield {"kind": "fine_above", "where": where, **facts}
        if amount < low and not sibling_fits:
            other = None if mitigating else _uncited_paragraph_holding(ctx, amount, g, law_id, governed)
            if other is not None:  # below the cited paragraph, inside another of the article: the paragraph is in question
                yield {"kind": "paragraph_fits", "where": where, **facts, "fitting": _provision_name(other),
                       "fitting_range": ctx.fine_range(other, law_id).explanation}
            else:
                yield {"kind": "fine_below", "where": where, "mitigating": mitigating, **facts}
        if lighter and amount > max(rng.high for _, rng in lighter):
            q, rng = min(lighter, key=lambda pair: pair[1].high)
            yield {"kind": "lighter_new", "where": where, **facts, "new_version": g.new_version.id,
                   "new": _provision_name(q), "new_range": rng.explanation}
    if checked and finite == 0 and unspecified:
        yield {"kind": "manual", "where": where,
               "what": "所引处罚依据对本案情形只规定“可以并处罚款”而未规定数额（" + "、".join(unspecified)
                       + "），未核对罚款数额；有规定数额的行政法规、规章的（如价格违法行为行政处罚规定），应当一并引用"}
    if not checked and any(r.law and r.law.id != GENERAL_LAW for _, r in penalty_cited):
        yield {"kind": "manual", "where": "/citations/penalty",
               "what": "法律目录未收录所引处罚依据的罚款幅度，未核对罚款数额" + _draft_range(ctx, amount, penalty_cited)}


def _uncited_paragraph_holding(ctx, amount: float, g, law_id, governed):
    """Another paragraph of the cited article (森林法第七十六条：第一款盗伐、第二款滥伐), not cited itself, whose fixed range
    holds the amount: the one such paragraph, or None."""
    cited = {(c.article, c.paragraph) for c, _, lid in governed if lid == law_id}
    holding = [p for p in g.old_version.provisions
               if p.article == g.old.article and p.paragraph is not None and p.paragraph != g.old.paragraph
               and p.item is None and (p.article, p.paragraph) not in cited and _holds(ctx.fine_range(p, law_id), amount)]
    return holding[0] if len(holding) == 1 else None


def _fitting_articles(ctx, amount: float, governed) -> set:
    """(law, article) of the cited paragraphs whose fixed range holds the amount."""
    out = set()
    for _, g, law_id in governed:
        rng = ctx.fine_range(g.old, law_id)
        if isinstance(rng, FineRange) and rng.low <= amount <= rng.high:
            out.add((law_id, g.old.article))
    return out


def _draft_range(ctx, amount: float, penalty_cited) -> str:
    """What the cited text itself says, read by program (``draft_provisions`` of a generated law): shown so the reviewer
    can check it quickly — a draft is never the ground of a finding (its fines are 98.6 % exact on blind samples, its
    types about 85 %).
    When the decision falls under a later version, that version's article too, found through the renumbering
    matched by content (第三十七条 从旧兼从轻: the reviewer compares the two)."""
    said = []
    for _, r in penalty_cited:
        if not (r.version and r.version.draft_provisions and r.citation.article):
            continue
        rng = _draft_fine(ctx, r.law, r.version, r.citation.article, r.citation.paragraph)
        if rng is not None:
            where = "高于" if amount > rng.high else "低于" if amount < rng.low else "在"
            said.append(f"按{r.citation.raw}的条文自动读出的罚款幅度为{rng.explanation}，拟罚款{yuan(amount)}{where}此幅度"
                        + ("内" if where == "在" else ""))
        said.extend(_later_version(ctx, r, rng))
    return "；" + "；".join(said) + "（程序读出，未经逐条核对）" if said else ""


def _draft_fine(ctx, law, version, article, paragraph):
    drafts = [d for d in in_article(version.draft_provisions, article, paragraph) if d.fines]
    if len(drafts) != 1:
        return None  # none, or several paragraphs and the citation names none of them
    rng = ctx.fine_range(drafts[0], law.id if law else None)
    return rng if isinstance(rng, FineRange) else None


def _later_version(ctx, r, old_range):
    """The version in force at the decision, when later than the act's: where the cited article went (renumbering
    matched by content, generated laws only) and the fine the program reads there."""
    new = version_on(r.law, ctx.decision_date or ctx.as_of)
    if new is None or new is r.version or new.effective_from <= r.version.effective_from:
        return
    number, mapped = traced(r.law, r.version, new, r.citation.article, generated=True)
    if not mapped:
        return  # a revision on the way was left without a map (rewritten wholesale): nothing to say
    if number is None:
        yield (f"决定时施行的是{new.id}年版，按条文内容比对未找到{r.version.id}年版第{to_cn(r.citation.article)}条"
               "的可靠对应条文，新规定是否仍有处罚、是否较轻（第三十七条）")
        return
    rng = _draft_fine(ctx, r.law, new, number, r.citation.paragraph)
    if number == r.citation.article:
        if rng is not None and (old_range is None or rng.explanation != old_range.explanation):
            yield (f"决定时施行的{new.id}年版第{to_cn(number)}条（按条文内容比对，序号未变）自动读出的罚款幅度为"
                   f"{rng.explanation}" + _lighter(rng, old_range))
        return
    yield (f"决定时施行的{new.id}年版中该条内容在第{to_cn(number)}条（按条文内容比对）"
           + (f"，自动读出的罚款幅度为{rng.explanation}" + _lighter(rng, old_range) if rng is not None else ""))


def _lighter(new, old) -> str:
    return "，较行为时的规定为轻，是否适用新规定（第三十七条）" if old is not None and new.high < old.high else ""


def _provision_name(p):
    out = f"第{to_cn(p.article)}条"
    if p.paragraph:
        out += f"第{to_cn(p.paragraph)}款"
    if p.item:
        out += f"第（{to_cn(p.item)}）项"
    return out
