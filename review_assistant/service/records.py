"""The review record (审查记录): append-only and hash-chained, so that no entry can be changed, removed or
reordered unnoticed. Embedded SQLite by default; PostgreSQL (several API instances) by a SQLAlchemy URL.

Each entry holds the hash of the previous entry, of the package, of the report (or decision), the rule and catalog
versions, who asked (token id) and when; its own hash covers all of that. Appends are serialized (SQLite: one
writer transaction; PostgreSQL: a transaction-scoped advisory lock), so the chain stays linear under concurrency.

What protects against what (README 审查记录):
- the chain: an entry changed, removed from the middle, inserted or reordered — by anyone who does not recompute it;
- every stored text (package, report, decision) is checked against its hash when it is read and by ``verify``: a
  changed or deleted package is named, never served;
- the record key (``REVIEW_ASSISTANT_RECORD_KEY`` or a key file named by ``REVIEW_ASSISTANT_RECORD_KEY_FILE``; never
  in the database): each entry and each API token row carries an HMAC, so an entry edited with the chain recomputed,
  a forged decision appended, or an admin token row inserted by hand fails ``verify`` (and a token without a valid
  HMAC cannot sign in);
- the exported heads (``records head --append FILE``, kept outside the database, e.g. printed daily to an archive):
  ``records verify --head FILE`` finds a truncated tail or a wiped record, which no check inside the database can.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import queue
import re
import threading
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # not on Windows: SQLite's busy handler alone serializes the processes there
    fcntl = None
from concurrent.futures import Future
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Optional

import sqlalchemy as sa

ENV_VAR = "REVIEW_ASSISTANT_DB"
GENESIS = "0" * 64
_metadata = sa.MetaData()

entries = sa.Table(
    "record_entries", _metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(16), nullable=False),  # review | decision
    sa.Column("review_id", sa.String(64), nullable=False, index=True),
    sa.Column("case_id", sa.String(200), nullable=False, index=True),
    sa.Column("token_id", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("package_hash", sa.String(64), nullable=False),
    sa.Column("body_hash", sa.String(64), nullable=False),
    sa.Column("versions", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("entry_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("mac", sa.String(64), nullable=True),  # HMAC of entry_hash with the record key (None: no key configured)
)
packages = sa.Table(  # package bodies: kept for the opinion, hashed into the chain through package_hash
    "record_packages", _metadata,
    sa.Column("review_id", sa.String(64), primary_key=True),
    sa.Column("package", sa.Text, nullable=False),
)
tokens = sa.Table(
    "api_tokens", _metadata,
    sa.Column("token_id", sa.String(32), primary_key=True),
    sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("mac", sa.String(64), nullable=True),  # HMAC of the row with the record key
    sa.Column("revoked", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
)
rate_buckets = sa.Table(  # per-token rate budget, shared by every worker process of the service
    "rate_buckets", _metadata,
    sa.Column("token_id", sa.String(64), primary_key=True),
    sa.Column("tokens", sa.Float, nullable=False),
    sa.Column("at", sa.Float, nullable=False),
)
ROLES = ("case_system", "reviewer", "trainer", "admin")
KEY_ENV, KEY_FILE_ENV = "REVIEW_ASSISTANT_RECORD_KEY", "REVIEW_ASSISTANT_RECORD_KEY_FILE"


class RecordError(Exception):
    """The record cannot be used as asked (missing, empty, a bad URL, tampered); Chinese and English."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


def record_key() -> Optional[bytes]:
    """The key for the HMACs: from the environment or a key file, never from the database."""
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV].encode("utf-8")
    path = os.environ.get(KEY_FILE_ENV)
    if path:
        try:
            return Path(path).read_bytes().strip() or None
        except OSError as err:
            raise RecordError(f"无法读取记录密钥文件 {path}", f"cannot read the record key file {path}: {err}") from None
    return None


def mac(key: Optional[bytes], text: str) -> Optional[str]:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest() if key else None


def same(a, b) -> bool:
    """Constant-time comparison of two texts whatever they hold — non-ASCII, or bytes and numbers written into the
    database by hand (compare_digest refuses non-ASCII str; a tampered column must be a mismatch, not a crash)."""
    def raw(x) -> bytes:
        if isinstance(x, (bytes, bytearray, memoryview)):
            return b"\x00bytes:" + bytes(x)
        return ("" if x is None else str(x)).encode("utf-8", "surrogatepass")
    return hmac.compare_digest(raw(a), raw(b))


