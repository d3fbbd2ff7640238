"""适用法律 (law_citation): is the law cited precisely, in force, in the right version, and does the penalty fit it?

《行政处罚法》第五十九条第一款第（三）项：决定书应当载明行政处罚的种类和依据。
第三十七条（原则）：适用违法行为发生时的规定；（但书）决定时新的规定处罚较轻或者不认为违法的，适用新的规定。
第三十八条第一款：没有依据的行政处罚无效。第七十六条第一款第（二）项：不得擅自改变行政处罚种类、幅度。
A law the catalog does not know is a hint to check by hand, never an error.
"""
import bisect
import re

from review_assistant.law.citations import SHORT_NAME_DEFINITION, halfwidth, recites_earlier_case, resolve, to_cn, written_form
from review_assistant.engine.conduct import finding_text, named_paragraph, said_words
from review_assistant.engine.context import PENALTY_LABELS
from review_assistant.engine.fine_checks import GENERAL_LAW, fine_checks, governed_penalties, on_persons, payer
from review_assistant.engine.rulebook import derive, gap_rule, manual_rule, rule
from review_assistant.law.temporal import in_article

ITEM = "law_citation"
# v1.1 penalty types that order the act undone (城乡规划法第六十四条、土地管理法第七十七条 …): not checked against the
# catalog's penalty types, which list only the kinds of 行政处罚法第九条
CORRECTIVE_MEASURES = {"demolish", "restore", "return_land", "stop_construction", "destroy"}
FIELD_LABELS = {"violated": "违法依据", "penalty": "处罚依据"}

# 行政处罚法 before and after the 2021 revision: the words around a citation tell which provision was meant.
# (topic words, 2017 articles, 2021 articles) — the high-risk renumberings of brief §2.3, checked against both texts.
PENALTY_LAW_TOPICS = [
    (r"从轻|减轻", (27,), (30, 31, 32)),
    (r"不予(行政)?处罚", (25, 26, 27), (30, 31, 33)),
    (r"陈述|申辩|复核", (32,), (45,)),
    (r"事先告知|告知", (31,), (44,)),
    (r"听证", (42,), (63, 64)),
    (r"时效|二年内未被发现", (29,), (36,)),
    (r"责令改正|限期改正", (23,), (28,)),
    (r"集体讨论", (38,), (57,)),
    (r"送达", (40,), (61,)),
    (r"当场|简易程序", (33, 34), (51, 52)),
    (r"先行登记保存", (37,), (56,)),
    (r"移送", (22,), (27,)),
]
PENALTY_LAW_2021 = "2021"
# national, industry, local and enterprise standards (GB 2763-2021, GB/T …, 4.1.4.1): technical norms, not law
TECHNICAL_NORM = re.compile(r"\b(GB|GBZ|HJ|NY|SB|DB\d{0,2}|QB|JJF|JJG|YY|WS|SN|Q/)[ /]?T?\s*\d|国家标准|行业标准|地方标准|团体标准|企业标准|技术规范")


def _penalizes(pkg) -> bool:
    """A penalty decision, or one whose outcome is not given: a 不予处罚 or a 移送 cites other provisions, recites no basis."""
    return not pkg.proposed_decision or pkg.proposed_decision.outcome in (None, "penalize")


@derive
def structured(ctx):
    """The `citations` fields: each string read, resolved as of the act date, and checked."""
    pkg = ctx.package
    if pkg.citations is None:
        yield {"kind": "gap", "where": "/citations", "what": "法律依据（citations）"}
        return
    # a decision not to penalize cites the provision that says so (明码标价和禁止价格欺诈规定第二十六条第二款) as its basis
    penalizes = _penalizes(pkg)
    for field in ("violated", "penalty"):
        for i, text in enumerate(getattr(pkg.citations, field) or ()):
            where = f"/citations/{field}/{i}"
            cites = ctx.read(ctx.in_full(field, i, text))
            if not any(c.article for c in cites):
                # a standard cited beside the statute (naming no law we know) is a technical norm, not a citation
                if not (TECHNICAL_NORM.search(text) and not any(resolve(c, ctx.catalogs, ctx.law_date).law for c in cites)):
                    yield {"kind": "unreadable", "where": where, "text": text, "field": FIELD_LABELS[field]}
                continue
            for c in cites:
                if c.article is None:
                    continue
                r = resolve(c, ctx.catalogs, ctx.law_date)
                if r.law is None:
                    yield {"kind": "unknown_law", "where": where, "written": c.raw}
                    continue
                if r.version is None:
                    ended = _ended_on(r.law)
                    if ended and ctx.law_date >= ended:
                        yield {"kind": "repealed", "where": where, "law": r.law.name, "date": ctx.law_date.isoformat(),
                               "until": ended.isoformat(),
                               "by": f"（依{r.law.repealed.by}废止）" if r.law.repealed else ""}
                    else:
                        yield {"kind": "manual", "where": where,
                               "what": f"法律目录未收录{r.law.name}在{ctx.law_date.isoformat()}施行的版本"
                                       f"{_unheld_note(r.law, ctx.law_date)}，未核对该条文"}
                    continue
                gone = r.law.repealed
                if gone and not gone.checked and ctx.law_date >= gone.since:
                    yield {"kind": "manual", "where": where,
                           "what": f"据公开资料，{r.law.name}自{gone.since.isoformat()}起不再施行（依{gone.by}废止，未在法律文本库中"
                                   f"核对），而违法行为发生于{ctx.law_date.isoformat()}：所引依据是否应为新法（仍按目录所收文本核对）"}
                elif decided := _changed_unheld_by(r.law, ctx.law_date, ctx.decision_date or ctx.as_of):
                    # 第三十七条 从旧兼从轻: the act's version is held, the decision's is not — the two cannot be compared
                    yield {"kind": "manual", "where": where,
                           "what": f"违法行为发生时适用{r.law.name}{r.version.id}年文本，作出决定时该法{decided}，"
                                   "未能比较新旧规定的轻重（第三十七条从旧兼从轻）"}
                if r.provision_exists is False:
                    yield {"kind": "no_provision", "where": where, "written": c.raw, "law": r.law.name,
                           "version": r.version.id, "structure": _structure(r.version, c.article)}
                    continue
                # 行政处罚法's general articles (第二十八条、第三十二条 …), and an article that computes the base
                # (产品质量法第七十二条) beside the penalty-setting article, are normal
                # nor is an article that sets a ground of 从轻、减轻, cited beside a penalty article (食品安全法实施条例第七十六条);
                # an article that only orders the act undone is a provision of the catalog (土地管理法第七十八条)
                if (field == "penalty" and r.version.provisions and r.law.id != GENERAL_LAW and penalizes
                        and not (c.article in r.version.leniency_articles and _some_penalty_article(ctx))
                        and not _any_provision(r.version, c.article) and not _some_penalty_article(ctx, r.law.id)):
                    yield _not_a_penalty_provision(r, where)
                elif field == "penalty" and not r.version.provisions:
                    yield from _old_number_by_content(r, where)


