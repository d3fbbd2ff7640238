"""The package's vocabulary in Chinese: step kinds, service methods, penalty types (and which steps are investigative).
Every surface (rules' messages, the opinion, the workspace, publicity documents) names things the same way."""

import re

INVESTIGATIVE_STEPS = ("inspection", "inquiry", "sampling", "preservation", "seizure")
STEP_LABELS = {
    "filing": "立案", "inspection": "现场检查", "inquiry": "询问", "sampling": "抽样", "preservation": "先行登记保存",
    "seizure": "查封扣押", "investigation_report": "调查终结", "prior_notice": "事先告知", "statement": "陈述申辩",
    "hearing_notice": "听证告知", "hearing_request": "听证申请", "hearing": "听证", "collective_discussion": "集体讨论",
    "legal_review": "法制审核", "decision": "决定", "service": "送达", "extension": "延期批准",
    "referral_report": "移送报告", "referral_approval": "移送审批", "referral": "移送公安机关",
    "hearing_schedule": "听证通知", "preservation_decision": "先行登记保存处理决定", "seizure_extension": "延长查封扣押",
    "test_result_notice": "检测结果告知", "execution": "执行",
    "reminder": "催告", "court_enforcement_application": "申请人民法院强制执行",
}
# v1.1 amount keys → the key the law catalog uses for the same base (fines.AMOUNT_LABELS)
AMOUNT_ALIASES = {"advertising_cost": "advertising_fee", "illegal_business_volume": "turnover"}
# an integrator's own key for a base the contract has no key for (the contract's amounts end in "…"), read by its words:
# purchase_total → 进货金额. A key that two words claim, or a base already given under our key, is left alone.
AMOUNT_KEY_WORDS = (
    (re.compile(r"purchas"), "purchase_amount"),
    (re.compile(r"invest"), "total_investment"),
    (re.compile(r"advert|(^|_)ad(_|$)"), "advertising_fee"),
    (re.compile(r"construct|project_cost|engineering_cost"), "construction_cost"),
    (re.compile(r"business_volume|business_amount|illegal_business|turnover"), "turnover"),
)


def claimed_key(own: str):
    """The key of ours an integrator's own amount key is read as (purchase_total → purchase_amount), or None."""
    return next((key for words, key in AMOUNT_KEY_WORDS if words.search(own)), None)


SERVICE_METHODS = {
    "in_person": "直接送达", "left": "留置送达", "mail": "邮寄送达", "electronic": "电子送达", "public_notice": "公告送达",
    "posting": "张贴", "entrusted": "委托送达", "on_the_spot": "当场交付",
}
PENALTY_LABELS = {
    "warning": "警告", "criticism": "通报批评", "fine": "罚款", "confiscate_income": "没收违法所得",
    "confiscate_property": "没收非法财物", "suspend_license": "暂扣许可证件", "lower_qualification": "降低资质等级",
    "revoke_license": "吊销许可证件", "restrict_operation": "限制开展生产经营活动", "suspend_business": "责令停产停业",
    "close": "责令关闭", "restrict_practice": "限制从业", "detention": "行政拘留",
    "demolish": "限期拆除", "restore": "恢复原状", "return_land": "退还土地", "stop_construction": "责令停止建设",
    "destroy": "公开销毁",
}


def party_core_name(name: str) -> str:
    """The part of a party's name a paper must repeat: the name before any （经营者：……） note."""
    return name.split("（")[0].split("(")[0].strip()

# papers the party hands in or a hearing's presider keeps, not evidence two officers gather (第四十二条、第五十五条)
NOT_GATHERED = r"听证(笔录|报告|记录)|陈述申辩书|申辩书|陈述书"
