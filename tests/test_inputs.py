"""Bad input never produces a traceback: exit 2 and one line per problem naming the JSON path, in Chinese and
English. Table-driven: (what a case system might send, the path we must name, a word of the Chinese message)."""
import json

import pytest

from review_assistant import InputError, review
from review_assistant.engine.casebook import apply, example
from review_assistant.service.cli import main
from review_assistant.case.inputs import MAX_BYTES

CLEAN = example("food-safety-major-clean")

BAD = [
    ("缺少案号", apply(CLEAN, remove=["/case_id"]), "/case_id", "缺少必填字段"),
    ("版本号错误", apply(CLEAN, {"/schema_version": "2"}), "/schema_version", "取值不在允许范围内"),
    ("案号为数字", apply(CLEAN, {"/case_id": 31}), "/case_id", "应为字符串"),
    ("罚款为负数", apply(CLEAN, {"/proposed_decision/penalties/2/amount": -50000}),
     "/proposed_decision/penalties/2/amount", "不得为负数"),
    ("罚款为字符串", apply(CLEAN, {"/proposed_decision/penalties/2/amount": "50000"}),
     "/proposed_decision/penalties/2/amount", "应为数字"),
    ("货值为负数", apply(CLEAN, {"/violation/amounts/goods_value": -1}), "/violation/amounts/goods_value", "不得为负数"),
    ("日期格式错误", apply(CLEAN, {"/violation/occurred_on": "2025/01/09"}), "/violation/occurred_on", "YYYY-MM-DD"),
    ("不存在的日期", apply(CLEAN, {"/steps/0/date": "2025-02-30"}), "/steps/0/date", "日期不存在"),
    ("时间里的日期不存在", apply(CLEAN, {"/steps/0/time": "2025-02-30T10:00"}), "/steps/0/time", "日期不存在"),
    ("时间里的年份超出范围", apply(CLEAN, {"/steps/0/time": "1900-01-01T10:00"}), "/steps/0/time", "超出合理范围"),
    ("时间戳当日期", apply(CLEAN, {"/submitted_on": 1718000000}), "/submitted_on", "YYYY-MM-DD"),
    ("程序环节种类拼错（decison）", apply(CLEAN, {"/steps/0/kind": "decison"}), "/steps/0/kind", "取值不在允许范围内"),
    ("程序环节种类不是代码", apply(CLEAN, {"/steps/0/kind": "现场检查"}), "/steps/0/kind", "取值不在允许范围内"),
    ("执法人员角色拼错（reviewr）", apply(CLEAN, {"/officers/2/role": "reviewr"}), "/officers/2/role", "取值不在允许范围内"),
    ("布尔值写成字符串", apply(CLEAN, {"/violation/first_offense": "是"}), "/violation/first_offense", "布尔值"),
    ("区划代码位数不对", apply(CLEAN, {"/agency/region_code": "1404"}), "/agency/region_code", "6位数字"),
    ("当事人不是数组", apply(CLEAN, {"/parties": {"name": "x"}}), "/parties", "应为数组"),
    ("决定日期早于立案日期", apply(CLEAN, {"/stage": "post_decision", "/steps/-": {"kind": "decision", "date": "2025-04-01"}}),
     "/steps/7/date", "早于立案日期"),
    ("终了日期早于发生日期", apply(CLEAN, {"/violation/ended_on": "2024-12-01"}), "/violation/ended_on", "早于发生日期"),
    ("日期超出合理范围", apply(CLEAN, {"/violation/ended_on": "9999-12-31"}), "/violation/ended_on", "超出合理范围"),
    ("金额大得离谱", apply(CLEAN, {"/proposed_decision/penalties/2/amount": 1e16}), "/proposed_decision/penalties/2/amount", "数值过大"),
    ("执法证有效期倒置", apply(CLEAN, {"/officers/0/cert": {"valid_from": "2027-01-01", "valid_to": "2022-01-01"}}),
     "/officers/0/cert/valid_to", "早于起始日"),
]


