"""Load, validate and merge the catalogs (目录数据): policy data kept apart from rules and input.

The bundled catalogs ship inside the package (``review_assistant.catalogs``). A deployment points to its own
directory (``--catalogs DIR`` or ``REVIEW_ASSISTANT_CATALOGS``) laid out the same way: a file there with the same
relative path replaces the bundled file; other files add entries, and an entry with the same key (law id,
agency id, certificate number …) replaces the bundled one. Every error names the file, the line and the field.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import pickle
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml
from pydantic import BaseModel, ValidationError

from review_assistant.catalog import models as cm
from review_assistant.case import remedies_told
from review_assistant.catalog.calendar import WorkCalendar

ENV_VAR = "REVIEW_ASSISTANT_CATALOGS"
CACHE_VAR = "REVIEW_ASSISTANT_CACHE"  # directory of the compiled catalogs; "off" to always read the files
CACHE_KEEP = 8
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where installed (it is, with PyYAML wheels)

# kind -> (glob below the catalog root, file model)
KINDS: dict[str, tuple[str, type[BaseModel]]] = {
    "laws": ("laws/**/*.yaml", cm.LawFile),  # laws/ hand-checked, laws/generated/ from the corpus
    "agencies": ("agencies/*.yaml", cm.AgencyFile),
    "officers": ("officers/*.csv", cm.Header),
    "domains": ("domains/*.yaml", cm.DomainFile),
    "major_decisions": ("major_decisions/*.yaml", cm.MajorFile),
    "documents": ("documents/*.yaml", cm.DocumentFile),
    "holidays": ("calendar/*.yaml", cm.HolidayFile),
    "referral": ("referral/*.yaml", cm.ReferralFile),
    "hearing_thresholds": ("hearing_thresholds/*.yaml", cm.HearingThresholdFile),
    "devolutions": ("devolutions/*.yaml", cm.DevolutionFile),
    "discretion": ("discretion/*.yaml", cm.DiscretionFile),
    "discretion_frameworks": ("discretion_frameworks/*.yaml", cm.FrameworkFile),
    "discretion_exemptions": ("discretion_exemptions/*.yaml", cm.ExemptionFile),
    "factors": ("factors/*.yaml", cm.FactorFile),
    "evidence": ("evidence/*.yaml", cm.EvidenceFile),
    "signals": ("signals/*.yaml", cm.SignalFile),
    "publicity": ("publicity/*.yaml", cm.PublicityFile),
}


class CatalogError(Exception):
    """All problems found while loading catalogs, one ``file:line: field: message`` per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def bundled_root() -> Path:
    return Path(str(resources.files("review_assistant.catalogs")))


