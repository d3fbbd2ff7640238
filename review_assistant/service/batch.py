"""Batch case-file evaluation (案卷评查): thousands of packages from folders, JSONL files and .zip archives,
one engine per worker process, streamed (memory stays bounded), resumable (a rerun skips packages already done,
by content hash); an invalid package is listed with its errors and never stops the run.

Outputs in --out: results.jsonl (one report per package), invalid.jsonl, summary.csv (one row per case, UTF-8 with
BOM so Excel and WPS keep the Chinese), report.html (self-contained: inline SVG charts, no network).
"""
from __future__ import annotations

import csv
import hashlib
import json
import multiprocessing as mp
import sys
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from review_assistant.case.limits import PACKAGE_BYTES
from review_assistant.engine.rulebook import ITEMS

CHUNK = 64  # packages handed to the pool at a time: bounds memory whatever the input size
SKIP_BYTES = 4 * PACKAGE_BYTES  # an over-long JSONL line is skipped this far at most


# --- reading the inputs, lazily ---------------------------------------------------------------------------

class Unreadable(bytes):
    """What ``packages`` yields for an input it cannot read: the reason, in Chinese and English (never raised)."""


class NotPackage(bytes):
    """A JSON file met in a folder that is not a case package by its shape (no case_id, no schema_version — a labels
    file, a saved report): counted and left out, not reported as an invalid package."""


def _shape(source: str, raw: bytes) -> bytes:
    """A well-formed JSON file without case_id and schema_version is some other file; broken JSON stays a package
    (an invalid one, reported with its error)."""
    if isinstance(raw, Unreadable) or b'"case_id"' in raw or b'"schema_version"' in raw:
        return raw
    try:
        json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return raw
    return NotPackage(source.encode("utf-8"))


