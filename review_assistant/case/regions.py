"""Administrative division codes (行政区划代码, six digits: province 2, city 2, county 2)."""
from __future__ import annotations


def significant_prefix(code: str) -> str:
    """140400 → 1404 (a city covers its counties), 110000 → 11, 140403 → 140403."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def covers(region: str, place: str) -> bool:
    """Whether the area ``region`` includes ``place``."""
    return place.startswith(significant_prefix(region))
