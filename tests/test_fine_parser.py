"""The fine parser's patterns (scripts/build_law_catalog.py), each as provision text → expected entries, and how the
review reads the entries they produce (review_assistant/law/fines.py): per-unit amounts from the case's quantities,
a cap on a per-unit total as a band on the count, a floor on the fine itself, items named in a branch's condition."""
import sys
from pathlib import Path

import pytest

from review_assistant.catalog import models as cm
from review_assistant.law.fines import FineFacts, FineRange, MissingAmount, fine_range

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_law_catalog as blc  # noqa: E402


def _shape(entries):
    keep = ("range", "multiple", "of", "below", "at_least", "condition")
    return sorted((tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in e.items() if k in keep))
                   for e in entries), key=repr)


TABLE = [
    # 以 / 并以 / 按照 … 每人 … 的标准 (计算，) 处以罚款: a per-unit amount, a multiple of the count
    ("用人单位违反本法规定，以担保或者其他名义向劳动者收取财物的，由劳动行政部门责令限期退还劳动者本人，"
     "并以每人五百元以上二千元以下的标准处以罚款；给劳动者造成损害的，应当承担赔偿责任。",
     [{"of": "other", "multiple": [500, 2000]}]),
    ("用人单位有下列行为之一的，由劳动保障行政部门责令改正，按照受侵害的劳动者每人1000元以上5000元以下的标准计算，处以罚款：",
     [{"of": "other", "multiple": [1000, 5000]}]),
    # per head, per day written after 处
    ("出境入境交通运输工具载运不准出境入境人员出境入境的，处每载运一人五千元以上一万元以下罚款。",
     [{"of": "other", "multiple": [5000, 10000]}]),
    ("违反本办法第十八条的规定，逾期非法居留的，处以警告，可以单处或者并处每逾期1日100元的罚款。",
     [{"of": "other", "multiple": [100, 100]}]),
    # a per-head amount with a total cap, one cap per addressee: a band on the count
    ("介绍外国人非法就业的，对个人处每非法介绍一人五千元，总额不超过五万元的罚款；对单位处每非法介绍一人五千元，"
     "总额不超过十万元的罚款；有违法所得的，没收违法所得。",
     [{"of": "other", "multiple": [5000, 5000], "below": 10}, {"of": "other", "range": [50000, 50000], "at_least": 10},
      {"of": "other", "multiple": [5000, 5000], "below": 20}, {"of": "other", "range": [100000, 100000], "at_least": 20}]),
    # a floor on the fine itself: 货值的20倍不足1万元的，按1万元罚款 (and bare 货值 is the goods value)
    ("违反本条例规定，未经许可擅自生产易制毒化学品的，由公安机关没收非法生产的易制毒化学品，处非法生产的易制毒化学品货值"
     "10倍以上20倍以下的罚款，货值的20倍不足1万元的，按1万元罚款；有违法所得的，没收违法所得。",
     [{"of": "goods_value", "multiple": [10, 20], "at_least": 500}, {"of": "goods_value", "range": [10000, 10000], "below": 500}]),
    # the value of goods bought, carried, made or sold unlawfully is the goods value
    ("无收购许可证收购烟叶的，处以非法收购烟叶价值20%以上50%以下的罚款，并按照收购价格收购违法收购的烟叶。",
     [{"of": "goods_value", "multiple": [0.2, 0.5]}]),
    # 千分之 written with ‰
    ("中标人将中标项目转让给他人的，转让、分包无效，处转让、分包项目金额5‰以上10‰以下的罚款；有违法所得的，并处没收违法所得。",
     [{"of": "other", "multiple": [0.005, 0.01]}]),
    ("处中标项目金额千分之五以上千分之十以下的罚款。", [{"of": "other", "multiple": [0.005, 0.01]}]),
    # the currency named after the unit; 单处或者并处
    ("违反本规定进行涉外海洋科学研究活动的，由国家海洋行政主管部门责令停止该项活动，可以没收违法活动器具，"
     "可以单处或者并处5万元人民币以下的罚款。",
     [{"range": [0, 50000]}]),
    # the branch of one item keeps its condition even as the first clause
    ("有前款第一项行为的，处五万元以下的罚款；有前款第二项行为的，处五万元以上十万元以下的罚款。",
     [{"range": [0, 50000], "condition": "有前款第一项行为的"},
      {"range": [50000, 100000], "condition": "有前款第二项行为的"}]),
    # this text's own measure for a fine imposed under another law's article: 罚款幅度为 (as 罚款额为, 按照…的标准执行)
    ("伪造、倒卖、转让驯养繁殖许可证，依照《野生动物保护法》第三十七条的规定处以罚款的，罚款幅度为5000元以下。伪造、倒卖、"
     "转让特许捕捉证或者允许进出口证明书，依照《野生动物保护法》第三十七条的规定处以罚款的，罚款幅度为5万元以下。",
     [{"range": [0, 5000]}, {"range": [0, 50000]}]),
    ("破坏水生野生动物主要生息繁衍场所，依照《野生动物保护法》第三十四条的规定处以罚款的，罚款幅度为恢复原状所需费用的3倍以下。",
     [{"of": "other", "multiple": [0, 3]}]),
    ("依照《水土保持法》第三十四条的规定处以罚款的，罚款幅度为500元以上、5000元以下。", [{"range": [500, 5000]}]),
    # the amounts of another law's fine, one for each addressee
    ("《档案法》第二十四条第二款、第三款规定的罚款数额，根据有关档案的价值和数量，对单位为1万元以上10万元以下，"
     "对个人为500元以上5000元以下。",
     [{"range": [10000, 100000], "condition": "对单位"}, {"range": [500, 5000], "condition": "对个人"}]),
    # per day / per head written before the verb
    ("（二）在规定期限内不履行的，从期满之日起，对该行政机关负责人按日处五十元至一百元的罚款；",
     [{"of": "other", "multiple": [50, 100]}]),
    ("单位或者个人为不满16周岁的未成年人介绍就业的，由劳动保障行政部门按照每介绍一人处5000元罚款的标准给予处罚；",
     [{"of": "other", "multiple": [5000, 5000]}]),
    # a middle band of the base has both ends
    ("违法使用原料、辅料、添加剂的，没收违法所得，货值金额不足5000元的，并处2万元罚款；货值金额5000元以上不足1万元的，"
     "并处5万元罚款；货值金额1万元以上的，并处货值金额5倍以上10倍以下的罚款。",
     [{"of": "goods_value", "range": [20000, 20000], "below": 5000},
      {"of": "goods_value", "range": [50000, 50000], "at_least": 5000, "below": 10000},
      {"of": "goods_value", "multiple": [5, 10], "at_least": 10000}]),
    # alternative bases: a branch each
    ("前款规定的行为有违法经营额或者违法所得的，予以没收，可以并处违法经营额1倍以上3倍以下或者违法所得3倍以上5倍以下的罚款。",
     [{"of": "turnover", "multiple": [1, 3]}, {"of": "illegal_income", "multiple": [3, 5]}]),
    # the count named before the verb, the per-unit amount after it (按照…面积处每公顷…): a multiple of the count
    ("违反规定未进行表土剥离的，责令限期改正；逾期不改正的，按照应当进行表土剥离的土地面积处每公顷1万元的罚款。",
     [{"of": "other", "multiple": [10000, 10000], "condition": "逾期不改正的"}]),
    # 不足X元或者没有违法所得的: the case without the base is the branch below (as 没有违法所得或者…不足X元的)
    ("擅自经营的，没收违法所得；违法所得不足3万元或者没有违法所得的，并处3万元以上10万元以下的罚款；"
     "违法所得3万元以上的，并处违法所得2倍以上5倍以下的罚款。",
     [{"of": "illegal_income", "range": [30000, 100000], "below": 30000},
      {"of": "illegal_income", "multiple": [2, 5], "at_least": 30000}]),
    # a fine named as a condition (a procedure, a decision, a competence) is not one imposed
    ("对交通技术监控设备记录的违法行为，当事人应当及时到公安机关交通管理部门接受处理，处以警告或者二百元以下罚款的，"
     "可以适用简易程序；处以二百元（不含）以上罚款、吊销机动车驾驶证的，应当适用一般程序。", []),
    ("县级政府卫生行政部门可以作出处一万元以下罚款的决定；决定处一万元以上罚款的，须报上一级政府卫生行政部门批准。", []),
    # a paragraph naming only an authority and the fine it may impose (no conduct, no 的-condition): a competence
    ("省、自治区、直辖市人民政府环境保护行政主管部门可处以二十万元以下的罚款。", []),
    # what may be decided or collected on the spot: a procedure, not a penalty
    ("违法事实确凿，并有下列情形之一，海警机构执法人员可以当场作出处罚决定：（一）对个人处五百元以下罚款或者警告、"
     "对单位处五千元以下罚款或者警告的；（二）罚款处罚决定不在海上当场作出，事后难以处罚的。", []),
    # a threshold named with 以上 and no conduct (听证, 较大数额) is not a fine; 情节严重的，处五十万元以上罚款 is, unbounded
    ("是指对个人处以二千元以上罚款，对单位处以一万元以上罚款。", []),
    ("未立即予以冻结的，由公安机关处二十万元以上五十万元以下罚款；情节严重的，处五十万元以上罚款。",
     [{"range": [200000, 500000]}, {"range": [500000, None], "condition": "情节严重的"}]),
    # the amount right after the word: in a list of penalties, or set for another law's fine (罚款，数额为 / 罚款金额，为)
    ("违反本办法第六条的规定，根据情节轻重，由国家文物局给予警告、暂停作业、撤销项目、罚款1000元至1万元、没收其非法所得文物。",
     [{"range": [1000, 10000]}]),
    ("政府采购法第七十二条规定的罚款，数额为5万元以上25万元以下。", [{"range": [50000, 250000]}]),
    ("对个人的罚款金额，为一千元以上三万元以下。对单位的罚款金额，为三万元以上十万元以下。",
     [{"range": [1000, 30000]}, {"range": [30000, 100000], "condition": "对单位的"}]),
    # 罚款数额按照…的20%计算: a share of the base
    ("造成核与辐射事故的，由环境保护主管部门处以罚款，罚款数额按照核与辐射事故造成的直接损失的20%计算。",
     [{"of": "other", "multiple": [0.2, 0.2], "condition": "造成核与辐射事故的"}]),
    # a cap written after the word, and a floor on the fine written beside the multiple: bands on the base
    ("由公安机关交通管理部门处违法所得五倍以下罚款，但最高不超过十万元；",
     [{"of": "illegal_income", "multiple": [0, 5], "below": 20000}, {"of": "illegal_income", "range": [0, 100000], "at_least": 20000}]),
    ("由中国人民银行处以票面金额5%但不低于1000元的罚款；",
     [{"of": "other", "multiple": [0.05, 0.05], "at_least": 20000}, {"of": "other", "range": [1000, 1000], "below": 20000}]),
    ("由外汇管理局可根据情节处以最高不超过所涉及外债金额3%的罚款。", [{"of": "other", "multiple": [0, 0.03]}]),
    # a floor (不满…的，以…计算) in one multiple's clause holds for that multiple only; a floor with a condition of its own
    # (危害严重，…) leaves the multiple whole and adds the band below it under that condition
    ("可以处出售金额一倍以下的罚款；造成传染病流行的，可以处相当出售金额三倍以下的罚款，危害严重，出售金额不满二千元的，以二千元计算；",
     [{"of": "other", "multiple": [0, 1]},
      {"of": "other", "multiple": [0, 3], "condition": "造成传染病流行的"},
      {"of": "other", "range": [0, 6000], "below": 2000, "condition": "造成传染病流行的；危害严重的"}]),
    ("对非法经营疫苗的，由卫生行政部门处出售金额一倍以上三倍以下的罚款，出售金额不足五千元的，按五千元计算。",
     [{"of": "other", "multiple": [1, 3], "at_least": 5000}, {"of": "other", "range": [5000, 15000], "below": 5000}]),
    # 违法所得l倍: a letter for the digit one; the goods' total value (…制品总值, 物品价值) is the goods value
    ("没收违法所得，并处违法所得l倍以上3倍以下的罚款。", [{"of": "illegal_income", "multiple": [1, 3]}]),
    ("并处所进出口的血液制品或者所出口的原料血浆总值3倍以上5倍以下的罚款。", [{"of": "goods_value", "multiple": [3, 5]}]),
    ("有下列行为之一的，予以警告，可以处物品价值20%以下罚款；", [{"of": "goods_value", "multiple": [0, 0.2]}]),
    # alternatives: a per-unit amount or a multiple; a fixed range or a share of another base
    ("可以并处每件100元或者货值金额1倍以上5倍以下的罚款；",
     [{"of": "other", "multiple": [100, 100]}, {"of": "goods_value", "multiple": [1, 5]}]),
    ("情节严重的，并处五千万元以下或者上一年度营业额百分之五以下罚款；",
     [{"range": [0, 50000000]}, {"of": "other", "multiple": [0, 0.05]}]),
    # the unit's people do not take the unit's amount band
    ("没收违法所得，违法所得一百万元以上的，并处违法所得一倍以上十倍以下罚款，没有违法所得或者违法所得不足一百万元的，"
     "并处十万元以上一百万元以下罚款，对直接负责的主管人员和其他责任人员处一万元以上十万元以下罚款；",
     [{"of": "illegal_income", "multiple": [1, 10], "at_least": 1000000},
      {"of": "illegal_income", "range": [100000, 1000000], "below": 1000000}, {"range": [10000, 100000]}]),
    # two alternative fines, each with its own word: …的罚款或者…的罚款
    ("给予警告，没收违法所得，并处被骗取有关资金10%以上50%以下的罚款或者被违规使用有关资金10%以上30%以下的罚款；",
     [{"of": "other", "multiple": [0.1, 0.5]}, {"of": "other", "multiple": [0.1, 0.3]}]),
    # a band under another branch (情节严重的，…货值金额不足10万元的，…) is that branch's own, not the plain multiple's
    ("并处违法开采的砂石货值金额1倍以上2倍以下的罚款；情节严重的，吊销河道采砂许可证，并处违法开采的砂石货值金额2倍以上20倍以下的罚款，"
     "货值金额不足10万元的，并处20万元以上200万元以下的罚款；",
     [{"of": "goods_value", "multiple": [1, 2]},
      {"of": "goods_value", "multiple": [2, 20], "at_least": 100000, "condition": "情节严重的"},
      {"of": "goods_value", "range": [200000, 2000000], "below": 100000}]),
    # a fixed share with a cap after 计算罚款: exactly the cap from where the share reaches it
    ("导致重大经济损失的，由环境保护行政主管部门按照直接损失百分之三十计算罚款，但最高不得超过二十万元。",
     [{"of": "other", "multiple": [0.3, 0.3], "below": 200000 / 0.3},
      {"of": "other", "range": [200000, 200000], "at_least": 200000 / 0.3}]),
    # a band below on its own clause implies the band above for the plain range — not where the band is another act's
    ("擅自出厂、销售的，责令限期改正，处5万元以上20万元以下的罚款；未经认证的违法产品货值金额不足1万元的，处货值金额2倍以下的罚款；",
     [{"of": "goods_value", "range": [50000, 200000], "at_least": 10000},
      {"of": "goods_value", "multiple": [0, 2], "below": 10000}]),
    ("伪造出口货物原产地证书的，由海关处5000元以上10万元以下的罚款；骗取作为海关放行凭证的出口货物原产地证书的，处货值金额等值以下的罚款，"
     "但货值金额低于5000元的，处5000元罚款。",
     [{"range": [5000, 100000]}, {"of": "goods_value", "multiple": [0, 1], "at_least": 5000,
                                   "condition": "骗取作为海关放行凭证的出口货物原产地证书的"},
      {"of": "goods_value", "range": [5000, 5000], "below": 5000}]),
    # sales joined with another activity is no single package amount; 相当于X以下 is up to X; 5,000元 one number
    ("可以并处制造、销售金额1倍以上3倍以下的罚款。", [{"of": "other", "multiple": [1, 3]}]),
    ("并可处以相当于进口或销售额百分之三十以下的罚款。", [{"of": "other", "multiple": [0, 0.3]}]),
    ("并处违法销售金额二倍以下罚款。", [{"of": "sales_amount", "multiple": [0, 2]}]),
    ("(二)限期改正，并可以处以相当于评估费用以下的罚款；", [{"of": "other", "multiple": [0, 1]}]),
    ("逾期不报送的，处以5,000元以下罚款；仍不报送的，可以吊销其采矿许可证。", [{"range": [0, 5000]}]),
    # 非法收入 is illegal income
    ("由工商行政管理机关没收其全部非法收入，并视其情节轻重，处以相当于非法收入的15%至20%的罚款。",
     [{"of": "illegal_income", "multiple": [0.15, 0.2]}]),
    # 走私货物、物品等值以下: the goods' value
    ("没收走私货物、物品及违法所得，可以并处走私货物、物品等值以下罚款；", [{"of": "goods_value", "multiple": [0, 1]}]),
]


