"""案件事实 (facts): is the party identified and the violation described?

《行政处罚法》第四十条：行政机关必须查明事实；违法事实不清、证据不足的，不得给予行政处罚。
第五十九条第一款第（一）项：决定书应当载明当事人的姓名或者名称、地址。
"""
import bisect
import re

from review_assistant.engine.context import INVESTIGATIVE_STEPS, STEP_LABELS
from review_assistant.law.fines import yuan
from review_assistant.case.identity import id_problem, resident_id_birth, resident_id_ok
from review_assistant.case.labels import party_core_name
from review_assistant.case.money import labeled, value
from review_assistant.case.narrative_dates import dates_in
from review_assistant.case.narrative_dates import read as read_dates
from review_assistant.engine.rulebook import derive, gap_rule, manual_rule, rule

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
    v = pkg.violation
    if v and v.occurred_on and v.discovered_on and v.discovered_on < v.occurred_on:
        # a lead (投诉、举报) about an act the inspection then found: the act may have begun before the day recorded
        yield {"kind": "discovered_before_act", "where": "/violation/discovered_on",
               "discovered": v.discovered_on.isoformat(), "occurred": v.occurred_on.isoformat()}


@derive
def birth_date(ctx):
    """The birth date stated must be the one the resident ID number encodes."""
    for i, party in enumerate(ctx.package.parties or ()):
        if party.kind == "individual" and party.birth_date and party.id_number and resident_id_ok(party.id_number):
            encoded = resident_id_birth(party.id_number)
            if encoded != party.birth_date:
                yield {"kind": "birth_mismatch", "where": f"/parties/{i}/birth_date", "name": party.name or "",
                       "stated": party.birth_date.isoformat(), "encoded": encoded.isoformat()}


# a decision reciting the notice it follows (送达违法行为通知书（拟罚款……）): those figures are what was proposed
# and a record of an earlier case (曾于2024年11月5日因同一违法行为被本局处以罚款3000元; 按日连续处罚 reciting the original
# decision, 作出《行政处罚决定书》（…〔2024〕9号），对当事人罚款15万元): that case's figures, not this one's
DAILY_PENALTY = re.compile(r"按日连续处罚")
DAILY_COUNT = re.compile(r"共(?:计)?\s*(\d{1,4})\s*(?:日|天)")
NOT_THIS_DECISIONS_FIGURES = re.compile(r"告知书|通知书|事先告知|告知拟|听证告知|曾(?:于|因|经|被)|前次|上一次|上次|此前.{0,20}(?:被|因)"
                                        r"|作出[^。；]{0,6}《行政处罚决定书》（[^）]{0,30}〔\d{4}〕|原(?:行政)?处罚决定"
                                        # 以南应急罚〔2025〕19号决定书对该行为处罚款3万元, 作出（苏吴）应急罚〔2024〕0023号行政处罚决定，
                                        # 对其处罚款3万元: a decision named by its 文号, up to words of this decision's own (本次拟处罚款, 依据……决定：)
                                        r"|(?:以|作出)[^。；，,]{0,16}〔\d{4}〕第?\d+号[^。；，,]{0,6}决定(?:(?!本次|本案|此次|拟|现|决定[：:]|依据|根据|依照)[^。；])*$")


