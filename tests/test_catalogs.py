"""Catalogs: validated at load, errors name file, line and field; a deployment's directory extends or overrides
the bundled one, by --catalogs or by the environment variable."""
import json
from datetime import date

import pytest

from review_assistant import review
from review_assistant.engine.casebook import apply, example
from review_assistant.catalog.loader import (
    CatalogError,
    bundled_root,
    load_catalogs,
    load_roots,
)
from review_assistant.service.cli import main

HEADER = "catalog: {kind}\nversion: \"1\"\neffective_from: 2025-01-01\nsource: test\n"


def test_bundled_catalogs_load_with_versions():
    cat = load_catalogs()
    assert {"laws", "agencies", "officers", "domains", "major_decisions", "documents", "holidays", "referral"} <= {
        k.split("/")[0].replace("calendar", "holidays") for k in cat.versions} | {"officers", "holidays"}
    assert cat.law_by_name("《食品安全法》").id == "food_safety_law"
    assert cat.calendar.covers(date(2026, 10, 1))


def test_yaml_error_names_file_line_and_field(tmp_path):
    (tmp_path / "agencies").mkdir()
    (tmp_path / "agencies" / "local.yaml").write_text(
        HEADER.format(kind="agencies") + "entries:\n  - id: a1\n    name: 某局\n    region_code: \"1404\"\n"
        "    level: county\n    domains: [food_safety]\n", encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_roots([tmp_path])
    assert "local.yaml:8: entries.0.region_code:" in str(err.value)


def test_csv_error_names_file_row_and_field(tmp_path):
    (tmp_path / "officers").mkdir()
    (tmp_path / "officers" / "roster.csv").write_text(
        "# catalog: officers\n# version: 1\n# effective_from: 2025-01-01\n# source: test\n"
        "cert_no,name,valid_from,valid_to,status,domains,region_code\n"
        "1,甲,2022-01-01,2027-01-01,active,food_safety,140400\n"
        "2,乙,2022-01-01,2027-13-01,active,food_safety,140400\n", encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_roots([tmp_path])
    assert "roster.csv:7: valid_to:" in str(err.value)


def test_catalogs_validate_command(tmp_path, capsys):
    (tmp_path / "agencies").mkdir()
    (tmp_path / "agencies" / "bad.yaml").write_text("catalog: agencies\nversion: [\n", encoding="utf-8")
    assert main(["catalogs", "validate", str(tmp_path)]) == 2
    assert "bad.yaml:" in capsys.readouterr().err
    (tmp_path / "agencies" / "bad.yaml").unlink()
    assert main(["catalogs", "validate", str(tmp_path)]) == 0


def _local_roster(tmp_path):
    (tmp_path / "officers").mkdir(parents=True)
    (tmp_path / "officers" / "district.csv").write_text(
        "# catalog: officers\n# version: 2025.7\n# effective_from: 2025-01-01\n# source: 区执法证管理系统导出\n"
        "cert_no,name,valid_from,valid_to,status,domains,region_code\n"
        "14040099002,郑某,2022-01-01,2027-12-31,active,food_safety,140400\n"
        "14040000102,田慧,2022-03-01,2025-03-31,active,food_safety,140400\n", encoding="utf-8")
    return tmp_path


def test_local_directory_extends_and_overrides_the_roster(tmp_path, monkeypatch):
    package = apply(example("food-safety-major-clean"), {"/steps/2/officers": ["14040000101", "14040099002"]})
    bundled = review(package)
    assert "OFF-G01" in [f.rule_id for f in bundled.findings]  # unknown to the bundled roster
    local = review(package, catalogs=_local_roster(tmp_path))
    ids = [f.rule_id for f in local.findings]
    assert "OFF-G01" not in ids  # the district roster knows 郑某
    assert "OFF-002" in ids  # and says 田慧's certificate ended 2025-03-31, overriding the bundled row
    assert local.versions.catalogs["local:officers/district.csv"] == "2025.7"
    monkeypatch.setenv("REVIEW_ASSISTANT_CATALOGS", str(tmp_path))
    assert [f.rule_id for f in review(package).findings] == ids


def test_cli_catalogs_option(tmp_path, capsys):
    package = apply(example("food-safety-major-clean"), {"/steps/2/officers": ["14040000101", "14040099002"]})
    path = tmp_path / "p.json"
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path), "--format", "json", "--catalogs", str(_local_roster(tmp_path / "c"))]) == 1
    assert "OFF-002" in capsys.readouterr().out


def test_same_relative_path_replaces_the_bundled_file(tmp_path):
    (tmp_path / "major_decisions").mkdir()
    (tmp_path / "major_decisions" / "local-examples.yaml").write_text(
        HEADER.format(kind="major_decisions") + "entries: []\n", encoding="utf-8")
    cat = load_roots([bundled_root(), tmp_path])
    assert not any(k.startswith("CZ-") for k in cat.major_entries)
    report = review(example("food-safety-major-clean"), catalogs=cat)
    assert report.major.is_major is None


def test_overlapping_baseline_rows_are_rejected_unless_declared(tmp_path):
    (tmp_path / "discretion").mkdir()
    rows = """entries:
  - id: X
    law_id: food_safety_law
    article: 122
    conduct: 测试
    brackets:
      - {circumstance: ordinary, of: goods_value, below: 20000, range: [50000, 60000]}
      - {circumstance: ordinary, of: goods_value, at_least: 10000, range: [60000, 80000]}
"""
    path = tmp_path / "discretion" / "x.yaml"
    path.write_text(HEADER.format(kind="discretion") + "overlap_policy: reject\n" + rows, encoding="utf-8")
    with pytest.raises(CatalogError, match="overlap"):
        load_roots([tmp_path])
    path.write_text(HEADER.format(kind="discretion") + "overlap_policy: widest\n" + rows, encoding="utf-8")
    assert "X" in load_roots([tmp_path]).discretion