def token_text(row: dict) -> str:
    """What a token's HMAC covers — its revocation included, so a revoked token cannot be revived by hand."""
    return canonical({k: row.get(k) for k in ("token_id", "secret_hash", "role", "name", "created_at")}
                     | {"revoked": bool(row.get("revoked"))})


def sha256(data: bytes | str) -> str:
    if not isinstance(data, (str, bytes, bytearray, memoryview)):
        data = _foreign(data)  # a number or NULL written by hand into a text column: a mismatch, not a crash
    return hashlib.sha256(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)).hexdigest()


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_foreign)


def _foreign(value) -> str:
    """A value no entry of ours holds (bytes written into a text column by hand): hashed as such, so it mismatches."""
    return "\x00foreign:" + (bytes(value).hex() if isinstance(value, (bytes, bytearray, memoryview)) else repr(value))


def entry_hash(row: dict) -> str:
    fields = {k: row[k] for k in ("seq", "kind", "review_id", "case_id", "token_id", "created_at", "package_hash",
                                  "body_hash", "versions", "prev_hash")}
    return sha256(canonical(fields))


from review_assistant.settings import data_folder, default_url  # noqa: E402,F401


def shown_url(url: str) -> str:
    """A record URL fit to print: the password of a server URL masked."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


_WRITER_LOCK = threading.Lock()
GROUP_MAX = 256  # entries per transaction at most


class _GroupWriter:
    """One writer thread per record store: appends queued by any number of request threads are written in one
    transaction and each caller is answered after the commit that covers its entry (acknowledged = durable). A batch
    that fails is retried entry by entry, so one bad entry fails alone."""

    def __init__(self, write_many):
        self._write_many = write_many
        self._queue: "queue.SimpleQueue" = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="record-writer", daemon=True)
        self._thread.start()

    def submit(self, item: tuple) -> dict:
        return self.submit_later(item).result()

    def submit_later(self, item: tuple) -> Future:
        """Queue an entry; the future is resolved after the commit that covers it (or fails with its error)."""
        done = Future()
        self._queue.put((item, done))
        return done

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < GROUP_MAX:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                rows = self._write_many([item for item, _ in batch])
            except Exception:  # noqa: BLE001 — isolate the entry that fails; the others are written
                for item, done in batch:
                    try:
                        done.set_result(self._write_many([item])[0])
                    except Exception as err:  # noqa: BLE001 — the caller gets it
                        done.set_exception(err)
                continue
            for (_, done), row in zip(batch, rows):
                done.set_result(row)


@dataclass(frozen=True)
class Problem:
    seq: int
    review_id: str
    what: str


class Tampered(Exception):
    """A stored text no longer matches its hash: it is named, never served."""

    def __init__(self, seq: int, review_id: str, zh: str, en: str):
        super().__init__(f"{zh}（第 {seq} 条，审查 {review_id}） / {en} (entry {seq}, review {review_id})")
        self.seq, self.review_id, self.zh, self.en = seq, review_id, zh, en


def head_text(h: dict) -> str:
    return canonical({k: h.get(k) for k in ("seq", "entry_hash", "at")})

class RecordStore:
    def __init__(self, url: Optional[str] = None, create: bool = True, key: Optional[bytes] = None):
        """``create=False``: open an existing record only (``records verify``): a missing database is an error,
        never a new empty one that passes."""
        # SQLite allows one writer: threads of this process take turns on this lock instead of in SQLite's busy
        # handler, which sleeps up to 100 ms between tries (under 32 clients that, not the fsync, set the latency)
        self._local_writer = threading.Lock()
        self._lock_file: Optional[int] = None  # SQLite: a file lock shared by every process on this record (below)
        self._lease_lock = threading.Lock()
        self._leases: dict[str, tuple[float, float]] = {}  # token id -> (budget leased, monotonic deadline)
        self.url = url or default_url()
        self.key = key if key is not None else record_key()
        try:
            parsed = sa.engine.make_url(self.url)
        except sa.exc.ArgumentError:
            raise RecordError(f"审查记录地址无效：{self.url}", f"invalid record URL: {self.url}") from None
        if not create and parsed.get_backend_name() == "sqlite":
            if not parsed.database or parsed.database == ":memory:" or not Path(parsed.database).is_file():
                raise RecordError(f"审查记录不存在：{parsed.database or self.url}", f"no record database at {parsed.database or self.url}")
        if create and parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)  # the per-user data folder, first time
        try:
            # a ping before each checkout guards against a server that dropped the connection: a SQLite file has none
            self.engine = sa.create_engine(self.url, future=True, pool_pre_ping=parsed.get_backend_name() != "sqlite")
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as err:
            raise RecordError(f"审查记录地址无效：{self.url}", f"invalid record URL: {err}") from None
        self.sqlite = self.engine.dialect.name == "sqlite"
        if self.sqlite and parsed.database and parsed.database != ":memory:" and create:
            self._lock_path = Path(parsed.database + ".writer-lock")
        if self.sqlite:
            @sa.event.listens_for(self.engine, "connect")
            def _pragmas(conn, _):  # durable writes; no other writer in between our read of the head and insert
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA busy_timeout=10000")
        try:
            if create:
                _metadata.create_all(self.engine)
                self._add_missing_columns()
            elif not sa.inspect(self.engine).has_table("record_entries"):
                raise RecordError(f"该数据库中没有审查记录：{self.url}", f"no review record in {self.url}")
        except sa.exc.OperationalError as err:
            raise RecordError(f"无法打开审查记录：{self.url}", f"cannot open the record: {err.orig}") from None

    def _add_missing_columns(self) -> None:
        """Records made before the HMAC columns existed get them (empty: such entries verify as unsigned)."""
        inspector = sa.inspect(self.engine)
        for table, column, ddl in (("record_entries", "mac", "VARCHAR(64)"), ("api_tokens", "mac", "VARCHAR(64)"),
                                   ("api_tokens", "revoked", "BOOLEAN NOT NULL DEFAULT FALSE")):
            if column not in {c["name"] for c in inspector.get_columns(table)}:
                with self.engine.begin() as conn:
                    conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}")

    # --- writing --------------------------------------------------------------------------------------------
    def append(self, kind: str, review_id: str, case_id: str, token_id: str, package_hash: str, body: dict,
               versions: dict, package_text: Optional[str] = None) -> dict:
        """Add one entry at the end of the chain, durably; returns the stored row. Entries from many threads are
        written together (group commit): the call returns after the commit — one fsync — that covers its entry."""
        return self.append_later(kind, review_id, case_id, token_id, package_hash, body, versions, package_text).result()

    def append_later(self, kind: str, review_id: str, case_id: str, token_id: str, package_hash: str, body: dict,
                     versions: dict, package_text: Optional[str] = None) -> Future:
        """``append`` without waiting: the future holds the stored row once the commit covering it is durable (an
        event loop awaits it with ``asyncio.wrap_future`` and answers only then)."""
        item = (kind, review_id, case_id, token_id, package_hash, canonical(body), canonical(versions), package_text)
        return self._writer().submit_later(item)

    def _writer(self) -> "_GroupWriter":
        writer = self.__dict__.get("_group")
        if writer is None:
            with _WRITER_LOCK:
                writer = self.__dict__.get("_group")
                if writer is None:
                    writer = self.__dict__["_group"] = _GroupWriter(self._append_many)
        return writer

    def _append_many(self, items: list[tuple]) -> list[dict]:
        """One transaction for a batch of entries, chained in order after the head it reads under the write lock."""
        if self.sqlite:
            with self._writer_turn():
                return self._append_batch(items)
        return self._append_batch(items)

    @contextmanager
    def _writer_turn(self):
        """SQLite's one writer, taken in turn: threads of this process on a lock, processes (uvicorn workers) on a
        file lock beside the database. Both wake the next writer at once; SQLite's own busy handler sleeps up to
        100 ms between tries, which under two workers set the latency, not the fsync."""
        with self._local_writer:
            fd = self._writer_lock_fd()
            if fd is None:
                yield
                return
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)

    def _writer_lock_fd(self) -> Optional[int]:
        if fcntl is None or getattr(self, "_lock_path", None) is None:
            return None  # in memory, or no flock here: the busy handler serializes the processes
        if self._lock_file is None:
            try:
                self._lock_file = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                self._lock_path = None
                return None
        return self._lock_file

    def _append_batch(self, items: list[tuple]) -> list[dict]:
        out = []
        with self.engine.connect() as conn:
            if self.sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.begin()
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(74657)"))
            head = conn.execute(sa.select(entries.c.seq, entries.c.entry_hash).order_by(entries.c.seq.desc()).limit(1)).first()
            seq, prev = (head.seq, head.entry_hash) if head else (0, GENESIS)
            for kind, review_id, case_id, token_id, package_hash, body_text, versions_text, package_text in items:
                seq += 1
                row = {"seq": seq, "kind": kind, "review_id": review_id, "case_id": case_id,
                       "token_id": token_id, "created_at": datetime.now(timezone.utc).isoformat(timespec="microseconds"),
                       "package_hash": package_hash, "body_hash": sha256(body_text), "versions": versions_text,
                       "body": body_text, "prev_hash": prev}
                row["entry_hash"] = entry_hash(row)
                row["mac"] = mac(self.key, row["entry_hash"])
                conn.execute(entries.insert().values(**row))
                if package_text is not None:
                    conn.execute(packages.insert().values(review_id=review_id, package=package_text))
                prev = row["entry_hash"]
                out.append(row)
            conn.commit()
        return out

    # --- reading --------------------------------------------------------------------------------------------
    def entries_for(self, review_id: str) -> list[dict]:
        """The entries of one review, each checked against its hashes (and HMAC) before it is served."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(entries).where(entries.c.review_id == review_id).order_by(entries.c.seq))
            out = [dict(r._mapping) for r in rows]
        for row in out:
            self._check(row)
        return out

    def _check(self, row: dict) -> None:
        if sha256(row["body"]) != row["body_hash"] or entry_hash(row) != row["entry_hash"] or (
                self.key and not same(row.get("mac"), mac(self.key, row["entry_hash"]))):
            raise Tampered(row["seq"], row["review_id"], "审查记录被修改", "record entry changed")

    def reviews_of_case(self, case_id: str) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(entries).where(entries.c.case_id == case_id, entries.c.kind == "review")
                                .order_by(entries.c.seq))
            return [dict(r._mapping) for r in rows]

    def recent_reviews(self, n: int) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(entries).where(entries.c.kind == "review").order_by(entries.c.seq.desc()).limit(n))
            return [dict(r._mapping) for r in rows]

    def package(self, review_id: str) -> Optional[str]:
        """The stored package text, checked against the package hash of its review entry (None: no such review)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(packages.c.package).where(packages.c.review_id == review_id)).first()
            entry = conn.execute(sa.select(entries.c.seq, entries.c.package_hash).where(
                entries.c.review_id == review_id, entries.c.kind == "review")).first()
        if entry is None:
            return None
        if row is None:
            raise Tampered(entry.seq, review_id, "案卷包被删除", "package deleted")
        if sha256(row.package) != entry.package_hash:
            raise Tampered(entry.seq, review_id, "案卷包被修改", "package changed")
        return row.package

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(entries)).scalar_one()

    def all_entries(self) -> Iterable[dict]:
        with self.engine.connect() as conn:
            for r in conn.execute(sa.select(entries).order_by(entries.c.seq)):
                yield dict(r._mapping)

    def verify(self, heads: Optional[list[dict]] = None) -> list[Problem]:
        """Every changed, removed or reordered entry, changed or deleted package, unsigned or forged entry and token
        (with the key), and every exported head the record no longer holds — named by sequence number and review id."""
        problems, prev, expected_seq = [], GENESIS, 1
        with self.engine.connect() as conn:
            stored = {r.review_id: r.package for r in conn.execute(sa.select(packages))}
        by_seq: dict[int, str] = {}
        for row in self.all_entries():
            by_seq[row["seq"]] = row["entry_hash"]
            if self.key and not same(row.get("mac"), mac(self.key, row["entry_hash"])):
                problems.append(Problem(row["seq"], row["review_id"], "记录签名不符（整条链被重算、伪造或未签名的记录） / entry HMAC invalid"))
            if row["kind"] == "review":
                text = stored.pop(row["review_id"], None)
                if text is None:
                    problems.append(Problem(row["seq"], row["review_id"], "案卷包被删除 / package deleted"))
                elif sha256(text) != row["package_hash"]:
                    problems.append(Problem(row["seq"], row["review_id"], "案卷包被修改 / package changed"))
            if row["seq"] != expected_seq:
                problems.append(Problem(expected_seq, "", f"缺少第 {expected_seq}–{row['seq'] - 1} 条记录（被删除） / entries removed"))
            if sha256(row["body"]) != row["body_hash"]:
                problems.append(Problem(row["seq"], row["review_id"], "内容被修改 / body changed"))
            if entry_hash(row) != row["entry_hash"]:
                problems.append(Problem(row["seq"], row["review_id"], "记录字段被修改 / entry changed"))
            if row["prev_hash"] != prev:
                problems.append(Problem(row["seq"], row["review_id"], "与前一条记录的链接断开（删除、插入或调换顺序） / chain broken"))
            prev, expected_seq = row["entry_hash"], row["seq"] + 1
        for review_id in stored:
            problems.append(Problem(0, review_id, "有案卷包而无对应的审查记录 / package without a review entry"))
        for h in heads or ():
            if h.get("seq") not in by_seq:
                problems.append(Problem(h.get("seq", 0), "", f"导出的链首（第 {h.get('seq')} 条）已不在记录中：记录被截断或清空 / exported head missing (truncated)"))
            elif by_seq[h["seq"]] != h.get("entry_hash"):
                problems.append(Problem(h["seq"], "", "导出的链首与记录不符：链被改写 / exported head does not match (chain rewritten)"))
            if self.key and not same(h.get("mac"), mac(self.key, head_text(h))):
                problems.append(Problem(h.get("seq", 0), "", "导出的链首签名不符 / exported head HMAC invalid"))
        problems += self._unreadable_side_tables()
        if self.key:
            with self.engine.connect() as conn:
                for t in conn.execute(sa.select(tokens)):
                    t = dict(t._mapping)
                    if not same(t.get("mac"), mac(self.key, token_text(t))):
                        problems.append(Problem(0, "", f"令牌 {t['token_id']}（{t['role']}）签名不符：未经本工具创建 / token row not signed"))
        return problems

    def _unreadable_side_tables(self) -> list[Problem]:
        """Teaching cases and trainees' attempts are not part of the chain, but a row that is not JSON any more was
        written by hand: named here (the workspace leaves such rows out)."""
        out = []
        names = set(sa.inspect(self.engine).get_table_names())
        for table, key, column, label in (("teaching_cases", "id", "body", "教学案例"),
                                          ("training_attempts", "id", "answers", "培训答题记录")):
            if table not in names:
                continue
            with self.engine.connect() as conn:
                for row in conn.execute(sa.text(f"SELECT {key}, {column} FROM {table}")):
                    try:
                        json.loads(row[1])
                    except (TypeError, ValueError):
                        out.append(Problem(0, str(row[0]), f"{label} {row[0]} 无法读取（不是 JSON，被直接改写） / {table} row is not JSON"))
        return out

    def head(self) -> dict:
        """The last entry, signed with the record key: a line to keep outside the database."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(entries.c.seq, entries.c.entry_hash).order_by(entries.c.seq.desc()).limit(1)).first()
        if row is None:
            raise RecordError("审查记录为空，没有链首", "the record is empty: no head")
        h = {"seq": row.seq, "entry_hash": row.entry_hash, "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        h["mac"] = mac(self.key, head_text(h))
        return h

    # --- tokens ---------------------------------------------------------------------------------------------
    def create_token(self, role: str, name: str) -> tuple[str, str]:
        """A new token: returns (token_id, secret); only the secret's hash is stored."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        if not name or len(name) > 200 or "\x00" in name:
            raise RecordError("令牌持有者名称须为1至200个字符", "the token's name must be 1 to 200 characters")
        token_id = "t_" + secrets.token_hex(6)
        secret = f"ra_{token_id}_{secrets.token_urlsafe(24)}"
        row = {"token_id": token_id, "secret_hash": sha256(secret), "role": role, "name": name,
               "created_at": datetime.now(timezone.utc).isoformat()}
        with self.engine.begin() as conn:
            conn.execute(tokens.insert().values(**row, mac=mac(self.key, token_text(row)), revoked=False))
        return token_id, secret

    def token(self, secret: str) -> Optional[dict]:
        """The token row for a secret — None when unknown, revoked, or (with the record key) not signed by us."""
        if not secret or "\x00" in secret or len(secret) > 200:
            return None
        return self._usable_token(tokens.c.secret_hash == sha256(secret))

    def _usable_token(self, where) -> Optional[dict]:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(tokens).where(where)).first()
        if row is None:
            return None
        row = dict(row._mapping)
        if row.get("revoked") or (self.key and not same(row.get("mac"), mac(self.key, token_text(row)))):
            return None
        return row

    LEASE_S = 1.0  # leased budget unused after this is dropped (counted as spent: never more than the budget)

    def spend(self, token_id: str, cost: float, rate: float, burst: float) -> bool:
        """Take ``cost`` from the token's bucket (refilled at ``rate`` per second up to ``burst``); False when it has
        not enough. All workers share one budget in the record database; a process takes it in small leases (up to
        burst/8, for at most a second) so that not every review costs a transaction. A lease held by one worker is
        budget the others cannot use for that second: the shared limit is never exceeded, at most briefly tighter."""
        import time as _time

        leases = self._leases
        with self._lease_lock:
            credits, until = leases.get(token_id, (0.0, 0.0))
            now = _time.monotonic()
            if now < until and credits >= cost:
                leases[token_id] = (credits - cost, until)
                return True
            # what the live lease still holds counts toward the cost: a batch charged after its request's own lease
            # (a full batch is the burst) found that lease's credits out of the shared bucket and was refused
            held = credits if now < until else 0.0
            need = cost - held
            want = max(need, min(8.0, burst // 8))
            got = self._take(token_id, want, need, rate, burst)
            if got < need:
                return False  # the lease, if live, is kept for the next smaller cost
            leases[token_id] = (held + got - cost, now + self.LEASE_S)
            return True

    def _take(self, token_id: str, want: float, least: float, rate: float, burst: float) -> float:
        """Up to ``want`` from the shared bucket, or nothing when it holds less than ``least``."""
        if self.sqlite:
            with self._writer_turn(), self.engine.connect() as conn:
                # a budget lost in a crash costs nothing: this commit is not fsynced (the next durable one covers it)
                conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
                try:
                    return self._spend(conn, token_id, want, least, rate, burst)
                finally:
                    conn.exec_driver_sql("PRAGMA synchronous=FULL")  # the pooled connection goes back durable
        with self.engine.connect() as conn:
            return self._spend(conn, token_id, want, least, rate, burst)

    def _spend(self, conn, token_id: str, want: float, least: float, rate: float, burst: float) -> float:
        import time as _time

        if self.sqlite:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.begin()
            conn.execute(sa.text("SET LOCAL synchronous_commit = off"))
            conn.execute(sa.text("INSERT INTO rate_buckets (token_id, tokens, at) VALUES (:t, :b, :now) "
                                 "ON CONFLICT (token_id) DO NOTHING"), {"t": token_id, "b": burst, "now": _time.time()})
        query = sa.select(rate_buckets).where(rate_buckets.c.token_id == token_id)
        row = conn.execute(query if self.sqlite else query.with_for_update()).first()
        now = _time.time()
        tokens_left = burst if row is None else min(burst, row.tokens + max(0.0, now - row.at) * rate)
        got = min(want, tokens_left) if tokens_left >= least else 0.0
        left = tokens_left - got
        if row is None:
            conn.execute(rate_buckets.insert().values(token_id=token_id, tokens=left, at=now))
        else:
            conn.execute(rate_buckets.update().where(rate_buckets.c.token_id == token_id).values(tokens=left, at=now))
        conn.commit()
        return got

    def token_by_id(self, token_id: str) -> Optional[dict]:
        """A token row by its id, with the same checks as ``token`` (revoked, signed)."""
        return self._usable_token(tokens.c.token_id == token_id)

    def tokens(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [{k: v for k, v in dict(r._mapping).items() if k not in ("secret_hash", "mac")}
                    for r in conn.execute(sa.select(tokens).order_by(tokens.c.created_at))]

    def revoke(self, token_id: str) -> bool:
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(tokens).where(tokens.c.token_id == token_id)).first()
            if row is None:
                return False
            row = {**dict(row._mapping), "revoked": True}
            conn.execute(tokens.update().where(tokens.c.token_id == token_id)
                         .values(revoked=True, mac=mac(self.key, token_text(row))))
            return True
