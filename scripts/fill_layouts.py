"""Fill the paragraph/item ``layout`` of every law version in catalogs/laws whose text is at hand but whose layout was
never written (older versions added for their renumbering only), so that a citation to a paragraph or item the
version does not have is found (LAW-004) whichever version governs the act.

    python scripts/fill_layouts.py [--texts ../shared/domain/laws] [--check]

The layout is a fact read from the text (review_assistant.law.lawtext.layout), the same the audit compares; the line
is inserted after the version's ``articles:`` line, the rest of the file left as it is. --check only reports.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_assistant.law.lawtext import layout, read_articles  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", default=str(ROOT.parent / "shared" / "domain" / "laws"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    texts = Path(args.texts)
    missing = 0
    for path in sorted((ROOT / "catalogs" / "laws").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for v in (doc.get("law") or {}).get("versions", []):
            if v.get("layout") or not v.get("text_file"):
                continue
            text = (texts / v["text_file"]).resolve()
            if not text.exists():
                print(f"{path.name} {v['id']}: text {v['text_file']} not found", file=sys.stderr)
                continue
            articles = read_articles(text)
            if len(articles) != v.get("articles"):
                print(f"{path.name} {v['id']}: {len(articles)} articles in the text, {v.get('articles')} in the catalog",
                      file=sys.stderr)
                continue
            missing += 1
            print(f"{path.name} {v['id']}: layout from {v['text_file']}")
            if not args.check:
                _insert(path, v["id"], layout(articles))
    return 1 if args.check and missing else 0


def _insert(path: Path, version_id: str, value: str) -> None:
    """The layout line after the ``articles:`` line of that version's block."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    opened = re.compile(rf"^(\s*)- id: '?{re.escape(version_id)}'?\s*$")
    for i, line in enumerate(lines):
        m = opened.match(line)
        if not m:
            continue
        for j in range(i + 1, len(lines)):
            if re.match(r"^\s*- id:", lines[j]) or not lines[j].startswith(m.group(1) + "  "):
                break
            if lines[j].lstrip().startswith("articles:"):
                indent = lines[j][:len(lines[j]) - len(lines[j].lstrip())]
                lines.insert(j + 1, f"{indent}layout: {value}\n")
                path.write_text("".join(lines), encoding="utf-8")
                return
    raise SystemExit(f"{path.name}: no articles line for version {version_id}")


if __name__ == "__main__":
    raise SystemExit(main())
