"""``review-assistant catalogs audit``: check the law catalog against a folder of law texts (one Markdown file
per law version, articles as ``第X条`` lines — the layout of shared/domain/laws). Every cataloged article,
paragraph and item must exist, and each version's article count and layout must match its text."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from review_assistant.catalog.loader import Catalogs
from review_assistant.law.citations import normalize_law_name
from review_assistant.law.lawtext import breaches, layout, read_articles


@dataclass
class AuditResult:
    checked: list[str] = field(default_factory=list)  # "law version" audited against a text
    missing_text: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)


def find_text(root: Path, law_name: str, adopted, text_file: Optional[str], index: dict) -> Optional[Path]:
    if text_file and (root / text_file).is_file():
        return root / text_file
    return index.get((normalize_law_name(law_name), adopted.isoformat()))


def audit(catalogs: Catalogs, root: Path) -> AuditResult:
    index = {}
    for path in root.rglob("*.md"):
        stem = path.stem
        if stem.endswith(")") and "(" in stem:
            name, _, day = stem[:-1].rpartition("(")
            index[(normalize_law_name(name), day)] = path
    result = AuditResult()
    for law in sorted(catalogs.laws.values(), key=lambda law: law.id):
        for v in law.versions:
            label = f"{law.name}（{v.id}年版）"
            path = find_text(root, law.name, v.adopted, v.text_file, index)
            if path is None:
                result.missing_text.append(label)
                continue
            articles = read_articles(path)
            result.checked.append(label)
            if len(articles) != v.articles:
                result.mismatches.append(f"{label}: 目录载明{v.articles}条，文本为{len(articles)}条 / article count")
            if v.layout is not None and v.layout != layout(articles):
                differ = [n for n, (a, b) in enumerate(zip(v.layout.split(), layout(articles).split()), 1) if a != b]
                result.mismatches.append(f"{label}: 款项结构与文本不符（第{differ[:5]}条）/ layout")
            if v.breaches is not None and v.breaches != breaches(articles):
                result.mismatches.append(f"{label}: 罚则所指的违法条款与文本不符 / breaches")
            for p in v.provisions:
                article = articles.get(p.article)
                if article is None or not article.has(p.paragraph, p.item):
                    where = f"第{p.article}条" + (f"第{p.paragraph}款" if p.paragraph else "") + (f"第{p.item}项" if p.item else "")
                    result.mismatches.append(f"{label}: 罚则条文{where}在文本中不存在 / provision not in text")
    return result