@pytest.mark.parametrize("text,expected", TABLE, ids=[t[:16] for t, _ in TABLE])
def test_a_provision_gives_its_fine_branches(text, expected):
    got = blc.fines(text)
    floats = lambda es: [{k: [None if x is None else float(x) for x in v] if k in ("range", "multiple") else float(v) if k in ("below", "at_least")  # noqa: E731
                          else v for k, v in e.items()} for e in es]
    assert _shape(floats(got)) == _shape(floats(expected))


def test_per_unit_labels_name_the_unit():
    (per_head,) = blc.fines("处每载运一人五千元以上一万元以下罚款。")
    (per_day,) = blc.fines("可以单处或者并处每逾期1日100元的罚款。")
    assert per_head["of_label"] == "每载运一人" and per_day["of_label"] == "每逾期1日"
    (per_day,) = blc.fines("对该行政机关负责人按日处五十元至一百元的罚款；")
    (per_head,) = blc.fines("按照每介绍一人处5000元罚款的标准给予处罚。")
    assert per_day["of_label"] == "按日" and per_head["of_label"] == "每介绍一人"
    (addressee, _) = blc.fines("规定的罚款数额，对单位为1万元以上10万元以下，对个人为500元以上5000元以下。")
    assert addressee["condition"] == "对单位"


