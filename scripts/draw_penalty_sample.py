#!/usr/bin/env python3
"""Draw the held-out penalty sample.

Population: every paragraph (款) of every article, in every law text under
/work/shared/domain/laws/ (all folders), whose text contains 罚款, minus
  (a) every (text_file, article, paragraph) already in penalty_sample_220.jsonl
  (b) every law whose heading name equals a `name:` in the hand-checked
      catalogs /work/main/catalogs/laws/*.yaml (not the `generated` folder).
Draw: random.Random(20261202).sample(population, 210), population sorted by
(text_file, article, paragraph).

Paragraph numbering: 1-based index of the paragraph inside the article; every
new line starts a new paragraph except numbered items （一）/(一)/1. … which
belong to the paragraph that introduces them. paragraph = None when the
article has only one paragraph.  Articles "第N条之一" cannot be given an int
article number and are skipped (reported).

Draws made with this script (the defaults reproduce the second one):
  second sample, tests/data/penalty_sample_heldout_210.jsonl:
    --seed 20261202 --n 210 (exclusions: penalty_sample_220.jsonl)
  third sample, tests/data/penalty_sample_heldout3_210.jsonl:
    --seed 20261203 --n 210 --exclude tests/data/penalty_sample_220.jsonl
      --exclude tests/data/penalty_sample_heldout_210.jsonl
  fourth sample, tests/data/penalty_sample_heldout4_210.jsonl (population 2231):
    --seed 20261204 --n 210 --exclude tests/data/penalty_sample_220.jsonl
      --exclude tests/data/penalty_sample_heldout_210.jsonl
      --exclude tests/data/penalty_sample_heldout3_210.jsonl
  fifth sample, tests/data/penalty_sample_heldout5_210.jsonl (population 2021):
    --seed 20261205 --n 210 --exclude tests/data/penalty_sample_220.jsonl
      --exclude tests/data/penalty_sample_heldout_210.jsonl
      --exclude tests/data/penalty_sample_heldout3_210.jsonl
      --exclude tests/data/penalty_sample_heldout4_210.jsonl
--exclude FILE (repeatable) replaces the default exclusion list: every
(text_file, article, paragraph) row of each FILE is left out of the population.
"""
import argparse, glob, json, os, random, re, sys

# Written by the helper who encoded the sample (it never saw the parser); paths are arguments so that the script
# runs from a clone: python scripts/draw_penalty_sample.py --texts DIR/laws --out drawn.jsonl
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
_ap.add_argument("--texts", required=True, help="法律文本文件夹（共享法律库的 laws/）")
_ap.add_argument("--out", default="drawn.jsonl")
_ap.add_argument("--seed", type=int, default=20261202, help="random.Random seed (default: the second draw's)")
_ap.add_argument("--n", type=int, default=210, help="sample size")
_ap.add_argument("--exclude", action="append", metavar="FILE",
                 help="jsonl sample whose (text_file, article, paragraph) rows are excluded; repeatable "
                      "(default: tests/data/penalty_sample_220.jsonl)")
_args = _ap.parse_args()
if not os.path.isdir(_args.texts):
    sys.exit(f"法律文本文件夹不存在 / law texts folder not found: {_args.texts}")
LAWS = _args.texts
SAMPLE220 = os.path.join(ROOT, 'tests', 'data', 'penalty_sample_220.jsonl')
CATALOGS = os.path.join(ROOT, 'catalogs', 'laws')
SEED, N = _args.seed, _args.n
EXCLUDE = _args.exclude or [SAMPLE220]
OUT = _args.out

CN = {'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
      '六': 6, '七': 7, '八': 8, '九': 9}
UNIT = {'十': 10, '百': 100, '千': 1000}


def cn2int(s):
    total, cur = 0, 0
    for ch in s:
        if ch in CN:
            cur = CN[ch]
        elif ch in UNIT:
            total += (cur or 1) * UNIT[ch]
            cur = 0
    return total + cur


ART = re.compile(r'^第([一二三四五六七八九十百零〇千]+)条(之[一二三四五六七八九十]+)?[ \u3000]+(.*)$')
HEAD = re.compile(r'^(#|第[一二三四五六七八九十百零〇]+[编章节](\s|\u3000|$)|<!--)')
ITEM = re.compile(r'^[ \u3000]*([（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、]|[①-⑳])')


def parse(path):
    """Return (heading, [(article_int, [paragraph_text, ...]), ...], skipped)."""
    lines = open(path, encoding='utf-8').read().split('\n')
    heading = None
    for ln in lines:
        if ln.startswith('# '):
            heading = ln[2:].strip()
            break
    body_start = 0
    for i, ln in enumerate(lines):
        if ln.strip() == '<!-- INFO END -->':
            body_start = i + 1
            break
    arts, cur, skipped = [], None, 0
    for ln in lines[body_start:]:
        s = ln.strip()
        if not s:
            continue
        m = ART.match(s)
        if m:
            if m.group(2):           # 第N条之一: no int article number
                cur = None
                skipped += 1
                continue
            cur = (cn2int(m.group(1)), [m.group(3)])
            arts.append(cur)
            continue
        if HEAD.match(s):
            cur = None
            continue
        if cur is None:
            continue
        if ITEM.match(s):
            cur[1][-1] += '\n' + s
        else:
            cur[1].append(s)
    return heading, arts, skipped


def catalog_names():
    names = set()
    for f in glob.glob(os.path.join(CATALOGS, '*.yaml')):   # top level only, not generated/
        for ln in open(f, encoding='utf-8'):
            m = re.match(r'^\s*name:\s*(.+?)\s*$', ln)
            if m:
                names.add(m.group(1).strip('\'"'))
    return names


def main():
    done = set()
    for path in EXCLUDE:
        for ln in open(path, encoding='utf-8'):
            if ln.strip():
                r = json.loads(ln)
                done.add((r['text_file'], r['article'], r['paragraph']))
    names = catalog_names()
    pop, excl_cat, excl_prev, skipped_zhi = [], 0, 0, 0
    for path in sorted(glob.glob(os.path.join(LAWS, '**', '*.md'), recursive=True)):
        rel = os.path.relpath(path, LAWS)
        if os.path.basename(rel).startswith('_') or rel == 'SOURCE-README.md':
            continue
        heading, arts, sk = parse(path)
        skipped_zhi += sk
        m = re.search(r'\((\d{4})-\d{2}-\d{2}\)\.md$', rel)
        version = m.group(1) if m else None
        for art, paras in arts:
            for i, p in enumerate(paras, 1):
                if '罚款' not in p:
                    continue
                key = (rel, art, i if len(paras) > 1 else None)
                if heading in names:
                    excl_cat += 1
                    continue
                if key in done:
                    excl_prev += 1
                    continue
                pop.append({'law': heading, 'version': version, 'text_file': rel,
                            'article': art, 'paragraph': key[2]})
    pop.sort(key=lambda d: (d['text_file'], d['article'], d['paragraph'] or 0))
    draw = random.Random(SEED).sample(pop, N)
    with open(OUT, 'w', encoding='utf-8') as f:
        for n, d in enumerate(draw, 1):
            f.write(json.dumps(dict(n=n, **d), ensure_ascii=False) + '\n')
    print(f'population={len(pop)} excluded_catalog={excl_cat} excluded_samples={excl_prev} '
          f'skipped_zhi_articles={skipped_zhi} catalog_names={len(names)} drawn={len(draw)}',
          file=sys.stderr)


if __name__ == '__main__':
    main()
