import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with no cached reference data and no anonymous-throttle history."""
    cache.clear()
    yield
    cache.clear()
