"""The record is append-only and hash-chained: a changed, removed or reordered entry is named by `verify`;
a server killed mid-stream loses no acknowledged review; the same holds on a real PostgreSQL server."""
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from review_assistant.engine.casebook import EXAMPLES
from review_assistant.service.cli import main
from review_assistant.service.records import RecordStore
from tests.api_process import start_api

ROOT = Path(__file__).resolve().parent.parent


def _fill(store: RecordStore, n: int = 5):
    from review_assistant.service.records import sha256

    for i in range(n):
        text = f'{{"schema_version":"1","case_id":"r{i}"}}'
        store.append("review", f"r{i}", "case-1", "t_test", sha256(text), {"n": i}, {"rules": "v1"}, package_text=text)


@pytest.fixture()
def sqlite_store(tmp_path):
    return RecordStore(f"sqlite:///{tmp_path / 'r.sqlite3'}")


def _sql(store, statements):
    with store.engine.begin() as conn:
        for statement in statements.split(";"):
            conn.exec_driver_sql(statement)


@pytest.mark.parametrize("tamper,seq,words", [
    ("UPDATE record_entries SET body = '{\"n\":99}' WHERE seq = 3", 3, "内容被修改"),
    ("UPDATE record_entries SET token_id = 't_other' WHERE seq = 2", 2, "记录字段被修改"),
    ("DELETE FROM record_entries WHERE seq = 4", 4, "被删除"),
    ("UPDATE record_entries SET seq = 100 WHERE seq = 2; UPDATE record_entries SET seq = 2 WHERE seq = 3;"
     " UPDATE record_entries SET seq = 3 WHERE seq = 100", 2, "链接断开"),
])
def test_verify_names_the_tampered_entry(sqlite_store, capsys, tamper, seq, words):
    _fill(sqlite_store)
    assert sqlite_store.verify() == []
    _sql(sqlite_store, tamper)
    problems = sqlite_store.verify()
    assert any(p.seq == seq and words in p.what for p in problems), problems
    assert main(["records", "verify", "--db", sqlite_store.url]) == 1
    assert f"第 {seq} 条" in capsys.readouterr().out


def test_a_full_rewrite_of_a_middle_entry_still_breaks_the_next_link(sqlite_store):
    """Recomputing an entry's own hashes does not help: its successor still points to the old one."""
    _fill(sqlite_store)
    from review_assistant.service.records import entry_hash, sha256
    row = next(r for r in sqlite_store.all_entries() if r["seq"] == 2)
    row["body"] = '{"n":42}'
    row["body_hash"] = sha256(row["body"])
    row["entry_hash"] = entry_hash(row)
    with sqlite_store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE record_entries SET body=:b, body_hash=:h, entry_hash=:e WHERE seq=2"),
                     {"b": row["body"], "h": row["body_hash"], "e": row["entry_hash"]})
    assert [p.seq for p in sqlite_store.verify()] == [3]


def test_postgres_record(postgres_url):
    store = RecordStore(postgres_url)
    with store.engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE record_entries, record_packages"))
    with ThreadPoolExecutor(8) as pool:  # concurrent writers: the advisory lock keeps the chain linear
        list(pool.map(lambda i: store.append("decision", f"p{i}", "case-pg", "t", "ph", {"i": i}, {}), range(200)))
    assert store.count() == 200 and store.verify() == []
    _sql(store, "UPDATE record_entries SET body = '{\"i\":-1}' WHERE seq = 57")
    assert [p.seq for p in store.verify()] == [57]


def test_sigkill_during_writes_loses_no_acknowledged_review(tmp_path):
    db = f"sqlite:///{tmp_path / 'kill.sqlite3'}"
    env = {"REVIEW_ASSISTANT_DB": db, "REVIEW_ASSISTANT_INSECURE_DEV": "no-authentication-on-loopback", "REVIEW_ASSISTANT_RATE": "100000"}
    proc, base = start_api(env)
    body = (EXAMPLES / "food-safety-major-clean.json").read_bytes()
    acked, stop = [], threading.Event()

    def writer():
        with httpx.Client(base_url=base, timeout=10) as client:
            while not stop.is_set():
                try:
                    r = client.post("/v1/reviews", content=body)
                except httpx.HTTPError:
                    return  # the server died under us: this request was never acknowledged
                if r.status_code == 201:
                    acked.append(r.json()["review_id"])

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for t in threads:
        t.start()
    deadline = time.time() + 60
    while len(acked) < 40 and time.time() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stop.set()
    for t in threads:
        t.join()
    assert len(acked) >= 40
    proc, base = start_api(env)  # restarted on the same database
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            for rid in acked:
                assert client.get(f"/v1/reviews/{rid}").status_code == 200
    finally:
        proc.kill()
        proc.wait()
    store = RecordStore(db)
    assert store.verify() == [] and store.count() >= len(acked)


