"""Firm templates are hostile input: the strict check at upload, the sandbox at rendering, plain-data contexts,
bounded work. The payloads are real attacks on Jinja; each must be refused by name, through the API and the
page as well as by the pure check, and nothing is stored."""

import time
from datetime import date
from decimal import Decimal
from io import BytesIO

import jinja2
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context
from docx import Document

from documents import catalogue, docx, sandbox, services, template_context
from documents.builtin import BUILDERS, builtin_template
from documents.missing import Missing
from documents.models import DocumentTemplate, GeneratedDocument, LetterCounter
from documents.selectors import demo_matter_data, matter_document_data, matter_for_documents
from documents.template_context import build_context
from matters.models import Matter
from tests.documents.helpers import docx_text, template_with, upload_template

# (payload, the kind of offence, the expression the message names)
ATTACKS = [
    # Walks to Python's internals, through subscripts and through attributes.
    ("{{ firm.name['__class__']['__mro__'][1]['__subclasses__']()|length }}", "call",
     "firm.name['__class__']['__mro__'][1]['__subclasses__']()"),
    ("{{ firm.name['__class__'] }}", "private", "firm.name['__class__']"),
    ("{{ firm.name.__class__.__mro__ }}", "private", "firm.name.__class__.__mro__"),
    ("{{ debtor['name']['__class__']['__base__'] }}", "private", "debtor['name']['__class__']['__base__']"),
    ("{% for e in evidence %}{{ e.__class__ }}{% endfor %}", "private", "e.__class__"),
    ("{% for e in evidence %}{{ loop._iterator }}{% endfor %}", "private", "loop._iterator"),
    # Jinja's globals.
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "call",
     "cycler.__init__.__globals__.os.popen('id').read()"),
    ("{{ cycler }}", "unknown", "cycler"),
    ("{{ joiner.__init__.__globals__ }}", "private", "joiner.__init__.__globals__"),
    ("{{ namespace(x=1) }}", "call", "namespace(x=1)"),
    ("{% set ns = namespace(x=1) %}", "statement", "{% set ns = namespace(x=1) %}"),
    ("{{ lipsum.__globals__['os'] }}", "private", "lipsum.__globals__['os']"),
    ("{{ lipsum(n=100000) }}", "call", "lipsum(n=100000)"),
    ("{{ dict(a=1) }}", "call", "dict(a=1)"),
    ("{{ range(10**8)|length }}", "call", "range(10 ** 8)"),
    # The template itself.
    ("{{ self }}", "unknown", "self"),
    ("{{ self._TemplateReference__context }}", "private", "self._TemplateReference__context"),
    ("{% include 'documents/index.html' %}", "statement", "{% include … %}"),
    ("{% macro m() %}x{% endmacro %}", "statement", "{% macro … %}"),
    # Format strings.
    ("{{ '{0.__class__.__mro__}'.format(firm.name) }}", "call", "'{0.__class__.__mro__}'.format(firm.name)"),
    ("{{ '%s'|format(firm) }}", "filter", "'%s'|format(firm)"),
    ("{{ '%s' % firm.name }}", "operator", "'%s' % firm.name"),
    ("{{ firm.name|attr('__class__') }}", "filter", "firm.name|attr('__class__')"),
    ("{{ evidence|map(attribute='__class__')|list }}", "filter", "evidence|map(attribute='__class__')|list"),
    # Names the catalogue does not have.
    ("{{ config }}", "unknown", "config"),
    ("{{ debtor.name.upper }}", "unknown", "debtor.name.upper"),
    ("{{ evidence[0] }}", "subscript", "evidence[0]"),
    ("{{ debtor.name is sameas(firm.name) }}", "test", "debtor.name is sameas(firm.name)"),
    # Unbounded work.
    ("{% for i in range(10**8) %}x{% endfor %}", "loop", "{% for i in range(10 ** 8) %}"),
    ("{% for e in evidence %}{% for f in evidence %}x{% endfor %}{% endfor %}", "nested_loop",
     "{% for f in evidence %}"),
    ("{{ 9**9**9 }}", "operator", "9 ** 9 ** 9"),
    ("{{ 'x' * 1000000000 }}", "operator", "'x' * 1000000000"),
]


def offences_in(source: str) -> list[sandbox.Offence]:
    return sandbox.offences(sandbox.TemplateSandbox().parse(source))


# --- the pure check -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("payload", "kind", "expression"), ATTACKS)
def test_the_check_refuses_each_attack_by_name(payload, kind, expression):
    found = offences_in(payload)
    assert [(offence.kind, offence.expression) for offence in found] == [(kind, expression)]
    assert expression in found[0].message("（正文第2段）")


