"""Gapless yearly numbers (matter references, 律师函 numbers): one counter row per year, locked by the
transaction that takes a number.

A concurrent taker waits for the lock, so numbers are unique; a transaction that rolls back gives its numbers
back, so the sequence has no gaps. The counter model has ``year`` (unique) and ``last_number`` fields.
"""

from __future__ import annotations

from django.db import models, transaction


def take_numbers(counter_model: type[models.Model], year: int, count: int = 1) -> range:
    """The next ``count`` numbers of ``year``; the caller's transaction holds the counter row until it ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_numbers needs a transaction: the lock on the counter is what keeps it gapless.")
    counter_model.objects.bulk_create([counter_model(year=year, last_number=0)], ignore_conflicts=True)
    counter = counter_model.objects.select_for_update().get(year=year)
    first = counter.last_number + 1
    if count:
        counter.last_number += count
        counter.save(update_fields=["last_number"])
    return range(first, first + count)


def take_number(counter_model: type[models.Model], year: int) -> int:
    return take_numbers(counter_model, year)[0]
