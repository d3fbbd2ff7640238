"""Schemas of the catalog files (目录数据). One model per catalog kind; files are validated at load.

Every file starts with the same header (catalog kind, version, effective dates, source) so that a report
can name exactly which data made its decision.
"""
from __future__ import annotations

from functools import cached_property

import pickle
import re
from datetime import date
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from review_assistant.case.models.package import PenaltyType, StepKind
from review_assistant.case.remedies_told import expand as expand_told


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _UnpickledOnUse(list):
    """A list kept as pickled bytes in the compiled catalogs and unpickled the first time it is read: the generated laws'
    3,800 draft provisions cost a one-file `check` some 80 ms to unpickle, and most reviews never read one."""

    __slots__ = ("_blob",)

    def __init__(self, blob: bytes):
        super().__init__()
        self._blob = blob

    def _load(self) -> None:
        if self._blob is not None:
            blob, self._blob = self._blob, None
            super().extend(pickle.loads(blob))

    def __iter__(self):
        self._load()
        return super().__iter__()

    def __len__(self):
        self._load()
        return super().__len__()

    def __getitem__(self, index):
        self._load()
        return super().__getitem__(index)

    def __eq__(self, other):
        self._load()
        return list(self) == other

    __hash__ = None

    def __reduce__(self):
        return _UnpickledOnUse, (self._blob if self._blob is not None else pickle.dumps(list(self), pickle.HIGHEST_PROTOCOL),)