@derive
def narrative_figures(ctx):
    """Figures written in the narrative and the draft decision agree with the structured ones."""
    pkg = ctx.package
    structured = dict(ctx.amounts)
    fines = [p.amount for _, p in ctx.penalties if p.type == "fine" and p.amount is not None]
    # the income confiscated from each party (two partners, each his share): a figure the proposal itself gives, where
    # the file has several parties and the shares add up to the income recorded
    shares = [p.amount for _, p in ctx.penalties if p.type == "confiscate_income" and p.amount is not None]
    several = len(pkg.parties or ()) > 1
    acts = len({(r.law.id if r.law else r.citation.law_name, r.citation.article)
                for _, r in ctx.resolved_citations("penalty") if r.citation.article})
    if not (several and len(shares) > 1 and "illegal_income" in structured
            and abs(sum(shares) - structured["illegal_income"]) <= 0.01):
        shares = []
    own_numbers = [n for n in (pkg.decision_number, pkg.case_id) if n and "〔" in n]
    for where, text in (("/facts_text", pkg.facts_text), ("/decision_text", pkg.decision_text)):
        if not text:
            continue
        for number in own_numbers:  # this case's own 文号 is no earlier decision's: blanked, the same length, before reading
            text = text.replace(number, "＊" * len(number))
        for key, written in labeled(text, NOT_THIS_DECISIONS_FIGURES).items():
            expected = fines if key == "fine" else ([structured[key]] if key in structured else [])
            if not expected:
                continue
            agreeing = expected + shares if key == "illegal_income" else expected
            if key == "illegal_income" and shares:
                # a share agrees only as a share: 违法所得共计4800元 states the whole, and is compared with the whole
                # not a party's own 共计 (张国庆违法所得共计4800元), a part's (其中…至…共计), or where the whole is also written
                names = [n for n in (party_core_name(p.name or "") for p in pkg.parties or ()) if len(n) >= 2]
                totals = {value(m.group(1)) for m in WHOLE_INCOME.finditer(text)
                          if not _of_a_part(text[max(0, m.start() - 30):m.start()], names)}
                unmatched_totals = [v for v in written if v in totals and all(abs(v - e) > 0.005 for e in expected)]
                if unmatched_totals and not any(abs(v - e) <= 0.005 for v in written for e in expected):
                    yield {"kind": "figure_mismatch", "where": where, "label": FIGURE_LABELS[key],
                           "written": yuan(unmatched_totals[0]), "expected": "、".join(yuan(e) for e in expected),
                           "field": f"/violation/amounts/{key}"}
                    continue
            if key == "fine" and len(fines) > 1 and not several:
                # one party's violations fined one by one, then 合并执行: the sum is written too (not across parties)
                agreeing = fines + [sum(fines)]
            unmatched = [v for v in written if all(abs(v - e) > 0.005 for e in agreeing)]
            if key == "fine" and DAILY_PENALTY.search(text):
                # 按日连续处罚 (环境保护法第五十九条第一款: 按照原处罚数额按日连续处罚): the original amount, a day's fine, is
                # written beside the total it multiplies into
                # written beside the total it multiplies into: the smallest figure, and by the days counted where the
                # text counts them (计罚日数……共12日) — a total written half the right one is no day's amount
                days = DAILY_COUNT.search(text)
                unmatched = [v for v in unmatched if not (v > 0 and v == min(written) and any(
                    round(e / v) >= 2 and abs(e - round(e / v) * v) <= 0.01
                    and (days is None or round(e / v) == int(days.group(1))) for e in expected))]
            if key == "goods_value" and _sold_and_unsold(written, structured, expected):
                continue
            if key == "goods_value":
                # （货值896元） after goods just named (库存20瓶，连同追回的12瓶共32瓶): the value of that part, not the case's
                parts = {value(m.group(1)) for m in PART_VALUE.finditer(text)}
                unmatched = [v for v in unmatched if not (v in parts and v < max(expected))]
            # a text may give parts and the total of an amount (sold, in stock, altogether): it disagrees with the data
            # only when no figure of that kind equals it; every fine it imposes must be one of the proposed fines
            if not unmatched or (key != "fine" and len(unmatched) < len(written)):
                continue
            parts = set(written)
            if key != "fine" and acts > 1 and len(parts) > 1 and any(abs(sum(parts) - e) <= 0.01 for e in expected):
                continue  # several acts, each with its own figure (货值386.5元；货值1260元): their sum is the recorded one
            yield {"kind": "figure_mismatch", "where": where, "label": FIGURE_LABELS[key],
                   "written": yuan(unmatched[0]), "expected": "、".join(yuan(e) for e in expected),
                   "field": "/proposed_decision/penalties" if key == "fine" else f"/violation/amounts/{key}"}


