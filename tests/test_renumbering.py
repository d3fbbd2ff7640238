"""Renumbering maps matched by content (issue 15): scripts/renumber_by_content.py, the maps it writes into the
generated catalog, the hand-checked maps of catalogs/laws/*.yaml, and their use (temporal.renumbered, LAW-H01).

- The matcher reproduces both hand maps made before it, article for article: 行政处罚法 2017 → 2021 (64 articles) and
  安全生产法 2014 → 2021 (114 articles), 0 differences.
- Every other hand-checked pair agrees with it too, except where the hand map records what the program could not see
  (HAND_OVER_MATCHER, each with its reason) and the wholesale rewrites it declines to map, which were mapped by hand.
- Generated laws carry the maps of every pair matched with confidence (46); the 20 pairs rewritten wholesale carry
  none (UNMAPPED). Regenerating them gives the same maps.
- A map matched by program is never the ground of a finding: only a hint (LAW-H01, 请人工核对) reads it.
"""
import json
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from review_assistant.catalog.loader import load_catalogs
from review_assistant.law.citations import parse
from review_assistant.law.fines import FineFacts
from review_assistant.law.temporal import governing, renumbered, traced

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT.parent / "shared" / "domain" / "laws"
needs_texts = pytest.mark.skipif(not TEXTS.is_dir(), reason="shared/domain/laws not present")
sys.path.insert(0, str(ROOT / "scripts"))

import renumber_by_content as rbc  # noqa: E402


def _hand_laws() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["law"] for p in (ROOT / "catalogs" / "laws").glob("*.yaml")}


def _texts(law: dict, old: str, new: str) -> tuple[Path, Path]:
    files = {v["id"]: v.get("text_file") for v in law["versions"]}
    return TEXTS / files[old], TEXTS / files[new]


def _hand_map(law: dict, old: str, new: str) -> dict:
    return next(r["articles"] for r in law["renumbering"] if (r["from_version"], r["to_version"]) == (old, new))


@needs_texts
@pytest.mark.parametrize("law_id, old, new, articles", [
    ("administrative_penalty_law", "2017", "2021", 64),
    ("work_safety_law", "2014", "2021", 114),
])
def test_the_matcher_reproduces_the_hand_maps(law_id, old, new, articles):
    """Both hand maps (made by comparing the texts article by article before the matcher existed), whole: the matcher
    gives every old article the same new number or the same deletion."""
    law = _hand_laws()[law_id]
    hand = _hand_map(law, old, new)
    m = rbc.match_files(*_texts(law, old, new))
    assert len(hand) == len(m.articles) == articles
    differing = {a: (hand.get(a), m.articles[a]) for a in m.articles if hand.get(a) != m.articles[a]}
    assert differing == {}
    assert m.reliable


# hand-checked pairs where the hand map records what the matcher did not find, with the reason (checked in the texts)
HAND_OVER_MATCHER = {
    ("wildlife_protection_law", "2018", "2022"): {
        16: (16, None),  # 野生动物疫源疫病监测: rewritten as 适用《动物防疫法》等规定 at the same place; too few words shared
    },
}
# hand-checked pairs the matcher declines to map (a wholesale rewrite): mapped by hand, article by article
REWRITTEN_BY_HAND = {("agricultural_product_quality_law", "2018", "2022"), ("mineral_resources_law", "2009", "2024")}
# hand-checked laws with two versions and no map: rewritten wholesale, and no penalty provisions to compare
NO_MAP = {"administrative_reconsideration_law": ("2017", "2023")}


@needs_texts
def test_every_hand_checked_pair_agrees_with_the_matcher_or_says_why():
    seen = set()
    for law_id, law in sorted(_hand_laws().items()):
        for r in law.get("renumbering") or ():
            key = (law_id, r["from_version"], r["to_version"])
            seen.add(key)
            m = rbc.match_files(*_texts(law, r["from_version"], r["to_version"]))
            if key in REWRITTEN_BY_HAND:
                assert not m.reliable, key
                continue
            assert m.reliable, key
            differing = {a: (r["articles"].get(a), m.articles[a]) for a in m.articles if r["articles"].get(a) != m.articles[a]}
            assert differing == HAND_OVER_MATCHER.get(key, {}), key
    assert REWRITTEN_BY_HAND | set(HAND_OVER_MATCHER) <= seen
    assert len(seen) == 12  # 农药管理条例 2017 → 2022 (2026-12-03)


