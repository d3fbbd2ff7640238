"""Our own small interface around durable_rules, so that no rule module can hit its sharp edges
(shared/notes/durable-rules.md):

* one ruleset per rulebook, built on a private ``Host`` and warmed once, at start, before any thread serves;
* one session (``sid``) per review, facts asserted as facts (never ``post``), each with a unique ``id``; the trigger
  fact last; ``delete_state`` always runs (``finally``);
* a fact no rule matches is normal; the facts go to the C engine directly (``_run_direct``): one ``assert_facts`` call
  for the review, the trigger last in it, then the actions it queued run on this thread, in the order the host path
  fires them. durable's C engine reads the whole batch even past a fact no rule matches (it is durable's Python layer
  that raises and leaves the actions to a background thread); the engine sees only the fields some condition reads,
  the actions get the whole fact. The host path (``Host.assert_fact``, one fact at a time) stays as the reference and
  the fallback, and a test checks that both fire the same rules on the same facts in the same order;
* the host's background threads (which would run a pending action, or pulse timers, on a session of ours) are given
  no ruleset to poll: every action of a session runs inside ``run``;
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


_encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(…, ensure_ascii=False), its encoder made once

# values the JSON round trip through the engine gives back unchanged (a tuple would come back a list)
_SCALARS = (str, int, float, bool, type(None))


def _condition_fields(definition: dict) -> frozenset[str]:
    """Every fact field a rule condition of the ruleset ``definition`` reads (``{"kind": …}``, ``{"$lt": {"at_most":
    {"$m": "needed"}}}`` …): the rest of a fact matters to the actions only, never to which rules fire."""
    fields: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$m":
                    fields.add(value)
                elif not key.startswith("$"):
                    fields.add(key)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for rule in definition.values():
        for condition in [*rule.get("all", []), *rule.get("any", [])]:
            walk(list(condition.values()))  # {"m": …}: the key names the fact, not a field
    return frozenset(fields)


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
        self._read = _condition_fields(ruleset_definition) | {"kind"}
        self._host = durable_engine.Host()
        self._host.register_rulesets({full_name: ruleset_definition})
        self._host._ruleset_list.clear()  # the host's dispatch and timer threads poll this list: nothing of ours to poll
        self.run([{"kind": "__warmup__", "where": ""}])  # creates the C handle before threads arrive
        self._ruleset = self._host.get_ruleset(self._name)
        # rule name in the C engine (r_0, r_1 …) → our rule; None: the trigger
        self._rules = {name: getattr(promise._func, "rule", None) for name, promise in self._ruleset._actions.items()}
        self._direct = hasattr(self._ruleset, "_handle") and all(hasattr(durable_engine.durable_rules_engine, f) for f in (
            "assert_facts", "start_action_for_state", "complete_and_start_action"))

    def _action(self, r: Rule):
        def action(c):
            sid = c.s.sid
            try:
                fact = {k: v for k, v in c.m.items() if k not in ("sid", "id")}
                self._hits[sid].append(Hit(r, fact))
            except Exception as exc:  # noqa: BLE001 — reported below, never swallowed
                self._errors[sid] = EngineError(f"action failed: {exc!r}", r.id)
        action.__name__ = r.id.replace("-", "_")
        action.rule = r
        return action

    def _on_trigger(self, c):
        self._done.add(c.s.sid)

    def run(self, facts: Iterable[dict]) -> list[Hit]:
        """Run one review session over ``facts`` and return the rules that fired, with their facts."""
        with self._lock:
            sid = str(next(self._sids))
            self._hits[sid] = []
            try:
                if getattr(self, "_direct", False):
                    self._run_direct(sid, facts)
                else:
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

    def _run_direct(self, sid: str, facts: Iterable[dict]) -> None:
        """What the host path does, through durable's C API (durable 2.0.28: ``assert_facts``, then
        ``start_action_for_state`` / ``complete_and_start_action`` as ``Ruleset.do_actions`` calls them), without its
        layers: one JSON array for the review, of the fields conditions read; no closure, state parse or state update
        per action (no action of ours reads or writes the session state). The C engine queues actions by rule, the
        facts of one rule last first: they run here in fact order, each fact's rules in the engine's order, as the host
        path fires them."""
        engine = durable_engine.durable_rules_engine
        handle, read = self._ruleset._handle, self._read
        facts = list(facts)
        batch = [{**_engine_values({k: v for k, v in fact.items() if k in read}), "sid": sid, "id": f"f{number}"}
                 for number, fact in enumerate(facts)]
        batch.append({"kind": TRIGGER, "sid": sid, "id": "trigger"})
        code, state = engine.assert_facts(handle, _encode(batch))
        if code == 2:
            raise EngineError("duplicate fact id")  # cannot happen: ids are numbered per session
        fired = []  # (fact number, rule name)
        result = engine.start_action_for_state(handle, state) if code != 3 else None
        messages = result[1] if result else None
        while messages:
            (name, message), = json.loads(messages).items()
            if self._rules[name] is None:
                self._done.add(sid)  # the trigger
            else:
                fired.append((int(message["m"]["id"][1:]), name))
            messages = engine.complete_and_start_action(handle, state)
        fired.sort(key=lambda f: f[0])
        for number, name in fired:
            r = self._rules[name]
            try:
                self._hits[sid].append(Hit(r, _returned(_engine_values(facts[number]))))
            except Exception as exc:  # noqa: BLE001 — reported by run, never swallowed
                self._errors[sid] = EngineError(f"action failed: {exc!r}", r.id)

    def _assert(self, sid: str, fact: dict) -> None:
        state = self._assert_by_host(fact)
        if isinstance(state, dict) and state.get("exception"):
            raise EngineError(f"action raised: {state['exception'][:500]}")

    def _assert_by_host(self, fact: dict):
        try:
            return self._host.assert_fact(self._name, fact)
        except durable_engine.MessageNotHandledException:
            return None  # no rule is interested in this fact: normal
        except durable_engine.MessageObservedException:
            raise EngineError(f"duplicate fact id {fact['id']}") from None


def _returned(fact: dict) -> dict:
    """The fact as an action gets it back from the engine: through JSON (a tuple comes back a list), without the
    session's ``sid`` and ``id``."""
    if not all(type(v) in _SCALARS for v in fact.values()):
        fact = json.loads(_encode(fact))
    return {k: v for k, v in fact.items() if k not in ("sid", "id")}