def _ended_on(law):
    """The day the law ceased to be in force: its repeal, else the end of its last version; None while in force
    (a revision the catalog does not hold keeps it in force)."""
    if law.repealed:
        return law.repealed.since
    if law.unheld_versions:
        return None
    return law.versions[-1].effective_to if law.versions else None


def _changed_unheld_by(law, act_day, decision_day) -> str:
    """How the law changed between the act and the decision in a way the catalog holds no text of ('' when it did not)."""
    if decision_day is None or decision_day <= act_day:
        return ""
    later = [u for u in law.unheld_versions if act_day < u.since <= decision_day]
    if later:
        return later[-1].by + "（目录未收录修订后的文本）"
    gone = law.repealed
    if gone and not gone.checked and act_day < gone.since <= decision_day:
        return f"据公开资料已于{gone.since.isoformat()}废止（依{gone.by}，未在法律文本库中核对）"
    return ""


def _unheld_note(law, day) -> str:
    """（经…修订，自…起施行，目录未收录修订后的文本）: the latest revision the catalog knows of but does not hold."""
    known = [u for u in law.unheld_versions if u.since <= day]
    return f"（{known[-1].by}，目录未收录修订后的文本）" if known else ""


def _structure(version, article):
    if article > version.articles:
        return f"共{version.articles}条"
    paragraphs = version.structure(article)
    if not paragraphs:
        return f"共{version.articles}条"
    parts = [f"第{to_cn(n)}款" + (f"有{items}项" if items else "") for n, items in enumerate(paragraphs, 1)]
    return f"第{to_cn(article)}条共{len(paragraphs)}款（" + "，".join(parts) + "）"


def _any_provision(version, article):
    return any(p.article == article for p in version.provisions)


def _not_a_penalty_provision(r, where):
    """A penalty citation to an article that sets no penalty — perhaps its number before a revision (a hand-checked
    map only: one matched by program is for a hint, _old_number_by_content)."""
    for change in r.law.renumbering:
        if change.to_version == r.version.id and not change.generated:
            moved = change.articles.get(r.citation.article)
            if moved and moved != r.citation.article and _any_provision(r.version, moved):
                return {"kind": "old_number", "where": where, "written": r.citation.raw, "law": r.law.name,
                        "old_version": change.from_version, "new": f"第{to_cn(moved)}条", "version": r.version.id}
    return {"kind": "not_penalty", "where": where, "written": r.citation.raw, "law": r.law.name,
            "version": r.version.id}


def _old_number_by_content(r, where):
    """A generated law (penalties read by program, renumbering matched by content, neither checked by hand): a
    penalty citation to an article the program read no penalty in, whose number in the version before held a penalty
    article that moved to another penalty article — perhaps the number before the revision. A hint, never a finding."""
    v, article = r.version, r.citation.article
    if not v.draft_provisions or in_article(v.draft_provisions, article):
        return
    for change in r.law.renumbering:
        if not (change.generated and change.to_version == v.id):
            continue
        moved = change.articles.get(article)
        old = next((o for o in r.law.versions if o.id == change.from_version), None)
        if (moved and moved != article and old is not None and in_article(old.draft_provisions, article)
                and in_article(v.draft_provisions, moved)):
            yield {"kind": "manual", "where": where,
                   "what": f"“{r.citation.raw}”在《{r.law.name}》（{v.id}年版）中不是程序读出的罚则条款；按条文内容比对，"
                           f"{change.from_version}年版第{to_cn(article)}条的内容在{v.id}年版为第{to_cn(moved)}条"
                           "（程序比对，未经人工核对），疑似沿用修订前的条文序号"}
            return


@derive
def penalties(ctx):
    """The proposed penalty against the penalty provisions that govern it (第三十七条 chooses the version)."""
    pkg = ctx.package
    decision = pkg.proposed_decision
    if pkg.citations is None or decision is None or decision.outcome != "penalize":
        return
    penalty_cited = ctx.resolved_citations("penalty")
    violated = ctx.resolved_citations("violated")
    specific = [r for _, r in penalty_cited if r.citation.article and not (r.law and r.law.id == GENERAL_LAW)]
    if not specific:
        yield {"kind": "no_penalty_basis", "where": "/citations/penalty", "why": "未引用设定处罚的条款（处罚依据）"}
    elif {_key(r) for r in specific} <= {_key(r) for _, r in violated} and all(_sets_no_penalty(r) for r in specific):
        # one article may both prohibit and penalize (治安管理处罚法 and many regulations): citing it twice is right;
        # only an article that is known to set no penalty leaves the decision without a penalty basis
        yield {"kind": "no_penalty_basis", "where": "/citations/penalty", "why": "处罚依据与违法依据相同，且该条款不设定处罚，只引用了违法依据"}
    if not ctx.penalties:
        if ctx.orders_only:
            yield {"kind": "manual", "where": "/proposed_decision/penalties",
                   "what": "拟处理决定未列处罚种类，案卷写明的是责令限期拆除、退还土地等责令改正的措施：未核对处罚种类和幅度"}
        else:
            yield {"kind": "gap", "where": "/proposed_decision/penalties", "what": "拟作出的处罚种类和数额"}
        return
    governed = ctx.once(governed_penalties)
    # a provision that only says "依照……处罚" lists no types: with such a one among them, types cannot be checked; nor
    # with a cited penalty provision the catalog cannot read (a generated law): 行政处罚法第二十八条第二款 cited beside it
    # allows 没收违法所得, not only that
    typed = (all(p.penalties for _, g, _ in governed for p in (g.old, *g.lighter))
             and len({id(c) for c, _, law_id in governed if law_id != GENERAL_LAW})
             == len([r for r in specific if not _sets_no_penalty(r)]))
    allowed = {kind for _, g, _ in governed for p in (g.old, *g.lighter) for kind in p.penalties}
    collected = [r.law.collects_property for _, r in penalty_cited if r.law and r.law.collects_property]
    if collected:  # 治安管理处罚法第十一条第一款: 赌资、赌具 are taken under the law's own article, not the one broken
        allowed.add("confiscate_property")
    for p, penalty in ctx.penalties:
        if penalty.type is None:
            yield {"kind": "gap", "where": f"/proposed_decision/penalties/{p}/type", "what": "处罚种类"}
            continue
        # 没收违法所得 needs no provision of its own: 第二十八条第二款 makes it the rule; orders to undo the act
        # (限期拆除、恢复原状 …) are measures the catalog does not list among a provision's penalties
        if (governed and typed and penalty.type not in allowed and penalty.type != "confiscate_income"
                and penalty.type not in CORRECTIVE_MEASURES):
            yield {"kind": "type_not_allowed", "where": f"/proposed_decision/penalties/{p}/type",
                   "type": PENALTY_LABELS[penalty.type], "written": "、".join(c.raw for c, _, _ in governed),
                   "allowed": "、".join(PENALTY_LABELS[k] for k in sorted(allowed, key=list(PENALTY_LABELS).index))}
    # each fine against its range (engine/fine_checks): above it, a lighter new law, what cannot be checked; below it
    # is 减轻处罚, judged under 裁量 (rules/discretion.py)
    yield from (fact for fact in ctx.once(fine_checks) if fact["kind"] != "fine_below")


