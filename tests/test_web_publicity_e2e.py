"""The workspace's 公示版本 page in real headless Chromium: the public text without the ID number, the reviewer's
masking list beside it, downloads of the Word document and the CSV record, and no sideways scrolling on a phone.
Screenshots at 1280 and 390 px go to tests/screenshots/ (15-publicity-*)."""
from tests.test_web_e2e import CHROMIUM, browser, server, shoot, sign_in  # noqa: F401 — fixtures

from review_assistant.engine.casebook import EXAMPLES


def test_publicity_page(server, browser):  # noqa: F811
    base, keys = server
    context, page = sign_in(browser, base, keys["reviewer"])
    page.set_input_files("#file", str(EXAMPLES / "urban-management-township.json"))
    page.click("button[type=submit]")
    page.wait_for_url("**/ui/reviews/*")
    page.click("text=公示版本")
    page.wait_for_url("**/publicity")
    cards = page.locator(".card")
    public, reviewer = cards.nth(1).inner_text(), cards.nth(2).inner_text()
    assert "行政处罚信息摘要" in public and "赵某某" in public and "110112197803152314" not in public
    assert "110112197803152314" in reviewer and "仅供审核人员" in reviewer and "身份证件号码" in reviewer
    assert "由本机关判断" in page.inner_text("main") and "第四十八条" in page.inner_text("main")
    with page.expect_download() as got:
        page.click("text=下载公示文本（Word）")
    assert got.value.suggested_filename.endswith(".docx")
    with page.expect_download() as got:
        page.click("text=下载公示记录（CSV）")
    assert got.value.suggested_filename.endswith(".csv")
    shoot(page, "15-publicity")
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()
