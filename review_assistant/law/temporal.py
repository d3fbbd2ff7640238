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


def renumbered(law: cm.Law, old: cm.LawVersion, new: cm.LawVersion, article: int) -> Optional[int]:
    """The new number of an old article (itself when no renumbering is recorded between the two versions)."""
    for r in law.renumbering:
        if r.from_version == old.id and r.to_version == new.id:
            return r.articles.get(article)
    return article


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
