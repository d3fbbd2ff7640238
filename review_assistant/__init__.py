"""review-assistant: rules-based legal review (法制审核辅助) of administrative enforcement case packages."""
__version__ = "0.1.0"

from .catalog import CatalogError, load_catalogs  # noqa: E402
from .engine import EngineError  # noqa: E402
from .inputs import InputError  # noqa: E402
from .models import CasePackage, Report  # noqa: E402
from .review import Reviewer, review  # noqa: E402

__all__ = ["review", "Reviewer", "CasePackage", "Report", "InputError", "CatalogError", "EngineError",
           "load_catalogs", "__version__"]
