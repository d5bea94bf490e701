"""Fixtures of the matters pages' tests: data made through the services only, evidence in a fresh folder."""

import pytest

from tests.matters.helpers import World, build_world


@pytest.fixture
def world(alpha, media_root) -> World:
    return build_world(alpha)
