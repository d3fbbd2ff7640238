"""执法文书 (documents): does the file hold the documents the law requires, and every one a step refers to?

Which documents are required for which procedure and stage is catalog data (catalogs/documents), each with its
basis — e.g. 《行政处罚法》第五十九条第一款：给予行政处罚，应当制作行政处罚决定书。
第四十七条：对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录，归档保存。
"""
import re
from review_assistant.case.labels import party_core_name
from review_assistant.engine.context import STEP_LABELS
from review_assistant.engine.rulebook import derive, gap_rule, manual_rule, rule

ITEM = "documents"


BUNDLE = re.compile(r"、|及|和")
ABOUT_A_PAPER = re.compile(r"送达|回证|回执|申请|送审|签收")


def kinds_present(ctx) -> set[str]:
    """The document kinds the file holds: the catalog's codes, and for a code of another system the kind its title
    shows (a case system may call the decision ``penalty_decision``; its title still says 行政处罚决定书)."""
    known = ctx.catalogs.document_kinds
    present = set()
    for doc in ctx.package.documents or ():
        if doc.kind in known:
            present.add(doc.kind)
        # a paper filed as one code may hold several (先行登记保存审批表、先行登记保存证据通知书及物品清单): its title says so —
        # a bundle, not a receipt or a request about one (事先告知书送达回证, 法制审核送审表)
        if doc.title and (doc.kind not in known or (BUNDLE.search(doc.title) and not ABOUT_A_PAPER.search(doc.title))):
            present.update(ctx.catalogs.kinds_in_title(doc.title))
    return present


@derive
def unknown_kinds(ctx):
    """A document code the catalog does not know is the case system's own: a hint, never a finding."""
    known = ctx.catalogs.document_kinds
    for i, doc in enumerate(ctx.package.documents or ()):
        if doc.kind and doc.kind not in known:
            guessed = [known[c] for c in ctx.catalogs.kinds_in_title(doc.title)] if doc.title else []
            # the case system's own code is not named: the hint is read in the official opinion; its place leads to it
            what = (f"文书“{doc.title}”的种类代码不在文书目录中，" if doc.title else "一份无标题文书的种类代码不在文书目录中，")
            what += f"已按标题认作{'、'.join(guessed)}" if guessed else "未用于必备文书核对"
            yield {"kind": "manual", "where": f"/documents/{i}/kind", "what": what}


@derive
def required(ctx):
    pkg = ctx.package
    if pkg.documents is None:
        yield {"kind": "gap", "where": "/documents", "what": "案卷文书目录（documents）"}
        return
    present = kinds_present(ctx)
    labels = ctx.catalogs.document_kinds
    happened = {s.kind for _, s in ctx.indexed_steps if not _this_review(ctx, s)}
    outcome = pkg.proposed_decision.outcome if pkg.proposed_decision else None
    for req in ctx.catalogs.document_requirements.values():
        if req.stage and req.stage != ctx.stage:
            continue
        if req.outcomes and outcome and outcome not in req.outcomes:
            continue
        if ctx.domain in req.except_domains:
            continue
        if req.after_step and req.after_step not in happened:
            continue
        if req.procedure and pkg.procedure is None:
            yield {"kind": "gap", "where": "/procedure", "what": "程序类型（简易/普通），无法确定必备文书"}
            continue
        if req.procedure and req.procedure != pkg.procedure:
            continue
        if req.after_step == "service" and _handed_over_on_announcement(ctx):
            continue
        if (req.kind not in present and not _served_by_another_kind(ctx, req)
                and not _recorded_under_own_code(ctx, req.after_step, labels)
                and not _titled_as_required(ctx, req.after_step, labels.get(req.kind, ""))):
            yield {"kind": "missing", "where": "/documents", "document": labels.get(req.kind, req.kind),
                   "requirement": req.id, "req_basis": req.basis, "reason": req.reason}


HANDED_OVER = r"当场(宣告|交付|送达|签收)|宣告后.{0,4}交付"
SERVED_OTHERWISE = r"留置|邮寄|委托送达|公告|电子送达|拒绝签收|拒收"  # 民事诉讼法's ways: their 送达回证 or proof is needed


def _handed_over_on_announcement(ctx) -> bool:
    """第六十一条第一款: 行政处罚决定书应当在宣告后当场交付当事人 — the party signs the file's copy of the decision; a 送达回证 is
    for service under 民事诉讼法 when the party was absent. Every service step is on the decision's day and points to the
    decision itself or says it was handed over there."""
    decided = ctx.decision_date
    steps = [s for _, s in ctx.steps_of("service") if s.date and decided and s.date >= decided]
    decisions = {d.id for d in ctx.package.documents or () if d.id and d.kind == "decision"}
    return bool(steps) and all(s.date == decided and not (s.notes and ctx.matches(SERVED_OTHERWISE, s.notes))
                               and (s.document in decisions or (s.notes and ctx.matches(HANDED_OVER, s.notes)))
                               for s in steps)


