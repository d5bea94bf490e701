"""Browser pages of the matters workspace, one module per sub-domain: parties (clients, debtors), mandates,
matters (list, open, edit, page, move), stage records, payments, work (work log, evidence) and deadlines.

Thin views: parse with a form (``matters.forms``), call one service (``matters.services``), render what
``matters.presenters`` prepares. Reads go through ``matters.selectors`` and ``matters.access``, so another
firm's object, a hidden one and a guessed id all give the same 404. Roles, as in the API: firm staff read;
partners, lawyers and paralegals work matters; partners and finance record payments; client-portal users get
403 on every page here. A service's ValidationError goes back onto the form (field errors on their fields).
"""
