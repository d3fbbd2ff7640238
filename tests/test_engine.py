"""The engine wrapper: sharp edges of durable_rules cannot be hit from a rule module or a caller."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from review_assistant.engine.casebook import EXAMPLES, build, rule_cases
from review_assistant.engine.durable import Engine, EngineError
from review_assistant.engine.rulebook import load_rulebook

PACKAGES = [(EXAMPLES / f"{n}.json").read_bytes() for n in
            ("food-safety-major-clean", "market-regulation-flawed", "incomplete-package", "urban-management-township")]
PACKAGES += [build(case) for _, case in rule_cases()[:40]]


def comparable(report):
    """A report minus what differs between two runs by design (its id and timestamp)."""
    return report.model_dump(mode="json", exclude={"review_id", "reviewed_at"})


def test_eight_threads_give_exactly_the_serial_reports(reviewer):
    jobs = [PACKAGES[i % len(PACKAGES)] for i in range(8 * 200)]
    serial = [comparable(reviewer.review(p)) for p in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda p: comparable(reviewer.review(p)), jobs))
    assert threaded == serial


def test_sessions_are_deleted_so_the_session_cap_is_never_reached(reviewer):
    # durable_rules fails after about 1,023 live sessions per ruleset; 1,500 reviews must run clean
    for _ in range(1500):
        reviewer.review(PACKAGES[1])
    assert reviewer.engine._hits == {}


def test_facts_that_no_rule_matches_are_normal(reviewer):
    hits = reviewer.engine.run([{"kind": "nobody.cares", "where": "/x"}, {"kind": "nobody.cares", "where": "/y"}])
    assert hits == []


def test_an_exception_in_an_action_becomes_an_engine_error_naming_the_rule(reviewer):
    engine = reviewer.engine

    class Exploding(dict):
        def __setitem__(self, key, value):
            super().__setitem__(key, ExplodingList())

    class ExplodingList(list):
        def append(self, item):
            raise RuntimeError("boom")

    original = engine._hits
    engine._hits = Exploding()
    try:
        with pytest.raises(EngineError) as err:
            engine.run([{"kind": "officer.invalid", "where": "/steps/0/officers/0", "name": "x", "cert_no": "1",
                         "step_label": "询问", "date": "2025-01-01", "reason": "r"}])
    finally:
        engine._hits = original
    assert err.value.rule_id == "OFF-002"
    # the engine is still usable afterwards
    assert reviewer.review(PACKAGES[0]).conclusion == "approve"


def test_a_second_engine_for_the_same_rules_coexists():
    rulebook = load_rulebook()
    first, second = Engine(rulebook), Engine(rulebook)
    fact = {"kind": "procedure.notice_pending", "where": "/steps"}
    assert [h.rule.id for h in first.run([fact])] == [h.rule.id for h in second.run([fact])] == ["PRO-003"]


def test_the_direct_path_fires_exactly_what_the_host_path_fires(reviewer):
    """Facts go to the C engine directly (encoded once); durable's own Host path is the reference: on every rule case
    and example, the same rules fire on the same facts, in the same order."""
    from review_assistant.case.inputs import parse_package
    from review_assistant.engine.context import CaseContext

    engine = reviewer.engine
    assert engine._direct
    cases = [(EXAMPLES / f"{n}.json").read_bytes() for n in
             ("food-safety-major-clean", "market-regulation-flawed", "incomplete-package", "urban-management-township")]
    cases += [build(case) for _, case in rule_cases()]
    fired = 0
    try:
        for raw in cases:
            pkg = parse_package(raw)
            ctx = CaseContext(pkg, reviewer.catalogs, pkg.submitted_on)
            facts = [f for m in reviewer.rulebook.modules for f in m.facts(ctx)]
            engine._direct = True
            direct = [(h.rule.id, h.fact) for h in engine.run(facts)]
            engine._direct = False
            by_host = [(h.rule.id, h.fact) for h in engine.run(facts)]
            assert direct == by_host
            fired += len(direct)
    finally:
        engine._direct = True
    assert fired > 300


def test_one_batch_reads_past_a_fact_no_rule_matches_and_keeps_the_fact_order(reviewer):
    """The direct path sends a review's facts in one call: the C engine reads on past a fact no rule matches, and queues
    one rule's firings last fact first; they come back in fact order, as the host path fires them."""
    facts = [{"kind": "procedure.notice_pending", "where": "/a"}, {"kind": "nobody.cares", "where": "/x"},
             {"kind": "procedure.notice_pending", "where": "/b"}, {"kind": "procedure.notice_pending", "where": "/c"}]
    assert reviewer.engine._direct
    assert [(h.rule.id, h.fact["where"]) for h in reviewer.engine.run(facts)] == [
        ("PRO-003", "/a"), ("PRO-003", "/b"), ("PRO-003", "/c")]
    assert reviewer.engine._host._ruleset_list == []  # the host's background threads have no session of ours to poll


def test_the_report_rows_are_built_as_model_construct_would_build_them(reviewer):
    """Findings and checklist rows skip model_construct's per-field alias and default look-ups: the same instances."""
    from review_assistant.case.models.report import ChecklistRow, Finding
    from review_assistant.engine.review import _trusted

    for report in (reviewer.review(p) for p in PACKAGES[:20]):
        for row in [*report.findings, *report.checklist]:
            values = {name: getattr(row, name) for name in type(row).model_fields}
            ref = type(row).model_construct(**values)
            built = _trusted(type(row), **values)
            assert built == ref and repr(built) == repr(ref) and built.model_dump() == ref.model_dump()
            assert built.model_fields_set == ref.model_fields_set
            assert (built.__pydantic_extra__, built.__pydantic_private__) == (ref.__pydantic_extra__, ref.__pydantic_private__)
            assert type(row) in (Finding, ChecklistRow)
