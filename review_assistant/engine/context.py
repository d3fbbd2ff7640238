"""The case as the rules see it: the package plus what is derived once and shared by several rule
modules (the officer each certificate number names, the dates of key steps, the citations resolved as of the
act date). Everything here is computed lazily and at most once per review."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import Optional

from review_assistant.catalog import models as cm
from review_assistant.catalog.loader import Catalogs
from review_assistant.law.citations import REFERS_BACK_AT_START, Resolved, parsed, referred_kind, resolve
from review_assistant.law.fines import AMOUNT_LABELS
from review_assistant.case.identity import resident_id_birth, resident_id_ok
from review_assistant.case.models.package import CasePackage, Officer, Step
from review_assistant.case.regions import covers as region_covers

from review_assistant.case.labels import AMOUNT_ALIASES, AMOUNT_KEY_WORDS, INVESTIGATIVE_STEPS, NOT_GATHERED, PENALTY_LABELS, SERVICE_METHODS, STEP_LABELS  # noqa: F401


ILLEGAL_PART = re.compile(r"_(?:illegal|unlawful|illegally_occupied|occupied_illegally)$")


@dataclass(frozen=True)
class Certificate:
    """An officer's certificate as far as anyone knows it: the roster wins, then the package's ``cert``."""
    cert_no: str
    name: str
    source: str  # roster | package | unknown
    valid_from: Optional[date] = None
    valid_to: Optional[date] = None
    status: Optional[str] = None
    domains: tuple[str, ...] = ()
    region_code: Optional[str] = None
    auxiliary: bool = False

    def problem_on(self, day: date, domain: Optional[str] = None, place: Optional[str] = None,
                   covers=None) -> Optional[str]:
        """Why the certificate does not count on ``day`` for this field and place (None: it counts, or nothing is known).
        ``covers(fields, domain)`` (True, False, or None: cannot be told) reads the field hierarchy (a 市场监管 certificate covers 食品安全 …); ``place`` is
        the area the officer acts for (the agency's area: a case outside it is a jurisdiction question).
        《行政处罚法》第四十二条：行政处罚应当由具有行政执法资格的执法人员实施。"""
        if self.auxiliary:
            return "系执法辅助人员，不具有行政执法资格"
        if not self.cert_no:
            return "未记录执法证号"
        if self.source == "unknown":
            return None
        if self.status and self.status != "active":
            return {"suspended": "执法证已被暂扣", "revoked": "执法证已被注销或吊销"}[self.status]
        if self.valid_from and day < self.valid_from:
            return f"执法证自{self.valid_from.isoformat()}起有效，该日尚未生效"
        if self.valid_to and day > self.valid_to:
            return f"执法证有效期至{self.valid_to.isoformat()}，该日已过期"
        if domain and self.domains and (covers(self.domains, domain) if covers else domain in self.domains) is False:
            return "执法证的执法领域不含本案领域"
        if place and self.region_code and not region_covers(self.region_code, place):
            return f"执法证的执法区域（{self.region_code}）不含执法机关的辖区（{place}）"
        return None


_UNIT_FORM = re.compile(r"(股份)?(有限)?(责任)?公司$|集团$|(门市|分)?部$|[店厂]$")


@lru_cache(maxsize=512)
def _compiled(pattern: str):
    return re.compile(pattern)


_CONDITIONAL = re.compile(r"严重|拒不|逾期|再次|多次|屡")  # 情节严重的，吊销: the type rests on the finding
# penalties heavier than a fine (第六十三条's hearing types and 拘留): a finding of 情节严重 often opens them
HEAVY_TYPES = {"revoke_license", "suspend_business", "close", "restrict_practice", "lower_qualification", "detention"}


# the file finds the act itself not corrected by the deadline (至复查时逾期仍未改正, 被责令限期安装……后逾期未安装): not the
# order's warning (逾期未改正的，将依照……), a provision quoted, a denial (不存在逾期未改正情形) or a fine unpaid (逾期不缴纳)
# …; 至限期届满之日，当事人仍未申报; 复查时发现当事人仍未整改 — the deadline passed, the act uncorrected; not 仍未恢复使用
# (a stopped machine still off is the order obeyed)
_NOT_CORRECTED = re.compile(r"(?:逾期(?:仍)?(?:未|不|没有)|(?:限期|期限|期满)[^。；]{0,12}仍(?:未|没有)|复查[^。；]{0,12}仍(?:未|没有))"
                            r"(?:改正|整改|安装|配备|设置|落实|拆除|恢复(?!使用|运行|运营|营业|生产|经营)|消除|停止|申报|办理|补办|移交|申请)(?![的者])")
_NOT_A_FINDING = re.compile(r"不存在|不属于|没有|并非|不构成|未发现|无[^，,。；]{0,4}$|将|如|若|否则|依照|根据|规定|“")
_CLAUSE_START = re.compile(r"[^，,。；;：:\n]*$")


def _found_not_corrected(text: str) -> bool:
    for m in _NOT_CORRECTED.finditer(text):
        clause = _CLAUSE_START.search(text, max(0, m.start() - 30), m.start()).group()
        if not _NOT_A_FINDING.search(clause):
            return True
    return False


# an order that undoes the act (责令限期拆除, 限当事人……拆除, 责令退还非法占用的土地, 恢复土地原状)
_ORDERS_UNDONE = re.compile(r"(?:责令|限)[^。；]{0,30}?(?:拆除|退还|恢复(?:原状|植被|土地))")  # not 停止建设、限期改正 (城乡规划法
# 第六十四条: 尚可改正的，限期改正并处罚款 — the fine is the penalty there)
# 土地管理法第七十七条: land that conforms to the plan has its buildings confiscated, not demolished — the order alone is not
# that branch's decision
_CONFORMS_TO_PLAN = re.compile(r"(?<!不)符合土地利用总体规划")
_OWN_ORDER_KEYS = re.compile(r"demoli|return_land|restor")


class CaseContext:
    def __init__(self, package: CasePackage, catalogs: Catalogs, as_of: date):
        self.package = package
        self.catalogs = catalogs
        self.as_of = as_of
        self.stage = package.effective_stage
        self.domain = catalogs.domain(package.domain)  # the catalog's code (another system's alias → ours)
        self.calendar = catalogs.calendar
        self._resolved: dict = {}
        self._read: dict = {}

    # --- steps and dates --------------------------------------------------------------------------
    @cached_property
    def indexed_steps(self) -> list[tuple[int, Step]]:
        return list(enumerate(self.package.steps or ()))

    @cached_property
    def _investigators_by_day(self) -> dict[date, set[str]]:
        by_day: dict[date, set[str]] = {}
        for _, s in self.indexed_steps:
            if s.kind in INVESTIGATIVE_STEPS and s.date and s.officers:
                by_day.setdefault(s.date, set()).update(s.officers)
        return by_day

    def gathered_on_a_step(self, cert_no: str, day: Optional[date]) -> list[int]:
        """The evidence an officer gathered on a day a dated investigative step names them (an expert's opinion is not
        gathered). One defect of 第四十二条, reported once: the officer check judges the certificate on that step and
        names these pieces (OFF-002); the evidence check leaves them to it."""
        if day is None or cert_no not in self._investigators_by_day.get(day, ()):
            return []
        return [i for i, e in enumerate(self.package.evidence or ())
                if e.obtained_on == day and cert_no in (e.obtained_by or ()) and e.type != "expert_opinion"]

    @cached_property
    def first_failing_step(self) -> dict[str, int]:
        """Each officer whose certificate fails (expired, not yet valid, suspended, not recorded) on a dated investigative
        step that names them → the first such step. The officer check reports the certificate there (OFF-002)."""
        out: dict[str, int] = {}
        for i, s in self.indexed_steps:
            if s.kind in INVESTIGATIVE_STEPS and s.date:
                for cert_no in s.officers or ():
                    if cert_no not in out and self.certificate(cert_no).problem_on(s.date):
                        out[cert_no] = i
        return out

    def gathered_off_steps_while_failing(self, cert_no: str) -> list[int]:
        """The evidence an officer the officer check already finds uncertified on a step gathered, on days no step names
        them, while the certificate failed: the same defect of 第四十二条 (this officer lacked a valid certificate),
        named with that step's finding (OFF-002) and not again under 证据."""
        if cert_no not in self.first_failing_step:
            return []
        cert = self.certificate(cert_no)
        return [i for i, e in enumerate(self.package.evidence or ())
                if e.obtained_on and cert_no in (e.obtained_by or ()) and e.type != "expert_opinion"
                and cert_no not in self._investigators_by_day.get(e.obtained_on, ()) and cert.problem_on(e.obtained_on)]

    @cached_property
    def evidence_of_short_steps(self) -> frozenset[int]:
        """The evidence gathered on a dated investigative step with fewer officers than 第四十二条 asks: every step of its
        day naming all its collectors is short (a step with enough officers may be its source). The officer check
        reports the shortfall there and names these pieces (OFF-001); the evidence check leaves them to it. A piece with
        no collector named, a party's own paper or an expert's opinion is not among them."""
        needed = self.officers_needed[0]
        out = set()
        for i, e in enumerate(self.package.evidence or ()):
            if not e.obtained_on or not e.obtained_by or e.type == "expert_opinion" or (
                    e.title and re.search(NOT_GATHERED, e.title)):
                continue
            holding = [s for _, s in self.indexed_steps if s.kind in INVESTIGATIVE_STEPS and s.date == e.obtained_on
                       and s.officers and set(e.obtained_by) <= set(s.officers)]
            if holding and all(len(set(s.officers)) < needed for s in holding):
                out.add(i)
        return frozenset(out)

    @cached_property
    def _steps_by_kind(self) -> dict[str, list[tuple[int, Step]]]:
        by_kind: dict[str, list[tuple[int, Step]]] = {}
        for i, s in self.indexed_steps:
            by_kind.setdefault(s.kind, []).append((i, s))
        return by_kind

    def steps_of(self, kind: str) -> list[tuple[int, Step]]:
        """The steps of one kind with their indexes, in file order (a new list: the caller may change it)."""
        return list(self._steps_by_kind.get(kind, ()))

    def first_date(self, kind: str) -> Optional[date]:
        memo = self.__dict__.setdefault("_first_dates", {})
        if kind not in memo:
            dates = [s.date for _, s in self._steps_by_kind.get(kind, ()) if s.date]
            memo[kind] = min(dates) if dates else None
        return memo[kind]

    @cached_property
    def filing_date(self) -> Optional[date]:
        return self.first_date("filing")

    @cached_property
    def decision_date(self) -> Optional[date]:
        return self.first_date("decision")

    @cached_property
    def act_end(self) -> Optional[date]:
        """The day the act ended (continuing or repeated acts: the last day) — 第三十六条's starting point."""
        v = self.package.violation
        return (v.ended_on or v.occurred_on) if v else None

    @cached_property
    def act_date(self) -> Optional[date]:
        """The day whose law governs the act (第三十七条: the law in force when the act occurred)."""
        v = self.package.violation
        return (v.ended_on or v.occurred_on) if v else None

    # --- officers ---------------------------------------------------------------------------------
    @cached_property
    def certificates(self) -> dict[str, Certificate]:
        certs: dict[str, Certificate] = {}
        for officer in self.package.officers or ():
            if officer.cert_no:
                certs[officer.cert_no] = self._certificate(officer)
        return certs

    def certificate(self, cert_no: str) -> Certificate:
        cert = self.certificates.get(cert_no)
        if cert is None:  # a certificate the officer list does not give: the roster's, or unknown — once per review
            cert = self.certificates[cert_no] = self._certificate(Officer(cert_no=cert_no))
        return cert

    def _certificate(self, officer: Officer) -> Certificate:
        aux = officer.role == "auxiliary"
        entry: Optional[cm.OfficerEntry] = self.catalogs.officers.get(officer.cert_no or "")
        if entry:
            return Certificate(entry.cert_no, entry.name, "roster", entry.valid_from, entry.valid_to, entry.status,
                               tuple(entry.domains), entry.region_code, aux)
        c = officer.cert
        # a cert with a status or an end date says enough to use: the dates it has are checked, the ones it lacks are
        # not held against the officer; a cert with neither says nothing either way
        if c and (c.status or c.valid_to):
            return Certificate(officer.cert_no or "", officer.name or "", "package", c.valid_from, c.valid_to, c.status,
                               tuple(c.domains or ()), c.region_code, aux)
        return Certificate(officer.cert_no or "", officer.name or "", "unknown", auxiliary=aux)

    # --- agency -----------------------------------------------------------------------------------
    @cached_property
    def agency_entry(self) -> Optional[cm.AgencyEntry]:
        a = self.package.agency
        if not a:
            return None
        return self.catalogs.agencies.get(a.id or "") or self.catalogs.agencies_by_name.get(a.name or "")

    @cached_property
    def agency_domains(self) -> Optional[tuple[str, ...]]:
        """职权范围: the catalog wins; the package's list otherwise; None when neither knows."""
        if self.agency_entry:
            return tuple(self.agency_entry.domains)
        a = self.package.agency
        return tuple(a.domains) if a and a.domains is not None else None

    @cached_property
    def agency_region(self) -> Optional[str]:
        if self.agency_entry:
            return self.agency_entry.region_code
        a = self.package.agency
        return a.region_code if a else None

    @cached_property
    def agency_level(self) -> Optional[str]:
        if self.agency_entry:
            return self.agency_entry.level
        a = self.package.agency
        return a.level if a else None

    # --- citations ----------------------------------------------------------------------------------
    @cached_property
    def law_date(self) -> date:
        return self.act_date or self.decision_date or self.as_of

    def resolved_citations(self, field: str) -> list[tuple[int, Resolved]]:
        """Each provision cited in ``citations.<field>``, with the index of the string it came from, resolved as of
        the act date. Read once per review, whichever rule module asks first."""
        if field not in self._resolved:
            cited = getattr(self.package.citations, field, None) if self.package.citations else None
            self._resolved[field] = [(i, resolve(c, self.catalogs, self.law_date))
                                     for i, text in enumerate(cited or ()) for c in self.read(self.in_full(field, i, text))]
        return self._resolved[field]

    def in_full(self, field: str, i: int, text: str) -> str:
        """A citation string that names its law by reference (同法第一百二十六条…, 该条例第五十七条…) with the law written
        out: the law of the string before it in the field, else of the last 违法依据."""
        m = REFERS_BACK_AT_START.match(text)
        if not m:
            return text
        kind = referred_kind(m)  # 同法 refers to a 法, 该条例 to a 条例: never to another kind
        fields = self.package.citations
        earlier = list((getattr(fields, field, None) or ())[:i]) if fields else []
        if field != "violated" and fields:
            earlier = list(fields.violated or ()) + earlier
        for before in reversed(earlier):
            named = [c for c in self.read(before) if c.law_name and c.law_name.endswith(kind)]
            if named:
                return f"《{named[-1].law_name}》" + text[m.end():]
        return text

    def matches(self, pattern: str, text: str) -> bool:
        """Regex search with the pattern compiled once per process (patterns come from the catalogs)."""
        return _compiled(pattern).search(text) is not None

    def read(self, text: str):
        """Citations in a package text (free or structured), law names with or without 《》."""
        if text not in self._read:
            self._read[text] = list(parsed(text, self.catalogs.name_finder))
        return self._read[text]

    @cached_property
    def amounts(self) -> dict[str, float]:
        v = self.package.violation
        if not v or not v.amounts:
            return {}
        amounts = {k: float(x) for k, x in v.amounts.items()}
        for alias, key in AMOUNT_ALIASES.items():  # v1.1 names for what the catalog keys otherwise
            if alias in amounts and key not in amounts:
                amounts[key] = amounts[alias]
        claimed: dict[str, list[str]] = {}
        for own in amounts:
            if own not in AMOUNT_LABELS and own not in AMOUNT_ALIASES:
                for words, key in AMOUNT_KEY_WORDS:
                    if words.search(own):
                        claimed.setdefault(key, []).append(own)
        for key, owns in claimed.items():
            if len(owns) == 1 and key not in amounts:
                amounts[key] = amounts[owns[0]]
        return amounts

    @cached_property
    def fine_facts(self):
        """What a fine range depends on: amounts, quantities, 情节, correction, and the items cited per article."""
        from review_assistant.law.fines import FineFacts

        v = self.package.violation
        items: dict = {}
        for f in ("violated", "penalty"):
            for _, r in self.resolved_citations(f):
                if r.law and r.citation.article and r.citation.item:
                    items.setdefault((r.law.id, r.citation.article), set()).add(r.citation.item)
        corrected = v.corrected_promptly if v else None
        if corrected and any(t and _found_not_corrected(t) for t in (v.description, self.package.facts_text)):
            corrected = None  # the act itself is 逾期未改正 (corrected later, after the case began): that branch stays open
        return FineFacts(amounts=self.amounts, quantities=self.quantities,
                         circumstance=self.circumstance, corrected=corrected,
                         items={k: frozenset(x) for k, x in items.items()})

    @cached_property
    def quantities(self) -> dict[str, float]:
        """The package's quantities (free keys in v1), with a key naming the illegal part of a measure (area_m2_illegal)
        read as that measure where the measure itself is not given."""
        v = self.package.violation
        out = {k: float(x) for k, x in (v.quantities or {}).items() if isinstance(x, (int, float))} if v else {}
        for key in list(out):
            base = ILLEGAL_PART.sub("", key)
            if base != key and base not in out and sum(1 for k in out if ILLEGAL_PART.sub("", k) == base and k != base) == 1:
                out[base] = out[key]
        return out

    def fine_range(self, provision, law_id: Optional[str]):
        """``law.fines.fine_range(provision, self.fine_facts, law_id)``, once per review for each provision: the
        evidence, citation and discretion rules all read the range of the same penalty provision (the result is
        frozen)."""
        from review_assistant.law.fines import fine_range

        memo = self.__dict__.setdefault("_fine_ranges", {})
        key = (id(provision), law_id)  # catalog provisions live as long as the catalog, longer than a review
        if key not in memo:
            memo[key] = (provision, fine_range(provision, self.fine_facts, law_id))
        return memo[key][1]

    def once(self, fn):
        """``fn(self)`` computed at most once per review (a per-review cache: triage, publicity and the like read the
        context; the context does not know them)."""
        memo = self.__dict__.setdefault("_once", {})
        if fn not in memo:
            memo[fn] = fn(self)
        return memo[fn]

    @cached_property
    def age_at_act(self) -> Optional[int]:
        """Whole years of an individual party on the day the act began (第三十条), from birth_date or the ID number."""
        start = self.package.violation.occurred_on if self.package.violation else None
        for party in self.package.parties or ():
            if party.kind != "individual" or start is None:
                continue
            born = party.birth_date or (resident_id_birth(party.id_number) if party.id_number and
                                        resident_id_ok(party.id_number) else None)
            if born:
                return start.year - born.year - ((start.month, start.day) < (born.month, born.day))
        return None

    def imposed_for_the_act(self, kind: str) -> bool:
        """Whether a cited penalty provision imposes this type for the act itself — its only type, or marked mandatory
        (醉酒驾驶机动车的……吊销机动车驾驶证, 道路交通安全法第九十一条第二款): then it does not rest on a finding of 情节严重."""
        return any(r.provision and (kind in r.provision.mandatory or (
                       r.provision.penalties == [kind] and not _CONDITIONAL.search(r.provision.summary or "")))
                   for _, r in self.resolved_citations("penalty"))

    @cached_property
    def mandatory_lighter(self) -> list[str]:
        """Grounds on which the law says the penalty *shall* be lighter (第三十条 age 14–18, 第三十二条)."""
        v = self.package.violation
        grounds = [self.catalogs.factors[c].label for c in (v.mitigating or ()) if
                   c in self.catalogs.factors and self.catalogs.factors[c].effect == "mandatory"] if v else []
        if self.age_at_act is not None and 14 <= self.age_at_act < 18:
            grounds.insert(0, f"违法时已满十四周岁不满十八周岁（{self.age_at_act}岁）")
        return grounds

    @cached_property
    def _cited(self) -> tuple[frozenset, frozenset]:
        cited = frozenset((r.law.id, r.citation.article) for f in ("violated", "penalty")
                          for _, r in self.resolved_citations(f) if r.law)
        return cited, frozenset(law for law, _ in cited)

    @property
    def cited_laws(self) -> frozenset:
        """The catalog ids of the laws cited as 违法依据 or 处罚依据."""
        return self._cited[1]

    def cites_paragraph(self, law_id: str, article: int, paragraph: Optional[int] = None, items=()) -> bool:
        """Whether the case cites that article (as 违法依据 or 处罚依据), in that paragraph and one of those items where
        they are given."""
        return any(r.law and r.law.id == law_id and r.citation.article == article
                   and (paragraph is None or r.citation.paragraph == paragraph)
                   and (not items or r.citation.item in items)
                   for f in ("violated", "penalty") for _, r in self.resolved_citations(f))

    def links_cited(self, links) -> bool:
        """Whether the case cites (as 违法依据 or 处罚依据) any of the catalog's law/article links."""
        cited, laws = self._cited
        if not laws:
            return False
        return any((link.law_id in laws) if not link.articles else any((link.law_id, a) in cited for a in link.articles)
                   for link in links)

    @cached_property
    def officers_needed(self) -> tuple[int, str]:
        """(officers each investigative step needs, the rule that allows fewer): two (第四十二条), or one where a cited
        law's catalog entry names a rule letting one officer act in this procedure (公安 简易程序)."""
        domains = self.catalogs.domains
        rules = [domains[self.domain].single_officer if self.domain in domains else None]
        agency = self.package.agency
        if agency and agency.name and "公安" in agency.name and "public_security" in domains:
            rules.append(domains["public_security"].single_officer)  # a police organ, whatever field code it sends
        rules += [r.law.single_officer for f in ("violated", "penalty") for _, r in self.resolved_citations(f) if r.law]
        for rule in rules:
            if rule and rule.procedure == self.package.procedure:
                return 1, rule.basis
        return 2, ""

    @cached_property
    def circumstance(self) -> Optional[str]:
        v = self.package.violation
        return v.circumstance if v else None

    @cached_property
    def penalties(self):
        d = self.package.proposed_decision
        return list(enumerate(d.penalties or ())) if d else []

    @cached_property
    def fines_or_confiscates(self) -> bool:
        """A fine or a confiscation is proposed: the penalties measured by an amount."""
        return any(p.type in ("fine", "confiscate_income", "confiscate_property") for _, p in self.penalties)

    @cached_property
    def orders_only(self) -> bool:
        """A decision that lists no penalty (``penalties`` given, empty) and orders the act undone — 责令限期拆除, 退还土地,
        恢复原状 — in its text or in fields of the case system's own (v1 has no code for them; v1.1 does): the order to
        correct is the decision (城乡规划法第六十四条、土地管理法第七十八条), not a penalty left out."""
        d = self.package.proposed_decision
        if not d or d.outcome != "penalize" or d.penalties is None or d.penalties:
            return False
        if self.package.facts_text and _CONFORMS_TO_PLAN.search(self.package.facts_text):
            return False
        own = " ".join(f"{k} {v}" for k, v in (d.model_extra or {}).items())
        return bool(_ORDERS_UNDONE.search(own) or _OWN_ORDER_KEYS.search(own)
                    or (self.package.decision_text and _ORDERS_UNDONE.search(self.package.decision_text)))

    def penalized_party(self, penalty) -> Optional[str]:
        """The name of the party a penalty is on (v1.3 ``party``), written as the party's name or as its ``id`` in
        ``parties`` (P2: a field of the case system's own, which v1 keeps); else v1's ``object`` where it is exactly the name
        of a listed party (a 双罚 file that writes whom each fine is on there); None when the penalty names no party or one
        the file does not list."""
        named = self.party_named(penalty.party)
        if named is None and penalty.object:
            names = {p.name.strip() for p in self.package.parties or () if p.name}
            named = penalty.object.strip() if penalty.object.strip() in names else None
        return named

    def party_named(self, ref: Optional[str]) -> Optional[str]:
        """The name of the party ``ref`` stands for: its name, or the id the case system gives it in ``parties`` (``id`` or
        ``party_id``, fields of its own that v1 keeps); None when no listed party is meant."""
        if not ref:
            return None
        for party in self.package.parties or ():
            extra = party.model_extra or {}
            if party.name and (ref == party.name or ref in (extra.get("id"), extra.get("party_id"))):
                return party.name
        # a short name, as papers write it after the first mention (谷康公司 for 武汉谷康食品科技有限公司): what is left
        # without the form of the unit, found in exactly one listed name
        core = _UNIT_FORM.sub("", ref)
        if len(core) >= 2:
            meant = [p.name for p in self.package.parties or () if p.name and core in p.name]
            if len(meant) == 1:
                return meant[0]
        return None
