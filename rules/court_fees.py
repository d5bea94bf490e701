"""Court fees under 《诉讼费用交纳办法》（国务院令第481号）.

- 案件受理费, 财产案件: 第十三条(一), cumulative over brackets of the amount claimed.
- 减半交纳: 第十五条 (以调解方式结案或者当事人申请撤诉) and 第十六条 (适用简易程序).
- 支付令申请费: 第十四条(三), 比照财产案件受理费标准的1/3交纳.
- 财产保全申请费: 第十四条(二): 30 yuan up to 1,000 or without an amount, 1% of the slice 1,000–100,000,
  0.5% of the slice above 100,000, at most 5,000 yuan.
- 申请执行费: 第十四条(一): 50 yuan up to 10,000, then 1.5% / 1% / 0.5% / 0.1%; 50–500 yuan per case
  without an amount. It is not paid in advance by the applicant (第二十条) and is borne by the judgment debtor
  (第三十八条).

Every bracket line is rounded to the fen half up and the fee is the sum of the lines, so the printed table adds
up. Lines below the bracket that holds the amount are whole yuan times round rates, hence exact; rounding only
ever happens in one line. Reductions (halving, one third) and the preservation cap appear as lines of their own
with a negative amount, so the lines still add up to the fee.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rules.errors import RuleInputError, require_money, to_cents

ZERO = Decimal("0")


@dataclass(frozen=True)
class BracketLine:
    """One line of a fee computation.

    ``kind`` is "flat" (a fixed amount for the first bracket), "bracket" (``rate`` × ``base``), "cap"
    (the statutory maximum: ``flat`` is the cap, ``base`` the uncapped fee) or "reduction" (``base`` is the
    full fee being reduced). For "cap" and "reduction" the ``amount`` is negative.
    """

    lower: Decimal
    upper: Decimal | None
    rate: Decimal | None
    flat: Decimal | None
    base: Decimal
    amount: Decimal
    kind: str = "bracket"
    label: str = ""


@dataclass(frozen=True)
class FeeResult:
    """A fee with the lines that produce it; ``amount`` is the input (None when there is no amount)."""

    amount: Decimal | None
    fee: Decimal
    lines: tuple[BracketLine, ...]
    note: str


@dataclass(frozen=True)
class _Bracket:
    lower: Decimal
    upper: Decimal | None
    rate: Decimal | None = None
    flat: Decimal | None = None


def _d(text: str) -> Decimal:
    return Decimal(text)


ACCEPTANCE_BRACKETS: tuple[_Bracket, ...] = (
    _Bracket(_d("0"), _d("10000"), flat=_d("50")),
    _Bracket(_d("10000"), _d("100000"), _d("0.025")),
    _Bracket(_d("100000"), _d("200000"), _d("0.02")),
    _Bracket(_d("200000"), _d("500000"), _d("0.015")),
    _Bracket(_d("500000"), _d("1000000"), _d("0.01")),
    _Bracket(_d("1000000"), _d("2000000"), _d("0.009")),
    _Bracket(_d("2000000"), _d("5000000"), _d("0.008")),
    _Bracket(_d("5000000"), _d("10000000"), _d("0.007")),
    _Bracket(_d("10000000"), _d("20000000"), _d("0.006")),
    _Bracket(_d("20000000"), None, _d("0.005")),
)

PRESERVATION_BRACKETS: tuple[_Bracket, ...] = (
    _Bracket(_d("0"), _d("1000"), flat=_d("30")),
    _Bracket(_d("1000"), _d("100000"), _d("0.01")),
    _Bracket(_d("100000"), None, _d("0.005")),
)
PRESERVATION_CAP = _d("5000.00")

EXECUTION_BRACKETS: tuple[_Bracket, ...] = (
    _Bracket(_d("0"), _d("10000"), flat=_d("50")),
    _Bracket(_d("10000"), _d("500000"), _d("0.015")),
    _Bracket(_d("500000"), _d("5000000"), _d("0.01")),
    _Bracket(_d("5000000"), _d("10000000"), _d("0.005")),
    _Bracket(_d("10000000"), None, _d("0.001")),
)
EXECUTION_FEE_WITHOUT_AMOUNT_MIN = _d("50")
EXECUTION_FEE_WITHOUT_AMOUNT_MAX = _d("500")


def _plain(value: Decimal) -> str:
    """Print a Decimal without trailing zeros or exponent: 2.5, 1, 200."""
    return f"{value.normalize():f}"


def _yuan_label(value: Decimal) -> str:
    """Write a bracket edge the way the statute does: 1万元, 10万元, 2000万元, 1000元."""
    if value >= 10000 and value % 10000 == 0:
        return f"{_plain(value / 10000)}万元"
    return f"{_plain(value)}元"


@cache  # brackets are module constants; building the labels is most of the work per call
def _bracket_label(bracket: _Bracket) -> str:
    if bracket.flat is not None:
        return f"{_bracket_range(bracket)}，每件{_plain(bracket.flat)}元"
    assert bracket.rate is not None
    return f"{_bracket_range(bracket)}，按{_plain(bracket.rate * 100)}%"


def _bracket_range(bracket: _Bracket) -> str:
    if bracket.upper is None:
        return f"超过{_yuan_label(bracket.lower)}的部分"
    if bracket.lower == 0:
        return f"不超过{_yuan_label(bracket.upper)}的部分"
    return f"超过{_yuan_label(bracket.lower)}至{_yuan_label(bracket.upper)}的部分"


def _bracket_lines(amount: Decimal, brackets: tuple[_Bracket, ...]) -> tuple[BracketLine, ...]:
    """Charge each slice of ``amount`` at its bracket's rate; the first (flat) bracket always applies."""
    lines: list[BracketLine] = []
    for bracket in brackets:
        if bracket.flat is not None:
            top = amount if bracket.upper is None else min(amount, bracket.upper)
            base = max(top - bracket.lower, ZERO)
            lines.append(
                BracketLine(
                    lower=bracket.lower,
                    upper=bracket.upper,
                    rate=None,
                    flat=bracket.flat,
                    base=to_cents(base),
                    amount=to_cents(bracket.flat),
                    kind="flat",
                    label=_bracket_label(bracket),
                )
            )
            continue
        if amount <= bracket.lower:
            break
        assert bracket.rate is not None
        top = amount if bracket.upper is None else min(amount, bracket.upper)
        base = top - bracket.lower
        lines.append(
            BracketLine(
                lower=bracket.lower,
                upper=bracket.upper,
                rate=bracket.rate,
                flat=None,
                base=to_cents(base),
                amount=to_cents(base * bracket.rate),
                kind="bracket",
                label=_bracket_label(bracket),
            )
        )
    return tuple(lines)


