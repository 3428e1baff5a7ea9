"""Funders and certificate conditions in the coordination's setup pages."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from programs.admin import ScopedAdmin, coordination_site
from programs.models import Cohort, Program
from reports.models import CertificatePolicy, Funder


class IdsField(forms.ModelMultipleChoiceField):
    """Ids that are not ids (text, or beyond what the database stores) are refused as invalid
    choices before any query (SQLite raises on an integer over 64 bits)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else [value]:
            text = str(pk)
            if not text.isdigit() or len(text) > 18:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:20]},
                )
        return super()._check_values(value)


@admin.register(Funder, site=coordination_site)
class FunderAdmin(ScopedAdmin):
    list_display = ["name", "grant", "organization"]
    search_fields = ["name", "grant"]
    list_select_related = ["organization"]
    fields = ["organization", "name", "grant", "programs", "cohorts"]
    filter_horizontal = ["programs", "cohorts"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        model = {"programs": Program, "cohorts": Cohort}.get(db_field.name)
        if model is not None:
            kwargs["queryset"] = model.objects.in_coordinated_organizations(request.user)
            kwargs["form_class"] = IdsField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(CertificatePolicy, site=coordination_site)
class CertificatePolicyAdmin(ScopedAdmin):
    list_display = ["program", "min_meetings", "forms_signed"]
    list_select_related = ["program"]
    fields = ["program", "min_meetings", "forms_signed"]
