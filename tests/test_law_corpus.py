"""The law catalog over the whole corpus (issue 15, part 1).

- catalogs/laws/generated/ is generated from shared/domain/laws by scripts/generate_law_corpus.py (names, levels,
  versions and their dates, article counts, 款/项 layouts, renumbering maps matched by content — tests/test_renumbering.py)
  and stays in step with it.
- Every law cited in the calibration set resolves, with a version in force on the act date.
- Cross-references written inside the corpus resolve to an existing article wherever the corpus holds the version in
  force on the citing text's date (measured: all of them; the rest cite versions the corpus does not hold).
- The penalty parse of scripts/build_law_catalog.py, measured against the hand-checked provisions of
  catalogs/laws/*.yaml (1,083 compared): 97.5 % exact (1,056; 97.2 % before per-unit standards, ‰ and floors on the
  fine itself, 89.2 % before the parser read items, references to other laws, caps, several floors and the like,
  72.8 % before the rewrite before that); 14 of the 27 misses cite a version of another law the corpus does not hold
  (98.8 % of the 1,069 whose cited texts it holds). On a hand-checked random sample of 220 paragraphs from other laws,
  220/220 (201 at first; 215 of the rows as first encoded — five rows encoded a per-unit amount as a fixed range and
  carry a "corrected" reason); on the held-out sample of 210, 210/210 (201 at the first and only blind run; six rows
  corrected to the catalog's conventions, each with its reason); on the third held-out sample of 210, 210/210
  (200 at the first and only blind run; one row's paragraph corrected, its reason recorded). Blind, then, the parse is
  95–96 % exact — below the issue's 99 %: generated laws carry their parsed provisions only as ``draft_provisions``,
  which a hint shows the reviewer (LAW-H01: 按条文自动读出的罚款幅度，拟罚款在/高于此幅度) and no finding reads.
"""
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from review_assistant.catalog.loader import load_catalogs
from review_assistant.law.citations import parse, resolve
from review_assistant.law.lawtext import read_articles

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT.parent / "shared" / "domain" / "laws"
CAL = ROOT / "tests" / "calibration"
needs_texts = pytest.mark.skipif(not TEXTS.is_dir(), reason="shared/domain/laws not present")


@needs_texts
def test_generated_laws_are_in_step_with_the_corpus():
    script = ROOT / "scripts" / "generate_law_corpus.py"
    assert subprocess.run([sys.executable, str(script), "--texts", str(TEXTS), "--check"]).returncode == 0


def test_the_catalog_knows_the_corpus():
    cat = load_catalogs()
    assert len(cat.laws) > 1300
    for name in ("公路安全保护条例", "城镇排水与污水处理条例", "建设项目环境保护管理条例", "互联网上网服务营业场所管理条例",
                 "生猪屠宰管理条例", "海关法", "农药管理条例", "兽药管理条例", "行政诉讼法", "档案法"):
        assert cat.law_by_name(name) is not None, name


def test_every_law_cited_in_the_calibration_set_has_its_version_in_force_on_the_act_date():
    cat = load_catalogs()
    missing = []
    for path in sorted((CAL / "cases").glob("*.json")):
        pkg = json.loads(path.read_text(encoding="utf-8"))
        v = pkg.get("violation") or {}
        day = date.fromisoformat(v.get("ended_on") or v.get("occurred_on") or pkg.get("submitted_on"))
        for field in ("violated", "penalty"):
            for text in (pkg.get("citations") or {}).get(field) or ():
                for c in parse(text, cat.name_finder):
                    r = resolve(c, cat, day)
                    if c.article and (r.law is None or r.version is None):
                        missing.append(f"{path.stem}: {c.raw} ({day})")
    assert missing == []


@needs_texts
def test_cross_references_inside_the_corpus_resolve_where_the_version_is_held():
    cat = load_catalogs()
    held = resolved = no_version = 0
    for law in cat.laws.values():
        for v in law.versions:
            if not v.text_file or not (TEXTS / v.text_file).is_file():
                continue
            for c in parse((TEXTS / v.text_file).read_text(encoding="utf-8"), None):
                if not c.bracketed or c.article is None:
                    continue
                r = resolve(c, cat, v.effective_from)
                if r.law is None or r.law.id == law.id:
                    continue
                if r.version is None:
                    no_version += 1
                    continue
                held += 1
                resolved += bool(r.provision_exists)
    assert held > 150 and resolved / held >= 0.95, (resolved, held, no_version)


