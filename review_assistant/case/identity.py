"""Check digits of the two identifiers a party carries: the 18-digit resident ID number (GB 11643-1999,
ISO 7064 MOD 11-2) and the 18-character unified social credit code (GB 32100-2015)."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def resident_id_ok(number: str) -> bool:
    if not re.fullmatch(r"\d{17}[\dXx]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper() and resident_id_birth(number) is not None


def resident_id_birth(number: str) -> Optional[date]:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def uscc_ok(code: str) -> bool:
    code = code.upper()
    if len(code) != 18 or any(ch not in _USCC_CHARS for ch in code):
        return False
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(code[:17], _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31] == code[17]


def id_problem(kind: Optional[str], number: str) -> Optional[str]:
    """A Chinese description of what is wrong with ``number``, or None when it checks out."""
    number = number.strip()
    if kind == "individual":
        return None if resident_id_ok(number) else "居民身份证号码校验不通过（应为18位且校验码正确）"
    if kind in ("organization", "individual_business"):
        if uscc_ok(number):
            return None
        if kind == "individual_business" and resident_id_ok(number):
            return None  # 个体工商户 may be identified by the operator's ID number
        return "统一社会信用代码校验不通过（应为18位且校验码正确）"
    if resident_id_ok(number) or uscc_ok(number):
        return None
    return "证件号码既非有效的居民身份证号码，也非有效的统一社会信用代码"
