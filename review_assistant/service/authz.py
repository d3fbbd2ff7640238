"""Who may do what — one table for the API and the web workspace, so the two surfaces can never disagree.

case_system  submits packages and reads its own reviews and case histories;
reviewer     submits, reads every review, decides on findings;
trainer      reads rules, catalogs, the schema; runs and scores teaching cases; adds teaching cases, sees results;
admin        everything, tokens.
Everyone signed in may read rules and catalogs and do the teaching exercises.
"""
from __future__ import annotations

ACTIONS: dict[str, frozenset[str]] = {
    "submit": frozenset({"case_system", "reviewer"}),
    "read_reviews": frozenset({"case_system", "reviewer"}),  # a case system: its own only
    "decide": frozenset({"reviewer"}),
    "history": frozenset({"case_system", "reviewer"}),
    "teaching_admin": frozenset({"trainer"}),  # add teaching cases, see trainees' results
    "manage": frozenset(),  # tokens: admin only
}


def allowed(role: str, action: str) -> bool:
    return role == "admin" or role in ACTIONS[action]


def sees_all_reviews(role: str) -> bool:
    """Whether the role reads every case system's reviews (a case system reads only its own)."""
    return role in ("reviewer", "admin")
