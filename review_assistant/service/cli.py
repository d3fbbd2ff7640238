"""``review-assistant`` — the command line for reviewers and for scripts.

Exit codes of ``check``: 0 every package approved; 1 findings (some conclusion other than 同意);
2 invalid input (one line per problem on stderr, naming the JSON path, in Chinese and English);
3 an internal error in the reviewer (reported on stderr, never as a traceback).
"""
from __future__ import annotations

import argparse
import re
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Optional

from review_assistant.catalog.loader import CatalogError, bundled_root, load_catalogs, load_roots
from review_assistant.law.fines import yuan
from review_assistant.case.inputs import MAX_BYTES, InputError, Problem
from review_assistant.case.models import CasePackage, Report
from review_assistant.engine.rulebook import ITEMS, SEVERITIES, load_rulebook


def main(argv: Optional[list[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except CatalogError as err:
        print("目录数据错误 / catalog error:\n" + str(err), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def console() -> None:
    """The ``review-assistant`` command. After a ``check`` the process leaves once its output is flushed, without
    freeing the catalogs object by object (some 0.1 s of a one-file check's second); every other command — a server,
    a batch with its workers and temporary files — exits the usual way."""
    code = main()
    if sys.argv[1:2] == ["check"]:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (BrokenPipeError, ValueError):
                pass
        os._exit(code)
    sys.exit(code)


MAX_JOBS = max(1, min(32, (os.cpu_count() or 1) * 2))  # each worker holds a rule engine: more only thrash


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"须为整数 / must be an integer: {text}") from None
    if not 1 <= n <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"须在 1 至 {MAX_JOBS} 之间 / must be between 1 and {MAX_JOBS}")
    return n


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="review-assistant", description="法制审核辅助：案卷包规则审查")
    sub = p.add_subparsers(required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="审查案卷包 / review case packages")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--catalogs", metavar="DIR", help="本地目录数据（覆盖或补充内置目录；亦可用环境变量 REVIEW_ASSISTANT_CATALOGS）")
    check.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="审查基准日（默认：送审日期）")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--opinion", metavar="OUT", help="同时生成法制审核意见书：OUT.docx、OUT.html 或 OUT.md（仅限一个案卷）")
    check.add_argument("--templates", metavar="DIR", help="本机关的意见书模板目录（覆盖同名内置模板）")
    check.set_defaults(run=_check)

    explain = sub.add_parser("explain", help="规则教学卡片 / teaching card of a rule")
    explain.add_argument("rule_id", metavar="RULE_ID")
    explain.add_argument("--format", choices=("text", "json"), default="text")
    explain.set_defaults(run=_explain)

    batch = sub.add_parser("batch", help="批量案卷评查 / evaluate many packages")
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="文件夹、JSON、JSONL 或 .zip")
    batch.add_argument("--out", required=True, metavar="DIR")
    batch.add_argument("--jobs", type=_jobs, default=1, help=f"工作进程数（每个进程一个规则引擎；1 至 {MAX_JOBS}）")
    batch.add_argument("--catalogs", metavar="DIR")
    batch.add_argument("--quiet", action="store_true", help="不显示进度")
    batch.add_argument("--publicity", action="store_true",
                       help="同时为已作出决定的案件写出公示文本（publicity/）和一份公示记录表（publicity.csv）")
    batch.set_defaults(run=_batch)

    evaluate = sub.add_parser("evaluate", help="用已标注的案卷评测审查结果 / measure the reviewer on labelled files")
    evaluate.add_argument("directory", metavar="DIR", help="案卷文件夹（或含 cases/ 子文件夹）")
    evaluate.add_argument("--expected", metavar="FILE", help="预期结果（默认 DIR/expected.json）")
    evaluate.add_argument("--format", choices=("text", "json"), default="text")
    evaluate.add_argument("--catalogs", metavar="DIR")
    evaluate.set_defaults(run=_evaluate)

    disc = sub.add_parser("discretion", help="按适用的裁量基准表计算罚款幅度 / compute the fine from the applicable baseline table")
    disc.add_argument("file", metavar="FILE")
    disc.add_argument("--format", choices=("text", "json"), default="text")
    disc.add_argument("--catalogs", metavar="DIR", help="本地目录数据")
    disc.set_defaults(run=_discretion)

    pub = sub.add_parser("publicity", help="处罚决定的公示版本、信息摘要、公示记录和期限 / the public version of a decision")
    pub.add_argument("file", metavar="FILE")
    pub.add_argument("--out", metavar="DIR", help="写入文件夹：公示文本、公示记录（JSON、CSV）、审核人员核对清单（不公开）")
    pub.add_argument("--format", choices=("json", "html", "md", "docx"), default="json",
                     help="json（默认，全部内容）；md、html 输出公示文本；docx 须配合 --out")
    pub.add_argument("--as-of", type=_date, help="核对日期（默认送审日期或今天）")
    pub.add_argument("--catalogs", metavar="DIR", help="本地目录数据（如本地公示规定、平台列名）")
    pub.set_defaults(run=_publicity)

    rules = sub.add_parser("rules", help="列出规则及其元数据 / list rules")
    rules.add_argument("--item", choices=list(ITEMS))
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(run=_rules)

    schema = sub.add_parser("schema", help="输出 JSON Schema / print the JSON Schemas")
    schema.add_argument("which", nargs="?", choices=("case-package", "report"))
    schema.set_defaults(run=_schema)

    cite = sub.add_parser("cite", help="解析法律引用 / read citations in a text")
    cite.add_argument("text", metavar="TEXT")
    cite.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="按该日施行的版本解析（默认：今天）")
    cite.add_argument("--catalogs", metavar="DIR")
    cite.set_defaults(run=_cite)

    serve = sub.add_parser("serve", help="启动审查 API / run the check API (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--db", metavar="URL", help="审查记录数据库（SQLAlchemy URL；默认 REVIEW_ASSISTANT_DB 或本目录 SQLite 文件）")
    serve.add_argument("--insecure-dev", action="store_true", help="开发模式：不认证（服务器会醒目提示）")
    serve.set_defaults(run=_serve)

    tokens = sub.add_parser("tokens", help="API 令牌 / API tokens")
    tokens_sub = tokens.add_subparsers(required=True, metavar="ACTION")
    create = tokens_sub.add_parser("create", help="创建令牌（只显示一次）/ create a token (shown once)")
    create.add_argument("--role", required=True, choices=("case_system", "reviewer", "trainer", "admin"))
    create.add_argument("--name", required=True, help="持有者，如某办案系统、某审核员")
    create.add_argument("--db", metavar="URL")
    create.add_argument("--json", action="store_true", help="以 JSON 输出")
    create.set_defaults(run=_token_create)
    listing = tokens_sub.add_parser("list", help="列出令牌（不含密钥）")
    listing.add_argument("--db", metavar="URL")
    listing.set_defaults(run=_token_list)
    revoke = tokens_sub.add_parser("revoke", help="吊销令牌")
    revoke.add_argument("token_id", metavar="ID")
    revoke.add_argument("--db", metavar="URL")
    revoke.set_defaults(run=_token_revoke)

    records = sub.add_parser("records", help="审查记录 / the review record")
    records_sub = records.add_subparsers(required=True, metavar="ACTION")
    verify = records_sub.add_parser("verify", help="校验哈希链、案卷包、签名和导出的链首，指出被修改、删除、截断或伪造的记录")
    verify.add_argument("--db", metavar="URL")
    verify.add_argument("--head", metavar="FILE", help="records head --append 导出的链首文件（每行一个），用以发现截断或清空")
    verify.set_defaults(run=_records_verify)
    head = records_sub.add_parser("head", help="输出带签名的链首（保存在数据库之外，如每日归档）")
    head.add_argument("--db", metavar="URL")
    head.add_argument("--append", metavar="FILE", help="追加到该文件（只追加，不改写）")
    head.set_defaults(run=_records_head)

    catalogs = sub.add_parser("catalogs", help="目录数据 / catalogs")
    catalogs_sub = catalogs.add_subparsers(required=True, metavar="ACTION")
    validate = catalogs_sub.add_parser("validate", help="校验目录数据目录 / validate a catalog directory")
    validate.add_argument("directory", metavar="DIR")
    validate.set_defaults(run=_validate)
    audit = catalogs_sub.add_parser("audit", help="对照法律文本核对法律目录 / check the law catalog against law texts")
    audit.add_argument("--law-texts", required=True, metavar="DIR")
    audit.add_argument("--catalogs", metavar="DIR")
    audit.set_defaults(run=_audit)
    return p


