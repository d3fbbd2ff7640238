"""执法主体 (subject): is the deciding organ lawful for this case?

《行政处罚法》第十七条：行政处罚由具有行政处罚权的行政机关在法定职权范围内实施。
第二十条第四款：受委托组织在委托范围内，以委托行政机关名义实施行政处罚。
Where the agency catalog knows the agency, the catalog wins; a disagreement is itself a finding.
"""
import re

from review_assistant.engine.rulebook import derive, gap_rule, manual_rule, rule

ITEM = "subject"


@derive
def agency(ctx):
    pkg, a = ctx.package, ctx.package.agency
    if a is None or not (a.name or a.id):
        yield {"kind": "gap", "where": "/agency", "what": "执法主体（agency）信息"}
        return
    name = a.name or a.id
    if not pkg.domain:
        yield {"kind": "gap", "where": "/domain", "what": "案件所属执法领域（domain）"}
    elif ctx.domain not in ctx.catalogs.domains:
        # a field code of the case system's own: nothing to compare with, never a finding
        yield {"kind": "manual", "where": "/domain",
               "what": f"本案执法领域的代码不在领域目录中，未核对{name}的职权范围是否包含该领域"}
    elif ctx.agency_domains is None:
        yield {"kind": "gap", "where": "/agency/domains", "what": f"{name}的职权范围（agency.domains；目录未收录该机关）"}
    else:
        unknown = [d for d in ctx.agency_domains if ctx.catalogs.domain(d) not in ctx.catalogs.domains]
        inside = ctx.catalogs.covers(ctx.agency_domains, ctx.domain)
        if not inside and unknown:  # the agency's list uses codes we cannot read: do not call it outside its powers
            yield {"kind": "manual", "where": "/agency/domains",
                   "what": f"职权范围中的代码“{'、'.join(unknown)}”不在领域目录中，未核对{name}对本案领域是否有职权"}
        else:
            yield {"kind": "agency", "where": "/domain", "name": name, "domain": pkg.domain,
                   "domain_label": _label(ctx, ctx.domain), "in_powers": inside}
    # a package that lists some of the agency's powers (those that matter here) does not disagree with the catalog
    if ctx.agency_entry and a.domains is not None and not all(ctx.catalogs.covers(ctx.agency_entry.domains, d)
                                                                  for d in a.domains):
        yield {"kind": "catalog_disagrees", "where": "/agency/domains", "name": name,
               "package": "、".join(_label(ctx, d) for d in a.domains),
               "catalog": "、".join(_label(ctx, d) for d in ctx.agency_entry.domains)}
    if a.acts_as == "delegated":
        if not a.delegated_by:
            yield {"kind": "gap", "where": "/agency/delegated_by", "what": "受委托组织的委托机关名称"}
        else:
            yield {"kind": "delegated", "where": "/agency/name", "name": name, "delegated_by": a.delegated_by,
                   "in_own_name": a.delegated_by != name and not _signed_by(pkg.decision_text, a.delegated_by, name)}


def _signed_by(text, organ: str, other: str) -> bool:
    """The draft decision closes with the organ's name (its signature and seal line) and not the other's: a delegated
    body whose package names itself, deciding in the delegating organ's name as 第二十条第四款 requires."""
    if not text:
        return False
    tail = text.rstrip()[-120:]
    return organ in tail and other not in tail


# Names of bodies inside an organ (内设机构) — they act in the organ's name, never their own. Patterns as data.
INTERNAL_BODY = re.compile(r"(科|股|处|室|办公室|大队|中队|支队|稽查队|执法队)$")
# organs of government whose names end the same way: a 街道办事处 is the district government's agency (派出机关)
GOVERNMENT_ORGAN = re.compile(r"(街道办事处|人民政府|管理委员会|管委会)$")
# bodies a law names as the deciding organ in their own name, whatever their name's ending: 消防救援机构 (消防法第七十条),
# 公安机关交通管理部门 (道路交通安全法第五条、第八十七条) — the 大队 and 支队 at county and city level
NAMED_BY_LAW = re.compile(r"消防救援(大队|支队|总队)$|交通(警察|管理)(大队|支队)$|交警(大队|支队)$"
                          r"|(交通警察|交通管理|交警|消防救援)支队[^，。；]{1,12}大队$")  # …公安局交通警察支队历下大队
# an office is a unit of the organ its name holds (…市场监督管理局办公室); one named after the region alone is a department of
# the government (合肥市人民防空办公室: 人民防空法第七条's 人民防空主管部门)
OFFICE_OF_AN_ORGAN = re.compile(r"(局|厅|委员会|委|署|部|院|中心|所|政府)[^局厅委署部院心所府]*(办公)?室$")


