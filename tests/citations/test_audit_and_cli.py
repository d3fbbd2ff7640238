"""`catalogs audit` against a law-text folder of the tests' own, and the `cite` command."""
import json

from review_assistant.law.audit import audit
from review_assistant.catalog.loader import load_roots
from review_assistant.service.cli import main

TEXT = """# 中华人民共和国测试法

2020年1月1日 第十三届全国人民代表大会常务委员会第一次会议通过

<!-- INFO END -->

第一条 为了测试，制定本法。

第二条 经营者应当遵守本法。

经营者不得弄虚作假。

第三条 违反本法第二条规定，有下列情形之一的，由市场监督管理部门责令改正，处一万元以上五万元以下罚款：

（一）拒不改正的；

（二）弄虚作假的。

第四条 本法自2020年5月1日起施行。
"""

CATALOG = """catalog: laws
version: "1"
effective_from: 2020-05-01
source: test
law:
  id: test_law
  name: 中华人民共和国测试法
  level: 法律
  issuer: 全国人民代表大会常务委员会
  versions:
    - id: "2020"
      adopted: 2020-01-01
      effective_from: 2020-05-01
      articles: {articles}
      layout: "{layout}"
      provisions:
        - {{article: 3, summary: 违反第二条：罚款, penalties: [fine], fines: [{{range: [10000, 50000]}}]}}
        - {{article: {bad_article}, item: {bad_item}, summary: 测试, penalties: [fine]}}
"""


def _setup(tmp_path, articles=4, layout="0 0,0 2 0", bad_article=3, bad_item=2):
    texts = tmp_path / "texts" / "法律"
    texts.mkdir(parents=True)
    (texts / "测试法(2020-01-01).md").write_text(TEXT, encoding="utf-8")
    cat = tmp_path / "catalog" / "laws"
    cat.mkdir(parents=True)
    (cat / "test_law.yaml").write_text(CATALOG.format(articles=articles, layout=layout, bad_article=bad_article,
                                                      bad_item=bad_item), encoding="utf-8")
    return tmp_path / "texts", load_roots([tmp_path / "catalog"])


def test_audit_finds_no_mismatch_when_catalog_and_text_agree(tmp_path):
    texts, catalogs = _setup(tmp_path)
    result = audit(catalogs, texts)
    assert result.checked == ["中华人民共和国测试法（2020年版）"] and result.mismatches == []


def test_audit_names_every_mismatch(tmp_path):
    texts, catalogs = _setup(tmp_path, articles=5, layout="0 0 0,0 2 0", bad_item=3)
    lines = "\n".join(audit(catalogs, texts).mismatches)
    assert "目录载明5条，文本为4条" in lines
    assert "款项结构" in lines
    assert "第3条第3项在文本中不存在" in lines


def test_audit_command_exit_codes(tmp_path, capsys):
    texts, _ = _setup(tmp_path)
    assert main(["catalogs", "audit", "--law-texts", str(texts), "--catalogs", str(tmp_path / "catalog")]) == 0
    assert main(["catalogs", "audit", "--law-texts", str(tmp_path / "nope")]) == 2


def test_cite_prints_resolved_citations(capsys):
    assert main(["cite", "依据《食品安全法》第一百二十二条第一款、行政处罚法第二十八条第二款", "--as-of", "2025-06-01"]) == 0
    out = json.loads(capsys.readouterr().out)
    first, second = out["citations"]
    assert first["law_name"] == "中华人民共和国食品安全法" and first["article"] == 122 and first["paragraph"] == 1
    assert first["version"]["id"] == "2021" and first["status"] == "resolved"
    assert first["written"] == "《中华人民共和国食品安全法》第一百二十二条第一款"
    assert second["law_id"] == "administrative_penalty_law" and second["raw"] == "行政处罚法第二十八条第二款"


def test_cite_reports_the_version_and_unknown_laws(capsys):
    main(["cite", "《中华人民共和国环境噪声污染防治法》第五十六条；《山西省某某条例》第三条", "--as-of", "2023-01-01"])
    noise, local = json.loads(capsys.readouterr().out)["citations"]
    assert noise["status"] == "no_version_on_date"  # repealed on 2022-06-05
    assert local["status"] == "law_not_in_catalog" and local["article"] == 3