from review_assistant.outputs.textview import clean as clean_text  # noqa: E402 — control characters never reach the terminal


def _date(text: str) -> date:
    """YYYY-MM-DD exactly (date.fromisoformat also takes 20240101 and 2024-W01-1), within the years a package's own
    dates may lie in."""
    from review_assistant.case.models.package import EARLIEST, LATEST

    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD / date must be YYYY-MM-DD: {text!r}") from None
    if not EARLIEST <= day <= LATEST:
        raise argparse.ArgumentTypeError(f"日期应在 {EARLIEST.isoformat()} 至 {LATEST.isoformat()} 之间 / "
                                         f"date must lie between {EARLIEST.isoformat()} and {LATEST.isoformat()}: {text!r}")
    return day


def _check(args) -> int:
    from review_assistant.engine.review import (
        get_reviewer,  # the engine is built only when a review is asked for
    )

    if args.opinion and len(args.files) != 1:
        print("--opinion 只能用于一个案卷 / --opinion takes exactly one FILE", file=sys.stderr)
        return 2
    if args.opinion and Path(args.opinion).suffix.lower() not in (".docx", ".html", ".htm", ".md"):
        print("意见书格式须为 .docx、.html 或 .md / opinion must be .docx, .html or .md", file=sys.stderr)
        return 2
    if args.templates and not Path(args.templates).is_dir():
        print(clean_text(f"意见书模板目录不存在或不是目录：{args.templates} / --templates must be a folder"), file=sys.stderr)
        return 2
    reviewer = get_reviewer(args.catalogs)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    worst = 0
    for name in args.files:
        try:
            report = reviewer.review(_read(name), as_of=args.as_of)
        except InputError as err:
            for problem in err.problems:
                print(clean_text(f"{name}: {problem.line()}"), file=sys.stderr)
            worst = max(worst, 2)
            continue
        except Exception as err:  # noqa: BLE001 — one file's failure is reported, the others still run
            print(clean_text(f"{name}: 审查失败（内部错误，请报告）/ review failed (internal error): {err!r}"), file=sys.stderr)
            worst = 3
            continue
        _print_report(report, args.format, color, many=len(args.files) > 1)
        if args.opinion:
            from review_assistant.case.inputs import parse_package
            from review_assistant.outputs.opinion import OpinionError, render

            try:
                written = render(report, parse_package(_read(name)), Path(args.opinion),
                                 Path(args.templates) if args.templates else None)
            except OpinionError as err:
                print(clean_text(f"{err.zh} / {err.en}"), file=sys.stderr)
                return 2
            print(f"意见书已生成 / opinion written: {written}", file=sys.stderr)
        worst = max(worst, 0 if report.conclusion == "approve" else 1)
    return worst