class _InForce:
    """For models with ``effective_from`` (None: no date published) and ``effective_to`` (exclusive, None: open)."""

    def in_force(self, day: date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (self.effective_to is None or day < self.effective_to)


class Header(_InForce, _Strict):
    catalog: str
    version: str
    effective_from: date
    effective_to: Optional[date] = None
    source: str
    note: Optional[str] = None
    checked_through: Optional[date] = Field(
        None, description="the data were checked against the sources as they stood on this day; later changes "
                          "(a new revision, a repeal) are not in the file")


# --- laws -------------------------------------------------------------------------------------------

class _RangeOrMultiple(_Strict):
    """A fine given either as a fixed range in yuan or as a multiple of a package amount (``of``)."""
    range: Optional[tuple[float, Optional[float]]] = None  # upper None: no upper bound (处五十万元以上罚款)
    multiple: Optional[tuple[float, float]] = None
    of: Optional[str] = Field(None, description="amount key the multiple or the branch depends on, e.g. goods_value")
    below: Optional[float] = None
    at_least: Optional[float] = None
    unspecified: bool = Field(False, description="the statute allows a fine without saying how much (价格法第四十条: "
                                                 "没有违法所得的，予以警告，可以并处罚款): no amount can be checked against it")

    @model_validator(mode="after")
    def _one_kind(self):
        if self.unspecified:
            if self.range is not None or self.multiple is not None:
                raise ValueError("an unspecified fine has neither range nor multiple")
            return self
        if (self.range is None) == (self.multiple is None):
            raise ValueError("exactly one of range / multiple is required")
        if (self.multiple is not None or self.below is not None or self.at_least is not None) and not self.of:
            raise ValueError("a multiple or an amount branch needs `of` (the amount key)")
        return self


class FineRule(_RangeOrMultiple):
    """One branch of a fine provision: a fixed range in yuan, or a multiple of an amount in the package.

    ``below`` / ``at_least`` select the branch by that amount (the statute's "货值金额不足一万元的" form);
    ``condition`` names a circumstance the package cannot decide (the widest applicable range is used).
    """
    of_label: Optional[str] = Field(None, description="the statute's words for the amount, e.g. 广告费用")
    also: list[str] = Field(default_factory=list, description="for a base with no key of its own (of: other): contract "
                                                              "keys besides involved_amount that may hold it, e.g. goods_value")
    condition: Optional[str] = None
    circumstance: Optional[list[Literal["minor", "ordinary", "serious", "especially_serious"]]] = Field(
        None, description="情节 for which this branch applies (e.g. 情节严重的); None: any")


class Provision(_Strict):
    article: int = Field(ge=1)
    paragraph: Optional[int] = Field(None, ge=1)
    item: Optional[int] = Field(None, ge=1)
    summary: str
    penalties: list[PenaltyType] = Field(default_factory=list)
    mandatory: list[PenaltyType] = Field(
        default_factory=list, description="penalties the provision imposes in every case (并处罚款), not only allows; "
                                          "marked by scripts/mark_mandatory_fines.py")
    fines: list[FineRule] = Field(default_factory=list)
    conduct: dict[int, str] = Field(
        default_factory=dict, description="item → a regular expression of the words a finding of fact uses for that "
                                          "item's conduct (the statute's own words: 无标签, 客运): an article whose items "
                                          "name different acts, so that the item cited can be held against the facts (LAW-018)")

    paragraph_conduct: Optional[str] = Field(
        None, description="a regular expression of the words a finding of fact uses for this paragraph's conduct, where "
                          "the paragraphs of the article name different acts (森林法第七十六条：盗伐、滥伐) (LAW-018)")

    @field_validator("conduct")
    @classmethod
    def _conduct_compiles(cls, v: dict[int, str]) -> dict[int, str]:
        for item, pattern in v.items():
            try:
                re.compile(pattern)
            except re.error as e:
                raise ValueError(f"conduct of item {item}: {e}") from None
        return v

    @field_validator("paragraph_conduct")
    @classmethod
    def _paragraph_conduct_compiles(cls, v: Optional[str]) -> Optional[str]:
        if v is not None:
            try:
                re.compile(v)
            except re.error as e:
                raise ValueError(f"paragraph_conduct: {e}") from None
        return v


class LawVersion(_InForce, _Strict):
    id: str
    adopted: date
    effective_from: date
    effective_to: Optional[date] = None
    order_no: Optional[str] = Field(None, description="令号 of a regulation or rule, e.g. 国家市场监督管理总局令第56号")
    text_file: Optional[str] = Field(None, description="law-text file this version was checked against (for audit)")
    articles: int = Field(ge=1, description="article count of this version")
    layout: Optional[str] = Field(
        None, description="paragraph/item structure: articles separated by spaces, paragraphs by commas, "
                          "each paragraph the number of its items (0: none)")
    breaches: Optional[str] = Field(
        None, description="the articles of this law each article penalizes the breach of, as its text names them "
                          "(违反本法第X条规定), by paragraph or item: '55.1:22 56.1:15,23 126.1.6:65' (read from the text by program: scripts/fill_layouts.py, "
                          "scripts/generate_law_corpus.py)")
    leniency_articles: list[int] = Field(
        default_factory=list, description="articles that set a ground of 从轻/减轻 (食品安全法实施条例第七十六条：……可以从轻或者"
                                          "减轻处罚): cited among the penalty bases beside a penalty article, they are the "
                                          "discretion's ground, not a penalty basis that sets no penalty (LAW-008; hand data)")
    units_only: list[int] = Field(
        default_factory=list, description="articles whose duty the text lays on organizations only (消防法第十六条：机关、团体、"
                                          "企业、事业等单位应当履行下列消防安全职责): a natural person cannot breach them (LAW-022; hand data)")
    provisions: list[Provision] = Field(default_factory=list)
    draft_provisions: list[Provision] = Field(
        default_factory=list, description="penalty provisions read by program from the text (scripts/generate_law_corpus.py), "
                                          "not checked by hand: shown in a hint to check (LAW-H01), never the ground of a finding")

    def __getstate__(self):
        state = super().__getstate__()
        drafts = self.__dict__["draft_provisions"]
        if not isinstance(drafts, _UnpickledOnUse) and drafts:  # pickled as one blob, read on first use
            state = {**state, "__dict__": {**state["__dict__"], "draft_provisions": _UnpickledOnUse(
                pickle.dumps(list(drafts), pickle.HIGHEST_PROTOCOL))}}
        return state  # an _UnpickledOnUse pickles its own blob (read or not)

    @model_validator(mode="after")
    def _layout_matches(self):
        if self.layout is not None and len(self.layout.split()) != self.articles:
            raise ValueError(f"layout has {len(self.layout.split())} articles, articles says {self.articles}")
        return self

    def breached(self, article: int, paragraph: Optional[int] = None, item: Optional[int] = None) -> frozenset[int]:
        """The articles the cited provision names as those whose breach it penalizes — every part of it naming some
        (a paragraph's words cover its items); empty when some part names none, or the text was not read."""
        named = self._breaches_by_article.get(article)
        if not named:
            return frozenset()
        shape = self.structure(article)
        if shape is None:
            return frozenset()
        paragraphs = [paragraph] if paragraph else range(1, len(shape) + 1)
        out: set[int] = set()
        for p in paragraphs:
            if p > len(shape):
                return frozenset()
            lead = named.get((article, p), frozenset())
            items = [item] if item else range(1, shape[p - 1] + 1)
            if not lead and not items:
                return frozenset()
            for i in items:
                refs = lead | named.get((article, p, i), frozenset())
                if not refs:
                    return frozenset()
                out |= refs
            out |= lead
        return frozenset(out)

    def structure(self, article: int) -> Optional[list[int]]:
        """Item counts of each paragraph of ``article`` (None when the layout is not recorded)."""
        if self.layout is None or not 1 <= article <= self.articles:
            return None
        return list(self._layout[article - 1])

    # indexes built on first use and kept with the version (the catalog lives for the process): a review looks up a
    # few articles of a version of hundreds, many times
    @cached_property
    def _layout(self) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(int(n) for n in a.split(",")) for a in (self.layout or "").split())

    @cached_property
    def _breaches_by_article(self) -> dict[int, dict[tuple[int, ...], frozenset[int]]]:
        out: dict[int, dict[tuple[int, ...], frozenset[int]]] = {}
        for part in (self.breaches or "").split():
            where, _, refs = part.partition(":")
            key = tuple(int(x) for x in where.split("."))
            out.setdefault(key[0], {})[key] = frozenset(int(r) for r in refs.split(","))
        return out

    @cached_property
    def provisions_by_article(self) -> dict[int, tuple["Provision", ...]]:
        """The penalty provisions of each article, in catalog order."""
        out: dict[int, list] = {}
        for p in self.provisions:
            out.setdefault(p.article, []).append(p)
        return {a: tuple(ps) for a, ps in out.items()}


class Renumbering(_Strict):
    """Where a revision moved provisions: old article → new article (None: deleted). An old article the map does not
    list has no counterpart it vouches for (rewritten beyond an article-for-article match): like a deleted one, it
    is compared with nothing. A revision with no map at all keeps its numbers (temporal.renumbered)."""
    from_version: str
    to_version: str
    articles: dict[int, Optional[int]]
    generated: bool = Field(
        False, description="matched by content by program (scripts/renumber_by_content.py), not checked by hand: "
                           "no finding reads it, a hint may show it (请人工核对)")
    note: Optional[str] = Field(None, description="how the map was made, what it leaves out and why")


class SpecialLimitation(_Strict):
    months: int = Field(ge=1)
    basis: str


class SingleOfficer(_Strict):
    """A rule that lets one officer act (第四十二条 “法律另有规定的除外”), in one procedure."""
    procedure: Literal["simple", "ordinary"]
    basis: str


