"""Entering the official announcements in the platform admin: the LPR announcement and the yearly holiday notice,
pasted as published; bad input gets a clear error, a non-admin is refused, and stored figures follow."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from accounts.models import User
from calculators.announcements import AnnouncementError, parse_holiday_notice, parse_lpr_announcement
from calculators.models import CalendarDay, HolidayYear, LprRate
from calculators.selectors import holiday_calendar, lpr_table
from matters.models import Matter
from tests.matters.helpers import make_matter

pytestmark = pytest.mark.django_db

LPR_URL = "/admin/calculators/lprrate/announcement/"
HOLIDAY_URL = "/admin/calculators/holidayyear/announcement/"
PBOC = ("中国人民银行授权全国银行间同业拆借中心公布，2026年11月20日贷款市场报价利率（LPR）为：1年期LPR为2.9%，"
        "5年期以上LPR为3.4%。以上LPR在下一次发布LPR之前有效。")
NOTICE_2027 = """一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（农历腊月三十、周六）至12日（农历正月初六、周五）放假调休，共7天。2月14日（周日）、2月20日（周六）上班。
三、劳动节：4月30日至5月4日放假调休，共5天。5月8日（周六）上班。
四、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。10月9日（周六）上班。"""


def platform_admin():
    connection.set_schema_to_public()
    admin = User.objects.create_superuser("root@platform.test", "Root-Password-2026")
    browser = Client(HTTP_HOST="localhost")
    browser.force_login(admin)
    return browser


def test_the_parsers_read_the_texts_as_published_and_say_what_is_wrong():
    parsed = parse_lpr_announcement("２０２６年１１月２０日　一年期LPR：３．０％", today=date(2026, 12, 1))
    assert (parsed.published_on, parsed.one_year, parsed.five_year) == (date(2026, 11, 20), Decimal("3.00"), None)
    for text, message in [("", "请粘贴"), ("1年期LPR为3.0%", "公布日期"), ("2026年11月20日 5年期以上LPR为3.5%", "1年期"),
                          ("2027年1月20日 1年期LPR为3.0%", "晚于今天"), ("2019年1月20日 1年期LPR为4.3%", "早于"),
                          ("2026年2月30日 1年期LPR为3.0%", "不是有效的日期")]:
        with pytest.raises(AnnouncementError) as caught:
            parse_lpr_announcement(text, today=date(2026, 12, 1))
        assert message in caught.value.message, text
    notice = parse_holiday_notice(NOTICE_2027, year=2027)
    assert len(notice.holidays) == 3 + 7 + 5 + 7
    assert notice.holidays[date(2027, 5, 1)] == "劳动节"
    assert notice.workdays == (date(2027, 2, 14), date(2027, 2, 20), date(2027, 5, 8), date(2027, 10, 9))
    iso = parse_holiday_notice("2027-02-06 至 2027-02-12 放假\n2027-02-14 上班", year=2027)
    assert len(iso.holidays) == 7 and iso.workdays == (date(2027, 2, 14),)
    for text, message in [("春节：2027年2月6日至12日放假", "不在2026年"), ("国庆：10月8日（周五）上班", "没有读到"),
                          ("国庆：10月1日至7日放假。10月8日上班", "不是周末"), ("春节：2月6日至3月12日放假", "超过"),
                          ("国庆：10月1日至7日放假。10月2日上班", "同时被列为")]:
        with pytest.raises(AnnouncementError) as caught:
            parse_holiday_notice(text, year=2026 if "不在" in message else 2027)
        assert message in caught.value.message, text


def test_pasting_an_lpr_announcement_adds_the_publication_and_refreshes_stored_figures(
        alpha, django_capture_on_commit_callbacks):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2025, 12, 31), interest_type="lpr",
                             lpr_multiplier=Decimal("1"))
        before = Matter.objects.get(pk=matter.pk).outstanding
    browser = platform_admin()
    assert browser.get("/admin/calculators/lprrate/").content.decode().count(LPR_URL) == 1
    form = browser.get(LPR_URL)
    assert form.status_code == 200 and "公告原文" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(LPR_URL, {"announcement": PBOC})
    assert response.status_code == 302
    row = LprRate.objects.get(effective_from=date(2026, 11, 20))
    assert (row.rate, row.rate_five_year) == (Decimal("2.90"), Decimal("3.40"))
    assert lpr_table().newest == (date(2026, 11, 20), Decimal("2.90"))  # the cached copy was dropped
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=matter.pk).outstanding < before  # 2.9% from 2026-11-20 on
    # separate fields work too, and a second entry of the same date corrects it
    response = browser.post(LPR_URL, {"published_on": "2026-11-20", "one_year": "3.00", "five_year": "3.50"})
    assert response.status_code == 302
    assert LprRate.objects.get(effective_from=date(2026, 11, 20)).rate == Decimal("3.00")


@pytest.mark.parametrize(("data", "message"), [
    ({"announcement": "今日LPR维持不变"}, "未找到公布日期"),
    ({"announcement": "2026年11月20日 1年期LPR为300%"}, "未找到1年期LPR"),
    ({"published_on": "2026-11-20"}, "请粘贴公告原文"),
    ({"published_on": "2026-11-20", "one_year": "3.5", "five_year": "3.0"}, "填反"),
    ({"published_on": "2026-13-01", "one_year": "3.0"}, "日期"),
])
def test_a_bad_lpr_announcement_is_refused_with_a_clear_error(data, message):
    browser = platform_admin()
    count = LprRate.objects.count()
    response = browser.post(LPR_URL, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert LprRate.objects.count() == count


def test_pasting_the_holiday_notice_covers_the_year_and_moves_deadlines(alpha, django_capture_on_commit_callbacks):
    # Three years from 2024-02-08 is Monday 2027-02-08: inside the 2027 Spring Festival break once it is known.
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2024, 2, 8))
        assert Matter.objects.get(pk=matter.pk).next_deadline_on == date(2027, 2, 8)
    browser = platform_admin()
    assert not holiday_calendar().covers(date(2027, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(HOLIDAY_URL, {"year": "2027", "note": "国办发明电〔2026〕1号", "notice": NOTICE_2027})
    assert response.status_code == 302
    assert HolidayYear.objects.get(year=2027).note == "国办发明电〔2026〕1号"
    assert CalendarDay.objects.filter(date__year=2027, kind="holiday").count() == 22
    assert holiday_calendar().covers(date(2027, 1, 1))
    with schema_context(alpha.firm.schema_name):
        # the break ends on Friday 02-12; Sunday 02-14 is a make-up working day
        assert Matter.objects.get(pk=matter.pk).next_deadline_on == date(2027, 2, 14)
    # entering the year again replaces its days
    browser.post(HOLIDAY_URL, {"year": "2027", "notice": "国庆节：10月1日至7日放假"})
    assert CalendarDay.objects.filter(date__year=2027).count() == 7


def test_a_bad_holiday_notice_is_refused_with_a_clear_error():
    browser = platform_admin()
    response = browser.post(HOLIDAY_URL, {"year": "2027", "notice": "春节期间照常营业"})
    assert response.status_code == 200 and "没有读到任何放假日期" in response.content.decode()
    response = browser.post(HOLIDAY_URL, {"year": "2027", "notice": "国庆节：10月1日至7日放假。10月8日上班"})
    assert "不是周末" in response.content.decode()
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_a_non_admin_is_refused(alpha):
    connection.set_schema_to_public()
    staff = User.objects.create_user("staff@platform.test", "Staff-Password-2026", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_lprrate"))
    browser = Client(HTTP_HOST="localhost")
    browser.force_login(staff)
    assert browser.get(LPR_URL).status_code == 403
    assert browser.post(HOLIDAY_URL, {"year": "2027", "notice": NOTICE_2027}).status_code == 403
    assert not HolidayYear.objects.filter(year=2027).exists()
    anonymous = Client(HTTP_HOST="localhost")
    assert anonymous.get(LPR_URL).status_code == 302  # to the admin login
    # on a firm's site there is no admin at all
    assert alpha.client(alpha.partner).get(LPR_URL).status_code == 404
