"""End to end in real headless Chromium (Debian's chromium, driven by Playwright with executable_path), against
the real server started here: a reviewer signs in, uploads, reads the result, dismisses a finding and downloads
the opinion; a trainee does a teaching exercise to its score; bad uploads give a message on the page.
Screenshots of every page at desktop width and at 390 px go to tests/screenshots/."""
import os
import shutil
from pathlib import Path

import pytest

from review_assistant.casebook import EXAMPLES
from review_assistant.records import RecordStore
from tests.api_process import start_api

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(__file__).parent / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium not installed (.ci/run installs Debian's chromium)")
        pytest.skip("no chromium here")
    db = f"sqlite:///{tmp_path_factory.mktemp('web') / 'records.sqlite3'}"
    store = RecordStore(db)
    keys = {role: store.create_token(role, name)[1] for role, name in
            (("reviewer", "审核员王"), ("trainer", "培训员李"), ("case_system", "办案系统"))}
    proc, base = start_api({"REVIEW_ASSISTANT_DB": db, "REVIEW_ASSISTANT_RATE": "1000"})
    yield base, keys
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def shoot(page, name):
    """Each page at desktop width and at 390 px (a phone)."""
    for width, label in ((1280, "desktop"), (390, "390px")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def sign_in(browser, base, secret):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/ui/")
    assert "/ui/login" in page.url
    shoot(page, "01-login")
    page.fill("#token", secret)
    page.keyboard.press("Enter")  # keyboard only
    page.wait_for_url(f"{base}/ui/")
    return context, page


def test_reviewer_flow(server, browser, tmp_path):
    base, keys = server
    context, page = sign_in(browser, base, keys["reviewer"])
    shoot(page, "02-submit")
    page.set_input_files("#file", str(EXAMPLES / "market-regulation-flawed.json"))
    page.click("button[type=submit]")
    page.wait_for_url("**/ui/reviews/*")
    assert "不同意" in page.inner_text("main")
    for label in ("执法主体", "执法人员资格", "涉嫌犯罪移送"):
        assert label in page.inner_text("#checklist")
    assert "✗ 存在问题" in page.inner_text("#checklist")  # status in words, not colour alone
    page.click("#item-criminal_referral details summary")
    assert "sales_amount" in page.inner_text("#item-criminal_referral pre")
    shoot(page, "03-result")
    form = page.locator("#item-criminal_referral form").first
    form.locator("input[name=reason]").fill("公安机关已出具不予立案通知书")
    form.locator("button[value=dismiss]").click()
    page.wait_for_load_state()
    assert "不采纳" in page.inner_text("#item-criminal_referral")
    assert "退回补充" in page.inner_text("main")  # the blocking finding no longer decides; the evidence still has to be gathered
    with page.expect_download() as download:
        page.click("text=下载意见书（Word）")
    path = tmp_path / "opinion.docx"
    download.value.save_as(str(path))
    assert path.read_bytes()[:2] == b"PK"
    page.click("text=本案历次送审")
    page.wait_for_url("**/ui/cases/*")
    shoot(page, "04-history")
    page.goto(f"{base}/ui/")
    page.fill("#text", '{"schema_version": "1", "case_id": ')  # not JSON
    page.click("button[type=submit]")
    assert "JSON 格式错误" in page.inner_text("[role=alert]")
    shoot(page, "05-bad-upload")
    page.fill("#text", '{"schema_version": "1", "case_id": "x", "violation": {"occurred_on": "2025-02-30"}}')
    page.click("button[type=submit]")
    assert "/violation/occurred_on" in page.inner_text("[role=alert]")
    big = tmp_path / "big.json"
    big.write_bytes(b'{"schema_version": "1", "case_id": "x", "facts_text": "' + b"a" * (20 * 1024 * 1024) + b'"}')
    page.set_input_files("#file", str(big))
    page.click("button[type=submit]")
    assert "过大" in page.inner_text("[role=alert]")
    context.close()


def test_teaching_flow(server, browser):
    base, keys = server
    context, page = sign_in(browser, base, keys["trainer"])
    page.click("text=案例教学")
    assert page.locator(".grid .card").count() >= 12
    shoot(page, "06-teaching")
    page.click("text=一人询问")
    shoot(page, "07-exercise")
    for row in page.locator("form.card table tr").all()[1:]:
        row.locator("input[value=pass]").check()
    page.locator("input[name=officer][value=issue]").check()
    page.fill("input[name=why_officer]", "询问只有一名执法人员")
    page.click("text=提交并评分")
    assert "得分：10 / 10" in page.inner_text("main")
    assert "OFF-001" in page.inner_text("main")  # explained with the rule's teaching card
    shoot(page, "08-score")
    page.click("text=学员成绩")
    assert "执法人员资格" in page.inner_text("main") and "100%" in page.inner_text("main")
    shoot(page, "09-results")
    context.close()
