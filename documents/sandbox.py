"""The sandbox firm templates render in, and the strict check every template passes before it is compiled.

Anyone can sign up a firm and upload a template, and templates run on the server every firm shares. So a
template is hostile input, held back three ways, each enough alone against the attacks we know of:

- :func:`offences`, the check: a template prints only names of the variable catalogue, walks only the
  catalogue's fields, loops only over the catalogue's lists (never a loop inside a loop), calls nothing but the
  catalogue's filters, does no arithmetic, uses no statement but ``if`` and ``for``, and names nothing that
  starts with ``_``. Upload refuses a template that offends (documents/rendering.py says where). Rendering
  runs the check again on every source it compiles, so text hidden outside the paragraphs (field codes, document
  properties, footnotes) and templates stored before the check cannot slip by.
- :class:`TemplateSandbox`: ``ImmutableSandboxedEnvironment`` with no globals (no ``range``, ``dict``,
  ``lipsum``, ``cycler``, ``joiner``, ``namespace``), only the catalogue's filters, no tests, and arithmetic
  refused when it runs (so it is not folded at compile time either). The context it sees is plain data
  (template_context.build_context).
- :class:`BoundedTemplate`: a rendering stops when its output passes :data:`MAX_OUTPUT_CHARS` or its time passes
  :data:`MAX_RENDER_SECONDS`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import jinja2
from django.utils.translation import gettext as _
from jinja2 import nodes
from jinja2.defaults import DEFAULT_FILTERS
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from documents.catalogue import FILTERS, LOOP_FIELDS, known_names, list_fields

# A built-in filing renders to well under 1 MB of XML per part; a template that loops over a large evidence
# list stays far below these.
MAX_OUTPUT_CHARS = 20_000_000
MAX_RENDER_SECONDS = 1.0
EXPRESSION_MAX_CHARS = 120


class TemplateSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    intercepted_unops = frozenset({"+", "-"})

    def __init__(self):
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True)
        self.globals.clear()
        self.filters = {name: DEFAULT_FILTERS[name] for name in FILTERS}
        self.tests = {}

    def call_binop(self, context, operator, left, right):
        raise SecurityError(_("模板中不允许运算“%(operator)s”。") % {"operator": operator})

    def call_unop(self, context, operator, arg):
        raise SecurityError(_("模板中不允许运算“%(operator)s”。") % {"operator": operator})


class RenderLimitExceeded(SecurityError):
    pass


class BoundedTemplate:
    """A compiled template whose rendering is stopped once it grows too large or takes too long (checked at
    each piece of output, which every loop that prints something produces)."""

    def __init__(self, template: jinja2.Template):
        self.template = template

    def render(self, *args, **kwargs) -> str:
        deadline = time.monotonic() + MAX_RENDER_SECONDS
        size = 0
        pieces = []
        for piece in self.template.generate(*args, **kwargs):
            size += len(piece)
            if size > MAX_OUTPUT_CHARS or time.monotonic() > deadline:
                raise RenderLimitExceeded(_("模板填充超出限制（内容过多或耗时过长），已停止。"))
            pieces.append(piece)
        return "".join(pieces)


# --- The check ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Offence:
    kind: str  # a key of MESSAGES
    expression: str
    lineno: int

    def message(self, where: str = "") -> str:
        """The Chinese message naming the expression; ``where`` is e.g. "（正文第3段）"."""
        values = {"expression": self.expression, "where": where, "filters": "、".join(FILTERS)}
        return MESSAGES[self.kind]() % values


MESSAGES = {
    "unknown": lambda: _("未知变量“%(expression)s”%(where)s，请对照变量目录。"),
    "private": lambda: _("不允许的名称“%(expression)s”%(where)s：模板中不能使用以“_”开头的名称。"),
    "subscript": lambda: _("不允许的取值“%(expression)s”%(where)s：只能按变量目录中的名称取值。"),
    "call": lambda: _("不允许的调用“%(expression)s”%(where)s：模板只能使用变量目录中的过滤器（%(filters)s）。"),
    "filter": lambda: _("不允许的过滤器“%(expression)s”%(where)s：只能使用 %(filters)s。"),
    "test": lambda: _("不允许的判断“%(expression)s”%(where)s：请直接用 if 判断变量。"),
    "operator": lambda: _("不允许的运算“%(expression)s”%(where)s：模板中不能做运算，请使用变量目录中已算好的变量。"),
    "expression": lambda: _("不允许的表达式“%(expression)s”%(where)s。"),
    "statement": lambda: _("不允许的模板语句“%(expression)s”%(where)s：只能使用 if 和 for。"),
    "loop": lambda: _("不允许的循环“%(expression)s”%(where)s：只能循环变量目录中的列表，如 for e in evidence。"),
    "nested_loop": lambda: _("不允许的循环“%(expression)s”%(where)s：循环中不能再嵌套循环。"),
}
UNKNOWN = "unknown"
_LOOP = object()  # the scope binding of the ``loop`` variable inside a for


def offences(ast: nodes.Template) -> list[Offence]:
    """Everything in a parsed template that the catalogue does not allow, in order; the first offence of each
    expression only (nothing inside a refused expression is looked at)."""
    checker = _Checker()
    for node in ast.body:
        checker.statement(node, {}, in_loop=False)
    return checker.found


class _Checker:
    def __init__(self):
        self.names = known_names()
        self.lists = list_fields()
        self.found: list[Offence] = []

    def refuse(self, kind: str, node: nodes.Node) -> None:
        self.found.append(Offence(kind, expression_text(node), node.lineno))

    # statements

    def statement(self, node: nodes.Node, scope: dict, *, in_loop: bool) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expression(child, scope)
        elif isinstance(node, nodes.If):
            self.expression(node.test, scope)
            for child in (*node.body, *node.elif_, *node.else_):
                self.statement(child, scope, in_loop=in_loop)
        elif isinstance(node, nodes.For):
            self.loop(node, scope, in_loop=in_loop)
        else:
            self.refuse("statement", node)

    def loop(self, node: nodes.For, scope: dict, *, in_loop: bool) -> None:
        iterates_a_list = (isinstance(node.iter, nodes.Name) and node.iter.name in self.lists
                           and node.iter.name not in scope)
        simple_target = isinstance(node.target, nodes.Name) and not node.target.name.startswith("_")
        if in_loop:  # one loop multiplies the work by a list's length; nested ones by a power of it
            self.refuse("nested_loop", node)
            return
        if node.recursive or not iterates_a_list or not simple_target:
            self.refuse("loop", node)
            return
        inner = {**scope, node.target.name: node.iter.name, "loop": _LOOP}
        if node.test is not None:
            self.expression(node.test, inner)
        for child in node.body:
            self.statement(child, inner, in_loop=True)
        for child in node.else_:
            self.statement(child, scope, in_loop=in_loop)

    # expressions

    def expression(self, node: nodes.Node, scope: dict) -> None:
        if isinstance(node, nodes.Const):
            return
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            self.path(node, scope)
        elif isinstance(node, nodes.Filter):
            if node.name not in FILTERS or node.node is None or node.dyn_args or node.dyn_kwargs:
                self.refuse("filter", node)
                return
            self.expression(node.node, scope)
            for argument in (*node.args, *(keyword.value for keyword in node.kwargs)):
                self.expression(argument, scope)
        elif isinstance(node, nodes.And | nodes.Or):  # before BinExpr: they are BinExprs
            self.expression(node.left, scope)
            self.expression(node.right, scope)
        elif isinstance(node, nodes.Not):  # before UnaryExpr
            self.expression(node.node, scope)
        elif isinstance(node, nodes.Compare):
            self.expression(node.expr, scope)
            for operand in node.ops:
                self.expression(operand.expr, scope)
        elif isinstance(node, nodes.CondExpr):
            for part in (node.test, node.expr1, node.expr2):
                if part is not None:
                    self.expression(part, scope)
        elif isinstance(node, nodes.Concat):
            for part in node.nodes:
                self.expression(part, scope)
        elif isinstance(node, nodes.List | nodes.Tuple):
            for item in node.items:
                self.expression(item, scope)
        elif isinstance(node, nodes.Call):
            self.refuse("call", node)
        elif isinstance(node, nodes.Test):
            self.refuse("test", node)
        elif isinstance(node, nodes.BinExpr | nodes.UnaryExpr):
            self.refuse("operator", node)
        else:
            self.refuse("expression", node)

    def path(self, node: nodes.Node, scope: dict) -> None:
        """A name and its fields (``debtor.name``, ``debtor['name']``, ``e.title``, ``loop.index``)."""
        steps: list[str | None] = []  # None: a subscript that is not a constant text
        current = node
        while isinstance(current, nodes.Getattr | nodes.Getitem):
            if isinstance(current, nodes.Getattr):
                steps.append(current.attr)
            elif isinstance(current.arg, nodes.Const) and isinstance(current.arg.value, str):
                steps.append(current.arg.value)
            else:
                steps.append(None)
            current = current.node
        if isinstance(current, nodes.Name):
            steps.append(current.name)
        steps.reverse()
        if any(isinstance(step, str) and step.startswith("_") for step in steps):
            self.refuse("private", node)
        elif None in steps:
            self.refuse("subscript", node)
        elif not isinstance(current, nodes.Name):
            self.refuse("expression", node)
        elif steps[0] in scope:
            binding = scope[steps[0]]
            fields = LOOP_FIELDS if binding is _LOOP else self.lists[binding]
            if len(steps) > 2 or (len(steps) == 2 and steps[1] not in fields):
                self.refuse(UNKNOWN, node)
        elif ".".join(steps) not in self.names:
            self.refuse(UNKNOWN, node)


# --- Naming an expression in a message ------------------------------------------------------------------------

_STATEMENT_TAGS = {
    "Assign": "set", "AssignBlock": "set", "Macro": "macro", "CallBlock": "call", "FilterBlock": "filter",
    "With": "with", "Block": "block", "Extends": "extends", "Include": "include", "Import": "import",
    "FromImport": "from", "ScopedEvalContextModifier": "autoescape", "EvalContextModifier": "autoescape",
    "ExprStmt": "do", "Continue": "continue", "Break": "break",
}


def expression_text(node: nodes.Node) -> str:
    """The template text of ``node``, near enough to find it (``firm.name['__class__']``, ``x|attr('y')``)."""
    text = _text(node)
    return text if len(text) <= EXPRESSION_MAX_CHARS else text[:EXPRESSION_MAX_CHARS - 1] + "…"


def _arguments(node) -> str:
    parts = [_text(argument) for argument in node.args]
    parts += [f"{keyword.key}={_text(keyword.value)}" for keyword in node.kwargs]
    parts += [f"*{_text(node.dyn_args)}"] if node.dyn_args is not None else []
    parts += [f"**{_text(node.dyn_kwargs)}"] if node.dyn_kwargs is not None else []
    return ", ".join(parts)


def _text(node) -> str:
    if node is None:
        return ""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Getattr):
        return f"{_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_text(node.node)}[{_text(node.arg)}]"
    if isinstance(node, nodes.Slice):
        return f"{_text(node.start)}:{_text(node.stop)}" + (f":{_text(node.step)}" if node.step else "")
    if isinstance(node, nodes.Call):
        return f"{_text(node.node)}({_arguments(node)})"
    if isinstance(node, nodes.Filter):
        arguments = _arguments(node)
        return f"{_text(node.node)}|{node.name}" + (f"({arguments})" if arguments else "")
    if isinstance(node, nodes.Test):
        arguments = _arguments(node)
        return f"{_text(node.node)} is {node.name}" + (f"({arguments})" if arguments else "")
    if isinstance(node, nodes.Not):
        return f"not {_text(node.node)}"
    if isinstance(node, nodes.BinExpr):
        return f"{_text(node.left)} {node.operator} {_text(node.right)}"
    if isinstance(node, nodes.UnaryExpr):
        return f"{node.operator}{_text(node.node)}"
    if isinstance(node, nodes.Compare):
        return " ".join([_text(node.expr), *(f"{op.op} {_text(op.expr)}" for op in node.ops)])
    if isinstance(node, nodes.Concat):
        return " ~ ".join(_text(part) for part in node.nodes)
    if isinstance(node, nodes.CondExpr):
        return f"{_text(node.expr1)} if {_text(node.test)} else {_text(node.expr2)}"
    if isinstance(node, nodes.List):
        return "[" + ", ".join(_text(item) for item in node.items) + "]"
    if isinstance(node, nodes.Tuple):
        return "(" + ", ".join(_text(item) for item in node.items) + ")"
    if isinstance(node, nodes.Dict):
        return "{" + ", ".join(f"{_text(pair.key)}: {_text(pair.value)}" for pair in node.items) + "}"
    if isinstance(node, nodes.For):
        return f"{{% for {_text(node.target)} in {_text(node.iter)} %}}"
    if isinstance(node, nodes.Assign):
        return f"{{% set {_text(node.target)} = {_text(node.node)} %}}"
    tag = _STATEMENT_TAGS.get(type(node).__name__, type(node).__name__)
    return f"{{% {tag} … %}}"


# --- Rendering ----------------------------------------------------------------------------------------------


class UnsafeTemplate(SecurityError):
    """A source the check refuses, met while rendering."""

    def __init__(self, found: list[Offence]):
        super().__init__("; ".join(offence.expression for offence in found))
        self.offences = found


# One environment for rendering, so that the compiled template of a part's XML can be reused: compiling the
# whole document.xml is most of the cost of a rendering, and a template's XML is the same every time. The check
# runs once per source too, when it is compiled.
_RENDER_ENV = TemplateSandbox()
_COMPILED: dict[str, BoundedTemplate] = {}
_COMPILED_MAX = 64


class RenderEnvironment:
    """Looks like a jinja2 Environment to docxtpl; ``from_string`` checks a source before compiling it and
    returns a cached, bounded template."""

    def __getattr__(self, name):
        return getattr(_RENDER_ENV, name)

    def __setattr__(self, name, value):
        if name != "autoescape":  # docxtpl sets autoescape=True, which the sandbox already has
            raise AttributeError(name)

    def from_string(self, source: str) -> BoundedTemplate:
        compiled = _COMPILED.get(source)
        if compiled is None:
            ast = _RENDER_ENV.parse(source)
            if found := offences(ast):
                raise UnsafeTemplate(found)
            if len(_COMPILED) >= _COMPILED_MAX:
                _COMPILED.clear()
            compiled = _COMPILED[source] = BoundedTemplate(_RENDER_ENV.from_string(ast))
        return compiled