def test_a_count_named_before_the_verb_labels_the_per_unit_amount():
    (per_ha,) = blc.fines("逾期不改正的，按照应当进行表土剥离的土地面积处每公顷1万元的罚款。")
    assert per_ha["of_label"] == "应当进行表土剥离的土地面积（公顷）" and per_ha["multiple"] == [10000.0, 10000.0]


def test_persons_punished_under_the_preceding_paragraph_get_its_fines():
    """单位有前款行为的，处…，并对其直接负责的主管人员…依照前款规定予以处罚: the first paragraph fines the act (no
    separate fine there for a unit or its people), so its fines are the persons' — besides the unit's own."""
    from review_assistant.law.lawtext import Article

    first = "弄虚作假骗取证件的，处二千元以上五千元以下罚款；情节严重的，处十日以上十五日以下拘留，并处五千元以上二万元以下罚款。"
    second = "单位有前款行为的，处一万元以上五万元以下罚款，并对其直接负责的主管人员和其他直接责任人员依照前款规定予以处罚。"
    article = Article(number=9, paragraphs=((first, ()), (second, ())))
    got = blc.fines_with_refs(second, {9: article}, 9, 2)
    assert sorted(tuple(e["range"]) for e in got) == [(2000.0, 5000.0), (5000.0, 20000.0), (10000.0, 50000.0)]
    # where the paragraph pointed to has its own fines for a unit's people, only those are theirs (as before)
    first = "违反本法规定的，对单位处十万元以下罚款，对其直接负责的主管人员处一万元以下罚款。"
    second = "有前款行为，情节严重的，处二十万元以下罚款，并对其直接负责的主管人员依照前款规定处罚。"
    article = Article(number=9, paragraphs=((first, ()), (second, ())))
    got = blc.fines_with_refs(second, {9: article}, 9, 2)
    assert sorted(tuple(e["range"]) for e in got) == [(0.0, 10000.0), (0.0, 200000.0)]


