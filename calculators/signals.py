"""What the calculators tell the rest of the product: the reference data (LPR table, holiday calendar) was
edited, so whatever was computed from it is out of date. The apps above connect their own receivers."""

from django.dispatch import Signal

reference_data_changed = Signal()