@derive
def imposed_penalties(ctx):
    """A fine the cited provision imposes (处/并处……罚款, catalog ``mandatory``) is not left out, unless the law's grounds
    for 减轻 (第三十条、第三十二条) are recorded — then whether 减轻 reaches the type is for the reviewer."""
    decision = ctx.package.proposed_decision
    if decision is None or decision.outcome != "penalize" or not ctx.penalties:
        return
    if any(p.type is None for _, p in ctx.penalties):
        return
    types = {p.type for _, p in ctx.penalties}
    if "confiscate_property" not in types:
        for i, r in ctx.resolved_citations("penalty"):
            if r.provision and "confiscate_property" in r.provision.mandatory:
                # whether goods of the violation are left to confiscate (sold, destroyed) the file may not say: a hint
                yield {"kind": "manual", "where": f"/citations/penalty/{i}",
                       "what": f"{r.citation.raw}规定没收违法生产经营的物品，拟处理决定未没收；是否尚有应当没收的物品"}
                break
    if "fine" in types:
        return
    for i, r in ctx.resolved_citations("penalty"):
        if r.provision and "fine" in r.provision.mandatory:
            conditions = [f.condition for f in r.provision.fines]
            if conditions and all(c and ONLY_WHEN.search(c) for c in conditions):
                # 没收违法所得；拒不改正的，处1万元以上10万元以下的罚款 (市场主体登记管理条例第四十三条): the fine comes with its
                # condition, which the file need not meet; whether it does is for the reviewer
                yield {"kind": "manual", "where": f"/citations/penalty/{i}", "written": r.citation.raw,
                       "what": f"{r.citation.raw}在“{'”“'.join(dict.fromkeys(conditions))}”时处罚款，拟处理决定未处罚款；"
                               "本案是否属于该情形"}
                continue
            lighter_tier = [f for f in r.provision.fines if ctx.circumstance == "minor" and f.circumstance
                            and "minor" in f.circumstance]
            if lighter_tier:
                # the file's 情节 selects a tier of its own (治安管理处罚法第四十三条第一款：情节较轻的，处五日以下拘留或者五百元
                # 以下罚款): the catalog marks the fine mandatory for the article's main tier; in this one it may be an
                # alternative to the other penalty
                yield {"kind": "manual", "where": f"/citations/penalty/{i}",
                       "what": f"{r.citation.raw}对“{lighter_tier[0].condition or '该情节'}”另定处罚，拟处理决定未处罚款：该情节下罚款"
                               "是否可与其他处罚择一"}
                continue
            kind = "manual" if ctx.mandatory_lighter else "fine_left_out"
            yield {"kind": kind, "where": f"/citations/penalty/{i}", "written": r.citation.raw,
                   "what": f"{r.citation.raw}规定并处罚款，拟处理决定未处罚款；案卷载明应当从轻或者减轻处罚的情形，"
                           "减轻是否及于处罚种类"}
            return


# a condition under which a provision fines at all (拒不改正的，处……罚款), not one that only picks the tier (对单位, 发生一般事故的)
ONLY_WHEN = re.compile(r"拒不|逾期(仍)?(不|未)|情节(特别)?严重")


# 第二十八条第一款: words of a decision that order the act corrected (or record that it already was)
ORDERS_CORRECTION = r"责令[^。；]{0,20}(改正|整改|停止|拆除|恢复|退还|补办|消除|清除|关闭|停业)|限期[^。；]{0,10}(改正|整改|拆除|恢复|补办)|已(经)?(自行)?(改正|整改|停止|拆除|恢复)"


@derive
def correction_ordered(ctx):
    """第二十八条第一款: a penalty comes with an order to correct the act, unless the act has already been corrected."""
    pkg, v = ctx.package, ctx.package.violation
    decision = pkg.proposed_decision
    if decision is None or decision.outcome != "penalize" or not ctx.penalties:
        return
    if (v and v.corrected_promptly) or decision.order_correction:
        return
    if any(p.type in CORRECTIVE_MEASURES for _, p in ctx.penalties):
        return  # 限期拆除、恢复原状 … are the order to correct
    if pkg.decision_text and ctx.matches(ORDERS_CORRECTION, pkg.decision_text):
        return
    correctable = v.correctable if v else None
    if correctable is False:
        return  # a finished act that leaves nothing to undo (殴打他人、闯红灯): nothing to order
    if decision.order_correction is False and correctable:
        yield {"kind": "correction_missing", "where": "/proposed_decision/order_correction"}
    elif decision.order_correction is False:
        yield {"kind": "manual", "where": "/proposed_decision/order_correction",
               "what": "拟处理决定未责令改正；案卷未载明违法状态是否持续或者可以纠正"}
    elif pkg.decision_text is None:
        yield {"kind": "manual", "where": "/proposed_decision/order_correction",
               "what": "案卷未载明是否责令改正（第二十八条第一款）"}


@derive
def penalty_fits_violation(ctx):
    """第五十九条第一款第（三）项: a penalty article that names the provisions whose breach it penalizes (防洪法第五十六条：
    违反本法第十五条第二款、第二十三条规定，围海造地……) punishes those acts. Cited for the breach of another article of the
    same law, and of none it names, it is not this act's basis. Read only where the file cites a violated article of that
    law and the catalog holds what the text names (``breaches``, read from the text by program); a penalty article
    that says only 违反本法规定 names nothing and is not held against anything."""
    violated = [r for _, r in ctx.resolved_citations("violated") if r.law and r.version and r.citation.article]
    for i, r in ctx.resolved_citations("penalty"):
        if not (r.law and r.version and r.citation.article) or r.law.id == GENERAL_LAW:
            continue
        named = r.version.breached(r.citation.article, r.citation.paragraph, r.citation.item)
        own = {x.citation.article for x in violated if x.law.id == r.law.id and x.version.id == r.version.id}
        if named and own and not own & named and r.citation.article not in own:  # cited as violated too: no two articles to compare
            yield {"kind": "violation_not_penalized", "where": f"/citations/penalty/{i}", "written": r.citation.written,
                   "law": r.law.name, "named": "、".join(f"第{to_cn(a)}条" for a in sorted(named)),
                   "cited": "、".join(f"第{to_cn(a)}条" for a in sorted(own))}


@rule("LAW-020", on="violation_not_penalized", severity="major",
      title="处罚依据所罚的不是所引违法依据规定的行为",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
      provision="行政处罚决定书应当载明行政处罚的种类和依据。罚则写明“违反本法第×条规定”的，所罚的是违反该条的行为。",
      message="{written}处罚的是违反《{law}》{named}规定的行为，而违法依据引用的是该法{cited}",
      suggestion="核对违法行为违反的条款，引用处罚该行为的罚则（罚则写明其所对应的违法条款）；违法依据引错的，更正违法依据",
      teaching="罚则通常写明它处罚的是违反哪一条的行为（防洪法第五十五条对应第二十二条，第五十六条对应第十五条、第二十三条）。"
               "违法依据与处罚依据对不上，往往是引错了罚则：幅度相同也不能替代。")
