"""管辖与时效 (jurisdiction): is the case the agency's to decide, and not time-barred?

《行政处罚法》第二十二条：行政处罚由违法行为发生地的行政机关管辖（法律、行政法规、部门规章另有规定的，从其规定）。
第三十六条（原则）：违法行为在二年内未被发现的，不再给予行政处罚；（但书）涉及公民生命健康安全、金融安全且有危害后果的，
延长至五年；法律另有规定的除外（如治安管理处罚法第二十二条：六个月，catalog ``limitation``）。期限从违法行为发生之日起计算；有连续或者继续状态的，从行为终了之日起计算。
"""
from review_assistant.law.citations import to_cn
from review_assistant.case.dates import add_months, add_years
from review_assistant.case.regions import covers
from review_assistant.engine.rulebook import derive, gap_rule, manual_rule, rule

ITEM = "jurisdiction"
BASE_YEARS, EXTENDED_YEARS = 2, 5


@derive
def limitation(ctx):
    v = ctx.package.violation
    act_end, source = ctx.act_end, ""
    if act_end is None:
        # v1 allows occurred_on to be absent: the act's dates as the narrative states them are used, and named
        written = _written_act(ctx)
        if written is None:
            yield {"kind": "gap", "where": "/violation/occurred_on", "what": "违法行为发生（终了）日期，无法计算追责时效"}
            return
        act_end, role = written
        source = "（违法行为日期取自事实认定的记载）"
        if role == "act_start":
            # only the start is written: the act ended on or after it, so the start can show the case is in time only
            source = "（事实认定只记载了违法行为的开始日期）"
    yield from _limitation(ctx, v, act_end, source, exact_end=not source.startswith("（事实认定只"))


def _written_act(ctx):
    """(day, role) of the act in facts_text: its latest written end, else its latest written start; or None."""
    from review_assistant.case.narrative_dates import read

    text = ctx.package.facts_text
    if not text:
        return None
    written = read(text, [])
    for role in ("act_end", "act_start"):
        days = [w.day for w in written if w.role == role]
        if days:
            return max(days), role
    return None


def _limitation(ctx, v, act_end, source, exact_end=True):
    # Without discovered_on, the first recorded step is only an upper bound on discovery: it can show the case
    # is in time, never that it is time-barred.
    step_dates = [s.date for _, s in ctx.indexed_steps if s.date]
    exact = v.discovered_on if v else None
    discovered = exact or (min(step_dates) if step_dates else None)
    if discovered is None:
        yield {"kind": "gap", "where": "/violation/discovered_on", "what": "违法行为发现日期"}
        return
    cited = [r for _, r in ctx.resolved_citations("violated") if r.law and r.law.limitation]
    unheld = next((r.law for r in cited if r.version is None and r.law.unheld_versions), None)
    if unheld:
        # its own limitation is recorded from a text the act's date is past (治安管理处罚法 revised from 2026-01-01)
        yield {"kind": "manual", "where": "/violation/discovered_on",
               "what": f"{unheld.name}在违法行为时施行的文本目录未收录，其特别时效（{unheld.limitation.basis}）未能核对"}
        return
    special = next((r.law for r in cited), None)
    if special:  # 第三十六条 “法律另有规定的除外”: e.g. 治安管理处罚法 six months
        months = special.limitation.months
        if discovered <= add_months(act_end, months):
            return
        if exact is None:
            yield {"kind": "gap", "where": "/violation/discovered_on", "what": "违法行为发现日期（须查明是否超过特别时效）"}
            return
        yield _barred(act_end, source, discovered, f"{_months_cn(months)}（{special.limitation.basis}）", exact_end)
        return
    if discovered <= add_years(act_end, BASE_YEARS):
        return
    if exact is None:
        yield {"kind": "gap", "where": "/violation/discovered_on",
               "what": "违法行为发现日期（首个程序环节已在行为终了二年之后，须查明何时发现）"}
        return
    harm = v.harm if v else None
    if harm is None:
        yield {"kind": "gap", "where": "/violation/harm", "what": "危害后果（超过二年后是否适用五年时效取决于是否有危害后果）"}
        return
    touches = _life_health_or_financial(ctx)
    within_five = discovered <= add_years(act_end, EXTENDED_YEARS)
    if harm in ("minor", "serious") and touches is True and within_five:
        return  # 但书: life, health or financial safety with harm — five years
    if harm in ("minor", "serious") and touches is None and within_five:
        # harm in a field the catalog does not mark either way: whether the act touched life, health or finance is for
        # a person to judge (a hole in our data, not the file's)
        yield {"kind": "manual", "where": "/violation/harm",
               "what": f"违法行为于{act_end.isoformat()}终了，{discovered.isoformat()}才被发现，超过二年；有危害后果，"
                       "是否涉及公民生命健康安全、金融安全（适用五年时效）未能判断"}
        return
    years = EXTENDED_YEARS if harm in ("minor", "serious") and touches else BASE_YEARS
    yield _barred(act_end, source, discovered, {2: "二年", 5: "五年"}[years], exact_end)


