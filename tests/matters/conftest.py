"""Fixtures of the matters tests: one of everything in a firm, made through the services."""

import pytest

from tests.matters.helpers import World, build_world


@pytest.fixture
def alpha_world(alpha, media_root) -> World:
    return build_world(alpha)