def violation_not_penalized(m):
    return None


@derive
def violated_binds_units(ctx):
    """第五十九条第一款第（二）项: the decision states the law the party broke. An article that lays its duty on
    organizations only (the catalog's ``units_only``: 消防法第十六条 机关、团体、企业、事业等单位应当……) is no provision a
    natural person breaks: cited as violated against parties who are all natural persons (not 个体工商户), it is the
    wrong one (a resident's blocked stairway breaks 第二十八条 — 任何单位、个人不得……)."""
    parties = ctx.package.parties or []
    if not parties or any(p.kind != "individual" for p in parties):
        return
    # 但书: the cited penalty article is the one written for the unit's breach of it, and falls on the unit's people
    # (消防法第六十七条: 单位违反本法第十六条……逾期不改正的，对其直接负责的主管人员……给予警告): the person is punished for it
    # — where the file says the party is such a person (法定代表人, 直接负责的主管人员 …): a landlord is not one
    answered = {(r.law.id, a) for _, r in ctx.resolved_citations("penalty") if r.law and r.version and r.citation.article
                for a in r.version.breached(r.citation.article, r.citation.paragraph, r.citation.item)} \
        if any(_a_units_person(ctx, q) for q in parties) else set()
    for i, r in ctx.resolved_citations("violated"):
        if r.law and r.version and r.citation.article in r.version.units_only and (r.law.id, r.citation.article) not in answered:
            yield {"kind": "violated_binds_units", "where": f"/citations/violated/{i}", "written": r.citation.written,
                   "law": r.law.name}


# a unit's person: 法定代表人, 直接负责的主管人员, or a head named with the unit (公司负责人, 酒店经理) — not a 房主及负责人
_UNITS_PERSON = re.compile(r"直接负责的主管人员|其他直接责任人员|法定代表人|(?:公司|单位|企业|厂|店|酒店|宾馆|学校|医院|中心|集团|商场|超市)"
                           r"[^，。；、]{0,8}(?:主要负责人|负责人|消防安全责任人|总经理|经理|厂长|店长|董事长)")


def _a_units_person(ctx, party) -> bool:
    """Whether the file says the individual acts for a unit: the party's own role fields, or the finding of fact."""
    extra = party.model_extra or {}
    said = " ".join(str(v) for k, v in extra.items() if k in ("role", "role_in_case", "position", "title") and v)
    return bool(_UNITS_PERSON.search(said) or (ctx.package.facts_text and party.name
                                               and re.search(re.escape(party.name) + r"[^。；]{0,30}(?:" + _UNITS_PERSON.pattern + ")",
                                                             ctx.package.facts_text)))


@rule("LAW-022", on="violated_binds_units", severity="major",
      title="违法依据所引条款只约束单位，当事人是个人",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（二）项",
      provision="行政处罚决定书应当载明下列事项：……（二）违反法律、法规、规章的事实和证据。"
                "条文以单位为义务主体的（消防法第十六条：机关、团体、企业、事业等单位应当履行下列消防安全职责），个人不是违反该条的主体。",
      message="{written}规定的是单位的义务，当事人是个人，不是违反该条的主体",
      suggestion="改引约束该个人的条款（如消防法第二十八条“任何单位、个人不得……占用、堵塞、封闭疏散通道”）；当事人实为单位的，更正当事人",
      teaching="同一行为，单位和个人违反的可能是不同的条：消防法第十六条是单位的消防安全职责，个人占用疏散通道违反的是第二十八条，"
               "罚则是第六十条第二款（个人：警告或者五百元以下罚款）。引用违法依据前先看条文约束的是谁。")
def violated_binds_units_rule(m):
    return None


# a fine branch open only to an act not corrected by the deadline (特种设备安全法第八十三条: 责令限期改正；逾期未改正的，……处罚款);
# a branch that also opens on another ground (拒不改正或者情节严重的) is not one
# (逾期仍不移交有关资料的, 逾期仍不申报检验的, 逾期未办理的: whatever the act to be done by the deadline)
_ONLY_UNCORRECTED = re.compile(r"逾期(?:仍)?(?:未|不)|拒不(?:改正|整改)")
_OTHER_GROUND = re.compile(r"或者|或|情节|造成|以上")


@derive
def fine_after_correction_order(ctx):
    """第七十六条第一款第（一）项 and the cited article's own words (原则 + 但书 inside one provision): where the penalty
    provision orders correction first and fines only 逾期未改正 (特种设备安全法第八十三条), a fine on a party the file finds
    corrected in time has no basis. Read only where the file says the act was corrected promptly and does not find it
    uncorrected by a deadline, and no other cited penalty provision sets a fine without that condition."""
    pkg = ctx.package
    decision = pkg.proposed_decision
    fines = [p for _, p in ctx.penalties if p.type == "fine"]
    if not fines or not decision or decision.outcome != "penalize" or ctx.fine_facts.corrected is not True:
        return
    cited = [(i, r) for i, r in ctx.resolved_citations("penalty")
             if r.provision and r.law and r.law.id != GENERAL_LAW and r.provision.fines]
    if not cited:
        return
    conditional = [(i, r) for i, r in cited if all(_only_if_uncorrected(b) for b in r.provision.fines)]
    if conditional and len(conditional) == len(cited):
        i, r = conditional[0]
        yield {"kind": "fine_only_if_uncorrected", "where": f"/citations/penalty/{i}", "written": r.citation.written,
               "condition": r.provision.fines[0].condition}
        return
    # 双罚: a fine on the unit's manager where every fine the cited provisions set on such persons waits for the unit's
    # 逾期未改正 (安全生产法第九十七条: 逾期未改正的……对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款)
    # another cited provision with no branch worded on persons may be the person's own article (安全生产法第九十四条: 主要负责人
    # 未履行……职责的，处……罚款): the fine may be under it
    on_people = [(r, b) for _, r in cited for b in r.provision.fines if on_persons(b)]
    every_article_splits = all(any(on_persons(b) for b in r.provision.fines) for _, r in cited)
    if on_people and every_article_splits and all(_only_if_uncorrected(b) for _, b in on_people):
        r, b = on_people[0]
        for p, penalty in ctx.penalties:
            if penalty.type == "fine" and payer(ctx, penalty) == "person":
                yield {"kind": "fine_only_if_uncorrected", "where": f"/proposed_decision/penalties/{p}",
                       "written": r.citation.written, "condition": b.condition}


def _only_if_uncorrected(branch) -> bool:
    return bool(branch.condition and _ONLY_UNCORRECTED.search(branch.condition) and not _OTHER_GROUND.search(branch.condition))


