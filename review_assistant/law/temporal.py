"""Which version of a law governs the case: 《行政处罚法》第三十七条, coded once.

第三十七条（原则）：实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。
（但书）作出行政处罚决定时，法律、法规、规章已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。

``governing`` answers for one cited penalty provision: the provision in force when the act occurred, and the
provisions of the version in force at the decision that would be lighter. A revision may renumber (catalog
``renumbering``) or split an article into items; every new branch the citation can point to is a candidate.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional

from review_assistant.catalog import models as cm
from review_assistant.law.citations import Citation, provision_in, version_on
from review_assistant.law.fines import FineFacts, FineRange, fine_range


@dataclass(frozen=True)
class Governing:
    old_version: Optional[cm.LawVersion]  # in force when the act occurred (ended)
    old: Optional[cm.Provision]
    new_version: Optional[cm.LawVersion]  # in force on the decision date, when different
    lighter: tuple[cm.Provision, ...]  # provisions of the new version that punish less than ``old``


def _map(law: cm.Law, old: cm.LawVersion, new: cm.LawVersion, generated: bool) -> Optional[cm.Renumbering]:
    for r in law.renumbering:
        if r.from_version == old.id and r.to_version == new.id and (generated or not r.generated):
            return r
    return None


def traced(law: cm.Law, old: cm.LawVersion, new: cm.LawVersion, article: int,
           generated: bool = False) -> tuple[Optional[int], bool]:
    """(number in ``new`` of ``old``'s article, whether every revision on the way has a map). It follows a map
    between the two versions, else the map of each revision between them in turn (道路运输条例 2019 → 2022 → 2023);
    a revision without one is taken to keep its numbers. None: deleted, or no counterpart the map vouches for (an
    article it does not list). Maps matched by program (``generated``) are followed only when asked — for a hint,
    never for a finding."""
    direct = _map(law, old, new, generated)
    if direct is not None:
        return direct.articles.get(article), True
    ids = [v.id for v in law.versions]
    if old.id not in ids or new.id not in ids or ids.index(old.id) >= ids.index(new.id):
        return article, False
    steps = law.versions[ids.index(old.id):ids.index(new.id) + 1]
    number, mapped = article, True
    for earlier, later in zip(steps, steps[1:]):
        r = _map(law, earlier, later, generated)
        if r is None:
            mapped = False
            continue
        number = r.articles.get(number)
        if number is None:
            return None, mapped
    return number, mapped


def renumbered(law: cm.Law, old: cm.LawVersion, new: cm.LawVersion, article: int) -> Optional[int]:
    """The new number of an old article through the hand-checked maps (None: deleted, or no counterpart recorded);
    across a revision with no map, the number is kept — every hand-checked law with two versions records a map for
    each revision, or has no penalty provisions to compare (tests/test_renumbering.py)."""
    return traced(law, old, new, article)[0]


def candidates(version: cm.LawVersion, article: int, paragraph=None, item=None) -> list[cm.Provision]:
    """The penalty provisions a citation can mean in ``version``: with an item, that item; without one, every
    paragraph and item of the article it names (a revision may have split one rule into several items)."""
    if item is not None:
        exact = provision_in(version, article, paragraph, item)
        return [exact] if exact else []
    return in_article(version.provisions, article, paragraph)


def in_article(provisions, article: int, paragraph=None) -> list[cm.Provision]:
    """The provisions of an article (of its paragraph, when one is named)."""
    return [p for p in provisions if p.article == article and (paragraph is None or p.paragraph in (None, paragraph))]


def _max_fine(p: cm.Provision, facts: FineFacts, law_id: str) -> Optional[float]:
    r = fine_range(p, facts, law_id)
    return r.high if isinstance(r, FineRange) else None


def governing(law: cm.Law, cite: Citation, act_date: date, decision_date: date, facts: FineFacts) -> Governing:
    old_v = version_on(law, act_date)
    new_v = version_on(law, decision_date)
    old_p = provision_in(old_v, cite.article, cite.paragraph, cite.item) if old_v and cite.article else None
    if old_v is None or new_v is None or old_v is new_v or old_p is None:
        return Governing(old_v, old_p, None, ())
    article = renumbered(law, old_v, new_v, cite.article)
    if article is None:
        return Governing(old_v, old_p, new_v, ())
    old_max = _max_fine(old_p, facts, law.id)
    lighter = []
    for p in candidates(new_v, article, cite.paragraph, cite.item):
        new_max = _max_fine(p, facts, law.id)
        fewer_kinds = set(p.penalties) < set(old_p.penalties)
        if (old_max is not None and new_max is not None and new_max < old_max) or (fewer_kinds and (new_max or 0) <= (old_max or 0)):
            lighter.append(p)
    return Governing(old_v, old_p, new_v, tuple(lighter))