def test_compiled_catalogs_follow_every_change_of_a_file(tmp_path, monkeypatch):
    """The compiled form is keyed by the files' content: editing a local catalog file is seen at the next load."""
    import shutil

    from review_assistant.catalog.loader import bundled_root, load_roots

    monkeypatch.setenv("REVIEW_ASSISTANT_CACHE", str(tmp_path / "cache"))
    local = tmp_path / "local" / "domains"
    local.mkdir(parents=True)
    shutil.copy(bundled_root() / "domains" / "domains.yaml", local / "domains.yaml")
    first = load_roots([bundled_root(), tmp_path / "local"])
    assert "zz_test" not in first.domains
    text = (local / "domains.yaml").read_text(encoding="utf-8") + "  - {code: zz_test, label: 测试领域}\n"
    (local / "domains.yaml").write_text(text, encoding="utf-8")
    second = load_roots([bundled_root(), tmp_path / "local"])
    assert second.domains["zz_test"].label == "测试领域"
    assert len(list((tmp_path / "cache").glob("catalogs-*.pickle"))) == 2
    again = load_roots([bundled_root(), tmp_path / "local"])  # from the cache, equal to a fresh build
    assert again.domains.keys() == second.domains.keys() and again.versions == second.versions


def test_cache_off_reads_the_files(tmp_path, monkeypatch):
    from review_assistant.catalog.loader import bundled_root, load_roots

    monkeypatch.setenv("REVIEW_ASSISTANT_CACHE", "off")
    cat = load_roots([bundled_root()])
    assert cat.laws and cat.calendar.covers(__import__("datetime").date(2015, 6, 1))


def test_catalog_errors_are_in_chinese_and_english_with_their_line(tmp_path):
    from review_assistant.catalog.loader import CatalogError, load_roots

    (tmp_path / "domains").mkdir()
    (tmp_path / "domains" / "bad.yaml").write_text(
        'catalog: domains\nversion: "1"\neffective_from: 2021-01-01\nsource: x\nentries:\n'
        '  - {code: x, label: y, colour: red}\n  - {code: z}\n', encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_roots([tmp_path])
    text = str(err.value)
    assert "bad.yaml:6: entries.0.colour: 不认识的字段" in text and "Extra inputs are not permitted" in text
    assert "bad.yaml:7: entries.1.label: 缺少必填字段 / Field required" in text


def test_draft_provisions_come_back_from_the_compiled_catalogs_on_first_read():
    """The compiled catalogs keep each version's draft provisions as one pickled blob, read the first time they are used
    (a one-file check seldom needs them): what comes back is what went in, for every version, read in any way."""
    import pickle

    from review_assistant.catalog.loader import load_catalogs

    cat = load_catalogs()
    before = {(law.id, v.id): [p.model_dump() for p in v.draft_provisions] for law in cat.laws.values() for v in law.versions}
    assert sum(map(len, before.values())) > 1000
    again = pickle.loads(pickle.dumps(cat.laws, protocol=pickle.HIGHEST_PROTOCOL))  # as the compiled catalogs hold them
    versions = {(law.id, v.id): v for law in again.values() for v in law.versions}
    drafted = next(v for key, v in versions.items() if before[key])
    assert drafted.draft_provisions._blob is not None  # not read yet
    assert bool(drafted.draft_provisions) and len(drafted.draft_provisions) == len(before[next(
        k for k, v in versions.items() if v is drafted)])
    twice = pickle.loads(pickle.dumps(again, protocol=pickle.HIGHEST_PROTOCOL))  # a list never read pickles its blob
    for laws in (again, twice):
        for law in laws.values():
            for v in law.versions:
                assert [p.model_dump() for p in v.draft_provisions] == before[(law.id, v.id)]
                assert (v.draft_provisions == [p for p in v.draft_provisions]) and not v.draft_provisions[1:] == ["x"]


def test_an_unheld_revision_must_follow_the_last_version_it_ends(tmp_path):
    """A revision the corpus lacks (unheld_versions) keeps the law in force without a text: the last held version must
    end on its day, or the catalog would claim the old text past it."""
    (tmp_path / "laws").mkdir()
    law = ("law:\n  id: some_regulation\n  name: 某某管理条例\n  level: 行政法规\n  issuer: 国务院\n  versions:\n"
           "  - id: '2016'\n    adopted: 2016-02-06\n    effective_from: 2016-02-06\n{end}    articles: 3\n"
           "  unheld_versions:\n  - since: 2022-03-29\n    by: 某修改决定\n    source: test\n")
    (tmp_path / "laws" / "some.yaml").write_text(HEADER.format(kind="laws") + law.format(end=""), encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_roots([tmp_path])
    assert "unheld version" in str(err.value)
    (tmp_path / "laws" / "some.yaml").write_text(
        HEADER.format(kind="laws") + law.format(end="    effective_to: 2022-03-29\n"), encoding="utf-8")
    cat = load_roots([tmp_path])
    assert cat.law_by_name("某某管理条例").unheld_versions[0].since == date(2022, 3, 29)