@rule("LAW-021", on="fine_only_if_uncorrected", severity="major",
      title="所引罚则只对逾期未改正的处以罚款，当事人已及时改正",
      basis="《中华人民共和国行政处罚法》第七十六条第一款第（一）项",
      provision="行政机关实施行政处罚，有下列情形之一，由上级行政机关或者有关机关责令改正：（一）没有法定的行政处罚依据的。"
                "罚则写“责令限期改正；逾期未改正的，处……罚款”的，罚款以逾期未改正为条件（如特种设备安全法第八十三条）。",
      message="{written}规定先责令限期改正，{condition}才处罚款；案卷载明当事人已及时改正，未认定逾期未改正，拟罚款没有依据",
      suggestion="核对违法行为应适用的罚则：属于所引条款的，先责令限期改正，逾期未改正的才能罚款；属于直接处罚款的其他条款（如使用未经检验的设备）的，改引该条款",
      teaching="“责令限期改正；逾期未改正的，处……罚款”是先改后罚：限期内改正了，就只能责令改正、不能罚款。"
               "常见错误是把先改后罚的条款当成直接罚款的条款，或者引错了条（特种设备安全法第八十三条与第八十四条）。")
def fine_only_if_uncorrected(m):
    return None


@derive
def item_fits_conduct(ctx):
    """第五十九条第一款第（三）项: the basis is the paragraph or item that names the act (engine/conduct.py). For an
    article whose items name different acts (the catalog's ``conduct``, in the statute's words), the cited item is
    questioned only when the finding of fact says none of its words and says the words of exactly one other item the
    file does not also cite; the same for paragraphs (``paragraph_conduct``)."""
    text = finding_text(ctx)
    if not text:
        return
    cited = [(i, r) for i, r in ctx.resolved_citations("penalty") if r.law and r.version]
    for i, r in cited:
        if r.citation.item:
            yield from _item_fits(text, i, r, cited)
            continue
        named = named_paragraph(ctx, r.citation, r.version, {(x.citation.article, x.citation.paragraph) for _, x in cited
                                                             if x.law.id == r.law.id})
        if named:
            other, words = named
            yield {"kind": "item_mismatch", "where": f"/citations/penalty/{i}", "written": r.citation.written,
                   "fitting": written_form(r.citation.law_name, other.article, other.paragraph, None), "words": words}


def _item_fits(text, i, r, cited):
    conduct = _conduct(r)
    if not conduct or r.citation.item not in conduct:
        return
    same = {x.citation.item for _, x in cited if x.law.id == r.law.id and x.citation.article == r.citation.article
            and x.citation.paragraph == r.citation.paragraph and x.citation.item}
    if said_words(text, conduct[r.citation.item]):
        return
    others = [item for item, pattern in conduct.items() if item not in same and said_words(text, pattern)]
    if len(others) == 1:
        fitting = written_form(r.citation.law_name, r.citation.article, r.citation.paragraph, others[0])
        yield {"kind": "item_mismatch", "where": f"/citations/penalty/{i}", "written": r.citation.written,
               "fitting": fitting, "words": said_words(text, conduct[others[0]])}


def _conduct(r) -> dict:
    """The conduct words of the cited article's items, from the provision entry of that article and paragraph."""
    c = r.citation
    for p in r.version.provisions:
        if p.conduct and p.article == c.article and p.paragraph in (c.paragraph, None) and p.item is None:
            return p.conduct
    return {}


def _some_penalty_article(ctx, law_id=None) -> bool:
    """Whether any cited penalty basis (of ``law_id`` where given) is an article that sets a penalty (or one the catalog
    cannot judge): an article that computes the base beside its own law's penalty article is normal (产品质量法第七十二条);
    a regulation's article that sets no penalty, beside another law's, is not saved by it (W10: 土地管理法实施条例第四十二条,
    its number before the 2021 revision, beside 土地管理法第七十七条第一款)."""
    return any(r.law and r.law.id != GENERAL_LAW and r.citation.article and not _sets_no_penalty(r)
               and (law_id is None or r.law.id == law_id)
               for _, r in ctx.resolved_citations("penalty"))


def _sets_no_penalty(r) -> bool:
    """True only when the catalog knows the version's penalty provisions and this article is not among them."""
    return bool(r.law and r.version and r.version.provisions and not _any_provision(r.version, r.citation.article))


def _sets_a_penalty(r) -> bool:
    """True only when the catalog knows the version's penalty provisions and this article is among them."""
    return bool(r.law and r.version and r.version.provisions and _any_provision(r.version, r.citation.article))


def _key(r):
    return (r.law.id if r.law else r.citation.law_name, r.citation.article, r.citation.paragraph, r.citation.item)


# a sentence that states the basis (违反……的规定；依据……) — not the remedies, the payment or a stay of execution
BASIS_SENTENCE = re.compile(r"违反|依据|根据|依照|按照|适用")
NOT_BASIS_SENTENCE = re.compile(r"复议|诉讼|起诉|暂缓执行|加处罚款|逾期不|缴纳|强制执行")


@derive
def decision_text(ctx):
    """The draft decision as written: full names, the same provisions as `citations`, 2021 numbering."""
    pkg = ctx.package
    if not pkg.decision_text:
        return
    penalizes = _penalizes(pkg)
    text = pkg.decision_text
    written = ctx.read(text)
    resolved = [(c, resolve(c, ctx.catalogs, ctx.law_date)) for c in written]
    defined = {m.group("short") for m in SHORT_NAME_DEFINITION.finditer(halfwidth(text))}
    shorts = {}
    for c, r in resolved:
        name = "".join(c.law_name.split())
        if r.law and c.bracketed and name != r.law.name and name not in defined and r.law.id not in shorts:
            shorts[r.law.id] = {"kind": "short_name", "where": "/decision_text", "short": c.law_name, "full": r.law.name}
    yield from shorts.values()
    fields = [r for f in ("violated", "penalty") for _, r in ctx.resolved_citations(f)
              if r.law and r.citation.article and r.law.id != GENERAL_LAW]
    in_text = [r for _, r in resolved if r.law and r.citation.article and r.law.id != GENERAL_LAW]
    if fields and in_text and penalizes:  # a 移送书 or a 不予处罚决定书 need not recite the penalty basis
        laws = {r.law.id for r in fields}
        # a field citation the text leaves out matters when it is a violated provision or sets the penalty (an article
        # on seized articles or competence beside them may be left to the file)
        violated_keys = {_key(r) for _, r in ctx.resolved_citations("violated")}
        sentences = Sentences(text)
        # an article beside the penalty basis (the procedure, the organ) counts only if the catalog knows it sets a penalty:
        # where the version is not held (道路交通安全法 2011 第一百零七条, 当场处罚) that cannot be told
        extra_cited = [t for t in in_text if t.law.id in laws and sentences.states_basis(t.citation.span)
                       and not sentences.denied(t.citation.span) and not sentences.displaced(t.citation.span)
                       and not sentences.earlier_case(t.citation.span) and not sentences.taken_before(t.citation.span)
                       and (sentences.is_violated(t.citation.span) or _sets_a_penalty(t))
                       and not any(_same(t, r) for r in fields)]
        extra = [t.citation.written for t in extra_cited]
        # a paragraph of an article the text cites otherwise (第九十八条第三款第（五）项, the definition of 劣药, beside the
        # text's 第九十八条第一款) is the same basis written less finely, not a basis left out
        # a violated provision that sets no penalty and supports another of the same law (公路安全保护条例第十一条 defines the
        # 建筑控制区 of its 第十三条; 取水许可和水资源费征收管理条例第二条 defines 取水) may be left to the file when the text
        # recites that other and no article of that law the file does not cite; another item of an article the text
        # recites (食品安全法第六十七条第一款第（八）项 beside its 第（六）项) and a penalty article cited as violated
        # (治安管理处罚法第五十七条) may not
        penalty_keys = {_key(r) for _, r in ctx.resolved_citations("penalty")}
        recited = [t for t in in_text if any(_same(t, r) for r in fields)]
        missing = [r.citation.written for r in fields
                   if not any(_same(r, t) or (_sets_no_penalty(r) and _other_paragraph(r, t)) for t in in_text)
                   and (_key(r) in violated_keys or not _sets_no_penalty(r))
                   and not (_key(r) not in penalty_keys and not _sets_a_penalty(r)
                            and any(t.law.id == r.law.id for t in recited)
                            and not any(t.law.id == r.law.id and t.citation.article == r.citation.article for t in recited)
                            and not any(t.law.id == r.law.id for t in extra_cited))]
        if missing or extra:
            yield {"kind": "text_mismatch", "where": "/decision_text",
                   "detail": "；".join(filter(None, [
                       "送审依据中的" + "、".join(dict.fromkeys(missing)) + "未见于决定书" if missing else "",
                       "决定书中的" + "、".join(dict.fromkeys(extra)) + "不在送审依据中" if extra else ""]))}
    yield from _old_penalty_law_numbers(text, resolved, "/decision_text")