def test_amounts_in_the_next_paragraph_belong_to_the_paragraph_that_imposes_the_fine():
    from review_assistant.law.lawtext import Article

    first = "违反本法规定，有下列行为之一，由主管部门责令改正，处以罚款："
    second = "有前款第一项行为的，处五万元以下的罚款；有前款第二项行为的，处五万元以上十万元以下的罚款。"
    article = Article(number=9, paragraphs=((first, ("（一）甲；", "（二）乙。")), (second, ())))
    got = blc.fines_with_refs(first, {9: article}, 9, 1)
    assert [(e["range"], e["condition"]) for e in got] == [([0.0, 50000.0], "有前款第一项行为的"),
                                                          ([50000.0, 100000.0], "有前款第二项行为的")]


# --- the review reads them -----------------------------------------------------------------------------

def _provision(*fines):
    return cm.Provision(article=9, summary="罚则", penalties=["fine"], fines=[cm.FineRule(**f) for f in fines])


@pytest.mark.parametrize("label,key", [("每人", "persons"), ("受侵害的劳动者人数（人）", "persons"), ("每载运一人", "persons"),
                                       ("每位被派遣劳动者", "persons"), ("每逾期1日", "days"), ("逾期非法居留天数（日）", "days"),
                                       ("按日", "days"),
                                       ("每辆", "items"), ("涉及机动车数量（辆）", "items"), ("每平方米", "area_m2")])