@dataclass
class Catalogs:
    roots: tuple[Path, ...]
    laws: dict[str, cm.Law] = field(default_factory=dict)
    law_checked_through: dict[str, Optional[date]] = field(default_factory=dict)
    agencies: dict[str, cm.AgencyEntry] = field(default_factory=dict)
    officers: dict[str, cm.OfficerEntry] = field(default_factory=dict)
    domains: dict[str, cm.DomainEntry] = field(default_factory=dict)
    domain_aliases: dict[str, str] = field(default_factory=dict)
    referral_readings: dict[str, cm.MetricReadings] = field(default_factory=dict)
    major_entries: dict[str, cm.MajorEntry] = field(default_factory=dict)
    document_kinds: dict[str, str] = field(default_factory=dict)
    document_titles: dict[str, str] = field(default_factory=dict)  # code -> regex on titles (codes of other systems)
    document_requirements: dict[str, cm.DocumentRequirement] = field(default_factory=dict)
    referral: dict[str, cm.ReferralThreshold] = field(default_factory=dict)
    referral_conduct: dict[str, cm.ReferralConduct] = field(default_factory=dict)
    referral_exceedance: dict[str, cm.ReferralExceedance] = field(default_factory=dict)
    hearing_thresholds: dict[str, cm.HearingThreshold] = field(default_factory=dict)
    devolutions: dict[str, cm.Devolution] = field(default_factory=dict)
    discretion: dict[str, tuple[cm.DiscretionFile, cm.DiscretionEntry]] = field(default_factory=dict)
    frameworks: dict[str, cm.FrameworkEntry] = field(default_factory=dict)
    exemptions: dict[str, tuple[cm.ExemptionFile, cm.Exemption]] = field(default_factory=dict)
    factors: dict[str, cm.Factor] = field(default_factory=dict)
    evidence_requirements: dict[str, cm.EvidenceRequirement] = field(default_factory=dict)
    signals: dict[str, cm.Signal] = field(default_factory=dict)
    av_records: dict[str, cm.AvRecord] = field(default_factory=dict)
    decision_elements: dict[str, cm.DecisionElement] = field(default_factory=dict)
    narrative_events: dict[str, cm.NarrativeEvent] = field(default_factory=dict)
    holiday_years: dict[int, cm.HolidayYear] = field(default_factory=dict)
    publicity_rules: dict[str, cm.PublicityRule] = field(default_factory=dict)
    low_fines: dict[str, cm.LowFine] = field(default_factory=dict)
    platform_columns: dict[str, str] = field(default_factory=dict)  # our key -> the platform template's column
    masking_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    calendar: WorkCalendar = field(init=False)
    law_names: dict[str, str] = field(init=False)
    agencies_by_name: dict[str, cm.AgencyEntry] = field(init=False)
    referral_by_law: dict[str, tuple[cm.ReferralThreshold, ...]] = field(init=False)
    discretion_by_article: dict[Optional[int], tuple] = field(init=False)  # article -> ((file, entry), ...)
    exemptions_by_article: dict[Optional[int], tuple] = field(init=False)  # article -> ((file, exemption), ...)
    hearing_by_party_kind: dict[str, tuple[cm.HearingThreshold, ...]] = field(init=False)
    referral_rank: dict[str, int] = field(init=False)  # threshold id -> its place in catalog order

    def finish(self) -> "Catalogs":
        """Build the look-up indexes once, after every file is merged."""
        holidays: set[date] = set()
        workdays: set[date] = set()
        for year in self.holiday_years.values():
            for block in year.holidays:
                day = block.from_
                while day <= block.to:
                    holidays.add(day)
                    day += timedelta(days=1)
            workdays.update(w.date for w in year.workdays)
        self.calendar = WorkCalendar(frozenset(holidays), frozenset(workdays), frozenset(self.holiday_years))
        self.law_names = {}
        for law in self.laws.values():
            for name in (law.name, *law.aliases):
                self.law_names[normalize_law_name(name)] = law.id
        self.agencies_by_name = {a.name: a for a in self.agencies.values()}
        self.domain_aliases = {alias: e.code for e in self.domains.values() for alias in e.aliases}
        by_law: dict[str, list] = {}
        for t in self.referral.values():  # catalog order kept: a review meets thresholds as the files list them
            for law_id in dict.fromkeys(link.law_id for link in t.links):
                by_law.setdefault(law_id, []).append(t)
        self.referral_by_law = {k: tuple(v) for k, v in by_law.items()}
        by_article: dict[Optional[int], list] = {}
        for file, entry in self.discretion.values():  # catalog order kept, as for the thresholds
            by_article.setdefault(entry.article, []).append((file, entry))
        self.discretion_by_article = {k: tuple(v) for k, v in by_article.items()}
        self.referral_rank = {key: i for i, key in enumerate(self.referral)}
        # the indexes below keep catalog order, and a review still applies every condition to what they give it:
        # they only leave out the entries that could not pass (another article, another kind of party)
        exempt: dict[Optional[int], list] = {}
        for file, entry in self.exemptions.values():
            exempt.setdefault(entry.article, []).append((file, entry))
        self.exemptions_by_article = {k: tuple(v) for k, v in exempt.items()}
        by_kind: dict[str, list] = {}
        for t in self.hearing_thresholds.values():
            for kind in dict.fromkeys(t.party_kinds):
                by_kind.setdefault(kind, []).append(t)
        self.hearing_by_party_kind = {k: tuple(v) for k, v in by_kind.items()}
        return self

    def domain(self, code: Optional[str]) -> Optional[str]:
        """The catalog's code for a field code (another system's alias → ours); unknown codes stay as they are."""
        return self.domain_aliases.get(code, code) if code else code

    def field_within(self, powers, code: Optional[str]) -> Optional[bool]:
        """Like ``covers``, but None when it cannot be told: the code, or a code of ``powers`` that would have to
        cover it, is not in the domain catalog (a case system's own code is never held against the file).
        Memoized: the same certificate fields meet the same case field on every step."""
        key = (tuple(powers), code)
        memo = self.__dict__.setdefault("_within", {})
        if key not in memo:
            if len(memo) > 4096:
                memo.clear()
            memo[key] = self._field_within(powers, code)
        return memo[key]

    def _field_within(self, powers, code: Optional[str]) -> Optional[bool]:
        if self.covers(powers, code):
            return True
        if self.domain(code) not in self.domains or any(self.domain(p) not in self.domains for p in powers):
            return None
        return False

    def covers(self, powers, code: Optional[str]) -> bool:
        """Whether a list of fields (a certificate's, an agency's) includes ``code``, directly or through ``covers``
        (memoized: a handful of field lists meets a handful of codes)."""
        key = ("covers", tuple(powers), code)
        memo = self.__dict__.setdefault("_within", {})
        if key not in memo:
            if len(memo) > 4096:
                memo.clear()
            memo[key] = self._covers(powers, code)
        return memo[key]

    def _covers(self, powers, code: Optional[str]) -> bool:
        code = self.domain(code)
        seen: set[str] = set()
        todo = [self.domain(p) for p in powers]
        while todo:
            p = todo.pop()
            if p == code:
                return True
            if p in seen:
                continue
            seen.add(p)
            entry = self.domains.get(p)
            todo.extend(entry.covers if entry else ())
        return False

    @functools.cached_property
    def name_finder(self):
        """jieba over the catalog's law names and aliases (full and short), for law names written without 《》."""
        names = set()
        for law in self.laws.values():
            for name in (law.name, *law.aliases):
                names.update({name, normalize_law_name(name)})
        return _finder(frozenset(names))

    @functools.cached_property
    def signal_finder(self):
        """jieba with the crime-signal words (catalog) as single words, for facts narratives."""
        from review_assistant.case.words import WordFinder

        return WordFinder(frozenset(self.signals), within_tokens=True)

    def kinds_in_title(self, title: str) -> tuple[str, ...]:
        """The document kinds a title shows (catalog ``title_pattern``), in catalog order. The same titles come back in
        file after file (现场检查笔录, 立案审批表): each is matched once per process, the memo bounded."""
        memo = self.__dict__.setdefault("_kinds_in_title", {})
        found = memo.get(title)
        if found is None:
            if len(memo) >= 8192:
                memo.clear()
            patterns = self.__dict__.get("_title_patterns")
            if patterns is None:
                patterns = self.__dict__["_title_patterns"] = [(c, re.compile(p)) for c, p in self.document_titles.items()]
            found = memo[title] = tuple(c for c, p in patterns if p.search(title))
        return found

    def warm(self) -> "Catalogs":
        """Load jieba's dictionary into both finders now: a server or a batch worker does it at start, so that no
        review waits for it (a one-file `check` never needs it unless its texts name laws without 《》)."""
        self.name_finder.warm()
        self.signal_finder.warm()
        return self

    def versions_in_brief(self, at_least: int = 10) -> dict[str, str]:
        """The versions a report carries: a folder whose files (at least ``at_least``) share one version string is one
        entry (``laws/generated/（1246 个文件）``) — a report names its data without carrying 1,400 file names; the full list
        is at GET /v1/catalogs."""
        groups: dict[tuple[str, str], list[str]] = {}
        for name, version in self.versions.items():
            folder = name.rsplit("/", 1)[0] if "/" in name else ""
            groups.setdefault((folder, version), []).append(name)
        out = {}
        for (folder, version), names in groups.items():
            if len(names) >= at_least:
                out[f"{folder}/（{len(names)} 个文件）"] = version
            else:
                out.update((n, version) for n in names)
        return dict(sorted(out.items()))

    def law_by_name(self, name: str) -> Optional[cm.Law]:
        law_id = self.law_names.get(normalize_law_name(name))
        return self.laws.get(law_id) if law_id else None