def test_every_revision_of_a_hand_checked_law_has_a_map():
    """renumbered() keeps the number across a revision with no map: no hand-checked law may rely on that silently."""
    cat = load_catalogs()
    for law_id, law in _hand_laws().items():
        ids = [v["id"] for v in law["versions"]]
        mapped = {(r["from_version"], r["to_version"]) for r in law.get("renumbering") or ()}
        for pair in zip(ids, ids[1:]):
            if pair in mapped:
                continue
            assert NO_MAP.get(law_id) == pair, (law_id, pair)
            assert not any(v.provisions for v in cat.laws[law_id].versions), law_id
            assert "不记录新旧条文对照" in yaml.safe_load((ROOT / "catalogs" / "laws" / f"{law_id}.yaml").read_text(encoding="utf-8"))["note"]


def test_urban_rural_planning_2015_to_2019_is_an_explicit_identity_map():
    law = load_catalogs().laws["urban_rural_planning_law"]
    (r,) = law.renumbering
    assert (r.from_version, r.to_version, r.generated) == ("2015", "2019", False)
    assert r.articles == {n: n for n in range(1, 71)}


# (old text, new text, old article, new article): real revisions
CASES = [
    # moved out of the law's order (near copies found elsewhere)
    ("../laws-history/行政处罚法_2017修正.md", "行政法/行政处罚法(2021-01-22).md", 45, 73),
    # moved and merged: 第四十四条 and 第五十二条 both went into 第六十六条
    ("../laws-history/行政处罚法_2017修正.md", "行政法/行政处罚法(2021-01-22).md", 52, 66),
    ("../laws-history/行政处罚法_2017修正.md", "行政法/行政处罚法(2021-01-22).md", 44, 66),
    # deleted (罚缴分离实施办法); and one that shares only stock phrases with an article another went into
    ("../laws-history/行政处罚法_2017修正.md", "行政法/行政处罚法(2021-01-22).md", 63, None),
    ("../laws-history/行政处罚法_2017修正.md", "行政法/行政处罚法(2021-01-22).md", 35, None),
    # split over two new articles: the first of them
    ("../laws-history/行政处罚法_2017修正.md", "行政法/行政处罚法(2021-01-22).md", 37, 55),
    ("../laws-history/行政处罚法_2017修正.md", "行政法/行政处罚法(2021-01-22).md", 42, 63),
    # 本法自……起施行 with a transitional paragraph that went
    ("../laws-history/行政处罚法_2017修正.md", "行政法/行政处罚法(2021-01-22).md", 64, 86),
    # an article inserted before it (安全生产法 2021 第九条 is new): everything after moves up
    ("../laws-history/安全生产法_2014修正.md", "社会法/安全生产法(2021-06-10).md", 9, 10),
    # a penalty article deleted, the rest move down by one (道路运输条例 2023 删去不携带车辆营运证)
    ("行政法规/道路运输条例(2022-03-29).md", "行政法规/道路运输条例(2023-07-20).md", 68, None),
    ("行政法规/道路运输条例(2022-03-29).md", "行政法规/道路运输条例(2023-07-20).md", 72, 71),
    # a penalty article rewritten (为食用非法购买 → 食用或者为食用非法购买), in place of two equally close ones
    ("经济法/野生动物保护法(2018-10-26).md", "经济法/野生动物保护法(2022-12-30).md", 49, 53),
    # an article inserted before it (互联网上网服务营业场所管理条例 2022 第三十二条 公安机关实地检查)
    ("行政法规/互联网上网服务营业场所管理条例(2019-03-24).md", "行政法规/互联网上网服务营业场所管理条例(2022-03-29).md", 32, 33),
    ("行政法规/发票管理办法(2019-03-02).md", "行政法规/发票管理办法(2023-07-20).md", 38, 36),
]


@needs_texts
@pytest.mark.parametrize("old, new, article, expected", CASES)
def test_real_revisions(old, new, article, expected):
    assert rbc.match_files(TEXTS / old, TEXTS / new).articles[article] == expected


