"""Issue 13: each reproduction of an attack is a test (resource exhaustion, the record, the web workspace, outputs a
package can poison, service correctness). Numbers refer to the issue's list."""
import io
import json
import struct
import zipfile

import pytest
from fastapi.testclient import TestClient

from review_assistant import limits
from review_assistant.batch import packages, run, safe_cell
from review_assistant.casebook import EXAMPLES, example
from review_assistant.records import RecordStore
from review_assistant.server import create_app

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
def test_a_chunked_body_over_the_limit_is_refused_before_authentication(store, path):
    client = TestClient(create_app(store))
    # a generator body is sent chunked, without Content-Length; no token at all
    r = client.post(path, content=chunks(limits.REQUEST_BYTES + 2 * limits.MIB))
    assert r.status_code == 413
    if path.startswith("/v1/"):
        assert r.headers["content-type"].startswith("application/problem+json")
        assert "请求体过大" in r.json()["title"]


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
    from review_assistant.casebook import ROOT

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