from review_assistant.catalog.names import normalize_law_name  # noqa: E402  (the catalog and the parser share one key)


@functools.lru_cache(maxsize=4)
def _finder(names: frozenset):
    from review_assistant.case.words import LawNameFinder

    return LawNameFinder(names)


# --- loading -------------------------------------------------------------------------------------------

def load_catalogs(extra: Optional[str | os.PathLike] = None) -> Catalogs:
    """Bundled catalogs merged with ``extra`` (or ``$REVIEW_ASSISTANT_CATALOGS``). Cached per directory."""
    if extra is None:
        extra = os.environ.get(ENV_VAR) or None
    return _load(str(Path(extra).resolve()) if extra else None)


@functools.lru_cache(maxsize=16)
def _load(extra: Optional[str]) -> Catalogs:
    roots = [bundled_root()]
    if extra:
        path = Path(extra)
        if not path.is_dir():
            raise CatalogError([f"{extra}: 目录不存在 / catalog directory not found"])
        roots.append(path)
    return load_roots(roots)


def load_roots(roots: Iterable[Path]) -> Catalogs:
    """The catalogs of ``roots`` (later roots replace or extend earlier ones), validated. The validated form is kept
    compiled in a cache keyed by every file's content and this loader's code, so that a start-up reads one file;
    any change to a catalog, a local layer or the models makes a new key."""
    roots = tuple(roots)
    files: dict[str, tuple[str, Path]] = {}  # relative path -> (kind, file); later roots replace earlier
    for root in roots:
        for kind, (pattern, _) in KINDS.items():
            for path in sorted(root.glob(pattern)):
                files[path.relative_to(root).as_posix()] = (kind, path)
    cache = _cache_path(roots, files)
    if cache is not None:
        try:
            with cache.open("rb") as fh:
                cat = pickle.load(fh)
            if isinstance(cat, Catalogs):
                cat.roots = roots
                return cat
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass  # absent or stale: build it again
    cat = _build(roots, files)
    if cache is not None:
        _store(cache, cat)
    return cat


