import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from review_assistant.engine.review import get_reviewer
from tests.api_process import free_port


@pytest.fixture(scope="session")
def reviewer():
    """The real reviewer: bundled rules, bundled catalogs, durable_rules engine — built once."""
    return get_reviewer()


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server: $REVIEW_ASSISTANT_PG_URL, or a throwaway cluster started from the Debian binaries
    (.ci/run installs them). Outside CI the tests skip when neither is there; in CI they fail."""
    if os.environ.get("REVIEW_ASSISTANT_PG_URL"):
        yield os.environ["REVIEW_ASSISTANT_PG_URL"]
        return
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not bins:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries not installed (.ci/run installs the Debian package)")
        pytest.skip("no PostgreSQL here")
    bindir = bins[-1].parent
    data = Path(tempfile.mkdtemp(prefix="ra-pg-"))
    shutil.chown(data, "postgres") if os.geteuid() == 0 else None
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    port = free_port()
    subprocess.run(run_as + [str(bindir / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)
    subprocess.run(run_as + [str(bindir / "pg_ctl"), "-D", str(data / "db"), "-o", f"-p {port} -k {data} -h 127.0.0.1",
                             "-l", str(data / "log"), "-w", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(run_as + [str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)