def _of_a_part(before: str, names) -> bool:
    """The clause before a 共计 figure names a party, a part or a period (对张国庆…、其中、分得、1月10日至15日)."""
    clause = re.split(r"[，,。；;]", before)[-1]
    return any(n in clause for n in names) or re.search(r"其中|分得|各自|分别|至|期间|对", clause) is not None


# the whole income, so written (违法所得共计4800元、违法所得合计人民币9600元): not one party's share of it
WHOLE_INCOME = re.compile(r"违法所得(?:金额|额)?\s*(?:共计|合计|总计|总额为?|累计|共)(?:为|人民币)?\s*([\d,，.]+(?:万)?)元")


# the clause before names a part of the goods (库存、剩余、追回、未售、其中、连同…共32瓶（货值896元）)
PART_VALUE = re.compile(r"(?:库存|剩余|追回|未售|其中|连同|尚余|扣押)[^。；，,]{0,30}[（(]货值(?:金额)?(?:为|共计|计|合计)?(?:人民币)?"
                        r"([\d,，.]+(?:万)?)元")


def _sold_and_unsold(written, structured, expected) -> bool:
    """货值金额 is of the goods sold and unsold: a text that gives the unsold part beside the sales (售出…销售收入2016元；
    未售出…货值714元) agrees with a goods value that is their sum."""
    sold = structured.get("sales_amount", structured.get("illegal_income"))
    return sold is not None and any(abs(sold + sum(written) - e) <= 0.01 or any(abs(sold + w - e) <= 0.01 for w in written)
                                    for e in expected)


@derive
def narrative_dates(ctx):
    """Dates the narrative ties to the act or to a step agree with the package's dates (review_assistant/narrative_dates).
    The act's start or end is questioned only when no date written for it matches (a narrative may tell of two acts);
    a step is questioned only when the package records dated steps of that kind."""
    pkg = ctx.package
    v = pkg.violation
    events = [(e.step, e.pattern) for e in ctx.catalogs.narrative_events.values()]
    recorded_act = {"act_start": (v and v.occurred_on, "/violation/occurred_on", "违法行为开始"),
                    "act_end": (v and v.ended_on, "/violation/ended_on", "违法行为终了")}
    # as with figures, the act's dates disagree only when the recorded date is written nowhere in the text (a narrative
    # may date the act by its detection and tell of an earlier state of things); an end written before the recorded
    # one is a part of the act (the production period, with the stock found later) when another text of the package
    # gives the recorded end
    texts = {"/facts_text": pkg.facts_text or "", "/decision_text": pkg.decision_text or ""}
    found = {w: list(dates_in(t)) for w, t in texts.items()}
    dated = {w: {day for day, _, _ in f} for w, f in found.items()}
    for where, doc, text in (("/facts_text", "事实认定", pkg.facts_text), ("/decision_text", "决定书", pkg.decision_text)):
        written = read_dates(text or "", events, found[where], (pkg.agency and pkg.agency.name) or "")
        every_date = dated[where]
        elsewhere = {d for w, days in dated.items() if w != where for d in days}
        for role, (recorded, field, label) in recorded_act.items():
            said = [w.day for w in written if w.role == role]
            if role == "act_end" and recorded and said and all(d < recorded for d in said) and recorded in elsewhere:
                continue
            if recorded and said and recorded not in said and recorded not in every_date:
                yield {"kind": "date_mismatch", "where": where, "doc": doc, "said": said[0].isoformat(), "what": label,
                       "recorded": f"案卷数据（{field}）记载为{recorded.isoformat()}"}
        closed = ctx.first_date("investigation_report")
        for w in written:
            if w.role != "event" or (v and v.occurred_on and w.day < v.occurred_on):
                continue  # a check before the act began is another matter's
            if closed and w.step in INVESTIGATIVE_STEPS and w.day > closed:
                continue  # a check after the investigation closed is a follow-up (复查), not the one the file records
            days = sorted({s.date for _, s in ctx.steps_of(w.step) if s.date})
            if days and w.day < days[0] and (_only_follow_ups(ctx, w.step) or _ordered_then(text, w)) \
                    and not _evidence_on(ctx, w.day):
                # the file records only the 复查, or the check told of ordered a correction (责令……改正, the ground of a
                # later 逾期未改正): the check it follows up came before — unless this file holds evidence of that day
                # (then it is this case's own check, left unrecorded)
                continue
            if days and w.day < days[0] and set(days) <= {x.day for x in written if x.step == w.step} \
                    and not _evidence_on(ctx, w.day):
                # the narrative tells of an earlier check beside the one the file records, which it dates too (6月12日在
                # 零售网点检查中发现……，6月13日对当事人仓库检查): the earlier one is another place's — unless this file
                # holds evidence of that day
                continue
            if days and w.day not in days:
                label = STEP_LABELS[w.step]
                yield {"kind": "date_mismatch", "where": where, "doc": doc, "said": w.day.isoformat(), "what": label,
                       "recorded": f"程序环节（/steps）记载的{label}日期为" + "、".join(d.isoformat() for d in days)}


