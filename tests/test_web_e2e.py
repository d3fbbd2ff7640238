"""End to end in real headless Chromium (Debian's chromium, driven by Playwright with executable_path), against
the real server started here: a reviewer signs in, uploads, reads the result, dismisses a finding and downloads
the opinion; a trainee does a teaching exercise to its score; bad uploads give a message on the page.
Screenshots of every page at desktop width and at 390 px go to tests/screenshots/."""
import json
import os
import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import docx
import httpx
import pytest

from review_assistant.engine.casebook import EXAMPLES, apply, example
from review_assistant.service.cli import main
from review_assistant.service.records import RecordStore
from review_assistant.engine.rulebook import ITEMS
from review_assistant.outputs.timefmt import BEIJING
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


def overflow(page) -> int:
    """How far the page is wider than the window (0: nothing to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def shoot(page, name, parts=None):
    """Each page at desktop width and at 390 px (a phone); at neither may the page scroll sideways. The shots are
    cut at 1,600 px of height so they stay small; ``parts`` (suffix → selector) are shot on their own as well (a part
    further down a long page)."""
    for width, label in ((1280, "desktop"), (390, "390px")):
        page.set_viewport_size({"width": width, "height": 900})
        assert overflow(page) <= 0, f"{name} overflows at {width} px"
        height = min(page.evaluate("document.documentElement.scrollHeight"), 1600)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), clip={"x": 0, "y": 0, "width": width, "height": height},
                        full_page=True)
        for suffix, selector in (parts or {}).items():
            page.locator(selector).first.screenshot(path=str(SHOTS / f"{name}-{suffix}-{label}.png"))
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
    at = page.inner_text("#item-criminal_referral details table")  # the package at the place, in Chinese
    assert "销售金额" in at and "68,000 元" in at and "sales_amount" not in at and "{" not in at
    every = "\n".join(page.locator("table.at").all_text_contents())  # every finding's place: no JSON anywhere
    assert "询问" in every and "{" not in every and '":' not in every and "obtained_by" not in every
    shoot(page, "03-result", {"at-place": "#item-criminal_referral"})
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
    assert f"得分：{len(ITEMS)} / {len(ITEMS)}" in page.inner_text("main")
    assert "OFF-001" in page.inner_text("main")  # explained with the rule's teaching card
    shoot(page, "08-score")
    page.click("text=学员成绩")
    assert "执法人员资格" in page.inner_text("main") and "100%" in page.inner_text("main")
    shoot(page, "09-results")
    context.close()


# --- the same package on every surface, and the reviewer's decisions --------------------------------------
MARK = re.compile(r"([✓✗?])\s*(通过|存在问题|材料不足)")


def first_int(text: str) -> int:
    m = re.match(r"\s*(\d+)", text)
    return int(m.group(1)) if m else 0


def cli_counts(capsys, path, gaps: bool = False) -> dict:
    """审核事项 → (结论, 问题数[, 材料不足]) as `review-assistant check` prints them."""
    main(["check", str(path), "--color", "never"])
    out = {}
    for line in capsys.readouterr().out.splitlines():
        for label in ITEMS.values():
            if line.startswith(label) and MARK.search(line):
                rest = line[MARK.search(line).end():]
                gap = re.search(r"材料不足 (\d+)", rest)
                out[label] = (MARK.search(line).group(2), first_int(rest)) + ((int(gap.group(1)) if gap else 0,) if gaps else ())
    return out


def web_counts(page, gaps: bool = False) -> dict:
    out = {}
    for row in page.locator("#checklist tr").all()[1:]:
        cells = row.locator("td").all_inner_texts()
        gap = re.search(r"材料不足 (\d+)", cells[2])
        out[cells[0].strip()] = (MARK.search(cells[1]).group(2), first_int(cells[2])) + ((int(gap.group(1)) if gap else 0,) if gaps else ())
    return out


def api_counts(base, secret, review_id, gaps: bool = False) -> dict:
    r = httpx.get(f"{base}/v1/reviews/{review_id}", headers={"Authorization": f"Bearer {secret}"}, timeout=30)
    assert r.status_code == 200, r.text
    return {row["label"]: (row["status_label"], sum(1 for f in row["findings"] if not f["gap"] and f["severity"] != "hint"))
            + ((sum(1 for f in row["findings"] if f["gap"]),) if gaps else ()) for row in r.json()["checklist"]}


def opinion_counts(path, gaps: bool = False) -> dict:
    """From the Word opinion: each item's heading （k）label：status。 and its findings 问题N [kind] that are not 提示/材料不足
    (and, with ``gaps``, those that are 材料不足)."""
    out, label = {}, None
    for p in docx.Document(str(path)).paragraphs:
        m = re.match(r"（\d+）(.+?)：(通过|存在问题|材料不足)。$", p.text)
        if m:
            label = m.group(1)
            out[label] = [m.group(2), 0, 0]
        elif p.text.startswith("四、"):
            label = None
        elif label and (k := re.match(r"问题\d+ \[(.+?)\]", p.text)) and k.group(1) != "提示":
            out[label][2 if k.group(1) == "材料不足" else 1] += 1
    return {k: tuple(v if gaps else v[:2]) for k, v in out.items()}


def download_docx(page, path):
    with page.expect_download() as download:
        page.click("text=下载意见书（Word）")
    download.value.save_as(str(path))
    return path


def test_surfaces_agree_before_and_after_a_dismissal(server, browser, tmp_path, capsys):
    base, keys = server
    source = EXAMPLES / "market-regulation-flawed.json"
    cli = cli_counts(capsys, source)
    assert set(cli) == set(ITEMS.values()) and cli["执法文书"][1] >= 1 and sum(v[1] for v in cli.values()) >= 7
    context, page = sign_in(browser, base, keys["reviewer"])
    page.set_input_files("#file", str(source))
    page.click("button[type=submit]")
    page.wait_for_url("**/ui/reviews/*")
    review_id = page.url.rstrip("/").rsplit("/", 1)[1]
    before = web_counts(page)
    assert before == cli == api_counts(base, keys["reviewer"], review_id) == opinion_counts(download_docx(page, tmp_path / "a.docx"))

    # 不采纳 needs a reason: without one the page says so and nothing is recorded
    form = page.locator("#item-criminal_referral form").first
    form.locator("button[value=dismiss]").click()
    page.wait_for_load_state()
    assert "不采纳须写明理由" in page.inner_text("[role=alert]")
    page.go_back()
    page.reload()
    assert "审核人员的决定" not in page.inner_text("main")
    # 采纳 needs none
    page.locator("#item-officer form").first.locator("button[value=accept]").click()
    page.wait_for_url(f"**/ui/reviews/{review_id}")
    assert "已采纳" in page.inner_text("#item-officer") and "[role=alert]" not in page.content()
    form = page.locator("#item-criminal_referral form").first
    form.locator("input[name=reason]").fill("公安机关已出具不予立案通知书")
    form.locator("button[value=dismiss]").click()
    page.wait_for_url(f"**/ui/reviews/{review_id}")
    # the decider by name, the time in Beijing time
    decisions = page.inner_text("main .card:last-of-type")
    assert "北京时间" in decisions and "审核员王 不采纳" in decisions and "审核员王 采纳" in decisions
    assert "公安机关已出具不予立案通知书" in decisions
    shown = re.findall(r"(\d{4}-\d{2}-\d{2} \d{2}:\d{2})：", decisions)
    now = datetime.now(BEIJING).replace(tzinfo=None)
    assert shown and all(abs(datetime.strptime(t, "%Y-%m-%d %H:%M") - now) < timedelta(minutes=3) for t in shown)
    shoot(page, "10-result-decided", {"decisions": "main .card:last-of-type"})

    after = web_counts(page)
    assert after["涉嫌犯罪移送"] == ("通过", 0) and after["证据"] == before["证据"]  # accepted: still counted
    assert {k: v for k, v in after.items() if k != "涉嫌犯罪移送"} == {k: v for k, v in before.items() if k != "涉嫌犯罪移送"}
    assert after == api_counts(base, keys["reviewer"], review_id) == opinion_counts(download_docx(page, tmp_path / "b.docx"))

    # the HTML opinion on a phone: nothing wider than the screen
    page.goto(f"{base}/ui/reviews/{review_id}/opinion?format=html")
    assert "法制审核意见书" in page.inner_text("body")
    shoot(page, "11-opinion-html")
    context.close()


def test_history_names_rules_by_title(server, browser):
    base, keys = server
    context, page = sign_in(browser, base, keys["reviewer"])
    fixed = apply(example("market-regulation-flawed"), {"/proposed_decision/penalties/2/amount": 30000})
    for text in (json.dumps(example("market-regulation-flawed"), ensure_ascii=False), json.dumps(fixed, ensure_ascii=False)):
        page.goto(f"{base}/ui/")
        page.fill("#text", text)
        page.click("button[type=submit]")
        page.wait_for_url("**/ui/reviews/*")
    page.click("text=本案历次送审")
    page.wait_for_url("**/ui/cases/*")
    table = page.inner_text("main table")
    assert "时间（北京时间）" in table
    assert "罚款数额超出所引处罚依据的法定幅度" in table and "LAW-" not in table and "/proposed_decision" not in table
    shoot(page, "12-history-titles")
    context.close()


def test_case_system_cannot_open_another_users_review(server, browser):
    base, keys = server
    r = httpx.post(f"{base}/v1/reviews", headers={"Authorization": f"Bearer {keys['reviewer']}"},
                   content=(EXAMPLES / "food-safety-major-clean.json").read_bytes(), timeout=30)
    assert r.status_code == 201, r.text
    review_id = r.json()["review_id"]
    context, page = sign_in(browser, base, keys["case_system"])
    page.goto(f"{base}/ui/reviews/{review_id}")
    text = page.inner_text("[role=alert]")
    assert "不存在" in text and "无权查看" in text
    assert "审核结论" not in page.inner_text("main") and "刘记砂锅店" not in page.inner_text("main")
    shoot(page, "13-not-yours")
    page.goto(f"{base}/ui/reviews/{review_id}/opinion?format=html")
    assert "法制审核意见书" not in page.inner_text("body")
    assert httpx.get(f"{base}/v1/reviews/{review_id}", headers={"Authorization": f"Bearer {keys['case_system']}"},
                     timeout=30).status_code == 404
    context.close()


def test_teaching_on_a_phone(server, browser):
    base, keys = server
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base}/ui/login")
    page.fill("#token", keys["trainer"])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/ui/")
    page.goto(f"{base}/ui/teaching")
    page.click("text=一人询问")
    assert overflow(page) <= 0
    for box in page.locator("input[name^=why_]").all():  # the reason field of every item, on screen
        assert box.is_visible()
        b = box.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= 390 and b["width"] > 150
    for summary in page.locator("div.card details summary").all():
        summary.click()
    card = page.inner_text("div.card")
    assert "询问" in card and "调查人员" in card and "当事人陈述" in card or "书证" in card
    for raw in ("inquiry", "investigator", "obtained_by", "{", "documentary"):
        assert raw not in card, raw
    page.locator("div.card").first.screenshot(path=str(SHOTS / "14-exercise-file-390px.png"))
    context.close()


def test_surfaces_agree_on_an_incomplete_package(server, browser, tmp_path, capsys):
    """材料不足 rows: the same status and counts (问题 and 材料不足) in the CLI, the web page, the API and the opinion."""
    base, keys = server
    source = EXAMPLES / "incomplete-package.json"
    cli = cli_counts(capsys, source, gaps=True)
    r = httpx.post(f"{base}/v1/reviews", headers={"Authorization": f"Bearer {keys['reviewer']}"}, content=source.read_bytes(),
                   timeout=30)
    review_id = r.json()["review_id"]
    path = tmp_path / "o.docx"
    path.write_bytes(httpx.get(f"{base}/v1/reviews/{review_id}/opinion?format=docx",
                               headers={"Authorization": f"Bearer {keys['reviewer']}"}, timeout=30).content)
    context, page = sign_in(browser, base, keys["reviewer"])
    page.goto(f"{base}/ui/reviews/{review_id}")
    web = web_counts(page, gaps=True)
    assert sum(v[2] for v in web.values()) >= 5 and "材料不足" in {v[0] for v in cli.values()}
    assert web == api_counts(base, keys["reviewer"], review_id, gaps=True) == opinion_counts(path, gaps=True)
    assert web == cli
    context.close()


def test_a_long_html_opinion_fits_a_phone(server, browser):
    """46 findings, long places and bases: the printable opinion still fits 390 px without sideways scrolling."""
    from tests.test_opinion import many_defects

    base, keys = server
    r = httpx.post(f"{base}/v1/reviews", headers={"Authorization": f"Bearer {keys['reviewer']}"},
                   content=json.dumps(many_defects(), ensure_ascii=False).encode("utf-8"), timeout=60)
    assert r.status_code == 201, r.text
    context, page = sign_in(browser, base, keys["reviewer"])
    page.goto(f"{base}/ui/reviews/{r.json()['review_id']}/opinion?format=html")
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 844})
        assert overflow(page) <= 0, width
        assert page.evaluate("Math.max(...[...document.querySelectorAll('table, p, li')].map(e => e.getBoundingClientRect().right))") <= width
    top = page.locator(".appendix").bounding_box()["y"]
    page.screenshot(path=str(SHOTS / "15-opinion-appendix-390px.png"), full_page=True,
                    clip={"x": 0, "y": top, "width": 390, "height": 1400})
    context.close()


def _chinese_font() -> bool:
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True) if shutil.which("fc-list") else None
    return bool(out and out.stdout.strip())


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed; .ci/run installs it")
def test_the_printed_html_opinion_numbers_its_pages(server, browser, tmp_path):
    """Printed from the browser, every page of the HTML opinion says 第N页 共M页 (CSS page margin boxes)."""
    if not _chinese_font():  # Chromium prints missing glyphs: 第N页 cannot be read back from the PDF
        if os.environ.get("CI"):
            pytest.fail("no Chinese font (.ci/run installs fonts-noto-cjk)")
        pytest.skip("no Chinese font installed (fonts-noto-cjk)")
    from tests.test_opinion import many_defects

    base, keys = server
    r = httpx.post(f"{base}/v1/reviews", headers={"Authorization": f"Bearer {keys['reviewer']}"},
                   content=json.dumps(many_defects(), ensure_ascii=False).encode("utf-8"), timeout=60)
    context, page = sign_in(browser, base, keys["reviewer"])
    page.goto(f"{base}/ui/reviews/{r.json()['review_id']}/opinion?format=html")
    pdf = tmp_path / "opinion.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    context.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 3
    for n, body in enumerate(pages, 1):
        assert re.search(rf"第\s*{n}\s*页\s*共\s*{len(pages)}\s*页", body), (n, body[-200:])
