"""Spreadsheet cells that cannot become formulas (OWASP CSV injection), for every CSV the tool writes."""
from __future__ import annotations

import unicodedata


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value) -> str:
    """A spreadsheet cell that cannot become a formula (OWASP CSV injection): text starting with = + - @, a tab or
    a line break is prefixed with an apostrophe, which Excel and WPS show as text."""
    text = str(value)
    bare = text.lstrip(" \u00a0\u3000\x0b\x0c\x1b\x85\u2028\u2029")
    while bare and unicodedata.category(bare[0]) in ("Cf", "Mn", "Zs", "Cc"):  # any invisible lead character
        bare = bare[1:].lstrip()
    return "'" + text if text.startswith(FORMULA_START) or bare.startswith(FORMULA_START) else text
