"""The calculators' pages: public on the platform, for signed-in people inside a firm; errors in the form."""

import pytest

pytestmark = pytest.mark.django_db

TOOLS = ["court_fees", "risk_fee_cap", "interest", "deadline", "identifier", "rmb"]
HTMX = {"HTTP_HX_REQUEST": "true"}


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_platform_page_is_public(platform_client):
    html = page(platform_client.get("/calculators/"))
    for title in ("诉讼费用", "风险代理上限", "利息", "期间", "证件校验", "人民币大写"):
        assert title in html
    assert "htmx" in html  # the base layout loads it; the forms use hx-get
    assert 'hx-get="/calculators/tools/court_fees/"' in html
    assert "费用估算" not in html  # the letterhead estimate exists only inside a firm


def test_firm_page_requires_login(alpha):
    response = alpha.client().get("/calculators/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("role", ["partner", "lawyer", "paralegal", "finance", "client_a"])
def test_firm_page_for_every_role(alpha, role):
    html = page(alpha.client(getattr(alpha, role)).get("/calculators/"))
    assert "法律计算器" in html
    assert alpha.firm.name in html
    assert ("/calculators/estimate/" in html) == (role != "client_a")


def test_beta_session_does_not_open_alphas_page(alpha, beta):
    browser = beta.client(beta.lawyer)
    assert browser.get("/calculators/").status_code == 200
    response = browser.get("/calculators/", HTTP_HOST=alpha.host)
    assert response.status_code == 302


def test_court_fees_result_with_breakdown_and_articles(platform_client):
    html = page(platform_client.get("/calculators/", {"tool": "court_fees", "amount": "896000"}))
    assert "12,760.00" in html and "6,380.00" in html and "5,000.00" in html and "11,360.00" in html
    assert "超过1万元至10万元的部分，按2.5%" in html
    assert "第十三条(一)" in html and "第十四条(二)" in html
    assert "壹万贰仟柒佰陆拾元整" in html


@pytest.mark.parametrize("host_kind", ["platform", "firm"])
def test_htmx_submission_returns_the_panel_only(platform_client, alpha, host_kind):
    client = platform_client if host_kind == "platform" else alpha.client(alpha.lawyer)
    response = client.get("/calculators/tools/risk_fee_cap/", {"amount": "3000000"}, **HTMX)
    html = page(response)
    assert "480,000.00" in html
    assert "<nav" not in html  # a partial, not the whole layout
    assert html.lstrip().startswith('<div id="panel-risk_fee_cap">')
    assert "HX-Request" in response["Vary"]


def test_tool_url_without_htmx_renders_the_whole_page(platform_client):
    html = page(platform_client.get("/calculators/tools/rmb/", {"amount": "1005"}))
    assert "壹仟零伍元整" in html
    assert "<nav" in html


def test_unknown_tool_is_404(platform_client):
    assert platform_client.get("/calculators/tools/nope/").status_code == 404


@pytest.mark.parametrize(
    ("tool", "params", "message"),
    [
        ("court_fees", {"amount": "-5"}, "不能为负数"),
        ("court_fees", {"amount": "abc"}, "必须是数字"),
        ("court_fees", {"amount": "1.234"}, "最多保留两位小数"),
        ("court_fees", {"amount": ""}, "请填写诉讼请求金额"),
        ("risk_fee_cap", {"amount": "NaN"}, "必须是数字"),
        ("rmb", {"amount": "1e9"}, "必须是数字"),
        ("deadline", {"start": "2023-02-29", "days": "15"}, "不是有效的日期"),
        ("deadline", {"start": "2024-09-20"}, "恰好填写一项"),
        ("deadline", {"start": "2024-09-20", "days": "15", "months": "1"}, "恰好填写一项"),
        ("deadline", {"start": "2024-09-20", "kind": "appeal"}, "未知的期间类型"),
        ("deadline", {"start": "2024-09-20", "days": "x"}, "必须是正整数"),
        ("deadline", {"start": "9999-12-01", "months": "2"}, "超出可计算的日期范围"),
        ("interest", {"principal": "1000", "start": "2024-05-01", "end": "2024-04-01", "rate_kind": "fixed",
                      "annual_rate": "6", "day_basis": "365"}, "早于起算日"),
        ("interest", {"principal": "1000", "start": "2018-01-01", "end": "2019-01-01", "rate_kind": "lpr",
                      "day_basis": "365"}, "早于LPR表的第一条"),
        ("interest", {"principal": "1000", "start": "2024-01-01", "end": "2024-04-01", "rate_kind": "fixed",
                      "day_basis": "365"}, "请填写年利率"),
        ("interest", {"principal": "1000", "start": "2024-01-01", "end": "2024-04-01", "rate_kind": "lpr",
                      "day_basis": "365", "payment_date": "2024-02-30", "payment_amount": "10"},
         "第1笔还款的日期不是有效的日期"),
        ("interest", {"principal": "1000", "start": "2024-01-01", "end": "2024-04-01", "rate_kind": "lpr",
                      "day_basis": "365", "payment_date": "2025-02-01", "payment_amount": "10"},
         "不在计息期间"),
        ("identifier", {"value": ""}, "请填写"),
    ],
)
def test_invalid_input_shows_an_error_in_the_form(platform_client, tool, params, message):
    html = page(platform_client.get(f"/calculators/tools/{tool}/", params, **HTMX))
    assert message in html
    assert "calculator-result" not in html


def test_interest_page_with_payment_rows(platform_client, alpha):
    params = {"principal": "100000", "start": "2024-01-01", "end": "2024-12-31", "rate_kind": "fixed",
              "annual_rate": "6", "day_basis": "365", "count_start_day": "on",
              "payment_date": ["2024-07-01", ""], "payment_amount": ["20000", ""]}
    for client in (platform_client, alpha.client(alpha.paralegal)):
        html = page(client.get("/calculators/tools/interest/", params, **HTMX))
        assert "5,488.35" in html
        assert "17,008.22" in html  # the payment's share that went to principal
        assert "算头不算尾" in html
        assert 'value="2024-07-01"' in html  # the rows come back as entered


def test_payment_row_partial(platform_client):
    html = page(platform_client.get("/calculators/interest/payment-row/", **HTMX))
    assert 'name="payment_date"' in html and 'name="payment_amount"' in html


def test_deadline_page_result(platform_client):
    html = page(platform_client.get("/calculators/tools/deadline/", {"start": "2024-09-20", "days": "15"}, **HTMX))
    assert "2024年10月8日" in html
    assert "第八十五条" in html
    html = page(platform_client.get("/calculators/tools/deadline/", {"start": "2027-09-20", "days": "15"}, **HTMX))
    assert "没有法定节假日数据" in html


def test_deadline_page_answers_a_freeze_with_its_expiry_and_renewal_day(platform_client):
    html = page(platform_client.get("/calculators/tools/deadline/",
                                    {"start": "2026-10-24", "kind": "freeze_bank_deposit"}, **HTMX))
    assert "2027年10月23日" in html and "2027年10月15日" in html
    assert "已提前到此前最后一个工作日" in html


def test_identifier_page_result(platform_client):
    html = page(platform_client.get("/calculators/tools/identifier/", {"value": "11010519491231002X"}, **HTMX))
    assert "校验通过" in html and "居民身份证号码" in html


def test_no_js_fallback_opens_the_submitted_tab(platform_client):
    html = page(platform_client.get("/calculators/", {"tool": "rmb", "amount": "325.04"}))
    assert "叁佰贰拾伍元零肆分" in html
    assert 'id="pane-rmb" role="tabpanel"' in html.replace("\n", " ").replace("       ", " ") or \
        'tab-pane fade show active" id="pane-rmb"' in html


def test_tab_link_alone_shows_no_errors(platform_client):
    html = page(platform_client.get("/calculators/", {"tool": "interest"}))
    assert "请填写" not in html
    assert 'tab-pane fade show active" id="pane-interest"' in html


@pytest.mark.parametrize("tool", TOOLS)
def test_every_tab_renders_on_both_sites(platform_client, alpha, tool):
    assert platform_client.get("/calculators/", {"tool": tool}).status_code == 200
    assert alpha.client(alpha.lawyer).get("/calculators/", {"tool": tool}).status_code == 200


def test_court_fees_page_shows_the_payment_order_fee(platform_client):
    html = page(platform_client.get("/calculators/", {"tool": "court_fees", "amount": "100000"}))
    assert "支付令申请费" in html and "766.67" in html and "第十四条(三)" in html
