"""The cost estimate for a prospective client: a PDF on the firm's letterhead, for the firm's staff only."""

import subprocess
from decimal import Decimal

import pytest

from calculators import presenters
from core.pdf import LocalOnlyURLFetcher, render_html, render_pdf

pytestmark = pytest.mark.django_db

URL = "/calculators/estimate/"
FORM = {"client_name": "某某贸易有限公司", "debtor_name": "某某建材有限公司", "amount": "896000",
        "cause": "sale", "fixed_rate": "5", "upfront_rate": "2", "success_rate": "10"}


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def pdf_fonts(path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@pytest.fixture
def letterhead(alpha):
    firm = alpha.firm
    firm.letterhead_subtitle = "ALPHA LAW FIRM"
    firm.address = "北京市朝阳区建国路1号"
    firm.phone = "010-12345678"
    firm.letterhead_footer = "地址：北京市朝阳区建国路1号　网址：alpha.example"
    firm.save()
    return alpha


@pytest.mark.parametrize("role", ["partner", "lawyer", "paralegal", "finance"])
def test_estimate_form_for_firm_staff(alpha, role):
    response = alpha.client(getattr(alpha, role)).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "生成PDF" in html
    assert 'value="5"' in html and 'value="2"' in html and 'value="10"' in html  # the default arrangements


def test_client_user_gets_403(alpha):
    assert alpha.client(alpha.client_a).get(URL).status_code == 403
    assert alpha.client(alpha.client_b).post(URL, FORM).status_code == 403


def test_anonymous_is_sent_to_login(alpha):
    response = alpha.client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_no_estimate_on_the_platform(platform_client):
    assert platform_client.get(URL).status_code == 404


def test_beta_person_cannot_print_on_alphas_letterhead(alpha, beta):
    response = beta.client(beta.lawyer).post(URL, FORM, HTTP_HOST=alpha.host)
    assert response.status_code == 302  # not signed in on alpha's site


def test_estimate_pdf_has_chinese_text_and_embedded_cjk_fonts(letterhead, tmp_path):
    response = letterhead.client(letterhead.lawyer).post(URL, FORM)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    path = tmp_path / "estimate.pdf"
    path.write_bytes(response.content)
    assert response.content.startswith(b"%PDF")

    text = pdf_text(path)
    for expected in (
        "甲律师事务所",  # the firm's name on the letterhead
        "ALPHA LAW FIRM",
        "010-12345678",
        "alpha.example",  # the footer
        "案件受理费",
        "12,760.00",
        "壹万贰仟柒佰陆拾元整",  # 12,760 in uppercase
        "财产保全申请费",
        "申请执行费",
        "支付令申请费",
        "某某贸易有限公司",
        "44,800.00",  # fixed fee: 5% of 896,000
        "161,280.00",  # statutory cap on 896,000: 18%
        "第1页/共2页",  # pdftotext drops the spaces around the counters
    ):
        assert expected in text, expected
    fonts = pdf_fonts(path)
    cjk = [row for row in fonts if "CJK" in row[0]]
    assert cjk, fonts
    # columns: name type encoding emb sub uni object ID; "type" may be two words ("CID Type 0C (OT)")
    assert all(row[-5] == "yes" for row in cjk), fonts


def test_arrangement_above_the_cap_is_flagged(letterhead, tmp_path):
    form = {**FORM, "amount": "120000000", "upfront_rate": "5", "success_rate": "20"}
    response = letterhead.client(letterhead.partner).post(URL, form)
    assert response.status_code == 200
    path = tmp_path / "estimate.pdf"
    path.write_bytes(response.content)
    text = pdf_text(path).replace("\n", "")
    assert "超过风险代理收费上限" in text
    assert "高于18%" in text


def test_estimate_checks_the_arrangement_with_the_rules():
    within = presenters.cost_estimate(amount=Decimal("896000"), preservation_amount=None, execution_amount=None,
                                      cause="sale", fixed_rate_percent=Decimal("5"),
                                      upfront_rate_percent=Decimal("2"), success_rate_percent=Decimal("10"))
    assert within["risk"]["problems"] == []
    assert within["risk"]["total_at_full"] == "107520.00"
    assert within["risk"]["cap"] == "161280.00"
    assert within["fixed"]["fee"] == "44800.00"
    above = presenters.cost_estimate(amount=Decimal("100000000"), preservation_amount=None, execution_amount=None,
                                     cause="sale", fixed_rate_percent=Decimal("5"),
                                     upfront_rate_percent=Decimal("2"), success_rate_percent=Decimal("10"))
    assert above["risk"]["exceeds_cap"] is True  # 12% of 100 million is above the 7.98 million cap
    assert any("超过风险代理收费上限" in problem for problem in above["risk"]["problems"])
    assert above["risk"]["total_within_cap"] == above["risk"]["cap"]
    banned = presenters.cost_estimate(amount=Decimal("50000"), preservation_amount=None, execution_amount=None,
                                      cause="labour_pay", fixed_rate_percent=Decimal("5"),
                                      upfront_rate_percent=Decimal("2"), success_rate_percent=Decimal("10"))
    assert banned["risk"]["allowed"] is False
    assert any("禁止" in problem for problem in banned["risk"]["problems"])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": "-1"}, "不能为负数"),
        ({"amount": "0"}, "必须大于0"),
        ({"amount": "abc"}, "必须是数字"),
        ({"fixed_rate": "150"}, "不大于100"),
        ({"success_rate": "x"}, "必须是数字"),
        ({"cause": "nonsense"}, "nonsense"),
    ],
)
def test_invalid_estimate_input_shows_the_form_again(alpha, changes, message):
    response = alpha.client(alpha.lawyer).post(URL, {**FORM, **changes})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()


