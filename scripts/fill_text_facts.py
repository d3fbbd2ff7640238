"""Fill the facts read from its text into every hand-checked law version in catalogs/laws/*.yaml (the generated corpus
gets them from scripts/generate_law_corpus.py):

- ``layout``, the paragraph/item structure, where it was never written (older versions added for their renumbering
  only), so that a citation to a paragraph or item the version does not have is found (LAW-004) whichever version
  governs the act;
- ``breaches``, the articles each article penalizes the breach of as its text names them (违反本法第X条规定), so that
  a penalty basis can be held against the violated provision (LAW-020).

    python scripts/fill_text_facts.py [--texts ../shared/domain/laws] [--check]

Both are facts read from the text (review_assistant.law.lawtext), the same the audit compares; a line is inserted
after the version's ``articles:`` (or ``layout:``) line, or replaced, the rest of the file left as it is. --check only
reports.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_assistant.law.lawtext import breaches, layout, read_articles  # noqa: E402


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
            if not v.get("text_file"):
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
            facts = {"layout": layout(articles), "breaches": breaches(articles)}
            for key, value in facts.items():
                if value and v.get(key) != value:
                    missing += 1
                    print(f"{path.name} {v['id']}: {key} from {v['text_file']}")
                    if not args.check:
                        _write(path, v["id"], key, value)
    return 1 if args.check and missing else 0


def _write(path: Path, version_id: str, key: str, value: str) -> None:
    """The ``key:`` line of that version's block, replaced, or inserted after its ``layout:`` or ``articles:`` line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    opened = re.compile(rf"^(\s*)- id: '?{re.escape(version_id)}'?\s*$")
    for i, line in enumerate(lines):
        m = opened.match(line)
        if not m:
            continue
        block = []
        for j in range(i + 1, len(lines)):
            if re.match(r"^\s*- id:", lines[j]) or not lines[j].startswith(m.group(1) + "  "):
                break
            block.append(j)
        at = {lines[j].lstrip().split(":", 1)[0]: j for j in block}
        if key in at:
            j = at[key]
            lines[j] = lines[j][:len(lines[j]) - len(lines[j].lstrip())] + f"{key}: '{value}'\n"
        else:
            j = at.get("layout", at.get("articles"))
            if j is None:
                raise SystemExit(f"{path.name}: no articles line for version {version_id}")
            lines.insert(j + 1, lines[j][:len(lines[j]) - len(lines[j].lstrip())] + f"{key}: '{value}'\n")
        path.write_text("".join(lines), encoding="utf-8")
        return
    raise SystemExit(f"{path.name}: no version {version_id}")


if __name__ == "__main__":
    raise SystemExit(main())
