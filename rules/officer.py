"""执法人员资格 (officer): did at least two certified officers carry out each investigative step?

《行政处罚法》第四十二条：行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。
A certificate counts on a step's date when it is active, within its validity, and covers the case's field and
region. The roster (执法人员清单) wins; then the package's ``cert``; otherwise the officer is a gap, not a pass.
"""
from review_assistant.context import INVESTIGATIVE_STEPS, STEP_LABELS
from review_assistant.regions import covers
from review_assistant.rulebook import derive, gap_rule, rule

ITEM = "officer"


@derive
def steps(ctx):
    pkg = ctx.package
    if pkg.steps is None:
        yield {"kind": "gap", "where": "/steps", "what": "程序环节（steps）"}
        return
    investigative = [(i, s) for i, s in ctx.indexed_steps if s.kind in INVESTIGATIVE_STEPS]
    if not investigative:
        yield {"kind": "gap", "where": "/steps", "what": "调查取证环节（检查、询问、抽样等）的执法人员记录"}
    place = (pkg.violation and pkg.violation.place_region_code) or ctx.agency_region
    for i, step in investigative:
        label = STEP_LABELS[step.kind]
        if step.officers is None or step.date is None:
            yield {"kind": "gap", "where": f"/steps/{i}", "what": f"{label}环节的执法人员或日期"}
            continue
        valid = unknown = 0
        seen = set()
        for j, cert_no in enumerate(step.officers):
            if cert_no in seen:
                continue  # the same certificate written twice is still one officer
            seen.add(cert_no)
            cert = ctx.certificate(cert_no)
            reason = _invalid_reason(cert, step.date, pkg.domain, place)
            where = f"/steps/{i}/officers/{j}"
            if reason is None and cert.source == "unknown":
                unknown += 1
                yield {"kind": "gap", "where": where, "what": f"执法证{cert_no or '（空）'}的有效期与状态（执法人员清单和案卷包均未载明）"}
            elif reason is None:
                valid += 1
            else:
                yield {"kind": "invalid", "where": where, "name": cert.name or cert_no, "cert_no": cert_no,
                       "step_label": label, "date": step.date.isoformat(), "reason": reason}
        yield {"kind": "step", "where": f"/steps/{i}/officers", "step_label": label,
               "date": step.date.isoformat(), "valid": valid, "unknown": unknown,
               "at_most": valid + unknown, "unknown_note": f"（另有{unknown}名无法核实）" if unknown else ""}


def _invalid_reason(cert, day, domain, place):
    """Why the certificate does not count on ``day`` (None: it counts, or nothing is known)."""
    if cert.auxiliary:
        return "系执法辅助人员，不具有行政执法资格"
    if not cert.cert_no:
        return "未记录执法证号"
    if cert.source == "unknown":
        return None
    if cert.status and cert.status != "active":
        return {"suspended": "执法证已被暂扣", "revoked": "执法证已被注销或吊销"}[cert.status]
    if cert.valid_from and day < cert.valid_from:
        return f"执法证自{cert.valid_from.isoformat()}起有效，该日尚未生效"
    if cert.valid_to and day > cert.valid_to:
        return f"执法证有效期至{cert.valid_to.isoformat()}，该日已过期"
    if domain and cert.domains and domain not in cert.domains:
        return "执法证的执法领域不含本案领域"
    if place and cert.region_code and not covers(cert.region_code, place):
        return f"执法证的执法区域（{cert.region_code}）不含违法行为发生地（{place}）"
    return None


@rule("OFF-001", on="step", severity="major",
      title="调查取证的持证执法人员不足两人",
      basis="《中华人民共和国行政处罚法》第四十二条",
      provision="行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。",
      message="{step_label}（{date}）仅有{valid}名可确认持有效执法证的执法人员{unknown_note}",
      suggestion="由两名以上持有效执法证的执法人员重新调查取证，或补充参与人员的执法证信息",
      teaching="“两人执法”针对每一个调查取证环节，而不是整个案件。辅助人员、协管员、证件过期或被暂扣的人员都不计入。笔录只有一名持证人员签名的，该笔录作为证据的合法性存疑。")
def fewer_than_two(m):
    return m.at_most < 2


@rule("OFF-002", on="invalid", severity="major",
      title="执法人员在执法当日不具备有效执法资格",
      basis="《中华人民共和国行政处罚法》第四十二条",
      provision="行政处罚应当由具有行政执法资格的执法人员实施。",
      message="{name}（证号{cert_no}）参与{step_label}（{date}）时：{reason}",
      suggestion="由持有效执法证、执法领域和区域相符的执法人员重新取证；核实执法人员清单",
      teaching="执法资格按执法行为发生之日判断：证件须处于有效期内、状态正常，且执法领域、区域与案件相符。清单（执法证管理系统）优先于办案系统自填信息。")
def invalid_certificate(m):
    return None


officer_gap = gap_rule(
    "OFF-G01",
    title="执法人员资格信息不足，无法判断",
    basis="《中华人民共和国行政处罚法》第四十二条",
    provision="行政处罚应当由具有行政执法资格的执法人员实施。",
    suggestion="补充执法人员名单、执法证号及证件信息，或在执法人员清单中登记",
    teaching="查不到证件信息时应作为“材料不足”提出，不能默认执法人员持证。")
