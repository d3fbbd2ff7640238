"""The key a law is filed under in the catalog: its name without spaces, brackets, 中华人民共和国 or edition notes.
The catalog indexes by it; citations look up by it."""
from __future__ import annotations

import re
from functools import lru_cache

_PARENS = re.compile(r"[(（][^()（）]*[)）]")


@lru_cache(maxsize=65536)
def normalize_law_name(name: str) -> str:
    """Catalog key: no spaces or outer brackets, inner 〈〉 written 《》, no leading 中华人民共和国, no parenthetical edition note."""
    name = "".join(name.split()).strip("《》<>〈〉")
    name = name.replace("〈", "《").replace("〉", "》")  # 《最高人民法院关于适用〈……行政诉讼法〉的解释》 as the catalog writes it
    name = _PARENS.sub("", name)
    return name.removeprefix("中华人民共和国")