def _read(name: str) -> bytes:
    """A package file, read with the per-package cap (``/dev/zero`` or a pipe never read without end)."""
    import stat

    path = Path(name)
    try:
        mode = path.stat().st_mode
        if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
            raise InputError([Problem("", "不是普通文件（管道），未读取", "not a regular file (FIFO)")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError([Problem("", f"文件过大（{size} 字节，上限 {MAX_BYTES}）", f"file too large ({size} bytes, limit {MAX_BYTES})")])
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise InputError([Problem("", f"文件过大（超过 {MAX_BYTES} 字节）", f"file too large (over {MAX_BYTES} bytes)")])
        return raw
    except FileNotFoundError:
        raise InputError([Problem("", "文件不存在", "file not found")]) from None
    except IsADirectoryError:
        raise InputError([Problem("", "这是目录，不是文件", "is a directory, not a file")]) from None
    except PermissionError:
        raise InputError([Problem("", "无权读取该文件", "permission denied")]) from None
    except OSError as err:  # a symlink loop, /proc/self/mem, a device error: the file cannot be read, which is no bug
        raise InputError([Problem("", f"无法读取该文件（{err.strerror or type(err).__name__}）",
                                  f"cannot read the file: {err.strerror or err}")]) from None


def safe_json(text: str) -> str:
    """JSON for a terminal: characters a terminal would act on (C1 controls, bidi overrides, line separators) are
    written as \\uXXXX escapes — the same JSON, nothing to interpret."""
    from review_assistant.outputs.textview import _CONTROL

    return _CONTROL.sub(lambda m: "\\u%04x" % ord(m.group(0)) if m.group(0) not in "\n\t" else m.group(0), text)


def _print_report(report: Report, fmt: str, color: bool, many: bool) -> None:
    if fmt == "json":
        print(safe_json(report.model_dump_json(indent=None if many else 2)))
    else:
        from review_assistant.outputs.textview import render
        print(render(report, color))
        if many:
            print()


def _batch(args) -> int:
    from review_assistant.service.batch import run

    missing = [i for i in args.inputs if not Path(i).exists()]
    if missing:
        print(clean_text("输入不存在 / input not found: " + "、".join(missing)), file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(clean_text(f"--out 应为文件夹，{out} 是文件 / --out must be a folder, {out} is a file"), file=sys.stderr)
        return 2
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(clean_text(f"无法创建输出文件夹 {out} / cannot create the output folder: {err}"), file=sys.stderr)
        return 2
    r = run(args.inputs, Path(args.out), jobs=max(1, args.jobs), catalogs=args.catalogs, progress=not args.quiet)
    print(f"已审查 {r.reviewed} 件，无效 {r.invalid} 件，跳过（此前已完成）{r.skipped} 件，"
          + (f"非案卷包文件 {r.not_packages} 个（已跳过），" if r.not_packages else "") + f"用时 {r.elapsed:.1f} 秒；"
          f"结果在 {r.out}（results.jsonl、invalid.jsonl、summary.csv、report.html）")
    if args.publicity:
        from review_assistant.catalog.loader import load_catalogs
        from review_assistant.service.batch import publicity as publicity_batch

        p = publicity_batch(args.inputs, out, load_catalogs(args.catalogs))
        print(f"公示：已作出决定的案件 {p.decided} 件（其中应当公示 {p.to_publish} 件），未作出决定的 {p.not_decided} 件；"
              f"公示文本在 {out / 'publicity'}，公示记录在 {out / 'publicity.csv'}；"
              "核对清单（不公开）在 publicity/审核人员核对清单（不公开）/")
    return 0


def _discretion(args) -> int:
    """The baseline rows for the case's penalty provision, the factors read, the range, step by step; exit 0 when it
    ran (even with no table), 2 for a bad package."""
    from datetime import date as _date

    from review_assistant.catalog.loader import load_catalogs
    from review_assistant.engine.context import CaseContext
    from review_assistant.law.discretion import calculations
    from review_assistant.case.inputs import parse_package

    try:
        package = parse_package(_read(args.file))
    except InputError as err:
        for problem in err.problems:
            print(clean_text(f"{args.file}: {problem.line()}"), file=sys.stderr)
        return 2
    catalogs = load_catalogs(args.catalogs)
    ctx = CaseContext(package, catalogs, package.submitted_on or _date.today())
    calcs = calculations(ctx)
    fines = [p.amount for p in (package.proposed_decision.penalties or ()) if p.type == "fine" and p.amount is not None] \
        if package.proposed_decision else []
    if args.format == "json":
        print(safe_json(json.dumps({"case_id": package.case_id, "proposed_fines": fines,
                                    "tables": [c.as_dict() for c in calcs]}, ensure_ascii=False, indent=2)))
        return 0
    print(clean_text(f"裁量计算  案号：{package.case_id}"))
    if not calcs:
        print("未找到适用于本案（地区、领域、日期、处罚依据条款）的计算型裁量基准表；法定幅度见审查报告“适用法律”“裁量基准”两项。")
        return 0
    for c in calcs:
        print(clean_text(f"\n{c.source}：{c.conduct}"))
        print(clean_text(f"  处罚依据：{c.provision}"))
        for step in c.steps:
            print(clean_text(f"  · {step}"))
        if c.missing:
            print(clean_text(f"  未载明的裁量要素（按全部档次计算）：{'、'.join(c.missing)}"))
        print(clean_text(f"  计算幅度：{c.range_text}"))
        for amount in fines:
            where = ("无法比较" if c.low is None else "高于上限" if amount > c.high else "低于下限" if amount < c.low else "在幅度内")
            print(clean_text(f"  拟罚款 {yuan(amount)}：{where}"))
    return 0


def _publicity(args) -> int:
    """Exit 0 when it ran, 2 for a bad package or a bad --out / --format combination."""
    from datetime import date as _date

    from review_assistant.catalog.loader import load_catalogs
    from review_assistant.case.inputs import parse_package
    from review_assistant.outputs.publicity import build, public_document, write

    if args.format == "docx" and not args.out:
        print("docx 须写入文件夹：请加 --out DIR / docx needs --out DIR", file=sys.stderr)
        return 2
    if args.out and Path(args.out).exists() and not Path(args.out).is_dir():
        print(clean_text(f"--out 应为文件夹，{args.out} 是文件 / --out must be a folder"), file=sys.stderr)
        return 2
    try:
        package = parse_package(_read(args.file))
    except InputError as err:
        for problem in err.problems:
            print(clean_text(f"{args.file}: {problem.line()}"), file=sys.stderr)
        return 2
    pub = build(package, load_catalogs(args.catalogs), args.as_of or package.submitted_on or _date.today())
    if args.out:
        try:
            written = write(pub, Path(args.out), args.format)
        except OSError as err:
            print(clean_text(f"无法写入 {args.out}：{err.strerror or err} / cannot write: {err}"), file=sys.stderr)
            return 2
        for path in written:
            print(clean_text(str(path)))
        print("其中“审核人员核对清单（不公开）”列出隐去和保留的每一处信息，仅供核对，不得随公示文本发布", file=sys.stderr)
        return 0
    if args.format == "json":
        print(safe_json(json.dumps(pub.as_dict(), ensure_ascii=False, indent=2)))
    else:
        print(clean_text(public_document(pub, args.format).decode("utf-8")) if args.format == "md"
              else public_document(pub, args.format).decode("utf-8"))
        print(f"（隐去 {len(pub.masked)} 处；隐去清单仅供审核人员：加 --out DIR 写入核对清单，或用 --format json）", file=sys.stderr)
    return 0


def _evaluate(args) -> int:
    """Exit 0 when it ran, whatever the figures; 2 when the set (folder, labels or a package) is bad input."""
    from review_assistant.service.evaluation import LabelError, evaluate, render_text
    from review_assistant.engine.review import get_reviewer

    try:
        ev = evaluate(Path(args.directory), Path(args.expected) if args.expected else None, get_reviewer(args.catalogs))
    except LabelError as err:
        for problem in err.problems:
            print(clean_text(problem.line()), file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 — an internal error is reported, never as a traceback
        print(f"评测失败（内部错误，请报告）/ evaluation failed (internal error): {err!r}", file=sys.stderr)
        return 3
    print(safe_json(json.dumps(ev.to_json(), ensure_ascii=False, indent=2) if args.format == "json" else clean_text(render_text(ev)).replace("\r", "")))
    invalid = [c for c in ev.cases if c.error]
    for c in invalid:
        for line in c.error:
            print(clean_text(f"{c.name}: {line}"), file=sys.stderr)
    return 2 if invalid else 0


def _serve(args) -> int:
    import os

    import uvicorn

    from review_assistant.service.devmode import CONFIRM_ENV, CONFIRM_VALUE, loopback

    if args.db:
        os.environ["REVIEW_ASSISTANT_DB"] = args.db
    if args.insecure_dev:
        if not loopback(args.host):
            print(f"开发模式（不认证）只能绑定本机地址，拒绝绑定 {clean_text(args.host)} / development mode binds to "
                  "loopback only", file=sys.stderr)
            return 2
        os.environ[CONFIRM_ENV] = CONFIRM_VALUE
        print("!!! 开发模式：未启用身份认证 / DEVELOPMENT MODE: NO AUTHENTICATION !!!", file=sys.stderr)
    else:
        os.environ.pop(CONFIRM_ENV, None)
    from review_assistant.service.records import RecordStore, default_url, shown_url

    url = default_url()
    host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    print(f"网页工作台 / workspace: http://{host}:{args.port}/ui/    API 文档 / docs: http://{host}:{args.port}/docs")
    print(f"审查记录 / record: {shown_url(url)}")
    if not args.insecure_dev:
        try:
            if not RecordStore(url).tokens():
                print("尚无令牌。先创建管理员令牌 / no token yet — create the first one:\n"
                      f"  review-assistant tokens create --role admin --name 管理员 --db '{shown_url(url)}'")
        except Exception as err:  # noqa: BLE001 — the server reports an unusable record itself
            print(f"审查记录暂不可用 / record not usable yet: {type(err).__name__}", file=sys.stderr)
    sys.stdout.flush()
    # our access log (api.py) masks ID numbers in paths; uvicorn's own would print them as they came
    uvicorn.run("api:app", host=args.host, port=args.port, workers=args.workers, log_level="info", access_log=False)
    return 0


def _record_errors(fn):
    """A record that cannot be opened or used is a clear message (exit 1 for a missing or empty record, 2 for a bad
    argument), never a traceback."""
    def run(args) -> int:
        from review_assistant.service.records import RecordError

        try:
            return fn(args)
        except RecordError as err:
            print(clean_text(f"{err.zh} / {err.en}"), file=sys.stderr)
            return getattr(err, "exit_code", 1)
        except Exception as err:  # noqa: BLE001 — e.g. the database server refused the connection
            print(f"无法使用审查记录 / cannot use the record: {type(err).__name__}: {clean_text(str(err))[:300]}",
                  file=sys.stderr)
            return 2
    return run


@_record_errors
def _token_create(args) -> int:
    if not args.name.strip() or len(args.name) > 200 or "\x00" in args.name:
        print("--name 须为1至200个字符 / --name must be 1 to 200 characters", file=sys.stderr)
        return 2
    from review_assistant.service.records import RecordStore

    token_id, secret = RecordStore(args.db).create_token(args.role, args.name)
    if args.json:
        print(safe_json(json.dumps({"token_id": token_id, "role": args.role, "name": args.name, "secret": secret}, ensure_ascii=False)))
    else:
        print(f"令牌编号 / id: {token_id}  角色 / role: {args.role}  持有者 / name: {clean_text(args.name)}", file=sys.stderr)
        print(secret)
    print("令牌只显示这一次，请妥善保存 / the secret is shown once", file=sys.stderr)
    return 0


@_record_errors
def _token_list(args) -> int:
    from review_assistant.outputs.timefmt import beijing
    from review_assistant.service.records import RecordStore

    for t in RecordStore(args.db, create=False).tokens():
        state = "已吊销 / revoked" if t.get("revoked") else "有效 / active"
        print(f"{t['token_id']}  {t['role']:<12} {clean_text(t['name'])}  {beijing(t['created_at'])}（北京时间）  {state}")
    return 0


@_record_errors
def _token_revoke(args) -> int:
    from review_assistant.service.records import RecordStore

    if not RecordStore(args.db, create=False).revoke(args.token_id):
        print(f"没有令牌 {clean_text(args.token_id)} / no such token", file=sys.stderr)
        return 1
    print(f"已吊销 {args.token_id} / revoked")
    return 0


@_record_errors
def _records_head(args) -> int:
    from review_assistant.service.records import RecordStore

    line = json.dumps(RecordStore(args.db, create=False).head(), ensure_ascii=False)
    print(line)
    if args.append:
        with open(args.append, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    return 0


def _head_file_error(zh: str, en: str):
    """A bad --head file is a bad argument (exit 2), not a finding about the record (exit 1)."""
    from review_assistant.service.records import RecordError

    err = RecordError(zh, en)
    err.exit_code = 2
    return err


@_record_errors
def _records_verify(args) -> int:
    from review_assistant.service.records import RecordError, RecordStore

    store = RecordStore(args.db, create=False)
    heads = []
    if args.head:
        try:
            lines = Path(args.head).read_text(encoding="utf-8").splitlines()
        except (OSError, ValueError) as err:
            raise _head_file_error(f"无法读取链首文件 {args.head}", f"cannot read the head file: {err}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                h = json.loads(line)
            except ValueError:
                h = None
            if not (isinstance(h, dict) and isinstance(h.get("seq"), int) and isinstance(h.get("entry_hash"), str)):
                raise _head_file_error(f"链首文件 {args.head} 第 {number} 行不是 records head 导出的链首",
                                       f"line {number} of the head file is not a head exported by `records head`")
            heads.append(h)
    rows = list(store.all_entries())
    if not rows:
        raise RecordError("审查记录为空：应有记录而没有（被清空，或数据库地址有误）", "the record is empty (wiped, or the wrong database)")
    problems = store.verify(heads)
    head = clean_text(rows[-1]["entry_hash"])
    print(f"记录 {len(rows)} 条，链首哈希 {head} / {len(rows)} entries, head {head}")
    if not store.key:
        print("  未配置记录密钥（REVIEW_ASSISTANT_RECORD_KEY），无法发现重算整条链的改写和伪造的令牌 / no record key: "
              "a recomputed chain or a forged token row cannot be detected")
    for p in problems:
        print(clean_text(f"  第 {p.seq} 条（审查 {p.review_id or '-'}）：{p.what}"))
    print("校验通过 / chain verifies" if not problems else f"发现 {len(problems)} 处问题 / {len(problems)} problems")
    return 1 if problems else 0


def _explain(args) -> int:
    from review_assistant.outputs.teaching import card, find, render_text

    rule = find(args.rule_id)
    if rule is None:
        print(f"没有规则 {args.rule_id} / no rule {args.rule_id}（review-assistant rules 列出全部规则）", file=sys.stderr)
        return 2
    c = card(rule)
    print(safe_json(json.dumps(c, ensure_ascii=False, indent=2) if args.format == "json" else render_text(c)))
    return 0


def _rules(args) -> int:
    rules = [r for r in load_rulebook().rules if not args.item or r.item == args.item]
    if args.format == "json":
        print(safe_json(json.dumps([r.metadata() for r in rules], ensure_ascii=False, indent=2)))
        return 0
    from review_assistant.outputs.textview import width

    def pad(text: str, cols: int) -> str:  # by display width: a Chinese character takes two columns
        return text + " " * max(0, cols - width(text))
    for r in rules:
        kind = "材料不足" if r.gap else SEVERITIES[r.severity]
        print(f"{r.id:9} {pad(ITEMS[r.item], 14)}{pad('[' + kind + ']', 11)}{r.title}\n          依据：{r.basis}")
    return 0


def _schema(args) -> int:
    schemas = {"case-package": CasePackage.model_json_schema(), "report": Report.model_json_schema()}
    out = schemas[args.which] if args.which else schemas
    print(safe_json(json.dumps(out, ensure_ascii=False, indent=2)))
    return 0


def _validate(args) -> int:
    directory = Path(args.directory)
    if not directory.is_dir():
        print(f"{directory}: 目录不存在 / directory not found", file=sys.stderr)
        return 2
    catalogs = load_roots([bundled_root(), directory])
    local = {k: v for k, v in catalogs.versions.items() if k.startswith("local:")}
    print(f"目录数据有效 / catalogs valid: {len(local)} 个本地文件，合并后 {len(catalogs.laws)} 部法律、"
          f"{len(catalogs.agencies)} 个执法主体、{len(catalogs.officers)} 名执法人员、"
          f"{len(catalogs.major_entries)} 条重大执法决定目录条目")
    for name, version in sorted(local.items()):
        print(f"  {name}  版本 {version}")
    return 0


def _cite(args) -> int:
    from review_assistant.law.citations import parse, resolve

    catalogs = load_catalogs(args.catalogs)
    day = args.as_of or date.today()
    out = []
    for c in parse(args.text, catalogs.name_finder):
        r = resolve(c, catalogs, day)
        law = r.law
        out.append({
            "raw": c.raw, "span": list(c.span), "law_written": c.law_name,
            "law_id": law.id if law else None, "law_name": law.name if law else None,
            "level": law.level if law else None,
            "article": c.article, "paragraph": c.paragraph, "item": c.item, "order_no": c.order_no,
            "written": (law and written_full(law.name, c)) or c.written,
            "version": ({"id": r.version.id, "effective_from": r.version.effective_from.isoformat(),
                         "effective_to": r.version.effective_to.isoformat() if r.version.effective_to else None}
                        if r.version else None),
            "exists": r.provision_exists,
            "penalty_provision": r.provision.summary if r.provision else None,
            "status": ("law_not_in_catalog" if law is None else "no_version_on_date" if r.version is None
                       else "no_such_provision" if r.provision_exists is False else "resolved"),
        })
    print(safe_json(json.dumps({"as_of": day.isoformat(), "citations": out}, ensure_ascii=False, indent=2)))
    return 0


def written_full(name: str, c) -> str:
    from review_assistant.law.citations import written_form

    return written_form(name, c.article, c.paragraph, c.item)


def _audit(args) -> int:
    from review_assistant.law.audit import audit

    root = Path(args.law_texts)
    if not root.is_dir():
        print(f"{root}: 目录不存在 / directory not found", file=sys.stderr)
        return 2
    result = audit(load_catalogs(args.catalogs), root)
    print(f"核对 {len(result.checked)} 个法律版本，{len(result.mismatches)} 处不一致；"
          f"{len(result.missing_text)} 个版本未找到文本 / audited {len(result.checked)} law versions, "
          f"{len(result.mismatches)} mismatches, {len(result.missing_text)} without a text")
    for line in result.mismatches:
        print("  不一致 / mismatch: " + line)
    for line in result.missing_text:
        print("  未找到文本 / no text: " + line)
    return 1 if result.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
