"""Case package v1 (案卷包), field for field as in docs/case-package.md (v1 and the v1.1 optional fields).

Only ``schema_version`` and ``case_id`` are required. Every other field may be absent; its absence
makes the checklist items that need it a *gap* — it never makes the package invalid. Lists default to
``None`` (not ``[]``) so that "not submitted" and "submitted empty" stay distinguishable.
Unknown fields are kept (``extra="allow"``) and reported as hints.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictStr,
    model_validator,
)
from pydantic_core import PydanticCustomError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)  # ASCII digits only: ２０２５ is a format error
_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}T)?([01]\d|2[0-3]):[0-5]\d$", re.ASCII)


EARLIEST, LATEST = date(1949, 10, 1), date(2100, 12, 31)  # no enforcement file lies outside these
# a real file has tens of steps and pieces of evidence; thousands are an export error or an attack, and would make
# the review, its report and its opinion grow without bound (each step can carry findings)
LIST_SHORT, LIST_LONG = 100, 1000


def _iso_date(value: Any) -> Any:
    """Accept only ``YYYY-MM-DD`` strings (or dates): no timestamps, no other formats, no far-off years."""
    if not isinstance(value, date):
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            raise PydanticCustomError("iso_date", "date must be a YYYY-MM-DD string")
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("impossible_date", "no such calendar date") from None
    if not EARLIEST <= value <= LATEST:
        raise PydanticCustomError("date_range", "date must lie between 1949-10-01 and 2100-12-31")
    return value


def _hh_mm(value: Any) -> Any:
    if not isinstance(value, str) or not _TIME.match(value):
        raise PydanticCustomError("hh_mm", "time must be HH:MM or YYYY-MM-DDTHH:MM")
    if "T" in value:
        _iso_date(value[:10])  # 2025-02-30T10:00 is no time at all
    return value


DATE_PATTERN = r"^(19(49|[5-9]\d)|20\d\d|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
IsoDate = Annotated[date, BeforeValidator(_iso_date), Field(json_schema_extra={"format": "date", "pattern": DATE_PATTERN})]
TIME_PATTERN = r"^(\d{4}-\d{2}-\d{2}T)?([01]\d|2[0-3]):[0-5]\d$"
# the pattern is stated for the schema explicitly: a constraint beside a BeforeValidator does not reach it
HhMm = Annotated[str, BeforeValidator(_hh_mm), Field(json_schema_extra={"pattern": TIME_PATTERN})]
# amounts in yuan: finite, not negative, below ten trillion (beyond that a figure is a typing error)
Money = Annotated[float, Field(ge=0, le=1e13, strict=True, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=1_000_000, strict=True)]
RegionCode = Annotated[StrictStr, Field(pattern=r"^[0-9]{6}$")]  # not \d: it takes full-width and other digits
# strings are bounded: a name, a number or a title is short; only the narratives may be long (the package limit
# bounds them). A 5 MB ID number is an attack, not a file (attack re-run: it broke the engine's message size).
SHORT_TEXT, LONG_TEXT = 2_000, 100_000
Str = Annotated[StrictStr, Field(max_length=SHORT_TEXT)]
LongStr = Annotated[StrictStr, Field(max_length=LONG_TEXT)]
Narrative = StrictStr  # facts_text, decision_text: up to the package limit
Key = Annotated[str, Field(max_length=100)]
MAX_EXTRA = 100  # unknown fields kept per object (each is reported as a hint)


# every field's meaning in Chinese and English (and the rules that read it): models/fields.yaml, one source for the
# JSON Schema and for docs/case-package.md
FIELDS = yaml.safe_load((Path(__file__).with_name("fields.yaml")).read_text(encoding="utf-8"))


def field_description(entry: dict) -> str:
    since = f"（v{entry['since']}）" if entry.get("since") else ""
    rules = f" [{', '.join(entry['rules'])}]" if entry.get("rules") else ""
    return f"{entry['zh']}{since} / {entry['en']}{rules}"


def _describe(schema: dict, cls) -> None:
    """json_schema_extra: each property's description from fields.yaml."""
    entries = FIELDS.get(cls.__name__, {})
    for name, info in cls.model_fields.items():
        key = info.alias or name
        if key in schema.get("properties", {}) and name in entries:
            schema["properties"][key]["description"] = field_description(entries[name])
            if entries[name].get("since") or entries[name].get("extension"):
                # a field we added to v1: a case system may have its own of that name (v1 allows added fields); a value
                # not in our form is set aside with a notice (own_field_set_aside), never refused
                ours = schema["properties"][key]
                schema["properties"][key] = {"anyOf": [ours, {}], "description": ours.get("description", "")}
    if cls.__name__ == "Violation" and "quantities" in schema.get("properties", {}):
        # free keys: a value that is no number is the case system's description, set aside (own_field_set_aside)
        for alt in schema["properties"]["quantities"].get("anyOf", [schema["properties"]["quantities"]]):
            if "additionalProperties" in alt:
                alt["additionalProperties"] = {"anyOf": [alt["additionalProperties"], {}]}
    if cls.__doc__:
        schema["description"] = " ".join(cls.__doc__.split())


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True, json_schema_extra=_describe)

    @model_validator(mode="after")
    def _few_unknown_fields(self):
        extra = self.__pydantic_extra__ or {}
        if len(extra) > MAX_EXTRA or any(len(k) > 100 for k in extra):
            raise PydanticCustomError("too_many_extra", "more than 100 unknown fields, or an unknown field name over "
                                                        "100 characters, in one object")
        return self


