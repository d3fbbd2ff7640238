"""Mark, in catalogs/laws/*.yaml, the penalties a provision imposes rather than allows (`mandatory: [fine,
confiscate_property]`): the fine, and the confiscation of the goods of the violation (没收违法生产经营的食品 …).

    python scripts/mark_mandatory_fines.py --texts ../shared/domain/laws [--check]

A provision *imposes* a fine when the law says 处……罚款 / 并处……罚款 in its main clause or in a branch chosen by an
amount or by 情节 (every case falls into one of them); it only *allows* one when the fine is 可以 (并可以处), an
alternative (警告或者罚款), or tied to a condition the file may not meet (逾期不改正的, 拒不改正的, 造成……后果的).
LAW-017 reads the mark. The parse is conservative — it marks only what the words make plain — and
scripts/mandatory_fines_overrides.yaml holds hand corrections, each with its reason. The law files are edited in place
line by line (their comments and layout stay); `--check` only reports what would change (exit 1 when anything would).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_assistant.law.lawtext import read_articles  # noqa: E402

OVERRIDES = ROOT / "scripts" / "mandatory_fines_overrides.yaml"
# branches every case falls into: an amount band (货值金额不足一万元的 / 一万元以上的) or a 情节 grade
ALWAYS_SOME_BRANCH = re.compile(r"(不足|低于|以上|以下|超过)[^，；]{0,12}的$|^情节(严重|特别严重|较重|较轻|轻微)的$|^没有违法所得|^有违法所得")
OPTIONAL = re.compile(r"可以|或者|或$|、或")
PERSONS = re.compile(r"对[^，；]{0,40}(主管人员|责任人员|负责人|法定代表人|从业人员|个人)[^，；]{0,10}$")


def fine_is_imposed(paragraph: str) -> bool:
    """Whether some clause of the paragraph imposes the fine in every case it covers."""
    for number, clause in enumerate(re.split(r"[；;。]", paragraph)):
        at = clause.find("罚款")
        verb = clause.rfind("处", 0, at) if at >= 0 else -1
        if verb < 0:
            continue
        lead, between = clause[:verb], clause[verb:at]
        if OPTIONAL.search(between) or re.search(r"(可以|或者)[^，；]{0,6}$", lead):
            continue  # 可以处 / 并可以处 / 警告或者……罚款: allowed, not imposed
        if PERSONS.search(lead):
            continue  # a fine on the responsible persons, not on the party the case is about
        cond = re.match(r"^(.{2,40}?的)，", clause)
        if number and cond and not re.search(r"由|违反本", cond.group(1)) and not ALWAYS_SOME_BRANCH.search(cond.group(1)):
            continue  # a later clause for a condition the file may not meet (逾期不改正的、造成……的)
        return True
    return False


# 没收违法生产经营的食品 / 没收违法所得和违法生产、销售的产品 …: the goods of the violation itself, in the main clause
GOODS = re.compile(r"没收(?:违法所得[和、及以及]*)?(?:违法|非法)(?:生产|经营|销售|进口|生产经营|生产、销售|生产、经营|加工|运输|储存)"
                   r"[^，；。]{0,12}?(?:的)?(?:食品|产品|药品|农药|兽药|饲料|化妆品|医疗器械|商品|烟草制品|种子|农产品|物品)")


def goods_confiscation_imposed(paragraph: str) -> bool:
    """Whether the main clause confiscates the goods of the violation without 可以 (not a tool or equipment, which
    laws mostly make 可以)."""
    main = re.split(r"[；;。]", paragraph)[0]
    m = GOODS.search(main)
    return bool(m) and not re.search(r"可以[^，；]{0,8}$", main[:m.start()])


def provision_text(article, paragraph, item) -> str:
    paras = article.paragraphs
    if paragraph is None:
        return "\n".join(p for p, _ in paras) if len(paras) == 1 else paras[0][0]
    if paragraph > len(paras):
        return ""
    text, items = paras[paragraph - 1]
    if item and item <= len(items) and "罚款" in items[item - 1]:
        return items[item - 1]
    return text


def marks(texts: Path) -> dict[tuple, bool]:
    """(law id, version id, article, paragraph, item) → whether its fine is imposed, for provisions that list a fine."""
    out = {}
    for path in sorted((ROOT / "catalogs" / "laws").glob("*.yaml")):
        law = yaml.safe_load(path.read_text(encoding="utf-8"))["law"]
        for version in law.get("versions") or ():
            if not version.get("text_file") or not (texts / version["text_file"]).is_file():
                continue
            articles = read_articles(texts / version["text_file"])
            for p in version.get("provisions") or ():
                if not {"fine", "confiscate_property"} & set(p.get("penalties") or ()) or p["article"] not in articles:
                    continue
                key = (law["id"], str(version["id"]), p["article"], p.get("paragraph"), p.get("item"))
                text = provision_text(articles[p["article"]], p.get("paragraph"), p.get("item"))
                kinds = (["fine"] if "fine" in (p.get("penalties") or ()) and fine_is_imposed(text) else []) + (
                    ["confiscate_property"] if "confiscate_property" in (p.get("penalties") or ())
                    and goods_confiscation_imposed(text) else [])
                out[key] = kinds
    for o in yaml.safe_load(OVERRIDES.read_text(encoding="utf-8")) or ():
        key = (o["law"], str(o["version"]), o["article"], o.get("paragraph"), o.get("item"))
        out[key] = o["imposed"]  # the list of imposed types
    return out


def rewrite(path: Path, found: dict) -> tuple[str, int]:
    """The file's text with `mandatory: [fine]` set on the provisions found imposed (and removed elsewhere)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    data = yaml.safe_load("".join(lines))["law"]
    out, changed = [], 0
    version, current = None, {}
    for line in lines:
        m = re.match(r"^  - id: '?([^'\n]+)'?$", line)
        if m:
            version = m.group(1)
        m = re.match(r"^    - article: (\d+)$", line)
        if m:
            current = {"article": int(m.group(1)), "paragraph": None, "item": None}
        m = re.match(r"^      (paragraph|item): (\d+)$", line)
        if m and current:
            current[m.group(1)] = int(m.group(2))
        if re.match(r"^      mandatory: ", line):
            continue  # written again below from the marks
        out.append(line)
        if re.match(r"^      penalties: ", line) and current:
            key = (data["id"], version, current["article"], current["paragraph"], current["item"])
            if found.get(key):
                out.append(f"      mandatory: [{', '.join(found[key])}]\n")
    text = "".join(out)
    changed = int(text != "".join(lines))
    return text, changed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, required=True)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    found = marks(args.texts)
    changed = 0
    for path in sorted((ROOT / "catalogs" / "laws").glob("*.yaml")):
        text, diff = rewrite(path, found)
        if diff:
            changed += 1
            print(("would change " if args.check else "wrote ") + str(path.relative_to(ROOT)))
            if not args.check:
                path.write_text(text, encoding="utf-8")
    fines = sum("fine" in v for v in found.values())
    goods = sum("confiscate_property" in v for v in found.values())
    print(f"{fines} of {len(found)} fine provisions impose the fine, {goods} the confiscation of the goods; {changed} files changed")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
