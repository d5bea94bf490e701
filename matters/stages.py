"""The seven stages of a matter, its outcomes, and which moves between them are allowed: defined here only.

Rules (from the firm's service plan, 清欠服务方案):
- the stages run in a fixed order; a forward move may skip stages (some matters skip the demand letter);
- a move backward (e.g. litigation back to negotiation) needs a reason;
- any stage can end the matter with an outcome (a debtor may pay at any time); a closed matter changes no
  stage until it is reopened, and reopening needs a reason;
- except 核销 (written off): only from the 核销依据 stage, and only with at least one write-off record (the
  ruling, bankruptcy or deregistration that proves the debt uncollectable). Who may close it so (a partner,
  whose closing is the approval) is decided in accounts/access.py, not here;
- 部分回收并核销 (part recovered, the rest written off, e.g. after a bankruptcy's final distribution) is a
  write-off too, under the same conditions, and needs money recovered: without any, it is plain 核销;
- entering some stages creates that stage's first record, so the move asks for its fields
  (:data:`ENTRY_REQUIREMENTS`).

Everything here is plain Python so that services, the API and the browser pages share one definition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    DUE_DILIGENCE = "due_diligence", _("尽职调查")
    DEMAND_LETTER = "demand_letter", _("律师函")
    NEGOTIATION = "negotiation", _("谈判")
    PRESERVATION = "preservation", _("保全")
    LITIGATION = "litigation", _("诉讼")
    ENFORCEMENT = "enforcement", _("执行")
    WRITE_OFF = "write_off", _("核销依据")


class Outcome(models.TextChoices):
    OPEN = "open", _("进行中")
    RECOVERED = "recovered", _("全额收回")
    SETTLED = "settled", _("和解结案")
    WRITTEN_OFF = "written_off", _("核销")
    PARTIAL_WRITE_OFF = "partial_write_off", _("部分回收并核销")
    WITHDRAWN = "withdrawn", _("撤回委托")


STAGE_ORDER: tuple[str, ...] = tuple(Stage.values)
CLOSING_OUTCOMES: frozenset[str] = frozenset(Outcome.values) - {Outcome.OPEN}
# The outcomes that write the debt off: they need the 核销依据 stage, a basis, and a partner's approval.
WRITE_OFF_OUTCOMES: frozenset[str] = frozenset({Outcome.WRITTEN_OFF, Outcome.PARTIAL_WRITE_OFF})

# Fields that must accompany a move INTO a stage, because the move creates that stage's first record.
# (The record itself is created by services.matter_transition; records.RecordType.entry_fields names them.)
ENTRY_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    Stage.PRESERVATION: ("court",),
    Stage.LITIGATION: ("court",),
    Stage.ENFORCEMENT: ("court",),
    Stage.WRITE_OFF: ("basis",),
}
FIELD_LABELS = {"court": _("法院"), "basis": _("核销依据类型")}


class StageConflict(Exception):
    """The matter changed since the client read it (optimistic locking): nothing was written."""

    def __init__(self, *, current_version: int, current_stage: str, current_outcome: str):
        self.current_version = current_version
        self.current_stage = current_stage
        self.current_outcome = current_outcome
        self.message = str(
            _("案件已被他人修改（当前版本 %(version)s，阶段：%(stage)s），请刷新后重试。")
            % {"version": current_version, "stage": Stage(current_stage).label}
        )
        super().__init__(self.message)


@dataclass(frozen=True)
class Move:
    """A move asked of a matter: to a stage, or to an outcome (closing or reopening it). The one input of the
    matter page's form, the board and the API; ``version`` is the version the person saw."""

    version: int
    to_stage: str | None = None
    outcome: str | None = None
    reason: str = ""
    on_date: date | None = None
    record: Mapping[str, object] = field(default_factory=dict)  # fields of the record that entering creates

    MOVE_FIELDS = ("version", "to_stage", "outcome", "reason", "on_date")

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> Move:
        """From the flat cleaned data of a form or serializer: every other non-empty value is a record field."""
        record = {name: value for name, value in data.items()
                  if name not in cls.MOVE_FIELDS and value not in (None, "", False)}
        return cls(version=data["version"], to_stage=data.get("to_stage") or None,
                   outcome=data.get("outcome") or None, reason=data.get("reason") or "",
                   on_date=data.get("on_date"), record=record)

    def as_kwargs(self) -> dict:
        """The keyword arguments of services.matter_transition."""
        return {"version": self.version, "to_stage": self.to_stage, "outcome": self.outcome,
                "reason": self.reason, "on_date": self.on_date, "record": dict(self.record)}