@needs_texts
def test_penalty_parse_against_the_hand_checked_provisions():
    """The measured figure behind leaving generated provisions out: keep it honest (and raise the bar as it grows).

    Measured: 1,056/1,083 (97.5 %) when written; 1,120/1,147 on 2026-12-03 (after 依照本条第一款、第三款 is read). The 27 misses:
    - 14 cite another law in a version the corpus does not hold (the parser never reads a later text in its place):
      药品管理法实施条例 (2019-03-02) arts 58, 59, 60, 61, 62, 63, 64, 66, 69 cite the 药品管理法 before 2019-08-26
      (only the 2019-08-26 text is held); 食品安全法实施条例 (2019-10-11) arts 68, 69, 70, 71, 73 cite the 食品安全法
      before 2021-04-29 (only the 2021 text is held);
    - 3 point to another law without an article: 明码标价和禁止价格欺诈规定 arts 22, 23 (依照《价格法》《价格违法行为
      行政处罚规定》有关规定), 市场主体登记管理条例 art 48 para 2 (依照《电子商务法》处罚);
    - 2 point to a rule by its description, not its number: 药品管理法 art 119 (按照销售假药、零售劣药的规定处罚),
      产品质量法 art 62 (依照本法对销售者的处罚规定处罚);
    - 4 point to whole articles of which the catalog takes the paragraphs that fit the act (a reading of the conduct,
      not of the words): 化妆品监督管理条例 art 65 para 3, 特种设备安全监督检查办法 art 34, 动物防疫法 art 97 para 1,
      野生动物保护法 art 50 para 1;
    - 4 amount keys the catalog chose by the facts a case records, not by the words: 烟草专卖法实施条例 art 54 (2021,
      2023: 违法批发的烟草制品价值 is 涉案金额 — sold and seized goods together, as calibration case d10 records them) and
      道路交通安全法 art 103 paras 3, 4 (非法产品价值 as other) where the parser reads 产品价值 / 制品价值 as goods_value."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_law_catalog as blc

    def norm(branches):
        out = []
        for b in branches or ():
            b = {k: v for k, v in b.items() if k not in ("of_label", "also", "condition", "circumstance")}
            out.append(tuple(sorted((k, str([float(x) for x in v] if isinstance(v, list) else float(v) if k in (
                "below", "at_least") else v)) for k, v in b.items())))
        return sorted(out)

    total = exact = 0
    for path in sorted((ROOT / "catalogs" / "laws").glob("*.yaml")):
        law = yaml.safe_load(path.read_text(encoding="utf-8"))["law"]
        for version in law.get("versions") or ():
            if not version.get("text_file") or not (TEXTS / version["text_file"]).is_file():
                continue
            articles = read_articles(TEXTS / version["text_file"])
            for p in version.get("provisions") or ():
                article = articles.get(p["article"])
                if not article:
                    continue
                paras = article.paragraphs
                text = paras[p["paragraph"] - 1][0] if p.get("paragraph") and p["paragraph"] <= len(paras) else paras[0][0]
                total += 1
                got = blc.fines_with_refs(text, articles, p["article"], p.get("paragraph") or 1, p.get("item"),
                                          on=version.get("adopted"))
                exact += norm(got) == norm(p.get("fines"))
    assert total > 1000
    assert exact / total >= 0.975, f"{exact}/{total}"


@needs_texts
def test_urban_rural_planning_2015_penalties_are_the_2019_ones_word_for_word():
    """城乡规划法 2015 → 2019: same numbering; the penalty articles differ only in punctuation (checked here), so the
    2015 version carries the 2019 penalty entries."""
    import re as _re

    law = load_catalogs().laws["urban_rural_planning_law"]
    old, new = law.versions[0], law.versions[1]
    assert (old.id, new.id) == ("2015", "2019") and old.effective_to == new.effective_from
    a = read_articles(TEXTS / old.text_file)
    b = read_articles(TEXTS / new.text_file)
    plain = lambda t: _re.sub(r"[\s:：，,。；;、]", "", t)  # noqa: E731
    for p in old.provisions:
        assert plain(a[p.article].text) == plain(b[p.article].text), p.article


def test_an_old_planning_case_cites_the_2015_version():
    cat = load_catalogs()
    c = parse("《中华人民共和国城乡规划法》第六十四条", cat.name_finder)[0]
    assert resolve(c, cat, date(2017, 5, 1)).version.id == "2015"
    assert resolve(c, cat, date(2014, 5, 1)).version is None  # 2008 text not in the corpus: a hint, never a guess


@needs_texts
def test_penalty_parse_on_the_hand_checked_random_sample():
    """220 penalty paragraphs drawn at random (seed 20261201) from laws outside the hand-checked catalog, each read and
    encoded by hand by a helper who never saw the parser (tests/data/penalty_sample_220.jsonl: references and expected
    entries, not the texts; a row corrected after reading the law text says why in "corrected"). Measured: 220/220
    exact (91.4 % at first). The sample has now been worked against, so it no longer measures the parser on unseen
    text: whether generated laws carry penalty provisions is decided on a held-out sample."""
    exact, total, missed = _held_out(ROOT / "tests" / "data" / "penalty_sample_220.jsonl")
    assert total == 220 and exact == total, f"{exact}/{total}, missed n {missed}"


def test_the_fine_parser_is_linear_in_its_input():
    """Runs of numerals, commas, 处 and references must not make a regex backtrack quadratically."""
    import time

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_law_catalog as blc

    worst = ("处" + "一" * 40000 + "倍以下的罚款", "处违法所得" + "一二" * 20000 + "的罚款", "的，" * 40000 + "处一万元以下罚款",
             "依照" + "法" * 40000 + "第一条的规定处罚", "以" + "每" * 40000 + "的标准处以罚款",
             "货值金额不足" + "五" * 40000 + "元的，按一万元计算", "处" * 40000 + "罚款数额的10%",
             "按" * 40000 + "计算罚款", "货值的" + "二" * 40000 + "倍不足一万元的，按一万元罚款",
             "并以每人" + "五" * 40000 + "元以下的标准计算，处以罚款", "处" + "5" * 40000 + "‰以下的罚款",
             "按照每" + "介" * 40000 + "处5000元罚款", "罚款数额，" + "对单位为，" * 20000, "处" + "或者" * 20000 + "的罚款",
             "货值金额" + "五" * 40000 + "元以上不足1万元的，并处5万元罚款", "处二百元以下罚款的" * 10000)
    start = time.perf_counter()
    for text in worst:
        blc.fines(text)
        blc.referenced(text, {}, 1, 1)
        blc.other_referenced(text, {}, 1, 1, None)
    assert time.perf_counter() - start < 5


@needs_texts
def test_penalty_parse_on_the_held_out_sample():
    """210 more paragraphs (seed 20261202, drawn by scripts/draw_penalty_sample.py from the 2,650 fine paragraphs of laws
    outside the hand-checked catalog and outside the first sample), encoded by a helper who saw neither the parser
    nor its results (tests/data/penalty_sample_heldout_210.jsonl). First and only blind run against the parser:
    201/210 (95.7 %). Now 210/210 — so it too has been worked against and no longer measures unseen text:
    - the parser learnt 以/并以/按照…每人…的标准(计算)处以罚款 (n 20, 29), ‰ (n 169), 5万元人民币 (n 180) and a floor on
      the fine itself, 货值的20倍不足1万元的按1万元罚款, with bare 货值 as goods_value (n 101);
    - six rows were corrected to the catalog's conventions (catalogs/README.md), each with its reason in "corrected"
      and the first encoding in "first_encoded": per-head / per-day amounts as a multiple of the count, not a range
      of the amount per unit (n 20, 29, 108, 210); a per-head amount with a total cap as a band on the count (n 61,
      as the first sample's n 90); the amounts a next paragraph sets item by item on the paragraph that imposes the
      fine (n 176, marked UNSURE by its encoder)."""
    exact, total, missed = _held_out(ROOT / "tests" / "data" / "penalty_sample_heldout_210.jsonl")
    assert total == 210 and exact == total, f"{exact}/{total}, missed n {missed}"


@needs_texts
def test_penalty_parse_on_the_third_held_out_sample():
    """210 more paragraphs (seed 20261203, drawn by scripts/draw_penalty_sample.py from the fine paragraphs of laws
    outside the hand-checked catalog, excluding both earlier samples), encoded by a helper who saw neither the parser
    nor its results (tests/data/penalty_sample_heldout3_210.jsonl). A row whose article or paragraph cannot be read
    counts as a miss. First and only blind run against the parser: 200/210 (95.2 %). The 10 misses:
    - n 16, 124 (水生野生动物保护实施条例 arts 29, 27: 依照《野生动物保护法》第N条的规定处以罚款的，罚款幅度为…) and
      n 201 (档案法实施办法 art 27: 《档案法》第二十四条…规定的罚款数额，…对单位为…，对个人为…): a text's own measure
      for another law's fine; the first sample's n 108 of the same form was read only because it says 按照…的标准执行;
    - n 31 (行政诉讼法 art 96 item 2): 按日处五十元至一百元的罚款, a per-day amount, read as a range;
    - n 73 (国务院关于加强食品等产品安全监督管理的特别规定 art 4 para 2): the middle band 货值金额5000元以上不足1万元的
      lost its at_least;
    - n 110 (社会团体登记管理条例 art 30 para 2): alternative bases 违法经营额1倍以上3倍以下或者违法所得3倍以上5倍以下,
      only the second read;
    - n 136 (禁止使用童工规定 art 7): 按照每介绍一人处5000元罚款的标准, the unit before the verb, read as a range;
    - n 139 (道路交通安全违法行为处理程序规定 art 52): 处以警告或者二百元以下罚款的，可以适用简易程序 — a procedure's
      threshold — read as a fine;
    - n 141 (铁路货物运输合同实施细则 art 18): nothing read — the row located the fine in paragraph 1 (the heading
      承运人的责任), the draw script folding the lines 一、…六、 into the article's first line;
    - n 161 (最高人民法院关于适用《刑事诉讼法》的解释 2021, art 307 para 1): article not found — read_articles stopped at
      article 123, the text writing 第一百二十四 条 with a space before 条 (刑事诉讼法 2018 likewise stopped at 127 of
      308 articles).
    Now 210/210, by general reading rules, each with a table test in tests/test_fine_parser.py: 罚款幅度为 (as
    罚款额为), 罚款数额…对单位为…对个人为… one branch per addressee, a per-unit amount before the verb (按照每…处,
    按日处: a multiple of the count, 按日 read as days), a middle band keeping both ends, alternative bases a branch
    each, a fine followed by 的 (a condition, a decision, a competence — not 的标准) not imposed, and read_articles
    opening 第N 条; and one row corrected with its reason in "corrected" and the first encoding in "first_encoded":
    n 141's paragraph (null → 7, the 六、 line holding the fine; its fines unchanged). So this sample too has now been
    worked against and no longer measures unseen text."""
    exact, total, missed = _held_out(ROOT / "tests" / "data" / "penalty_sample_heldout3_210.jsonl")
    assert total == 210 and exact == 210, f"{exact}/{total}, missed n {missed}"


def _held_out(path: Path) -> tuple[int, int, list[int]]:
    """A hand-checked sample against the parser: (exact rows, rows, the n of each miss); a row whose article or
    paragraph cannot be read is a miss."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_law_catalog as blc

    rows = exact = 0
    missed = []
    for r, articles, paragraph in _sample_rows(path):
        rows += 1
        if paragraph is None:
            missed.append(r["n"])
            continue
        on = date.fromisoformat(r["text_file"].rsplit("(", 1)[1][:10])
        got = blc.fines_with_refs(paragraph[0], articles, r["article"], r["paragraph"] or 1, on=on)
        ok = _fine_set(got) == _fine_set(r["fines"])
        exact += ok
        if not ok:
            missed.append(r["n"])
    return exact, rows, missed


def _sample_rows(path: Path):
    """Each hand-encoded row of a sample with its text's articles and its paragraph (text, items) as the reader gives
    it — None where the article or paragraph cannot be read."""
    texts: dict = {}
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        articles = texts.setdefault(r["text_file"], read_articles(TEXTS / r["text_file"]))
        article = articles.get(r["article"])
        number = r["paragraph"] or 1
        yield r, articles, (article.paragraphs[number - 1] if article and len(article.paragraphs) >= number else None)


def _all_samples() -> list[Path]:
    return sorted((ROOT / "tests" / "data").glob("penalty_sample_*.jsonl"))


def _fine_set(branches):
    """The compared part of fine branches: ranges and multiples to 6 places, the base amounts choosing a branch to the
    cent (a cap ÷ a share, 200000 ÷ 0.3, is written 666666.67 by hand)."""
    out = set()
    for b in branches or ():
        b = {k: v for k, v in b.items() if k in ("range", "multiple", "of", "below", "at_least")}
        if "range" in b and "below" not in b and "at_least" not in b:
            b.pop("of", None)
        out.add(tuple(sorted((k, str([round(float(x), 6) if x is not None else float("inf") for x in v]) if isinstance(v, list) else
                              str(round(float(v), 2)) if k in ("below", "at_least") else v) for k, v in b.items())))
    return out


def _travel_agency_case(amount: float) -> dict:
    p = json.loads((ROOT / "examples" / "lawful" / "cases" / "e07-travel-agency-no-written-contract-guilin-pre.json")
                   .read_text(encoding="utf-8"))
    for pen in p["proposed_decision"]["penalties"]:
        if pen["type"] == "fine":
            pen["amount"] = amount
    return p


@pytest.mark.parametrize("amount, where", [(30000, "在此幅度内"), (150000, "高于此幅度")])
def test_a_generated_laws_draft_fine_is_shown_in_a_hint_never_a_finding(amount, where):
    """旅行社条例 (generated: its provisions are drafts read by program): 第五十五条 处2万元以上10万元以下的罚款. The
    reviewer is told what the text says and where the fine stands — inside or above — as a hint; the conclusion does
    not move on a draft (a lawful file stays approved; a fine above the draft is for the reviewer to confirm)."""
    from review_assistant import review

    cat = load_catalogs()
    law = cat.laws["旅行社条例"]
    assert not any(v.provisions for v in law.versions) and any(v.draft_provisions for v in law.versions)
    report = review(_travel_agency_case(amount))
    hints = [f for f in report.findings if f.rule_id == "LAW-H01" and "自动读出" in f.message]
    assert len(hints) == 1 and hints[0].severity == "hint", [f.message for f in report.findings]
    assert "20,000元至100,000元" in hints[0].message and where in hints[0].message
    assert report.conclusion == "approve"
    assert {f.item for f in report.findings} & {"law_citation"}, "the hint is filed under the law-citation item"
    assert not [f for f in report.findings if f.item == "law_citation" and f.severity != "hint"]


@needs_texts
def test_penalty_parse_on_the_fourth_held_out_sample():
    """210 more paragraphs (seed 20261204, drawn by scripts/draw_penalty_sample.py from the 2,231 fine paragraphs left
    outside the hand-checked catalog and the three earlier samples), encoded by a helper who saw neither the parser nor
    its output (tests/data/penalty_sample_heldout4_210.jsonl). First and only blind run: 205/210 (97.6 %; the second
    and third samples' blind runs were 95.7 % and 95.2 %). Misses of that run:
    - n 75 土地复垦条例第三十九条: 按照…土地面积处每公顷1万元的罚款 — a per-unit amount after 处, read as a fixed 10,000;
    - n 114 全民健身条例第三十六条: 违法所得不足3万元或者没有违法所得的 kept as a condition, not a band below 30,000;
    - n 180 防治陆源污染物污染损害海洋环境管理条例第三十一条第三款: a competence limit (省级部门可处以二十万元以下的罚款) read
      as a fine the paragraph imposes;
    - n 192 殡葬管理条例第二十二条第二款: 制造、销售金额 read as sales_amount, encoded as other (a convention to settle);
    - n 203 出境入境管理法第七十三条第二款: the persons' fine 依照前款规定予以处罚 not taken from the first paragraph.
    After fixes by general reading rules (tests/test_fine_parser.py): 209/210 — 公顷 a per-unit measure and the count named
    before the verb (按照…面积处每公顷…) its label (n 75); 不足X元或者没有违法所得的 a band below X (n 114); a paragraph naming
    only an authority and the fine it may impose a competence (n 180; the rule matches that one paragraph of the corpus);
    a unit's people punished 依照前款规定 get that paragraph's fines where it has none for a unit or its people (n 203;
    the first sample's n 39 and n 71, which had left such fines out, recoded to this convention, as its n 115). Left:
    n 192 (制造、销售金额 as sales_amount or other, a convention not settled). The sample has now been worked against."""
    exact, total, missed = _held_out(ROOT / "tests" / "data" / "penalty_sample_heldout4_210.jsonl")
    assert total == 210 and exact == 210, f"{exact}/{total}, missed n {missed}"  # n 192 settled later: joint bases are other


@needs_texts
def test_penalty_parse_on_the_fifth_held_out_sample():
    """210 more paragraphs (seed 20261205, from the 2,021 fine paragraphs left outside the hand-checked catalog and the
    four earlier samples), encoded by a fifth helper who saw neither the parser nor its output
    (tests/data/penalty_sample_heldout5_210.jsonl; a range with no upper bound, 五十万元以上, is written [500000, null]).
    First and only blind run: 199/210 (94.8 %) — the blind series is 95.7 %, 95.2 %, 97.6 %, 94.8 %: each sample's
    misses were fixed and the next sample found new forms. Misses:
    - n 4, 122: a regulation setting the amount of another law's fine in words the parser does not take
      (…的罚款数额为…, 处…罚款 as the measure of 政府采购法第七十二条);
    - n 97: 依照招标投标法第五十三条的规定处罚 with the base set here — the encoder did not expand the other law's fine,
      the parser did (a convention to settle);
    - n 128: 按照原罚款数额按日连续处罚 (the daily amount is the fine imposed: not expressible) and a first item condition
      lost;
    - n 150: per-item amounts with 走私货物、物品 等值以下 read as other, encoded goods_value, and item conditions;
    - n 156: 海洋倾废管理条例第二十条, lines 一、二、… each a paragraph with items, read as one;
    - n 172: a list of alternatives (根据情节轻重……罚款) with the amount in its own clause, not read;
    - n 176: 当场处罚 thresholds of 海警法 read as fines;
    - n 185: 每件100元 per-unit amount not read;
    - n 195: 五十万元以上 (no upper bound) not read;
    - n 203: a fine on persons given the unit's illegal-income band.
    Fixed afterwards by general rules: n 4, 122 (罚款，数额为…), n 150 (每件, 走私货物、物品等值), n 172 (the amount right after
    the word), n 176 (what may be decided on the spot), n 185, n 195 (an open upper bound), n 203 (a unit's people outside
    its band); n 97 recoded to the settled convention (another law's fine expanded). Now 208/210 (left: n 128, n 156).
    The sample has been worked against."""
    exact, total, missed = _held_out(ROOT / "tests" / "data" / "penalty_sample_heldout5_210.jsonl")
    assert total == 210 and exact >= 208, f"{exact}/{total}, missed n {missed}"


@needs_texts
def test_penalty_parse_on_the_sixth_held_out_sample():
    """210 more paragraphs (seed 20261206, from the 1,811 fine paragraphs left outside the hand-checked catalog and the
    five earlier samples), encoded by a sixth helper who saw neither the parser nor its output
    (tests/data/penalty_sample_heldout6_210.jsonl). Drawn before the fixes of commit 3abf9d8 (forms found by a residual
    check over the whole corpus, this sample's and the seventh's paragraphs left out of that check, unseen). First and
    only blind run, on 3abf9d8: 201/210 (95.7 %). Misses of that run:
    - n 5 生物安全法第八十条: the fixed range not given the band below 一百万元 of illegal income (the lead named 个人, which
      kept a person's fine out of bands — a unit's people only are kept out now);
    - n 24 海洋石油勘探开发环境保护管理条例第二十七条: the maxima (最高额为) in the next paragraph's items;
    - n 33 财政违法行为处罚处分条例第十四条: the second of two alternative fines (…的罚款或者…10%以上30%以下的罚款) not read;
    - n 46 海洋环境保护法(2023)第一百一十五条第一款: the unit's fine set by the next paragraph, beside a fine of its own for the
      responsible persons (not read);
    - n 66 公务员法第一百零七条第二款: 被处罚人员违法所得 — another person's illegal income — read as illegal_income (the
      encoder: other);
    - n 67 海事诉讼特别程序法第五十九条第一款: a court's 处以罚款 with the amounts in the next paragraph (对个人的罚款金额，为…);
    - n 98 农民专业合作社法(2017)第七十条: the article not read — 笫五十四条 (笫 for 第) stopped the reader at article 53;
    - n 99 船舶登记条例第五十一条: a share of another article's fine followed by 直至没收…;
    - n 120 国有资产评估管理办法第三十四条: 相当于本人三个月基本工资以下 (a multiple of a monthly salary).
    Fixed afterwards by general rules: n 5, 33, 67 (amounts in a next paragraph without an authority of its own), n 98 (the
    reader takes 笫 for 第 when it gives the next number). Now 205/210; the sample has been worked against."""
    exact, total, missed = _held_out(ROOT / "tests" / "data" / "penalty_sample_heldout6_210.jsonl")
    assert total == 210 and exact >= 205, f"{exact}/{total}, missed n {missed}"


@needs_texts
def test_penalty_parse_on_the_seventh_held_out_sample():
    """210 more paragraphs (seed 20261207, from the 1,601 left after the sixth draw), encoded by a seventh helper who saw
    neither the parser nor its output (tests/data/penalty_sample_heldout7_210.jsonl). First and only blind run, on
    3abf9d8: 208/210 (99.0 %). Misses of that run:
    - n 41 长江河道采砂管理条例(2023)第十九条: the band 货值金额不足10万元的 of the 情节严重 branch also put on the plain
      multiple before it;
    - n 147 防治陆源污染物污染损害海洋环境管理条例第三十条: 按照直接损失百分之三十计算罚款，但最高不得超过二十万元 — the cap
      not read (and the scorer compared the base thresholds unrounded: 666666.67 by hand; now to the cent).
    Both fixed afterwards by general rules (a band under another branch stays that branch's; a cap after 计算罚款 and a
    fixed share capped). Now 210/210; the sample has been worked against."""
    exact, total, missed = _held_out(ROOT / "tests" / "data" / "penalty_sample_heldout7_210.jsonl")
    assert total == 210 and exact == 210, f"{exact}/{total}, missed n {missed}"


@needs_texts
def test_penalty_types_against_the_hand_encoded_samples():
    """The penalty types the parser reads (scripts/build_law_catalog.py ``penalty_types``) against the hand encodings of
    the samples. Before this measure: 781/1,060 (73.7 %) on the first five samples. The words of each type were then
    chosen from the encodings of the first seven (each pattern kept where the type is in the hand encoding of nearly every
    paragraph it matches), with a gate that also opens on 处/给予/予以…罚款 outside procedure paragraphs: 1,277/1,480
    (86.3 %) on those seven — worked against. The eighth and ninth samples, encoded after that, gave 354/420 (84.3 %) on
    their first run, the tenth and eleventh 348/420 (82.9 %), the twelfth and thirteenth 353/420 (84.0 %); all thirteen:
    2,332/2,740 (85.1 %); the fourteenth 109/131 (83.2 %); the whole population of 2,871: 2,441 (85.0 %). Types are
    therefore not yet near the fines' exactness; generated provisions' types are read by no rule (only their fines, as a
    hint)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_law_catalog as blc

    exact = total = 0
    for path in _all_samples():
        for r, _, paragraph in _sample_rows(path):
            if paragraph is not None:
                total += 1
                exact += set(blc.penalty_types(*paragraph)) == set(r["penalties"])
    assert total >= 2871 and exact / total >= 0.85, f"{exact}/{total}"


@needs_texts
def test_penalty_parse_on_the_eighth_and_ninth_held_out_samples():
    """420 more paragraphs (seeds 20261208, 20261209, from the 1,391 left after the seventh draw), encoded by two more
    helpers who saw neither the parser nor its output (tests/data/penalty_sample_heldout8_210.jsonl, …9_210.jsonl; the
    eighth's encoder read the draw script's paragraph splitting, not the parser). First and only blind runs, on e77f1ee:
    208/210 and 208/210 — 416/420 (99.0 %). Misses of those runs:
    - eighth n 19 铁路货物运输合同实施细则第十八条: the draw folds the lines 一、…六、 into one paragraph (as the third
      sample's n 141 and the fifth's n 156), the reader does not: the fine of 六、 is not in the paragraph read;
    - eighth n 151 海洋环境保护法(2023)第九十三条第一款: amounts from the next paragraph, which the parser takes whole
      — with its separate sentence on 个人弃置生活垃圾 (按次一百元以上一千元以下), which the encoder left out;
    - ninth n 45 认证认可条例(2023)第六十六条: the plain range not given the band above 货值金额1万元 (a band below on another
      clause implies it);
    - ninth n 145 工业产品质量责任条例第二十四条: 相当于非法收入 read as other (非法收入 is illegal income).
    Fixed afterwards by general rules: ninth n 45 and n 145 (now 210/210). The two samples have been worked against."""
    for name, floor in (("penalty_sample_heldout8_210.jsonl", 208), ("penalty_sample_heldout9_210.jsonl", 210)):
        exact, total, missed = _held_out(ROOT / "tests" / "data" / name)
        assert total == 210 and exact >= floor, f"{name}: {exact}/{total}, missed n {missed}"


@needs_texts
def test_penalty_parse_on_the_tenth_and_eleventh_held_out_samples():
    """420 more paragraphs (seeds 20261210, 20261211, from the 971 left after the ninth draw), encoded by two more helpers
    who saw neither the parser nor its output. First and only blind runs, on 5a35e56: 208/210 and 207/210 — 415/420
    (98.8 %); with the eighth and ninth (first runs on e77f1ee): 831/840 (98.9 %). Misses of those runs:
    - tenth n 153 进口计量器具监督管理办法第十六条: 进口或销售额 read as sales_amount (the encoder: other — a joint base);
    - tenth n 169 矿产资源补偿费征收管理规定第十六条: 5,000元 — a thousands separator read as a clause break;
    - eleventh n 103 煤矿安全生产条例(2024)第六十七条第二款: 按照前款罚款数额的2倍以上5倍以下 — the parser scales the
      previous paragraph's ranges, the encoder writes a multiple of 前款罚款数额 (a convention not settled);
    - eleventh n 104 枪支管理法第四十四条第二款: 制造、销售金额 read as sales_amount (other, as the fourth sample's n 192 and the
      tenth's n 153: three encoders independently);
    - eleventh n 117 国有资产评估管理办法第三十一条: items (二) 相当于评估费用以下 and (三) 相当于本人三个月基本工资以下 not read.
    Fixed afterwards by general rules: joint bases (制造、销售金额, 进口或销售额) are other; thousands separators; 相当于X以下 is up
    to X. Now 210/210 and 208/210 (left: eleventh n 103, n 117's monthly salary). The samples have been worked against."""
    for name, floor in (("penalty_sample_heldout10_210.jsonl", 210), ("penalty_sample_heldout11_210.jsonl", 208)):
        exact, total, missed = _held_out(ROOT / "tests" / "data" / name)
        assert total == 210 and exact >= floor, f"{name}: {exact}/{total}, missed n {missed}"


@needs_texts
def test_penalty_parse_on_the_twelfth_and_thirteenth_held_out_samples():
    """420 more paragraphs (seeds 20261212, 20261213, from the 551 left after the eleventh draw), encoded by two more
    helpers who saw neither the parser nor its output. First and only blind runs, on 03e16a0: 206/210 and 204/210 —
    410/420 (97.6 %). Misses of those runs:
    - twelfth n 43 海洋石油勘探开发环境保护管理条例第二十七条第二款: maxima (罚款最高额为…) item by item, not read;
    - twelfth n 100 退役士兵安置条例第五十条: 人数乘以…平均工资10倍 (a product of two figures), not read;
    - twelfth n 141 使用有毒物品作业场所劳动保护条例第六十四条: 经营所得 read as other (the encoder: illegal income);
    - twelfth n 149 长江三峡工程建设移民条例第五十六条: 违法所得l倍 (a letter for 1) read as 0;
    - thirteenth n 49, n 172 传染病防治法实施办法第六十八、六十九条: a floor with a condition of its own (危害严重，出售金额不满
      二千元的，以二千元计算) put on the multiple itself;
    - thirteenth n 118 血液制品管理条例第四十二条, n 133 海关行政处罚实施条例第十九条: …总值 / 物品价值 read as other (the encoders:
      goods value);
    - thirteenth n 146 易制毒化学品管理条例第四十条第二款: 依照前款规定，对…予以没收，并处罚款 — the reference not read;
    - thirteenth n 174 禁止使用童工规定第九条: 依照第六、七、八条规定的标准加一倍 (another article's standard doubled).
    Fixed afterwards by general rules: all but twelfth n 43, n 100 and thirteenth n 174. Now 208/210 and 209/210. The
    samples have been worked against."""
    for name, floor in (("penalty_sample_heldout12_210.jsonl", 208), ("penalty_sample_heldout13_210.jsonl", 209)):
        exact, total, missed = _held_out(ROOT / "tests" / "data" / name)
        assert total == 210 and exact >= floor, f"{name}: {exact}/{total}, missed n {missed}"


@needs_texts
def test_penalty_parse_on_the_last_held_out_sample_and_the_whole_population():
    """The fourteenth sample is the rest of the population: the 131 fine paragraphs outside the hand-checked catalog
    that no earlier sample had drawn (seed 20261214), encoded by a fourteenth helper who saw neither the parser nor its
    output. First and only blind run, on e0c9f45: 130/131 (99.2 %). Its miss: n 117 反垄断法第六十三条 — 在…规定的罚款数额
    的二倍以上五倍以下确定具体罚款数额, a multiple of other articles' fines, not read.

    With it every fine paragraph of the corpus outside the hand-checked catalog (2,871, drawn by
    scripts/draw_penalty_sample.py over fourteen draws) has been read by hand once, independently of the parser. The
    parser and the hand reading now agree on 2,856 of them (99.5 %) — worked against, so not a blind figure; each
    disagreement is listed in the sample tests above."""
    exact, total, missed = _held_out(ROOT / "tests" / "data" / "penalty_sample_heldout14_131.jsonl")
    assert total == 131 and exact >= 130, f"{exact}/{total}, missed n {missed}"
    exact = total = 0
    for path in _all_samples():
        e, n, _ = _held_out(path)
        exact, total = exact + e, total + n
    assert total == 2871 and exact >= 2856, f"{exact}/{total}"


@needs_texts
def test_a_second_independent_reading_of_250_paragraphs_against_the_parser_and_the_first_reading():
    """The population is exhausted, so the last blind figure is a second reading: 250 of the 2,871 paragraphs, drawn
    with random.Random(20261215) from the fourteen samples sorted by (text_file, article, paragraph), each read again
    by one of two helpers who saw neither the parser, its output, nor the first reading — only the texts, the paragraph
    rule and 52 other encoded rows as conventions (tests/data/penalty_second_reading_250.jsonl). Scored once, on
    7bd028f's parser, with no change after:

    - parser = second reading: 243/250 (97.2 %);
    - first reading = second reading: 244/250 (97.6 %) — two careful human readings agree no better than the parser;
    - parser = first reading on these rows: 249/250 (the parser was worked against the first reading).

    The parser's seven: n 6, 26, 121 — a fine with no amount anywhere in the text (可以并处罚款): [0, null] to one
    reader, no branch to the first reading, the parser and the other helper (eleven such rows written []): a convention
    the brief left open; n 82 — 消耗臭氧层物质市场总价 as goods_value or other: a convention; n 80, 106 — 船舶登记条例
    第五十条's fines chosen by gross tonnage: the second reading writes below/at_least on the tonnage and expands
    第五十二条's 10 % of them, the first reading and the parser write conditions and a multiple of 第五十条's amounts:
    both are readings of the text; n 117 — 禁止使用童工规定第九条 (加一倍 of 第六、七、八条), the parser's known miss
    (both readings agree)."""
    first = {}
    for path in _all_samples():
        for line in path.open(encoding="utf-8"):
            r = json.loads(line)
            first[(r["text_file"], r["article"], r["paragraph"])] = r["fines"]
    second = ROOT / "tests" / "data" / "penalty_second_reading_250.jsonl"
    exact, total, missed = _held_out(second)
    agree = [r["n"] for r, _, _ in _sample_rows(second)
             if _fine_set(first[(r["text_file"], r["article"], r["paragraph"])]) != _fine_set(r["fines"])]
    assert total == 250 and exact >= 243, f"{exact}/{total}, missed n {missed}"
    assert sorted(agree) == [6, 26, 80, 82, 106, 121]


@needs_texts
def test_the_mandatory_fine_mark_against_the_hand_encoded_samples():
    """Whether a paragraph imposes its fine (处/并处) or only allows it (可以, 或者, a condition the file may not meet):
    scripts/mark_mandatory_fines.py's reading (used for the hand-checked catalog, with its overrides file) against the
    hand encodings' ``mandatory_fine`` of every sampled paragraph that has a fine. First measured this stop: 2,217/2,615
    (84.8 %) — the mark says 'imposed' where the hand says 'allowed' in 278 rows and the reverse in 120. That is why no
    rule reads a mark on a generated provision: LAW-017 (a fine left out) on a mark that is wrong would flag a lawful
    file."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import mark_mandatory_fines as mm

    exact = total = 0
    for path in _all_samples():
        for r, _, paragraph in _sample_rows(path):
            if paragraph is not None and r.get("mandatory_fine") is not None and "fine" in r["penalties"]:
                total += 1
                exact += mm.fine_is_imposed(paragraph[0] + "".join(paragraph[1])) == r["mandatory_fine"]
    assert total >= 2600 and exact / total >= 0.84, f"{exact}/{total}"
