"""The draft review opinion in DOCX, HTML and Markdown: golden files, a re-read of the DOCX, escaping of package
text, and an office's own templates."""
import os
import re
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest

from review_assistant.engine.casebook import EXAMPLES, apply, example
from review_assistant.service.cli import main
from review_assistant.case.inputs import parse_package
from review_assistant.outputs.opinion import render
from review_assistant.engine.rulebook import ITEMS

GOLDEN = Path(__file__).parent / "golden"
FIXED = {"review_id": "00000000-0000-4000-8000-000000000000",
         "reviewed_at": datetime(2025, 6, 16, 9, 0, tzinfo=timezone.utc)}


def _fixed(reviewer, package):
    """A report with its id, time and rule version fixed, so the documents can be compared byte for byte (the rule
    version is a hash of the rule modules: it changes with every rule edit, the documents' wording does not)."""
    report = reviewer.review(package)
    versions = report.versions.model_copy(update={"rules": "RULES"})
    return report.model_copy(update={**FIXED, "versions": versions}), parse_package(package)


@pytest.mark.parametrize("name", ["food-safety-major-clean", "market-regulation-flawed"])
@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_golden_documents(reviewer, tmp_path, name, suffix):
    report, package = _fixed(reviewer, example(name))
    out = render(report, package, tmp_path / f"{name}{suffix}")
    golden = GOLDEN / f"{name}{suffix}"
    # the count of catalog files grows with the data, the document's wording does not
    text = re.sub(r"目录数据 \d+ 个文件", "目录数据 N 个文件", out.read_text(encoding="utf-8"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["food-safety-major-clean", "market-regulation-flawed", "incomplete-package"])
def test_docx_holds_every_item_and_the_conclusion(reviewer, tmp_path, name):
    report, package = _fixed(reviewer, example(name))
    text = "\n".join(p.text for p in docx.Document(str(render(report, package, tmp_path / "o.docx"))).paragraphs)
    for label in ITEMS.values():
        assert label in text
    assert f"{report.conclusion_label}。" in text
    assert "{{" not in text and "{%" not in text
    from review_assistant.outputs.opinion import _no_field_names
    for f in report.findings:
        assert _no_field_names(f.message) in text  # the material named, its field name left to the checklist


HOSTILE = "<script>alert('x')</script> ]]> \x01\x08"


def test_package_text_cannot_break_the_documents(reviewer, tmp_path):
    package = apply(example("food-safety-major-clean"), {
        "/facts_text": "经查明，" + HOSTILE, "/parties/0/name": "某店" + HOSTILE,
        "/violation/description": HOSTILE, "/documents/0/title": HOSTILE})
    report, pkg = _fixed(reviewer, package)
    html = render(report, pkg, tmp_path / "o.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html and "\x01" not in html
    md = render(report, pkg, tmp_path / "o.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "&lt;script&gt;" in md
    text = "\n".join(p.text for p in docx.Document(str(render(report, pkg, tmp_path / "o.docx"))).paragraphs)
    assert "<script>alert('x')</script> ]]>" in text and "\x01" not in text


def test_an_office_template_replaces_the_bundled_one(reviewer, tmp_path):
    (tmp_path / "opinion.md.j2").write_text("{{ agency }}法制审核意见：{{ conclusion }}\n", encoding="utf-8")
    report, package = _fixed(reviewer, example("food-safety-major-clean"))
    out = render(report, package, tmp_path / "o.md", templates=tmp_path)
    assert out.read_text(encoding="utf-8") == "长治市市场监督管理局法制审核意见：同意\n"
    assert render(report, package, tmp_path / "o.html", templates=tmp_path).read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_cli_writes_the_opinion(tmp_path, capsys):
    out = tmp_path / "意见书.docx"
    assert main(["check", str(EXAMPLES / "market-regulation-flawed.json"), "--opinion", str(out)]) == 1
    assert out.stat().st_size > 10_000
    assert main(["check", str(EXAMPLES / "market-regulation-flawed.json"), str(EXAMPLES / "incomplete-package.json"),
                 "--opinion", str(out)]) == 2
    assert main(["check", str(EXAMPLES / "market-regulation-flawed.json"), "--opinion", str(tmp_path / "o.pdf")]) == 2


# --- the DOCX as a document an office signs -------------------------------------------------------------
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def many_defects() -> dict:
    """market-regulation-flawed with thirty-one more items of evidence each taken by one officer on a day no step records
    (so each is the evidence check's own finding, not the officer check's): over 40 findings, an appendix over several
    pages."""
    package = example("market-regulation-flawed")
    one = package["evidence"][4]
    package["evidence"] += [{**one, "id": f"EX{i}", "title": f"第{i}批销售出库单及客户签收记录", "obtained_on": "2025-02-13"}
                            for i in range(1, 32)]
    return package


@pytest.fixture(scope="module")
def long_docx(reviewer, tmp_path_factory):
    report, package = _fixed(reviewer, many_defects())
    assert len(report.findings) > 40
    return report, docx.Document(str(render(report, package, tmp_path_factory.mktemp("long") / "o.docx")))


def _section(document, start: str, end: str) -> list:
    texts = [p.text for p in document.paragraphs]
    return document.paragraphs[texts.index(start) + 1:texts.index(end)]


def test_docx_footer_numbers_every_page(long_docx):
    _, document = long_docx
    footer = document.sections[0].footer.paragraphs[0]._p
    instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert [f.get(f"{W}fldCharType") for f in footer.iter(f"{W}fldChar")] == ["begin", "separate", "end"] * 2
    assert "".join(t.text for t in footer.iter(f"{W}t")).replace("1", "X", 1).replace("1", "Y") == "第 X 页 共 Y 页"


def test_docx_signature_block_stays_on_one_page_with_its_heading(long_docx):
    _, document = long_docx
    texts = [p.text for p in document.paragraphs]
    start = texts.index("六、签署")
    block = document.paragraphs[start:start + 5]
    assert block[1].text.startswith("审核人员：") and block[2].text == "审核机构负责人：" and "（印章）" in block[3].text
    for p in block[:-1]:
        assert p.paragraph_format.keep_with_next and p.paragraph_format.keep_together, p.text
    assert block[-1].paragraph_format.keep_together  # the date: whole, and the end of the block
    # the bases go with it, so the signature page always carries a line of the text
    assert document.paragraphs[texts.index("五、审核依据")].paragraph_format.keep_with_next
    for p in _section(document, "五、审核依据", "六、签署"):
        assert p.paragraph_format.keep_with_next


def test_docx_appendix_rows_never_split_and_the_header_repeats(long_docx):
    report, document = long_docx
    table = document.tables[0]
    assert len(table.rows) == len(report.findings) + 1
    header = table.rows[0]._tr.trPr
    assert header.find(f"{W}tblHeader") is not None and header.find(f"{W}cantSplit") is not None
    for row in table.rows[1:]:
        assert row._tr.trPr is not None and row._tr.trPr.find(f"{W}cantSplit") is not None
    widths = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.iter(f"{W}gridCol")]
    assert widths[3] > widths[1] > widths[0]  # the place gets the room, not four equal columns
    heading = document.paragraphs[[p.text for p in document.paragraphs].index("附：问题在案卷中的位置")]
    assert heading.paragraph_format.page_break_before and heading.paragraph_format.keep_with_next


def test_docx_bases_sorted_by_law_and_article_and_complete(long_docx):
    from review_assistant.law.citations import parse

    report, document = long_docx
    lines = [p.text for p in _section(document, "五、审核依据", "六、签署")]
    cited = [c for line in lines for c in parse(line)]
    keys = [(c.law_name, c.article, c.paragraph or 0, c.item or 0) for c in cited]
    assert len(lines) == len({c.law_name for c in cited})  # one line per law
    for line in lines:
        mine = [(c.article, c.paragraph or 0, c.item or 0) for c in parse(line)]
        assert mine == sorted(mine) and len(mine) == len(set(mine)), line  # 第二十七条 before 第四十二条, each once
    for f in report.findings:  # every provision of every finding's basis
        for c in parse(f.basis):
            assert (c.law_name, c.article, c.paragraph or 0, c.item or 0) in keys, f.basis


def test_sorted_bases_reads_numerals_and_several_laws():
    from review_assistant.outputs.opinion import sorted_bases

    assert sorted_bases(["《中华人民共和国行政处罚法》第一百条", "《中华人民共和国行政处罚法》第二十条、第九条第二款",
                         "《中华人民共和国行政处罚法》第六十一条；《中华人民共和国民事诉讼法》第八十九条",
                         "《行政执法机关移送涉嫌犯罪案件的规定》第三条第一款", "本机关规定"]) == [
        "《中华人民共和国民事诉讼法》第八十九条", "《中华人民共和国行政处罚法》第九条第二款、第二十条、第六十一条、第一百条",
        "《行政执法机关移送涉嫌犯罪案件的规定》第三条第一款", "本机关规定"]


def test_docx_shared_suggestion_written_once(long_docx):
    report, document = long_docx
    body = "\n".join(p.text for p in _section(document, "三、审核情况", "四、审核结论"))
    for suggestion in {f.suggestion for f in report.findings}:
        assert body.count(suggestion) == 1, suggestion
    assert "建议：同问题" in body
    corrections = "\n".join(p.text for p in _section(document, "四、审核结论", "五、审核依据"))
    shared = max({f.suggestion for f in report.findings}, key=lambda s: sum(f.suggestion == s for f in report.findings))
    assert corrections.count(shared) == 1


def test_docx_body_has_no_ids_or_hashes(long_docx):
    report, document = long_docx
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(c.text for r in document.tables[0].rows for c in r.cells)
    assert report.review_id not in text and "/evidence/" not in text and "EVD-" not in text
    assert report.review_id in document.core_properties.comments  # the record is found from the file's properties


def test_docx_without_findings_has_no_empty_appendix(reviewer, tmp_path):
    report, package = _fixed(reviewer, example("food-safety-major-clean"))
    document = docx.Document(str(render(report, package, tmp_path / "o.docx")))
    assert not document.tables and "附：问题在案卷中的位置" not in [p.text for p in document.paragraphs]
    assert [p.text for p in _section(document, "五、审核依据", "六、签署")] == ["《中华人民共和国行政处罚法》第五十八条"]


def test_opinion_number_follows_the_office_pattern(reviewer, tmp_path, monkeypatch):
    from review_assistant.outputs.opinion import OpinionError, context

    monkeypatch.delenv("REVIEW_ASSISTANT_OPINION_NUMBER", raising=False)
    report, package = _fixed(reviewer, example("food-safety-major-clean"))
    assert context(report, package)["number"] == ""  # no pattern: a blank for the office to fill in
    monkeypatch.setenv("REVIEW_ASSISTANT_OPINION_PATTERN", "长市监法审〔{year}〕第{seq:04d}号")
    monkeypatch.setenv("REVIEW_ASSISTANT_OPINION_COUNTER", str(tmp_path / "numbers.json"))
    assert context(report, package)["number"] == "长市监法审〔2025〕第0001号"
    assert context(report, package)["number"] == "长市监法审〔2025〕第0001号"  # the same review keeps its number
    other = report.model_copy(update={"review_id": "00000000-0000-4000-8000-000000000001"})
    assert context(other, package)["number"] == "长市监法审〔2025〕第0002号"
    next_year = report.model_copy(update={"review_id": "00000000-0000-4000-8000-000000000002",
                                          "reviewed_at": datetime(2025, 12, 31, 16, 30, tzinfo=timezone.utc)})
    assert context(next_year, package)["number"] == "长市监法审〔2026〕第0001号"  # 2026-01-01 00:30 in Beijing
    out = render(other, package, tmp_path / "o.docx")
    assert "编号：长市监法审〔2025〕第0002号" in [p.text for p in docx.Document(str(out)).paragraphs]
    monkeypatch.setenv("REVIEW_ASSISTANT_OPINION_NUMBER", "长市监法审〔2025〕第0032号")
    assert context(other, package)["number"] == "长市监法审〔2025〕第0032号"  # a fixed number wins
    monkeypatch.delenv("REVIEW_ASSISTANT_OPINION_NUMBER")
    monkeypatch.setenv("REVIEW_ASSISTANT_OPINION_PATTERN", "〔{year}〕第{n}号")
    with pytest.raises(OpinionError, match="编号格式无效"):
        render(other, package, tmp_path / "p.docx")


def test_the_package_at_a_place_in_chinese():
    """What 在案卷中查看 shows: the object around the place, Chinese labels and values, the place marked, no JSON."""
    from review_assistant.outputs.places import fields

    package = example("market-regulation-flawed")
    rows = fields(package, "/violation/amounts/sales_amount")
    assert ("销售金额", "68,000 元", True) in rows and ("货值金额", "12,000 元", False) in rows
    rows = fields(package, "/evidence/4/obtained_by")
    assert ("取证人员执法证号", "田慧（14040000102）", True) in rows and ("证据种类", "书证", False) in rows
    assert fields(package, "/steps/3/officers/1") == [("参与的执法人员执法证号第2项", "申晓东（14040000108）", True)]
    assert ("金额", "40,000 元", True) in fields(package, "/proposed_decision/penalties/2/amount")
    assert [r[1] for r in fields(package, "/steps")][:3] == ["现场检查（2024-12-18）", "抽样（2024-12-18）", "立案（2025-01-06）"]
    gone = fields({"parties": [{"kind": "organization", "name": "某公司"}]}, "/parties/0/id_number")
    assert gone[-1] == ("身份证号码或统一社会信用代码", "（案卷包中没有该项：缺失）", True) and ("当事人类型", "法人或其他组织", False) in gone
    assert fields({}, "/facts_text") == [("事实认定表述", "（案卷包中没有该项：缺失）", True)]
    for where in ("/steps/3/officers", "/decision_text", "/documents/0/kind", "/citations/penalty/0"):
        for label, value, _ in fields(package, where):
            assert "{" not in value and '":' not in value and not re.search(r"[a-z]+_[a-z]+", label), (where, label, value)


def test_docx_appendix_names_a_place_for_every_finding(long_docx):
    report, document = long_docx
    places = [row.cells[3].text for row in document.tables[0].rows[1:]]
    assert all(places) and "同类问题另有 1 处未逐一列出（共 31 处）" in places  # the line for findings past a rule's cap
    corrections = "\n".join(p.text for p in _section(document, "四、审核结论", "五、审核依据"))
    assert "等30处问题；同类问题另有 1 处未逐一列出（共 31 处）" in corrections and "问题4至问题34" in corrections


def test_the_opinion_names_missing_material_not_json_fields(reviewer, tmp_path):
    """The checklist tells the case system which field is missing (缺少程序环节（steps）); the official opinion names the
    material only — no field names, paths or codes — while the case's own figures and units in a message stay."""
    package = example("market-regulation-flawed")
    del package["steps"], package["domain"]
    report, pkg = _fixed(reviewer, package)
    gaps = [f.message for f in report.findings if f.gap]
    assert "缺少程序环节（steps）" in gaps and any("（domain）" in m for m in gaps)  # the checklist keeps them
    text = render(report, pkg, tmp_path / "o.md").read_text(encoding="utf-8")
    body = text.split("<!--")[0]
    assert "缺少程序环节。" in body and "（steps）" not in body and "（domain）" not in body
    assert not re.search(r"（[a-z][a-z_.]{3,}[）；]", body)
    from review_assistant.outputs.opinion import _no_field_names
    assert _no_field_names("抽样检测（1000ml/瓶，mg/m³）") == "抽样检测（1000ml/瓶，mg/m³）"
    assert _no_field_names("职权范围（agency.domains；目录未收录该机关）") == "职权范围（目录未收录该机关）"
