""".docx documents with python-docx: building templates in code, their fonts, and reading their text back.

- :class:`DocBuilder` writes docxtpl *source* documents (A4, court-style headings, 宋体 body, 黑体 headings,
  sizes 二号/三号/四号/小四). Placeholders go in whole runs; table loops use ``{%tr for %}`` rows; conditional
  paragraphs ``{%p if %}``. No binary .docx is committed: built-ins are built from code.
- :func:`ensure_east_asian_fonts` gives every run an East Asian font (``w:eastAsia`` in ``w:rFonts``),
  including runs of firm-uploaded templates that Word saved without one.
- :func:`document_texts` reads every paragraph back (body, tables, headers and footers).

Filling a template and checking an uploaded one is documents/rendering.py.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT = "宋体"  # SimSun
HEADING_FONT = "黑体"  # SimHei
LATIN_FONT = "Times New Roman"
# Chinese type sizes in points.
SIZE = {"二号": 22, "小二": 18, "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5}


# --- Fonts -----------------------------------------------------------------------------------------------


def _rfonts_of(run_element):
    rpr = run_element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run_element.insert(0, rpr)
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        style = rpr.find(qn("w:rStyle"))
        rpr.insert(1 if style is not None else 0, rfonts)
    return rfonts


def set_fonts(run_element, east_asia: str = BODY_FONT, latin: str | None = LATIN_FONT) -> None:
    rfonts = _rfonts_of(run_element)
    rfonts.set(qn("w:eastAsia"), east_asia)
    if latin:
        rfonts.set(qn("w:ascii"), latin)
        rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:hint"), "eastAsia")
    for theme in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme"):
        rfonts.attrib.pop(qn(theme), None)


def document_parts(document):
    """The XML of the body, then of every header and footer."""
    yield document.part.element
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            yield rel.target_part.element


def ensure_east_asian_fonts(document) -> None:
    """Every run without an explicit East Asian font gets 宋体 (a theme font is replaced, since Word prefers
    the theme over an explicit name)."""
    for root in document_parts(document):
        for run in root.iter(qn("w:r")):
            rfonts = _rfonts_of(run)
            if not rfonts.get(qn("w:eastAsia")):
                rfonts.set(qn("w:eastAsia"), BODY_FONT)
            rfonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    styles = document.styles.element
    for rpr in styles.iter(qn("w:rPr")):
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is not None and not rfonts.get(qn("w:eastAsia")):
            rfonts.set(qn("w:eastAsia"), BODY_FONT)
            rfonts.attrib.pop(qn("w:eastAsiaTheme"), None)


# --- Building templates ---------------------------------------------------------------------------------


class DocBuilder:
    """A docxtpl source document on A4 with court-style typography."""

    def __init__(self, *, body_size: str = "小四"):
        self.doc = Document()
        self.body_size = SIZE[body_size]
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(30), Mm(28)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.doc.styles["Normal"]
        normal.font.name = LATIN_FONT
        normal.font.size = Pt(self.body_size)
        rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        rfonts.set(qn("w:eastAsia"), BODY_FONT)

    # paragraphs
    def _para(self, *, align=None, indent: bool = False, space_after: float = 0, line: float = 1.5):
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        if align is not None:
            p.alignment = align
        if indent:
            fmt.first_line_indent = Pt(self.body_size * 2)
        fmt.space_after = Pt(space_after)
        fmt.space_before = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
        fmt.line_spacing = line
        return p

    def run(self, paragraph, text: str, *, font: str = BODY_FONT, size: float | None = None, bold: bool = False):
        run = paragraph.add_run(text)
        run.font.size = Pt(size or self.body_size)
        run.bold = bold
        set_fonts(run._element, font)
        return run

    def title(self, text: str, *, size: str = "二号"):
        p = self._para(align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12, line=1.2)
        self.run(p, text, font=HEADING_FONT, size=SIZE[size])
        return p

    def subtitle(self, text: str):
        p = self._para(align=WD_ALIGN_PARAGRAPH.RIGHT, space_after=6)
        self.run(p, text)
        return p

    def heading(self, text: str, *, size: str = "四号"):
        p = self._para(space_after=3)
        p.paragraph_format.space_before = Pt(6)
        self.run(p, text, font=HEADING_FONT, size=SIZE[size])
        return p

    def para(self, *parts, indent: bool = True, align=None, bold: bool = False):
        """A paragraph of text pieces; a piece may be a (text, {"bold": True, "font": …}) pair."""
        p = self._para(indent=indent, align=align)
        for part in parts:
            if isinstance(part, tuple):
                text, style = part
                self.run(p, text, bold=style.get("bold", False), font=style.get("font", BODY_FONT),
                         size=style.get("size"))
            else:
                self.run(p, part, bold=bold)
        return p

    def tag(self, text: str):
        """A paragraph that holds only a docxtpl paragraph tag, e.g. ``{%p if x %}`` (removed on rendering)."""
        p = self._para()
        self.run(p, text)
        return p

    def right(self, *lines: str):
        for line in lines:
            self.para(line, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)

    def blank(self):
        self._para()

    # tables
    def _cell_text(self, cell, text: str, *, bold: bool = False, font: str = BODY_FONT):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        for piece_index, piece in enumerate(text.split("\n")):
            if piece_index:
                paragraph = cell.add_paragraph()
            self.run(paragraph, piece, bold=bold, font=font, size=self.body_size - 1.5)

    def table(self, rows: list[list[str]], *, widths_mm: list[float] | None = None, header: bool = True,
              loop: tuple[str, list[str]] | None = None, total: list[str] | None = None):
        """A bordered table: ``rows`` (first is the header when ``header``), then, when ``loop`` is
        ``("for e in evidence", ["{{ e.title }}", …])``, the three docxtpl rows of a loop, then ``total``."""
        columns = len(rows[0]) if rows else len(loop[1])
        table = self.doc.add_table(rows=0, cols=columns)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for index, row in enumerate(rows):
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                self._cell_text(cell, text, bold=header and index == 0, font=HEADING_FONT
                                if header and index == 0 else BODY_FONT)
        if loop:
            statement, cells_text = loop
            self._cell_text(table.add_row().cells[0], "{%tr " + statement + " %}")
            for cell, text in zip(table.add_row().cells, cells_text, strict=True):
                self._cell_text(cell, text)
            self._cell_text(table.add_row().cells[0], "{%tr endfor %}")
        if total:
            for cell, text in zip(table.add_row().cells, total, strict=True):
                self._cell_text(cell, text, bold=True)
        if widths_mm:
            for row in table.rows:
                for cell, width in zip(row.cells, widths_mm, strict=False):
                    cell.width = Mm(width)
        self.doc.add_paragraph()
        return table

    def section_row_table(self, sections: list[tuple[str, list[tuple[str, str]]]], *, widths_mm=(45, 111)):
        """The 要素式 layout: a two-column table (element | content), a merged header row per section."""
        table = self.doc.add_table(rows=0, cols=2)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for heading, items in sections:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[1])
            self._cell_text(merged, heading, bold=True, font=HEADING_FONT)
            for label, content in items:
                if content is None:  # a docxtpl row tag such as {%tr if … %}
                    self._cell_text(table.add_row().cells[0], label)
                    continue
                cells = table.add_row().cells
                self._cell_text(cells[0], label)
                self._cell_text(cells[1], content)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=False):
                cell.width = Mm(width)
        self.doc.add_paragraph()
        return table

    def bytes(self) -> bytes:
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()


# --- Reading -------------------------------------------------------------------------------------------


def document_texts(document) -> list[str]:
    """The text of every paragraph (body in order, tables included; then headers and footers)."""
    return [paragraph_text(p) for root in document_parts(document) for p in root.iter(qn("w:p"))]


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))