def test_the_check_accepts_what_the_catalogue_offers():
    source = ("{{ debtor.name }}{{ debtor['address'] }}{{ today }}{{ firm.name|upper }}"
              "{{ debtor.phone|default('（未提供）', true) }}{{ claim.total ~ '元' }}"
              "{% if claim.has_interest and not matter.is_loan %}{{ claim.interest }}{% elif debtor.is_person %}"
              "{% else %}无{% endif %}{% if matter.cause_code in ['sale', 'loan'] %}{{ matter.cause }}{% endif %}"
              "{% for e in evidence if e.number %}{{ loop.index }}{{ e.title }}{% if loop.last %}。{% endif %}"
              "{% else %}无证据{% endfor %}{% for g in guarantors %}{{ g.name }}{% endfor %}{{ evidence|length }}")
    assert offences_in(source) == []


def test_the_allowed_filters_are_the_catalogues_and_the_sandbox_has_no_globals_or_tests():
    environment = sandbox.TemplateSandbox()
    assert isinstance(environment, jinja2.sandbox.ImmutableSandboxedEnvironment)
    assert set(environment.filters) == set(catalogue.FILTERS)
    assert environment.globals == {} and environment.tests == {}
    assert offences_in("{{ debtor.name|" + "|".join(catalogue.FILTERS) + " }}") == []


# --- built-in templates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_every_builtin_template_passes_the_check_on_upload(alpha, kind, media_root):
    with schema_context(alpha.firm.schema_name):
        template = services.template_upload(actor=alpha.partner, kind=kind, file=ContentFile(
            builtin_template(kind), name=f"{kind}.docx"), firm=alpha.firm)
    assert template.is_active and template.version == 1


def test_a_harmless_edit_of_a_word_in_a_builtin_template_is_accepted_and_used(alpha, alpha_case):
    document = Document(BytesIO(builtin_template("demand_letter")))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs if "郑重致函如下" in run.text]
    assert len(runs) == 1
    runs[0].text = runs[0].text.replace("郑重致函如下", "特此致函如下")
    edited = BytesIO()
    document.save(edited)
    partner = alpha.client(alpha.partner)
    response = upload_template(partner, edited.getvalue())
    assert response.status_code == 201, response.content
    with schema_context(alpha.firm.schema_name):
        letter = services.document_generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="demand_letter",
                                            firm=alpha.firm)
        with letter.file.open("rb") as handle:
            text = docx_text(handle.read())
    assert "特此致函如下" in text and "郑重致函如下" not in text and "杭州钱塘建材有限公司" in text


# --- the upload path --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("payload", "kind", "expression"), ATTACKS)
def test_upload_refuses_each_attack_naming_it_and_where_it_is(alpha, payload, kind, expression):
    response = upload_template(alpha.client(alpha.partner), template_with("致：{{ debtor.name }}", payload))
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "template_invalid"
    [problem] = body["problems"]
    assert problem["code"] == ("unknown_variable" if kind == "unknown" else "forbidden")
    assert expression in problem["message"] and "正文第3段" in problem["message"]
    assert problem["paragraph"] == 3
    with schema_context(alpha.firm.schema_name):
        assert not DocumentTemplate.objects.exists()


def test_an_english_user_reads_the_refusal_in_english(alpha):
    browser = alpha.client(alpha.partner)
    browser.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = upload_template(browser, template_with("{{ firm.name|attr('__class__') }}"))
    [problem] = response.json()["problems"]
    assert problem["message"].startswith("Filter not allowed: “firm.name|attr('__class__')”")


