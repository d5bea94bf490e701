"""Reading the official announcements that update the reference data, as a platform admin pastes them.

- The People's Bank's monthly LPR announcement: "2025年5月20日贷款市场报价利率（LPR）为：1年期LPR为3.0%，5年期以上LPR
  为3.5%。" Full-width digits and signs, "一年期"/"五年期以上" and ISO dates (2025-05-20) are accepted too.
- The State Council's yearly holiday notice (国务院办公厅关于某年部分节假日安排的通知): each clause that ends in 放假
  gives a holiday range ("春节：2月15日（周日）至23日（周一）放假调休，共9天"), each clause that ends in 上班 the
  make-up working days it lists ("2月14日（周六）、2月28日（周六）上班"). Parenthesised weekday and lunar dates are
  ignored; a range may cross into the next month ("4月30日至5月4日"). ISO dates work as well
  ("2027-02-06 至 2027-02-12 放假", "2027-02-14 上班").

Pure parsing: nothing here touches the database; a :class:`AnnouncementError` carries the Chinese message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

LPR_FIRST_DAY = date(2019, 8, 20)  # 中国人民银行公告〔2019〕第15号: the reformed LPR from this day
MAX_HOLIDAY_DAYS = 15  # the longest official break so far is 9 days; more is a misreading


class AnnouncementError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _normalise(text: str) -> str:
    """Full-width digits, letters and signs to ASCII (NFKC), so "３．０％" reads as "3.0%"."""
    return unicodedata.normalize("NFKC", text or "")


# --- LPR ----------------------------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_RATE = r"\s*(?:LPR|贷款市场报价利率)?\s*(?:\(LPR\))?\s*(?:为|是|:|=)?\s*(\d{1,2}(?:\.\d{1,4})?)\s*%"
_ONE_YEAR = re.compile(r"(?:1|一)\s*年期(?!以上)" + _RATE, re.IGNORECASE)
_FIVE_YEAR = re.compile(r"(?:5|五)\s*年期以上" + _RATE, re.IGNORECASE)


@dataclass(frozen=True)
class LprAnnouncement:
    published_on: date
    one_year: Decimal
    five_year: Decimal | None


def _rate(text: str, label: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise AnnouncementError(f"{label}“{text}”不是有效的百分比。") from None
    if not Decimal("0") < value < Decimal("100"):
        raise AnnouncementError(f"{label}{value}%超出合理范围。")
    return value.quantize(Decimal("0.01"))


def _iso_or_cn_date(match: re.Match) -> date:
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise AnnouncementError(f"“{match.group(0)}”不是有效的日期。") from None


def parse_lpr_announcement(text: str, *, today: date) -> LprAnnouncement:
    """The publication date, 1-year and (if given) 5-year-plus rates of one LPR announcement."""
    text = _normalise(text)
    if not text.strip():
        raise AnnouncementError("请粘贴LPR公告的内容。")
    found_date = _DATE.search(text)
    if not found_date:
        raise AnnouncementError("未找到公布日期（例如“2025年5月20日”）。")
    published_on = _iso_or_cn_date(found_date)
    one_year = _ONE_YEAR.search(text)
    if not one_year:
        raise AnnouncementError("未找到1年期LPR（例如“1年期LPR为3.0%”）。")
    five_year = _FIVE_YEAR.search(text)
    announcement = LprAnnouncement(
        published_on=published_on,
        one_year=_rate(one_year.group(1), "1年期LPR"),
        five_year=_rate(five_year.group(1), "5年期以上LPR") if five_year else None,
    )
    check_lpr(announcement, today=today)
    return announcement


def check_lpr(announcement: LprAnnouncement, *, today: date) -> None:
    if announcement.published_on < LPR_FIRST_DAY:
        raise AnnouncementError(f"公布日期早于LPR改革实施日{LPR_FIRST_DAY.isoformat()}。")
    if announcement.published_on > today:
        raise AnnouncementError(f"公布日期{announcement.published_on.isoformat()}晚于今天，尚未公布。")
    if announcement.five_year is not None and announcement.five_year < announcement.one_year:
        raise AnnouncementError("5年期以上LPR低于1年期LPR，请检查是否填反。")


# --- Holidays -----------------------------------------------------------------------------------------------

_PARENTHESES = re.compile(r"[(（][^()（）]*[)）]")
_CLAUSES = re.compile(r"[。;；\n]+")
# A day: optional year, then month and day ("2月15日", "2027年2月15日", "2027-02-15", "2/15").
_DAY = r"(?:(\d{4})\s*[年\-/.]\s*)?(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?"
_RANGE = re.compile(_DAY + r"(?:\s*(?:至|到|-|~|—|–)\s*(?:(\d{4})\s*[年\-/.]\s*)?(?:(\d{1,2})\s*[月\-/.]\s*)?"
                    r"(\d{1,2})\s*日?)?")
_ONE_DAY = re.compile(_DAY)
_NAME = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|\d+\s*[、.])?\s*([^\d:：,，]{1,10}?)\s*[:：]")


@dataclass(frozen=True)
class HolidayNotice:
    year: int
    holidays: dict[date, str]  # day → the holiday's name
    workdays: tuple[date, ...]


def _day(year_text: str | None, month: int, day: int, year: int, source: str) -> date:
    try:
        return date(int(year_text) if year_text else year, month, day)
    except ValueError:
        raise AnnouncementError(f"“{source}”中的日期无效。") from None


def parse_holiday_notice(text: str, *, year: int) -> HolidayNotice:
    """Holidays (with names) and make-up working days of ``year`` from the notice's text."""
    text = _normalise(text)
    if not text.strip():
        raise AnnouncementError("请粘贴放假安排的内容。")
    holidays: dict[date, str] = {}
    workdays: set[date] = set()
    for raw in _CLAUSES.split(text):
        clause = _PARENTHESES.sub("", raw).strip()
        if not clause:
            continue
        name_match = _NAME.match(clause)
        name = name_match.group(1).strip() if name_match else ""
        body = clause[name_match.end():] if name_match else clause
        if "放假" in body or "休息" in body:
            match = _RANGE.search(body)
            if not match:
                raise AnnouncementError(f"“{raw.strip()}”中没有找到放假日期。")
            first_year, first_month, first_day, last_year, last_month, last_day = match.groups()
            first = _day(first_year, int(first_month), int(first_day), year, raw.strip())
            if last_day:
                month = int(last_month) if last_month else first.month
                end_year = int(last_year) if last_year else (first.year + 1 if month < first.month else first.year)
                last = _day(str(end_year), month, int(last_day), year, raw.strip())
            else:
                last = first
            if last < first:
                raise AnnouncementError(f"“{raw.strip()}”的结束日早于开始日。")
            if (last - first).days >= MAX_HOLIDAY_DAYS:
                raise AnnouncementError(f"“{raw.strip()}”放假超过{MAX_HOLIDAY_DAYS}天，请检查。")
            day = first
            while day <= last:
                holidays[day] = name or "法定节假日"
                day += timedelta(days=1)
        elif "上班" in body:
            found = list(_ONE_DAY.finditer(body))
            if not found:
                raise AnnouncementError(f"“{raw.strip()}”中没有找到上班日期。")
            for match in found:
                year_text, month, day = match.groups()
                workdays.add(_day(year_text, int(month), int(day), year, raw.strip()))
    if not holidays:
        raise AnnouncementError("没有读到任何放假日期：每一项应写明“…至…放假”。")
    for day in sorted(holidays):
        if day.year != year:
            raise AnnouncementError(f"放假日期{day.isoformat()}不在{year}年。")
    for day in sorted(workdays):
        if day.year != year:
            raise AnnouncementError(f"上班日期{day.isoformat()}不在{year}年。")
        if day in holidays:
            raise AnnouncementError(f"{day.isoformat()}同时被列为放假日和上班日。")
        if day.weekday() < 5:
            raise AnnouncementError(f"调休上班日{day.isoformat()}不是周末，请检查。")
    return HolidayNotice(year=year, holidays=holidays, workdays=tuple(sorted(workdays)))