def target_problem(to_stage: str | None, outcome: str | None) -> str | None:
    """A move names a target stage or an outcome, never both and never neither."""
    if bool(to_stage) == bool(outcome):
        return str(_("请指定目标阶段或结案结果（二者选一）。"))
    return None


def stage_index(stage: str) -> int:
    return STAGE_ORDER.index(stage)


def is_backward(from_stage: str, to_stage: str) -> bool:
    return stage_index(to_stage) < stage_index(from_stage)


def transition_problems(
    *, stage: str, outcome: str, to_stage: str | None, to_outcome: str | None, reason: str, fields: dict,
    write_off_records: int = 0, recovered_any: bool = False,
) -> dict[str, list[str]]:
    """Why a move is not allowed, by field (empty when it is). Pure: no database. ``write_off_records``: how
    many write-off basis records the matter has; ``recovered_any``: whether any money has been recovered."""
    problems: dict[str, list[str]] = {}
    reason = (reason or "").strip()
    target = target_problem(to_stage, to_outcome)
    if target:
        return {"to_stage": [target]}
    if to_stage is not None:
        if to_stage not in STAGE_ORDER:
            return {"to_stage": [str(_("未知的阶段：%(stage)s") % {"stage": to_stage})]}
        if outcome != Outcome.OPEN:
            return {"to_stage": [str(_("案件已结案（%(outcome)s），不能变更阶段；请先重新打开案件。")
                                     % {"outcome": Outcome(outcome).label})]}
        if to_stage == stage:
            return {"to_stage": [str(_("案件已处于“%(stage)s”阶段。") % {"stage": Stage(stage).label})]}
        if is_backward(stage, to_stage) and not reason:
            problems["reason"] = [str(_("退回到之前的阶段（%(from)s → %(to)s）必须说明理由。")
                                      % {"from": Stage(stage).label, "to": Stage(to_stage).label})]
        for name in ENTRY_REQUIREMENTS.get(to_stage, ()):
            value = fields.get(name)
            if value in (None, ""):
                problems[name] = [str(_("进入“%(stage)s”阶段需要填写%(field)s。")
                                      % {"stage": Stage(to_stage).label, "field": FIELD_LABELS[name]})]
        return problems
    if to_outcome not in Outcome.values:
        return {"outcome": [str(_("未知的结案结果：%(outcome)s") % {"outcome": to_outcome})]}
    if to_outcome == Outcome.OPEN:
        if outcome == Outcome.OPEN:
            return {"outcome": [str(_("案件尚未结案，无需重新打开。"))]}
        if not reason:
            problems["reason"] = [str(_("重新打开已结案的案件必须说明理由。"))]
        return problems
    if outcome != Outcome.OPEN:
        return {"outcome": [str(_("案件已结案（%(outcome)s）。") % {"outcome": Outcome(outcome).label})]}
    if to_outcome in WRITE_OFF_OUTCOMES:
        if stage != Stage.WRITE_OFF:
            problems["outcome"] = [str(_("以“核销”结案前，案件须先进入“核销依据”阶段（进入时登记核销依据）。"))]
        elif write_off_records < 1:
            problems["outcome"] = [str(_("以“核销”结案需要至少一份核销依据记录（终本裁定、破产裁定、注销登记等）。"))]
        elif to_outcome == Outcome.PARTIAL_WRITE_OFF and not recovered_any:
            problems["outcome"] = [str(_("尚未登记任何回款，不能以“部分回收并核销”结案；全部未收回的请选择“核销”。"))]
    return problems