class Agency(_Model):
    id: Optional[Str] = None
    name: Optional[Str] = None
    acts_as: Optional[Literal["own", "authorized", "delegated"]] = None
    delegated_by: Optional[Str] = None
    region_code: Optional[RegionCode] = None
    level: Optional[Literal["county", "city", "province", "state", "township"]] = None
    domains: Optional[list[Str]] = Field(None, max_length=LIST_SHORT)


class Representative(_Model):
    """v1.1: who acts for the party (法定代表人、经营者、监护人、负责人)."""
    kind: Optional[Literal["legal_representative", "operator", "guardian", "principal", "other"]] = None
    name: Optional[Str] = None
    id_number: Optional[Str] = None


class Party(_Model):
    kind: Optional[Literal["individual", "individual_business", "organization"]] = None
    name: Optional[Str] = None
    id_number: Optional[Str] = None
    birth_date: Optional[IsoDate] = None
    mental_condition: Optional[Literal["none", "limited", "incapable"]] = None
    prior_violations: Optional[Count] = None
    address: Optional[Str] = None  # v1.1
    representative: Optional[Representative] = None  # v1.1
    region_code: Optional[RegionCode] = None  # v1.2: 登记地（住所地）, for the 公示 deadline (same province or not)


class Violation(_Model):
    description: Optional[LongStr] = None
    occurred_on: Optional[IsoDate] = None
    ended_on: Optional[IsoDate] = None
    discovered_on: Optional[IsoDate] = None
    place_region_code: Optional[RegionCode] = None
    amounts: Optional[dict[Key, Money]] = Field(None, max_length=LIST_SHORT)
    quantities: Optional[dict[Key, Money]] = Field(None, max_length=LIST_SHORT)
    harm: Optional[Literal["none", "minor", "serious"]] = None
    circumstance: Optional[Literal["minor", "ordinary", "serious", "especially_serious"]] = None
    first_offense: Optional[StrictBool] = None
    corrected_promptly: Optional[StrictBool] = None
    no_fault_proven: Optional[StrictBool] = None
    correctable: Optional[StrictBool] = None  # v1.1
    factors: Optional[dict[Key, Str]] = Field(None, max_length=LIST_SHORT)  # v1.1: 裁量要素 → 违法程度, as a baseline table names them
    mitigating: Optional[list[Str]] = Field(None, max_length=LIST_SHORT)
    aggravating: Optional[list[Str]] = Field(None, max_length=LIST_SHORT)


class Citations(_Model):
    violated: Optional[list[Str]] = Field(None, max_length=LIST_SHORT)
    penalty: Optional[list[Str]] = Field(None, max_length=LIST_SHORT)
    discretion: Optional[list[Str]] = Field(None, max_length=LIST_SHORT)
    general: Optional[list[Str]] = Field(None, max_length=LIST_SHORT)  # v1.1


PenaltyType = Literal[
    "warning", "criticism", "fine", "confiscate_income", "confiscate_property", "suspend_license",
    "lower_qualification", "revoke_license", "restrict_operation", "suspend_business", "close",
    "restrict_practice", "detention",
    # v1.1: orders and measures some laws attach to the penalty (限期拆除、恢复原状、退还土地、责令停止建设、公开销毁)
    "demolish", "restore", "return_land", "stop_construction", "destroy",
]


