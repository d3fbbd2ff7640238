"""Our own small interface around durable_rules, so that no rule module can hit its sharp edges
(shared/notes/durable-rules.md):

* one ruleset per rulebook, built on a private ``Host`` and warmed once, at start, before any thread serves;
* one session (``sid``) per review, facts asserted one at a time (``assert_fact``, never ``post``), each with a
  unique ``id``; then one trigger fact; ``delete_state`` always runs (``finally``);
* a fact no rule matches is normal (``MessageNotHandledException`` is expected and ignored); facts go to the C engine
  directly, as ``Host.assert_fact`` would send them but encoded once (``_assert_direct``; the host path stays as the
  reference and the fallback);
* an exception inside an action is caught in our wrapper and raised as ``EngineError`` naming the rule —
  never a half-finished report that looks clean; the session's ``exception`` key is checked as a backstop;
* the C layer has no locks: sessions run one at a time per process (a lock), so the number of live sessions
  stays far below the ~1,023 cap; scale with processes, not threads.
"""
from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass
from typing import Iterable

import durable.lang as durable_lang
from durable import engine as durable_engine
from durable.lang import m, ruleset, when_all

from review_assistant.engine.rulebook import Rule, Rulebook

TRIGGER = "__evaluate__"


class EngineError(Exception):
    """The engine could not finish a review; names the rule where possible."""

    def __init__(self, message: str, rule_id: str | None = None):
        self.rule_id = rule_id
        super().__init__(f"{rule_id}: {message}" if rule_id else message)


@dataclass(frozen=True)
class Hit:
    rule: Rule
    fact: dict


def _engine_values(fact: dict) -> dict:
    """durable_rules' JSON reader rejects exponent notation (1e+16, 1e-05) and inf: whole-number floats go in as
    ints, others rounded to the cent — facts carry money and counts, never finer quantities."""
    out = {}
    for key, value in fact.items():
        if isinstance(value, float):
            value = int(value) if value.is_integer() else round(value, 2)
        out[key] = value
    return out


class Engine:
    _names = itertools.count()

    def __init__(self, rulebook: Rulebook):
        self.rulebook = rulebook
        self._name = f"review_{rulebook.version}_{next(self._names)}"
        self._hits: dict[str, list[Hit]] = {}
        self._errors: dict[str, EngineError] = {}
        self._done: set[str] = set()
        self._lock = threading.Lock()
        self._sids = itertools.count()
        definition = ruleset(self._name)
        with definition:
            for r in rulebook.rules:
                cond = m.kind == r.fact_kind
                if r.condition is not None:
                    extra = r.condition(m)
                    if extra is not None:
                        cond = cond & extra
                when_all(cond)(self._action(r))
            when_all(m.kind == TRIGGER)(self._on_trigger)
        # keep the ruleset off durable's global host: it lives on our own Host
        durable_lang._rulesets.pop(self._name, None)
        full_name, ruleset_definition = definition.define()
        self._host = durable_engine.Host()
        self._host.register_rulesets({full_name: ruleset_definition})
        self.run([{"kind": "__warmup__", "where": ""}])  # creates the C handle before threads arrive
        self._ruleset = self._host.get_ruleset(self._name)
        self._direct = hasattr(self._ruleset, "_handle") and hasattr(self._ruleset, "do_actions")

    def _action(self, r: Rule):
        def action(c):
            sid = c.s.sid
            try:
                fact = {k: v for k, v in c.m.items() if k not in ("sid", "id")}
                self._hits[sid].append(Hit(r, fact))
            except Exception as exc:  # noqa: BLE001 — reported below, never swallowed
                self._errors[sid] = EngineError(f"action failed: {exc!r}", r.id)
        action.__name__ = r.id.replace("-", "_")
        return action

    def _on_trigger(self, c):
        self._done.add(c.s.sid)

    def run(self, facts: Iterable[dict]) -> list[Hit]:
        """Run one review session over ``facts`` and return the rules that fired, with their facts."""
        with self._lock:
            sid = str(next(self._sids))
            self._hits[sid] = []
            try:
                for number, fact in enumerate(facts):
                    self._assert(sid, {**_engine_values(fact), "sid": sid, "id": f"f{number}"})
                self._assert(sid, {"kind": TRIGGER, "sid": sid, "id": "trigger"})
                if sid in self._errors:
                    raise self._errors[sid]
                if sid not in self._done:
                    raise EngineError("trigger fact was not processed; the session is incomplete")
                return self._hits[sid]
            finally:
                self._hits.pop(sid, None)
                self._errors.pop(sid, None)
                self._done.discard(sid)
                try:
                    self._host.delete_state(self._name, sid)
                except Exception:  # noqa: BLE001 — a session that never got state has nothing to delete
                    pass

    def _assert(self, sid: str, fact: dict) -> None:
        state = self._assert_direct(fact) if getattr(self, "_direct", False) else self._assert_by_host(fact)
        if isinstance(state, dict) and state.get("exception"):
            raise EngineError(f"action raised: {state['exception'][:500]}")

    def _assert_by_host(self, fact: dict):
        try:
            return self._host.assert_fact(self._name, fact)
        except durable_engine.MessageNotHandledException:
            return None  # no rule is interested in this fact: normal
        except durable_engine.MessageObservedException:
            raise EngineError(f"duplicate fact id {fact['id']}") from None

    def _assert_direct(self, fact: dict):
        """What ``Host.assert_fact`` does (durable 2.0.28, engine.py: ``_handle_function`` → ``Ruleset.assert_fact`` →
        ``_handle_result`` → ``do_actions``), without its layers: the fact JSON-encoded once — the "not handled"
        exception durable raises for nearly half our facts encodes the fact a second time just for its message."""
        code, *rest = durable_engine.durable_rules_engine.assert_fact(self._ruleset._handle,
                                                                      json.dumps(fact, ensure_ascii=False))
        if code == 1:
            return None  # no rule is interested in this fact: normal
        if code == 2:
            raise EngineError(f"duplicate fact id {fact['id']}")
        outcome: list = [None, None]

        def complete(error, state):
            outcome[0], outcome[1] = error, state

        self._ruleset.do_actions(0 if code == 3 else rest[0], complete)
        if outcome[0]:
            raise outcome[0]
        return outcome[1]
