"""review-assistant: rules-based legal review (法制审核辅助) of administrative enforcement case packages."""
__version__ = "0.1.0"

from review_assistant.catalog.loader import CatalogError, load_catalogs  # noqa: E402
from review_assistant.engine.durable import EngineError  # noqa: E402
from review_assistant.case.inputs import InputError  # noqa: E402
from review_assistant.case.models import CasePackage, Report  # noqa: E402
from review_assistant.engine.review import Reviewer, review  # noqa: E402

__all__ = ["review", "Reviewer", "CasePackage", "Report", "InputError", "CatalogError", "EngineError",
           "load_catalogs", "__version__"]
