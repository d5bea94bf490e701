"""The words of the law the filings print: causes and the articles each relies on, jurisdiction, preservation
measures, the documents decisions are given in, and the interest basis in words. Plain data and text, so that
every filing and page says the same thing the same way."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from core.formatting import cn_date
from rules.errors import RuleInputError
from rules.rates import SEED_LPR_TABLE, LprTable

LETTER_DEADLINE_DAYS = 7
CAUSE_NAMES = {"sale": "买卖合同纠纷", "loan": "金融借款合同纠纷", "construction": "建设工程施工合同纠纷",
               "lease": "租赁合同纠纷", "service": "服务合同纠纷", "other": "合同纠纷"}
# 借款合同纠纷 splits by the lender (民事案件案由规定): a licensed financial institution's loan is 金融借款合同纠纷,
# anyone else's 民间借贷纠纷.
PRIVATE_LOAN_CAUSE = "民间借贷纠纷"
# What the complaint relies on, by cause, besides the general rules on breach (民法典 577) and money debts (579),
# and what the debtor owes is called: the articles on paying the price of a sale, the price of a construction
# project, rent, or performing a contract as agreed (509) where the contract has no chapter of its own.
CAUSE_ARTICLES = {
    "sale": "第五百七十七条、第五百七十九条、第六百二十六条、第六百二十八条",
    "construction": "第五百七十七条、第五百七十九条、第七百八十八条、第七百九十九条",
    "lease": "第五百七十七条、第五百七十九条、第七百零三条、第七百二十一条、第七百二十二条",
    "service": "第五百零九条、第五百七十七条、第五百七十九条",
    "other": "第五百零九条、第五百七十七条、第五百七十九条",
}
FINANCIAL_LOAN_ARTICLES = "第六百六十七条、第六百七十四条、第六百七十五条、第六百七十六条"
PRIVATE_LOAN_ARTICLES = "第六百六十七条、第六百七十五条、第六百七十六条"
PRIVATE_LENDING_RULES = "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》"
CONSTRUCTION_PRIORITY_ARTICLE = "第八百零七条"
CONSTRUCTION_PRIORITY_RULES = "《最高人民法院关于审理建设工程施工合同纠纷案件适用法律问题的解释（一）》第四十一条"
# A general guarantor answers only for what enforcement against the debtor leaves unpaid.
GENERAL_GUARANTEE_RULE = "《最高人民法院关于适用〈中华人民共和国民法典〉有关担保制度的解释》第二十六条"
CIVIL_CODE = "《中华人民共和国民法典》"
# With no agreed forum, a contract dispute goes to the court where the defendant is or the contract was
# performed (民事诉讼法第二十四条).
STATUTORY_JURISDICTION = ("依据《中华人民共和国民事诉讼法》第二十四条，因合同纠纷提起的诉讼，由被告住所地或者合同履行地"
                          "人民法院管辖")
SALE_LOSS_RULE = "《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》第十八条第四款"
LPR_NAME = "全国银行间同业拆借中心公布的一年期贷款市场报价利率（LPR）"
# What a preservation application asks for each kind of asset lead; with no lead it asks generally.
PRESERVATION_MEASURES = {
    "bank_account": "冻结被申请人名下的银行存款",
    "real_estate": "查封被申请人名下的不动产",
    "vehicle": "查封、扣押被申请人名下的车辆",
    "equity": "冻结被申请人持有的股权",
    "receivable": "冻结被申请人对第三人的到期债权",
    "ip": "冻结被申请人名下的知识产权",
    "other": "查封、扣押被申请人名下相应价值的其他财产",
}
GENERAL_PRESERVATION_MEASURE = "冻结被申请人名下银行存款或查封、扣押其相应价值的其他财产"
GENDER_NAMES = {"male": "男", "female": "女"}
DEFAULT_EVIDENCE_SOURCE = "原告提供"
CAUSE_DEBT_NAMES = {"sale": "货款", "construction": "工程款", "lease": "租金", "service": "服务费", "other": "款项"}
# 一式两份, 一式三份 …: a contract is made in as many copies as it has parties.
COPY_COUNTS = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}
LEGAL_EVIDENCE_LABELS = {
    "contract": "证明双方之间存在合同关系及合同约定内容",
    "iou": "证明被告确认欠款事实及欠款金额",
    "statement": "证明双方对账确认的欠款金额",
    "transfer": "证明原告已履行付款/放款义务或被告的还款情况",
    "delivery": "证明原告已依约交付货物",
    "guarantee": "证明担保人承担担保责任",
    "judgment": "证明生效法律文书确定的权利义务",
    "other": "证明案件相关事实",
}


# The name of the document each decision is given in; an arbitral award is no 民事 document of a court.
DECISION_DOCUMENTS = {"judgment": "民事判决书", "mediation": "民事调解书", "ruling": "民事裁定书", "award": "裁决书"}


def _percent(value: Decimal) -> str:
    """A rate as filings print it: two places (3.10), more only when it has them (5.175)."""
    value = Decimal(value)
    return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else f"{value.normalize():f}"


def interest_rate_phrase(m, lpr_table: LprTable | None) -> str:
    """The rate interest runs at, in the words of a filing: "合同约定的年利率6%", "同期…LPR的1.5倍",
    "违约行为发生时（2025年1月2日）一年期LPR 3.10%上浮30%即4.03%的年利率"; "" when none is claimed."""
    table = lpr_table or SEED_LPR_TABLE
    if m.interest_type == "fixed":
        return f"合同约定的年利率{Decimal(m.interest_rate).normalize():f}%"
    if m.interest_type == "sale_lpr_markup":
        breach = m.interest_from or (m.due_date + timedelta(days=1))
        markup = Decimal(m.lpr_markup)
        try:
            lpr = table.rate_on(breach)
        except RuleInputError:
            return f"违约行为发生时（{cn_date(breach)}）一年期LPR上浮{markup.normalize():f}%的年利率"
        rate = lpr * (1 + markup / 100)
        return (f"违约行为发生时（{cn_date(breach)}）一年期LPR {_percent(lpr)}%上浮{markup.normalize():f}%"
                f"即{_percent(rate)}%的年利率")
    if m.interest_type == "lpr":
        multiplier = Decimal(m.lpr_multiplier)
        times = "" if multiplier == 1 else f"的{multiplier.normalize():f}倍"
        if not m.lpr_fixed_on:
            return f"同期{LPR_NAME}{times}"
        try:
            lpr = table.rate_on(m.lpr_fixed_on)
        except RuleInputError:
            return f"{cn_date(m.lpr_fixed_on)}适用的{LPR_NAME}{times}"
        rate = "" if multiplier == 1 else f"即{_percent(lpr * multiplier)}%"
        return f"{cn_date(m.lpr_fixed_on)}适用的{LPR_NAME}{_percent(lpr)}%{times}{rate}"
    return ""


def interest_method_text(m, lpr_table: LprTable | None) -> str:
    """How interest is computed, as every filing states it: base, rate and, for a sale's statutory loss, the
    rule it rests on. The one source of this text (claim.interest_method)."""
    phrase = interest_rate_phrase(m, lpr_table)
    if not phrase:
        return "不主张利息"
    citation = f"（{SALE_LOSS_RULE}）" if m.interest_type == "sale_lpr_markup" else ""
    return f"以尚欠本金为基数，按{phrase}计算{citation}"
