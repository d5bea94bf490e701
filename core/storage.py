"""Storing an uploaded or generated file together with the row that points to it."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import File
from django.db import models


def save_with_file(instance: models.Model, field_name: str, name: str, content: File,
                   then: Callable[[], object] | None = None) -> None:
    """Writes ``content`` to storage as the file of ``instance.<field_name>``, then saves the row and runs
    ``then`` (e.g. its timeline event). When any of that fails the file is deleted again, so storage never
    keeps a file that no row names; the error goes on to the caller, whose transaction rolls the rows back."""
    field_file = getattr(instance, field_name)
    field_file.save(name, content, save=False)
    try:
        instance.save()
        if then is not None:
            then()
    except BaseException:
        field_file.delete(save=False)
        raise
