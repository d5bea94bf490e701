"""What evidences a bad debt for its write-off: 国家税务总局公告2011年第25号 第二十二条.

Every write-off needs the contract. Beyond it, each ground needs its own documents: an enforcement that ended
without result needs the effective judgment (or award, or mediation statement) and the court's ruling that ends
(or suspends) enforcement (终结本次执行程序裁定); a bankruptcy needs the court's notice or ruling; a
deregistration needs the registry's notice of deregistration or revocation. (A debt already more than three
years overdue, or a small one more than a year overdue, goes by a special report instead: 第二十三、二十四条.)

The files are described by plain values: each evidence file's category (``contract``, ``judgment`` …, the
categories of matters.models.EvidenceCategory) and whether the write-off record names it as its basis.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTRACT = "contract"
JUDGMENT = "judgment"

TERMINATION_RULING = "termination_ruling"
BANKRUPTCY = "bankruptcy"
DEREGISTRATION = "deregistration"
OTHER = "other"


@dataclass(frozen=True)
class EvidenceItem:
    category: str
    is_basis: bool  # named by the write-off record as (part of) its basis


@dataclass(frozen=True)
class Requirement:
    label: str
    met: bool


def _count(items: list[EvidenceItem], *, category: str | None = None, basis: bool | None = None) -> int:
    return sum(1 for item in items if (category is None or item.category == category)
               and (basis is None or item.is_basis == basis))


def write_off_requirements(basis: str, items: list[EvidenceItem]) -> list[Requirement]:
    """The documents 第二十二条 requires for ``basis``, each with whether the files on record meet it."""
    items = list(items)
    required = [Requirement("债权债务关系的合同（或欠款凭证）", _count(items, category=CONTRACT) > 0)]
    if basis == TERMINATION_RULING:
        judgments = _count(items, category=JUDGMENT)
        rulings = _count(items, basis=True)
        # One file cannot be both: once the record names its ruling, the judgment must be another file.
        distinct = len([item for item in items if item.category == JUDGMENT or item.is_basis])
        required.append(Requirement("生效判决书、调解书或仲裁裁决书",
                                    judgments > 0 and (rulings == 0 or distinct >= 2)))
        required.append(Requirement("人民法院终结（中止）执行程序的裁定书", rulings > 0))
    elif basis == BANKRUPTCY:
        required.append(Requirement("人民法院的破产、清算公告或裁定书",
                                    _count(items, basis=True) + _count(items, category=JUDGMENT) > 0))
    elif basis == DEREGISTRATION:
        required.append(Requirement("登记机关的注销、吊销登记公告或证明", _count(items, basis=True) > 0))
    else:
        required.append(Requirement("证明债权无法收回的法律文件", _count(items, basis=True) > 0))
    return required


def missing_write_off_evidence(basis: str, items: list[EvidenceItem]) -> list[str]:
    """The labels of the required documents not on record (empty when the evidence is complete)."""
    return [requirement.label for requirement in write_off_requirements(basis, items) if not requirement.met]