def test_a_per_unit_amount_is_computed_from_the_count(label, key):
    p = _provision({"of": "other", "of_label": label, "multiple": [500, 2000]})
    r = fine_range(p, FineFacts(quantities={key: 3}))
    assert isinstance(r, FineRange) and (r.low, r.high) == (1500, 6000) and r.computed_from == ("quantities",)
    missing = fine_range(p, FineFacts(amounts={"involved_amount": 100000}))  # never a multiple of a sum of money
    assert isinstance(missing, MissingAmount) and missing.field == f"violation.quantities.{key}"


@pytest.mark.parametrize("label", ["应当进行表土剥离的土地面积（公顷）", "每公顷"])
def test_a_per_hectare_amount_reads_hectares_from_square_metres_or_mu(label):
    """1 公顷 = 10,000 平方米 = 15 亩."""
    p = _provision({"of": "other", "of_label": label, "multiple": [10000, 10000]})
    for quantities in ({"area_m2": 30000}, {"area_mu": 45}):
        r = fine_range(p, FineFacts(quantities=quantities))
        assert isinstance(r, FineRange) and (round(r.low, 6), round(r.high, 6)) == (30000, 30000)
        assert r.computed_from == ("quantities",)
    missing = fine_range(p, FineFacts())
    assert isinstance(missing, MissingAmount) and missing.field == "violation.quantities.area_m2"
    # a branch keyed on square metres itself is never read as hectares
    r = fine_range(_provision({"of": "area_m2", "multiple": [10, 10]}), FineFacts(quantities={"area_m2": 300}))
    assert (r.low, r.high) == (3000, 3000)


