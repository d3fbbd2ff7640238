"""The citation reader against a labeled table of citation strings (labeled.yaml, variants.yaml)."""
from pathlib import Path

import pytest
import yaml

from review_assistant.law.citations import (
    Citation,
    cn_number,
    normalize_law_name,
    parse,
    to_cn,
)

HERE = Path(__file__).parent
TABLE = [tuple(row) for name in ("labeled.yaml", "variants.yaml")
         for row in yaml.safe_load((HERE / name).read_text(encoding="utf-8"))]


def label(c: Citation) -> str:
    if c.article is None:
        return f"{normalize_law_name(c.law_name)} -"
    out = f"{normalize_law_name(c.law_name)} {c.article}"
    if c.paragraph or c.item:
        out += f".{c.paragraph or 0}"
    if c.item:
        out += f".{c.item}"
    return out


def test_table_is_large_enough():
    assert len(TABLE) >= 300


def test_at_least_99_percent_parsed_exactly():
    misses = [(text, want, [label(c) for c in parse(text)]) for text, want in TABLE
              if [label(c) for c in parse(text)] != want]
    assert len(misses) <= len(TABLE) // 100, "\n".join(f"{t} → {got} (want {w})" for t, w, got in misses)


@pytest.mark.parametrize("n", [1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 105, 110, 119, 120, 154, 200, 1000])
def test_numerals_round_trip(n):
    assert cn_number(to_cn(n)) == n


def test_spans_point_into_the_original_text():
    text = "经查，当事人违反了《中华人民共和国食品安全法》第三十五条第一款（见附件）的规定。"
    (c,) = parse(text)
    assert text[c.span[0]:c.span[1]] == c.raw == "《中华人民共和国食品安全法》第三十五条第一款"


def test_odd_text_never_raises():
    for text in ["", "《", "》》《《", "第条款项", "《食品安全法》第", "《》第一条", "第十万条", "《食品安全法》第五百条第九十九款",
                 "（（（）））" * 50, "《" * 1000 + "》" * 999]:
        parse(text)


FREE_TEXT = [
    ("经查，当事人违反了食品安全法第三十五条第一款的规定，依据食品安全法第一百二十二条第一款予以处罚。",
     ["食品安全法 122.1", "食品安全法 35.1"]),
    ("依照中华人民共和国产品质量法第五十条、行政处罚法第二十八条第二款的规定", ["产品质量法 50", "行政处罚法 28.2"]),
    ("当事人违反《中华人民共和国广告法》第九条第（三）项，依据该法第五十七条第（一）项", ["广告法 57.0.1", "广告法 9.0.3"]),
    ("本案适用道路运输条例第六十三条。", ["道路运输条例 63"]),
    ("当事人在食品安全法颁布后仍然违法。", []),  # a law named, no provision: nothing to check
]


@pytest.mark.parametrize("text,want", FREE_TEXT)
def test_free_text_reads_law_names_without_brackets(text, want):
    from review_assistant.catalog.loader import load_catalogs

    got = sorted(label(c) for c in parse(text, load_catalogs().name_finder) if c.article)
    assert got == sorted(want)


def test_halfwidth_is_the_fullwidth_translation():
    import random

    from review_assistant.case.numerals import FULLWIDTH, halfwidth

    rng = random.Random(5)
    alphabet = "０１２３４５６７８９（）《》〈〉，、　0123456789()中文第条款项 \n"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        assert halfwidth(text) == text.translate(FULLWIDTH)


# --- the per-process memo of short texts (law.citations.parsed) --------------------------------------------------
def test_a_short_text_is_read_once_and_gives_what_parse_gives(reviewer):
    from review_assistant.law import citations

    finder = reviewer.catalogs.name_finder
    text = "《中华人民共和国食品安全法》第一百二十四条第一款第（三）项"
    first = citations.parsed(text, finder)
    assert first == tuple(parse(text, finder)) and first[0].article == 124
    assert citations.parsed(text, finder) is first  # the memo's answer, not a second reading
    long = "当事人" * 200 + text  # a narrative or a decision text: read every time, not kept
    assert citations.parsed(long, finder) == tuple(parse(long, finder))
    assert long not in citations._memos[finder]


def test_the_memo_is_bounded(reviewer, monkeypatch):
    from review_assistant.law import citations

    monkeypatch.setattr(citations, "_MEMO_SIZE", 3)
    finder = reviewer.catalogs.name_finder
    for n in range(10):
        citations.parsed(f"《中华人民共和国价格法》第{to_cn(n + 1)}条", finder)
        assert len(citations._memos[finder]) <= 3
