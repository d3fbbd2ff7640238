"""Issue 13: each reproduction of an attack is a test (resource exhaustion, the record, the web workspace, outputs a
package can poison, service correctness). Numbers refer to the issue's list."""
import json
import struct
import zipfile

import pytest
from fastapi.testclient import TestClient

from review_assistant.case import limits
from review_assistant.service.batch import packages, run, safe_cell
from review_assistant.engine.casebook import EXAMPLES, apply, example
from review_assistant.service.records import RecordStore
from review_assistant.service.server import create_app

CLEAN = (EXAMPLES / "food-safety-major-clean.json").read_bytes()


@pytest.fixture()
def store(tmp_path):
    return RecordStore(f"sqlite:///{tmp_path / 'records.sqlite3'}")


@pytest.fixture()
def keys(store):
    out = {}
    for role in ("case_system", "reviewer", "trainer", "admin"):
        _, secret = store.create_token(role, role)
        out[role] = {"Authorization": f"Bearer {secret}"}
    return out


# --- 1. body limit while reading the stream ------------------------------------------------------------------------

def chunks(total: int, size: int = 1 << 20):
    sent = 0
    while sent < total:
        n = min(size, total - sent)
        sent += n
        yield b" " * n


@pytest.mark.parametrize("path", ["/v1/reviews", "/v1/reviews:batch", "/v1/tokens", "/ui/reviews", "/ui/login"])
def test_a_chunked_body_over_the_limit_is_refused_before_authentication(store, keys, path):
    client = TestClient(create_app(store))
    # a generator body is sent chunked, without Content-Length; no credential at all: refused before reading
    r = client.post(path, content=chunks(limits.REQUEST_BYTES + 2 * limits.MIB))
    assert r.status_code == (413 if path == "/ui/login" else 401)
    # a made-up credential is refused before the body too (attack re-run: 30 stalled 20 MB bodies with a bad token)
    if path != "/ui/login":
        fake = {"Authorization": "Bearer ra_whatever"} if path.startswith("/v1/") else {"Cookie": "ra_session=whatever"}
        r = client.post(path, content=chunks(limits.REQUEST_BYTES + 2 * limits.MIB), headers=fake)
        assert r.status_code == 401
        assert r.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in r.headers["content-security-policy"]
    # with a valid credential, the body is read with the cap and cut off at the limit
    if path.startswith("/v1/"):
        creds = keys["admin"]
    else:
        from tests.web_client import sign_in

        sign_in(client, store.create_token("reviewer", "审核员")[1])
        creds = {}
    r = client.post(path, content=chunks(limits.REQUEST_BYTES + 2 * limits.MIB), headers=creds)
    assert r.status_code == 413
    assert r.headers["x-content-type-options"] == "nosniff"  # middleware answers carry the security headers too
    if path.startswith("/v1/"):
        assert r.headers["content-type"].startswith("application/problem+json")
        assert "请求体过大" in r.json()["title"]


def test_a_stalled_body_is_cut_off(store, keys, monkeypatch):
    import asyncio

    from review_assistant.service import bodylimit

    monkeypatch.setattr(bodylimit, "CHUNK_SECONDS", 0.2)
    app = create_app(store)
    token = keys["case_system"]["Authorization"].encode()
    sent = []

    async def run():
        messages = [{"type": "http.request", "body": b"{", "more_body": True}]

        async def receive():
            if messages:
                return messages.pop()
            await asyncio.sleep(5)  # the client stalls
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": "/v1/reviews", "headers": [(b"authorization", token)],
                 "query_string": b"", "root_path": "", "scheme": "http", "server": ("t", 80), "client": ("c", 1),
                 "http_version": "1.1", "raw_path": b"/v1/reviews"}
        await app(scope, receive, send)
    asyncio.run(run())
    assert sent and sent[0]["status"] == 408


def test_a_declared_length_over_the_limit_is_refused(store, keys):
    client = TestClient(create_app(store))
    r = client.post("/v1/reviews", content=b"x" * (limits.PACKAGE_BYTES + 1), headers=keys["case_system"])
    assert r.status_code == 413


# --- 3. one per-package limit everywhere -------------------------------------------------------------------------

