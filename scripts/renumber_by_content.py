"""Match the articles of two versions of one law by their content: old article → new article (None: none holds it).

    python scripts/renumber_by_content.py OLD.md NEW.md     # every old article: its new number, score and verdict

scripts/generate_law_corpus.py records the result as the ``renumbering`` of each generated law with two or more
versions (consecutive pairs); tests/test_renumbering.py holds it to the hand maps of 行政处罚法 2017 → 2021 and
安全生产法 2014 → 2021, which it reproduces article for article.

Texts are compared after normalization: whitespace and punctuation dropped, the numbers of cross-references
(本法第四十六条 → 第#条) and of dates (本法自2021年7月15日起施行) blanked. The score of an old article against a new
one is the share of the old article's character bigrams (counted with multiplicity, weighted by rarity in the two
versions so that a penalty chapter's boilerplate weighs little) that the new article holds: an old article merged
into a longer new one still scores high.

1. The backbone keeps the law's order: the in-order alignment of largest total score (dynamic programming; several old
   articles may go into one new one, at a small cost, and ties go to the new article that holds less besides).
2. An article whose content sits clearly better elsewhere is *moved* there when that match is a near copy (MOVED):
   行政处罚法 2017 → 2021 has 第四十五条 → 第七十三条 and 第五十二条 → 第六十六条.
3. An article most of which went keeps the number of its first paragraph that survived as a near copy
   (本法自……起施行 without its transitional paragraph).
4. A merge is real only if each further source brings words of its own to the new article: 行政处罚法 2017
   第三十五条 (当场处罚不服的复议、诉讼) shares only stock phrases with 第五十二条 and is deleted, as the hand map has it.
5. An article split over several new ones maps to the first of them (the hand maps' convention: 2017 第三十七条 →
   第五十五条 and 第五十六条 is recorded as 第五十五条).

An old article matched below CONFIDENT, or left without a match although some new article holds DELETED of it or
more, is *poor*; one that no new article holds DELETED of is deleted (None). ``Match.confidence`` is the share of
old articles matched with confidence; a pair below RELIABLE (a wholesale rewrite) gets no map at all, and a recorded
map leaves its poor articles out (``Match.vouched``): a misleading map is worse than none.
"""
from __future__ import annotations

import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from review_assistant.law.lawtext import Article, read_articles  # noqa: E402

CONFIDENT = 0.6  # an article whose best match holds at least this share of its bigrams is matched with confidence
DELETED = 0.3  # below this share nowhere: the article is deleted
MOVED = 0.8  # an article placed out of order (or by one paragraph) must be matched this well: a near copy
MOVE_MARGIN = 0.15  # an out-of-order match replaces the in-order one only when it is this much better
MIN_PARAGRAPH = 8  # a paragraph of fewer bigrams is not matched on its own
TIE = 0.1  # weight of the reverse share in choosing among new articles that hold an old one equally well
MERGE_COST = 0.1  # what going into a new article another old one went into costs in the in-order alignment
MERGE_OWN = 0.4  # a further source of a merged article must bring this share of its own content
SPLIT_PART = 0.15  # the article before the match is a part of a split one when it holds this share of the old text
SPLIT_GAIN = 0.1  # … and adds this much to what the match holds
SPLIT_REACH = 3  # how many new articles before the match are looked at for the first part of a split
MIN_WEIGHT = 0.1  # weight of a bigram found in every article (rarer ones weigh log(N/df) more)
RELIABLE = 0.8  # a pair gets a map when at least this share of its old articles is matched with confidence

_REFERENCE = re.compile(r"第[零〇一二两三四五六七八九十百千]+(条|款|项)")
_DATE = re.compile(r"[0-9０-９〇零一二三四五六七八九十]+(?=年|月|日)")
COMMENCEMENT = re.compile(r"^本(?:法|条例|规定|办法|细则|解释|决定|规则|准则)(?:自.{1,20}起|自公布之日起)施行")
_NOISE = re.compile(r"[\s\u3000，。；：、,.;:！？!?“”‘’\"'（）()《》〈〉【】\[\]—…·-]")


def normalize(text: str) -> str:
    """The article's words only: no whitespace or punctuation, cross-references without their numbers."""
    return _NOISE.sub("", _DATE.sub("#", _REFERENCE.sub(r"第#\1", text)))


def bigrams(text: str) -> Counter:
    t = normalize(text)
    return Counter(t[i:i + 2] for i in range(len(t) - 1)) if len(t) > 1 else Counter([t])


def held(old: Counter, new: Counter, weights: Optional[dict[str, float]] = None) -> float:
    """Share of ``old``'s bigrams (counted with multiplicity, each weighted by its rarity in the law when ``weights``
    are given) that ``new`` holds."""
    w = weights or {}
    total = sum(w.get(g, 1.0) * c for g, c in old.items())
    return sum(w.get(g, 1.0) * c for g, c in (old & new).items()) / total if total else 0.0