def _cache_path(roots, files) -> Optional[Path]:
    setting = os.environ.get(CACHE_VAR, "")
    if setting.lower() == "off":
        return None
    base = Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "review-assistant"
    digest = hashlib.sha256()
    # the code that shapes a compiled catalog: its models, this loader, and the patterns the models expand while loading
    for code in (cm.__file__, __file__, remedies_told.__file__):
        digest.update(Path(code).read_bytes())
    for rel, (kind, path) in sorted(files.items()):
        digest.update(f"{rel}\0{kind}\0{path.is_relative_to(roots[0])}\0".encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            return None
    return base / f"catalogs-{digest.hexdigest()[:32]}.pickle"


def _store(cache: Path, cat: "Catalogs") -> None:
    """Write the compiled catalogs atomically; a cache that cannot be written is only slower, never an error."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache.parent, delete=False, suffix=".tmp") as fh:
            pickle.dump(cat, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, cache)
        kept = sorted(cache.parent.glob("catalogs-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[CACHE_KEEP:]:  # one per catalog state in use: the newest few, never a growing pile
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _build(roots, files) -> Catalogs:
    cat = Catalogs(roots=roots)
    problems: list[str] = []
    for rel, (kind, path) in files.items():
        try:
            header = _load_file(cat, kind, path)
        except CatalogError as err:
            problems.extend(err.problems)
            continue
        local = "" if path.is_relative_to(roots[0]) else "local:"
        # the day the data were checked against the sources belongs with the version (report, opinion), not in a hint
        checked = f"（核对至{header.checked_through.isoformat()}）" if getattr(header, "checked_through", None) else ""
        cat.versions[f"{local}{rel}"] = header.version + checked
    if problems:
        raise CatalogError(problems)
    return cat.finish()


_ZH_EXTRA = {"extra_forbidden": "不认识的字段（拼写错误或不属于该目录）", "value_error": "取值不符合要求",
             "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD", "date_parsing": "日期格式应为 YYYY-MM-DD",
             "float_parsing": "应为数字", "int_parsing": "应为整数", "bool_parsing": "应为 true 或 false",
             "tuple_type": "应为数组（两个数）", "too_short": "项目过少", "enum": "取值不在允许范围内"}


def _both(e: dict) -> str:
    """A validation error in Chinese and English: the catalog is edited by people who read Chinese."""
    from review_assistant.case.inputs import _ZH

    zh = _ZH.get(e["type"]) or _ZH_EXTRA.get(e["type"]) or "取值无效"
    return f"{zh} / {e['msg']}"


def _load_file(cat: Catalogs, kind: str, path: Path) -> cm.Header:
    if kind == "officers":
        return _load_roster(cat, path)
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else "?"
        raise CatalogError([f"{path}:{line}: YAML 语法错误 / invalid YAML: {getattr(err, 'problem', err)}"]) from None
    model = KINDS[kind][1]
    if not isinstance(data, dict) or data.get("catalog") != kind:
        raise CatalogError([f"{path}:1: catalog: 应为 {kind!r} / must be {kind!r}"])
    try:
        parsed = model.model_validate(data)
    except ValidationError as err:
        node = yaml.compose(text, Loader=YAML_LOADER)  # only now: the line numbers of what is wrong
        raise CatalogError([
            f"{path}:{_line_of(node, e['loc'])}: {_dotted(e['loc'])}: {_both(e)}" for e in err.errors()
        ]) from None
    _merge(cat, kind, parsed)
    return parsed


# kind -> [(Catalogs attribute, list attribute of the file, key of an entry)]: later files replace entries by key
_MERGE = {
    "agencies": [("agencies", "entries", lambda e: e.id)],
    "discretion_frameworks": [("frameworks", "entries", lambda e: e.id)],
    "domains": [("domains", "entries", lambda e: e.code)],
    "major_decisions": [("major_entries", "entries", lambda e: e.id)],
    "documents": [("document_requirements", "required", lambda e: e.id), ("av_records", "av_records", lambda e: e.step),
                  ("decision_elements", "decision_elements", lambda e: (e.id, e.procedure, e.effective_from)),
                  ("narrative_events", "narrative_events", lambda e: e.step)],
    "hearing_thresholds": [("hearing_thresholds", "entries", lambda e: e.id)],
    "devolutions": [("devolutions", "entries", lambda e: e.id)],
    "factors": [("factors", "entries", lambda e: e.code)],
    "signals": [("signals", "entries", lambda e: e.word)],
    "evidence": [("evidence_requirements", "entries", lambda e: e.id)],
    "holidays": [("holiday_years", "years", lambda e: e.year)],
    "referral": [("referral", "entries", lambda e: e.id), ("referral_readings", "readings", lambda e: e.metric),
                 ("referral_conduct", "conduct", lambda e: e.id),
                 ("referral_exceedance", "exceedance", lambda e: e.id)],
    "publicity": [("publicity_rules", "rules", lambda e: e.id), ("low_fines", "low_fines", lambda e: e.id)],
}


def _merge(cat: Catalogs, kind: str, parsed: Any) -> None:
    if kind == "laws":
        cat.laws[parsed.law.id] = parsed.law
        cat.law_checked_through[parsed.law.id] = parsed.checked_through
    elif kind == "discretion_exemptions":
        cat.exemptions.update((e.id, (parsed, e)) for e in parsed.entries)
    elif kind == "discretion":  # an entry keeps its file: region, fields and overlap policy apply to its rows
        cat.discretion.update((e.id, (parsed, e)) for e in parsed.entries)
    else:
        if kind == "publicity":  # an office's layer renames columns and replaces word lists one by one
            cat.platform_columns.update((c.key, c.column) for c in parsed.platform_columns)
            cat.masking_words.update((k, tuple(v)) for k, v in (parsed.masking or {}).items())
        if kind == "documents":
            cat.document_kinds.update((k.code, k.label) for k in parsed.kinds)
            cat.document_titles.update((k.code, k.title_pattern) for k in parsed.kinds if k.title_pattern)
        for target, field_name, key in _MERGE[kind]:
            getattr(cat, target).update((key(e), e) for e in getattr(parsed, field_name))


def _load_roster(cat: Catalogs, path: Path) -> cm.Header:
    """执法人员清单 as CSV: ``# key: value`` header lines, then a header row; ``domains`` split on ``;``."""
    meta: dict[str, str] = {}
    body: list[str] = []
    first_body_line = None
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.startswith("#") and first_body_line is None:
            key, _, value = line[1:].partition(":")
            meta[key.strip()] = value.strip()
        elif line.strip():
            first_body_line = first_body_line or number
            body.append(line)
    try:
        header = cm.Header.model_validate(meta)
    except ValidationError as err:
        raise CatalogError([f"{path}:1: # {_dotted(e['loc'])}: {_both(e)}" for e in err.errors()]) from None
    if header.catalog != "officers":
        raise CatalogError([f"{path}:1: # catalog: 应为 'officers' / must be 'officers'"])
    problems = []
    for offset, row in enumerate(csv.DictReader(io.StringIO("\n".join(body)))):
        line = (first_body_line or 1) + 1 + offset
        row = {k: v for k, v in row.items() if v not in (None, "")}
        row["domains"] = [d for d in row.get("domains", "").split(";") if d]
        if "legal_qualification" in row:
            row["legal_qualification"] = row["legal_qualification"].lower() in ("1", "true", "是", "yes")
        try:
            entry = cm.OfficerEntry.model_validate(row)
        except ValidationError as err:
            problems += [f"{path}:{line}: {_dotted(e['loc'])}: {_both(e)}" for e in err.errors()]
            continue
        cat.officers[entry.cert_no] = entry
    if problems:
        raise CatalogError(problems)
    return header


def _dotted(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(file)"


def _line_of(node: Any, loc: tuple) -> int:
    """Line of the deepest YAML node that the error location reaches."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            match = node.value[part]
        else:
            match = None
        if match is None:
            break
        node, line = match, match.start_mark.line + 1
    return line
