"""Database plumbing shared by the apps."""

import copy

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP


class PortableIndex(models.Index):
    """An index whose expressions may say where NULLs sort, for PostgreSQL's ORDER BY … NULLS
    FIRST to walk it. SQLite refuses the modifier in an index, and needs none: its NULLs come
    first going up and last going down, so the modifier is dropped there when it says just that
    (any other placement is refused rather than indexed in another order)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "sqlite":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        index = copy.deepcopy(self)
        expressions = []
        for expression in index.expressions:
            if isinstance(expression, models.OrderBy):
                if expression.descending and expression.nulls_first:
                    raise ValueError("SQLite puts NULLs last in a descending index.")
                if not expression.descending and expression.nulls_last:
                    raise ValueError("SQLite puts NULLs first in an ascending index.")
                expression.nulls_first = expression.nulls_last = None
            expressions.append(expression)
        index.expressions = expressions
        return models.Index.create_sql(index, model, schema_editor, using=using, **kwargs)


class QuerySet(models.QuerySet):
    """Our models' querysets: an account joined in by `select_related` comes without its
    password hash (only signing in and the signed-in person's own account read it; reading it
    anyway costs one more query). `.only()` after it decides alone."""

    def select_related(self, *fields):
        queryset = super().select_related(*fields)
        hashes = [
            f"{path}__password"
            for path in fields
            if isinstance(path, str) and _reaches_an_account(self.model, path)
        ]
        return queryset.defer(*hashes) if hashes else queryset


def _reaches_an_account(model, path: str) -> bool:
    from django.contrib.auth import get_user_model

    for name in path.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if field.related_model is None:
            return False
        model = field.related_model
    return model is get_user_model()