class DecisionPeriod(_Strict):
    """A law's own time limit for deciding (第六十条 “法律、法规、规章另有规定的，从其规定”)."""
    days: int = Field(ge=1)
    extension_days: Optional[int] = Field(None, ge=1, description="with approval, once")
    excluded: list[str] = Field(default_factory=list, description="periods not counted, e.g. 鉴定")
    basis: str


class Repeal(_Strict):
    """A law known by name and repeal only (no version of it in the catalog): enough to tell that it was gone."""
    since: date = Field(description="the day it ceased to be in force (the repealing act's commencement)")
    by: str = Field(description="the provision that repealed it, e.g. 《中华人民共和国城乡规划法》第七十条")
    successor: Optional[str] = Field(None, description="the law id that took its place, when the catalog has it")
    checked: bool = Field(True, description="false: the repeal is known from secondary sources only, not checked in the "
                                            "law texts — the last version stays open and is still read; citations after "
                                            "the day get a hint to check, never LAW-007")


class UnheldVersion(_Strict):
    """A revision known to exist whose text the law corpus does not hold. From its date the law is still in force,
    but no cataloged version is: its citations get a hint to check by hand (LAW-H01), never a finding from the older
    text, and the law is not taken for repealed."""
    since: date = Field(description="the earliest day the revision can apply (its promulgation where the day it took "
                                    "effect is not checked: an earlier day only turns findings into hints)")
    by: str = Field(description="how it was revised, as a phrase for a message: 经2025年6月27日第十四届全国人民代表大会常务"
                                 "委员会第十六次会议修订，自2026年1月1日起施行")
    source: str = Field(description="where the revision was checked, and what was not")


class Law(_Strict):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    level: Literal["法律", "行政法规", "部门规章", "地方性法规", "地方政府规章", "司法解释"]
    issuer: str
    place: Optional[str] = Field(None, description="地方性法规、地方政府规章: the province or city")
    fields: list[str] = Field(default_factory=list, description="enforcement field codes (domains) it mostly serves")
    versions: list[LawVersion]
    renumbering: list[Renumbering] = Field(default_factory=list)
    limitation: Optional["SpecialLimitation"] = Field(
        None, description="its own limitation period (第三十六条 '法律另有规定的除外')")
    single_officer: Optional[SingleOfficer] = Field(
        None, description="a rule for cases under this law that lets one officer act (第四十二条 '法律另有规定的除外')")
    own_leniency: Optional[str] = Field(
        None, description="the provision by which this law itself decides 减轻/不予处罚 (e.g. 治安管理处罚法第十九条)")
    decision_period: Optional[DecisionPeriod] = Field(
        None, description="its own decision time limit instead of 第六十条's ninety days")
    repealed: Optional[Repeal] = Field(None, description="repeal of the whole law (versions may then be empty)")
    unheld_versions: list[UnheldVersion] = Field(
        default_factory=list, description="later revisions whose text the catalog does not hold, in date order")
    income_computation: Optional[str] = Field(
        None, description="its provision computing 违法所得 otherwise than 行政处罚法第二十八条第二款 (amount received)")
    collects_property: Optional[str] = Field(
        None, description="its own article by which the property of any of its violations is taken (收缴: 治安管理处罚法"
                          "第十一条第一款, 赌具、赌资、违禁品), whatever article the case breaks")

    @model_validator(mode="after")
    def _versions_in_order(self):
        if not self.versions and self.repealed is None:
            raise ValueError("a law needs its versions, or `repealed` when it is known only by name and repeal")
        if self.repealed and self.versions and self.repealed.checked and (
                self.versions[-1].effective_to or self.repealed.since) != self.repealed.since:
            raise ValueError("the last version must end (effective_to) on the day of `repealed.since`")
        if self.repealed and not self.repealed.checked and self.versions and self.versions[-1].effective_to:
            raise ValueError("a repeal not checked (checked: false) leaves the last version open: it is still read")
        if self.unheld_versions:
            if self.repealed or not self.versions or self.versions[-1].effective_to != self.unheld_versions[0].since:
                raise ValueError("the last version must end (effective_to) on the day of the first unheld version's `since`")
            if any(b.since <= a.since for a, b in zip(self.unheld_versions, self.unheld_versions[1:])):
                raise ValueError("unheld_versions must be in date order")
        for earlier, later in zip(self.versions, self.versions[1:]):
            if later.effective_from <= earlier.effective_from:
                raise ValueError(f"versions must be in date order: {earlier.id} then {later.id}")
            if earlier.effective_to != later.effective_from:
                raise ValueError(f"version {earlier.id} must end (effective_to) when {later.id} begins: {later.effective_from}")
        by_id = {v.id: (i, v) for i, v in enumerate(self.versions)}
        for r in self.renumbering:
            if r.from_version not in by_id or r.to_version not in by_id:
                raise ValueError(f"renumbering {r.from_version} → {r.to_version} names a version the law does not have")
            (i, old), (j, new) = by_id[r.from_version], by_id[r.to_version]
            if i >= j:
                raise ValueError(f"renumbering {r.from_version} → {r.to_version} must go from an earlier version to a later one")
            outside = [a for a in r.articles if not 1 <= a <= old.articles]
            outside += [b for b in r.articles.values() if b is not None and not 1 <= b <= new.articles]
            if outside:
                raise ValueError(f"renumbering {r.from_version} → {r.to_version}: article {outside[0]} is not in "
                                 f"the version it is mapped from or to ({old.articles} → {new.articles} articles)")
        return self


class LawFile(Header):
    law: Law


# --- agencies, officers, domains ------------------------------------------------------------------------

