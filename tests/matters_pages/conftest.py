"""Fixtures of the matters pages' tests: data made through the services only, evidence in a fresh folder."""

import pytest

from tests.matters.helpers import (  # noqa: F401  (re-exported for the page tests)
    PDF_BYTES,
    World,
    build_world,
    make_client,
    make_debtor,
    make_mandate,
    make_matter,
    valid_resident_id,
    valid_uscc,
)


@pytest.fixture
def world(alpha, media_root) -> World:
    return build_world(alpha)
