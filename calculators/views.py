"""The calculators' pages: public on the platform site, for signed-in people inside a firm.

One page with a tab per calculator. Each tab's form submits with htmx to ``calculators:tool``, which returns the
tab's form and result as a partial; without JavaScript the same form submits to the page itself
(``?tool=<slug>&…``), which renders that tab open with its result. The firm's people can also print a cost
estimate for a prospective client as a PDF on the firm's letterhead (``calculators:estimate``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import FIRM_STAFF, role_required
from calculators import forms, presenters
from core.pdf import render_pdf
from rules.errors import RuleInputError


@dataclass(frozen=True)
class Tool:
    slug: str
    title: str
    form_class: type[forms.CalculatorForm]
    compute: Callable[[dict], dict]  # from the form's cleaned data

    @property
    def form_template(self) -> str:
        return f"calculators/tools/{self.slug}_form.html"

    @property
    def result_template(self) -> str:
        return f"calculators/tools/{self.slug}_result.html"


def _interest(data: dict) -> dict:
    return presenters.interest_result(
        principal=data["principal"],
        start=data["start"],
        end=data["end"],
        rate=presenters.RateInput(
            kind=data["rate_kind"],
            multiplier=data.get("multiplier"),
            fixed_on=data.get("fixed_on"),
            annual_rate=data.get("annual_rate"),
        ),
        day_basis=data["day_basis"],
        count_start_day=data["count_start_day"],
        count_end_day=data["count_end_day"],
        payments=data["payments"],
        costs=data.get("costs") or Decimal("0"),
        late_performance_from=data.get("late_performance_from"),
    )


TOOLS: dict[str, Tool] = {
    tool.slug: tool
    for tool in (
        Tool("court_fees", gettext_lazy("诉讼费用"), forms.CourtFeesForm,
             lambda d: presenters.court_fees(d["amount"], d.get("preservation_amount"), d.get("execution_amount"))),
        Tool("risk_fee_cap", gettext_lazy("风险代理上限"), forms.RiskFeeCapForm,
             lambda d: presenters.risk_fee_cap(d["amount"])),
        Tool("interest", gettext_lazy("利息"), forms.InterestForm, _interest),
        Tool("deadline", gettext_lazy("期间"), forms.DeadlineForm,
             lambda d: presenters.deadline(d["start"], **d["period"])),
        Tool("identifier", gettext_lazy("证件校验"), forms.IdentifierForm,
             lambda d: presenters.identifier(d["value"])),
        Tool("rmb", gettext_lazy("人民币大写"), forms.RmbForm, lambda d: presenters.rmb(d["amount"])),
    )
}
DEFAULT_TOOL = "court_fees"


def calculators_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Public on the platform site; inside a firm, any signed-in person of the firm."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.tenant.is_platform and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _base_template(request: HttpRequest) -> str:
    return "platform_base.html" if request.tenant.is_platform else "firm_base.html"


def _run(tool: Tool, data: QueryDict) -> tuple[forms.CalculatorForm, dict | None]:
    """The tool's form bound to ``data`` and, when the input is usable, the result; a rule refusal becomes a
    form error (the rules check more than the form does, e.g. an LPR period before 2019-08-20)."""
    form = tool.form_class(data)
    if not form.is_valid():
        return form, None
    try:
        return form, tool.compute(form.cleaned_data)
    except RuleInputError as error:
        form.add_error(None, error.message)
        return form, None


def _panel(tool: Tool, form: forms.CalculatorForm, result: dict | None) -> dict:
    return {"slug": tool.slug, "title": tool.title, "form_template": tool.form_template,
            "result_template": tool.result_template, "form": form, "result": result}


@calculators_access
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    active = request.GET.get("tool")
    submitted = bool(set(request.GET) - {"tool"})  # a tab link carries only ?tool=…; a form carries its fields
    panels = []
    for tool in TOOLS.values():
        if tool.slug == active and submitted:
            form, result = _run(tool, request.GET)
        else:
            form, result = tool.form_class(), None
        panels.append(_panel(tool, form, result))
    context = {
        "base_template": _base_template(request),
        "panels": panels,
        "active": active if active in TOOLS else DEFAULT_TOOL,
        "can_estimate": _can_estimate(request),
    }
    return render(request, "calculators/index.html", context)


@calculators_access
@require_GET
def tool_result(request: HttpRequest, slug: str) -> HttpResponse:
    tool = TOOLS.get(slug)
    if tool is None:
        raise Http404
    form, result = _run(tool, request.GET)
    panel = _panel(tool, form, result)
    if request.htmx:
        response = render(request, "calculators/_panel.html", {"panel": panel})
        patch_vary_headers(response, ("HX-Request",))
        return response
    context = {
        "base_template": _base_template(request),
        "panels": [panel if item.slug == slug else _panel(item, item.form_class(), None) for item in TOOLS.values()],
        "active": slug,
        "can_estimate": _can_estimate(request),
    }
    response = render(request, "calculators/index.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@calculators_access
@require_GET
def payment_row(request: HttpRequest) -> HttpResponse:
    """One more empty payment row for the interest form (htmx)."""
    return render(request, "calculators/_payment_row.html", {"row": {"date": "", "amount": "", "errors": []}})


def _can_estimate(request: HttpRequest) -> bool:
    return not request.tenant.is_platform and getattr(request.user, "is_firm_staff", False)


def estimate(request: HttpRequest) -> HttpResponse:
    """The cost estimate exists only inside a firm: it is printed on the firm's letterhead."""
    if request.tenant.is_platform:
        raise Http404
    return _estimate(request)


@role_required(FIRM_STAFF)
@require_http_methods(["GET", "POST"])
def _estimate(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = forms.CostEstimateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                estimate_data = presenters.cost_estimate(
                    amount=data["amount"],
                    preservation_amount=data.get("preservation_amount"),
                    execution_amount=data.get("execution_amount"),
                    cause=data["cause"],
                    fixed_rate_percent=data["fixed_rate"],
                    upfront_rate_percent=data["upfront_rate"],
                    success_rate_percent=data["success_rate"],
                    client_name=data.get("client_name", ""),
                    debtor_name=data.get("debtor_name", ""),
                )
            except RuleInputError as error:
                form.add_error(None, error.message)
            else:
                pdf = render_pdf(
                    "pdf/cost_estimate.html",
                    {"estimate": estimate_data, "prepared_by": request.user.name},
                    firm=request.tenant,
                )
                response = HttpResponse(pdf, content_type="application/pdf")
                filename = _("费用估算-%(date)s.pdf") % {"date": timezone.localdate().strftime("%Y%m%d")}
                response["Content-Disposition"] = content_disposition_header(True, filename)
                patch_cache_control(response, private=True, no_store=True)
                return response
    else:
        form = forms.CostEstimateForm()
    return render(request, "calculators/estimate.html", {"form": form, "base_template": _base_template(request)})