Level = Literal["county", "city", "province", "state", "township"]


class AgencyEntry(_Strict):
    id: str
    name: str
    region_code: str = Field(pattern=r"^\d{6}$")
    level: Level
    acts_as: Literal["own", "authorized", "delegated"] = "own"
    domains: list[str]


class AgencyFile(Header):
    entries: list[AgencyEntry]


class OfficerEntry(_Strict):
    """One row of the 执法人员清单 (CSV)."""
    cert_no: str = Field(min_length=1)
    name: str
    agency_id: Optional[str] = None
    valid_from: date
    valid_to: date
    status: Literal["active", "suspended", "revoked"]
    domains: list[str]
    region_code: str = Field(pattern=r"^\d{6}$")
    issued_by: Optional[str] = None
    legal_qualification: bool = False


class DomainEntry(_Strict):
    code: str
    label: str
    life_health_or_financial: Optional[bool] = Field(
        None, description="true: acts in this field touch life/health or financial safety (第36条 five years with harm); "
                          "false: they do not; absent: it depends on the case")
    covers: list[str] = Field(default_factory=list, description="fields a certificate or power of this field includes")
    aliases: list[str] = Field(default_factory=list, description="codes other case systems use for this field")
    single_officer: Optional["SingleOfficer"] = Field(
        None, description="a rule letting one officer act in this field's cases (公安 简易程序), whatever law is cited")
    income_rule_unsettled: Optional[str] = Field(
        None, description="a departmental rule of this field may compute 违法所得 otherwise (第二十八条第二款但书) and "
                          "the catalog does not settle whether it applies: FAC-005 is then a hint naming it")


class DomainFile(Header):
    entries: list[DomainEntry]


# --- major-decision list (重大执法决定法制审核目录清单) ----------------------------------------------------

class AmountTrigger(_Strict):
    party_kinds: list[Literal["individual", "individual_business", "organization"]]
    comparator: Literal["gt", "gte"]
    value: float
    penalty_types: list[PenaltyType] = Field(default_factory=lambda: ["fine"])


class MajorEntry(_InForce, _Strict):
    id: str
    title: str
    scope: Literal["national", "local"] = "local"
    region_prefix: Optional[str] = Field(None, pattern=r"^\d{2,6}$")
    agency_levels: list[Level] = Field(default_factory=list, description="empty: any level")
    domains: list[str] = Field(default_factory=list, description="empty: any field")
    procedure: Optional[Literal["simple", "ordinary"]] = None
    effective_from: Optional[date] = Field(description="null only when the published list states no date (say so in source)")
    effective_to: Optional[date] = None
    source: str
    basis: Optional[str] = None
    amount: Optional[AmountTrigger] = None
    penalty_types: list[PenaltyType] = Field(default_factory=list, description="any of these penalties")
    hearing_held: bool = False
    all_ordinary: bool = Field(False, description="every ordinary-procedure penalty is major")


class MajorFile(Header):
    entries: list[MajorEntry]


# --- documents --------------------------------------------------------------------------------------------

class DocumentKind(_Strict):
    code: str
    label: str
    title_pattern: Optional[str] = Field(
        None, description="regex on a document's title that identifies this kind when a case system sends a code of its own")


StepKindCode = StepKind  # the package contract's step kinds


class DocumentRequirement(_Strict):
    id: str
    kind: str
    procedure: Optional[Literal["simple", "ordinary"]] = None
    stage: Optional[Literal["pre_decision", "post_decision"]] = None
    after_step: Optional[StepKindCode] = Field(None, description="required once a step of this kind took place")
    also: list[str] = Field(default_factory=list, description="other kinds of paper that serve as this one when the step "
                                                                "names one as its paper (a 听证告知书 as the written 事先告知)")
    outcomes: list[Literal["penalize", "no_penalty", "refer", "revoke_case"]] = Field(
        default_factory=list, description="only for these outcomes of the case (empty: any): a referral ends in a 移送书, "
                                          "not a penalty decision")
    except_domains: list[str] = Field(
        default_factory=list, description="fields whose own procedure rules have no such paper (公安: a traffic violation "
                                          "found on the road is dealt with under 道路交通安全违法行为处理程序规定 without a 立案审批表)")
    basis: str
    reason: str


class AvRecord(_InForce, _Strict):
    """音像记录事项清单: steps to be recorded on video (required) or where it is expected (recommended), from the day its
    basis applies (a step before it is not held to it)."""
    step: StepKindCode
    level: Literal["required", "recommended"]
    basis: str
    effective_from: Optional[date] = None
    effective_to: Optional[date] = None


class OtherwiseProvided(_InForce, _Strict):
    """但书 to one pattern of an element: where a law provides otherwise (行政诉讼法第四十六条第一款 "法律另有规定的
    除外"), a decision in a case under that law may say its own words instead. ``law`` is matched as the law's name
    in the case's citations or the decision text (its implementing regulation counts: 烟草专卖法实施条例)."""
    law: str
    replaces: str = Field(description="the element's pattern this wording stands in for, written exactly as there")
    pattern: str
    basis: str
    effective_from: Optional[date] = None
    effective_to: Optional[date] = None
    only_orders: bool = Field(
        False, description="the law's own wording stands in only for a decision that lists no fine or confiscation — one "
                           "of orders alone (土地管理法第八十三条's fifteen days are against 责令限期拆除, not a fine)")

    @field_validator("replaces")
    @classmethod
    def _named_replaces(cls, v: str) -> str:
        return expand_told(v)