FOLLOW_UP = r"复查|复核检查|回头看"


ORDERED = re.compile(r"责令")
SENTENCE_END = re.compile(r"[。；;\n]")


def _ordered_then(text: str, w) -> bool:
    """The sentence the date heads says the check ordered a correction (检查时已责令当事人于3月31日前申请检定)."""
    end = SENTENCE_END.search(text, w.end)
    return ORDERED.search(text, w.end, end.start() if end else len(text)) is not None


def _evidence_on(ctx, day) -> bool:
    return any(e.obtained_on == day for e in ctx.package.evidence or ())


def _only_follow_ups(ctx, kind) -> bool:
    """Every recorded step of the kind is a follow-up check (its notes or its paper say 复查)."""
    docs = {d.id: d.title or "" for d in ctx.package.documents or () if d.id}
    steps = [s for _, s in ctx.steps_of(kind) if s.date]
    return bool(steps) and all(ctx.matches(FOLLOW_UP, (s.notes or "") + docs.get(s.document or "", "")) for s in steps)


FIGURE_LABELS = {"fine": "罚款", "illegal_income": "违法所得", "goods_value": "货值金额", "sales_amount": "销售金额"}


# 违法所得 worked out as a profit: the amount received less costs (扣除成本、进价), or named a profit or margin
PROFIT = re.compile(r"(?<![未不])(扣除|减去|减除|刨除|除去)[^。；]{0,20}(成本|进价|进货|费用|开支)|利润|纯利|净利")
NOT_DEDUCTED = re.compile(r"(未|不|不予|无需)(扣除|减去|减除)|不是利润|并非利润|而非利润"
                          r"|取得的(全部)?款项(计算|认定)"  # the sentence says it was computed as the law says
                          r"|(申辩|辩称|陈述|意见)[^。；]{0,80}(不予采纳|不采纳|不予支持|不能成立)")  # the party's argument, rejected
SENTENCE = re.compile(r"[^。；;\n]+")
# the statute's own exception invoked in the file: another provision on how 违法所得 is computed (第二十八条第二款但书)
OWN_COMPUTATION = re.compile(r"违法所得[^。；]{0,12}(认定|计算)(办法|规定|标准)|(依照|按照|根据)[^。；]{0,40}(规定|办法)[^。；]{0,10}计算")


