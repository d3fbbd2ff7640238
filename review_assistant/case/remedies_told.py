"""How a decision text tells the periods of the remedies (行政处罚法第五十九条第一款第（五）项): the period to seek review
(行政复议法: 六十日) and the period to sue (行政诉讼法第四十六条第一款: 六个月), each told for its remedy.

Patterns as data, shared by the decision-element check (DOC-004, catalogs/documents, written there as the names
``{told_period_to_sue}`` and ``{told_period_to_seek_review}``) and by the court-enforcement check (PRO-023, PRO-025: an
untold period runs up to a year). A period is told for a remedy when it stands:
- before the remedy in its sentence (六十日内向……申请行政复议，或者在六个月内向……人民法院提起行政诉讼), with no new
  remedies sentence (如不服……) between — a 六个月 about something else (本局将在六个月内回访检查，当事人如不服……) is not;
- after the remedy as its 期限 (起诉期限为六个月; 期限分别为六十日和六个月), or 上述期限……, or 提起行政诉讼的，……六个月;
- after the remedy, introduced by a colon or a bracket (提起行政诉讼：自……六个月内; 提起行政诉讼（自……六个月内）), or
  counted from its day in the same clause (提起行政诉讼应当自收到本决定书之日起六个月内提出; 申请行政复议，应当在收到
  本决定书之日起六十日内提出).
Every window is bounded and stays inside a sentence, so a pass is linear in the text.
"""
from __future__ import annotations

SIX_MONTHS = r"(?:六\s*个月|[6６陆]\s*个月|半年)"
SIXTY_DAYS = r"(?:六十\s*[日天]|陆拾\s*[日天]|[6６]\s*[0０]\s*[日天]|两个月|[2２]\s*个月)"
SUE = r"(?:诉讼|起诉)"
REVIEW = r"复议"
# a character of the same remedies sentence: not the end of a sentence, not the start of another (如不服本决定……)
_SAME_SENTENCE = r"(?:(?!不服|如对)[^。])"


def told(period: str, remedy: str) -> str:
    return (rf"{period}{_SAME_SENTENCE}{{0,200}}?{remedy}"
            rf"|{remedy}[^。；]{{0,40}}?(?:期限|时限)[^。；]{{0,30}}?{period}"
            rf"|上述期限[^。；]{{0,30}}?{period}"
            rf"|{remedy}的[，,][^。；]{{0,30}}?{period}"
            rf"|{remedy}[^。；，,]{{0,4}}[：:（(][^。；）)]{{0,40}}?{period}"
            rf"|{remedy}[，,]?\s*(?:应当|应|须|可以|可)?\s*(?:在|于|自)\s*(?:自\s*)?(?:收到|接到|送达|知道|本决定|决定书)[^。；，,]{{0,30}}?{period}")


TOLD_PERIOD_TO_SUE = told(SIX_MONTHS, SUE)
TOLD_PERIOD_TO_SEEK_REVIEW = told(SIXTY_DAYS, REVIEW)

# the names a catalog pattern may use for them
NAMED = {"{told_period_to_sue}": TOLD_PERIOD_TO_SUE, "{told_period_to_seek_review}": TOLD_PERIOD_TO_SEEK_REVIEW}


def expand(pattern: str) -> str:
    """A catalog pattern with a name above replaced by its regex (the whole pattern is the name)."""
    return NAMED.get(pattern, pattern)
