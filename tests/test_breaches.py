"""The provisions a penalty article names as those whose breach it penalizes (违反本法第X条规定), read from a law text
(review_assistant.law.lawtext.breaches) and looked up per cited paragraph and item (LawVersion.breached): the facts
LAW-020 holds a penalty basis against the violated article by."""
import pytest

from review_assistant.law.lawtext import breaches, read_articles

TEXT = """# 某法

第一条 本法的目的。

第二条 禁止在河道内倾倒垃圾。

第三条 违反本法第二条规定，有下列行为之一的，责令停止违法行为，可以处五万元以下的罚款：

（一）倾倒垃圾的；

（二）倾倒渣土的。

第四条 有下列行为之一的，处一万元以下罚款：

（一）违反本法第一条规定的；

（二）未按规定报告的。

第五条 违反本法第一条至第三条规定的，依照有关法律处罚。

违反本法有关规定的，由主管部门处理。
"""


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    path = tmp_path_factory.mktemp("law") / "某法(2020-01-01).md"
    path.write_text(TEXT, encoding="utf-8")
    return read_articles(path)


def test_a_paragraph_names_its_breaches_for_its_items_an_item_for_itself_a_range_for_every_article(articles):
    assert breaches(articles) == "3.1:2 4.1.1:1 5.1:1,2,3"


@pytest.mark.parametrize("law,article,paragraph,item,named", [
    ("防洪法", 56, None, None, {15, 23}),  # 违反本法第十五条第二款、第二十三条规定，围海造地……
    ("防洪法", 55, None, 2, {22}),  # the paragraph's 违反本法第二十二条第二款、第三款 covers its items
    ("广告法", 57, None, 1, set()),  # 第（一）项 names no article of its own (its other items do)
    ("广告法", 57, None, 2, {15}),
    ("食品安全法", 126, 1, 6, set()),  # only 第四款 names 第六十五条
])
def test_the_catalog_answers_per_cited_paragraph_and_item(reviewer, law, article, paragraph, item, named):
    found = [l for l in reviewer.catalogs.laws.values() if l.name == f"中华人民共和国{law}"]
    version = found[0].versions[-1]
    assert version.breached(article, paragraph, item) == frozenset(named)