@derive
def income_as_received(ctx):
    """第二十八条第二款: 违法所得 is the amount the act brought in, not the profit — unless a law, administrative
    regulation or departmental rule computes it otherwise (catalog ``income_computation`` on a cited law, or the
    file invoking such a rule)."""
    pkg = ctx.package
    if ctx.amounts.get("illegal_income") is None:
        return
    cited = [r.law for f in ("violated", "penalty", "general") for _, r in ctx.resolved_citations(f) if r.law]
    if any(law.income_computation for law in cited):
        return
    for where, text in (("/facts_text", pkg.facts_text), ("/decision_text", pkg.decision_text)):
        if not text or "违法所得" not in text or OWN_COMPUTATION.search(text):
            continue  # no sentence of a text without 违法所得 can say how it was computed
        for m in SENTENCE.finditer(text):
            sentence = m.group()
            profit = PROFIT.search(sentence) if "违法所得" in sentence else None
            if profit and not NOT_DEDUCTED.search(sentence):
                unsettled = _unsettled_income_rule(ctx)
                if unsettled:  # a hole in our data, not the file's: the field may have its own computation
                    yield {"kind": "manual", "where": where,
                           "what": f"违法所得按扣除成本后的数额计算；{unsettled}"}
                else:
                    yield {"kind": "income_as_profit", "where": where, "sentence": _computation(sentence, profit)}
                return


def _computation(sentence: str, profit: re.Match) -> str:
    """The clauses that compute it (收取寄递费41300元，扣除骑手工资等直接成本后违法所得12400元), not the whole sentence:
    from the clause before the deduction to the first clause that names 违法所得."""
    starts = [0] + [i + 1 for i, c in enumerate(sentence) if c in "，,"]
    here = bisect.bisect_right(starts, profit.start()) - 1
    named = sentence.find("违法所得") + len("违法所得")  # the sentence names it (checked by the caller)
    after = bisect.bisect_left(starts, named, here + 1)
    end = starts[after] - 1 if after < len(starts) else len(sentence)
    return sentence[starts[max(here - 1, 0)]:end].strip("，, ")[:120]


def _unsettled_income_rule(ctx):
    """The catalog's note when a field covering this case may have its own 违法所得 computation, else None. A field the
    catalog does not know at all (a code of the case system's own, 邮政) is unsettled too: the 但书 (另有规定的，从其规定)
    can only be ruled out for the fields whose rules the catalog holds."""
    if ctx.domain and ctx.domain not in ctx.catalogs.domains:
        return "本案执法领域不在领域目录中，未能核对该领域的法律、行政法规、部门规章是否对违法所得的计算另有规定"
    for code, entry in ctx.catalogs.domains.items():
        if entry.income_rule_unsettled and ctx.domain and ctx.catalogs.covers([code], ctx.domain):
            return entry.income_rule_unsettled
    return None


@rule("FAC-005", on="income_as_profit", severity="major",
      title="违法所得按利润计算",
      basis="《中华人民共和国行政处罚法》第二十八条第二款",
      provision="违法所得是指实施违法行为所取得的款项。法律、行政法规、部门规章对违法所得的计算另有规定的，从其规定。",
      message="违法所得按扣除成本后的获利计算：“{sentence}”",
      suggestion="按实施违法行为所取得的全部款项重新认定违法所得（及以其为基数的罚款）；适用另有计算规定的，写明其名称和条款",
      teaching="2021年修订后，违法所得是“实施违法行为所取得的款项”，不扣除成本；只有法律、行政法规、部门规章另有规定的才按其规定计算，且须在决定中写明依据。")
def income_as_profit(m):
    return None


@rule("FAC-002", on="birth_mismatch", severity="major",
      title="出生日期与身份证号码不一致",
      basis="《中华人民共和国行政处罚法》第四十条",
      provision="行政机关必须查明事实；当事人身份是基本事实，年龄还决定是否处罚、是否应当从轻（第三十条）。",
      message="当事人{name}的出生日期写为{stated}，身份证号码载明为{encoded}",
      suggestion="核对身份证原件，更正出生日期或证件号码，并重新计算违法时的年龄",
      teaching="年龄影响责任能力：不满十四周岁不予处罚，已满十四周岁不满十八周岁应当从轻或者减轻。出生日期以身份证件为准。")
def birth_mismatch(m):
    return None