def rarity(articles: list[Counter]) -> dict[str, float]:
    """Inverse document frequency of each bigram over the articles of both versions: the boilerplate of a penalty
    chapter (违反本条例的规定……责令改正，处……罚款) weighs little, what tells one article from the next weighs much."""
    df = Counter(g for grams in articles for g in grams)
    n = len(articles)
    return {g: math.log((n + 1) / (d + 1)) + MIN_WEIGHT for g, d in df.items()}


@dataclass(frozen=True)
class Match:
    """The content map of one pair of versions and how sure it is."""
    articles: dict[int, Optional[int]]  # every old article: its likeliest new number, None when none holds it
    scores: dict[int, float]  # old article → share of its content the chosen (or, when None, the best) article holds
    moved: frozenset[int]  # old articles placed out of the law's order (near copies found elsewhere)
    poor: frozenset[int]  # matched below CONFIDENT, or left out although a new article holds DELETED of it or more

    @property
    def confidence(self) -> float:
        """Share of the old articles matched with confidence (deletions do not count: a pair where much is
        deleted is a rewrite as much as one where much matches poorly)."""
        good = sum(1 for old, new in self.articles.items() if new is not None and old not in self.poor)
        return good / len(self.articles) if self.articles else 0.0

    @property
    def reliable(self) -> bool:
        return self.confidence >= RELIABLE

    @property
    def vouched(self) -> dict[int, Optional[int]]:
        """The map to record: confident matches and sure deletions (None); a poor article is left out — the map
        then says nothing of it (temporal.renumbered treats it as having no counterpart)."""
        return {old: new for old, new in self.articles.items() if old not in self.poor}

    @property
    def deleted(self) -> list[int]:
        return [old for old, new in self.articles.items() if new is None]


def _monotone(weight: list[list[float]], sim: list[list[float]], floor: float) -> dict[int, int]:
    """The in-order alignment of largest total weight: old i → new j with j never decreasing, only pairs whose
    similarity is at least ``floor`` (indices from 0). Several old articles may go into one new one, at a cost:
    between two equally good new articles, the one no other old article went into wins."""
    n, m = len(weight), len(weight[0]) if weight else 0
    NONE = float("-inf")
    # best[i][j]: best total for old[:i] matched into new[:j]; last[i][j]: the same with old i-1 → new j-1
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    last = [[NONE] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]  # best from: 0 old i-1 left out, 1 new j-1 left out, 2 last
    merged = [[False] * (m + 1) for _ in range(n + 1)]  # last[i][j] continues last[i-1][j] (a merge)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            if sim[i - 1][j - 1] >= floor:
                fresh, merge = best[i - 1][j - 1], last[i - 1][j] - MERGE_COST
                last[i][j] = weight[i - 1][j - 1] + max(fresh, merge)
                merged[i][j] = merge > fresh
            value, how = best[i - 1][j], 0
            if best[i][j - 1] > value:
                value, how = best[i][j - 1], 1
            if last[i][j] > value:
                value, how = last[i][j], 2
            best[i][j], back[i][j] = value, how
    out: dict[int, int] = {}
    i, j, in_last = n, m, False
    while i > 0 and j > 0:
        if in_last or back[i][j] == 2:
            out[i - 1] = j - 1
            in_last = merged[i][j]
            i, j = (i - 1, j) if in_last else (i - 1, j - 1)
        elif back[i][j] == 1:
            j -= 1
        else:
            i -= 1
    return out


def _similarity(a: list[Counter], b: list[Counter], w: dict[str, float]) -> list[list[float]]:
    """``held(a[i], b[j])`` for every pair, through an index of the new articles' bigrams (a few seconds for the
    550 articles of a judicial interpretation, where comparing every pair of Counters took ten times as long)."""
    postings: dict[str, list[tuple[int, int]]] = {}
    for j, grams in enumerate(b):
        for gram, count in grams.items():
            postings.setdefault(gram, []).append((j, count))
    out = []
    for grams in a:
        row = [0.0] * len(b)
        for gram, count in grams.items():
            weight = w[gram]
            for j, other in postings.get(gram, ()):
                row[j] += weight * (count if count < other else other)
        total = sum(w[g] * c for g, c in grams.items())
        out.append([x / total if total else 0.0 for x in row])
    return out


def _paragraphs(article: Article) -> list[Counter]:
    """Bigrams of each paragraph (its items with it) long enough to be told apart."""
    out = []
    for text, items in article.paragraphs:
        grams = bigrams("".join((text, *items)))
        if sum(grams.values()) >= MIN_PARAGRAPH:
            out.append(grams)
    return out