@needs_texts
@pytest.mark.parametrize("old, new, inserted", [
    ("../laws-history/行政处罚法_2017修正.md", "行政法/行政处罚法(2021-01-22).md", {2, 15, 23, 24, 26}),
    ("../laws-history/安全生产法_2014修正.md", "社会法/安全生产法(2021-06-10).md", {9, 12, 17, 109, 112}),
    ("诉讼与非诉讼程序法/民事诉讼法(2021-12-24).md", "诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md", {194, 195, 196, 197}),
])
def test_inserted_articles_receive_no_old_article(old, new, inserted):
    m = rbc.match_files(TEXTS / old, TEXTS / new)
    assert inserted <= set(range(1, max(m.articles.values(), key=lambda v: v or 0) + 1)) - set(m.articles.values())


@needs_texts
def test_a_wholesale_rewrite_gets_no_map():
    """矿产资源法 2009 → 2024 was rewritten: the matcher says so instead of guessing (its hand map lists only what a
    reader of both texts could pair)."""
    m = rbc.match_files(TEXTS / "经济法/矿产资源法(2009-08-27).md", TEXTS / "经济法/矿产资源法(2024-11-08).md")
    assert m.confidence < rbc.RELIABLE and not m.reliable


# --- the generated catalog ---------------------------------------------------------------------------------------

UNMAPPED = {
    "中国人民解放军实施《药品管理法》办法", "中国人民解放军文职人员条例", "体育法", "公司法", "军人抚恤优待条例", "反洗钱法",
    "反间谍法", "商用密码管理条例", "国务院组织法", "国境卫生检疫法", "国防教育法", "妇女权益保障法", "废旧金属收购业治安管理办法",
    "征兵工作条例", "最高人民法院、最高人民检察院关于办理环境污染刑事案件适用法律若干问题的解释",
    "最高人民法院关于知识产权法庭若干问题的规定", "海洋环境保护法", "烈士褒扬条例", "科学技术普及法", "职业教育法",
}


def _generated() -> dict[str, dict]:
    out = {}
    for p in (ROOT / "catalogs" / "laws" / "generated").glob("*.yaml"):
        law = yaml.safe_load(p.read_text(encoding="utf-8"))["law"]
        if len(law["versions"]) > 1:
            out[p.stem] = law
    return out


def test_generated_laws_have_a_map_for_every_pair_but_the_rewrites():
    laws = _generated()
    pairs = sum(len(law["versions"]) - 1 for law in laws.values())
    mapped = sum(len(law.get("renumbering") or ()) for law in laws.values())
    assert (pairs, mapped) == (64, 44)  # 统计法 2009 → 2024 and 农药管理条例 2017 → 2022 are hand-checked now
    assert {name for name, law in laws.items() if not law.get("renumbering")} == UNMAPPED
    for law in laws.values():
        for r in law.get("renumbering") or ():
            assert r["generated"] is True and "未经人工核对" in r["note"]


@needs_texts
def test_regenerating_the_maps_gives_the_same_maps():
    """The maps in catalogs/laws/generated are what scripts/generate_law_corpus.py computes from the texts, and
    computing them again gives the same (test_law_corpus.py checks the whole generated files the same way)."""
    import generate_law_corpus as glc

    laws = _generated()
    for name, law in sorted(laws.items()):
        maps, unmapped = glc.renumberings(law["versions"], TEXTS)
        assert maps == (law.get("renumbering") or []), name
        assert bool(unmapped) == (name in UNMAPPED), name
    for name in ("会计法", "发票管理办法", "互联网上网服务营业场所管理条例"):
        assert glc.renumberings(laws[name]["versions"], TEXTS) == glc.renumberings(laws[name]["versions"], TEXTS)


# --- use ------------------------------------------------------------------------------------------------------------

def test_renumbered_follows_each_revision_in_turn():
    """道路运输条例 2019 → 2022 (same numbers) → 2023 (第六十八条 deleted): a 2019 article number in a case decided
    in 2024 goes through both maps."""
    law = load_catalogs().laws["road_transport_regulation"]
    v2019, v2022, v2023 = law.versions
    assert renumbered(law, v2019, v2023, 72) == 71
    assert renumbered(law, v2019, v2023, 68) is None
    assert renumbered(law, v2019, v2023, 10) == 10
    assert renumbered(law, v2022, v2023, 83) == 82


