"""Web workspace pages through the real app (the browser tests cover the flows; these cover the edges)."""
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from review_assistant.service.records import RecordStore
from review_assistant.service.server import create_app
from review_assistant.service.web import bundled_cases, pointer_fragment
from tests.web_client import post_form, sign_in


@pytest.fixture()
def ui(tmp_path):
    store = RecordStore(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    app = create_app(store)

    def client(role, name):
        c = TestClient(app)
        sign_in(c, store.create_token(role, name)[1])
        return c
    return client


def test_sign_in_required_and_bad_token(ui, tmp_path):
    anonymous = TestClient(create_app(RecordStore(f"sqlite:///{tmp_path / 'x.sqlite3'}")))
    assert anonymous.get("/ui/", follow_redirects=False).headers["location"] == "/ui/login"
    r = post_form(anonymous, "/ui/login", {"token": "nope"})
    assert r.status_code == 401 and "令牌无效" in r.text


def test_trainer_uploads_a_teaching_case(ui):
    trainer = ui("trainer", "培训员")
    case = {**bundled_cases()[0], "id": "mine-1", "title": "我的案例"}
    r = post_form(trainer, "/ui/teaching/new", files={"file": ("c.json", json.dumps(case, ensure_ascii=False).encode())})
    assert r.status_code == 200 and "已增加教学案例：我的案例" in r.text
    assert "我的案例" in trainer.get("/ui/teaching").text
    bad = post_form(trainer, "/ui/teaching/new", files={"file": ("c.json", b'{"id": "x"}')})
    assert bad.status_code == 422 and "缺少字段 title" in bad.text
    reviewer = ui("reviewer", "审核员")
    assert post_form(reviewer, "/ui/teaching/new", files={"file": ("c.json", b"{}")}).status_code == 403


def test_case_system_sees_only_its_own_reviews(ui):
    a, b = ui("case_system", "甲系统"), ui("case_system", "乙系统")
    r = post_form(a, "/ui/reviews", {"example": "food-safety-major-clean"}, follow_redirects=False)
    url = r.headers["location"]
    assert a.get(url).status_code == 200
    other = b.get(url)
    assert other.status_code == 404 and "该审查记录不存在，或您无权查看" in other.text  # a message, not a silent page
    assert url.rsplit("/", 1)[-1] not in b.get("/ui/").text  # A's review is not among B's recent reviews


def test_pointer_fragment_marks_the_field():
    package = {"violation": {"amounts": {"sales_amount": 68000, "goods_value": 12000}}}
    lines = pointer_fragment(package, "/violation/amounts/sales_amount")
    assert [line for line, hit in lines if hit] == ['  "sales_amount": 68000,']
    assert "缺失" in pointer_fragment(package, "/evidence")[0][0]


def test_times_are_shown_in_beijing_time():
    from review_assistant.outputs.timefmt import beijing

    assert beijing("2025-06-16T10:30:00+00:00") == "2025-06-16 18:30"
    assert beijing("2025-12-31T20:15:00Z") == "2026-01-01 04:15"
    assert beijing("") == "" and beijing("not a time") == "not a time"


def test_accept_needs_no_reason_dismiss_does_and_the_decider_is_named(ui):
    import re

    reviewer = ui("reviewer", "审核员王某")
    r = post_form(reviewer, "/ui/reviews", {"example": "market-regulation-flawed"})
    url = str(r.url)
    rule_id, where = re.search(r'name="rule_id" value="([^"]+)"><input type="hidden" name="where" value="([^"]+)"', r.text).groups()
    ok = post_form(reviewer, url + "/decisions", {"rule_id": rule_id, "where": where, "action": "accept", "reason": ""})
    assert ok.status_code == 200 and "审核员王某 采纳" in ok.text
    bad = post_form(reviewer, url + "/decisions", {"rule_id": rule_id, "where": where, "action": "dismiss", "reason": ""})
    assert bad.status_code == 422 and "不采纳须写明理由" in bad.text


def test_every_surface_shows_the_same_status_and_count(ui, tmp_path):
    """issue 17: one function (ChecklistRow.counts) for the CLI, the web and the opinion; hints are not 问题; a
    dismissed finding is not counted; a 通过 row is never red in the opinion."""
    import re

    from review_assistant.engine.casebook import EXAMPLES
    from review_assistant.case.inputs import parse_package
    from review_assistant.outputs.opinion import render
    from review_assistant.engine.review import get_reviewer
    from review_assistant.outputs.textview import render as text

    raw = (EXAMPLES / "market-regulation-flawed.json").read_bytes()
    report = get_reviewer().review(raw)
    cli = text(report, color=False)
    reviewer = ui("reviewer", "审核员")
    page = post_form(reviewer, "/ui/reviews", {"example": "market-regulation-flawed"}).text
    for row in report.checklist:
        n = row.counts()["issues"]
        assert re.search(rf"{row.label}\s+\S+ {row.status_label}\s+{n}\b", cli) or (n == 0 and row.label in cli)
        cell = re.search(rf'#item-{row.item}">{row.label}</a></td>\s*<td class="status[^"]*">[^<]*</td>\s*<td>(\d+)', page)
        assert cell and int(cell.group(1)) == n, row.item
    html = render(report, parse_package(raw), tmp_path / "o.html").read_text(encoding="utf-8")
    for row in report.checklist:
        css = {"pass": "ok", "gap": "gap", "issue": "issue"}[row.status]
        assert f'{row.label}：<span class="{css}">{row.status_label}</span>' in html
    # dismiss one finding: its row's count drops by one on the page
    rule_id, where = re.search(r'name="rule_id" value="([^"]+)"><input type="hidden" name="where" value="([^"]+)"', page).groups()
    item = next(f.item for f in report.findings if f.rule_id == rule_id and f.where == where)
    before = next(r.counts()["issues"] for r in report.checklist if r.item == item)
    url = re.search(r'action="(/ui/reviews/[^"]+)/decisions"', page).group(1)
    after_page = post_form(reviewer, url + "/decisions", {"rule_id": rule_id, "where": where, "action": "dismiss",
                                                          "reason": "已核实，不属于问题"}).text
    cell = re.search(rf'#item-{item}">[^<]+</a></td>\s*<td class="status[^"]*">[^<]*</td>\s*<td>(\d+)', after_page)
    assert int(cell.group(1)) == before - 1


def test_the_workspace_names_places_in_words_and_history_by_rule_titles(ui):
    import re

    reviewer = ui("reviewer", "审核员")
    page = post_form(reviewer, "/ui/reviews", {"example": "market-regulation-flawed"}).text
    assert "在案卷中查看：程序环节第5项" in page and "在案卷中查看（/" not in page
    from review_assistant.engine.casebook import apply, example

    fixed = apply(example("market-regulation-flawed"), {"/proposed_decision/penalties/2/amount": 30000})
    post_form(reviewer, "/ui/reviews", files={"file": ("p.json", json.dumps(fixed, ensure_ascii=False).encode())})
    case = re.search(r'href="/ui/cases/([^"]+)"', page).group(1)
    # the second review of the same case, with the fine put right, shows what changed by title and place
    history = reviewer.get(f"/ui/cases/{case}").text
    assert "罚款数额超出所引处罚依据的法定幅度（拟处理决定的第3项处罚（罚款）的金额）" in history
    assert "/proposed_decision" not in history and "LAW-002" not in history


def test_trainees_read_the_file_in_chinese_and_can_give_reasons_on_a_phone(ui):
    from review_assistant.service.web import bundled_cases

    trainee = ui("reviewer", "学员")
    case = bundled_cases()[0]
    page = trainee.get(f"/ui/teaching/{case['id']}").text
    assert "程序环节（" in page and "证据（" in page and "执法人员（" in page
    assert '"schema_version"' not in page and '"kind":' not in page  # no raw JSON, no English codes
    assert 'class="hide"' not in page.split("你的判断")[1]  # the reason field is never hidden


def test_a_pasted_package_over_one_megabyte_is_reviewed(ui):
    # the attack pass of 2026-12-04: Starlette's default form part limit (1 MB) refused a valid 1.2 MB paste in English
    reviewer = ui("reviewer", "审核员")
    p = json.loads((Path(__file__).resolve().parent.parent / "examples" / "food-safety-major-clean.json").read_text(encoding="utf-8"))
    p["facts_text"] = p.get("facts_text", "") + "。经查明的事实如上" * 45_000  # about 1.2 MB of UTF-8
    text = json.dumps(p, ensure_ascii=False)
    assert len(text.encode("utf-8")) > 1024 * 1024
    # pasted into the text box of the page's multipart form (the form also carries a file input)
    r = post_form(reviewer, "/ui/reviews", files={"text": (None, text.encode("utf-8"))})
    assert r.status_code == 200 and "审核结论" in r.text