_SENTENCE_END, _VIOLATES, _BASIS_WORD = re.compile(r"[。；;\n]"), re.compile("违反"), re.compile(r"依据|根据|依照|按照|适用")
_DISPLACED = re.compile(r"[^。；;]{0,12}(亦|也|同样)(设定|规定)|[^。；;]{0,40}(上位法优先|优先适用|不再适用|不予适用)"
                        r"|[^。；;]{0,12}(另案处理|另行处理|另案查处)")  # the basis of another person's case
_BOTH_BREACHED = re.compile(r"同时(?:违反|触犯|构成)|同时符合|既违反")  # 既违反……，又违反……
_HIGHER_FINE = re.compile(r"罚款数额(?:较)?高|数额较高|较重的规定|第二十九条")
# another person's case named before its basis (对主要负责人另案依照……第九十五条处理)
_OTHER_CASE_BEFORE = re.compile(r"(另案|另行)[^，,。；;]{0,8}$")
# a provision the party did not break, or one the decision says does not apply (不属于同法第一百二十五条第二款规定的……情形)
_DENIED = re.compile(r"(未|没有|不|无)[^，,。；;]{0,5}违反\s*$|(不属于|不适用|不符合|并非|不构成)\s*$")
# the law in force when the act was done, named to compare with the lighter new one (从旧兼从轻): mentioned, not applied
_OLD_LAW = re.compile(r"(行为时|修订前|修改前)的?\s*$|(依照|依据|按照|适用)原\s*$")
# a measure already taken in the case, recited (本局已依据……第十六条第一款责令当事人公告查找; 已依照……予以扣押): its basis is
# that measure's, not a basis of the decision
_TAKEN_BEFORE = re.compile(r"已经?\s*(依据|依照|根据|按照)\s*$")


class Sentences:
    """A text's sentences (to 。；; or a line end), indexed once so that every look-up is a bisection: the passes over
    a decision text stay linear in its length however many citations it holds."""

    def __init__(self, text: str):
        self.text = text
        self.ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        self.violates = [m.start() for m in _VIOLATES.finditer(text)]
        self.bases = [m.start() for m in _BASIS_WORD.finditer(text)]
        self._kind: dict[int, bool] = {}

    def bounds(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.ends, pos)
        start = self.ends[i - 1] + 1 if i else 0
        return start, self.ends[i] if i < len(self.ends) else len(self.text)

    def sentence(self, span) -> str:
        start, end = self.bounds(span[0])
        return self.text[start:end]

    def states_basis(self, span) -> bool:
        """Whether a citation stands in a sentence that states the violation or the penalty basis."""
        start, end = self.bounds(span[0])
        if start not in self._kind:
            s = self.text[start:end]
            self._kind[start] = bool(BASIS_SENTENCE.search(s)) and not NOT_BASIS_SENTENCE.search(s)
        return self._kind[start]

    def denied(self, span) -> bool:
        """Whether the citation follows 未发现违反 / 没有违反 / 不违反 (a provision the party did not break), 不属于 (one that
        does not apply) or 行为时的 (the old law a lighter new one replaces) in its clause."""
        start, _ = self.bounds(span[0])
        return bool(_DENIED.search(self.text, max(start, span[0] - 16), span[0])
                    or _OLD_LAW.search(self.text, max(start, span[0] - 8), span[0]))

    def displaced(self, span) -> bool:
        """Whether the citation is named as the provision another one displaces (…第三十一条亦设定了处罚，依照上位法优先
        适用的原则，本案适用…; 同时违反……第八十三条和……第三十四条的规定，依据第二十九条按照罚款数额高的规定处罚): mentioned, not
        applied."""
        start, end = self.bounds(span[0])
        # the rule applied may follow in the next sentences (……同时违反A和B的规定。依据第二十九条，按照罚款数额高的……; ……的规定。
        # 上述两项规定对同一违法行为均设定了罚款。根据……第二十九条……): up to two sentences on
        following = end
        for _ in range(2):
            following = self.bounds(following + 1)[1] if following < len(self.text) else following
        if _BOTH_BREACHED.search(self.text, start, span[0]) and _HIGHER_FINE.search(self.text, start, following):
            return True  # 行政处罚法第二十九条: the provisions the act breaches at once, the one with the higher fine applied
        return bool(_DISPLACED.match(self.text, span[1], end)
                    or _OTHER_CASE_BEFORE.search(self.text, max(start, span[0] - 10), span[0]))

    def taken_before(self, span) -> bool:
        """Whether the citation is the basis of a measure already taken in the case (本局已依据…责令…): recited, not applied
        by the decision."""
        start, _ = self.bounds(span[0])
        return bool(_TAKEN_BEFORE.search(self.text, max(start, span[0] - 8), span[0]))

    def earlier_case(self, span) -> bool:
        """Whether the citation is the basis on which the party was penalized before (被本局依据…处罚): not this case's."""
        start, _ = self.bounds(span[0])
        return recites_earlier_case(self.text, span[0], start)

    def is_violated(self, span) -> bool:
        """Whether a citation stands after 违反 in its sentence with no 依据/根据 between: it names the violated
        provision. Other articles of the law in a basis sentence (the procedure, the organ) count only if they set a penalty."""
        start, _ = self.bounds(span[0])
        i = bisect.bisect_left(self.violates, span[0])
        if not i or self.violates[i - 1] < start:
            return False
        after = self.violates[i - 1]
        j = bisect.bisect_right(self.bases, after)
        return not (j < len(self.bases) and self.bases[j] < span[0])


