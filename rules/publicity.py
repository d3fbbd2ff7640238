"""执法公示 (publicity after the decision): published in time, not published where the rules say not, withdrawn in
time, and without personal information the rules keep out.

《行政处罚法》第四十八条：具有一定社会影响的行政处罚决定应当依法公开。公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，
行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。（第八十五条：三日指工作日）
Which decisions, by when, for how long: catalogs/publicity (review_assistant/publicity.py applies it). Before the
decision only the text is looked at (what its public version will have to leave out); the timing rules read the
v1.2 steps ``publicity`` and ``decision_changed`` / ``decision_revoked`` / ``decision_held_unlawful`` /
``decision_held_void`` — a v1 file cannot state them, so their absence is at most a hint, never a finding.
"""
from review_assistant.case.dates import cn_day
from review_assistant.case.masking import masker_for, public_text
from review_assistant.law.publicity import ALTERATIONS, for_case, withdraw_by
from review_assistant.engine.rulebook import derive, manual_rule, rule

ITEM = "publicity"
PERSONAL = ("person", "id_number", "phone", "bank_account", "plate", "address", "confidential")


@derive
def timing(ctx):
    if ctx.stage != "post_decision":
        return
    s = ctx.once(for_case)
    where = "/steps"
    if s.duty == "required" and s.decided_on:
        if s.published_on and s.publish_by and s.published_on > s.publish_by and s.same_province is not False:
            yield {"kind": "late", "where": where, "published": f"{cn_day(s.published_on)}公示", "due": cn_day(s.publish_by),
                   "deadline": s.deadline, "deadline_basis": s.deadline_basis}
        elif s.same_province is False and s.pushed_on and s.push_by and s.pushed_on > s.push_by:
            yield {"kind": "late", "where": where, "published": f"{cn_day(s.pushed_on)}推送", "due": cn_day(s.push_by),
                   "deadline": "当事人登记地在外省的，自作出决定之日起十个工作日内推送", "deadline_basis": s.deadline_basis}
        elif s.published_on and s.push_by and s.published_on > s.push_by and not s.same_province and not s.pushed_on:
            yield {"kind": "manual", "where": where,
                   "what": f"当事人登记地（住所地）{'在外省' if s.same_province is False else '未载明'}，决定应于{cn_day(s.push_by)}前推送，"
                           f"公示日为{cn_day(s.published_on)}；推送和登记地机关收到的日期未载明"}
        elif not s.published_on and (s.publish_by or s.push_by) and ctx.as_of > (s.publish_by or s.push_by):
            yield {"kind": "manual", "where": where,
                   "what": f"案卷未记载公示情况（应于{cn_day(s.publish_by or s.push_by)}前公示，{s.deadline_basis}）"}
    if s.duty == "not_required" and s.published_on and "不予公示" in s.whether:
        yield {"kind": "not_to_publish", "where": where, "whether": s.whether, "basis": s.whether_basis}
    if s.alterations and s.published_on:
        kind, day = s.alterations[0]
        if day >= s.published_on:
            holes: list = []
            due = withdraw_by(s, ctx.catalogs, holes)
            if due and (s.withdrawn_on and s.withdrawn_on > due or not s.withdrawn_on and ctx.as_of > due):
                yield {"kind": "not_withdrawn", "where": where, "event": ALTERATIONS[kind], "event_on": cn_day(day),
                       "due": cn_day(due), "withdrawn": cn_day(s.withdrawn_on) if s.withdrawn_on else "至今未撤回",
                       "withdrawal_basis": s.withdrawal_basis}
            for hole in holes:
                yield {"kind": "manual", "where": where, "what": hole}
    for hole in s.holes:
        yield {"kind": "manual", "where": "/domain", "what": f"公示要求：{hole}"}


@derive
def personal_information(ctx):
    """The public version must leave personal information out; where the file gives the text as published, what is
    still in it is a finding; in the decision text itself, a hint of what its public version will mask."""
    s = ctx.once(for_case)
    if s.duty in ("none", "not_required"):
        return
    masker = masker_for(ctx.catalogs)
    pkg = ctx.package
    if pkg.public_decision_text:
        _, items = public_text(pkg.public_decision_text, pkg, masker)
        exposed = [i for i in items if i.kind in PERSONAL and i.replacement is not None]
        if exposed:
            yield {"kind": "exposed", "where": "/public_decision_text", "count": len(exposed),
                   "what": _summary(exposed)}
        return
    if pkg.decision_text:
        _, items = public_text(pkg.decision_text, pkg, masker)
        beyond = [i for i in items if i.kind in PERSONAL and i.replacement is not None and i.why != "当事人为自然人"
                  and i.kind != "address"]  # 第五十九条: the decision names the party and gives the address
        if beyond:
            yield {"kind": "to_mask", "where": "/decision_text", "count": len(beyond), "what": _summary(beyond)}


