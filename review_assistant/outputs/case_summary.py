"""The case as a person reads it: parties, the proposed decision, the law cited and the steps, in Chinese, with the
v1.1 fields (address, representative, service method, notified penalties, discussion participants, seizure release).
One summary for the opinion and the web workspace, so that both show the same facts the same way."""
from __future__ import annotations

from review_assistant.case.labels import PENALTY_LABELS, SERVICE_METHODS, STEP_LABELS
from review_assistant.law.fines import yuan
from review_assistant.case.models.package import CasePackage, Penalty

REPRESENTATIVES = {"legal_representative": "法定代表人", "operator": "经营者", "guardian": "监护人", "principal": "负责人",
                   "other": "代理人"}


def penalty_text(p: Penalty) -> str:
    text = PENALTY_LABELS.get(p.type, "未注明种类的处罚")
    if p.amount is not None:
        text += yuan(p.amount)
    if p.duration_days:
        text += f"{p.duration_days}日"
    if p.object:
        text += f"（{p.object}）"
    return text


def parties(package: CasePackage) -> list[dict]:
    out = []
    for p in package.parties or ():
        rep = p.representative
        out.append({
            "name": p.name or "（未载明）", "id_number": p.id_number or "（未载明）", "address": p.address or "",
            "representative": f"{REPRESENTATIVES.get(rep.kind, '代表人')}：{rep.name}" if rep and rep.name else "",
        })
    return out


def steps(package: CasePackage) -> list[dict]:
    """Each dated step with what v1.1 adds to it, in date order (undated ones last)."""
    rows = []
    for s in package.steps or ():
        extra = []
        if s.method:
            extra.append(SERVICE_METHODS[s.method] + ("（当事人已同意电子送达）" if s.method == "electronic" and s.consented else ""))
        if s.witnesses:
            extra.append("见证人：" + "、".join(s.witnesses))
        if s.proposed:
            extra.append("告知拟处罚：" + "；".join(penalty_text(p) for p in s.proposed))
        if s.participants:
            extra.append("参加人员：" + "、".join(f"{p.name or ''}（{p.title}）" if p.title else (p.name or "")
                                              for p in s.participants))
        if s.released_on:
            extra.append(f"{s.released_on.isoformat()}解除或处理")
        if s.excluded_days:
            extra.append(f"不计入期限{s.excluded_days}日")
        rows.append({"date": s.date.isoformat() if s.date else "", "label": STEP_LABELS.get(s.kind, "未注明环节"),
                     "extra": "；".join(extra)})
    return sorted(rows, key=lambda r: (r["date"] == "", r["date"]))


def summary(package: CasePackage) -> dict:
    d, c = package.proposed_decision, package.citations
    return {
        "parties": parties(package),
        "penalties": [penalty_text(p) for p in (d.penalties or ()) if d] if d else [],
        "violated": list(c.violated or ()) if c else [],
        "penalty_basis": list(c.penalty or ()) if c else [],
        "general": list(c.general or ()) if c else [],
        "steps": steps(package),
    }