class Penalty(_Model):
    type: Optional[PenaltyType] = None
    amount: Optional[Money] = None
    duration_days: Optional[Count] = None
    object: Optional[Str] = None
    party: Optional[Str] = None
    basis: Optional[Str] = None  # v1.5: the penalty provision it rests on (as an entry of citations.penalty)


class Decision(_Model):
    outcome: Optional[Literal["penalize", "no_penalty", "refer", "revoke_case"]] = None
    penalties: Optional[list[Penalty]] = Field(None, max_length=LIST_SHORT)
    order_correction: Optional[StrictBool] = None


class Cert(_Model):
    valid_from: Optional[IsoDate] = None
    valid_to: Optional[IsoDate] = None
    status: Optional[Literal["active", "suspended", "revoked"]] = None
    domains: Optional[list[Str]] = Field(None, max_length=LIST_SHORT)
    region_code: Optional[RegionCode] = None
    issued_by: Optional[Str] = None


OfficerRole = Literal["investigator", "reviewer", "decision_maker", "auxiliary", "hearing_host"]


class Officer(_Model):
    name: Optional[Str] = None
    cert_no: Optional[Str] = None
    role: Optional[OfficerRole] = None
    own_role: Optional[Str] = None  # v1.4: the case system's own role code (read by no rule)
    legal_qualification: Optional[StrictBool] = None
    cert: Optional[Cert] = None
    # optional extension: for a reviewer, whether this is the first time they do penalty legal review (第五十八条第二款)
    first_review: Optional[StrictBool] = None


StepKind = Literal[
    "filing", "inspection", "inquiry", "sampling", "preservation", "seizure", "investigation_report",
    "prior_notice", "statement", "hearing_notice", "hearing_request", "hearing", "collective_discussion",
    "legal_review", "decision", "service", "extension",
    # optional extension: the criminal-referral steps of 国务院令第310号 第五条
    "referral_report", "referral_approval", "referral",
    # v1.1
    "hearing_schedule", "preservation_decision", "seizure_extension", "test_result_notice", "execution",
    # v1.2: publicity after the decision (《行政处罚法》第四十八条) and what ends a published decision
    "publicity", "decision_changed", "decision_revoked", "decision_held_unlawful", "decision_held_void",
    # v1.5: after the decision, for a file that goes on to enforcement (行政强制法第三十五条、第五十三条至第五十五条)
    "reminder", "court_enforcement_application",
    # v1.4: a step the case system names with a code of its own (复议决定, 法院裁定 …: events v1 has no code for),
    # kept in file order and read by no rule; its code is in ``own_kind`` (inputs.parse_package, notice own_step_kind)
    "other",
]
ServiceMethod = Literal["in_person", "left", "mail", "electronic", "public_notice", "posting", "entrusted", "on_the_spot"]


class Participant(_Model):
    """v1.1: someone who took part in a collective discussion (负责人), by name and title."""
    name: Optional[Str] = None
    title: Optional[Str] = None


class Step(_Model):
    kind: Optional[StepKind] = None
    own_kind: Optional[Str] = None  # v1.4: the case system's own code of an ``other`` step
    party: Optional[Str] = None  # v1.5: the party the step concerns (its name, or its own id in parties), in a file of several
    date: Optional[IsoDate] = None
    time: Optional[HhMm] = None
    officers: Optional[list[Str]] = Field(None, max_length=LIST_SHORT)
    av_recorded: Optional[StrictBool] = None
    document: Optional[Str] = None
    notes: Optional[LongStr] = None
    # optional extensions (v1 allows added optional fields):
    presider: Optional[Str] = Field(None)
    noticed_on: Optional[IsoDate] = Field(None)
    handled_on: Optional[IsoDate] = Field(None)
    waived: Optional[StrictBool] = Field(None)
    approved: Optional[StrictBool] = Field(None)
    # v1.1
    method: Optional[ServiceMethod] = None
    consented: Optional[StrictBool] = None
    witnesses: Optional[list[Str]] = Field(None, max_length=LIST_SHORT)
    proposed: Optional[list[Penalty]] = Field(None, max_length=LIST_SHORT)
    participants: Optional[list[Participant]] = Field(None, max_length=LIST_SHORT)
    excluded_days: Optional[Count] = None
    released_on: Optional[IsoDate] = None
    # v1.2
    withdrawn_on: Optional[IsoDate] = None  # a publicity step: the day the published information was withdrawn
    pushed_on: Optional[IsoDate] = None  # a publicity step, party registered in another province: the day it was pushed
    platform: Optional[Str] = None  # a publicity step: where it was published (国家企业信用信息公示系统 …)


