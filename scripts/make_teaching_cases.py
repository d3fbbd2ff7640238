"""Build the bundled teaching cases (review_assistant/teaching_cases/*.json): realistic packages from the examples,
each with one or more defects, and the hidden answer (status of each checklist item) as the reviewer finds it.
A test re-reviews every case and checks that the stored answer still holds.

    python scripts/make_teaching_cases.py
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_assistant.engine.casebook import apply, example  # noqa: E402
from review_assistant.engine.review import get_reviewer  # noqa: E402

OUT = ROOT / "review_assistant" / "teaching_cases"

CASES = [
    ("tc01", "餐饮店无证经营（规范案卷）", "食品经营许可证过期后继续经营，罚款六万元。先判断这份案卷是否可以同意。", "food-safety-major-clean", {}, []),
    ("tc02", "电线电缆以次充好", "销售不合格电线，销售金额六万八千元，拟罚款四万元。问题不止一处。", "market-regulation-flawed", {}, []),
    ("tc03", "材料不全的明码标价案件", "送审材料只有寥寥几项，哪些事项无法判断？", "incomplete-package", {}, []),
    ("tc04", "宋庄镇未批先建", "乡镇依下放职权处罚违法建设，按工程造价百分之六罚款。", "urban-management-township", {}, []),
    ("tc05", "无证普通货运：新旧条例的选择", "违法行为在条例修订前，决定在修订后。", "transport-unlicensed-freight", {}, []),
    ("tc06", "检测中心以自己名义处罚", "受委托组织作出的处罚决定。", "food-safety-major-clean",
     {"/agency/name": "长治市食品药品检验检测中心", "/agency/acts_as": "delegated", "/agency/delegated_by": "长治市市场监督管理局"}, []),
    ("tc07", "一人询问", "询问笔录只有一名执法人员。", "food-safety-major-clean", {"/steps/2/officers": ["14040000101"]}, []),
    ("tc08", "当事人身份证号码", "核对当事人的证件号码。", "urban-management-township", {"/parties/0/id_number": "110112197803152315"}, []),
    ("tc09", "情节轻微已改正仍罚款", "违法行为轻微、及时改正、没有危害后果。", "food-safety-major-clean",
     {"/violation/circumstance": "minor", "/violation/description": "销售超过保质期的预包装食品，违法行为轻微并已及时改正"}, []),
    ("tc10", "未告知即决定", "案卷评查：决定书已经作出。", "food-safety-major-clean",
     {"/stage": "post_decision", "/steps/-": {"kind": "decision", "date": "2025-06-20", "document": "D8"},
      "/documents/-": {"id": "D8", "kind": "decision", "title": "行政处罚决定书", "date": "2025-06-20", "signed": True, "sealed": True}},
     ["/steps/4"]),
    ("tc11", "外地发生的违法行为", "违法行为发生在晋城市。", "food-safety-major-clean", {"/violation/place_region_code": "140502"}, []),
    ("tc12", "不完整的决定书代拟稿", "决定书缺少法定事项。", "food-safety-major-clean",
     {"/decision_text": "当事人：长治市潞州区英雄南路刘记砂锅店（经营者：刘某某），经营场所：长治市潞州区英雄南路。经查，当事人未取得许可从事餐饮服务，"
                        "以上事实有现场检查笔录等证据为证。当事人的上述行为违反了《中华人民共和国食品安全法》第三十五条第一款的规定。"
                        "依据《中华人民共和国食品安全法》第一百二十二条第一款的规定，本局拟决定：一、没收违法所得人民币陆仟伍佰元整；"
                        "二、没收违法经营的食品及原料；三、罚款人民币陆万元整。"}, []),
    ("tc13", "移送公安机关拖了三天", "销售金额已达追诉标准，机关决定移送。核对移送程序本身。", "market-regulation-flawed",
     {"/proposed_decision": {"outcome": "refer"}, "/decision_text": "",
      "/steps/6": {"kind": "referral_report", "date": "2025-05-14", "officers": ["14040000101", "14040000102"], "document": "D10"},
      "/steps/7": {"kind": "referral_approval", "date": "2025-05-16", "time": "16:30", "approved": True},
      "/steps/8": {"kind": "referral", "date": "2025-05-19", "time": "09:00", "document": "D11"},
      "/documents/5": {"id": "D10", "kind": "referral_report", "title": "关于移送涉嫌犯罪案件的报告", "date": "2025-05-14", "signed": True},
      "/documents/6": {"id": "D11", "kind": "referral_letter", "title": "涉嫌犯罪案件移送书", "date": "2025-05-19", "sealed": True}},
     []),
    ("tc14", "事实认定与笔录对不上", "事实认定里写的日期，和笔录、案卷数据逐一核对。", "food-safety-major-clean",
     {"/facts_text": "经查明，当事人食品经营许可证有效期至2025年1月8日届满，届满后未重新取得许可，自2025年1月10日起继续在潞州区英雄南路"
                     "经营砂锅店，向社会公众提供餐饮服务，至2025年4月23日被本局执法人员现场检查时止。经核查收银系统营业流水，当事人违法经营期间"
                     "违法所得6500元；现场清点违法经营的食品及原料货值2800元。"}, []),
    ("tc15", "决定作出一个多月才公示", "案卷评查：决定已于2025年6月20日作出并送达，核对事后公开。", "food-safety-major-clean",
     {"/stage": "post_decision", "/steps/-": {"kind": "decision", "date": "2025-06-20", "document": "D8"},
      "/documents/-": {"id": "D8", "kind": "decision", "title": "行政处罚决定书", "date": "2025-06-20", "signed": True, "sealed": True},
      "/steps/8": {"kind": "service", "date": "2025-06-20", "method": "in_person", "document": "D9"},
      "/steps/9": {"kind": "publicity", "date": "2025-08-04", "platform": "国家企业信用信息公示系统"},
      "/steps/10": {"kind": "legal_review", "date": "2025-06-18", "officers": ["14040000201"]},
      "/documents/8": {"id": "D9", "kind": "service_receipt", "title": "送达回证", "date": "2025-06-20", "signed": True}},
     []),
]


def main():
    reviewer = get_reviewer()
    OUT.mkdir(parents=True, exist_ok=True)
    for case_id, title, summary, base, changes, removals in CASES:
        package = apply(example(base), changes, removals)
        report = reviewer.review(package)
        answer = {"items": {row.item: row.status for row in report.checklist},
                  "notes": {row.item: "；".join(f"{f.rule_id} {f.title}" for f in row.findings if f.severity != "hint")
                            for row in report.checklist if any(f.severity != "hint" for f in row.findings)},
                  "conclusion": report.conclusion}
        body = {"id": case_id, "title": title, "summary": summary, "package": package, "answer": answer}
        (OUT / f"{case_id}.json").write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(case_id, answer["conclusion"], [k for k, v in answer["items"].items() if v != "pass"])


if __name__ == "__main__":
    main()
