"""Batch evaluation over a mixed input (a folder, a JSONL file, a zip archive) with a few invalid packages: the
right counts in all three outputs, and a rerun does no work."""
import csv
import json
import zipfile

from review_assistant.batch import run
from review_assistant.casebook import EXAMPLES, apply, example
from review_assistant.cli import main


def _inputs(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in ("food-safety-major-clean", "market-regulation-flawed"):
        (folder / f"{name}.json").write_bytes((EXAMPLES / f"{name}.json").read_bytes())
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    jsonl = tmp_path / "more.jsonl"
    lines = [apply(example("food-safety-major-clean"), {"/case_id": f"批量-{i}"}) for i in range(5)]
    lines.append({"schema_version": "2", "case_id": "坏"})  # invalid: wrong version
    jsonl.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a/urban.json", (EXAMPLES / "urban-management-township.json").read_bytes())
        z.writestr("b/transport.json", (EXAMPLES / "transport-unlicensed-freight.json").read_bytes())
        z.writestr("c/dup.json", (EXAMPLES / "market-regulation-flawed.json").read_bytes())  # same content as in the folder
        z.writestr("c/more.jsonl", json.dumps(example("incomplete-package"), ensure_ascii=False) + "\n")
    return [str(folder), str(jsonl), str(archive)]


def test_mixed_inputs_counts_and_resume(tmp_path):
    inputs, out = _inputs(tmp_path), tmp_path / "out"
    first = run(inputs, out, jobs=2, progress=False)
    # 2 + 5 + 4 valid, one of them a duplicate by content → 10 reviewed; broken.json and version 2 → 2 invalid
    assert (first.reviewed, first.invalid, first.skipped) == (10, 2, 1)
    results = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    invalid = [json.loads(line) for line in (out / "invalid.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(results) == 10 and len(invalid) == 2
    assert any("JSON 格式错误" in e for row in invalid for e in row["errors"])
    with (out / "summary.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 10 and rows[0]["案号"] and "执法人员资格问题数" in rows[0]
    assert sum(r["审核结论"] == "不同意" for r in rows) == 1
    assert (out / "summary.csv").read_bytes()[:3] == b"\xef\xbb\xbf"  # BOM: Excel and WPS open the Chinese intact
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "评查案卷<b>10</b>" in html and html.count("<svg") == 5 and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    again = run(inputs, out, jobs=1, progress=False)
    assert (again.reviewed, again.invalid, again.skipped) == (0, 0, 13)
    assert len((out / "results.jsonl").read_text(encoding="utf-8").splitlines()) == 10


def test_batch_command(tmp_path, capsys):
    assert main(["batch", str(EXAMPLES / "food-safety-major-clean.json"), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    assert "已审查 1 件" in capsys.readouterr().out
    assert main(["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
