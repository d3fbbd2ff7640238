import pytest

from review_assistant.review import get_reviewer


@pytest.fixture(scope="session")
def reviewer():
    """The real reviewer: bundled rules, bundled catalogs, durable_rules engine — built once."""
    return get_reviewer()
