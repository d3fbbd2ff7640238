"""Close variants an independent review built against this stop's rule exceptions: each must fire, or stay silent, as
`tests/data/close_variants/expected.yaml` says (with the reason in Chinese). Real engine, catalogs and files."""
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parent / "data" / "close_variants"
EXPECTED = yaml.safe_load((DATA / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_close_variant(reviewer, name):
    case = EXPECTED[name]
    report = reviewer.review((DATA / f"{name}.json").read_bytes())
    found = {f.rule_id for f in report.findings}
    assert set(case.get("fires", ())) <= found, case["why"]
    assert not set(case.get("silent", ())) & found, case["why"]