def test_render_pdf_without_a_firm_uses_the_platform_name(tmp_path):
    estimate = presenters.cost_estimate(amount=Decimal("8000"), preservation_amount=None, execution_amount=None,
                                        cause="sale", fixed_rate_percent=Decimal("5"),
                                        upfront_rate_percent=Decimal("2"), success_rate_percent=Decimal("10"))
    path = tmp_path / "platform.pdf"
    path.write_bytes(render_pdf("pdf/cost_estimate.html", {"estimate": estimate}))
    assert "清收云" in pdf_text(path)


def test_letterhead_text_is_escaped(alpha):
    alpha.firm.name = "<script>甲</script>"
    html = render_html("pdf/base.html", {}, firm=alpha.firm)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_pdf_fetcher_refuses_remote_and_outside_files(tmp_path, settings):
    fetcher = LocalOnlyURLFetcher()
    for url in ("http://example.com/x.css", "https://example.com/font.woff", "ftp://example.com/x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    inside = settings.BASE_DIR / "templates" / "pdf" / "base.html"
    response = fetcher.fetch(inside.as_uri())
    assert response.read().startswith(b"{% load i18n %}")
    response.close()


def test_remote_stylesheet_in_a_template_is_not_fetched(tmp_path, settings, monkeypatch):
    """A template that links a remote stylesheet still renders, without any network access."""
    import urllib.request

    opened = []
    real_open = urllib.request.OpenerDirector.open

    def recording_open(self, request, *args, **kwargs):
        opened.append(getattr(request, "full_url", request))
        return real_open(self, request, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", recording_open)
    template_dir = tmp_path / "templates"
    (template_dir / "pdf").mkdir(parents=True)
    (template_dir / "pdf" / "remote.html").write_text(
        '{% extends "pdf/base.html" %}{% block content %}<link rel="stylesheet" href="https://cdn.example/x.css">'
        "<p>正文</p>{% endblock %}",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [template_dir, *settings.TEMPLATES[0]["DIRS"]]}]
    pdf = render_pdf("pdf/remote.html", {})
    path = tmp_path / "remote.pdf"
    path.write_bytes(pdf)
    assert "正文" in pdf_text(path)
    assert not [url for url in opened if not str(url).startswith(("file:", "data:"))], opened