def _this_review(ctx, step) -> bool:
    """A draft's 法制审核 step dated on (or after) the day it is submitted, with no record: the review being asked for
    now. Its opinion is what this review writes, not a document the file lacks (an earlier review's opinion is)."""
    submitted = ctx.package.submitted_on
    return (step.kind == "legal_review" and ctx.stage == "pre_decision" and not step.document
            and (step.date is None or submitted is None or step.date >= submitted))


def _served_by_another_kind(ctx, req) -> bool:
    """The step names as its paper one of the kinds that serve as the required one (事先告知 done by the 听证告知书)."""
    if not req.also or not req.after_step:
        return False
    kinds = {d.id: d.kind for d in ctx.package.documents or () if d.id}
    return any(s.kind == req.after_step and kinds.get(s.document) in req.also for _, s in ctx.indexed_steps)


OTHER_PAPER = re.compile(r"处理|解除|延长|变更|撤销")


def _titled_as_required(ctx, step_kind, label: str) -> bool:
    """Every step of the kind points to a paper whose title names the required one, under another code (先行登记保存审批表、
    通知书及物品清单 coded preservation_decision): the title holds the step's name and the rest of the paper's label (通知书)."""
    head = STEP_LABELS.get(step_kind or "", "")
    if not step_kind or not head or not label.startswith(head) or len(label) == len(head):
        return False
    # the paper's name written out, or listed after the step's (先行登记保存审批表、通知书), not another paper of the step
    # (……处理决定通知书, 解除……通知书, 延长……)
    named = re.compile(re.escape(head) + r"(?:[^、及和与，,]{0,8}[、及和与])?" + re.escape(label[len(head):]))
    titles = {d.id: d.title or "" for d in ctx.package.documents or () if d.id}
    refs = [titles.get(s.document) for _, s in ctx.steps_of(step_kind)]
    return bool(refs) and all(t and named.search(t) and not OTHER_PAPER.search(t) for t in refs)


def _recorded_under_own_code(ctx, step_kind, labels) -> bool:
    """Every step of the kind points to a document of the file that the case system names with a code of its own (到案经过
    记录 for the police's attendance at the scene): the step's record is there, under a name this catalog does not know."""
    if not step_kind:
        return False
    docs = {d.id: d for d in ctx.package.documents or () if d.id}
    refs = [docs.get(s.document) for _, s in ctx.steps_of(step_kind)]
    return bool(refs) and all(d is not None and d.kind and d.kind not in labels for d in refs)


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


