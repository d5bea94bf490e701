"""Every refusal of the API is JSON in the error format, in Chinese (English for English users); the pages
get a Chinese page for the same refusals instead of Django's bare English one."""

import json

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver
from django_tenants.utils import schema_context
from rest_framework import parsers

from accounts.services import token_for
from core.api import JSONParser
from documents.models import GeneratedDocument
from matters.models import EvidenceFile
from tests.matters.helpers import PDF_BYTES, build_world

pytestmark = pytest.mark.django_db


def _api(people, user=None, *, english=False) -> Client:
    user = user or people.lawyer
    with schema_context(people.firm.schema_name):
        token = token_for(user)
    browser = Client(HTTP_HOST=people.host, HTTP_AUTHORIZATION=f"Token {token}")
    if english:
        browser.cookies.load({"django_language": "en"})
    return browser


def _post_json(browser, path, body: str):
    return browser.post(path, body, content_type="application/json")


# --- bodies that are not JSON ------------------------------------------------------------------------------


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_in_chinese(alpha, constant):
    response = _post_json(_api(alpha), "/api/v1/clients/", '{"name": "甲公司", "uscc": ' + constant + "}")
    assert response.status_code == 400
    assert response.json() == {"code": "parse_error",
                               "message": f"请求内容中的 {constant} 不是数字：JSON 不允许 NaN 或 Infinity。"}


def test_nan_is_refused_in_english_for_english_users(alpha):
    response = _post_json(_api(alpha, english=True), "/api/v1/clients/", '{"name": NaN}')
    assert response.status_code == 400
    assert response.json()["message"] == "NaN in the request is not a number: JSON allows neither NaN nor Infinity."


def test_broken_json_names_where_it_breaks(alpha):
    response = _post_json(_api(alpha), "/api/v1/clients/", '{"name":\n "甲公司",}')
    assert response.status_code == 400
    assert response.json() == {"code": "parse_error", "message": "请求内容不是有效的 JSON：第 2 行第 8 列有误。"}


def test_a_broken_multipart_body_is_explained_in_chinese(alpha):
    response = _api(alpha).generic("POST", "/api/v1/evidence/", b"--x\r\nbroken",
                                   content_type="multipart/form-data")  # no boundary
    assert response.status_code == 400
    assert response.json() == {"code": "parse_error",
                               "message": "请求内容无法解析，请检查 Content-Type 与请求内容是否一致。"}


def _api_views():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif hasattr(pattern.callback, "cls"):
                yield pattern.callback.cls
    return list(walk(get_resolver("config.urls_firm").url_patterns))


def test_every_api_view_reads_json_with_the_strict_parser():
    views = _api_views()
    assert len(views) > 20
    lenient = [view.__name__ for view in views for parser in view.parser_classes
               if issubclass(parser, parsers.JSONParser) and not issubclass(parser, JSONParser)]
    assert lenient == []


# --- bodies over the limits --------------------------------------------------------------------------------


def test_a_body_over_the_size_limit_is_a_json_413(alpha, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = _post_json(_api(alpha), "/api/v1/clients/", json.dumps({"name": "甲" * 20_000}))
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"code": "request_too_large",
                               "message": "提交的内容过大（上限 9.8\xa0KB），请减少内容或分批提交。"}