class DecisionElement(_InForce, _Strict):
    """An item 第五十九条 requires in a decision, and the words that show it is there (patterns as data).
    ``procedure`` and the dates (by the decision's date) limit where the element applies; ``advisory`` elements
    are reported as a hint."""
    id: str
    label: str
    patterns: list[str]
    basis: str
    procedure: Optional[Literal["simple", "ordinary"]] = None
    effective_from: Optional[date] = None
    effective_to: Optional[date] = None
    advisory: bool = False
    penalty_types: list[PenaltyType] = Field(
        default_factory=list, description="needed only when the decision imposes one of these (e.g. a fine to pay)")
    otherwise: list[OtherwiseProvided] = Field(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _named_patterns(cls, v: list[str]) -> list[str]:
        return [expand_told(p) for p in v]  # {told_period_to_sue}: case/remedies_told.py, shared with PRO-023

    @model_validator(mode="after")
    def _replaces_a_pattern(self):
        for o in self.otherwise:
            if o.replaces not in self.patterns:
                raise ValueError(f"otherwise ({o.law}): replaces must be one of the element's patterns")
        return self


class NarrativeEvent(_Strict):
    """Words that, written after a date in the same clause of the narrative, say a procedural step happened that day."""
    step: StepKindCode
    pattern: str


class DocumentFile(Header):
    kinds: list[DocumentKind]
    required: list[DocumentRequirement]
    av_records: list[AvRecord] = Field(default_factory=list)
    decision_elements: list[DecisionElement] = Field(default_factory=list)
    narrative_events: list[NarrativeEvent] = Field(default_factory=list)


# --- hearing thresholds (较大数额, 第六十三条) and devolved powers (第二十四条) ----------------------------------

class HearingThreshold(_InForce, _Strict):
    id: str
    title: str
    scope: Literal["national", "local"] = "local"
    region_prefix: Optional[str] = Field(None, pattern=r"^\d{2,6}$")
    domains: list[str] = Field(default_factory=list, description="empty: any field")
    except_domains: list[str] = Field(
        default_factory=list, description="fields a local rule does not govern (central vertical organs, 公安)")
    lower_departmental_prevails: bool = Field(
        False, description="a local rule under which a lower figure of the field's departmental rule prevails (广东第七条第二款)")
    party_kinds: list[Literal["individual", "individual_business", "organization"]]
    comparator: Literal["gt", "gte"]
    value: float
    penalty_types: list[str] = Field(default_factory=lambda: ["fine"])
    effective_from: date
    effective_to: Optional[date] = None
    basis: str
    source: str


class HearingThresholdFile(Header):
    entries: list[HearingThreshold]


class Devolution(_InForce, _Strict):
    """A published decision handing county-level penalty powers to 乡镇/街道 (第二十四条)."""
    id: str
    region_prefix: str = Field(pattern=r"^\d{2,6}$")
    domains: list[str]
    effective_from: date
    effective_to: Optional[date] = None
    doc_no: str
    source: str


class DevolutionFile(Header):
    entries: list[Devolution]


# --- holidays -----------------------------------------------------------------------------------------------

class HolidayBlock(_Strict):
    name: str
    from_: date = Field(alias="from")
    to: date


class WorkdayEntry(_Strict):
    name: str
    date: date


class HolidayYear(_Strict):
    year: int
    notice: str
    url: Optional[str] = None
    verified: bool
    holidays: list[HolidayBlock]
    workdays: list[WorkdayEntry]


class HolidayFile(Header):
    years: list[HolidayYear]


# --- criminal-referral thresholds (立案追诉标准) ------------------------------------------------------------

class ReferralLink(_Strict):
    law_id: str = Field(description="an administrative law whose violation can reach this offence")
    articles: list[int] = Field(description="its articles (violated or penalty provisions); empty: any article")


class ReferralThreshold(_InForce, _Strict):
    id: str
    offence: str
    basis: str
    links: list[ReferralLink]
    metric: str = Field(description="amount key (amounts) or quantity key (quantities)")
    metric_label: str
    source: Literal["amounts", "quantities"] = "amounts"
    comparator: Literal["gt", "gte"]
    value: float
    effective_from: date
    effective_to: Optional[date] = None
    note: Optional[str] = None


class MetricReading(_Strict):
    """Another figure of the package that tells about a threshold's metric: the same figure (``exact``), a figure at
    least as large (``upper``: below the threshold it shows the metric is too), or one no larger (``lower``: at the
    threshold it shows the metric reaches it)."""
    source: Literal["amounts", "quantities"]
    key: str = Field(description="the package's key; with ``summed``, a regex every key of the sum matches")
    summed: bool = Field(False, description="the sum of every key the regex ``key`` matches (hw08_t + hw49_t: the "
                                            "categories of the 国家危险废物名录, each its own key)")
    factor: float = 1.0
    minus: Optional[str] = Field(None, description="less the package's figure under this key, read only when the package "
                                                   "gives both (耕地 less 基本农田: the 耕地 outside it)")
    bound: Literal["exact", "upper", "lower"] = "exact"
    when_facts: Optional[str] = Field(
        None, description="read only when the facts say so (a regex): an organiser's 违法所得 is the 抽头渔利 only where the "
                          "facts say 抽头 — a player's winnings are no commission")
    when_cited: Optional["CitedParagraph"] = Field(
        None, description="read only when the case cites this paragraph: a generic figure (立木蓄积) tells about one "
                          "offence's metric only where the provision cited says which offence (森林法第七十六条第二款: 滥伐)")


class CitedParagraph(_Strict):
    """A provision the case must cite (as 违法依据 or 处罚依据): the article, and where given its paragraph and one of
    its items (固废法第一百一十二条第一款第（三）项 擅自倾倒: the waste named is the waste dumped)."""
    law_id: str
    article: int
    paragraph: Optional[int] = None
    items: list[int] = Field(default_factory=list)


MetricReading.model_rebuild()


class MetricReadings(_Strict):
    metric: str
    reads: list[MetricReading] = Field(default_factory=list)
    zero_when_harm: list[Literal["none", "minor", "serious"]] = Field(
        default_factory=list, description="the metric is a consequence (deaths, losses): none when violation.harm is one of these")


class _ReferralReading(_InForce, _Strict):
    """What a referral entry read in the file's own account of the facts carries: the offence, its source, the laws
    whose cases it concerns, its words for the message and its dates."""
    id: str
    offence: str
    basis: str
    links: list[ReferralLink]
    label: str = Field(description="the conduct or the pollutants in the interpretation's words, for the message")
    effective_from: date
    effective_to: Optional[date] = None
    note: Optional[str] = None


class ReferralConduct(_ReferralReading):
    """A way of acting that the interpretation makes 情节严重 whatever the amount (在禁渔期使用电鱼……捕捞的): found in the
    file's own account of the facts, every ``all_of`` pattern present and ``unless`` (a negation) absent."""
    all_of: list[str] = Field(min_length=1, description="regexes that must each match the facts")
    unless: Optional[str] = Field(None, description="a regex that, matching, says the conduct is not the case's")


class ReferralExceedance(_ReferralReading):
    """Pollutants whose discharge over the emission standard by ``multiple`` times is 严重污染环境 (法释〔2023〕7号第一条第
    （三）项：含铅、汞、镉、铬、砷、铊、锑的污染物，超过国家或者地方污染物排放标准三倍以上的): read in the file's account of
    a measurement beside its standard (总铬浓度6.8mg/L（限值1.0mg/L）) or of a 超标倍数 (超标5.8倍)."""
    substances: list[str] = Field(min_length=1, description="the elements the interpretation names (铅, 汞 …)")
    multiple: float = Field(gt=0)


class ReferralFile(Header):
    entries: list[ReferralThreshold]
    readings: list[MetricReadings] = Field(default_factory=list)
    conduct: list[ReferralConduct] = Field(default_factory=list)
    exceedance: list[ReferralExceedance] = Field(default_factory=list)


# --- discretion baselines (裁量基准, 第三十四条) as decision tables -------------------------------------------

Circumstance = Literal["minor", "ordinary", "serious", "especially_serious"]


class DiscretionBracket(_RangeOrMultiple):
    """One row: for this 情节 (and, optionally, this amount band) the fine lies in this range or multiple."""
    circumstance: Circumstance
    description: Optional[str] = None

    def band(self) -> tuple[float, float]:
        return (self.at_least if self.at_least is not None else float("-inf"),
                self.below if self.below is not None else float("inf"))


class WeightOption(_Strict):
    label: str = Field(description="违法程度 as the table prints it")
    weight: float = Field(ge=0, le=5, description="its 裁量权重 (0.05 = 5 %)")


class WeightFactor(_Strict):
    label: str = Field(description="裁量要素 as the table prints it; the package names it in violation.factors")
    options: list[WeightOption] = Field(min_length=1)


class WeightedFormula(_Strict):
    """One of several formulas of a 权重累加 table (备注: 限期内改正的罚款金额=… ；逾期未改正的…；对个人…), chosen by a
    condition the package states: ``when`` {condition: value} — 处罚对象 单位 / 个人 (from the party's kind, or
    violation.factors), 整改情况 限期内改正 / 逾期未改正, or a factor of the table (violation.factors)."""
    label: str = Field(description="the formula as the table names it (对单位，限期内改正)")
    when: dict[str, str] = Field(min_length=1)
    start: float = Field(ge=0, le=5, description="its 裁量起点")
    amount: Optional[float] = Field(None, gt=0)
    of: Optional[str] = Field(None, description="or × this base (violation.amounts key) × rate")
    of_label: Optional[str] = None
    rate: Optional[float] = Field(None, gt=0)
    floor: Optional[float] = Field(None, ge=0)
    cap: Optional[float] = Field(None, ge=0)

    @model_validator(mode="after")
    def _one_amount(self):
        if (self.amount is None) == (self.of is None or self.rate is None):
            raise ValueError(f"{self.label}: a formula multiplies by a fixed amount, or by a base amount (of) and a rate")
        return self


class WeightedTable(_Strict):
    """权重累加: 罚款金额 = (裁量起点 + the weight of the option of every factor) × ``amount`` — or × the base amount
    ``of`` (package violation.amounts key; ``of_label`` the table's words) × ``rate``; or, where the table has several,
    by the ``formulas`` whose condition the case meets."""
    start: Optional[float] = Field(None, ge=0, le=5)
    factors: list[WeightFactor] = Field(min_length=1)
    amount: Optional[float] = Field(None, gt=0)
    of: Optional[str] = None
    of_label: Optional[str] = None
    rate: Optional[float] = Field(None, gt=0)
    floor: Optional[float] = Field(None, ge=0, description="备注: a sum below it counts as it (不足20%的，按20%计算)")
    cap: Optional[float] = Field(None, ge=0, description="备注: a sum above it counts as it (超过100%的，按100%计算)")
    base_at_least: Optional[float] = Field(None, gt=0, description="处罚依据: a base below it counts as it (所需处置费用不足"
                                                                  "二十万元的，按二十万元计算)")
    formulas: list[WeightedFormula] = Field(default_factory=list)
    note: str = ""

    @model_validator(mode="after")
    def _one_formula(self):
        if self.formulas:
            if self.start is not None or self.amount is not None or self.of is not None:
                raise ValueError("a weighted table with formulas keeps its start and amount in each formula")
            return self
        if self.start is None or (self.amount is None) == (self.of is None or self.rate is None):
            raise ValueError("a weighted table multiplies by a fixed amount, or by a base amount (of) and a rate")
        return self


class GradedRow(_Strict):
    """One grade: the fine range in yuan, or (``multiple``) a multiple or share of a base amount ``of`` (package
    violation.amounts key; ``of_label`` the table's words: 违法所得1倍以上3倍以下, 上一年度从本单位取得的收入10%以下), or
    a rate ``per`` unit (500元/车次); ``warning``: the table gives 警告 only, no fine."""
    when: dict[str, str] = Field(description="column label → the value this row is for (a column not named: any)")
    range: Optional[tuple[float, float]] = None
    multiple: Optional[tuple[float, float]] = None
    of: Optional[str] = None
    of_label: Optional[str] = None
    per: Optional[str] = Field(None, description="the unit the range is per (车次): violation.quantities.items")
    cap: Optional[float] = Field(None, gt=0, description="a multiple capped at this amount (最高不超过一百万元)")
    warning: bool = False

    @model_validator(mode="after")
    def _one_amount(self):
        if (self.range is None) == (self.multiple is None) or (self.multiple is not None) != (self.of is not None):
            raise ValueError("a graded row gives a range, or a multiple of a base amount (of)")
        return self


class GradedTable(_Strict):
    """幅度罚款 by grades: each row gives the fine range for one combination of the table's columns (违法程度、整改情况 …)."""
    columns: list[str] = Field(min_length=1)
    rows: list[GradedRow] = Field(min_length=1)


class DiscretionEntry(_Strict):
    id: str
    law_id: Optional[str] = Field(None, description="the law catalog's id of the penalty provision's law")
    law_name: Optional[str] = Field(None, description="or its name, for a law the catalog does not hold (地方性法规)")
    article: int
    paragraph: Optional[int] = None
    item: Optional[int] = None
    conduct: str = Field(description="违法行为 as the baseline names it")
    source_row: Optional[str] = Field(None, description="the table row or section it comes from (§1.1)")
    violated: Optional[str] = Field(None, description="the 违反条款 the row is for, as the table cites it: when the case's "
                                                      "违法依据 matches one row's, the rows for other provisions do not apply")
    brackets: list[DiscretionBracket] = Field(default_factory=list)
    weighted: Optional[WeightedTable] = None
    graded: Optional[GradedTable] = None

    @model_validator(mode="after")
    def _names_its_law(self):
        if not (self.law_id or self.law_name):
            raise ValueError(f"{self.id}: law_id or law_name is required")
        return self


class Grade(_Strict):
    label: str
    share: tuple[float, float]


class FrameworkEntry(_InForce, _Strict):
    """A rule fixing the arithmetic of discretion where no baseline row exists: which part of the statutory range
    (0 = minimum, 1 = maximum) a 从轻 / 一般 / 从重 fine falls in (市场监管总局 从轻 the lower 30 % …)."""
    id: str
    title: str
    doc_no: Optional[str] = None
    issuer: Optional[str] = None
    level: Literal["部门规章", "部门规范性文件", "地方政府规章", "地方规范性文件"]
    scope: Literal["national", "local"]
    region_prefix: Optional[str] = Field(None, pattern=r"^\d{2,6}$")
    domains: list[str] = Field(default_factory=list, description="empty: every field of the region")
    effective_from: date
    effective_to: Optional[date] = None
    applies_to: Literal["range", "multiple", "both"] = "both"
    bands: Optional[dict[str, Any]] = Field(
        None, description="lighter / ordinary / heavier: [from, to] as shares; of_base: statutory_maximum (the law sets "
                          "only a maximum: shares of it) or construction_cost (rates of 工程造价, see grades)")
    grades: list[Grade] = Field(default_factory=list)
    laws: list[str] = Field(default_factory=list, description="law ids the rule is limited to (海关检验检疫 cases); "
                                                              "empty: every law of its fields")
    provisions: list["FrameworkProvision"] = Field(default_factory=list, description="or the provisions it is for")
    binding: bool = False
    article: str
    quote: str
    source: str
    note: Optional[str] = None

    def covers(self, r) -> bool:
        """Whether a resolved penalty citation is one the rule is for (a rule for named provisions or laws first)."""
        if self.provisions:
            return r.law is not None and any(p.law_id == r.law.id and p.article == r.citation.article
                                             and p.paragraph in (None, r.citation.paragraph) for p in self.provisions)
        return not self.laws or (r.law is not None and r.law.id in self.laws)


class FrameworkProvision(_Strict):
    law_id: str
    article: int
    paragraph: Optional[int] = None


FrameworkEntry.model_rebuild()


class FrameworkFile(Header):
    entries: list[FrameworkEntry]


class Exemption(_Strict):
    """An item of a 不予处罚 list (免罚清单): the provision violated and the conditions under which it is not penalized."""
    id: str
    law_id: Optional[str] = None
    law_name: Optional[str] = None
    article: int
    paragraph: Optional[int] = None
    conduct: str
    conditions: str
    generic: bool = Field(description="the conditions are only 首次违法, corrected, 危害后果轻微 (the package can show them)")
    source_row: str


class ExemptionFile(Header):
    region_prefix: Optional[str] = Field(None, pattern=r"^\d{2,6}$")
    domains: list[str] = Field(default_factory=list)
    entries: list[Exemption]


class SameKind(_Strict):
    """What the baseline counts as 同类违法行为 when it grades by the number of them (粤环发〔2021〕7号第二十一条: those
    punished under the same 条款项)."""
    means: Literal["same_provision"]
    basis: str  # the baseline's own article, as written


class DiscretionFile(Header):
    """A published baseline: where it applies, how overlapping rows are resolved, and its rows."""
    region_prefix: Optional[str] = Field(None, pattern=r"^\d{2,6}$", description="null: national")
    domains: list[str] = Field(default_factory=list)
    same_kind: Optional[SameKind] = None
    overlap_policy: Literal["reject", "widest"] = Field(
        "reject", description="two rows for the same 情节 and overlapping amount bands: reject the file, or use both (widest)")
    entries: list[DiscretionEntry]

    @model_validator(mode="after")
    def _no_overlap(self):
        if self.overlap_policy != "reject":
            return self
        for e in self.entries:
            for i, a in enumerate(e.brackets):
                for b in e.brackets[i + 1:]:
                    if a.circumstance != b.circumstance or (a.of or "") != (b.of or ""):
                        continue
                    (lo1, hi1), (lo2, hi2) = a.band(), b.band()
                    if lo1 < hi2 and lo2 < hi1:
                        raise ValueError(f"{e.id}: two {a.circumstance} rows overlap (declare overlap_policy to allow)")
        return self


# --- discretion factors (裁量情节) and field evidence requirements -------------------------------------------

class Factor(_Strict):
    code: str
    label: str
    effect: Literal["mandatory", "may", "aggravating"]
    basis: str
    turns_on: list[Literal["harm", "circumstance", "fault", "amount"]] = Field(
        default_factory=list, description="elements this ground rests on: claiming it makes them need proof")


class FactorFile(Header):
    entries: list[Factor]


class ProvisionRef(_Strict):
    """One provision of a law: an article, or one paragraph or item of it."""
    article: int = Field(ge=1)
    paragraph: Optional[int] = Field(None, ge=1)
    item: Optional[int] = Field(None, ge=1)


class ProvisionLink(_Strict):
    law_id: str
    provisions: list[ProvisionRef] = Field(description="the violations (items) that turn on this proof")


class EvidenceRequirement(_Strict):
    """A field's rule of proof: a case citing one of these provisions needs evidence of these types for this
    element — only the violations that turn on it (a test result), never the whole article."""
    id: str
    links: list[ProvisionLink]
    element: Literal["identity", "act", "amount", "fault", "harm", "circumstance"]
    evidence_types: list[str]
    title_pattern: Optional[str] = Field(None, description="regex: evidence of another type whose title shows it is "
                                                           "this proof (a test report filed as documentary evidence)")
    label: str
    basis: str


class EvidenceFile(Header):
    entries: list[EvidenceRequirement]


class Signal(_Strict):
    word: str
    offence: str


class SignalFile(Header):
    entries: list[Signal]


DomainEntry.model_rebuild()


# --- publicity after the decision (事后公开) ------------------------------------------------------------------

class PublicityDeadline(_Strict):
    working_days: Optional[int] = Field(None, ge=1, description="None: the rule sets no period (shown as unknown)")
    basis: str
    note: Optional[str] = None


class PublicityPeriod(_Strict):
    """How long the information stays published; ``when_only``: the decision carries only these penalty types
    (``low_fine``: a fine at or below the region's 较低数额, from ``low_fines``)."""
    when_only: list[str] = Field(default_factory=list)
    months: Optional[int] = Field(None, ge=1)
    years: Optional[int] = Field(None, ge=1)
    basis: str


class PublicityRule(_InForce, _Strict):
    """One publicity rule: which decisions it makes public, by when, for how long, and the withdrawal period."""
    id: str
    title: str
    doc_no: Optional[str] = None
    effective_from: date
    effective_to: Optional[date] = None
    domains: list[str] = Field(default_factory=list, description="fields it governs (with their covered fields); empty: every field")
    except_domains: list[str] = Field(default_factory=list)
    region_prefix: Optional[str] = Field(None, pattern=r"^\d{2,6}$", description="a local rule; None: national")
    procedure: Optional[Literal["simple", "ordinary"]] = Field(None, description="only decisions in this procedure")
    party_kinds: list[Literal["individual", "individual_business", "organization"]] = Field(default_factory=list)
    enterprises_only: bool = Field(False, description="only parties registered as 企业 (credit code 91…)")
    duty: Literal["required", "agency_judgment"] = "required"
    basis: str
    not_if_only: list[str] = Field(default_factory=list, description="not published when these are the only penalty types")
    not_if_only_basis: Optional[str] = None
    platform: Optional[str] = None
    same_province: Optional[PublicityDeadline] = None
    other_province: Optional[PublicityDeadline] = None
    periods: list[PublicityPeriod] = Field(default_factory=list, description="first that fits; the last is the default")
    restriction_basis: Optional[str] = Field(None, description="a restriction longer than the period sets the period")
    withdrawal: Optional[PublicityDeadline] = None
    notice_basis: Optional[str] = None
    source: str


class LowFine(_InForce, _Strict):
    """较低数额罚款 for the 3-month publicity period, as a province's 市场监管 department sets it (第十三条第二款)."""
    id: str
    region_prefix: str = Field(pattern=r"^\d{2,6}$")
    party_kinds: list[Literal["individual", "individual_business", "organization"]]
    at_most: float = Field(ge=0)
    effective_from: date
    effective_to: Optional[date] = None
    basis: str
    source: str


class PlatformColumn(_Strict):
    key: str
    column: str


class PublicityFile(Header):
    rules: list[PublicityRule] = Field(default_factory=list)
    low_fines: list[LowFine] = Field(default_factory=list)
    platform_columns: list[PlatformColumn] = Field(default_factory=list)
    masking: Optional[dict[str, list[str]]] = Field(
        None, description="word lists for the masking of personal information (cues, surnames); a later file replaces a list")