def test_group_commit_writes_concurrent_entries_in_few_transactions_and_keeps_the_chain(sqlite_store, monkeypatch):
    """Appends from 16 threads: every call returns its own row after a commit, the chain verifies, and the entries went
    in fewer transactions than there are entries (group commit)."""
    commits = []
    real = sqlite_store._append_many

    def counted(items):
        rows = real(items)
        commits.append(len(items))
        return rows

    monkeypatch.setattr(sqlite_store, "_append_many", counted)
    with ThreadPoolExecutor(16) as pool:
        rows = list(pool.map(lambda i: sqlite_store.append("decision", f"g{i}", "case-g", "t", "ph", {"i": i}, {}),
                             range(400)))
    assert sorted(r["seq"] for r in rows) == list(range(1, 401)) and len({r["review_id"] for r in rows}) == 400
    assert sqlite_store.count() == 400 and sqlite_store.verify() == []
    assert sum(commits) == 400 and len(commits) < 400, commits[:20]


def test_group_commit_fails_only_the_bad_entry(sqlite_store):
    """A batch whose one entry cannot be written (a package stored twice for one review id) is retried entry by
    entry: the others are written, the bad one raises to its own caller."""
    _fill(sqlite_store, 1)
    from review_assistant.service.records import sha256

    text = '{"schema_version":"1","case_id":"r0"}'
    with pytest.raises(Exception):
        sqlite_store.append("review", "r0", "case-1", "t_test", sha256(text), {"n": 0}, {}, package_text=text)
    sqlite_store.append("decision", "r0", "case-1", "t_test", "ph", {"n": 1}, {})
    assert sqlite_store.count() == 2 and sqlite_store.verify() == []


@pytest.mark.parametrize("db", ["sqlite", "postgres"])
def test_two_workers_leasing_the_rate_budget_never_exceed_it(tmp_path, db, request):
    """Each process takes the shared budget in small leases (a transaction per lease, not per review): one worker alone
    gets exactly the burst; two workers on one record, taking turns, get no more than the burst between them."""
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}" if db == "sqlite" else request.getfixturevalue("postgres_url")
    alone = RecordStore(url)
    assert sum(alone.spend("solo", 1, 1e-9, 48) for _ in range(60)) == 48
    a, b = RecordStore(url), RecordStore(url)
    got = sum(store.spend("shared", 1, 1e-9, 48) for _ in range(40) for store in (a, b))
    assert 40 <= got <= 48  # at most one unused lease (≤ burst/8) is held back by the other worker
    calls = []
    real = RecordStore._take
    a._take = lambda *args: calls.append(1) or real(a, *args)
    for _ in range(16):
        a.spend("lease", 1, 1e-9, 48)
    assert len(calls) == 16 // 6 + 1  # one transaction per lease of 6 (48 // 8), not one per review


def test_an_unused_lease_lapses_and_the_budget_refills(sqlite_store, monkeypatch):
    assert sqlite_store.spend("t", 1, 1e6, 8)
    monkeypatch.setattr(RecordStore, "LEASE_S", 0.0)
    assert all(sqlite_store.spend("t", 1, 1e6, 8) for _ in range(20))  # every call goes to the bucket, which refills
    assert not sqlite_store.spend("t", 9, 1e6, 8)  # more than the burst is never granted


def test_two_processes_on_one_sqlite_record_take_turns_and_keep_the_chain(tmp_path):
    """Two uvicorn workers are two processes on one SQLite file: they take the writer's turn on a file lock beside the
    database (woken at once, not by SQLite's sleeping busy handler) and the chain stays linear."""
    db = tmp_path / "two.sqlite3"
    RecordStore(f"sqlite:///{db}")  # the tables, before both start
    script = ("import sys; from concurrent.futures import ThreadPoolExecutor\n"
              "from review_assistant.service.records import RecordStore\n"
              f"s = RecordStore('sqlite:///{db}')\n"
              "with ThreadPoolExecutor(4) as pool:\n"
              "    list(pool.map(lambda i: s.append('decision', f'{sys.argv[1]}{i}', 'case', 't', 'ph', {'i': i}, {}), range(60)))\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, name]) for name in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    store = RecordStore(f"sqlite:///{db}")
    assert store.count() == 120 and store.verify() == []
    assert (tmp_path / "two.sqlite3.writer-lock").exists()