def _summary(items) -> str:
    counts: dict[str, int] = {}
    for i in items:
        counts[i.label] = counts.get(i.label, 0) + 1
    return "、".join(f"{label}{n}处" for label, n in counts.items())


@rule("PUB-001", on="late", severity="minor",
      title="处罚决定未在规定期限内公示",
      basis="《中华人民共和国行政处罚法》第四十八条第一款；《市场监督管理行政处罚信息公示规定》第九条",
      provision="作出行政处罚决定的市场监督管理部门和行政处罚当事人登记地（住所地）在同一省、自治区、直辖市的，作出行政处罚决定的"
                "市场监督管理部门应当自作出行政处罚决定之日起二十个工作日内将行政处罚信息通过国家企业信用信息公示系统进行公示。",
      message="{published}，晚于规定期限（{deadline}，应于{due}前；{deadline_basis}）",
      suggestion="今后在期限内公示；本案在评查意见中载明逾期公示的情况",
      teaching="公示期限按工作日计算，不含法定节假日；跨省的，十个工作日内推送，由登记地机关在收到后十个工作日内公示（第十条）。")
def late(m):
    return None


@rule("PUB-002", on="not_to_publish", severity="minor",
      title="依规定不予公示的决定被公示",
      basis="《市场监督管理行政处罚信息公示规定》第二条第二款",
      provision="仅受到警告行政处罚的不予公示。法律、行政法规另有规定的除外。",
      message="{whether}（{basis}），案卷记载已公示",
      suggestion="撤回该公示信息；法律、行政法规另有规定的，在案卷中载明依据",
      teaching="市场监管领域仅受警告的处罚不公示，简易程序作出的决定也不在第二条规定的公示范围内。")
def not_to_publish(m):
    return None


@rule("PUB-003", on="not_withdrawn", severity="minor",
      title="被变更、撤销或确认违法、无效的决定未及时撤回公示",
      basis="《中华人民共和国行政处罚法》第四十八条第二款、第八十五条",
      provision="公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。",
      message="决定于{event_on}被{event}，应于{due}前撤回公示信息（{withdrawal_basis}），{withdrawn}",
      suggestion="撤回公示信息并公开说明理由；变更的，公示变更后的决定",
      teaching="三日指工作日（第八十五条）；市场监管领域为三个工作日（《市场监督管理行政处罚信息公示规定》第十一条）。")
def not_withdrawn(m):
    return None


@rule("PUB-004", on="exposed", severity="minor",
      title="公示的决定书含有应当隐去的个人信息",
      basis="《中华人民共和国政府信息公开条例》第十五条；《中华人民共和国个人信息保护法》第二十八条、第三十四条；"
            "《市场监督管理行政处罚信息公示规定》第六条",
      provision="涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开（政府信息公开条例第十五条）；"
                "国家机关为履行法定职责处理个人信息，不得超出履行法定职责所必需的范围和限度（个人信息保护法第三十四条）。",
      message="已公示的决定书中含有{what}",
      suggestion="撤下该公示文本，按本工具生成的公示版本隐去个人信息后重新公示",
      teaching="公示版本隐去自然人姓名（张某某）、身份证件号码、电话、银行账户、车牌、个人住址的区县以下部分和证人、员工等他人的姓名；"
               "企业名称、统一社会信用代码和个体工商户字号依法公示。")
def exposed(m):
    return None


@rule("PUB-005", on="to_mask", severity="hint",
      title="决定书含有公示时须隐去的个人信息",
      basis="《中华人民共和国个人信息保护法》第三十四条；《中华人民共和国政府信息公开条例》第十五条",
      provision="国家机关为履行法定职责处理个人信息，不得超出履行法定职责所必需的范围和限度；公示行政处罚信息，应当遵守法律法规关于商业"
                "秘密和个人信息保护的有关规定，对信息进行必要的处理。",
      message="决定书（稿）载有{what}，第五十九条不要求载明，公示时须隐去",
      suggestion="决定书只写第五十九条要求的当事人信息；公示时使用本工具生成的、隐去个人信息的公示版本",
      teaching="第五十九条要求决定书载明当事人的姓名或者名称、地址；身份证号码、电话、他人姓名等不是法定内容，公示版本须隐去。")
def to_mask(m):
    return None


publicity_check = manual_rule(
    "PUB-H01",
    title="公示要求无法自动核对",
    basis="《中华人民共和国行政处罚法》第四十八条",
    provision="具有一定社会影响的行政处罚决定应当依法公开。",
    suggestion="按本领域、本地区的公示规定人工核对；本地规定可由管理员加入本工具的公示目录",
    teaching="公示规则是目录数据：本工具只收录法律库中有文本的规定（市场监管总局令第45号、企业信息公示暂行条例、行政处罚法第四十八条）。")
