"""Seeds the LPR table (from rules.md) and the holiday calendar (from the chinese-calendar package)."""

from django.db import migrations

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def seed(apps, schema_editor):
    from chinese_calendar import constants

    from rules.lpr_seed import LPR_SEED

    LprRate = apps.get_model("calculators", "LprRate")
    HolidayYear = apps.get_model("calculators", "HolidayYear")
    CalendarDay = apps.get_model("calculators", "CalendarDay")

    LprRate.objects.bulk_create(
        [LprRate(effective_from=day, rate=rate) for day, rate in LPR_SEED], ignore_conflicts=True
    )
    days = [CalendarDay(date=day, kind="holiday", name=HOLIDAY_NAMES.get(name, name))
            for day, name in constants.holidays.items()]
    days += [CalendarDay(date=day, kind="workday", name=HOLIDAY_NAMES.get(name, name))
             for day, name in constants.workdays.items()]
    CalendarDay.objects.bulk_create(days, ignore_conflicts=True)
    years = sorted({day.year for day in constants.holidays} | {day.year for day in constants.workdays})
    HolidayYear.objects.bulk_create(
        [HolidayYear(year=year, note="国务院办公厅部分节假日安排通知（chinesecalendar 1.11.0）") for year in years],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    for model in ("LprRate", "HolidayYear", "CalendarDay"):
        apps.get_model("calculators", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("calculators", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
