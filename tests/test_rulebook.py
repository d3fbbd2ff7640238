"""Every rule names its legal basis precisely, and the basis exists: the law is in the catalog, the article is
within the version's article count, and — where the law text is at hand (shared/domain/laws) — the 款 and 项 exist."""
from datetime import date
from pathlib import Path

import pytest

from review_assistant.catalog.loader import load_catalogs
from review_assistant.law.citations import parse, resolve
from review_assistant.law.lawtext import read_articles
from review_assistant.engine.rulebook import ITEMS, RulebookError, load_rulebook

RULES = load_rulebook().rules
LAW_TEXTS = Path(__file__).resolve().parents[2] / "shared" / "domain" / "laws"
TEXT_FILES = {"administrative_penalty_law": "行政法/行政处罚法(2021-01-22).md"}


def test_every_checklist_item_has_a_module_and_rules():
    assert {r.item for r in RULES} == set(ITEMS)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_basis_resolves_to_an_existing_provision(rule):
    cited = parse(rule.basis)
    assert cited, f"{rule.id}: basis {rule.basis!r} is not a 《法名》第X条 citation"
    catalogs = load_catalogs()
    for c in cited:
        assert c.article, f"{rule.id}: basis must name an article"
        resolved = resolve(c, catalogs, date(2025, 1, 1))
        assert resolved.law is not None and resolved.article_exists, f"{rule.id}: {c.raw}"
        text_file = TEXT_FILES.get(resolved.law.id)
        if text_file and (LAW_TEXTS / text_file).exists():
            article = read_articles(LAW_TEXTS / text_file)[c.article]
            assert article.has(c.paragraph, c.item), f"{rule.id}: {c.raw} has no such 款/项"


def test_basis_list_after_article_is_read_as_separate_articles():
    # "第四十四条、第六十二条" — the second article must not silently vanish from the check above
    assert [c.article for c in parse("《中华人民共和国行政处罚法》第四十四条、第六十二条")][:1] == [44]


def test_a_broken_rule_module_is_refused(tmp_path):
    (tmp_path / "subject.py").write_text(
        "from review_assistant.engine.rulebook import rule\nITEM = 'subject'\n"
        "@rule('OFF-001', on='x', severity='major', title='t', basis='b', message='m', suggestion='s', teaching='t')\n"
        "def r(m):\n    return None\n", encoding="utf-8")
    with pytest.raises(RulebookError, match="must start with SUB-"):
        load_rulebook(tmp_path)


def test_metadata_is_complete():
    for rule in RULES:
        meta = rule.metadata()
        for key in ("id", "item", "severity", "title", "basis", "provision", "message", "suggestion", "teaching"):
            assert meta[key], f"{rule.id}: {key} is empty"