@pytest.mark.parametrize("name,package,where,zh", BAD, ids=[b[0] for b in BAD])
def test_bad_package_names_the_field(name, package, where, zh):
    with pytest.raises(InputError) as err:
        review(package)
    lines = [p.line() for p in err.value.problems]
    assert any(p.where == where and zh in p.zh and p.en for p in err.value.problems), lines


@pytest.mark.parametrize("name,package,where,zh", BAD, ids=[b[0] for b in BAD])
def test_cli_exit_2_and_path_on_stderr(tmp_path, capsys, name, package, where, zh):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{where}: " in err and zh in err and "/" in err and "Traceback" not in err


RAW = [
    ("金额为无穷大", b'{"schema_version": "1", "case_id": "x", "violation": {"amounts": {"goods_value": 1e400}}}', "有限数值"),
    ("金额为NaN", b'{"schema_version": "1", "case_id": "x", "violation": {"amounts": {"goods_value": NaN}}}', "/violation/amounts/goods_value"),
    ("不是JSON", b"\x89PNG\r\n\x1a\n\x00\x00binary", "UTF-8"),
    ("JSON语法错误", b'{"schema_version": "1", "case_id": ', "JSON 格式错误"),
    ("JSON数组", b"[1, 2, 3]", "JSON 对象"),
    ("空文件", b"", "JSON 格式错误"),
]


@pytest.mark.parametrize("name,raw,zh", RAW, ids=[r[0] for r in RAW])
def test_cli_rejects_non_packages(tmp_path, capsys, name, raw, zh):
    path = tmp_path / "input.json"
    path.write_bytes(raw)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert zh in err and "Traceback" not in err


def test_huge_body_is_refused_before_parsing(tmp_path, capsys):
    path = tmp_path / "huge.json"
    path.write_bytes(b'{"schema_version": "1", "case_id": "x", "facts_text": "' + b"a" * (MAX_BYTES + 10) + b'"}')
    assert main(["check", str(path)]) == 2
    assert "过大" in capsys.readouterr().err
    with pytest.raises(InputError, match="too large"):
        review(path.read_bytes())


