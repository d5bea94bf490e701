"""The calculators read amounts as every other entry point does (the shared table of tests/core/helpers.py):
the API and the page form alike."""

from urllib.parse import quote

import pytest

from calculators.forms import RmbForm
from tests.core.helpers import ACCEPTED_AMOUNTS, REFUSED_AMOUNTS

pytestmark = pytest.mark.django_db

URL = "/api/v1/calculators/rmb-uppercase/"


@pytest.mark.parametrize(("text", "expected"), ACCEPTED_AMOUNTS)
def test_accepted_amounts_in_the_api_and_the_page(platform_client, text, expected):
    response = platform_client.get(f"{URL}?amount={quote(text)}")
    assert response.status_code == 200, response.content
    assert response.json()["amount"] == f"{expected:.2f}"
    form = RmbForm({"amount": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == expected


@pytest.mark.parametrize("text", REFUSED_AMOUNTS)
def test_refused_amounts_in_the_api_and_the_page(platform_client, text):
    response = platform_client.get(f"{URL}?amount={quote(text)}")
    assert response.status_code == 400, response.content
    assert response.json()["fields"]["amount"][0].startswith("金额")
    form = RmbForm({"amount": text})
    assert not form.is_valid() and form.errors["amount"][0].startswith("金额")
