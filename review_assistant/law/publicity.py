"""Whether a decision is made public, by when and until when, and when a published one must be withdrawn.

The rules are catalog data (catalogs/publicity), each with its article; this module only applies them:
- 《行政处罚法》第四十八条第一款：具有一定社会影响的行政处罚决定应当依法公开 (the agency judges the impact — 政府信息公开
  条例第二十条第（六）项 "本行政机关认为具有一定社会影响"); 第二款：被依法变更、撤销、确认违法或者确认无效的，应当在三日内撤回
  并公开说明理由 (三日 = working days, 第八十五条).
- 市场监管 (总局令第45号): 普通程序的处罚决定应当公示 (第二条第一款), 仅受警告的不予公示 (第二款); 同省二十个工作日 (第九条),
  跨省十个工作日内推送、登记地机关收到后十个工作日内公示 (第十条); 三个月或三年 (第十三条); 撤回三个工作日 (第十一条).
- 企业信息公示暂行条例第七条: other departments publish the 行政处罚信息 of 企业 (no period in the text).
A field whose rules the catalog does not hold gets the general rule and says so (a hint: 请人工核对).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Optional

from review_assistant.catalog.models import PublicityRule
from review_assistant.case.identity import uscc_ok
from review_assistant.case.models.package import CasePackage

ALTERATIONS = {"decision_changed": "变更", "decision_revoked": "撤销", "decision_held_unlawful": "确认违法",
               "decision_held_void": "确认无效"}
RESTRICTIONS = ("restrict_practice", "restrict_operation")


@dataclass
class Schedule:
    duty: str  # required / not_required / agency_judgment / none (no penalty decision)
    whether: str
    whether_basis: str
    rule_id: Optional[str] = None
    rule_title: Optional[str] = None
    platform: Optional[str] = None
    decided_on: Optional[date] = None
    same_province: Optional[bool] = None
    province_source: str = ""
    publish_by: Optional[date] = None
    push_by: Optional[date] = None
    deadline: str = ""
    deadline_basis: str = ""
    period: str = ""
    period_basis: str = ""
    until: Optional[date] = None
    withdrawal: str = ""
    withdrawal_basis: str = ""
    withdrawal_days: Optional[int] = None
    published_on: Optional[date] = None
    pushed_on: Optional[date] = None
    withdrawn_on: Optional[date] = None
    alterations: list[tuple[str, date]] = field(default_factory=list)
    notice_basis: Optional[str] = None
    holes: list[str] = field(default_factory=list)  # what our data cannot tell (shown as 请人工核对)

    def as_dict(self) -> dict:
        d = asdict(self)
        for k, v in d.items():
            if isinstance(v, date):
                d[k] = v.isoformat()
        d["alterations"] = [{"kind": k, "label": ALTERATIONS[k], "date": day.isoformat()} for k, day in self.alterations]
        return d


def enterprise(code: Optional[str]) -> Optional[bool]:
    """A party registered as 企业: 统一社会信用代码 whose first two characters are 9 (市场监管登记) and 1 (企业)
    (GB 32100-2015: 登记管理部门代码, 机构类别代码). None when no valid code is given."""
    if not code or not uscc_ok(code.strip()):
        return None
    return code.strip().upper().startswith("91")


def party_region(package: CasePackage) -> tuple[Optional[str], str]:
    """The first party's 登记地（住所地）: its ``region_code``, else digits 3–8 of its credit code (GB 32100-2015:
    登记管理机关行政区划码)."""
    for p in package.parties or ():
        if p.region_code:
            return p.region_code, "当事人登记地（住所地）代码"
        if p.id_number and uscc_ok(p.id_number.strip()):
            return p.id_number.strip()[2:8], "统一社会信用代码第3至8位（登记管理机关行政区划码）"
        return None, ""
    return None, ""


def _applies(rule: PublicityRule, package: CasePackage, catalogs, domain: Optional[str], region: Optional[str],
             day: date) -> Optional[bool]:
    """True / False, or None when the package cannot tell (an organization without a credit code)."""
    if not rule.in_force(day):
        return False
    if rule.domains and not (domain and catalogs.covers(rule.domains, domain)):
        return False
    if rule.except_domains and domain and catalogs.covers(rule.except_domains, domain):
        return False
    if rule.region_prefix and not (region and region.startswith(rule.region_prefix)):
        return False
    kinds = {p.kind for p in package.parties or ()}
    if rule.party_kinds and not kinds & set(rule.party_kinds):
        return False
    if rule.enterprises_only:
        found = [enterprise(p.id_number) for p in package.parties or ()]
        if True in found:
            return True
        if None in found and "organization" in kinds:
            return None
        return False
    return True


def schedule(package: CasePackage, catalogs, as_of: date, domain: Optional[str] = None,
             agency_region: Optional[str] = None) -> Schedule:
    steps = package.steps or ()
    decided = max((s.date for s in steps if s.kind == "decision" and s.date), default=None)
    day = decided or package.submitted_on or as_of
    domain = catalogs.domain(domain or package.domain)
    region = agency_region or (package.agency.region_code if package.agency else None)
    decision = package.proposed_decision
    types = [p.type for p in (decision.penalties or ()) if p.type] if decision else []
    publicity = [s for s in steps if s.kind == "publicity"]
    base = dict(decided_on=decided, published_on=min((s.date for s in publicity if s.date), default=None),
                pushed_on=min((s.pushed_on for s in publicity if s.pushed_on), default=None),
                withdrawn_on=min((s.withdrawn_on for s in publicity if s.withdrawn_on), default=None),
                alterations=sorted(((s.kind, s.date) for s in steps if s.kind in ALTERATIONS and s.date), key=lambda a: a[1]))
    if decision is None or decision.outcome != "penalize" or not types:
        outcome = "未作出行政处罚决定（不予处罚、移送或撤销立案）" if decision and decision.outcome else "案卷未载明处理决定"
        return Schedule(duty="none", whether=f"{outcome}，没有需要公示的行政处罚决定",
                        whether_basis="《中华人民共和国行政处罚法》第四十八条第一款", **base)
    holes: list[str] = []
    chosen, undecided = None, False
    for rule in catalogs.publicity_rules.values():
        fits = _applies(rule, package, catalogs, domain, region, day)
        if fits is None:
            undecided = True
            holes.append(f"当事人未载明统一社会信用代码，无法判断是否属于企业（{rule.basis}）")
            continue
        if fits:
            chosen = rule
            break
    if chosen is None:
        return Schedule(duty="agency_judgment", whether="本案日期早于所收录的公示规定，是否公示请人工核对",
                        whether_basis="《中华人民共和国行政处罚法》第四十八条", holes=holes + ["公示规定未收录"], **base)
    s = Schedule(duty=chosen.duty, whether="", whether_basis=chosen.basis, rule_id=chosen.id, rule_title=chosen.title,
                 platform=chosen.platform, notice_basis=chosen.notice_basis, holes=holes, **base)
    if chosen.procedure and package.procedure and package.procedure != chosen.procedure:
        s.duty, s.whether = "not_required", f"适用简易程序作出的决定不属于应当公示的范围（{chosen.basis}仅规定普通程序）"
        return _withdrawal(s, chosen, catalogs)
    if chosen.procedure and package.procedure is None:
        s.holes.append("案卷未载明程序类型，按普通程序列出公示要求")
    if chosen.not_if_only and set(types) <= set(chosen.not_if_only):
        s.duty = "not_required"
        s.whether = "仅给予" + "、".join(_labels(types)) + "，不予公示"
        s.whether_basis = chosen.not_if_only_basis or chosen.basis
        return _withdrawal(s, chosen, catalogs)
    if chosen.duty == "required":
        s.whether = "应当公示"
    else:
        s.whether = "具有一定社会影响的，应当依法公开；是否具有一定社会影响由本机关判断"
        if not domain or not any(r.domains and catalogs.covers(r.domains, domain) for r in catalogs.publicity_rules.values()):
            s.holes.append(f"{_domain_label(catalogs, domain)}领域的公示规定未收录（本地目录可加入），是否公示及期限")
    if undecided:
        s.whether += "；若当事人为企业，另须依《企业信息公示暂行条例》第七条公示"
    _deadline(s, chosen, package, catalogs, region)
    _period(s, chosen, package, catalogs, region, types)
    return _withdrawal(s, chosen, catalogs)


def _labels(types) -> list[str]:
    from review_assistant.case.labels import PENALTY_LABELS

    return [PENALTY_LABELS.get(t, t) for t in dict.fromkeys(types)]


def _domain_label(catalogs, domain: Optional[str]) -> str:
    entry = catalogs.domains.get(domain) if domain else None
    return entry.label if entry else (f"“{domain}”" if domain else "未载明")


def _add_workdays(catalogs, start: date, n: int, holes: list[str]) -> date:
    end = catalogs.calendar.add_workdays(start, n)
    missing = sorted({y for y in range(start.year, end.year + 1) if not catalogs.calendar.covers(date(y, 1, 1))})
    if missing:
        holes.append(f"{'、'.join(map(str, missing))}年的法定节假日安排未收录，期限按周末推算")
    return end


def _deadline(s: Schedule, rule: PublicityRule, package: CasePackage, catalogs, region: Optional[str]) -> None:
    theirs, source = party_region(package)
    if region and theirs:
        s.same_province = region[:2] == theirs[:2]
        s.province_source = source
    same, other = rule.same_province, rule.other_province
    if same is None:
        s.deadline = "公示期限未收录" if s.duty == "required" else ""
        return
    if same.working_days is None:
        s.deadline, s.deadline_basis = same.note or "公示期限未收录", same.basis
        s.holes.append(f"{rule.title}未规定公示期限，本领域的期限规定未收录")
        return
    if s.same_province is None and other is not None:
        s.holes.append("当事人登记地（住所地）未载明，同省、跨省两种期限一并列出")
    if s.same_province is not False or other is None:
        s.deadline = f"自作出行政处罚决定之日起{_cn(same.working_days)}个工作日内公示"
        s.deadline_basis = same.basis
        if s.decided_on:
            s.publish_by = _add_workdays(catalogs, s.decided_on, same.working_days, s.holes)
    if other is not None and s.same_province is not True and other.working_days:
        text = f"当事人登记地（住所地）在外省的：{other.note or f'{_cn(other.working_days)}个工作日内推送'}"
        s.deadline = f"{s.deadline}；{text}" if s.deadline else text
        s.deadline_basis = f"{s.deadline_basis}；{other.basis}" if s.deadline_basis else other.basis
        if s.decided_on:
            s.push_by = _add_workdays(catalogs, s.decided_on, other.working_days, s.holes)


def _low_fine(catalogs, package: CasePackage, region: Optional[str], day: date) -> Optional[float]:
    kinds = {p.kind for p in package.parties or ()}
    for entry in catalogs.low_fines.values():
        if entry.in_force(day) and region and region.startswith(entry.region_prefix) and kinds & set(entry.party_kinds):
            return entry.at_most
    return None


def _period(s: Schedule, rule: PublicityRule, package: CasePackage, catalogs, region: Optional[str], types) -> None:
    if not rule.periods:
        return
    start = s.published_on  # the period runs from the day of publication, which only the file can give
    fines = [p.amount for p in package.proposed_decision.penalties or () if p.type == "fine" and p.amount is not None]
    limit = _low_fine(catalogs, package, region, s.decided_on or start or date.today())
    chosen = rule.periods[-1]
    for period in rule.periods[:-1]:
        allowed = set(period.when_only) - {"low_fine"}
        low_allowed = "low_fine" in period.when_only
        if not set(types) <= allowed | ({"fine"} if low_allowed else set()):
            continue
        if "fine" in types:
            if limit is None:
                s.holes.append("较低数额罚款的标准由省级以上市场监督管理部门规定，本省标准未收录，公示期为三个月或三年")
                chosen = None
                break
            if any(f > limit for f in fines):
                continue
        chosen = period
        break
    if chosen is None:
        s.period, s.period_basis = "自公示之日起三个月（较低数额罚款）或三年", rule.periods[0].basis
        return
    s.period = "自公示之日起" + (f"{_cn(chosen.months)}个月" if chosen.months else f"{_cn(chosen.years)}年")
    s.period_basis = chosen.basis
    longest = max((p.duration_days or 0 for p in package.proposed_decision.penalties or () if p.type in RESTRICTIONS),
                  default=0)
    if start:
        s.until = _plus(start, chosen.months or 0, chosen.years or 0)
    if rule.restriction_basis and longest and start and start + timedelta(days=longest) > (s.until or start):
        s.period = f"按实际限制期限（{longest}日）执行"
        s.period_basis = rule.restriction_basis
        s.until = start + timedelta(days=longest)


def _withdrawal(s: Schedule, rule: PublicityRule, catalogs) -> Schedule:
    w = rule.withdrawal
    if w and w.working_days:
        s.withdrawal = (f"决定被依法变更、撤销、确认违法或者确认无效的，{_cn(w.working_days)}个工作日内撤回公示信息并说明理由")
        s.withdrawal_basis, s.withdrawal_days = w.basis, w.working_days
    return s


def withdraw_by(s: Schedule, catalogs, holes: list[str]) -> Optional[date]:
    if not s.alterations or not s.withdrawal_days:
        return None
    return _add_workdays(catalogs, s.alterations[0][1], s.withdrawal_days, holes)


def _plus(day: date, months: int, years: int) -> date:
    """自公示之日起届满 N 个月/年: the same day N months/years later (the last day of a shorter month)."""
    month = day.month - 1 + months
    year = day.year + years + month // 12
    month = month % 12 + 1
    for d in (day.day, 30, 29, 28):
        if d <= day.day:
            try:
                return date(year, month, d)
            except ValueError:
                continue
    return date(year, month, 28)


def _cn(n: int) -> str:
    from review_assistant.law.citations import to_cn

    return to_cn(n)


def for_case(ctx) -> Schedule:
    """The schedule of a review's case (use ``ctx.once(for_case)``: computed once per review)."""
    return schedule(ctx.package, ctx.catalogs, ctx.as_of, ctx.domain, ctx.agency_region)