@rule("FAC-003", on="figure_mismatch", severity="major",
      title="文书所写数额与案卷数据不一致",
      basis="《中华人民共和国行政处罚法》第四十条",
      provision="行政机关必须查明事实；违法事实不清、证据不足的，不得给予行政处罚。",
      message="文书写明{label}{written}，而案卷数据为{expected}（{field}）",
      suggestion="核对证据，统一事实认定、审批材料和决定书中的数额",
      teaching="违法所得、货值金额、罚款数额前后不一致，是最常见的事实认定瑕疵之一；大写、小写数额都要核对。")
def figure_mismatch(m):
    return None


@rule("FAC-004", on="date_mismatch", severity="minor",
      title="事实叙述中的日期与案卷记载不一致",
      basis="《中华人民共和国行政处罚法》第四十条",
      provision="公民、法人或者其他组织违反行政管理秩序的行为，依法应当给予行政处罚的，行政机关必须查明事实；违法事实不清、证据不足的，不得给予行政处罚。",
      message="{doc}写明{said}为{what}日期，{recorded}",
      suggestion="核对笔录和程序环节，统一事实认定、决定书与案卷记载的日期",
      teaching="日期是违法事实的要素：违法行为的起止日期决定时效和持续状态，检查、抽样、立案的日期决定程序先后。叙述与笔录不一致，复议诉讼中常被认定为事实不清。")
def date_mismatch(m):
    return None


@rule("FAC-001", on="bad_id", severity="major",
      title="当事人身份证件号码校验不通过",
      basis="《中华人民共和国行政处罚法》第五十九条第一款第（一）项",
      provision="行政处罚决定书应当载明当事人的姓名或者名称、地址。当事人身份须查清（第四十条）。",
      message="当事人{name}的证件号码“{id_number}”{problem}",
      suggestion="核对身份证、营业执照原件，更正证件号码，并统一全案文书中的当事人信息",
      teaching="当事人认定错误会导致处罚对象错误。身份证号码和统一社会信用代码都有校验位，录入错误可以机器发现；个体工商户以营业执照登记的经营者为当事人。")
def bad_id(m):
    return None


@rule("FAC-006", on="discovered_before_act", severity="hint",
      title="发现线索的日期早于认定的违法行为发生日期",
      basis="《中华人民共和国行政处罚法》第四十条",
      provision="公民、法人或者其他组织违反行政管理秩序的行为，依法应当给予行政处罚的，行政机关必须查明事实。",
      message="违法行为发现日期为{discovered}，早于认定的发生日期{occurred}：线索所指的行为在此前是否已经发生，请人工核对",
      suggestion="核对投诉举报等线索所指的行为与认定的违法行为是否同一；此前已经发生的，据实认定发生日期（连续、继续状态的，认定起止日期）",
      teaching="线索（投诉、举报、移送）往往先于检查：检查当日认定的违法行为，可能在线索之前就已开始。发生日期影响时效和裁量（持续时间），应据证据认定。")
def discovered_before_act(m):
    return None


facts_check = manual_rule(
    "FAC-H01",
    title="事实认定无法自动核对",
    basis="《中华人民共和国行政处罚法》第二十八条第二款",
    provision="违法所得是指实施违法行为所取得的款项。法律、行政法规、部门规章对违法所得的计算另有规定的，从其规定。",
    suggestion="核对本领域是否有另行规定违法所得计算的法律、行政法规、部门规章；没有的，按取得的全部款项认定",
    teaching="第二十八条第二款是原则加但书：原则上违法所得是全部收入；特别规定另有计算方法的从其规定。目录未能确认某领域的特别规定是否仍然有效时，由审核人员核对。")


facts_gap = gap_rule(
    "FAC-G01",
    title="事实要素缺失，无法判断事实是否清楚",
    basis="《中华人民共和国行政处罚法》第四十条",
    provision="行政机关必须查明事实；违法事实不清、证据不足的，不得给予行政处罚。",
    suggestion="补充当事人基本情况、违法行为描述及事实认定",
    teaching="事实不清是行政处罚被撤销的首要原因。送审材料应能回答：谁、何时、何地、做了什么、后果如何。")
