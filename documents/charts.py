"""Charts as SVG drawn on the server: the one module the PDFs and (later) the client portal share.

Pure functions over ``Decimal`` and ``date``: no Django, no JavaScript, no float in the data (coordinates are
computed in float only at the end, for drawing). Text is escaped; the output is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
BAR = "#1f3a5f"
LINE = "#c0392b"
GRID = "#d9dde3"
TEXT = "#333"


@dataclass(frozen=True)
class MonthPoint:
    month: date  # the first day of the month
    amount: Decimal  # recovered in that month


def month_start(value: date) -> date:
    return value.replace(day=1)


def add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def monthly_series(payments: Iterable[tuple[date, Decimal]], *, last_month: date, months: int = 12) -> list[MonthPoint]:
    """Sums of (date, amount) per month for the ``months`` months ending with ``last_month`` (zeros included)."""
    first = add_months(month_start(last_month), -(months - 1))
    totals = {add_months(first, i): Decimal("0.00") for i in range(months)}
    for day, amount in payments:
        key = month_start(day)
        if key in totals:
            totals[key] += amount
    return [MonthPoint(month, totals[month]) for month in sorted(totals)]


def _nice_ceiling(value: Decimal) -> Decimal:
    if value <= 0:
        return Decimal("1")
    exponent = len(str(int(value))) - 1
    step = Decimal(10) ** exponent
    for factor in (1, 2, 2.5, 5, 10):
        ceiling = step * Decimal(str(factor))
        if ceiling >= value:
            return ceiling
    return step * 10


def _short_amount(value: Decimal) -> str:
    if value >= 100_000_000:
        return f"{(value / 100_000_000).normalize():f}亿"
    if value >= 10_000:
        return f"{(value / 10_000).quantize(Decimal('0.1')).normalize():f}万"
    return f"{value.quantize(Decimal('1')):f}"


def recoveries_chart(points: Sequence[MonthPoint], *, claimed: Decimal | None = None, width: int = 640,
                     height: int = 240, title: str = "回款情况（按月）") -> str:
    """Bars of monthly recoveries and a line of the cumulative total (right axis), as an inline SVG string."""
    left, right, top, bottom = 56, 56, 28, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    count = max(len(points), 1)
    monthly_max = _nice_ceiling(max((p.amount for p in points), default=Decimal("0")))
    cumulative, running = [], Decimal("0")
    for point in points:
        running += point.amount
        cumulative.append(running)
    cumulative_cap = max(running, claimed or Decimal("0"))
    cumulative_max = _nice_ceiling(cumulative_cap)

    def y_of(value: Decimal, maximum: Decimal) -> float:
        return top + plot_h - float(value / maximum) * plot_h

    slot = plot_w / count
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" font-family="{FONT}" font-size="10">',
        f'<text x="{left}" y="16" font-size="12" fill="{TEXT}">{escape(title)}</text>',
    ]
    for i in range(5):
        fraction = Decimal(i) / 4
        y = top + plot_h - float(fraction) * plot_h
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}" '
                     f'stroke-width="0.6"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end" fill="{TEXT}">'
                     f'{escape(_short_amount(monthly_max * fraction))}</text>')
        parts.append(f'<text x="{left + plot_w + 4}" y="{y + 3:.1f}" fill="{LINE}">'
                     f'{escape(_short_amount(cumulative_max * fraction))}</text>')
    for index, point in enumerate(points):
        x = left + index * slot
        bar_h = float(point.amount / monthly_max) * plot_h if monthly_max else 0
        parts.append(f'<rect x="{x + slot * 0.18:.1f}" y="{top + plot_h - bar_h:.1f}" width="{slot * 0.64:.1f}" '
                     f'height="{bar_h:.1f}" fill="{BAR}"><title>{point.month:%Y-%m}：{point.amount:,.2f}元</title></rect>')
        parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" fill="{TEXT}">'
                     f'{point.month.year % 100:02d}/{point.month.month:02d}</text>')
    if points:
        coords = " ".join(f"{left + (i + 0.5) * slot:.1f},{y_of(v, cumulative_max):.1f}" for i, v in enumerate(cumulative))
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{LINE}" stroke-width="1.6"/>')
    if claimed:
        y = y_of(claimed, cumulative_max)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{LINE}" '
                     f'stroke-dasharray="4 3" stroke-width="0.8"/>')
        parts.append(f'<text x="{left + plot_w - 2}" y="{y - 3:.1f}" text-anchor="end" fill="{LINE}">'
                     f'主张金额 {escape(_short_amount(claimed))}</text>')
    parts.append(f'<text x="{left}" y="{height - 4}" fill="{TEXT}">■ 当月回款（左轴，元）</text>')
    parts.append(f'<text x="{left + 150}" y="{height - 4}" fill="{LINE}">— 累计回款（右轴，元）</text>')
    parts.append("</svg>")
    return "".join(parts)