def _barred(act_end, source, discovered, period, exact_end):
    if not exact_end:  # the written start is past the period; when the act ended is for the case unit to show
        return {"kind": "gap", "where": "/violation/ended_on",
                "what": f"违法行为终了日期（事实认定只记载了{act_end.isoformat()}开始，无法计算{period}的追责时效）"}
    return {"kind": "time_barred", "where": "/violation/discovered_on", "act_end": act_end.isoformat(), "source": source,
            "discovered": discovered.isoformat(), "period": period}


def _life_health_or_financial(ctx):
    """True / False / None (cannot tell) whether the act touches life, health or financial safety, from the catalog's
    fields: the fields of the law it violated first (the more specific), else the case's field."""
    def marks(codes):
        return [ctx.catalogs.domains[c].life_health_or_financial for c in codes if c in ctx.catalogs.domains]
    of_law = marks({ctx.catalogs.domain(f) for _, r in ctx.resolved_citations("violated") if r.law for f in r.law.fields})
    for found in (of_law, marks({ctx.domain})):
        if True in found:
            return True
        if found and all(m is False for m in found):
            return False
    return None


def _months_cn(months: int) -> str:
    return f"{to_cn(months // 12)}年" if months % 12 == 0 else f"{to_cn(months)}个月"


@derive
def territory(ctx):
    v = ctx.package.violation
    place = v.place_region_code if v else None
    if place is None or ctx.agency_region is None:
        yield {"kind": "gap", "where": "/violation/place_region_code", "what": "违法行为发生地或执法机关的区划代码"}
        return
    yield {"kind": "place", "where": "/violation/place_region_code", "place": place,
           "region": ctx.agency_region, "inside": covers(ctx.agency_region, place)}


@derive
def level(ctx):
    """第二十三条: county-level organs and above; a township or street only with a published devolution (第二十四条).
    An organisation a law authorises at that level (a 派出所: 治安管理处罚法第九十一条) needs no devolution."""
    agency = ctx.package.agency
    if ctx.agency_level != "township" or (agency and agency.acts_as == "authorized"):
        return
    region, domain = ctx.agency_region, ctx.domain
    if not region or not domain:
        yield {"kind": "gap", "where": "/agency", "what": "乡镇街道执法的地区或执法领域，无法核对下放决定"}
        return
    day = ctx.act_date or ctx.as_of
    province = [d for d in ctx.catalogs.devolutions.values() if region[:2] == d.region_prefix[:2]]
    granted = [d for d in province if region.startswith(d.region_prefix) and ctx.catalogs.covers(d.domains, domain)
               and d.in_force(day)]
    label = ctx.catalogs.domains[domain].label if domain in ctx.catalogs.domains else domain
    if not province:  # our catalog holds no devolution of this province: a hole in our data, not in the file
        yield {"kind": "manual", "where": "/agency/level",
               "what": f"目录数据未收录该省（区划{region[:2]}）向乡镇街道下放行政处罚权的决定，未核对“{label}”领域是否已下放"}
    elif not granted:
        yield {"kind": "township", "where": "/agency/level", "name": ctx.package.agency.name or "", "domain": label}


