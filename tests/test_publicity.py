"""Publicity after the decision (issue 18): the masked public text, the 信息摘要 and record, whether / by when / until
when, the PUB rules' data, the CLI, the API and the batch. Worked by hand from the texts in the shared law library:
总局令第45号 第二条、第九条至第十一条、第十三条；行政处罚法第四十八条、第八十五条；企业信息公示暂行条例第七条."""
import csv
import io
import json
import os
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_assistant.engine.casebook import EXAMPLES, apply, example
from review_assistant.catalog.loader import load_catalogs
from review_assistant.case.identity import uscc_ok
from review_assistant.case.inputs import parse_package
from review_assistant.case.masking import masker_for, public_text
from review_assistant.law.publicity import schedule
from review_assistant.outputs.publicity import build, public_document, record_csv, reviewer_sheet

CATALOGS = load_catalogs()
MASKER = masker_for(CATALOGS)
GOLDEN = Path(__file__).parent / "golden" / "publicity"
ROOT = Path(__file__).resolve().parent.parent
LAWFUL = sorted((ROOT / "examples" / "lawful" / "cases").glob("*.json"))
EVERY_EXAMPLE = sorted(EXAMPLES.glob("*.json")) + LAWFUL


def _pkg(data: dict):
    return parse_package(json.dumps(data, ensure_ascii=False).encode("utf-8"))


# --- random personal information ---------------------------------------------------------------------------

SURNAMES = [s for s in CATALOGS.masking_words["surnames"]] + list(CATALOGS.masking_words["compound_surnames"])
STOP = set(CATALOGS.masking_words["name_stop_chars"])
GIVEN = [c for c in "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉萍红娟建文辉力兰斌宇浩凯鹏飞波欣佳琳慧颖峰俊帆晨"
         "睿博瑞雪梅婷志刚国庆海燕春秋冬松柏林森淼鑫晶莹亮光荣福禄寿喜德仁义礼智信忠孝勤俭朴"
         if c not in STOP]
NON_NAMES = set(CATALOGS.masking_words["non_names"])
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_number(region: int, birth: date, seq: int) -> str:
    body = f"{region:06d}{birth:%Y%m%d}{seq:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS)) % 11]


names = st.builds(lambda s, g: s + "".join(g), st.sampled_from(SURNAMES),
                  st.lists(st.sampled_from(GIVEN), min_size=1, max_size=2)).filter(
    lambda n: n not in NON_NAMES and n[:2] not in NON_NAMES)
ids = st.builds(_id_number, st.integers(110000, 659999), st.dates(date(1950, 1, 1), date(2006, 12, 31)),
                st.integers(0, 999))
phones = st.builds(lambda p, n: f"1{p}{n:09d}", st.sampled_from("3456789"), st.integers(0, 10**9 - 1))
PLACES = ["河南省郑州市金水区", "广东省广州市天河区", "四川省成都市武侯区", "广西壮族自治区南宁市青秀区", "内蒙古自治区包头市昆都仑区",
          "浙江省杭州市余杭区", "北京市朝阳区", "上海市浦东新区", "江苏省苏州市吴江区", "湖北省襄阳市樊城区"]
streets = st.builds(lambda road, n, room: f"{road}路{n}号{room}室", st.sampled_from(["文化", "人民", "解放", "建设", "幸福", "和平"]),
                    st.integers(1, 999), st.integers(101, 2999))
