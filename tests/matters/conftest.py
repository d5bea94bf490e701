"""Fixtures of the matters tests: one of everything in a firm, made through the services."""
import pytest

from tests.matters.helpers import PDF_BYTES, World, build_world  # noqa: F401  (used by the tests)


@pytest.fixture
def alpha_world(alpha, media_root) -> World:
    return build_world(alpha)