def test_a_cap_on_a_per_unit_total_is_a_band_on_the_count():
    p = _provision({"of": "other", "of_label": "每非法介绍一人", "multiple": [5000, 5000], "below": 10},
                   {"of": "other", "of_label": "每非法介绍一人", "range": [50000, 50000], "at_least": 10})
    assert (fine_range(p, FineFacts(quantities={"persons": 3})).high) == 15000
    r = fine_range(p, FineFacts(quantities={"persons": 30}))
    assert (r.low, r.high) == (50000, 50000)


def test_a_floor_on_the_fine_applies_below_the_base_where_the_multiple_reaches_it():
    p = _provision({"of": "goods_value", "multiple": [10, 20], "at_least": 500},
                   {"of": "goods_value", "range": [10000, 10000], "below": 500})
    assert (lambda r: (r.low, r.high))(fine_range(p, FineFacts(amounts={"goods_value": 300}))) == (10000, 10000)
    assert (lambda r: (r.low, r.high))(fine_range(p, FineFacts(amounts={"goods_value": 2000}))) == (20000, 40000)


def test_a_branch_for_an_item_of_the_preceding_paragraph_applies_when_that_item_is_cited():
    p = _provision({"range": [0, 50000], "condition": "有前款第一项行为的"},
                   {"range": [100000, 200000], "condition": "有前款第四项行为的"})
    r = fine_range(p, FineFacts(items={("x", 9): frozenset({4})}), law_id="x")
    assert (r.low, r.high) == (100000, 200000)
    r = fine_range(p, FineFacts(), law_id="x")  # no item cited: the widest of both
    assert (r.low, r.high) == (0, 200000)


