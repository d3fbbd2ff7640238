"""第六十三条 较大数额, in its documented order (README, catalogs/hearing_thresholds): the region's own rule for the field,
else the field's departmental rule; central vertical organs and 公安 keep their own figures in every province;
广东第七条第二款 lets a lower departmental figure prevail; with no rule for the case, only a figure above (or below)
every known threshold is certain. Worked by hand from the quoted articles."""
import importlib.util
from datetime import date

import pytest

from review_assistant.engine.casebook import ROOT, apply, example
from review_assistant.catalog.loader import load_catalogs
from review_assistant.engine.context import CaseContext
from review_assistant.case.models import CasePackage

spec = importlib.util.spec_from_file_location("procedure_rules_for_test", ROOT / "rules" / "procedure.py")
procedure = importlib.util.module_from_spec(spec)
spec.loader.exec_module(procedure)

CASES = [
    # (region, field, party kind, fine, required?, which figure, why)
    ("440100", "public_security", "individual", 3000, True, "公安", "广东的公安案件：公安规定第一百二十三条二千元，不是广东五千元"),
    ("440100", "tourism", "organization", 60000, True, "旅游", "广东：旅游办法五万元低于广东十万元，取低（第七条第二款）"),
    ("440100", "urban_management", "individual", 4000, False, None, "广东城管：五千元以上才属较大数额"),
    ("440100", "urban_management", "individual", 5000, True, "广东", "广东城管：五千元（含本数）"),
    ("310100", "customs", "organization", 100000, True, "海关", "上海的海关案件：海关规定十万元"),
    ("310100", "urban_management", "organization", 49000, False, None, "上海：五万元以上"),
    ("140400", "food_safety", "individual_business", 10000, True, "市场监管", "山西食品：市场监管听证办法一万元（含）"),
    ("140400", "agriculture", "individual", 10000, False, None, "农业农村部标准是“超过一万元”"),
]


@pytest.mark.parametrize("region,field,kind,fine,required,which,why", CASES, ids=[c[-1] for c in CASES])
def test_hearing_threshold_order(region, field, kind, fine, required, which, why):
    pkg = apply(example("food-safety-major-clean"), {
        "/agency/region_code": region, "/agency/id": "x-test", "/agency/name": "某测试机关", "/agency/domains": [field], "/domain": field,
        "/parties/0/kind": kind, "/proposed_decision/penalties": [{"type": "fine", "amount": fine}]})
    ctx = CaseContext(CasePackage.model_validate(pkg), load_catalogs(), date(2025, 6, 16))
    why_text, known = procedure._hearing_required(ctx)
    assert known
    assert bool(why_text) == required, why_text
    if which:
        assert which in why_text


def test_no_rule_for_the_case_is_certain_only_beyond_every_known_figure():
    def decide(fine):
        pkg = apply(example("food-safety-major-clean"), {
            "/agency/region_code": "430200", "/agency/id": "x-test", "/agency/name": "某测试机关", "/agency/domains": ["health"], "/domain": "health",
            "/parties/0/kind": "organization", "/proposed_decision/penalties": [{"type": "fine", "amount": fine}]})
        return procedure._hearing_required(CaseContext(CasePackage.model_validate(pkg), load_catalogs(), date(2025, 6, 16)))
    assert decide(60000) == (None, False)  # between known figures: a hint
    assert decide(500)[0] is None and decide(500)[1] is True  # below every figure for organizations
    assert "超过本目录收录的全部较大数额标准" in decide(200000)[0]
