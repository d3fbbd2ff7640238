"""Batch evaluation over a mixed input (a folder, a JSONL file, a zip archive) with a few invalid packages: the
right counts in all three outputs, and a rerun does no work."""
import csv
import json
import zipfile

from review_assistant.service.batch import run
from review_assistant.engine.casebook import EXAMPLES, apply, example
from review_assistant.service.cli import main


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
    reviewed = [r for r in rows if r["审核结论"] != "未审查：案卷包无效"]
    assert len(reviewed) == 10 and len(rows) == 12 and rows[0]["案号"] and "执法人员资格问题数" in rows[0]  # + 2 invalid
    assert sum(r["审核结论"] == "不同意" for r in rows) == 1
    assert (out / "summary.csv").read_bytes()[:3] == b"\xef\xbb\xbf"  # BOM: Excel and WPS open the Chinese intact
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "评查案卷<b>10</b>" in html and html.count("<svg") == 6 and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    again = run(inputs, out, jobs=1, progress=False)
    assert (again.reviewed, again.invalid, again.skipped) == (0, 0, 13)
    assert len((out / "results.jsonl").read_text(encoding="utf-8").splitlines()) == 10


def test_batch_command(tmp_path, capsys):
    assert main(["batch", str(EXAMPLES / "food-safety-major-clean.json"), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    assert "已审查 1 件" in capsys.readouterr().out
    assert main(["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2


def test_a_folder_with_labels_and_reports_counts_only_packages_and_shows_invalid_ones(tmp_path):
    """issue 17: `batch examples/` used to count saved reports and label files as invalid packages, and report.html
    never mentioned invalid ones; 材料不足 items are counted beside 存在问题."""
    import csv as _csv

    folder = tmp_path / "in"
    (folder / "reports").mkdir(parents=True)
    (folder / "p.json").write_bytes((EXAMPLES / "incomplete-package.json").read_bytes())
    (folder / "bad.json").write_text('{"schema_version": "1", "case_id": ""}', encoding="utf-8")
    (folder / "reports" / "labels.json").write_text('{"x": {"issue": []}}', encoding="utf-8")
    result = run([str(folder)], tmp_path / "out", progress=False)
    assert (result.reviewed, result.invalid, result.not_packages) == (1, 1, 1)
    rows = list(_csv.reader((tmp_path / "out" / "summary.csv").open(encoding="utf-8-sig")))
    assert rows[0][-2] == "材料不足项数" and int(rows[1][-2]) >= 5
    assert any(r[4] == "未审查：案卷包无效" and "bad.json" in r[-1] for r in rows[1:])
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "无效案卷包（未审查）<b>1" in html and "非案卷包文件（已跳过）<b>1" in html and "bad.json" in html
    assert "各审核事项材料不足的案卷数" in html