def test_missing_file_and_directory(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.json"), str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "文件不存在" in err and "是目录" in err


def test_time_may_carry_a_date_and_steps_may_lack_a_kind(reviewer):
    package = apply(CLEAN, {"/steps/0/time": "2025-04-22T10:30", "/proposed_decision/penalties/-": {"amount": 10}})
    package["steps"].append({"date": "2025-05-01"})
    report = reviewer.review(package)
    assert {"/steps/7/kind", "/proposed_decision/penalties/3/type"} <= {f.where for f in report.findings if f.gap}


def test_tiny_and_huge_amounts_reach_the_engine_safely(reviewer):
    for amount in (0.00001, 9.99e12):
        report = reviewer.review(apply(CLEAN, {"/proposed_decision/penalties/2/amount": amount}))
        assert report.conclusion in ("revise", "approve")


def test_only_schema_version_and_case_id_are_required():
    report = review({"schema_version": "1", "case_id": "最小案卷"})
    assert report.conclusion == "return"
    # every item lacks its material — except 执法公示, whose fields are all optional (v1.2): never 材料不足
    assert all(row.status == "gap" for row in report.checklist if row.item != "publicity")
    assert next(row for row in report.checklist if row.item == "publicity").status == "pass"


def test_unknown_fields_are_kept_and_reported_as_hints(reviewer):
    package = apply(CLEAN, {"/case_system_ref": "A-1", "/parties/0/phone": "138"})
    report = reviewer.review(package)
    assert [n.where for n in report.notices] == ["/case_system_ref", "/parties/0/phone"]
    assert report.conclusion == "approve"


def test_one_bad_file_does_not_stop_the_others(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(CLEAN, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(bad), str(good), "--format", "json"]) == 2
    out = capsys.readouterr().out
    assert json.loads(out.strip())["case_id"] == CLEAN["case_id"]



def test_a_step_kind_of_the_case_system_s_own_is_kept_in_place_and_reported_not_refused():
    """复议决定、法院裁定: events after the decision v1 has no code for (催告 and 申请法院强制执行 have codes since v1.5). The
    step keeps its place (later pointers still name the file's own places), becomes ``other`` (read by no rule) and a
    notice names it."""
    data = apply(CLEAN, {"/steps/-": {"kind": "court_enforcement_ruling", "date": "2025-12-20", "notes": "法院裁定准予执行"}})
    data = apply(data, {"/steps/-": {"kind": "service", "date": "2025-12-21"}})
    report = review(data)
    last = len(data["steps"]) - 2
    assert [(n.code, n.where) for n in report.notices if n.code == "own_code"] == [("own_code", f"/steps/{last}/kind")]
    assert "court_enforcement_ruling" in next(n.message for n in report.notices if n.code == "own_code")
    from review_assistant.case.inputs import parse_package
    pkg = parse_package(data)
    assert (pkg.steps[last].kind, pkg.steps[last].own_kind, pkg.steps[last + 1].kind) == (
        "other", "court_enforcement_ruling", "service")


def test_an_officer_role_of_the_case_system_s_own_is_left_unread_and_reported():
    report = review(apply(CLEAN, {"/officers/-": {"name": "潘某", "cert_no": "14040000102", "role": "hearing_officer"}}))
    assert [n.where for n in report.notices if n.code == "own_code"] == [f"/officers/{len(CLEAN['officers'])}/role"]


def test_an_object_under_an_amount_key_is_the_case_system_s_breakdown_set_aside_not_refused():
    """illegal_income_by_party: {张某: 24960, 李某: 16640} (blind set AT, four files refused before): no sum in yuan, the
    system's own breakdown — kept, reported, not read; a string amount stays an error naming the field."""
    data = apply(CLEAN, {"/violation/amounts/illegal_income_by_party": {"刘某某": 100}})
    report = review(data)
    assert [n.where for n in report.notices if n.code == "own_field_set_aside"] == ["/violation/amounts/illegal_income_by_party"]
    with pytest.raises(InputError) as err:
        review(apply(CLEAN, {"/violation/amounts/goods_value": "一万元"}))
    assert "/violation/amounts/goods_value" in str(err.value)


@pytest.mark.parametrize("own, read_as", [
    ("urge_notice", "reminder"), ("payment_reminder", "reminder"), ("demand_letter", "reminder"),
    ("enforcement_application", "court_enforcement_application"), ("apply_court_enforcement", "court_enforcement_application"),
    ("court_enforcement_ruling", "other"), ("enforcement_decision", "other"), ("hearing_reminder", "other"),
    ("urgent_inspection", "other"), ("surcharge_notice", "other"),
])
def test_an_own_code_for_an_event_v1_5_names_is_read_as_that_code(own, read_as):
    """催告 and 申请法院强制执行 as case systems name them in codes of their own (blind sets AW, BD): read as the v1.5 codes,
    the own code kept and named in the notice; a court's ruling, an agency's own enforcement decision, a hearing's
    reminder are other events."""
    from review_assistant.case.inputs import parse_package
    data = apply(CLEAN, {"/steps/-": {"kind": own, "date": "2025-12-20"}})
    pkg = parse_package(data)
    assert (pkg.steps[-1].kind, pkg.steps[-1].own_kind) == (read_as, own)
    notice = next(n for n in review(data).notices if n.code == "own_code")
    assert (read_as in notice.message) == (read_as != "other")


def test_a_filing_step_after_the_decision_that_says_it_is_the_recordal_is_read_as_such():
    # blind CW06: an on-the-spot decision 报……备案 the next day, coded filing — not a 立案 after the decision (input refused before)
    from pathlib import Path

    from review_assistant.case.inputs import parse_package

    raw = (Path(__file__).resolve().parent.parent / "examples" / "contract_blind" / "cases"
           / "CW06-jiaotong-henan-changyuan.json").read_bytes()
    package = parse_package(raw)
    recordal = [s for s in package.steps if s.own_kind == "filing（备案）"]
    assert len(recordal) == 1 and recordal[0].kind == "other"
