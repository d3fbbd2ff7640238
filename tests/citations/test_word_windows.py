"""Law names written without 《》 and crime-signal words are found by cutting, with jieba, only the runs of text around a
dictionary match (jieba cuts each run of 汉字/letters/digits on its own, so the tokens are the same as cutting the whole
text). Checked against cutting the whole text on every narrative of the examples and the calibration set, on texts
built from the dictionary itself, and at run boundaries."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from review_assistant.catalog.loader import load_catalogs

ROOT = Path(__file__).resolve().parent.parent.parent
CAT = load_catalogs()
FINDERS = {"law names": CAT.name_finder, "signals": CAT.signal_finder}


def _texts() -> list[str]:
    out = []
    for path in sorted([*ROOT.glob("examples/**/*.json"), *ROOT.glob("tests/calibration/cases/*.json")]):
        try:
            p = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(p, dict):
            out += [p[k] for k in ("decision_text", "facts_text") if isinstance(p.get(k), str)]
    return out


def _made_up(finder, n: int = 300) -> list[str]:
    rng = random.Random(20261201)
    words = sorted(finder._names)
    glue = ["依照", "违反了", "，", "。", "的规定", "第十条", " ", "和", "（试行）", "、", "abc", "12"]
    return ["".join(rng.choice(words if rng.random() < 0.4 else glue) for _ in range(rng.randrange(1, 30)))
            for _ in range(n)]


@pytest.mark.parametrize("kind", FINDERS)
def test_windowed_cutting_finds_what_cutting_the_whole_text_finds(kind):
    finder = FINDERS[kind]
    texts = _texts() + _made_up(finder)
    assert len(texts) > 300
    hits = 0
    for text in texts:
        got = sorted(finder(text))
        assert got == sorted(finder.whole_text(text)), text[:200]
        hits += bool(got)
    assert hits > 50  # the comparison met many texts that do name words


def test_a_word_at_the_edges_of_a_run():
    finder = CAT.name_finder
    name = next(n for n in sorted(finder._names) if n.endswith("条例") and 4 <= len(n) <= 8)
    for text in (name, f"，{name}。", f"依照{name}第十条", f"{name}{name}", f"甲。{name}，乙{name}"):
        assert sorted(finder(text)) == sorted(finder.whole_text(text)), text


@pytest.mark.parametrize("kind", FINDERS)
def test_each_window_is_whole_runs_of_the_text(kind):
    """A window starts and ends where jieba's own blocks do (never inside a run of 汉字/letters/digits): that is what
    makes its cut the same as the whole text's, whatever the dictionary's frequencies."""
    finder = FINDERS[kind]
    run = finder._RUN_CHAR
    for text in _texts() + _made_up(finder):
        windows = finder._runs_with_a_word(text)
        assert windows == sorted(windows) and all(a[1] <= b[0] for a, b in zip(windows, windows[1:]))
        for lo, hi in windows:
            assert lo == 0 or not run.match(text, lo - 1), (text[max(0, lo - 5):lo + 5], lo)
            assert hi == len(text) or not run.match(text, hi), (text[hi - 5:hi + 5], hi)
        covered = [(lo, hi) for lo, hi in windows]
        for m in finder._any_name.finditer(text):
            assert any(lo <= m.start() and m.end() <= hi for lo, hi in covered)


@pytest.mark.parametrize("kind", FINDERS)
def test_the_reversed_presence_test_says_what_the_forward_search_says(kind):
    """Whether a text is worth cutting is read over the text reversed (law names end with a few characters but begin
    with hundreds): it must say exactly what a forward search of the same words says."""
    finder = FINDERS[kind].warm()
    assert finder._reversed is not None
    cold = type(finder).__new__(type(finder))  # the same words, nothing compiled: a one-file check's first text
    cold.__dict__.update(finder.__dict__, _forward=None, _reversed=None, _tokenizer=None)
    rng = random.Random(7)
    texts = _texts() + _made_up(finder) + [t[i:] for t in _made_up(finder, 100) for i in range(0, len(t), 3)]
    texts += ["《" + t + "》" + t[:rng.randrange(1, 6)] for t in _made_up(finder, 100)]
    for text in texts:
        forward = finder._any_name.search(finder._BRACKETED.sub("", text) if finder._skip_bracketed else text)
        assert finder._worth_cutting(text) == (forward is not None) == cold._worth_cutting(text), text
    assert cold._reversed is None  # cold, the check never compiled the reversed pattern