def _other_paragraph(a, b):
    """Another paragraph of the same article (第九十八条第三款第（五）项 beside 第一款): not another item of one paragraph."""
    ca, cb = a.citation, b.citation
    return (a.law.id == b.law.id and ca.article == cb.article and ca.paragraph is not None and cb.paragraph is not None
            and ca.paragraph != cb.paragraph)


def _same(a, b):
    ca, cb = a.citation, b.citation
    return (a.law.id == b.law.id and ca.article == cb.article
            and (ca.paragraph is None or cb.paragraph is None or ca.paragraph == cb.paragraph)
            and (ca.item is None or cb.item is None or ca.item == cb.item))


def _old_penalty_law_numbers(text, resolved, where):
    """行政处罚法 cited by its 2017 numbers in a file decided under the 2021 text, told by the words around it: the
    sentence speaks of the old article's topic and not of the topic the number has in 2021."""
    sentences = Sentences(text)
    for c, r in resolved:
        if not (r.law and r.law.id == GENERAL_LAW and r.version and r.version.id == PENALTY_LAW_2021):
            continue
        sentence = sentences.sentence(c.span)
        if any(c.article in new and re.search(words, sentence) for words, _, new in PENALTY_LAW_TOPICS):
            continue  # the sentence speaks of what this number means in 2021
        for words, old_articles, new_articles in PENALTY_LAW_TOPICS:
            if c.article in old_articles and c.article not in new_articles and re.search(words, sentence):
                yield {"kind": "old_number", "where": where, "written": c.raw, "law": r.law.name, "old_version": "2017",
                       "version": PENALTY_LAW_2021, "new": "、".join(f"第{to_cn(n)}条" for n in new_articles)}
                break


@rule("LAW-001", on="unknown_law", severity="hint",
      title="引用的法律规范不在法律目录中",
      basis="《中华人民共和国行政处罚法》第四条",
      provision="行政处罚依照法律、法规、规章规定实施；未经公布的规定不得作为依据（第五条第三款）。",
      message="法律目录未收录“{written}”，未能自动核对其效力与条文，请人工核对",
      suggestion="核对法律名称是否规范、完整（应使用全称）；如为本地法规规章，请在法律目录中登记",
      teaching="引用法律应使用全称并准确到条、款、项。目录查不到时不等于引用错误，但审核人员须人工核对该规范是否有效、是否已公布。")
def unknown_law(m):
    return None


@rule("LAW-002", on="fine_above", severity="major",
      title="罚款数额超出所引处罚依据的法定幅度",
      basis="《中华人民共和国行政处罚法》第七十六条第一款第（二）项",
      provision="行政机关实施行政处罚，擅自改变行政处罚种类、幅度的，由上级行政机关或者有关机关责令改正。处罚须在所引条款规定的幅度内。",
      message="拟罚款{amount_text}，而{written}（{version}年版）允许的幅度为{range}",
      suggestion="在法定幅度内重新确定罚款数额，或核对处罚依据及计算基数（货值金额、违法所得等）",
      teaching="罚款幅度常以货值金额、违法所得的倍数表示，并有“不足X元的”替代幅度。先确认计算基数有证据支撑，再确认选用的分支，最后核对数额。")
def above_maximum(m):
    return None


@rule("LAW-003", on="no_penalty_basis", severity="major",
      title="缺少处罚依据",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
      provision="行政处罚决定书应当载明行政处罚的种类和依据。",
      message="拟作出处罚，但{why}",
      suggestion="引用设定该处罚的法律、法规、规章条款（罚则），准确到条、款、项",
      teaching="违法依据（违反了哪条）与处罚依据（依哪条处罚）是两回事，二者都要引用。只写“违反了……的规定”而没有“依据……”的，属于适用法律不完整。")
def no_penalty_basis(m):
    return None


@rule("LAW-004", on="no_provision", severity="major",
      title="所引条、款、项在该版本中不存在",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
      provision="行政处罚决定书应当载明行政处罚的种类和依据。",
      message="“{written}”在{law}（{version}年版）中不存在：{structure}",
      suggestion="核对条、款、项序号；法律修订后条文可能已重新编号",
      teaching="应以违法行为发生时施行的版本核对条文（从旧兼从轻）。常见错误：把“项”写成“款”，或沿用修订前的序号。")
def no_provision(m):
    return None


@rule("LAW-005", on="unreadable", severity="major",
      title="法律依据无法识别或未具体到条",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
      provision="行政处罚决定书应当载明行政处罚的种类和依据。",
      message="{field}“{text}”无法识别为具体到条的法律条文",
      suggestion="以“《法律全称》第X条第X款第（X）项”的形式写明依据",
      teaching="依据要准确到条、款、项、目；只写“依据《食品安全法》有关规定”属于适用法律不具体，是评查扣分项。")
def unreadable(m):
    return None


@rule("LAW-006", on="old_number", severity="major",
      title="沿用了修订前的条文序号",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
      provision="行政处罚决定书应当载明行政处罚的种类和依据；法律修订后应引用施行版本的条文序号。",
      message="“{written}”疑似按{law}{old_version}年版的序号引用，在{version}年版中该内容位于{new}",
      suggestion="改为引用{version}年版的{new}，并核对条文内容",
      teaching="行政处罚法2021年修订后条文大幅重排：从轻减轻由第二十七条变为第三十二条，陈述申辩由第三十二条变为第四十五条，听证由第四十二条变为第六十三、六十四条。沿用旧序号会导致依据错误。")
def old_number(m):
    return None


@rule("LAW-016", on="correction_missing", severity="major",
      title="处罚时未责令改正违法行为",
      basis="《中华人民共和国行政处罚法》第二十八条第一款",
      provision="行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为。",
      message="拟作出行政处罚，但未责令当事人改正或者限期改正，案卷也未载明违法行为已经改正",
      suggestion="在决定书中责令当事人改正或者限期改正违法行为；已经改正的，载明改正情况",
      teaching="处罚不是目的，纠正违法才是：第二十八条第一款要求处罚的同时责令改正（或限期改正）。违法状态已经消除的，应当在决定书中载明。")
def correction_missing(m):
    return None


