"""The one place where the calculators call the rules library and turn its results into plain data.

The API returns these dicts as JSON and the pages (and the cost-estimate PDF) render the very same dicts, so a
number can never differ between the two. Every function here takes values already parsed (``Decimal``,
``date``, ``int``), passes the live reference data from :mod:`calculators.selectors` to the rules, and lets
:class:`rules.errors.RuleInputError` through for the caller to turn into a 400 or a form error. One module per
family of calculators; :mod:`calculators.presenters.values` holds what their answers are made of.
"""

from calculators.presenters.fees import cost_estimate, court_fees, risk_fee_cap
from calculators.presenters.interest import RateInput, interest_result
from calculators.presenters.lookups import deadline, identifier, rmb

__all__ = ["RateInput", "cost_estimate", "court_fees", "deadline", "identifier", "interest_result", "risk_fee_cap",
           "rmb"]