@derive
def decision_document(ctx):
    """第五十九条: the decision carries its statutory items and the organ's seal."""
    pkg = ctx.package
    decision = pkg.proposed_decision
    if decision is None or decision.outcome != "penalize":
        return
    # the decision the file names by its kind; only a file that names none is read by titles (a document of a kind of its
    # own beside it — 当场处罚决定书（备案联）, the copy filed with the higher organ — is not a second decision to seal)
    decision_docs = [(i, doc) for i, doc in enumerate(pkg.documents or ()) if doc.kind == "decision"] or [
        (i, doc) for i, doc in enumerate(pkg.documents or ())
        if doc.kind not in ctx.catalogs.document_kinds and doc.title
        and ctx.matches(ctx.catalogs.document_titles.get("decision", "$^"), doc.title)]
    for i, doc in decision_docs:
        if ctx.stage == "post_decision":
            if doc.sealed is None:
                yield {"kind": "gap", "where": f"/documents/{i}/sealed", "what": "行政处罚决定书是否加盖印章"}
            elif not doc.sealed:
                yield {"kind": "unsealed", "where": f"/documents/{i}/sealed", "title": doc.title or "行政处罚决定书"}
    text = pkg.decision_text
    if not text:
        # decision_text is optional: before the decision its absence is normal; after it the content is not checked
        if ctx.stage == "post_decision" and decision_docs:
            yield {"kind": "manual", "where": "/decision_text",
                   "what": "未提供决定书文本，未核对第五十九条规定的决定书事项",
                   "advice": "人工核对决定书是否载明第五十九条规定的事项；随案卷提供决定书全文的，可以自动核对"}
        return
    names = [p.name for p in pkg.parties or () if p.name]
    address = ctx.catalogs.decision_elements.get(("party_address", "ordinary", None))
    undescribed = not ctx.matches(PARTY_LINE, text) and address and not all(ctx.matches(p, text) for p in address.patterns)
    if ctx.stage == "pre_decision" and undescribed and (
            (names and not any(party_core_name(n) in text for n in names))
            or (not ctx.matches(DECISION_TITLE, text) and ctx.matches(PROPOSAL, text) and not ctx.matches(IDENTIFIERS, text))):
        # before the decision, a text that describes no party (no 当事人：… line, no address, no code) is the operative part
        # (拟处理意见: 本局拟决定……), not the whole draft: 第五十九条's items cannot be looked for in it. A draft that names
        # another party than the package is still questioned; a draft that describes the party is checked
        named = bool(names) and any(party_core_name(n) in text for n in names)
        yield {"kind": "manual", "where": "/decision_text",
               "what": ("决定书（稿）没有文书标题、未写明当事人的基本情况，似为拟处理意见" if named else
                        "决定书（稿）未写明当事人，似为拟处理意见节选") + "，未核对第五十九条规定的决定书事项",
               "advice": "人工核对决定书（稿）全文是否载明第五十九条规定的事项；送审时可附完整的决定书（稿）"}
        return
    day = ctx.decision_date or ctx.as_of
    for element in ctx.catalogs.decision_elements.values():
        if element.id == "organ_and_date" and ctx.stage != "post_decision":
            continue  # a draft is dated when it is signed
        if not element.in_force(day) or (element.procedure and element.procedure != pkg.procedure):
            continue
        if element.penalty_types and not any(p.type in element.penalty_types for _, p in ctx.penalties):
            continue
        if not all(_said(ctx, element, p, text, day) for p in element.patterns):
            yield {"kind": "element_advised" if element.advisory else "element_missing", "where": "/decision_text",
                   "element": element.label, "element_basis": element.basis}
    if names and not any(party_core_name(n) in text for n in names):
        yield {"kind": "element_missing", "where": "/decision_text", "element": "当事人的姓名或者名称",
               "element_basis": "《中华人民共和国行政处罚法》第五十九条第一款第（一）项"}


def _said(ctx, element, pattern: str, text: str, day) -> bool:
    """The element's words, or (但书) the words a law that provides otherwise allows, in a case under that law: a
    tobacco decision may give 烟草专卖法第四十一条's fifteen days to sue instead of 行政诉讼法's six months."""
    if ctx.matches(pattern, text):
        return True
    return any(o.replaces == pattern and o.in_force(day) and _under(ctx, o.law, text) and ctx.matches(o.pattern, text)
               and not (o.only_orders and ctx.fines_or_confiscates) for o in element.otherwise)


def _under(ctx, law: str, text: str) -> bool:
    """The case cites the law (or its implementing regulation) as 违法依据 or 处罚依据; a package without structured
    citations, in its decision text. A law only named in the text (a remark, a comparison) is not the case's."""
    cited = (ctx.package.citations.violated or []) + (ctx.package.citations.penalty or []) if ctx.package.citations else []
    return any(law in c for c in cited) if cited else law in text


PARTY_LINE = r"(当事人|被处罚人|被处罚单位|被处罚对象|单位名称|名称|姓名)\s*[:：]"
# before the decision, the office's proposal (本局拟决定：…, 拟处理意见) written without the document's title is the operative
# part the full decision will carry, not the document itself
DECISION_TITLE = r"(行政)?处罚决定书|本(处罚)?决定书?(之日|送达|作出|不服)"  # its title, or the text speaking of itself
IDENTIFIERS = r"统一社会信用代码|身份证|住所|住址|地址"  # the party described as a decision describes it
PROPOSAL = r"拟(决定|处理意见|作出如下|给予|对当事人作出)"





@derive
def av_records(ctx):
    """Steps on the audiovisual-record list (catalog) without a recording."""
    for i, step in ctx.indexed_steps:
        entry = ctx.catalogs.av_records.get(step.kind)
        if entry is None or step.av_recorded or (step.date and not entry.in_force(step.date)):
            continue
        label = STEP_LABELS.get(step.kind, step.kind)
        if step.av_recorded is None and entry.level == "required":
            # 第四十七条 allows 文字 or 音像; the list that asks for video (国办发〔2018〕118号, the deployment's own) is policy:
            # a file silent on it is asked about, not sent back
            yield {"kind": "manual", "where": f"/steps/{i}/av_recorded",
                   "what": f"案卷未载明{label}环节是否全程音像记录（音像记录事项清单列为应当全程音像记录）"}
        elif entry.level == "required":
            yield {"kind": "av_required", "where": f"/steps/{i}/av_recorded", "step_label": label}
        elif step.av_recorded is False:
            yield {"kind": "av_recommended", "where": f"/steps/{i}/av_recorded", "step_label": label}


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


