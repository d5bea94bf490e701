"""The one HTML-to-PDF renderer of the product: cost estimates now, invoices and reports later.

``render_pdf(template_name, context, firm=firm)`` renders a Django template that extends ``pdf/base.html`` and
returns the PDF bytes. The base template puts the firm's letterhead on every page (name, subtitle, address and
phone at the top; ``letterhead_footer`` and "第 X 页 / 共 Y 页" at the bottom), on A4.

- Fonts: the system's Noto Serif CJK SC (Debian ``fonts-noto-cjk``), regular and bold, named in CSS; WeasyPrint
  embeds the subset of glyphs used (fast when ``libharfbuzz-subset0`` is installed). One family on purpose:
  every face costs a subsetting pass over a large CJK font (about 40 ms each here).
- Nothing is fetched from the network: the URL fetcher refuses every scheme but ``data:`` and ``file:``, and a
  ``file:`` URL only inside the project's ``templates/`` and ``static/`` directories. Text entered by people
  (firm names, client names) is autoescaped by the template engine as usual.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

BASE_TEMPLATE = "pdf/base.html"


def _allowed_roots() -> tuple[Path, ...]:
    base = Path(settings.BASE_DIR)
    return ((base / "templates").resolve(), (base / "static").resolve())


class LocalOnlyURLFetcher(URLFetcher):
    """Fetches ``data:`` URLs and files under the project's templates and static directories, nothing else."""

    def __init__(self):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=5)

    def fetch(self, url, headers=None):
        if url.lower().startswith("file:"):
            path = Path(unquote(urlparse(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in _allowed_roots()):
                raise ValueError(f"PDF may only load files from the project's templates or static: {url}")
        return super().fetch(url, headers)


def letterhead(firm) -> dict:
    """What the letterhead prints; the platform's own name when there is no firm."""
    if firm is None or getattr(firm, "is_platform", False):
        return {"name": "清收云", "subtitle": "", "address": "", "phone": "", "email": "", "footer": ""}
    return {
        "name": firm.name,
        "subtitle": firm.letterhead_subtitle,
        "address": firm.address,
        "phone": firm.phone,
        "email": firm.email,
        "footer": firm.letterhead_footer,
    }


def render_html(template_name: str, context: dict, *, firm=None) -> str:
    """The HTML that :func:`render_pdf` turns into a PDF (for tests and previews)."""
    return render_to_string(template_name, {**context, "firm": firm, "letterhead": letterhead(firm)})


_FETCHER: LocalOnlyURLFetcher | None = None


def _fetcher() -> LocalOnlyURLFetcher:
    # Built once: urllib's opener creates an SSL context (≈ 30 ms, reading the system's CA store) per instance.
    global _FETCHER
    if _FETCHER is None:
        _FETCHER = LocalOnlyURLFetcher()
    return _FETCHER


def render_pdf(template_name: str, context: dict, *, firm=None) -> bytes:
    """Render ``template_name`` with ``context`` on the firm's letterhead and return the PDF (A4)."""
    html = render_html(template_name, context, firm=firm)
    document = HTML(
        string=html,
        base_url=str(Path(settings.BASE_DIR) / "templates" / "pdf") + "/",
        url_fetcher=_fetcher(),
        media_type="print",
    )
    return document.write_pdf()
