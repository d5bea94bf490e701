"""API input (query parameters and the interest body) and the documented shape of every answer, one module per
family of calculators.

Input fields parse through the same functions as the pages (:mod:`calculators.serializers.common`), so a value
is refused with the same Chinese message and code on both. The response serializers only describe the answers
for the OpenAPI schema: the answers themselves are built by :mod:`calculators.presenters`.
"""

from calculators.serializers.common import ErrorSerializer
from calculators.serializers.fees import (
    CourtFeesQuerySerializer,
    CourtFeesResponseSerializer,
    RiskFeeCapQuerySerializer,
    RiskFeeCapResponseSerializer,
)
from calculators.serializers.interest import InterestRequestSerializer, InterestResponseSerializer
from calculators.serializers.lookups import (
    AmountQuerySerializer,
    DeadlineQuerySerializer,
    DeadlineResponseSerializer,
    IdentifierQuerySerializer,
    IdentifierResponseSerializer,
    RmbResponseSerializer,
)

__all__ = [
    "AmountQuerySerializer",
    "CourtFeesQuerySerializer",
    "CourtFeesResponseSerializer",
    "DeadlineQuerySerializer",
    "DeadlineResponseSerializer",
    "ErrorSerializer",
    "IdentifierQuerySerializer",
    "IdentifierResponseSerializer",
    "InterestRequestSerializer",
    "InterestResponseSerializer",
    "RiskFeeCapQuerySerializer",
    "RiskFeeCapResponseSerializer",
    "RmbResponseSerializer",
]
