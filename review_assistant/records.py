"""The review record (审查记录): append-only and hash-chained, so that no entry can be changed, removed or
reordered unnoticed. Embedded SQLite by default; PostgreSQL (several API instances) by a SQLAlchemy URL.

Each entry holds the hash of the previous entry, of the package, of the report (or decision), the rule and catalog
versions, who asked (token id) and when; its own hash covers all of that. Appends are serialized (SQLite: one
writer transaction; PostgreSQL: a transaction-scoped advisory lock), so the chain stays linear under concurrency.
"""
from __future__ import annotations

import hashlib
import json
import os
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
)
ROLES = ("case_system", "reviewer", "trainer", "admin")


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(row: dict) -> str:
    fields = {k: row[k] for k in ("seq", "kind", "review_id", "case_id", "token_id", "created_at", "package_hash",
                                  "body_hash", "versions", "prev_hash")}
    return sha256(canonical(fields))


def default_url() -> str:
    return os.environ.get(ENV_VAR) or f"sqlite:///{Path('review-records.sqlite3').resolve()}"


@dataclass(frozen=True)
class Problem:
    seq: int
    review_id: str
    what: str


class RecordStore:
    def __init__(self, url: Optional[str] = None):
        self.url = url or default_url()
        self.engine = sa.create_engine(self.url, future=True, pool_pre_ping=True)
        self.sqlite = self.engine.dialect.name == "sqlite"
        if self.sqlite:
            @sa.event.listens_for(self.engine, "connect")
            def _pragmas(conn, _):  # durable writes; no other writer in between our read of the head and insert
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA busy_timeout=10000")
        _metadata.create_all(self.engine)

    # --- writing --------------------------------------------------------------------------------------------
    def append(self, kind: str, review_id: str, case_id: str, token_id: str, package_hash: str, body: dict,
               versions: dict, package_text: Optional[str] = None) -> dict:
        """Add one entry at the end of the chain, durably; returns the stored row."""
        body_text = canonical(body)
        with self.engine.connect() as conn:
            if self.sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.begin()
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(74657)"))
            head = conn.execute(sa.select(entries.c.seq, entries.c.entry_hash).order_by(entries.c.seq.desc()).limit(1)).first()
            row = {"seq": (head.seq + 1) if head else 1, "kind": kind, "review_id": review_id, "case_id": case_id,
                   "token_id": token_id, "created_at": datetime.now(timezone.utc).isoformat(timespec="microseconds"),
                   "package_hash": package_hash, "body_hash": sha256(body_text), "versions": canonical(versions),
                   "body": body_text, "prev_hash": head.entry_hash if head else GENESIS}
            row["entry_hash"] = entry_hash(row)
            conn.execute(entries.insert().values(**row))
            if package_text is not None:
                conn.execute(packages.insert().values(review_id=review_id, package=package_text))
            conn.commit()
        return row

    # --- reading --------------------------------------------------------------------------------------------
    def entries_for(self, review_id: str) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(entries).where(entries.c.review_id == review_id).order_by(entries.c.seq))
            return [dict(r._mapping) for r in rows]

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
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(packages.c.package).where(packages.c.review_id == review_id)).first()
            return row.package if row else None

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(entries)).scalar_one()

    def all_entries(self) -> Iterable[dict]:
        with self.engine.connect() as conn:
            for r in conn.execute(sa.select(entries).order_by(entries.c.seq)):
                yield dict(r._mapping)

    def verify(self) -> list[Problem]:
        """Every changed, removed or reordered entry, named by its sequence number and review id."""
        problems, prev, expected_seq = [], GENESIS, 1
        for row in self.all_entries():
            if row["seq"] != expected_seq:
                problems.append(Problem(expected_seq, "", f"缺少第 {expected_seq}–{row['seq'] - 1} 条记录（被删除） / entries removed"))
            if sha256(row["body"]) != row["body_hash"]:
                problems.append(Problem(row["seq"], row["review_id"], "内容被修改 / body changed"))
            if entry_hash(row) != row["entry_hash"]:
                problems.append(Problem(row["seq"], row["review_id"], "记录字段被修改 / entry changed"))
            if row["prev_hash"] != prev:
                problems.append(Problem(row["seq"], row["review_id"], "与前一条记录的链接断开（删除、插入或调换顺序） / chain broken"))
            prev, expected_seq = row["entry_hash"], row["seq"] + 1
        return problems

    # --- tokens ---------------------------------------------------------------------------------------------
    def create_token(self, role: str, name: str) -> tuple[str, str]:
        """A new token: returns (token_id, secret); only the secret's hash is stored."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        token_id = "t_" + secrets.token_hex(6)
        secret = f"ra_{token_id}_{secrets.token_urlsafe(24)}"
        with self.engine.begin() as conn:
            conn.execute(tokens.insert().values(token_id=token_id, secret_hash=sha256(secret), role=role, name=name,
                                                created_at=datetime.now(timezone.utc).isoformat()))
        return token_id, secret

    def token(self, secret: str) -> Optional[dict]:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(tokens).where(tokens.c.secret_hash == sha256(secret))).first()
            return dict(row._mapping) if row else None
