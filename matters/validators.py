"""The identifier validators as the matters' models and migrations name them (``matters.validators.validate_uscc``);
they live in :mod:`core.identifiers`."""

from core.identifiers import resident_id_error, uscc_error, validate_resident_id, validate_uscc

__all__ = ["resident_id_error", "uscc_error", "validate_resident_id", "validate_uscc"]
