"""The suite itself: it runs on a fixed day whatever the real date, and keeps its files out of the checkout."""

from datetime import date

import pytest
from django.conf import settings
from django.utils import timezone

from tests.support import ROOT, SUITE_NOW


def test_every_test_starts_at_the_suite_moment():
    assert timezone.localdate() == SUITE_NOW.date()
    assert date.today() == SUITE_NOW.date()
    assert abs((timezone.now() - SUITE_NOW).total_seconds()) < 60


@pytest.mark.real_clock
def test_a_real_clock_test_keeps_the_real_date():
    # The real day is unknown here; it can only be said that the pin is gone.
    assert abs((timezone.now() - SUITE_NOW).total_seconds()) > 60


def test_files_of_a_test_run_stay_out_of_the_checkout():
    assert not settings.MEDIA_ROOT.resolve().is_relative_to(ROOT)
