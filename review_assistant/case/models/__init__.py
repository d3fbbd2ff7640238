"""Frozen pydantic v2 models of the v1 contract: case package in, report out."""
from review_assistant.case.models.package import CasePackage
from review_assistant.case.models.report import ChecklistRow, Finding, MajorDetermination, Notice, Report, Versions

__all__ = ["CasePackage", "Report", "Finding", "ChecklistRow", "MajorDetermination", "Notice", "Versions"]
