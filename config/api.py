"""The API conventions under their former name; they live in :mod:`core.api`."""

from core.api import ApiError, JSONParser

__all__ = ["ApiError", "JSONParser"]