plates = st.builds(lambda p, l, tail: f"{p}{l}{tail}", st.sampled_from("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"),
                   st.sampled_from("ABCDEFGHJKLMN"), st.text("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=5, max_size=5))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(EVERY_EXAMPLE), party=names, employee=names, witness=names, id_number=ids, phone=phones,
       place=st.sampled_from(PLACES), street=streets, plate=plates, as_individual=st.booleans())
def test_no_personal_information_survives_in_the_public_text(path, party, employee, witness, id_number, phone, place,
                                                             street, plate, as_individual):
    data = json.loads(path.read_text(encoding="utf-8"))
    business = data.get("parties", [{}])[0] if data.get("parties") else {}
    kept = []
    if as_individual or business.get("kind") == "individual":
        data["parties"] = [{"kind": "individual", "name": party, "id_number": id_number, "address": place + street}]
        intro = f"当事人：{party}，男，公民身份号码：{id_number}，住址：{place}{street}，联系电话：{phone}。"
    else:
        name, code = business.get("name", ""), business.get("id_number", "")
        kept = [n for n in (name.split("（")[0], code) if n and (n != code or uscc_ok(code))]
        data.setdefault("parties", [{}])[0]["representative"] = {"kind": "operator", "name": party}
        intro = f"当事人：{name}，统一社会信用代码：{code}，经营者{party}（身份证号码{id_number}，电话{phone}，住址：{place}{street}）。"
    steps = data.setdefault("steps", [])
    steps.append({"kind": "service", "date": "2025-06-20", "method": "left", "witnesses": [witness]})
    data["decision_text"] = (intro + "经查，员工" + employee + "当日在店内负责销售，见证人" + witness + "在场。"
                             + f"运输车辆号牌{plate}。" + (data.get("decision_text") or ""))
    package = _pkg(data)
    text, items = public_text(package.decision_text, package, MASKER)
    for secret in (party, employee, witness, id_number, phone, street, place + street, plate):
        assert secret not in text, (secret, text[:300])
    for value in kept:
        assert value in text
    originals = "".join(i.original for i in items if i.replacement is not None)
    for secret in (party, employee, witness, id_number, phone, plate):
        assert secret in originals, (secret, [(i.label, i.original) for i in items])
    assert any(street in i.original or i.original in street for i in items if i.kind == "address")
    assert all(i.where.startswith("决定书第") and i.why and i.basis for i in items)
    # the reviewer's list never reaches the public document
    pub = build(package, CATALOGS, date(2026, 12, 1))
    document = public_document(pub, "md").decode("utf-8")
    for secret in (id_number, phone, plate):
        assert secret not in document
    assert "仅供审核人员" not in document and "已隐去的信息" not in document


def test_masking_is_linear_in_the_text():
    """The masker is a handful of regular-expression passes: a text 8× longer takes about 8× the time."""
    import time

    package = _pkg(example("food-safety-major-clean"))
    unit = "经查，员工张伟在店内销售，联系电话13812345678，证人李娜证实。当事人住址：河南省郑州市金水区文化路12号。"

    def timed(n):
        text = unit * n
        start = time.perf_counter()
        public_text(text, package, MASKER)
        return time.perf_counter() - start

    timed(200)
    small, large = min(timed(1000) for _ in range(3)), min(timed(8000) for _ in range(3))
    assert large < small * 16, (small, large)


# --- whether, by when, until when ------------------------------------------------------------------------------

def _decided(data: dict, day: str, **extra) -> dict:
    data = apply(data, {"/stage": "post_decision", "/steps/-": {"kind": "decision", "date": day}})
    for step in extra.get("steps", []):
        data = apply(data, {"/steps/-": step})
    return data


def test_market_deadline_across_the_national_day_holiday():
    """Decision Friday 2025-09-26. Working days after it (国办发明电〔2024〕12号: 10月1日至8日放假, 9月28日（星期日）、10月11日
    （星期六）上班): 9/28 1, 9/29 2, 9/30 3, 10/9 4, 10/10 5, 10/11 6, 10/13–17 7–11, 10/20–24 12–16, 10/27–30 17–20 →
    the twentieth is Thursday 2025-10-30 (第九条)."""
    s = schedule(_pkg(_decided(example("food-safety-major-clean"), "2025-09-26")), CATALOGS, date(2025, 12, 1))
    assert s.duty == "required" and s.same_province is True
    assert s.publish_by == date(2025, 10, 30)
    assert "第九条" in s.deadline_basis and s.platform == "国家企业信用信息公示系统"
    assert not s.holes


def test_other_province_party_gets_the_push_deadline():
    """第十条: ten working days to push. Decision 2025-06-20 (Friday): 6/23–27 1–5, 6/30–7/4 6–10 → 2025-07-04."""
    data = apply(_decided(example("food-safety-major-clean"), "2025-06-20"), {"/parties/0/region_code": "110105"})
    s = schedule(_pkg(data), CATALOGS, date(2025, 12, 1))
    assert s.same_province is False and s.push_by == date(2025, 7, 4) and s.publish_by is None
    assert "第十条" in s.deadline_basis


@pytest.mark.parametrize("penalties,basis", [
    ([{"type": "warning"}], "第二条第二款"),
])
def test_warning_only_market_decision_is_not_published(penalties, basis):
    data = apply(_decided(example("food-safety-major-clean"), "2025-06-20"), {"/proposed_decision/penalties": penalties})
    pub = build(_pkg(data), CATALOGS, date(2025, 12, 1))
    assert pub.schedule.duty == "not_required" and basis in pub.schedule.whether_basis
    assert "不予公示" in pub.schedule.whether
    row = pub.requirements()[0]
    assert row[0] == "是否公示" and row[1].startswith("不予公示") and basis in row[2]


def test_simple_procedure_market_decision_is_outside_article_2():
    s = schedule(_pkg(example("simple-procedure-price-tag")), CATALOGS, date(2026, 12, 1))
    assert s.duty == "not_required" and "简易程序" in s.whether and s.whether_basis.endswith("第二条第一款")


def test_period_three_years_and_restriction_longer():
    """第十三条: three years from publication; a restriction longer than three years sets the period (第三款)."""
    data = _decided(example("food-safety-major-clean"), "2025-06-20", steps=[{"kind": "publicity", "date": "2025-07-01"}])
    s = schedule(_pkg(data), CATALOGS, date(2025, 12, 1))
    assert s.period == "自公示之日起三年" and s.until == date(2028, 7, 1)
    longer = apply(data, {"/proposed_decision/penalties/-": {"type": "restrict_practice", "duration_days": 1826 + 365}})
    s = schedule(_pkg(longer), CATALOGS, date(2025, 12, 1))
    assert "实际限制期限" in s.period and s.period_basis.endswith("第十三条第三款")


def test_low_fine_period_needs_the_province_figure(tmp_path):
    """第十三条第二款: 较低数额罚款由省级以上市场监督管理部门规定 — none is in the library, so a fine-only decision is
    three months or three years (a hint); with an office's figure the period is certain."""
    data = apply(_decided(example("food-safety-major-clean"), "2025-06-20",
                          steps=[{"kind": "publicity", "date": "2025-07-01"}]),
                 {"/proposed_decision/penalties": [{"type": "fine", "amount": 2000}]})
    s = schedule(_pkg(data), CATALOGS, date(2025, 12, 1))
    assert "三个月" in s.period and "三年" in s.period and any("较低数额" in h for h in s.holes)
    local = tmp_path / "publicity"
    local.mkdir()
    (local / "shanxi.yaml").write_text(
        "catalog: publicity\nversion: test\neffective_from: 2021-09-01\nsource: 测试用本地数据（非真实文件）\n"
        "low_fines:\n  - {id: test-14, region_prefix: '14', party_kinds: [individual_business, organization, individual],"
        " at_most: 5000, effective_from: 2021-09-01, basis: 测试, source: 测试}\n", encoding="utf-8")
    s = schedule(_pkg(data), load_catalogs(tmp_path), date(2025, 12, 1))
    assert s.period == "自公示之日起三个月" and s.until == date(2025, 10, 1)


def test_enterprise_in_another_field_is_published_without_a_known_period():
    """企业信息公示暂行条例第七条: other departments publish an enterprise's 行政处罚信息; the text sets no period."""
    path = ROOT / "examples" / "lawful" / "cases"
    data = next(json.loads(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.json"))
                if json.loads(p.read_text(encoding="utf-8")).get("domain") == "transport"
                and str(json.loads(p.read_text(encoding="utf-8"))["parties"][0].get("id_number", "")).startswith("91"))
    s = schedule(_pkg(data), CATALOGS, date(2026, 12, 1))
    assert s.duty == "required" and s.whether_basis == "《企业信息公示暂行条例》第七条第一款第（二）项"
    assert s.publish_by is None and any("未规定公示期限" in h for h in s.holes)


def test_individual_in_an_uncatalogued_field_is_the_agency_s_judgment():
    s = schedule(_pkg(example("urban-management-township")), CATALOGS, date(2026, 12, 1))
    assert s.duty == "agency_judgment" and "第四十八条第一款" in s.whether_basis
    assert any("城市管理领域的公示规定未收录" in h for h in s.holes)


# --- golden documents --------------------------------------------------------------------------------------------

GOLDEN_CASES = {
    "individual": ("urban-management-township", {}),
    "individual-business": ("food-safety-major-clean", {"/stage": "post_decision",
                                                        "/steps/-": {"kind": "decision", "date": "2025-06-20"}}),
    "company": ("lawful/cases/a04-ecommerce-default-bundling-yiwu", {}),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
@pytest.mark.parametrize("part", ["public", "reviewer"])
def test_golden_publicity_documents(name, part):
    base, patch = GOLDEN_CASES[name]
    data = apply(json.loads((EXAMPLES / f"{base}.json").read_text(encoding="utf-8")), patch)
    if name == "individual":  # a witness and an employee in the text as well
        data["decision_text"] = data["decision_text"].replace("经查，", "经查（见证人孙国华在场），员工刘海涛证实，")
    pub = build(_pkg(data), CATALOGS, date(2026, 12, 1))
    text = (public_document(pub, "md") if part == "public" else reviewer_sheet(pub, "md")).decode("utf-8")
    golden = GOLDEN / f"{name}-{part}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_docx_public_document_has_the_summary_before_the_text_and_no_reviewer_list():
    data = apply(example("urban-management-township"), {})
    pub = build(_pkg(data), CATALOGS, date(2026, 12, 1))
    document = docx.Document(io.BytesIO(public_document(pub, "docx")))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert paragraphs[0] == "行政处罚信息摘要" and "行政处罚决定书文号" in cells and "当事人基本情况" in cells
    whole = "\n".join(paragraphs + cells)
    assert "110112197803152314" not in whole and "赵某某" in whole and "隐去" not in whole


def test_record_csv_uses_the_catalog_columns_and_neutralizes_cells():
    pub = build(_pkg(example("food-safety-major-clean")), CATALOGS, date(2026, 12, 1))
    rows = list(csv.reader(io.StringIO(record_csv([pub.record, {**pub.record, "party_name": "=HYPERLINK(1)"}],
                                                  pub.columns).lstrip("\ufeff"))))
    assert rows[0][0] == "行政处罚决定书文号" and rows[1][0] == "长市监处〔2025〕0107号"
    assert rows[2][rows[0].index("行政相对人名称")] == "'=HYPERLINK(1)"


# --- CLI, API, batch -------------------------------------------------------------------------------------------

def _cli(*args):
    return subprocess.run([sys.executable, "-m", "review_assistant.service.cli", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_writes_public_files_and_a_separate_reviewer_sheet(tmp_path):
    r = _cli("publicity", str(EXAMPLES / "urban-management-township.json"), "--out", str(tmp_path), "--format", "html")
    assert r.returncode == 0, r.stderr
    files = {p.name: p for p in tmp_path.iterdir()}
    public = next(p for n, p in files.items() if n.endswith("公示文本.html")).read_text(encoding="utf-8")
    sheet = next(p for n, p in files.items() if "核对清单" in n).read_text(encoding="utf-8")
    assert "110112197803152314" not in public and "赵某某" in public
    assert "110112197803152314" in sheet and "仅供审核人员" in sheet
    assert any(n.endswith(".csv") for n in files) and any(n.endswith("公示记录.json") for n in files)
    assert _cli("publicity", str(EXAMPLES / "urban-management-township.json"), "--format", "docx").returncode == 2
    bad = _cli("publicity", str(tmp_path / "missing.json"))
    assert bad.returncode == 2 and "文件不存在" in bad.stderr and "Traceback" not in bad.stderr


def test_api_and_web_publicity(tmp_path):
    from fastapi.testclient import TestClient

    from review_assistant.service.records import RecordStore
    from review_assistant.service.server import create_app

    store = RecordStore(f"sqlite:///{tmp_path / 'records.sqlite3'}")
    client = TestClient(create_app(store))
    _, mine = store.create_token("case_system", "甲办案系统")
    _, other = store.create_token("case_system", "乙办案系统")
    body = (EXAMPLES / "urban-management-township.json").read_bytes()
    rid = client.post("/v1/reviews", content=body, headers={"Authorization": f"Bearer {mine}"}).json()["review_id"]
    auth = {"Authorization": f"Bearer {mine}"}
    got = client.get(f"/v1/reviews/{rid}/publicity", headers=auth).json()
    assert "110112197803152314" not in got["public"]["decision_text"]
    assert got["reviewer_only"]["masked"][0]["where"].startswith("决定书第")
    assert got["schedule"]["duty"] == "agency_judgment"
    assert client.get(f"/v1/reviews/{rid}/publicity?format=docx", headers=auth).content[:2] == b"PK"
    assert client.get(f"/v1/reviews/{rid}/publicity?format=csv", headers=auth).text.lstrip("\ufeff").startswith("行政处罚决定书文号")
    sheet = client.get(f"/v1/reviews/{rid}/publicity?format=md&part=reviewer", headers=auth).text
    assert "仅供审核人员" in sheet
    assert client.get(f"/v1/reviews/{rid}/publicity", headers={"Authorization": f"Bearer {other}"}).status_code == 404
    assert client.get(f"/v1/reviews/{rid}/publicity?format=pdf", headers=auth).status_code == 422


def test_batch_publicity_writes_one_csv_of_decided_cases(tmp_path):
    r = _cli("batch", str(ROOT / "examples" / "lawful"), "--out", str(tmp_path), "--publicity", "--quiet")
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO((tmp_path / "publicity.csv").read_text(encoding="utf-8").lstrip("\ufeff"))))
    decided = sum(1 for p in LAWFUL if '"kind": "decision"' in p.read_text(encoding="utf-8").replace('"kind":"decision"', '"kind": "decision"'))
    assert len(rows) - 1 == decided and rows[0][:3] == ["案卷", "是否公示", "行政处罚决定书文号"]
    assert len(list((tmp_path / "publicity").glob("*-公示文本.md"))) == decided
    assert "公示：已作出决定的案件" in r.stdout


def test_patterns_that_check_the_character_before_after_the_first_give_the_same_matches():
    """The identifier patterns consume their first character before looking behind it (so that the engine can skip to
    the characters a match can start with): the same matches as the look-behind-first patterns they replace."""
    import re

    from review_assistant.case import masking

    before = {
        "_ID": r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])",
        "_CODE18": r"(?<![0-9A-Za-z])([0-9A-HJ-NP-RT-UW-Y]{18})(?![0-9A-Za-z])",
        "_MOBILE": r"(?<![\d.])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![\d.])",
        "_LANDLINE": r"(?<![\d.])(?:0\d{2,3}[-－—]\d{7,8}|\(0\d{2,3}\)\d{7,8}|（0\d{2,3}）\d{7,8})(?:[-－转]\d{1,5})?(?![\d.])",
        "_DIGIT_RUN": r"(?<![\d.])\d(?:[ -]?\d){11,29}(?![\d.])",
    }
    rng = random.Random(20261201)
    pieces = ["a", "1", ".", "(", "（", "0", "X", " ", "-", "—", "转", "+86", "86 ", "13912345678", "139 1234 5678",
              "0755-12345678", "（010）12345678", "(021)87654321", "11010519491231002X", "110105491231002",
              "91350100M000100Y43", "6222021234567890123", "１２３", "号码", "\n"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8))) for _ in range(20000)]
    texts += ["".join(rng.choice("0123456789０１+-. ()（）XxA中\n") for _ in range(rng.randrange(1, 40))) for _ in range(20000)]
    for name, pattern in before.items():
        old, new = re.compile(pattern), getattr(masking, name)
        for text in texts:
            assert [(m.span(), m.groups()) for m in new.finditer(text)] == \
                   [(m.span(), m.groups()) for m in old.finditer(text)], (name, text)


def test_the_package_s_names_are_found_as_the_regex_alternation_found_them():
    """The package's own names (parties, witnesses, addresses) are found with ``str.find`` instead of a regex compiled
    per case: leftmost, the longest at a place, none overlapping — the same spans as the alternation it replaces."""
    import re

    from review_assistant.case.masking import occurrences

    rng = random.Random(20261202)
    alphabet = "张王李伟娜三某（）市"
    for _ in range(20000):
        words = {"".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 4))) for _ in range(rng.randrange(1, 5))}
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        regex = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
        assert occurrences(words, text) == [(m.start(), m.end(), m.group(0)) for m in regex.finditer(text)], (words, text)