@rule("DOC-003", on="unsealed", severity="major",
      title="行政处罚决定书未加盖印章",
      basis="《中华人民共和国行政处罚法》第五十九条第二款",
      provision="行政处罚决定书必须盖有作出行政处罚决定的行政机关的印章。",
      message="{title}未加盖作出决定的行政机关印章",
      suggestion="加盖作出决定的行政机关印章后送达；受委托组织应加盖委托机关印章",
      teaching="未盖章的决定书不具备法定形式。受委托组织实施处罚，应以委托机关名义、加盖委托机关印章。")
def unsealed(m):
    return None


@rule("DOC-004", on="element_missing", severity="minor",
      title="决定书缺少第五十九条规定的事项",
      basis="《中华人民共和国行政处罚法》第五十九条第一款",
      provision="行政处罚决定书应当载明：当事人的姓名或者名称、地址；违反法律、法规、规章的事实和证据；行政处罚的种类和依据；行政处罚的履行方式和期限；申请行政复议、提起行政诉讼的途径和期限；作出行政处罚决定的行政机关名称和作出决定的日期。",
      message="决定书（稿）未载明{element}（{element_basis}）",
      suggestion="按第五十九条补全决定书：当事人及地址、事实和证据、处罚种类和依据、履行方式和期限（如十五日内缴纳罚款的方式）、复议和诉讼的途径和期限、机关名称和日期",
      teaching="第五十九条列举的六项是决定书的法定内容，缺项是评查扣分项；尤其常漏“履行方式和期限”和“救济途径和期限”。")
def element_missing(m):
    return None


@rule("DOC-005", on="av_required", severity="major",
      title="应当全程音像记录的环节未记录",
      basis="《中华人民共和国行政处罚法》第四十七条",
      provision="行政机关应当依法以文字、音像等形式，对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录，归档保存。",
      message="{step_label}环节属于音像记录事项清单中应当全程音像记录的事项，但未见音像记录",
      suggestion="补充该环节的音像记录（存储位置、起止时间、记录人）；确无记录的，说明原因",
      teaching="查封扣押、强制拆除等直接涉及重大财产权益的现场执法活动应当全程音像记录（国办发〔2018〕118号）。各地音像记录事项清单可在目录数据中配置。")
def av_required(m):
    return None


@rule("DOC-006", on="av_recommended", severity="hint",
      title="易引发争议的环节未进行音像记录",
      basis="《中华人民共和国行政处罚法》第四十七条",
      provision="行政机关应当依法以文字、音像等形式，对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录。",
      message="{step_label}环节在音像记录事项清单中，案卷载明未进行音像记录",
      suggestion="今后对该类环节进行音像记录；本案可补充其他能证明执法过程的材料",
      teaching="现场检查、抽样取证、证据保全、听证等容易引发争议的环节，应根据实际情况进行音像记录；文字记录能够全面有效记录的，可以不进行音像记录。")
def av_recommended(m):
    return None


@rule("DOC-007", on="element_advised", severity="hint",
      title="当场处罚决定书未告知应当先申请行政复议",
      basis="《中华人民共和国行政复议法》第二十三条第二款",
      provision="对当场作出的行政处罚决定不服的，应当先向行政复议机关申请行政复议，对行政复议决定不服的，可以再依法向人民法院提起行政诉讼（第二十三条第一款第（一）项）；行政机关在作出行政行为时应当告知先向行政复议机关申请行政复议（第二款）。",
      message="决定书（稿）未见{element}（{element_basis}）",
      suggestion="当场处罚决定书的救济告知改为：应当自收到决定书之日起六十日内向复议机关申请行政复议，对复议决定不服的再提起行政诉讼",
      teaching="2024年1月1日起施行的行政复议法对当场作出的行政处罚决定实行复议前置：不能再告知“也可以直接向人民法院起诉”。之前的决定按原复议法告知复议或诉讼。")
def element_advised(m):
    return None


documents_check = manual_rule(
    "DOC-H01",
    title="文书信息无法自动核对",
    basis="《中华人民共和国行政处罚法》第四十七条",
    provision="对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录，归档保存。",
    suggestion="人工核对该文书；办案系统的文书代码可由管理员在本工具的文书目录中登记",
    teaching="办案系统各有自己的文书代码，目录不认识时本工具按标题识别，仍识别不了的只提示、不判定缺文书。")


documents_gap = gap_rule(
    "DOC-G01",
    title="文书信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第四十七条",
    provision="对行政处罚全过程记录，归档保存。",
    suggestion="随案提交案卷文书目录（文书种类、标题、日期、签名与盖章情况）",
    teaching="没有文书目录就无法核对案卷是否完备。")