def test_too_many_form_fields_is_a_json_400(alpha, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = _api(alpha).post("/api/v1/clients/", {f"field{n}": "x" for n in range(10)})
    assert response.status_code == 400
    assert response.json() == {"code": "too_many_fields", "message": "提交的字段过多（上限 5 个），请分批提交。"}


def test_a_page_body_over_the_size_limit_gets_a_chinese_page(alpha, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = alpha.client(alpha.lawyer).post("/clients/new/", {"name": "甲" * 20_000})
    assert response.status_code == 413
    page = response.content.decode()
    assert "提交的内容过大" in page and "Bad Request" not in page
    assert 'lang="zh-hans"' in page


# --- CSRF --------------------------------------------------------------------------------------------------


def _session_browser(people, *, english=False) -> Client:
    browser = Client(HTTP_HOST=people.host, enforce_csrf_checks=True)
    with schema_context(people.firm.schema_name):
        browser.force_login(people.lawyer)
    if english:
        browser.cookies.load({"django_language": "en"})
    return browser


def test_a_session_api_call_without_csrf_token_is_refused_in_chinese(alpha):
    response = _session_browser(alpha).post("/api/v1/clients/", {"name": "甲公司"},
                                            content_type="application/json")
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "csrf_failed"
    assert body["message"].startswith("CSRF 校验失败") and "X-CSRFToken" in body["message"]


def test_a_session_api_call_without_csrf_token_is_refused_in_english_for_english_users(alpha):
    response = _session_browser(alpha, english=True).post("/api/v1/clients/", {"name": "x"},
                                                          content_type="application/json")
    assert response.status_code == 403
    assert response.json()["message"].startswith("CSRF check failed")


def test_a_session_api_call_with_its_csrf_token_passes(alpha):
    browser = _session_browser(alpha)
    browser.get("/matters/")  # sets the csrftoken cookie
    token = browser.cookies["csrftoken"].value
    response = browser.get("/api/v1/me/")
    assert response.status_code == 200
    response = browser.post("/api/v1/clients/", {"name": ""}, content_type="application/json",
                            HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_a_page_csrf_failure_gets_a_chinese_page(alpha):
    response = _session_browser(alpha).post("/clients/new/", {"name": "甲公司"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期" in page and "刷新页面后重新提交" in page
    assert "CSRF verification failed" not in page


# --- text and file names -----------------------------------------------------------------------------------


def test_a_nul_character_is_named_not_called_an_empty_string(alpha, media_root):
    world = build_world(alpha)
    response = _api(alpha).patch(f"/api/v1/clients/{world.client}/", json.dumps({"name": "甲\x00公司"}),
                                 content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert list(body["fields"]) == ["name"]
    assert body["message"].startswith("不能包含空字符")
    assert "空字符串" not in body["message"]


def test_a_nul_character_in_a_page_form_gets_the_same_message():
    with pytest.raises(forms.ValidationError) as error:
        forms.CharField().clean("甲\x00公司")
    assert error.value.messages[0].startswith("不能包含空字符")


LONG_NAME = "关于某某贸易有限公司买卖合同纠纷一案的证据材料" * 9 + ".pdf"  # 211 characters


def test_a_too_long_evidence_file_name_is_reported_on_the_file(alpha, media_root):
    world = build_world(alpha)
    response = _api(alpha).post("/api/v1/evidence/", {"matter": world.matter,
                                                      "file": SimpleUploadedFile(LONG_NAME, PDF_BYTES)})
    assert response.status_code == 400
    body = response.json()
    assert list(body["fields"]) == ["file"]
    assert body["message"] == "文件名过长（211 个字符，最多 200 个），请改短文件名后再上传。"
    with schema_context(alpha.firm.schema_name):
        assert EvidenceFile.objects.count() == 1  # the world's own, nothing more


def test_a_too_long_document_file_name_is_reported_on_the_file(alpha, media_root):
    world = build_world(alpha)
    response = _api(alpha).post(f"/api/v1/matters/{world.matter}/documents/upload/",
                                {"file": SimpleUploadedFile(LONG_NAME, PDF_BYTES)})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["file"]
    with schema_context(alpha.firm.schema_name):
        assert not GeneratedDocument.objects.exists()


def test_a_file_name_of_the_longest_allowed_length_is_kept(alpha, media_root):
    world = build_world(alpha)
    name = "证" * 196 + ".pdf"
    response = _api(alpha).post("/api/v1/evidence/", {"matter": world.matter,
                                                      "file": SimpleUploadedFile(name, PDF_BYTES)})
    assert response.status_code == 201
    assert response.json()["original_name"] == name and response.json()["title"] == name
