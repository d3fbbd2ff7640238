"""Our own small interface around durable_rules, so that no rule module can hit its sharp edges
(shared/notes/durable-rules.md):

* one ruleset per rulebook, built on a private ``Host`` and warmed once, at start, before any thread serves;
* one session (``sid``) per review, facts asserted one at a time (``assert_fact``, never ``post``), each with a
  unique ``id``; then one trigger fact; ``delete_state`` always runs (``finally``);
* a fact no rule matches is normal (``MessageNotHandledException`` is expected and ignored);
* an exception inside an action is caught in our wrapper and raised as ``EngineError`` naming the rule —
  never a half-finished report that looks clean; the session's ``exception`` key is checked as a backstop;
* the C layer has no locks: sessions run one at a time per process (a lock), so the number of live sessions
  stays far below the ~1,023 cap; scale with processes, not threads.
"""
from __future__ import annotations

import itertools
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
        try:
            state = self._host.assert_fact(self._name, fact)
        except durable_engine.MessageNotHandledException:
            return  # no rule is interested in this fact: normal
        except durable_engine.MessageObservedException:
            raise EngineError(f"duplicate fact id {fact['id']}") from None
        if isinstance(state, dict) and state.get("exception"):
            raise EngineError(f"action raised: {state['exception'][:500]}")