def _total(lines: tuple[BracketLine, ...]) -> Decimal:
    return to_cents(sum((line.amount for line in lines), ZERO))


def acceptance_fee(amount: Decimal) -> FeeResult:
    """案件受理费 for a property case on the amount claimed (第十三条(一))."""
    claimed = require_money(amount, "诉讼请求金额")
    lines = _bracket_lines(claimed, ACCEPTANCE_BRACKETS)
    return FeeResult(
        amount=claimed,
        fee=_total(lines),
        lines=lines,
        note="《诉讼费用交纳办法》第十三条(一)：财产案件按诉讼请求金额分段累计交纳案件受理费。",
    )


def _reduced(full: FeeResult, divisor: int, label: str, note: str) -> FeeResult:
    """Reduce a full fee to 1/divisor, shown as a negative line so that the lines still add up."""
    reduced = to_cents(full.fee / divisor)
    reduction = BracketLine(
        lower=ZERO,
        upper=None,
        rate=None,
        flat=None,
        base=full.fee,
        amount=reduced - full.fee,
        kind="reduction",
        label=label,
    )
    return FeeResult(amount=full.amount, fee=reduced, lines=(*full.lines, reduction), note=note)


def acceptance_fee_halved(amount: Decimal) -> FeeResult:
    """Halved 案件受理费: mediation or withdrawal (第十五条), summary procedure (第十六条)."""
    full = acceptance_fee(amount)
    return _reduced(
        full,
        2,
        f"减半交纳：{full.fee:,}元÷2",
        "《诉讼费用交纳办法》第十三条(一)计算全额后，依第十五条（以调解方式结案或者申请撤诉）"
        "或第十六条（适用简易程序）减半交纳。",
    )