@derive
def internal_body(ctx):
    a = ctx.package.agency
    m = a and a.name and INTERNAL_BODY.search(a.name)
    if (m and a.acts_as in (None, "own") and not GOVERNMENT_ORGAN.search(a.name) and not NAMED_BY_LAW.search(a.name)
            and (not m.group(1).endswith("室") or OFFICE_OF_AN_ORGAN.search(a.name)) and not ctx.agency_entry):
        yield {"kind": "internal_body", "where": "/agency/name", "name": a.name}


def _label(ctx, code):
    entry = ctx.catalogs.domains.get(code)
    return entry.label if entry else code


@rule("SUB-001", on="agency", severity="blocking",
      title="超出法定职权范围实施行政处罚",
      basis="《中华人民共和国行政处罚法》第十七条",
      provision="行政处罚由具有行政处罚权的行政机关在法定职权范围内实施。",
      message="{name}的职权范围不含“{domain_label}”领域，却对本案作出处罚",
      suggestion="核实本案是否属于本机关法定职权；不属于的，应移送有管辖权的机关处理",
      teaching="职权法定是处罚合法的前提。审核时先看作出决定的机关对该领域是否有处罚权（三定方案、法律授权、综合执法划转文件），超越职权作出的处罚可被确认无效或撤销。")
def outside_powers(m):
    return m.in_powers == False  # noqa: E712 — durable_rules compares by ==


@rule("SUB-002", on="delegated", severity="major",
      title="受委托组织以自己名义作出处罚",
      basis="《中华人民共和国行政处罚法》第二十条第四款",
      provision="受委托组织在委托范围内，以委托行政机关名义实施行政处罚；不得再委托。",
      message="{name}为受委托组织，处罚决定应以委托机关（{delegated_by}）名义作出",
      suggestion="以委托行政机关的名义和印章制作决定书，并附委托书（载明事项、权限、期限）",
      teaching="委托不转移职权：受托组织只能以委托机关名义执法，法律后果由委托机关承担。常见错误是受托的事业单位以自己名义盖章出具决定书。")
def delegated_own_name(m):
    return m.in_own_name == True  # noqa: E712


@rule("SUB-003", on="catalog_disagrees", severity="hint",
      title="送审材料所载职权范围与执法主体目录不一致",
      basis="《中华人民共和国行政处罚法》第十七条",
      provision="行政处罚由具有行政处罚权的行政机关在法定职权范围内实施。",
      message="案卷包载明{name}职权为“{package}”，执法主体目录为“{catalog}”，以目录为准",
      suggestion="核对执法主体目录与办案系统中的职权信息，更正不一致之处",
      teaching="执法主体、职权以公布的执法主体清单为准。办案系统信息滞后（机构改革、职权划转）时容易出现不一致。")
def catalog_disagrees(m):
    return None


@rule("SUB-004", on="internal_body", severity="major",
      title="内设机构以自己名义作出处罚",
      basis="《中华人民共和国行政处罚法》第十七条",
      provision="行政处罚由具有行政处罚权的行政机关在法定职权范围内实施；内设机构不是行政处罚的实施主体，应以所属行政机关的名义作出决定。",
      message="“{name}”从名称看是内设机构（科、股、大队等），却以自己名义作出决定",
      suggestion="以所属行政机关的名义、加盖其印章作出决定；如有法律、法规授权其以自己名义执法，请提供授权依据",
      teaching="执法大队、稽查队、业务科室通常是内设机构或执法机构，不具有行政主体资格；除法律、法规授权外，决定书应以所属机关名义作出。")
def internal_body_rule(m):
    return None


subject_check = manual_rule(
    "SUB-H01",
    title="执法领域代码不在目录中，未能核对职权",
    basis="《中华人民共和国行政处罚法》第十七条",
    provision="行政处罚由具有行政处罚权的行政机关在法定职权范围内实施。",
    suggestion="人工核对执法机关对本案领域的职权；办案系统的领域代码可由管理员在本工具的领域目录中登记为别名",
    teaching="办案系统的领域代码各不相同。本工具不认识的代码只提示人工核对，不判定超越职权。")


subject_gap = gap_rule(
    "SUB-G01",
    title="执法主体信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第十七条",
    provision="行政处罚由具有行政处罚权的行政机关在法定职权范围内实施。",
    suggestion="补充执法主体名称、区划代码、层级及职权范围，或在执法主体目录中登记该机关",
    teaching="材料缺失时不能推定合法：主体信息不全，审核结论应为“材料不足”。")