def match(old: dict[int, Article], new: dict[int, Article]) -> Match:
    """Map every article of ``old`` to the article of ``new`` holding its content (None: deleted)."""
    old_nos, new_nos = sorted(old), sorted(new)
    a = [bigrams(old[n].text) for n in old_nos]
    b = [bigrams(new[n].text) for n in new_nos]
    w = rarity(a + b)
    sim = _similarity(a, b, w)
    reverse = _similarity(b, a, w)  # share of the new article's bigrams the old one holds: tells a match from a mention
    weight = [[sim[i][j] + TIE * reverse[j][i] for j in range(len(b))] for i in range(len(a))]
    backbone = _monotone(weight, sim, DELETED)
    chosen: dict[int, Optional[int]] = {}
    score: dict[int, float] = {}
    moved = set()
    for i in range(len(old_nos)):
        row = sim[i]
        top = max(range(len(row)), key=lambda j: (weight[i][j], -abs(j - i)))
        j = backbone.get(i)
        if row[top] >= MOVED and (j is None or row[top] - row[j] >= MOVE_MARGIN):
            chosen[i] = top  # out of order: only a near copy is taken for a moved article
            moved.add(i)
        else:
            chosen[i] = j
        score[i] = row[chosen[i]] if chosen[i] is not None else row[top]
        if score[i] < CONFIDENT and COMMENCEMENT.match(normalize(old[old_nos[i]].text)):
            # 本法自……起施行 (and what was repealed with it): the new version's own commencement article
            starts = [k for k in range(len(b)) if COMMENCEMENT.match(normalize(new[new_nos[k]].text))]
            if starts:
                chosen[i], score[i] = starts[-1], 1.0
                if backbone.get(i) != starts[-1]:
                    moved.add(i)
                continue
        if score[i] < CONFIDENT and len(old[old_nos[i]].paragraphs) > 1:
            # most of the article went, one paragraph stayed (本法自……起施行 without its transitional paragraph):
            # the article lives on where its first surviving paragraph went
            for grams in _paragraphs(old[old_nos[i]]):
                k = max(range(len(b)), key=lambda j: (held(grams, b[j], w), -abs(j - i)))
                if held(grams, b[k], w) >= MOVED:  # a paragraph that survives is a near copy
                    chosen[i], score[i] = k, held(grams, b[k], w)
                    if backbone.get(i) != k:
                        moved.add(i)
                    break
    # a merge (several old articles into one new one) is real only if each further source brings content of its own:
    # words of the new article that no stronger source has (boilerplate repeated in a new paragraph stays accounted for)
    sources: dict[int, list[int]] = {}
    for i, j in chosen.items():
        if j is not None:
            sources.setdefault(j, []).append(i)
    for j, olds in sources.items():
        olds.sort(key=lambda i: -sim[i][j])
        rest = Counter({g: c for g, c in b[j].items() if g not in a[olds[0]]})
        for i in olds[1:]:
            own = held(a[i], rest, w)
            if own < MERGE_OWN:
                chosen[i] = None  # its score stays what the new article holds of it: poor, not a sure deletion
                moved.discard(i)
            else:
                rest = Counter({g: c for g, c in rest.items() if g not in a[i]})
    # an article split into several new ones maps to the first of them (the hand maps' convention: 行政处罚法 2017
    # 第三十七条 → 第五十五条 and 第五十六条 is recorded as 第五十五条): a new article shortly before the match, after
    # the previous old article's, that no other old article went into, is a part when it holds a good share of the
    # old text that the match does not
    claimed = {j for j in chosen.values() if j is not None}
    floor = -1
    for i in range(len(old_nos)):
        j = chosen[i]
        if j is None or i in moved:
            continue
        parts = [k for k in range(max(floor + 1, j - SPLIT_REACH), j) if k not in claimed and sim[i][k] >= SPLIT_PART
                 and held(a[i], b[k] + b[j], w) - held(a[i], b[j], w) >= SPLIT_GAIN]
        floor = j
        if parts:
            chosen[i] = parts[0]
    articles = {old_nos[i]: new_nos[j] if j is not None else None for i, j in chosen.items()}
    scores = {old_nos[i]: round(score[i], 3) for i in chosen}
    # poor: matched, but not well; or left out although some new article holds a fair share of it
    poor = {old_nos[i] for i, j in chosen.items() if (score[i] < CONFIDENT if j is not None else score[i] >= DELETED)}
    moved_nos = {old_nos[i] for i in moved if chosen[i] is not None and new_nos[chosen[i]] != old_nos[i]}
    return Match(articles, scores, frozenset(moved_nos), frozenset(poor))


def match_files(old: Path, new: Path) -> Match:
    return match(read_articles(old), read_articles(new))


def main(argv=None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2:
        print(__doc__)
        return 2
    m = match_files(Path(args[0]), Path(args[1]))
    for old, new in m.articles.items():
        flag = " moved" if old in m.moved else ""
        flag += " POOR" if old in m.poor else ""
        print(f"{old:4d} → {new if new is not None else '—':>4}  {m.scores[old]:.2f}{flag}")
    verdict = "reliable: recorded without its poor articles" if m.reliable else "NOT reliable: no map is recorded"
    print(f"confidence {m.confidence:.3f} ({verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
