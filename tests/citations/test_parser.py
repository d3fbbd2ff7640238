"""The citation reader against a labeled table of citation strings (labeled.yaml, variants.yaml)."""
from pathlib import Path

import pytest
import yaml

from review_assistant.citations import Citation, cn_number, normalize_law_name, parse, to_cn

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