def test_a_revision_that_moved_the_penalty_is_not_compared_with_the_article_now_at_its_old_number():
    """道路运输条例 第七十二条 (2022: 机动车维修经营者使用假冒伪劣配件, 2万元至5万元 without income) became 2023
    第七十一条; 2023 第七十二条 is 签发虚假的机动车维修合格证 (5000元至2万元). Compared by number, the old article
    looked lighter in the new version (LAW-012, a major finding against a lawful fine); by the map, it is the same."""
    cat = load_catalogs()
    law = cat.laws["road_transport_regulation"]
    (c,) = parse("《中华人民共和国道路运输条例》第七十二条", cat.name_finder)
    g = governing(law, c, date(2023, 5, 1), date(2023, 9, 1), FineFacts())
    assert (g.old_version.id, g.new_version.id) == ("2022", "2023")
    assert g.old is not None and g.lighter == ()
    assert renumbered(law, g.old_version, g.new_version, 72) == 71
    by_number = governing(law.model_copy(update={"renumbering": []}), c, date(2023, 5, 1), date(2023, 9, 1), FineFacts())
    assert [(p.article, p.paragraph) for p in by_number.lighter] == [(72, None)]  # what the map prevents


def test_a_map_matched_by_program_is_followed_only_when_asked():
    law = load_catalogs().laws["发票管理办法"]
    old, new = law.versions
    assert traced(law, old, new, 38) == (38, False)  # a finding never reads the generated map
    assert traced(law, old, new, 38, generated=True) == (36, True)
    assert traced(law, old, new, 34, generated=True) == (None, True)


def _cafe_case(**changes) -> dict:
    p = json.loads((ROOT / "examples" / "lawful" / "cases" / "e06-internet-cafe-operating-after-hours-kunming-wuhua.json")
                   .read_text(encoding="utf-8"))
    for key, value in changes.items():
        if key == "occurred_on":
            p["violation"]["occurred_on"] = p["violation"]["ended_on"] = value
        elif key == "citations":
            old_v, old_p = p["citations"]["violated"][0], p["citations"]["penalty"][0]
            p["citations"] = value
            p["decision_text"] = p["decision_text"].replace(old_v, value["violated"][0]).replace(old_p, value["penalty"][0])
    return p


def _law_findings(report):
    return [(f.rule_id, f.severity, f.message) for f in report.findings if f.item == "law_citation"]


def test_a_generated_law_across_a_revision_shows_where_the_article_went_in_a_hint():
    """互联网上网服务营业场所管理条例 (generated): an act in 2022-03 under the 2019 text, decided in 2024 under the 2022
    text, which inserted 第三十二条. The hint shows the 2022 article holding the cited content (第三十三条) and the fine
    read there; the file stays approved."""
    from review_assistant import review

    cited = {"violated": ["《互联网上网服务营业场所管理条例》第二十三条"],
             "penalty": ["《互联网上网服务营业场所管理条例》第三十二条第（三）项"]}
    report = review(_cafe_case(occurred_on="2022-03-01", citations=cited))
    (hint,) = [m for rule, severity, m in _law_findings(report) if rule == "LAW-H01"]
    assert "决定时施行的2022年版中该条内容在第三十三条（按条文内容比对）" in hint and hint.endswith("请人工核对")
    assert all(severity == "hint" for _, severity, _ in _law_findings(report))
    assert report.conclusion == "approve"


def test_an_old_number_of_a_generated_law_is_a_hint_never_a_finding():
    """发票管理办法 (generated): 2019 第三十八条 (私自印制、伪造、变造发票) is 2023 第三十六条; 2023 第三十八条 sets no
    penalty. Cited as 第三十八条 in 2024, the old number is pointed out in a hint; nothing else changes against the
    same file citing 第三十六条."""
    from review_assistant import review

    def findings(article):
        cited = {"violated": ["《中华人民共和国发票管理办法》第二十二条"],
                 "penalty": [f"《中华人民共和国发票管理办法》{article}"]}
        return review(_cafe_case(citations=cited))

    old, right = findings("第三十八条"), findings("第三十六条")
    hints = [m for rule, _, m in _law_findings(old) if rule == "LAW-H01" and "疑似沿用修订前的条文序号" in m]
    assert len(hints) == 1 and "2019年版第三十八条的内容在2023年版为第三十六条（程序比对，未经人工核对）" in hints[0]
    assert not [m for rule, _, m in _law_findings(right) if "疑似沿用修订前的条文序号" in m]
    assert old.conclusion == right.conclusion
    major = lambda r: sorted((f.rule_id, f.where) for f in r.findings if f.severity != "hint")  # noqa: E731
    assert major(old) == major(right)
    assert not [f for f in old.findings if f.rule_id in ("LAW-006", "LAW-008")]  # they read hand-checked data only