def big_package(size: int) -> dict:
    p = example("food-safety-major-clean")
    p["facts_text"] = "经查明，" + "当事人经营砂锅店。" * (size // 27)
    return p


def test_a_package_over_the_limit_is_413_alone_and_inside_a_batch(store, keys):
    client = TestClient(create_app(store))
    p = big_package(limits.PACKAGE_BYTES + 200_000)
    body = json.dumps(p, ensure_ascii=False).encode("utf-8")
    assert len(body) > limits.PACKAGE_BYTES
    alone = client.post("/v1/reviews", content=body, headers=keys["case_system"])
    assert alone.status_code == 413
    batch = client.post("/v1/reviews:batch", json=[p, example("food-safety-major-clean")], headers=keys["case_system"])
    assert batch.status_code == 200
    statuses = [r["status"] for r in batch.json()["results"]]
    assert statuses == [413, 201]


def test_readme_states_the_real_limits():
    from review_assistant.engine.casebook import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{limits.PACKAGE_BYTES // limits.MIB} MB" in readme and f"{limits.REQUEST_BYTES // limits.MIB} MB" in readme


# --- 4. batch on hostile files ---------------------------------------------------------------------------------------

def zip_with(tmp_path, name, members: dict, **kw) -> str:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", **kw) as z:
        for member, data in members.items():
            z.writestr(member, data)
    return str(path)


def corrupt_crc(path: str) -> None:
    data = bytearray(open(path, "rb").read())
    i = data.find(b"PK\x03\x04")
    data[i + 14:i + 18] = struct.pack("<I", 0xDEADBEEF)  # local header CRC
    j = data.find(b"PK\x01\x02")
    data[j + 16:j + 20] = struct.pack("<I", 0xDEADBEEF)  # central directory CRC
    open(path, "wb").write(bytes(data))


def test_hostile_batch_inputs_go_to_invalid_and_the_run_goes_on(tmp_path):
    good = zip_with(tmp_path, "good.zip", {"a.json": CLEAN})
    (tmp_path / "notzip.zip").write_bytes(b"this is not a zip")
    crc = zip_with(tmp_path, "crc.zip", {"a.json": CLEAN.replace(b"food", b"fooe")}, compression=zipfile.ZIP_DEFLATED)
    corrupt_crc(crc)
    # a member whose declared size is over the limit (a 2 GiB member would be refused the same way, by its header)
    bomb = zip_with(tmp_path, "bomb.zip", {"huge.json": b" " * (limits.PACKAGE_BYTES + 10)}, compression=zipfile.ZIP_DEFLATED)
    # unknown compression method: patch the method field of a stored member
    method = zip_with(tmp_path, "method.zip", {"m.json": CLEAN})
    data = bytearray(open(method, "rb").read())
    for sig, off in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        k = data.find(sig)
        data[k + off:k + off + 2] = struct.pack("<H", 99)
    open(method, "wb").write(bytes(data))
    # encrypted flag on a member
    enc = zip_with(tmp_path, "enc.zip", {"e.json": CLEAN})
    data = bytearray(open(enc, "rb").read())
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        k = data.find(sig)
        data[k + off:k + off + 2] = struct.pack("<H", 1)
    open(enc, "wb").write(bytes(data))
    sparse = tmp_path / "sparse.json"
    with open(sparse, "wb") as fh:
        fh.truncate(2 * 1024 ** 3)  # a sparse 2 GiB file: refused by its size, never read
    long_line = tmp_path / "long.jsonl"
    with open(long_line, "wb") as fh:
        fh.write(b" " * (limits.PACKAGE_BYTES + 100) + b"\n" + CLEAN.replace(b"\n", b" ") + b"\n")
    out = tmp_path / "out"
    result = run([good, str(tmp_path / "notzip.zip"), crc, bomb, method, enc, str(sparse), str(long_line)], out,
                 progress=False)
    invalid = [json.loads(line) for line in (out / "invalid.jsonl").read_text(encoding="utf-8").splitlines()]
    reasons = {row["source"].split("/")[-1]: row["errors"][0] for row in invalid}
    assert result.reviewed == 2  # good.zip's member and the second line of long.jsonl
    assert "notzip.zip" in reasons and "不是有效的 zip" in reasons["notzip.zip"]
    assert "无法读取" in reasons["crc.zip!a.json"]
    assert "过大" in reasons["bomb.zip!huge.json"] and "过大" in reasons["sparse.json"] and "过大" in reasons["long.jsonl:1"]
    assert "无法读取" in reasons["method.zip!m.json"] and "加密" in reasons["enc.zip!e.json"]


def test_reading_inputs_stays_within_the_cap(tmp_path):
    sparse = tmp_path / "s.json"
    with open(sparse, "wb") as fh:
        fh.truncate(1024 ** 3)
    import resource
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert [len(raw) < 1000 for _, raw in packages([str(sparse)])] == [True]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KiB: far below a GiB


# --- 12. CSV formula injection -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\",\"点此\")", "+1", "-1+2", "@SUM(A1)", "\tcmd", "\rcmd", "＝1"])
def test_summary_cells_cannot_become_formulas(value):
    assert safe_cell(value).startswith("'")


def test_summary_csv_neutralizes_a_case_id(tmp_path):
    p = example("food-safety-major-clean")
    p["case_id"] = "=HYPERLINK(\"http://evil\",\"点此\")"
    p["agency"]["name"] = "@恶意机关"
    src = tmp_path / "p.json"
    src.write_text(json.dumps(p, ensure_ascii=False), encoding="utf-8")
    run([str(src)], tmp_path / "out", progress=False)
    text = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig")
    row = text.splitlines()[1]
    assert row.startswith("\"'=HYPERLINK") or row.startswith("'=HYPERLINK")
    assert ",=" not in row and ",@" not in row


# --- 5–7. the record covers what it serves; an anchor outside the database; verify never creates -------------------

import sqlalchemy as sa  # noqa: E402

from review_assistant.service.cli import main  # noqa: E402


def _sql(store, statement, **params):
    with store.engine.begin() as conn:
        conn.execute(sa.text(statement), params)


@pytest.fixture()
def keyed(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEW_ASSISTANT_RECORD_KEY", "test-key-kept-outside-the-db")
    url = f"sqlite:///{tmp_path / 'keyed.sqlite3'}"
    store = RecordStore(url)
    _, secret = store.create_token("reviewer", "审核员")
    client = TestClient(create_app(store))
    key = {"Authorization": f"Bearer {secret}"}
    rid = client.post("/v1/reviews", content=CLEAN, headers=key).json()["review_id"]
    return store, client, key, rid, url


def test_a_changed_package_is_named_by_verify_and_never_served(keyed):
    store, client, key, rid, url = keyed
    _sql(store, "UPDATE record_packages SET package = replace(package, '刘记', '王记') WHERE review_id = :r", r=rid)
    assert any("案卷包被修改" in p.what for p in store.verify())
    r = client.get(f"/v1/reviews/{rid}/opinion?format=md", headers=key)
    assert r.status_code == 409 and "案卷包被修改" in r.json()["title"]


def test_a_deleted_package_is_named_not_a_500(keyed):
    store, client, key, rid, url = keyed
    _sql(store, "DELETE FROM record_packages WHERE review_id = :r", r=rid)
    assert any("案卷包被删除" in p.what for p in store.verify())
    r = client.get(f"/v1/reviews/{rid}/opinion?format=html", headers=key)
    assert r.status_code == 409


def test_a_changed_report_is_not_served(keyed):
    store, client, key, rid, url = keyed
    _sql(store, "UPDATE record_entries SET body = replace(body, 'approve', 'reject') WHERE review_id = :r", r=rid)
    assert client.get(f"/v1/reviews/{rid}", headers=key).status_code == 409


def test_a_recomputed_chain_or_a_forged_decision_fails_with_the_key(keyed):
    from review_assistant.service.records import GENESIS, canonical, entry_hash, sha256

    store, client, key, rid, url = keyed
    row = dict(next(iter(store.all_entries())))
    forged = {**row, "seq": row["seq"] + 1, "kind": "decision", "body": canonical({"action": "add"}),
              "prev_hash": row["entry_hash"]}
    forged["body_hash"] = sha256(forged["body"])
    forged["entry_hash"] = entry_hash(forged)
    forged["mac"] = "0" * 64  # the forger has no key
    with store.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO record_entries (seq, kind, review_id, case_id, token_id, created_at, package_hash,"
                             " body_hash, versions, body, prev_hash, entry_hash, mac) VALUES (:seq, :kind, :review_id,"
                             " :case_id, :token_id, :created_at, :package_hash, :body_hash, :versions, :body, :prev_hash,"
                             " :entry_hash, :mac)"), forged)
    assert GENESIS and any("签名不符" in p.what for p in store.verify())
    assert main(["records", "verify", "--db", url]) == 1


def test_an_inserted_admin_token_can_neither_sign_in_nor_pass_verify(keyed):
    from review_assistant.service.records import sha256

    store, client, key, rid, url = keyed
    _sql(store, "INSERT INTO api_tokens (token_id, secret_hash, role, name, created_at, revoked) VALUES"
                " ('t_evil', :h, 'admin', 'evil', '2026-01-01', 0)", h=sha256("ra_evil"))
    assert client.get("/v1/rules", headers={"Authorization": "Bearer ra_evil"}).status_code == 401
    assert any("t_evil" in p.what for p in store.verify())


def test_exported_heads_find_a_truncated_or_wiped_record(keyed, tmp_path, capsys):
    store, client, key, rid, url = keyed
    client.post("/v1/reviews", content=CLEAN, headers=key)
    heads = tmp_path / "heads.jsonl"
    assert main(["records", "head", "--db", url, "--append", str(heads)]) == 0
    assert main(["records", "verify", "--db", url, "--head", str(heads)]) == 0
    _sql(store, "DELETE FROM record_entries WHERE seq = (SELECT max(seq) FROM record_entries)")
    assert main(["records", "verify", "--db", url, "--head", str(heads)]) == 1
    assert "截断" in capsys.readouterr().out
    _sql(store, "DELETE FROM record_entries")
    assert main(["records", "verify", "--db", url, "--head", str(heads)]) == 1
    assert "为空" in capsys.readouterr().err


def test_a_malformed_head_file_is_named_by_its_line(keyed, tmp_path, capsys):
    store, client, key, rid, url = keyed
    heads = tmp_path / "heads.jsonl"
    assert main(["records", "head", "--db", url, "--append", str(heads)]) == 0
    for junk in ("[]", "1", "null", '{"seq": [1]}', '{"seq": 1, "entry_hash": 5}'):
        (tmp_path / "bad.jsonl").write_text(heads.read_text(encoding="utf-8") + junk + "\n", encoding="utf-8")
        assert main(["records", "verify", "--db", url, "--head", str(tmp_path / "bad.jsonl")]) == 2
        assert "第 2 行" in capsys.readouterr().err


def test_verify_on_a_missing_database_fails_and_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "typo.sqlite3"
    assert main(["records", "verify", "--db", f"sqlite:///{missing}"]) == 1
    assert not missing.exists()
    err = capsys.readouterr().err
    assert "审查记录不存在" in err and "no record database" in err
    assert main(["records", "verify", "--db", "notaurl:::"]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_tokens_list_and_revoke(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 't.sqlite3'}"
    assert main(["tokens", "create", "--role", "reviewer", "--name", "甲", "--db", url]) == 0
    secret = capsys.readouterr().out.strip()
    store = RecordStore(url)
    token_id = store.token(secret)["token_id"]
    assert main(["tokens", "list", "--db", url]) == 0 and token_id in capsys.readouterr().out
    assert main(["tokens", "revoke", token_id, "--db", url]) == 0
    assert store.token(secret) is None


# --- 8–11. the web workspace ---------------------------------------------------------------------------------------

from tests.web_client import ORIGIN, csrf, post_form, sign_in  # noqa: E402


@pytest.fixture()
def ui(store):
    app = create_app(store)

    def client(role, name=None):
        c = TestClient(app)
        secret = store.create_token(role, name or role)[1]
        assert sign_in(c, secret).status_code in (200, 303)
        return c, secret
    return client


def test_a_login_posted_from_another_origin_is_refused(store):
    victim = TestClient(create_app(store))
    _, attacker_token = store.create_token("case_system", "攻击者")
    csrf(victim)  # the victim has visited the workspace
    # the attacker's page (another port of the same host) posts the login form with the attacker's token
    r = victim.post("/ui/login", data={"token": attacker_token}, headers={"Origin": "http://testserver:8081"},
                    follow_redirects=False)
    assert r.status_code == 403 and "ra_session" not in victim.cookies
    # and without the form token bound to the victim's browser, even with a matching origin
    r = victim.post("/ui/login", data={"token": attacker_token, "csrf": "guess"}, headers={"Origin": ORIGIN})
    assert r.status_code == 403


def test_a_forged_submission_is_refused(ui):
    c, _ = ui("reviewer")
    r = c.post("/ui/reviews", data={"example": "food-safety-major-clean", "csrf": c.cookies.get("ra_csrf")},
               headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    r = c.post("/ui/reviews", data={"example": "food-safety-major-clean"}, headers={"Origin": ORIGIN})
    assert r.status_code == 403  # no form token
    ok = post_form(c, "/ui/reviews", {"example": "food-safety-major-clean"}, follow_redirects=False)
    assert ok.status_code == 303


def test_the_cookie_holds_a_session_not_the_token_and_sign_out_ends_it(ui):
    c, secret = ui("reviewer")
    assert secret not in c.cookies.values()
    sid = c.cookies.get("ra_session")
    assert sid and c.get("/ui/", follow_redirects=False).status_code == 200
    c.get("/ui/logout")
    stolen = TestClient(c.app)
    stolen.cookies.set("ra_session", sid, path="/ui/")
    assert stolen.get("/ui/", follow_redirects=False).status_code == 303  # the old session id no longer works


def test_trainer_cannot_submit_or_see_reviews_on_the_web(ui, store):
    reviewer, _ = ui("reviewer")
    post_form(reviewer, "/ui/reviews", {"example": "market-regulation-flawed"})
    trainer, _ = ui("trainer")
    before = store.count()
    r = post_form(trainer, "/ui/reviews", {"example": "food-safety-major-clean"}, follow_redirects=False)
    assert r.status_code == 403 and store.count() == before
    assert "长市监处" not in trainer.get("/ui/").text


def test_security_headers_on_pages_and_api(ui, store):
    c, _ = ui("reviewer")
    for r in (c.get("/ui/"), c.get("/ui/login"), TestClient(create_app(store)).get("/healthz")):
        assert r.headers["X-Frame-Options"] == "DENY"
        assert "script-src" not in r.headers["Content-Security-Policy"] and "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
        assert r.headers["Referrer-Policy"] == "same-origin"


def test_secure_cookies_when_configured(store, monkeypatch):
    monkeypatch.setenv("REVIEW_ASSISTANT_SECURE_COOKIES", "1")
    c = TestClient(create_app(store))
    r = c.get("/ui/login")
    assert "secure" in r.headers["set-cookie"].lower()


@pytest.mark.parametrize("form", [{}, {"action": "delete", "reason": "x"}, {"action": "dismiss", "reason": "长" * 2001}])
def test_a_bad_decision_form_is_a_422_page_not_a_500(ui, form):
    c, _ = ui("reviewer")
    url = post_form(c, "/ui/reviews", {"example": "market-regulation-flawed"}, follow_redirects=False).headers["location"]
    r = post_form(c, url + "/decisions", {"rule_id": "CRI-001", "where": "/violation/amounts/sales_amount", **form})
    assert r.status_code == 422 and "决定无效" in r.text


def test_a_bad_teaching_case_is_refused_on_upload_and_cannot_break_scoring(ui, store):
    from review_assistant.service.web import bundled_cases, uploaded_cases

    trainer, _ = ui("trainer")
    case = json.loads(json.dumps(bundled_cases()[0]))
    case.update(id="bad-dates", title="坏案例")
    case["package"]["steps"].append({"kind": "decision", "date": "2000-01-01"})  # decision before filing
    case["answer"]["notes"] = ["not", "a", "mapping"]
    r = post_form(trainer, "/ui/teaching/new", files={"file": ("c.json", json.dumps(case, ensure_ascii=False).encode())})
    assert r.status_code == 422 and "决定日期" in r.text and "answer.notes" in r.text
    # a bad case that got into the table some other way is isolated: its page says so, the others still score
    with store.engine.begin() as conn:
        conn.execute(uploaded_cases.insert().values(id="bad-dates", body=json.dumps(case, ensure_ascii=False)))
    trainee, _ = ui("reviewer", "学员")
    # a stored case that no longer validates is left out of the list (and logged); its address leads back to it
    assert "坏案例" not in trainee.get("/ui/teaching").text
    assert post_form(trainee, "/ui/teaching/bad-dates", {"trainee": "甲"}, follow_redirects=False).status_code == 303
    with store.engine.begin() as conn:  # a row that is not JSON at all (attack re-run: 500 on every teaching page)
        conn.execute(uploaded_cases.insert().values(id="evil", body="not json"))
    assert trainee.get("/ui/teaching").status_code == 200
    good = bundled_cases()[0]["id"]
    answers = {item: "pass" for item in bundled_cases()[0]["answer"]["items"]}
    assert post_form(trainee, f"/ui/teaching/{good}", {"trainee": "甲", **answers}).status_code == 200


# --- 13. Markdown injection ---------------------------------------------------------------------------------------

def test_package_text_cannot_add_headings_links_or_images_to_the_markdown_opinion(tmp_path, reviewer):
    from review_assistant.case.inputs import parse_package
    from review_assistant.outputs.opinion import render

    p = example("food-safety-major-clean")
    p["facts_text"] = "经查明。\n# 审核结论：同意\n## 审核结论：同意\n> 已审核\n1. 同意\n[点此](javascript:alert(1)) ![x](http://evil/x.png)"
    report = reviewer.review(p)
    out = render(report, parse_package(p), tmp_path / "o.md")
    text = out.read_text(encoding="utf-8")
    assert "\n# 审核结论" not in text and "\n## 审核结论" not in text and "\n> 已审核" not in text
    import re
    assert not re.search(r"(?<!\\)\]\(", text) and not re.search(r"(?<!\\)!\\?\[x(?<!\\)\]", text)  # no link, no image
    assert "\n1. 同意" not in text


# --- 14. terminal escapes ------------------------------------------------------------------------------------------

def test_check_prints_no_control_sequences(tmp_path, capsys):
    p = example("food-safety-major-clean")
    p["case_id"] = "案\x1b]0;pwned\x07号\x1b[2J"
    p["\x1b[31mfield"] = 1
    f = tmp_path / "p.json"
    f.write_text(json.dumps(p, ensure_ascii=False), encoding="utf-8")
    main(["check", str(f), "--color", "never"])
    out = capsys.readouterr()
    assert "\x1b" not in out.out and "\x07" not in out.out and "\x1b" not in out.err
    assert "案]0;pwned号" in out.out


# --- 15. catalog reload ----------------------------------------------------------------------------------------------

def test_no_reload_endpoint_that_would_change_one_worker_only(store, keys):
    client = TestClient(create_app(store))
    assert client.post("/v1/admin/catalogs:reload", headers=keys["admin"]).status_code in (404, 405)


# --- 16. NUL ----------------------------------------------------------------------------------------------------------

def test_nul_in_a_package_or_a_path_is_refused_naming_it(store, keys):
    client = TestClient(create_app(store))
    p = example("food-safety-major-clean")
    p["case_id"] = "长\u0000号"
    r = client.post("/v1/reviews", json=p, headers=keys["case_system"])
    assert r.status_code == 422 and r.json()["errors"][0]["pointer"] == "/case_id"
    r = client.get("/v1/cases/a%00b/reviews", headers=keys["reviewer"])
    assert r.status_code == 400 and "NUL" in r.json()["title"]


def test_nul_on_postgres_is_a_422_not_a_500(postgres_url, keys):
    store = RecordStore(postgres_url)
    _, secret = store.create_token("case_system", "pg")
    client = TestClient(create_app(store))
    p = example("food-safety-major-clean")
    p["parties"][0]["name"] = "刘\u0000某"
    assert client.post("/v1/reviews", json=p, headers={"Authorization": f"Bearer {secret}"}).status_code == 422


# --- 17. rate limits count reviews and are shared by workers ----------------------------------------------------------

def test_a_batch_counts_each_review_and_workers_share_the_budget(store):
    _, secret = store.create_token("case_system", "限流")
    key = {"Authorization": f"Bearer {secret}"}
    one = TestClient(create_app(store, rate=0.001, burst=50))
    other = TestClient(create_app(store, rate=0.001, burst=50))  # a second worker on the same record
    batch = [example("food-safety-major-clean")] * 30
    assert one.post("/v1/reviews:batch", json=batch, headers=key).status_code == 200  # 30 of 50
    assert other.post("/v1/reviews:batch", json=batch, headers=key).status_code == 429  # the other worker knows


# --- 18. access log under serve ------------------------------------------------------------------------------------------

def test_the_access_log_is_written_by_the_served_app(tmp_path):
    import httpx

    from tests.api_process import start_api

    log = tmp_path / "access.log"
    proc, base = start_api({"REVIEW_ASSISTANT_DB": f"sqlite:///{tmp_path / 's.sqlite3'}",
                            "REVIEW_ASSISTANT_ACCESS_LOG": str(log)})
    try:
        httpx.get(base + "/v1/cases/110105199001011234/reviews")
    finally:
        proc.terminate()
        proc.wait(10)
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    hit = next(x for x in lines if x["path"].startswith("/v1/cases/"))
    assert hit["status"] == 401 and "110105199001011234" not in hit["path"]


# --- 19. the CLI never shows a traceback ----------------------------------------------------------------------------------

def test_cli_errors_are_messages_with_exit_2(tmp_path, capsys):
    clean = str(EXAMPLES / "food-safety-major-clean.json")
    assert main(["check", clean, "--opinion", "/proc/forbidden/o.md"]) == 2
    bad = tmp_path / "tpl"
    bad.mkdir()
    (bad / "opinion.md.j2").write_text("{{ nonexistent.deeper }}{% broken", encoding="utf-8")
    assert main(["check", clean, "--opinion", str(tmp_path / "o.md"), "--templates", str(bad)]) == 2
    f = tmp_path / "afile"
    f.write_text("x")
    assert main(["batch", clean, "--out", str(f)]) == 2
    assert main(["tokens", "create", "--role", "admin", "--name", "长" * 201, "--db", f"sqlite:///{tmp_path / 't.db'}"]) == 2
    assert main(["check", "/dev/zero"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "模板" in err and "过大" in err


# --- 20. development mode ---------------------------------------------------------------------------------------------

def test_dev_mode_needs_the_flag_binds_loopback_and_issues_no_tokens(tmp_path, store, capsys, monkeypatch):
    import importlib

    import api

    monkeypatch.setenv("REVIEW_ASSISTANT_DEV", "1")
    monkeypatch.setenv("REVIEW_ASSISTANT_DB", f"sqlite:///{tmp_path / 'd.sqlite3'}")
    importlib.reload(api)
    assert api.app.state.dev_mode is False  # the variable alone does nothing
    assert main(["serve", "--insecure-dev", "--host", "0.0.0.0"]) == 2
    assert "本机地址" in capsys.readouterr().err
    dev = TestClient(create_app(store, dev_mode=True))
    assert dev.post("/v1/tokens", json={"role": "admin", "name": "x"}).status_code == 403


# --- 21. OpenAPI names --------------------------------------------------------------------------------------------------

def test_openapi_names_do_not_collide_and_keep_patterns(store):
    spec = TestClient(create_app(store)).get("/openapi.json").json()
    body = spec["paths"]["/v1/reviews/{review_id}/decisions"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/ReviewerDecision")
    assert "action" in spec["components"]["schemas"]["ReviewerDecision"]["properties"]
    assert "outcome" in spec["components"]["schemas"]["Decision"]["properties"]  # the package's own Decision
    time = spec["components"]["schemas"]["Step"]["properties"]["time"]["anyOf"][0]
    assert time.get("pattern")


# --- 22. case ids with "/" and duplicate keys -------------------------------------------------------------------------------

def test_a_case_id_with_a_slash_has_a_history(store, keys):
    client = TestClient(create_app(store))
    p = example("food-safety-major-clean")
    p["case_id"] = "长市监处/2025/0031"
    assert client.post("/v1/reviews", json=p, headers=keys["reviewer"]).status_code == 201
    from urllib.parse import quote
    r = client.get(f"/v1/cases/{quote(p['case_id'], safe='')}/reviews", headers=keys["reviewer"])
    assert r.status_code == 200 and len(r.json()["reviews"]) == 1


def test_duplicate_keys_are_refused_with_their_path(store, keys):
    client = TestClient(create_app(store))
    body = CLEAN.decode("utf-8").replace('"case_id":', '"case_id": "x", "case_id":', 1)
    r = client.post("/v1/reviews", content=body.encode("utf-8"), headers=keys["case_system"])
    assert r.status_code == 422 and r.json()["errors"][0]["pointer"] == "/case_id"


# --- 2. narratives of many dates; the review's time budget ------------------------------------------------------------

def test_the_reproduction_of_quadratic_date_reading_finishes_well_within_the_budget(reviewer):
    from review_assistant.engine.review import ReviewTimeout

    p = example("food-safety-major-clean")
    p["facts_text"] = "2025年1月1日" * 16000  # 238 KB: 22 s before the fix
    try:
        reviewer.review(p, budget=10.0)  # linear reading takes a fraction of a second; the margin is wide
    except ReviewTimeout:
        pytest.fail("reading 16,000 dates took more than 10 s: a text pass is not linear")


def test_a_review_over_its_budget_is_a_clear_error_and_the_worker_is_free(store, keys, monkeypatch):
    from review_assistant.case import limits as lim

    monkeypatch.setattr(lim, "REVIEW_SECONDS", 0.0)
    client = TestClient(create_app(store))
    p = example("food-safety-major-clean")
    r = client.post("/v1/reviews", json=p, headers=keys["case_system"])
    assert r.status_code == 422 and "审查超时" in r.json()["errors"][0]["detail_zh"]
    monkeypatch.setattr(lim, "REVIEW_SECONDS", 30.0)
    assert client.post("/v1/reviews", json=p, headers=keys["case_system"]).status_code == 201


# --- found by the independent attack pass after the first fixes -----------------------------------------------------

def test_list_sizes_are_capped_naming_the_field(store, keys):
    client = TestClient(create_app(store))
    p = example("food-safety-major-clean")
    p["steps"] = p["steps"] * 300  # 2,100 steps
    r = client.post("/v1/reviews", json=p, headers=keys["case_system"])
    assert r.status_code == 422 and r.json()["errors"][0]["pointer"] == "/steps"


def test_a_rule_names_at_most_thirty_places_then_counts_the_rest(reviewer):
    from review_assistant.engine.review import MAX_PER_RULE

    p = example("food-safety-major-clean")
    p["steps"] = p["steps"] + [{"kind": "inquiry", "date": "2025-04-25", "officers": ["14040000101"]}] * 200
    report = reviewer.review(p)
    off = [f for f in report.findings if f.rule_id == "OFF-001"]
    assert len(off) == MAX_PER_RULE + 1 and "另有" in off[-1].message or "另有" in off[0].message


def test_a_huge_decision_text_of_law_names_stays_small(reviewer):
    import resource

    p = example("food-safety-major-clean")
    p["decision_text"] = "产品质量法" * 900_000  # 4.5 MB of law names: no citations list of a million entries
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    reviewer.review(p, budget=60)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 400 * 1024


def test_a_fifo_is_never_opened(tmp_path, capsys):
    import os

    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    assert main(["check", str(fifo)]) == 2 and "管道" in capsys.readouterr().err
    assert [raw.decode("utf-8") for _, raw in packages([str(fifo)])][0].find("不是普通文件") > 0


def test_a_sparse_jsonl_without_line_ends_is_given_up_quickly(tmp_path):
    sparse = tmp_path / "s.jsonl"
    with open(sparse, "wb") as fh:
        fh.truncate(8 * 1024 ** 3)  # 8 GiB of zeros, no newline
    import time
    started = time.perf_counter()
    rows = list(packages([str(sparse)]))
    assert time.perf_counter() - started < 10 and "其后内容未读" in rows[-1][1].decode("utf-8")


def test_reviving_a_revoked_token_or_forging_a_session_fails_with_the_key(keyed):
    store, client, key, rid, url = keyed
    token_id, secret = store.create_token("admin", "被吊销")
    store.revoke(token_id)
    _sql(store, "UPDATE api_tokens SET revoked = 0 WHERE token_id = :t", t=token_id)
    assert client.get("/v1/catalogs", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert any(token_id in p.what for p in store.verify())
    import hashlib
    _sql(store, "INSERT INTO ui_sessions (id_hash, token_id, expires_at) VALUES (:h, :t, '2099-01-01')",
         h=hashlib.sha256(b"forged").hexdigest(), t=store.token(key["Authorization"][7:])["token_id"])
    c = TestClient(client.app)
    c.cookies.set("ra_session", "forged", path="/ui/")
    assert c.get("/ui/", follow_redirects=False).status_code == 303


def test_a_non_ascii_form_token_is_a_403_not_a_500(store):
    c = TestClient(create_app(store))
    r = c.post("/ui/login", data={"token": "x", "csrf": "é"}, headers={"Origin": ORIGIN, "Cookie": "ra_csrf=abc"})
    assert r.status_code == 403


def test_markdown_line_breaks_of_every_kind_and_backslashes_are_neutralized():
    from review_assistant.outputs.opinion import _markdown_safe

    out = _markdown_safe("事实\r# 伪造\r\n## 伪造\u2028### 伪造\n    缩进代码\n\\[点击\\](http://evil)")
    assert "\n#" not in out and "\r" not in out and "\n    " not in out
    import re
    assert not re.search(r"(?<!\\)(\\\\)*\[点击(?<!\\)(\\\\)*\]\(", out.replace("\\\\", ""))  # no live link
    assert "\\\\" in out  # the package's own backslash is kept, escaped


def test_check_json_escapes_c1_controls_and_bidi(tmp_path, capsys):
    p = example("food-safety-major-clean")
    p["case_id"] = "案\u009b31m\u202e号\u2028"
    f = tmp_path / "p.json"
    f.write_text(json.dumps(p, ensure_ascii=False), encoding="utf-8")
    main(["check", str(f), "--format", "json"])
    out = capsys.readouterr().out
    assert "\u009b" not in out and "\u202e" not in out and "\u2028" not in out
    assert json.loads(out)["case_id"] == p["case_id"]


def test_bad_text_in_a_decision_or_a_token_name_is_422(store, keys):
    client = TestClient(create_app(store))
    rid = client.post("/v1/reviews", content=CLEAN, headers=keys["reviewer"]).json()["review_id"]
    own = {"rule_id": "MANUAL-1", "item": "documents", "severity": "minor", "title": "\ud800", "message": "m",
           "basis": "b", "where": "/", "suggestion": "s"}
    body = json.dumps({"action": "add", "reason": "x", "finding": own})  # ensure_ascii keeps the lone surrogate
    r = client.post(f"/v1/reviews/{rid}/decisions", content=body, headers={**keys["reviewer"], "Content-Type": "application/json"})
    assert r.status_code == 422
    r = client.post(f"/v1/reviews/{rid}/decisions", json={"action": "dismiss", "reason": "a\u0000", "rule_id": "x", "where": "/"},
                    headers=keys["reviewer"])
    assert r.status_code == 422
    assert client.post("/v1/tokens", json={"role": "reviewer", "name": "a\u0000"}, headers=keys["admin"]).status_code == 422


def test_summary_cells_with_invisible_lead_characters_are_neutralized():
    for value in (" =1", "\u00a0=1", "\u3000+1", "\ufeff@x", "\u200b-1", "\x0b=1"):
        assert safe_cell(value).startswith("'"), repr(value)


def test_a_nul_in_a_web_decision_reason_is_a_422_page(ui):
    c, _ = ui("reviewer")
    url = post_form(c, "/ui/reviews", {"example": "market-regulation-flawed"}, follow_redirects=False).headers["location"]
    r = post_form(c, url + "/decisions", {"action": "dismiss", "reason": "a\u0000b", "rule_id": "CRI-001",
                                          "where": "/violation/amounts/sales_amount"})
    assert r.status_code == 422


# --- the attack pass re-run after the fixes (issue 13 note): what it still found, each a test ------------------------

@pytest.mark.parametrize("change,where", [
    (lambda d: d.update({f"k{i}": i for i in range(120_000)}), ""),  # 4.9 MB of tiny values: +485 MB before
    (lambda d: d.update({"z": [0] * 1_500_000}), ""),
    (lambda d: d.update({f"k{i}": i for i in range(150)}), ""),  # unknown fields beyond 100 in one object
    (lambda d: d["parties"][0].update({"id_number": "9" * 3_000_000}), "/parties/0/id_number"),  # engine error 307
    (lambda d: d.update({"domain": "d" * 3_000_000}), "/domain"),
], ids=["values", "zeros", "extra-keys", "long-id", "long-domain"])
def test_a_package_of_many_tiny_values_or_giant_fields_is_refused_by_name(store, keys, change, where):
    pkg = example("market-regulation-flawed")
    change(pkg)
    body = json.dumps(pkg, separators=(",", ":")).encode()
    assert len(body) <= limits.PACKAGE_BYTES
    r = TestClient(create_app(store)).post("/v1/reviews", content=body, headers={**keys["case_system"],
                                                                                 "Content-Type": "application/json"})
    assert r.status_code == 422, r.text[:300]
    pointers = [e["pointer"] for e in r.json()["errors"]]
    assert where in pointers or (where == "" and pointers)


def test_bytes_written_into_record_columns_are_a_named_tampering_not_a_500(tmp_path):
    store = RecordStore(f"sqlite:///{tmp_path / 'r.sqlite3'}", key=b"k" * 32)
    _, secret = store.create_token("admin", "管理员")
    client = TestClient(create_app(store))
    auth = {"Authorization": f"Bearer {secret}"}
    rid = client.post("/v1/reviews", content=(EXAMPLES / "food-safety-major-clean.json").read_bytes(),
                      headers={**auth, "Content-Type": "application/json"}).json()["review_id"]
    for column in ("mac", "versions"):
        with store.engine.begin() as conn:
            conn.exec_driver_sql(f"update record_entries set {column}=X'00ff' where seq=1")
        assert client.get(f"/v1/reviews/{rid}", headers=auth).status_code == 409
        assert client.get(f"/v1/reviews/{rid}/opinion", headers=auth).status_code == 409
        assert store.verify()
    with store.engine.begin() as conn:
        conn.exec_driver_sql("insert into teaching_cases values('evil', 'not json')")
    assert any("教学案例 evil" in p.what for p in store.verify())


def test_invisible_lead_characters_of_every_kind_cannot_start_a_formula():
    for lead in ("\u2060", "\u180e", "\u200e", "\u202e", "\ufe0f", "\u200b\u2060"):
        assert safe_cell(f"{lead}=HYPERLINK(\"http://x\")").startswith("'")
    assert safe_cell("长市监处〔2025〕0107号") == "长市监处〔2025〕0107号"


def test_bidi_marks_and_c1_controls_never_reach_a_terminal_the_api_json_or_the_markdown(store, keys, tmp_path, capsys):
    from review_assistant.case.inputs import parse_package
    from review_assistant.outputs.opinion import render
    from review_assistant.engine.review import get_reviewer

    pkg = example("food-safety-major-clean")
    pkg["case_id"] = "案\u061c\u0085\u009b号"
    pkg["facts_text"] = pkg["facts_text"] + "\u061c\u009b"
    (tmp_path / "p.json").write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
    main(["check", str(tmp_path / "p.json")])
    out = capsys.readouterr().out
    assert "\u061c" not in out and "\u009b" not in out and "\u0085" not in out
    r = TestClient(create_app(store)).post("/v1/reviews", content=json.dumps(pkg, ensure_ascii=False).encode(),
                                           headers={**keys["case_system"], "Content-Type": "application/json"})
    assert r.status_code == 201 and "\u061c" not in r.text and "\u009b" not in r.text and "\u0085" not in r.text
    assert r.json()["case_id"] == pkg["case_id"]  # escaped, not changed
    md = render(get_reviewer().review(pkg), parse_package(pkg), tmp_path / "o.md").read_text(encoding="utf-8")
    assert "\u061c" not in md and "\u009b" not in md


def test_cli_unreadable_files_missing_templates_and_runaway_jobs_are_clear_errors(tmp_path, capsys):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert main(["check", str(loop)]) == 2
    assert "无法读取该文件" in capsys.readouterr().err
    good = str(EXAMPLES / "food-safety-major-clean.json")
    assert main(["check", good, "--opinion", str(tmp_path / "o.md"), "--templates", str(tmp_path / "none")]) == 2
    assert main(["check", good, "--opinion", str(tmp_path / "o.md"), "--templates", good]) == 2
    for jobs in ("0", "-3", "100000"):
        with pytest.raises(SystemExit) as err:
            main(["batch", good, "--out", str(tmp_path / "b"), "--jobs", jobs])
        assert err.value.code == 2


def test_a_teaching_case_with_a_huge_title_is_refused(ui):
    from review_assistant.service.web import bundled_cases

    trainer, _ = ui("trainer")
    case = {**bundled_cases()[0], "id": "long-title", "title": "t" * 1_000_000}
    r = post_form(trainer, "/ui/teaching/new", files={"file": ("c.json", json.dumps(case).encode())},
                  follow_redirects=False)
    assert r.status_code == 422 and len(r.headers.get("location", "")) < 1000


def test_the_record_lives_in_one_per_user_folder_and_serve_says_where(tmp_path, monkeypatch, capsys):
    """issue 17: tokens created in one folder and `serve` started in another used to miss each other."""
    from review_assistant.service import records

    monkeypatch.delenv("REVIEW_ASSISTANT_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    assert records.default_url() == f"sqlite:///{tmp_path / 'data' / 'review-assistant' / 'records.sqlite3'}"
    assert main(["tokens", "create", "--role", "admin", "--name", "管理员"]) == 0
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert main(["tokens", "list"]) == 0 and "管理员" in capsys.readouterr().out
    assert records.shown_url("postgresql+psycopg://ra:secret@db/ra") == "postgresql+psycopg://ra:***@db/ra"


def test_root_redirects_to_the_workspace(store):
    r = TestClient(create_app(store)).get("/", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/ui/"


def test_tokens_list_shows_beijing_time(tmp_path, capsys):
    """Stored in UTC, shown in Beijing time (UTC+8) like every other time people read."""
    from datetime import datetime, timedelta, timezone

    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    assert main(["tokens", "create", "--role", "admin", "--name", "管理员", "--db", url]) == 0
    capsys.readouterr()
    before = datetime.now(timezone.utc)
    assert main(["tokens", "list", "--db", url]) == 0
    line = capsys.readouterr().out
    shown = {(before + timedelta(hours=8, minutes=m)).strftime("%Y-%m-%d %H:%M") for m in (-1, 0)}
    assert "（北京时间）" in line and any(s in line for s in shown), line


# a key written twice is found whatever the strings around it hold: colons in values and keys, an escaped colon
@pytest.mark.parametrize("extra, pointer", [
    ('"notes": "时间：10:30，地点：仓库", "notes": "x",', "/notes"),
    ('"a:b": 1, "a:b": 2,', "/a:b"),
    ('"x": "\\u003a\\u003A", "x": 1,', "/x"),  # an escaped colon: the fast count cannot tell, the walk does
    ('"x": {"k": "1:2", "k": 3},', "/x/k"),
    ('"x": "\\u003a", "y": "10:30",', None),  # no key twice: accepted
])
def test_a_key_written_twice_is_named_with_colons_anywhere(extra, pointer):
    from review_assistant.case.inputs import InputError, parse_package

    body = CLEAN.decode("utf-8").replace("{", "{" + extra, 1)
    if pointer is None:
        assert parse_package(body).case_id
        return
    with pytest.raises(InputError) as err:
        parse_package(body)
    assert err.value.problems[0].where == pointer


# --- found by the attack pass of 2026-12-04 ---------------------------------------------------------------------------

def test_an_article_number_of_thousands_of_digits_is_read_not_crashed_on(reviewer):
    # int() of more than 4,300 digits raised ValueError: a traceback in `cite`, an internal error (HTTP 500) in a review
    p = example("food-safety-major-clean")
    p["decision_text"] = (p.get("decision_text") or "") + "依据《中华人民共和国食品安全法》第" + "9" * 5000 + "条第" + "９" * 5000 + "款"
    report = reviewer.review(p)
    assert report.conclusion in ("approve", "revise", "return", "reject")


@pytest.mark.parametrize("field,text", [
    ("facts_text", "死亡" * 100_000),  # a crime-signal word, no punctuation: 15 s before the fix
    ("facts_text", "罚款5000元，" * 12_500),  # many labelled figures in one sentence: 13 s before
    ("decision_text", "《a》食品安全法" * 20_000),  # bracketed and bare law names mixed: 20 s before
])
def test_the_attack_passes_quadratic_texts_finish_well_within_the_budget(reviewer, field, text):
    from review_assistant.engine.review import ReviewTimeout

    p = example("food-safety-major-clean")
    p[field] = text
    try:
        reviewer.review(p, budget=10.0)  # linear, these take about a second
    except ReviewTimeout:
        pytest.fail(f"a {len(text)}-character {field} took more than 10 s: a text pass is not linear")


def test_batch_items_are_read_as_single_submissions(store, keys):
    client = TestClient(create_app(store))
    clean = CLEAN.decode("utf-8")
    duplicate = clean.replace('"case_id":', '"case_id": "x", "case_id":', 1)
    surrogate = clean.replace('"case_id":', '"own_note": "a\\ud800", "case_id":', 1)
    body = "[" + ",".join([clean, duplicate, surrogate]) + "]"
    r = client.post("/v1/reviews:batch", content=body.encode("utf-8"), headers=keys["case_system"])
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["status"] for x in results] == [201, 422, 422]
    assert results[1]["errors"][0]["pointer"] == "/case_id"  # the duplicate key, named inside its item
    assert "代理项" in results[2]["errors"][0]["detail_zh"]


@pytest.mark.parametrize("body", [b"[" * 3000 + b"]" * 3000, b"[" + b"9" * 5000 + b"]", b"{}", b"[1,,2]", b"[[null, null]]", b"[{}, 7]"])
def test_a_malformed_batch_is_a_bilingual_422(store, keys, body):
    client = TestClient(create_app(store))
    r = client.post("/v1/reviews:batch", content=body, headers=keys["case_system"])
    assert r.status_code == 422
    err = r.json()["errors"][0]
    assert err["detail_zh"] and err["detail_en"] and "pointer" in err


@pytest.mark.parametrize("field,value", [("/agency/region_code", "１４０４００"), ("/agency/region_code", "١٤٠٤٠٠"),
                                         ("/submitted_on", "２０２５-０５-２０")])
def test_digits_other_than_ascii_are_a_format_error_naming_the_field(reviewer, field, value):
    from review_assistant.case.inputs import InputError

    p = apply(example("food-safety-major-clean"), {field: value})
    with pytest.raises(InputError) as err:
        reviewer.review(json.dumps(p, ensure_ascii=False).encode("utf-8"))
    problem = err.value.problems[0]
    assert problem.where == field and "日期不存在" not in problem.zh


@pytest.mark.parametrize("as_of", ["20240101", "2024-W01-1", "0001-01-01", "9999-12-31"])
def test_as_of_is_yyyy_mm_dd_within_the_packages_years(as_of, capsys):
    from review_assistant.service.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["check", str(EXAMPLES / "market-regulation-flawed.json"), "--as-of", as_of])
    assert stop.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err


def test_an_unknown_route_is_answered_in_chinese_too(store, keys):
    client = TestClient(create_app(store))
    r = client.get("/v1/no-such-thing", headers=keys["reviewer"])
    assert r.status_code == 404 and "没有该资源" in r.json()["title"]


@pytest.mark.parametrize("field,text", [
    ("decision_text", "已退还违法所得100元，" * 5_000),  # 31 s at 50k characters before the fix (second attack pass)
])
def test_the_second_attack_passes_quadratic_texts_finish_well_within_the_budget(reviewer, field, text):
    from review_assistant.engine.review import ReviewTimeout

    p = example("food-safety-major-clean")
    p[field] = text
    try:
        reviewer.review(p, budget=10.0)
    except ReviewTimeout:
        pytest.fail(f"a {len(text)}-character {field} took more than 10 s: a text pass is not linear")


@pytest.mark.parametrize("notes", ["解除查封，不予批准，" * 10_000, "拒绝在送达回执上确认放弃听证签字" * 6_000])
def test_long_step_notes_are_read_in_linear_time(reviewer, notes):
    from review_assistant.engine.review import ReviewTimeout

    p = example("food-safety-major-clean")
    for s in p["steps"]:
        s["notes"] = notes[:100_000]
    try:
        reviewer.review(p, budget=10.0)
    except ReviewTimeout:
        pytest.fail("long step notes took more than 10 s: a text pass is not linear")


def test_a_full_batch_from_an_idle_token_is_not_refused(store, keys):
    # the request's own lease held credits the batch's charge could not see: 46-50 packages were always 429
    client = TestClient(create_app(store))
    body = "[" + ",".join([CLEAN.decode("utf-8")] * 50) + "]"
    r = client.post("/v1/reviews:batch", content=body.encode("utf-8"), headers=keys["case_system"])
    assert r.status_code == 200 and len(r.json()["results"]) == 50


@pytest.mark.parametrize("body,says", [(b"[{}] x", "多余"), (b"[{}" + b",{}" * 49 + b",]", "多了")])
def test_batch_syntax_errors_say_what_is_wrong(store, keys, body, says):
    client = TestClient(create_app(store))
    r = client.post("/v1/reviews:batch", content=body, headers=keys["case_system"])
    assert r.status_code == 422 and says in r.json()["errors"][0]["detail_zh"]