def payment_order_fee(amount: Decimal) -> FeeResult:
    """支付令申请费: one third of the acceptance fee on the same amount (第十四条(三))."""
    full = acceptance_fee(amount)
    return _reduced(
        full,
        3,
        f"按三分之一交纳：{full.fee:,}元÷3",
        "《诉讼费用交纳办法》第十四条(三)：依法申请支付令的，比照财产案件受理费标准的1/3交纳。",
    )


def preservation_fee(amount: Decimal | None) -> FeeResult:
    """财产保全申请费 on the value preserved (第十四条(二)); None means no amount is involved."""
    if amount is None:
        first = PRESERVATION_BRACKETS[0]
        line = BracketLine(
            lower=first.lower,
            upper=first.upper,
            rate=None,
            flat=first.flat,
            base=to_cents(ZERO),
            amount=to_cents(first.flat or ZERO),
            kind="flat",
            label="不涉及财产数额，每件30元",
        )
        return FeeResult(
            amount=None,
            fee=line.amount,
            lines=(line,),
            note="《诉讼费用交纳办法》第十四条(二)：不涉及财产数额的，每件交纳30元。",
        )
    value = require_money(amount, "保全财产数额")
    lines = _bracket_lines(value, PRESERVATION_BRACKETS)
    uncapped = _total(lines)
    note = (
        "《诉讼费用交纳办法》第十四条(二)：财产数额不超过1,000元的每件30元，超过1,000元至10万元的部分按1%，"
        "超过10万元的部分按0.5%，最多不超过5,000元。"
    )
    if uncapped <= PRESERVATION_CAP:
        return FeeResult(amount=value, fee=uncapped, lines=lines, note=note)
    cap_line = BracketLine(
        lower=ZERO,
        upper=None,
        rate=None,
        flat=PRESERVATION_CAP,
        base=uncapped,
        amount=PRESERVATION_CAP - uncapped,
        kind="cap",
        label=f"最多不超过5,000元：按累计{uncapped:,}元封顶",
    )
    return FeeResult(
        amount=value,
        fee=PRESERVATION_CAP,
        lines=(*lines, cap_line),
        note=note + f"累计{uncapped:,}元超过上限，按5,000元收取。",
    )


def execution_fee(
    amount: Decimal | None, *, fee_without_amount: Decimal = EXECUTION_FEE_WITHOUT_AMOUNT_MIN
) -> FeeResult:
    """申请执行费 on the amount enforced (第十四条(一)).

    Without an amount the statute allows 50–500 yuan per case; the court fixes the figure, so the product
    uses ``fee_without_amount`` (default the minimum, 50) and says so in the note.
    """
    timing = "执行申请费不由申请人预交，执行后交纳（第二十条），由被执行人负担（第三十八条）。"
    if amount is None:
        flat = require_money(fee_without_amount, "无执行金额时的申请执行费")
        if not EXECUTION_FEE_WITHOUT_AMOUNT_MIN <= flat <= EXECUTION_FEE_WITHOUT_AMOUNT_MAX:
            raise RuleInputError("out_of_range", f"没有执行金额的，每件只能在50元至500元之间，收到：{flat}")
        line = BracketLine(
            lower=ZERO,
            upper=None,
            rate=None,
            flat=flat,
            base=to_cents(ZERO),
            amount=flat,
            kind="flat",
            label=f"没有执行金额或者价额，每件50元至500元，此处按{_plain(flat)}元",
        )
        return FeeResult(
            amount=None,
            fee=flat,
            lines=(line,),
            note="《诉讼费用交纳办法》第十四条(一)：没有执行金额或者价额的，每件交纳50元至500元，具体数额由"
            f"法院确定；此处按{_plain(flat)}元计算。" + timing,
        )
    value = require_money(amount, "执行金额")
    lines = _bracket_lines(value, EXECUTION_BRACKETS)
    return FeeResult(
        amount=value,
        fee=_total(lines),
        lines=lines,
        note="《诉讼费用交纳办法》第十四条(一)：按执行金额分段累计交纳申请执行费。" + timing,
    )