def packages(inputs: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """(where it came from, raw bytes) for every package in folders, JSON files, JSONL files and zip archives.
    Everything is read with the per-package cap and nothing is inflated beyond it: a file, a zip member or a JSONL
    line over the limit, a corrupt or encrypted archive, a CRC error or an unknown compression method yields an
    ``Unreadable`` reason for that input, and the run goes on."""
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and p.suffix.lower() in (".json", ".jsonl", ".zip"):
                    yield from packages([str(p)])
        elif not _regular(path):  # a FIFO or a device would block or never end: never opened
            yield str(path), _unreadable("不是普通文件（管道、设备等），未读取", "not a regular file (FIFO, device…)")
        elif path.suffix.lower() == ".zip":
            yield from _zip(path)
        elif path.suffix.lower() == ".jsonl":
            try:
                with path.open("rb") as fh:
                    yield from _lines(str(path), fh)
            except OSError as err:
                yield str(path), _unreadable("无法读取文件", "cannot read the file", err)
        else:
            yield str(path), _shape(str(path), _capped_file(path))


def _regular(path: Path) -> bool:
    import stat

    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # the error is reported when the file is read


def _unreadable(zh: str, en: str, err: Optional[BaseException] = None) -> Unreadable:
    detail = f"：{type(err).__name__}: {err}" if err else ""
    return Unreadable(f"/: {zh}{detail} / {en}".encode("utf-8"))


def _too_large(size: Optional[int] = None) -> Unreadable:
    shown = f"{size} 字节，" if size is not None else ""
    return Unreadable(f"/: 案卷包过大（{shown}上限 {PACKAGE_BYTES} 字节） / package too large (limit {PACKAGE_BYTES} bytes)".encode("utf-8"))


def _capped_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > PACKAGE_BYTES:
            return _too_large(size)  # a sparse 2 GiB file is refused by its size, never read
        with path.open("rb") as fh:
            raw = fh.read(PACKAGE_BYTES + 1)
        return _too_large() if len(raw) > PACKAGE_BYTES else raw
    except OSError as err:
        return _unreadable("无法读取文件", "cannot read the file", err)


def _zip(path: Path) -> Iterator[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        yield str(path), _unreadable("不是有效的 zip 文件", "not a valid zip archive", err)
        return
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            member, label = info.filename, f"{path}!{info.filename}"
            if not member.endswith((".json", ".jsonl")):
                continue
            if info.flag_bits & 0x1:
                yield label, _unreadable("压缩包成员已加密", "encrypted member")
                continue
            if member.endswith(".json") and info.file_size > PACKAGE_BYTES:
                yield label, _too_large(info.file_size)  # the declared size: nothing is inflated to find out
                continue
            try:
                with archive.open(info) as fh:
                    if member.endswith(".jsonl"):
                        yield from _lines(label, fh)
                    else:
                        raw = fh.read(PACKAGE_BYTES + 1)  # the declared size may lie: read no further than the cap
                        yield label, (_too_large() if len(raw) > PACKAGE_BYTES else raw)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as err:
                # CRC error, unknown compression method, encrypted, truncated member
                yield label, _unreadable("压缩包成员无法读取", "cannot read the archive member", err)


def _lines(label: str, fh) -> Iterator[tuple[str, bytes]]:
    """One package per line, each line read with the cap (a 2 GiB line is skipped, never held in memory)."""
    number = 0
    while True:
        line = fh.readline(PACKAGE_BYTES + 2)
        if not line:
            return
        number += 1
        if len(line) > PACKAGE_BYTES + 1 and not line.endswith(b"\n"):
            skipped = 0
            while line and not line.endswith(b"\n") and skipped < SKIP_BYTES:  # drop the rest, in capped pieces
                line = fh.readline(PACKAGE_BYTES + 2)
                skipped += len(line)
            yield f"{label}:{number}", _too_large()
            if skipped >= SKIP_BYTES:  # a line without end (a sparse file of zeros): the rest is not read
                yield f"{label}:{number + 1}", _unreadable(f"第 {number} 行过长（超过 {SKIP_BYTES} 字节仍未结束），其后内容未读",
                                                          "a line without end: the rest of the file was not read")
                return
            continue
        if line.strip():
            yield f"{label}:{number}", line.rstrip(b"\r\n")


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


# --- the workers --------------------------------------------------------------------------------------------

_reviewer = None


def _init(catalogs: Optional[str]) -> None:
    global _reviewer
    from review_assistant.engine.review import get_reviewer

    _reviewer = get_reviewer(catalogs)  # rules, catalogs and engine built once per worker process
    _reviewer.catalogs.warm()


def _work(item: tuple[str, bytes, str]) -> dict:
    from review_assistant.case.inputs import InputError

    source, raw, digest = item
    if isinstance(raw, Unreadable):
        return {"hash": digest, "source": source, "errors": [raw.decode("utf-8")]}
    try:
        report = _reviewer.review(raw)
    except InputError as err:
        return {"hash": digest, "source": source, "errors": [p.line() for p in err.problems]}
    except Exception as err:  # noqa: BLE001 — one broken package must not stop a night's run
        return {"hash": digest, "source": source, "errors": [f"/: 审查失败（内部错误） / review failed: {err!r}"]}
    package = json.loads(raw)
    agency = (package.get("agency") or {}).get("name") if isinstance(package.get("agency"), dict) else None
    domain = _reviewer.catalogs.domains.get(package.get("domain") or "")
    return {"hash": digest, "source": source, "agency": agency or "（未载明）",
            "domain": domain.label if domain else (package.get("domain") or "（未载明）"),
            "report": report.model_dump(mode="json")}


# --- the run --------------------------------------------------------------------------------------------------

@dataclass
class BatchResult:
    reviewed: int = 0
    invalid: int = 0
    skipped: int = 0
    not_packages: int = 0  # JSON files that are not case packages by their shape (labels, reports)
    elapsed: float = 0.0
    out: Path = field(default_factory=Path)


def run(inputs: list[str], out: Path, jobs: int = 1, catalogs: Optional[str] = None, progress=True) -> BatchResult:
    out.mkdir(parents=True, exist_ok=True)
    results_path, invalid_path = out / "results.jsonl", out / "invalid.jsonl"
    done = _done_hashes(results_path) | _done_hashes(invalid_path)
    total = sum(1 for _, raw in packages(inputs) if not isinstance(raw, NotPackage)) if progress else None
    result = BatchResult(out=out)
    started = time.perf_counter()
    seen: set[str] = set()

    def todo() -> Iterator[tuple[str, bytes, str]]:
        for source, raw in packages(inputs):
            if isinstance(raw, NotPackage):
                result.not_packages += 1
                continue
            digest = content_hash(source.encode("utf-8") + raw) if isinstance(raw, Unreadable) else content_hash(raw)
            if digest in done or digest in seen:
                result.skipped += 1
                continue
            seen.add(digest)
            yield source, raw, digest

    context = mp.get_context("fork" if sys.platform != "win32" else "spawn")
    with results_path.open("a", encoding="utf-8") as good, invalid_path.open("a", encoding="utf-8") as bad, \
            context.Pool(jobs, initializer=_init, initargs=(catalogs,)) as pool:
        batch: list = []
        for item in todo():
            batch.append(item)
            if len(batch) >= CHUNK * jobs:
                _write(pool.map(_work, batch, chunksize=CHUNK // 4), good, bad, result)
                batch.clear()
                _progress(result, total, started, progress)
        if batch:
            _write(pool.map(_work, batch, chunksize=max(1, len(batch) // (4 * jobs))), good, bad, result)
        _progress(result, total, started, progress, final=True)
    result.elapsed = time.perf_counter() - started
    write_summary(out, not_packages=result.not_packages)
    return result


def _write(rows: list[dict], good, bad, result: BatchResult) -> None:
    for row in rows:
        if "errors" in row:
            bad.write(json.dumps(row, ensure_ascii=False) + "\n")
            result.invalid += 1
        else:
            good.write(json.dumps(row, ensure_ascii=False) + "\n")
            result.reviewed += 1
    good.flush()
    bad.flush()


def _done_hashes(path: Path) -> set[str]:
    done = set()
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    done.add(json.loads(line)["hash"])
                except (ValueError, KeyError):
                    continue  # a line cut short by a crash: that package is done again
    return done


def _progress(result: BatchResult, total: Optional[int], started: float, show: bool, final: bool = False) -> None:
    if not show:
        return
    n = result.reviewed + result.invalid
    rate = n / max(time.perf_counter() - started, 1e-9)
    left = (total - n - result.skipped) if total is not None else None
    eta = f"，剩余约 {left / rate:.0f} 秒" if left and rate > 0 else ""
    bar = ""
    if total:
        filled = int(30 * (n + result.skipped) / total)
        bar = "[" + "#" * filled + "." * (30 - filled) + "] "
    sys.stderr.write(f"\r{bar}已审查 {n}（无效 {result.invalid}，跳过 {result.skipped}）{rate:,.0f} 件/秒{eta}   ")
    if final:
        sys.stderr.write("\n")
    sys.stderr.flush()


# --- summary.csv and report.html (one streaming pass over results.jsonl) -------------------------------------

CONCLUSION_LABELS = {"approve": "同意", "revise": "建议修改后同意", "return": "退回补充", "reject": "不同意"}


from review_assistant.outputs.cells import FORMULA_START, safe_cell  # noqa: E402,F401


def write_summary(out: Path, not_packages: int = 0) -> dict:
    items = list(ITEMS)
    agg = {"n": 0, "conclusions": Counter(), "items": Counter(), "rules": Counter(), "rule_titles": {},
           "agencies": defaultdict(lambda: [0, 0]), "domains": defaultdict(lambda: [0, 0]),
           "heat": defaultdict(Counter), "examples": {}, "gaps": Counter(), "invalid": [], "not_packages": not_packages}
    with (out / "summary.csv").open("w", encoding="utf-8-sig", newline="") as fh, \
            (out / "results.jsonl").open(encoding="utf-8") as results:
        writer = csv.writer(fh)
        writer.writerow(["案号", "执法机关", "领域", "重大执法决定", "审核结论"] + [ITEMS[i] + "问题数" for i in items]
                        + ["材料不足项数", "来源"])
        for line in results:
            try:
                row = json.loads(line)
            except ValueError:
                continue
            report = row["report"]
            counts = Counter(f["item"] for f in report["findings"] if not f["gap"] and f["severity"] != "hint")
            gaps = {r["item"] for r in report["checklist"] if r["status"] == "gap"}
            major = {True: "是", False: "否", None: "无法判断"}[report["major"]["is_major"]]
            writer.writerow([safe_cell(report["case_id"]), safe_cell(row["agency"]), safe_cell(row["domain"]), major,
                             CONCLUSION_LABELS[report["conclusion"]]] + [counts.get(i, 0) for i in items]
                            + [len(gaps), safe_cell(row["source"])])
            for item in gaps:
                agg["gaps"][item] += 1
            agg["n"] += 1
            agg["conclusions"][report["conclusion"]] += 1
            defective = bool(counts)
            for key, bucket in (("agencies", row["agency"]), ("domains", row["domain"])):
                agg[key][bucket][0] += 1
                agg[key][bucket][1] += defective
            for item in counts:
                agg["items"][item] += 1
                agg["heat"][row["agency"]][item] += 1
            for f in report["findings"]:
                if f["severity"] != "hint" and not f["gap"]:
                    agg["rules"][f["rule_id"]] += 1
                    agg["rule_titles"][f["rule_id"]] = f["title"]
                    agg["examples"].setdefault(f["rule_id"], {"case_id": report["case_id"], "message": f["message"]})
        invalid_path = out / "invalid.jsonl"
        for line in (invalid_path.open(encoding="utf-8") if invalid_path.exists() else ()):
            try:
                row = json.loads(line)
            except ValueError:
                continue
            errors = "；".join(str(e) for e in row.get("errors", []))[:500]
            writer.writerow(["（无效案卷包）", "", "", "", "未审查：案卷包无效"] + [""] * len(items) + ["", safe_cell(
                f"{row.get('source', '')}：{errors}")])
            agg["invalid"].append({"source": row.get("source", ""), "errors": errors})
    from review_assistant.outputs.batch_report import render

    (out / "report.html").write_text(render(agg), encoding="utf-8")
    return agg


# --- batch: the public versions and one CSV of 公示 records for every decided case ------------------------------

@dataclass
class BatchPublicity:
    decided: int = 0
    to_publish: int = 0
    not_decided: int = 0
    invalid: int = 0


def publicity(inputs: list[str], out: Path, catalogs) -> BatchPublicity:
    """Streams the packages once: for every case with a decision step, its public document and reviewer sheet go to
    ``out/publicity/`` and its record to ``out/publicity.csv`` (one row per decided case, written as it goes)."""
    from datetime import date

    from review_assistant.case.inputs import InputError, parse_package
    from review_assistant.outputs.publicity import DUTY_LABELS, _stem, build, public_document, reviewer_sheet

    folder = out / "publicity"
    sheets = folder / "审核人员核对清单（不公开）"
    sheets.mkdir(parents=True, exist_ok=True)
    result = BatchPublicity()
    columns = dict(catalogs.platform_columns)
    keys = list(columns)
    with (out / "publicity.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("\ufeff")
        writer = csv.writer(fh)
        writer.writerow(["案卷", "是否公示"] + [columns[k] for k in keys])
        for source, raw in packages(inputs):
            if isinstance(raw, NotPackage):
                continue
            if isinstance(raw, Unreadable):
                result.invalid += 1
                continue
            try:
                package = parse_package(raw)
            except InputError:
                result.invalid += 1
                continue
            if not any(s.kind == "decision" for s in package.steps or ()):
                result.not_decided += 1
                continue
            pub = build(package, catalogs, package.submitted_on or date.today())
            result.decided += 1
            result.to_publish += pub.schedule.duty == "required"
            stem = _stem(package.case_id)
            (folder / f"{stem}-公示文本.md").write_bytes(public_document(pub, "md"))
            (sheets / f"{stem}-核对清单.md").write_bytes(reviewer_sheet(pub, "md"))
            writer.writerow([safe_cell(source), DUTY_LABELS[pub.schedule.duty]] + [safe_cell(pub.record.get(k, "")) for k in keys])
    return result
