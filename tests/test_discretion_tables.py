"""粤环发〔2021〕7号 附件1 — the Guangdong ecology fine table — as catalog data (scripts/build_guangdong_eco_baseline.py) and
the calculator (review_assistant/law/discretion.py). Each row of tests/data/guangdong_eco_hand_worked.jsonl was worked
by hand from the published table (35 权重累加 sections by a helper who never saw the code; 11 幅度 rows read here; then
5 tables with several formulas — 处罚对象 / 整改情况 / a factor / the 违法所得 band — and 9 rows of the other cells: a
multiple of 所收费用 / 违法所得 / 直接经济损失, 元/车次, 警告, the person's column, a typo and a page break fixed in the
overrides) and names its section: the calculator must give exactly that fine or range. Also 江门 (江环〔2020〕10号
参照表): 5 rows read by hand from the CSV, and 5 more of the new kinds (总投资额 %, a capped share of 直接损失, 责任人员,
警告, a typo fixed)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from review_assistant.catalog.loader import load_catalogs
from review_assistant.law.discretion import _graded, _weighted

ROOT = Path(__file__).resolve().parent.parent
ROWS = [json.loads(line) for line in (ROOT / "tests" / "data" / "guangdong_eco_hand_worked.jsonl").open(encoding="utf-8")]
ENTRIES = {e.id: e for _, e in load_catalogs().discretion.values()}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['section']}-{i}" for i, r in enumerate(ROWS)])
def test_calculator_gives_the_hand_worked_amount(row):
    entry = ENTRIES[row["section"] if row["section"].startswith("JM-") else "GD-ECO-" + row["section"].lstrip("§")]
    if row["method"] == "weighted":
        amounts = dict(row.get("amounts") or {})
        if row.get("base"):
            key = entry.weighted.of
            amounts["involved_amount" if key == "other" else key] = row["base"]["value"]
        calc = _weighted(entry, "", "", row["factors"], amounts)
        assert calc.exact and abs(calc.low - row["fine"]) < 0.6 and calc.low == calc.high, calc.steps
        widest = _weighted(entry, "", "", {}, amounts)  # no factor given: every option of every factor
        assert abs(widest.low - row["min_fine"]) < 0.6 and abs(widest.high - row["max_fine"]) < 0.6, widest.steps
    else:
        calc = _graded(entry, "", "", row["factors"], row.get("amounts") or {})
        assert [calc.low, calc.high] == row["range"], calc.steps


def test_jiangmen_table_serves_only_decisions_before_the_provincial_table():
    """江环〔2020〕10号 (试行, 2020-03-01, 三年) vs 粤环发〔2021〕7号 (2022-01-01, 各级): the provincial table governs from
    2022-01-01; the municipal one is used for decisions before it."""
    from datetime import date

    files = {f.source.split("（")[0][:6]: f for f, e in load_catalogs().discretion.values() if e.id.startswith(("JM-", "GD-"))}
    jm = next(f for f, e in load_catalogs().discretion.values() if e.id.startswith("JM-"))
    gd = next(f for f, e in load_catalogs().discretion.values() if e.id.startswith("GD-"))
    assert jm.in_force(date(2021, 6, 1)) and not jm.in_force(date(2022, 1, 1)) and jm.region_prefix == "4407"
    assert gd.in_force(date(2022, 1, 1)) and not gd.in_force(date(2021, 12, 31)) and files


def test_the_table_is_encoded_at_scale():
    gd = [e for e in ENTRIES.values() if e.id.startswith("GD-ECO-")]
    assert len(gd) >= 281  # every section of the table (282 § lines, one of them the contents page)
    assert sum(1 for e in gd if e.weighted) >= 45 and sum(1 for e in gd if e.graded) >= 236
    assert sum(1 for e in gd if e.weighted and e.weighted.formulas) >= 10
    jm = [e for e in ENTRIES.values() if e.id.startswith("JM-ECO-")]
    assert len(jm) >= 165 and sum(len(e.graded.rows) for e in jm) >= 870  # every 序号 of the 参照表


def test_generated_table_is_in_step_with_the_source():
    source = ROOT.parent / "shared" / "domain" / "baselines" / "guangdong_eco"
    if not source.is_dir():
        pytest.skip("shared/domain/baselines not present")
    script = ROOT / "scripts" / "build_guangdong_eco_baseline.py"
    assert subprocess.run([sys.executable, str(script), "--source", str(source), "--check"]).returncode == 0


def test_discretion_command_prints_the_row_the_factors_and_the_range(tmp_path, capsys):
    from review_assistant.engine.casebook import apply, example
    from review_assistant.service.cli import main

    pkg = apply(example("food-safety-major-clean"), {
        "/agency/id": "gz", "/agency/name": "广州市生态环境局", "/agency/region_code": "440100",
        "/agency/domains": ["ecology_environment"], "/domain": "ecology_environment", "/violation/place_region_code": "440106",
        "/citations/violated/0": "《中华人民共和国水污染防治法》第四十五条第三款",
        "/citations/penalty/0": "《中华人民共和国水污染防治法》第八十三条第四项",
        "/violation/factors": {"超标情况": "超标1倍以上5倍以下或超总量20%以上50%以下", "废水日排放量": "100吨以上"},
        "/proposed_decision/penalties": [{"type": "fine", "amount": 450000}]})
    (tmp_path / "p.json").write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
    assert main(["discretion", str(tmp_path / "p.json")]) == 0
    out = capsys.readouterr().out
    assert "§2.9" in out and "废水日排放量：100吨以上" in out and "300,000元至400,000元" in out and "高于上限" in out
    assert main(["discretion", str(tmp_path / "p.json"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tables"][0]["low"] == 300000 and data["tables"][0]["high"] == 400000


def test_jiangmen_exemption_list_is_added_to_the_provincial_one():
    """江环〔2021〕231号 (2022-02-01, 三年, 江门): 40 items beside 粤环发〔2021〕7号 附件2; none generic — 备注二 excludes
    violations in a 生态环境敏感区, which only a reviewer can tell."""
    from datetime import date

    found = [(f, e) for f, e in load_catalogs().exemptions.values() if e.id.startswith("JM-ECO-X")]
    assert len(found) == 40 and not any(e.generic for _, e in found)
    f = found[0][0]
    assert f.region_prefix == "4407" and f.in_force(date(2022, 2, 1)) and not f.in_force(date(2022, 1, 31))
    assert not f.in_force(date(2025, 2, 1))
    assert any(e.id.startswith("GD-ECO-X") for _, e in load_catalogs().exemptions.values())


def test_customs_frameworks_two_and_three_are_limited_to_their_laws_and_provisions():
    """海关 基准（二）第十三条 (检验检疫 laws only) and （三）第十三、十四条 (海关行政处罚实施条例第二十五条第一款 / 第二款)."""
    from types import SimpleNamespace as NS

    frames = load_catalogs().frameworks

    def cite(law, article, paragraph=None):
        return NS(law=NS(id=law), citation=NS(article=article, paragraph=paragraph))

    two, three_13, three_14, one = (frames[k] for k in ("GACC-2023-187-13", "GACC-2023-198-13", "GACC-2023-198-14",
                                                         "GACC-2023-182-12"))
    assert two.covers(cite("进出口商品检验法实施条例", 46)) and not two.covers(cite("海关行政处罚实施条例", 15))
    assert three_13.covers(cite("海关行政处罚实施条例", 25, 1)) and not three_13.covers(cite("海关行政处罚实施条例", 25, 2))
    assert three_14.covers(cite("海关行政处罚实施条例", 25, 2)) and not three_14.covers(cite("海关行政处罚实施条例", 24))
    assert one.covers(cite("海关行政处罚实施条例", 25, 1))  # 182号 has no limit: the narrower rule is tried first
    assert two.bands["ordinary"] == [0.3, 0.5] and three_14.bands["lighter"] == [0.1, 0.4]