class Confidential(_Model):
    """v1.2: a passage of decision_text that must stay out of the public version (商业秘密 …)."""
    text: Optional[Annotated[StrictStr, Field(min_length=1, max_length=SHORT_TEXT)]] = None
    kind: Optional[Literal["trade_secret", "state_secret", "privacy", "other"]] = None
    note: Optional[Str] = None


EvidenceType = Literal[
    "documentary", "physical", "audiovisual", "electronic", "witness", "party_statement",
    "expert_opinion", "inspection_record",
]
Element = Literal["identity", "act", "amount", "fault", "harm", "circumstance"]


class Evidence(_Model):
    id: Optional[Str] = None
    type: Optional[EvidenceType] = None
    title: Optional[Str] = None
    obtained_on: Optional[IsoDate] = None
    obtained_by: Optional[list[Str]] = Field(None, max_length=LIST_SHORT)
    proves: Optional[list[Element]] = Field(None, max_length=LIST_SHORT)
    signed_by_party: Optional[StrictBool] = None
    original: Optional[StrictBool] = None
    source: Optional[Str] = None


class Document(_Model):
    id: Optional[Str] = None
    kind: Optional[Str] = None
    title: Optional[Str] = None
    date: Optional[IsoDate] = None
    signed: Optional[StrictBool] = None
    sealed: Optional[StrictBool] = None


class ExcludedPeriod(_Model):
    """Optional extension: a period the rules do not count toward the decision limit (检验、检测、鉴定、听证、公告)."""
    from_: Optional[IsoDate] = Field(None, alias="from")
    to: Optional[IsoDate] = None
    reason: Optional[Literal["检验", "检测", "鉴定", "听证", "公告", "其他"]] = None


class CasePackage(_Model):
    """案卷包 v1 — what a case system submits for 法制审核 (or a closed file for 案卷评查)."""

    # fields of a name we added (not in v1) that the case system filled in its own way: set aside, reported (JSON pointers)
    _set_aside: list = PrivateAttr(default_factory=list)
    _own_kinds: list = PrivateAttr(default_factory=list)  # (pointer, code, the v1.5 code it was read as or None)

    schema_version: Literal["1"]
    case_id: Annotated[StrictStr, Field(min_length=1, max_length=200)]
    decision_kind: Optional[Literal["penalty", "coercion", "license"]] = None
    procedure: Optional[Literal["simple", "ordinary"]] = None
    domain: Optional[Str] = None
    agency: Optional[Agency] = None
    parties: Optional[list[Party]] = Field(None, max_length=LIST_SHORT)
    violation: Optional[Violation] = None
    citations: Optional[Citations] = None
    proposed_decision: Optional[Decision] = None
    officers: Optional[list[Officer]] = Field(None, max_length=LIST_LONG)
    steps: Optional[list[Step]] = Field(None, max_length=LIST_LONG)
    evidence: Optional[list[Evidence]] = Field(None, max_length=LIST_LONG)
    documents: Optional[list[Document]] = Field(None, max_length=LIST_LONG)
    facts_text: Optional[Narrative] = None
    decision_text: Optional[Narrative] = None
    submitted_on: Optional[IsoDate] = None
    stage: Optional[Literal["pre_decision", "post_decision"]] = None
    # optional extension: periods not counted toward the decision limit where a rule says so
    excluded_periods: Optional[list[ExcludedPeriod]] = Field(None, max_length=LIST_SHORT)
    decision_deadline_days: Optional[Annotated[int, Field(ge=1, le=3650, strict=True)]] = None  # v1.1
    # v1.2: publicity (事后公开)
    decision_number: Optional[Str] = None  # 行政处罚决定书文号 (else case_id is taken)
    confidential: Optional[list[Confidential]] = Field(None, max_length=LIST_SHORT)
    public_decision_text: Optional[Narrative] = None  # the text as published, where the file has it

    @property
    def effective_stage(self) -> str:
        """The spec's default: ``post_decision`` when a decision step exists, else ``pre_decision``."""
        if self.stage:
            return self.stage
        return "post_decision" if any(s.kind == "decision" for s in self.steps or ()) else "pre_decision"
