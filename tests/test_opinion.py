"""The draft review opinion in DOCX, HTML and Markdown: golden files, a re-read of the DOCX, escaping of package
text, and an office's own templates."""
import os
import re
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest

from review_assistant.casebook import EXAMPLES, apply, example
from review_assistant.cli import main
from review_assistant.inputs import parse_package
from review_assistant.opinion import render
from review_assistant.rulebook import ITEMS

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
    for f in report.findings:
        assert f.message in text


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