@rule("LAW-017", on="fine_left_out", severity="major",
      title="所引条款规定并处罚款，拟处理决定未处罚款",
      basis="《中华人民共和国行政处罚法》第七十六条第一款第（二）项",
      provision="行政机关实施行政处罚，有下列情形之一，由上级行政机关或者有关机关责令改正，对直接负责的主管人员和其他直接责任人员依法给予处分：……（二）擅自改变行政处罚种类、幅度的。",
      message="{written}规定应当处（并处）罚款，拟处理决定未处罚款",
      suggestion="依所引条款并处罚款；依法应当减轻处罚的，载明法定情形（第三十条、第三十二条）和理由",
      teaching="罚则写“处……罚款”“并处……罚款”的，罚款是必处的种类；写“可以并处”的才可以不处。漏处法定的处罚种类，是擅自改变处罚种类。")
def fine_left_out(m):
    return None


@rule("LAW-007", on="repealed", severity="major",
      title="引用的法律在违法行为发生时已失效",
      basis="《中华人民共和国行政处罚法》第三十七条",
      provision="实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。",
      message="{law}自{until}起不再施行{by}，而违法行为发生于{date}",
      suggestion="核对违法行为发生时施行的法律规范，引用其有效版本",
      teaching="废止或被替代的法规规章不能作为处罚依据；应查明违法行为发生时有效的规范，决定时新规定更轻的，适用新规定。")
def repealed(m):
    return None


@rule("LAW-008", on="not_penalty", severity="major",
      title="所引处罚依据不是设定处罚的条款",
      basis="《中华人民共和国行政处罚法》第三十八条第一款",
      provision="行政处罚没有依据或者实施主体不具有行政主体资格的，行政处罚无效。",
      message="处罚依据“{written}”在{law}（{version}年版）中不是罚则条款，没有规定处罚",
      suggestion="引用“法律责任”章中设定该处罚的条款",
      teaching="处罚依据必须是设定了处罚种类和幅度的条款（通常在“法律责任”一章）；义务性条款只能作为违法依据。")
def not_penalty(m):
    return None


@rule("LAW-018", on="item_mismatch", severity="major",
      title="所引处罚依据的条款项与认定的违法行为不符",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
      provision="行政处罚决定书应当载明下列事项：……（三）行政处罚的种类和依据。",
      message="事实认定写明“{words}”，是{fitting}规定的行为，处罚依据却引用{written}",
      suggestion="改引与认定的违法行为相符的条款项（{fitting}），并按其核对处罚种类和幅度；确属所引条款项的行为的，在事实认定中写明",
      teaching="一条分项规定不同的违法行为时，处罚依据要具体到与事实相符的那一项：事实是无标签的预包装食品，就是第一百二十五条第一款第（二）项，"
               "不是第（一）项（被污染的食品）。各项的幅度可能不同（道路运输条例第六十三条），引错了项，幅度也跟着错。"
               "相邻的条也是这样：修订后条文序号前移，沿用旧序号就会引到另一种行为的罚则（道路运输条例2023年文本第七十条罚的是站（场）经营者）。")
def item_mismatch(m):
    return None


@rule("LAW-009", on="type_not_allowed", severity="major",
      title="处罚种类不在所引条款规定之内",
      basis="《中华人民共和国行政处罚法》第七十六条第一款第（二）项",
      provision="行政机关实施行政处罚，擅自改变行政处罚种类、幅度的，由上级行政机关或者有关机关责令改正。",
      message="拟作出“{type}”，而{written}规定的处罚为：{allowed}",
      suggestion="删除该处罚，或引用规定该处罚种类的条款",
      teaching="处罚种类法定：所引罚则没有规定的处罚（如吊销、责令停产停业）不能附加。没收违法所得是第二十八条第二款的一般要求，不受此限。")
def type_not_allowed(m):
    return None


@rule("LAW-019", on="paragraph_fits", severity="major",
      title="罚款不在所引款的幅度内，而在同条另一款的幅度内",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项、第七十六条第一款第（二）项",
      provision="行政处罚决定书应当载明行政处罚的种类和依据（第五十九条第一款第（三）项）；擅自改变行政处罚幅度的，责令改正（第七十六条第一款第（二）项）。",
      message="拟罚款{amount_text}，低于{written}（{version}年版）的最低数额（{range}），而在同条另一款即{fitting}的幅度内（{fitting_range}），案卷未记载应当减轻处罚的情形：处罚依据与确定罚款所依的款不一致",
      suggestion="核对违法行为属于哪一款：属于{fitting}的，改引该款；属于所引之款的，在该款幅度内确定罚款",
      teaching="一条分款规定不同的违法行为（森林法第七十六条：第一款盗伐、第二款滥伐），各款的罚款幅度不同。罚款落在另一款的幅度内而低于所引之款，多半是引错了款；真属所引之款，罚款就低于法定最低额。")
def paragraph_fits(m):
    return None


@rule("LAW-012", on="lighter_new", severity="major",
      title="未适用处罚较轻的新规定（从旧兼从轻）",
      basis="《中华人民共和国行政处罚法》第三十七条",
      provision="作出行政处罚决定时，法律、法规、规章已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。",
      message="拟罚款{amount_text}按{written}（{version}年版：{range}）确定；决定时施行的{new_version}年版{new}规定更轻（{new_range}）",
      suggestion="核对案件是否属于新规定的情形；属于的，依第三十七条适用新规定重新确定处罚",
      teaching="从旧兼从轻：先适用行为时的规定，但决定时新规定更轻（或不再认为违法）的，适用新规定。修订后同一条文可能拆分为多项，应找到与案情对应的一项比较。")
def lighter_new(m):
    return None


@rule("LAW-013", on="short_name", severity="hint",
      title="决定书使用了法律简称",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
      provision="行政处罚决定书应当载明行政处罚的种类和依据。",
      message="决定书引用《{short}》，应使用全称《{full}》",
      suggestion="将《{short}》改为《{full}》",
      teaching="对外文书引用法律应使用全称，必要时在首次引用后注明“以下简称”。")
def short_name(m):
    return None


@rule("LAW-014", on="text_mismatch", severity="minor",
      title="决定书引用的条文与送审法律依据不一致",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
      provision="行政处罚决定书应当载明行政处罚的种类和依据。",
      message="{detail}",
      suggestion="统一决定书与审批材料中的违法依据和处罚依据",
      teaching="“引用法律法规前后不一致”是常见评查问题：审批表、告知书、决定书引用的条文应当一致。")
def text_mismatch(m):
    return None


citation_check = manual_rule(
    "LAW-H01",
    title="法律目录未收录，未能自动核对",
    basis="《中华人民共和国行政处罚法》第三十七条",
    provision="实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。",
    suggestion="查询国家法律法规数据库人工核对；需要经常核对的，在法律目录中补录该版本或罚则",
    teaching="目录数据的空缺不是案卷的问题：本工具查不到时只提示人工核对，不退回案卷。")


citation_gap = gap_rule(
    "LAW-G01",
    title="法律依据信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第五十九条第一款第（三）项",
    provision="行政处罚决定书应当载明行政处罚的种类和依据。",
    suggestion="补充违法依据、处罚依据及计算罚款所需的金额",
    teaching="没有依据或计算基数，就无法判断适用法律是否正确、罚款是否在法定幅度内。")
