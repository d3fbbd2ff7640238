"""Write the field tables of docs/case-package.md from review_assistant/case/models/fields.yaml (the one source of the
fields' meanings, which the JSON Schema also reads). The prose around them is kept; only the part between the
markers is generated.

    python scripts/make_contract_doc.py [--check]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_assistant.case.models import package  # noqa: E402

DOC = ROOT / "docs" / "case-package.md"
BEGIN, END = "<!-- fields:begin (scripts/make_contract_doc.py) -->", "<!-- fields:end -->"
TITLES = {
    "CasePackage": "顶层 Top level", "Agency": "执法主体 Agency", "Party": "当事人 Party",
    "Representative": "代表人 Party.representative", "Violation": "违法行为 Violation", "Citations": "法律依据 Citations",
    "Decision": "拟处理决定 Decision", "Penalty": "处罚 Penalty", "Officer": "执法人员 Officer", "Cert": "执法证 Officer.cert",
    "Step": "程序环节 Step", "Participant": "集体讨论参加人员 Step.participants", "Evidence": "证据 Evidence",
    "Document": "文书 Document", "ExcludedPeriod": "不计入期限的期间 excluded_periods",
    "Confidential": "不公开的段落 confidential",
}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def tables() -> str:
    out = []
    for model, title in TITLES.items():
        cls = getattr(package, model)
        entries = package.FIELDS[model]
        out += [f"### {title}", "", "| 字段 field | 版本 | 含义 | meaning | 读取的规则 rules |", "|---|---|---|---|---|"]
        for name, info in cls.model_fields.items():
            e = entries[name]
            out.append(f"| `{info.alias or name}` | {e.get('since', '1')} | {_cell(e['zh'])} | {_cell(e['en'])} | "
                       f"{', '.join(e.get('rules') or ()) or '—'} |")
        out.append("")
    return "\n".join(out)


def render(doc: str) -> str:
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{tables()}\n{END}{tail}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the document is out of date")
    args = ap.parse_args(argv)
    doc = DOC.read_text(encoding="utf-8")
    new = render(doc)
    if args.check:
        return int(new != doc)
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
