"""Database plumbing shared by the apps."""

import copy

from django.db import models


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