def test_a_per_mille_rate_of_a_contract_amount_reads_the_involved_amount():
    p = _provision({"of": "other", "of_label": "转让、分包项目金额", "multiple": [0.005, 0.01]})
    r = fine_range(p, FineFacts(amounts={"involved_amount": 2_000_000}))
    assert (r.low, r.high) == (10000, 20000)


def test_an_article_whose_number_has_a_space_before_its_character_still_opens(tmp_path):
    """第一百二十四 条采用…: a typesetting slip (刑事诉讼法 2018, its 2021 解释) must not fold the rest of the text into
    the article before it."""
    from review_assistant.law.lawtext import read_articles

    path = tmp_path / "x(2021-01-26).md"
    path.write_text("# x\n\n第一条 甲。\n\n第二 条乙的，处一千元以下的罚款。\n\n第三条 丙。\n", encoding="utf-8")
    articles = read_articles(path)
    assert sorted(articles) == [1, 2, 3] and articles[2].paragraphs[0][0] == "乙的，处一千元以下的罚款。"
    # 笫 for 第 (农民专业合作社法 2017, 笫五十四条): the next number still opens its article; a reference does not
    path.write_text("# x\n\n第一条 甲。\n\n笫二条 乙。\n\n笫五条规定的，依照执行。\n\n第三条 丙。\n", encoding="utf-8")
    articles = read_articles(path)
    assert sorted(articles) == [1, 2, 3] and articles[2].paragraphs[1][0] == "笫五条规定的，依照执行。"


def test_a_range_with_no_upper_bound_is_read_as_unbounded():
    """情节严重的，处五十万元以上罚款 (反恐怖主义法第八十三条): the fine has a floor and no ceiling — any amount from the floor up
    lies in it, an amount below does not."""
    p = _provision({"range": [500000, None], "condition": "情节严重的"})
    r = fine_range(p, FineFacts())
    assert isinstance(r, FineRange) and r.low == 500000 and r.high == float("inf")
    assert "500,000元以上" in r.explanation and "未规定上限" in r.explanation


def test_amounts_in_a_next_paragraph_without_an_authority_belong_to_the_fine_before_it():
    """海事诉讼特别程序法第五十九条: 海事法院可以…处以罚款、拘留 / 对个人的罚款金额，为一千元以上三万元以下。对单位的罚款金额，
    为三万元以上十万元以下 — the second paragraph names no authority of its own: it sets the first one's amounts. A next
    paragraph with its own authority (由…部门处…) is a provision of its own."""
    from review_assistant.law.lawtext import Article

    first = "被请求人拒不执行海事强制令的，海事法院可以根据情节轻重处以罚款、拘留；构成犯罪的，依法追究刑事责任。"
    second = "对个人的罚款金额，为一千元以上三万元以下。对单位的罚款金额，为三万元以上十万元以下。"
    article = Article(number=59, paragraphs=((first, ()), (second, ())))
    got = blc.fines_with_refs(first, {59: article}, 59, 1)
    assert sorted(tuple(e["range"]) for e in got) == [(1000.0, 30000.0), (30000.0, 100000.0)]
    other = "违反前款规定，情节严重的，由主管部门处一万元以下罚款。"
    article = Article(number=59, paragraphs=((first, ()), (other, ())))
    assert blc.fines_with_refs(first, {59: article}, 59, 1) == []


def test_a_reference_to_the_preceding_paragraph_before_its_own_measures_takes_that_paragraph_s_fine():
    """易制毒化学品管理条例第四十条第二款: 依照前款规定，对易制毒化学品予以没收，并处罚款 — the amount is the first paragraph's."""
    from review_assistant.law.lawtext import Article

    first = "违反规定生产、经营易制毒化学品的，由公安机关没收非法生产、经营的易制毒化学品，并处1万元以上5万元以下的罚款。"
    second = "许可被依法吊销后，未及时办理变更或者注销登记的，依照前款规定，对易制毒化学品予以没收，并处罚款。"
    article = Article(number=40, paragraphs=((first, ()), (second, ())))
    assert [e["range"] for e in blc.fines_with_refs(second, {40: article}, 40, 2)] == [[10000.0, 50000.0]]