def test_upload_page_refuses_the_subscript_walk_by_name(alpha):
    content = template_with("{{ firm.name['__class__']['__mro__'][1]['__subclasses__']()|length }}")
    response = alpha.client(alpha.partner).post("/documents/templates/upload/", {
        "kind": "demand_letter", "file": SimpleUploadedFile("律师函.docx", content)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "模板未通过检查" in page and "不允许的调用" in page and "__subclasses__" in page and "正文第2段" in page
    with schema_context(alpha.firm.schema_name):
        assert not DocumentTemplate.objects.exists()


def test_the_check_endpoint_reports_without_storing(alpha):
    response = alpha.client(alpha.partner).post("/api/v1/document-templates/check/", {
        "kind": "demand_letter", "file": SimpleUploadedFile("t.docx", template_with("{{ lipsum() }}"))})
    assert response.status_code == 200
    assert response.json()["ok"] is False and "lipsum()" in response.json()["problems"][0]["message"]


def test_a_payload_hidden_in_the_document_properties_is_refused(alpha):
    """docxtpl renders the title, subject and other properties too, which are not paragraphs."""
    builder = docx.DocBuilder()
    builder.para("致：{{ debtor.name }}")
    builder.doc.core_properties.title = "{{ firm.name['__class__']['__mro__'][1]['__subclasses__']()|length }}"
    response = upload_template(alpha.client(alpha.partner), builder.bytes())
    assert response.status_code == 400, response.content
    [problem] = response.json()["problems"]
    assert problem["code"] == "forbidden"
    assert "firm.name['__class__']['__mro__'][1]['__subclasses__']()" in problem["message"]
    assert "段落文字以外" in problem["message"]
    with schema_context(alpha.firm.schema_name):
        assert not DocumentTemplate.objects.exists()


def test_a_template_stored_before_the_check_is_refused_when_generating(alpha, alpha_case):
    """Templates uploaded under the old, weaker check are still in firms' schemas: generation checks again."""
    content = template_with("致：{{ debtor.name }}", "{{ firm.name['__class__']['__mro__'][1]['__subclasses__']()|length }}")
    with schema_context(alpha.firm.schema_name):
        stale = DocumentTemplate(kind="demand_letter", version=1, original_name="old.docx", sha256="0" * 64,
                                 is_active=True, uploaded_by=alpha.partner)
        stale.file.save("old.docx", ContentFile(content), save=True)
        with pytest.raises(ValidationError) as refused:
            services.document_generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="demand_letter",
                                       firm=alpha.firm)
        assert not GeneratedDocument.objects.filter(matter=alpha_case.matter).exists()
        assert not LetterCounter.objects.filter(last_number__gt=0).exists()
    assert "__subclasses__" in " ".join(refused.value.messages)


# --- rendering --------------------------------------------------------------------------------------------------


def test_range_of_ten_to_the_eighth_stops_at_once_even_without_the_check():
    started = time.monotonic()
    with pytest.raises(jinja2.UndefinedError):
        sandbox.TemplateSandbox().from_string("{% for i in range(100000000) %}x{% endfor %}").render()
    assert time.monotonic() - started < 1


def test_arithmetic_is_refused_when_rendering_and_not_folded_when_compiling():
    started = time.monotonic()
    template = sandbox.TemplateSandbox().from_string("{{ 9**9**9 }}{{ 'x' * 10**10 }}")
    with pytest.raises(jinja2.exceptions.SecurityError):
        template.render()
    assert time.monotonic() - started < 1


def test_a_rendering_that_grows_too_large_is_stopped():
    template = sandbox.BoundedTemplate(sandbox.TemplateSandbox().from_string(
        "{% for e in evidence %}{{ e.title }}{% endfor %}"))
    started = time.monotonic()
    with pytest.raises(sandbox.RenderLimitExceeded):
        template.render(evidence=[{"title": "证" * 100_000}] * 1_000)  # 100 million characters
    assert time.monotonic() - started < 1


def test_a_rendering_that_takes_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_RENDER_SECONDS", 0.05)
    template = sandbox.BoundedTemplate(sandbox.TemplateSandbox().from_string(
        "{% for e in evidence %}{{ e.title }}{% if loop.last %}{% endif %}{% endfor %}"))
    started = time.monotonic()
    with pytest.raises(sandbox.RenderLimitExceeded):
        template.render(evidence=[{"title": "证"}] * 2_000_000)
    assert time.monotonic() - started < 1


def test_rendering_checks_every_source_it_compiles():
    with pytest.raises(sandbox.UnsafeTemplate) as refused:
        sandbox.RenderEnvironment().from_string("<w:t>{{ cycler.__init__ }}</w:t>")
    assert [offence.expression for offence in refused.value.offences] == ["cycler.__init__"]


# --- the context ------------------------------------------------------------------------------------------------

PLAIN = (str, int, float, Decimal, date, type(None))


def walk(value, path="context"):
    """(path, value) of every leaf."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), f"{path}: key {key!r}"
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, f"{path}[{index}]")
    else:
        yield path, value


def test_the_context_of_a_real_matter_is_plain_data(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        matter = matter_for_documents(Matter.objects.filter(pk=alpha_case.matter.pk)).get()
        context, _collector = build_context(matter_document_data(matter, firm=alpha.firm))
    leaves = list(walk(context))
    assert len(leaves) > 100 and context["evidence"] and context["guarantors"] and context["instalments"]
    not_plain = [(path, type(value)) for path, value in leaves if not isinstance(value, (*PLAIN, Missing))]
    assert not_plain == []
    assert {type(value) for _path, value in leaves} >= {str, int, bool}


def test_the_demo_context_is_plain_data_too():
    context, _collector = build_context(demo_matter_data())
    assert [(path, type(value)) for path, value in walk(context) if not isinstance(value, (*PLAIN, Missing))] == []


def test_a_model_instance_in_the_context_is_refused(alpha, alpha_case, monkeypatch):
    original = template_context.Builder.build

    def leaky(self):
        return {**original(self), "matter_object": self.data.matter}

    monkeypatch.setattr(template_context.Builder, "build", leaky)
    with schema_context(alpha.firm.schema_name), pytest.raises(TypeError, match="matter_object"):
        matter = matter_for_documents(Matter.objects.filter(pk=alpha_case.matter.pk)).get()
        build_context(matter_document_data(matter, firm=alpha.firm))
