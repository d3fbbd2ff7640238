"""Amounts of money as decisions write them: 人民币伍万元整, 5万元, 50,000元, 五千元, 3.2万元, 陆仟伍佰元, 18000元.
Patterns are data; the result is the amount in yuan with its span. Used to compare the narrative with the figures."""
from __future__ import annotations

import bisect
import re
from typing import Iterator, Optional

_CAPITAL = str.maketrans("零壹贰叁肆伍陆柒捌玖拾佰仟", "〇一二三四五六七八九十百千")
_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_TOKEN = re.compile(r"\d+(?:\.\d+)?|.")

AMOUNT = re.compile(
    r"(?P<num>(?:\d[\d,，]*(?:\.\d+)?|[〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+)(?:\.\d+)?[万亿]?)"
    r"\s*(?:元|圆)(?:整)?(?:(?P<jiao>[〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖\d])角)?(?:(?P<fen>[〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖\d])分)?")


def value(text: str) -> Optional[float]:
    """'伍万' → 50000; '5万' → 50000; '50,000' → 50000; '一千五百' → 1500; '3.2万' → 32000."""
    text = text.translate(_CAPITAL).replace(",", "").replace("，", "")
    total = section = 0.0
    number: Optional[float] = None
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            number = float(token)
        elif token in _DIGIT:
            number = _DIGIT[token]
        elif token in _SMALL:
            section += (1 if number is None else number) * _SMALL[token]
            number = None
        elif token in _BIG:
            total += (section + (number or 0)) * _BIG[token]
            section, number = 0.0, None
        else:
            return None
    return total + section + (number or 0)


def amounts(text: str) -> Iterator[tuple[float, tuple[int, int]]]:
    for m in AMOUNT.finditer(text):
        v = value(m.group("num"))
        if v is None:
            continue
        for part, unit in (("jiao", 0.1), ("fen", 0.01)):
            if m.group(part):
                v += value(m.group(part)) * unit
        yield round(v, 2), m.span()


# what a figure is called in a narrative: label → the words right before the amount
LABELED = {
    "fine": r"(?<!加处)(?<!加处的)罚款(?:[，,]?\s*即)?(?:人民币)?",  # 加处罚款8700元 is the surcharge of 第七十二条, not the fine
    "illegal_income": r"违法所得(?:为|共计|计|金额为|合计)?(?:人民币)?",
    "goods_value": r"货值(?:金额)?(?:为|共计|计|合计)?(?:人民币)?",
    "sales_amount": r"销售(?:金额|额)(?:为|共计|计|合计)?(?:人民币)?",
}


_SENTENCE_END = re.compile(r"[。；;\n]")
_LABEL = {key: re.compile(words + r"(?=\s*[\d〇零一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾])") for key, words in LABELED.items()}


# 罚款2万元以上4万元以下, 罚款200元以下, 罚款6万元至8万元: a bound of a range (a baseline's tier, a provision), not a figure
_FIGURE = r"[\d〇零一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾]"
_BOUND = re.compile(rf"\s*(?:以下|以上(?={_FIGURE}|的|罚款|[，,。；;、）)]|$)|(?:至|到|[-—－～~])\s*(?={_FIGURE}))")
# 作出罚款20万元的行政处罚决定（常环行罚〔2024〕31号）: the figure of an earlier decision, named by its 文号
_EARLIER_DECISION = re.compile(r"\s*的(?:行政)?处罚决定\s*[（(《][^）)》]{0,30}[〔\[［]\d{4}[〕\]］]")
_OPEN_QUOTE, _CLOSE_QUOTE = re.compile("“"), re.compile("”")
_PER_UNIT = re.compile(r"每[^，,。；;]{0,16}$")  # 每超1000千克罚款500元, 每平方米罚款10元: a rate, not the case's figure


SKIP_REACH = 400


def labeled(text: str, skip: Optional[re.Pattern] = None) -> dict[str, list[float]]:
    """Each labeled figure in ``text``: {"fine": [60000.0], "illegal_income": [6500.0], …}; a figure whose sentence,
    up to it, matches ``skip`` is left out (a decision reciting what the notice proposed), and so are a rate per unit,
    a bound of a range (罚款2万元以上4万元以下) and a figure inside a quotation (“…”: the provision quoted, not the case)."""
    found: dict[str, list[float]] = {}
    ends = [m.end() for m in _SENTENCE_END.finditer(text)] if skip else []
    opens = [m.start() for m in _OPEN_QUOTE.finditer(text)] if "“" in text else []
    closes = [m.start() for m in _CLOSE_QUOTE.finditer(text)] if opens else []
    for key, label in _LABEL.items():
        for m in label.finditer(text):
            start = m.end()
            if skip:
                # the sentence up to the figure, at most SKIP_REACH characters back: a sentence of thousands of figures
                # (no 。 between them) was searched again from its start for each — quadratic
                i = bisect.bisect_right(ends, m.start())
                if skip.search(text, max(ends[i - 1] if i else 0, m.start() - SKIP_REACH), m.start()):
                    continue
            if _PER_UNIT.search(text, max(0, m.start() - 16), m.start()):
                continue
            if opens and bisect.bisect_right(opens, m.start()) > bisect.bisect_right(closes, m.start()):
                continue  # more quotation marks opened than closed before it
            for v, (s, e) in amounts(text[start:start + 30]):
                if ((s == 0 or text[start:start + s].strip() == "") and not _BOUND.match(text, start + e)
                        and not _EARLIER_DECISION.match(text, start + e)):
                    found.setdefault(key, []).append(v)
                break
    return found