@rule("JUR-001", on="time_barred", severity="blocking",
      title="超过行政处罚追责时效",
      basis="《中华人民共和国行政处罚法》第三十六条",
      provision="违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，延长至五年。从行为终了之日起计算。",
      message="违法行为于{act_end}终了{source}，{discovered}才被发现，已超过{period}的追责时效",
      suggestion="不再给予行政处罚；核实行为是否有连续或继续状态（终了日期）及发现日期的证据",
      teaching="时效从违法行为终了之日起算，到“被发现”（立案线索、检查发现）为止，而不是到作出决定为止。连续、继续状态的违法行为要查清终了日期。")
def time_barred(m):
    return None


@rule("JUR-002", on="place", severity="major", remedy="supplement",
      title="违法行为发生地不在本机关管辖区域",
      basis="《中华人民共和国行政处罚法》第二十二条",
      provision="行政处罚由违法行为发生地的行政机关管辖。法律、行政法规、部门规章另有规定的，从其规定。",
      message="违法行为发生地（{place}）不在执法机关辖区（{region}）内",
      suggestion="核实管辖依据（特别规定、指定管辖等）；无管辖权的应移送有管辖权的机关",
      teaching="地域管辖以违法行为发生地为原则；网络交易、交通等领域的部门规章另有规定的从其规定。无管辖权的案件应移送，不能“先办再说”。")
def outside_territory(m):
    return m.inside == False  # noqa: E712


@rule("JUR-003", on="township", severity="major", remedy="supplement",
      title="乡镇街道实施处罚未见下放决定",
      basis="《中华人民共和国行政处罚法》第二十三条",
      provision="行政处罚由县级以上地方人民政府具有行政处罚权的行政机关管辖（第二十三条）；省级可以决定将县级部门的行政处罚权交由乡镇人民政府、街道办事处行使，决定应当公布（第二十四条第一款）。",
      message="{name}为乡镇街道，目录数据中未见将“{domain}”领域处罚权下放给该地区乡镇街道的决定",
      suggestion="提供省级下放决定（文号、公布日期、下放事项），或由管理员在本工具的下放决定目录中登记；无下放依据的，应移送县级主管部门",
      teaching="乡镇街道实施行政处罚必须有省、自治区、直辖市公布的下放决定，且只能在下放事项范围内实施。")
def township(m):
    return None


jurisdiction_check = manual_rule(
    "JUR-H01",
    title="目录数据未收录，未能自动核对",
    basis="《中华人民共和国行政处罚法》第二十四条第一款",
    provision="省、自治区、直辖市根据当地实际情况，可以决定将基层管理迫切需要的县级人民政府部门的行政处罚权交由能够有效承接的乡镇人民政府、街道办事处行使，并定期组织评估。决定应当公布。",
    suggestion="核对该省公布的下放决定（文号、事项清单）；常用的可由管理员登记到本工具的下放决定目录",
    teaching="乡镇街道执法须有省级公布的下放决定。本工具只知道目录里登记的决定，未登记的只提示人工核对。")


jurisdiction_gap = gap_rule(
    "JUR-G01",
    title="管辖或时效信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第二十二条、第三十六条",
    provision="违法行为发生地的行政机关管辖；违法行为在二年内未被发现的，不再给予行政处罚。",
    suggestion="补充违法行为发生地区划代码、发生及终了日期、发现日期",
    teaching="管辖和时效都靠日期与地点判断，缺一项就无法得出结论。")
