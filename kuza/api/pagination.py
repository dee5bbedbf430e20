"""The one way API lists take an offset and a limit, bounded where every database can follow.

An unbounded integer reaches SQL as LIMIT/OFFSET: past 64 bits SQLite cannot bind it and
PostgreSQL refuses it (500 on both). The bounds are validated at the edge (422) and published
in the schema as `minimum`/`maximum`, so clients and the fuzzer know them.
"""

from __future__ import annotations

from typing import Annotated

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# Far beyond any list Kuza holds, far below what any database can bind.
MAX_OFFSET = 1_000_000_000
MAX_LIMIT = 100

Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description="Items to skip.")]


def limit_field(default: int, maximum: int = MAX_LIMIT):
    return Field(default, ge=1, le=maximum, description="Items to return at most.")


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """ninja's limit/offset pagination with both numbers bounded (see the module docstring)."""

    class Input(Schema):
        limit: int = limit_field(min(settings.NINJA_PAGINATION_PER_PAGE, MAX_LIMIT))
        offset: Offset = 0
