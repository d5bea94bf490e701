"""Forms of the matters pages, one module per sub-domain: parties (clients, debtors), mandates, matters (the
matter, its list's filters, a stage move), stage records, payments, work (work log, evidence) and people.

They only parse what people type (shapes, numbers, dates, choices limited to what the person may see); every
rule and every write belongs to ``matters.services``, whose ValidationErrors the views put back on these
forms (``core.forms.run_service``). The shared fields, widgets and styling are ``core.forms``.
"""
