"""Forms in the coordination's setup pages: the templates (built-in ones to read and copy, the
organization's own to adapt) and the forms each program asks for."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from forms_workflow import schema as schemas
from forms_workflow import services
from forms_workflow.models import FormTemplate, ProgramForm
from mentorat.forms import NormalizedModelForm
from programs.admin import ScopedAdmin, coordination_site
from programs.models import coordinated_organizations


class ReadableJSONField(forms.JSONField):
    """The schema laid out on several lines, accents as typed."""

    def prepare_value(self, value):
        if isinstance(value, forms.fields.InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2)


class TemplateForm(NormalizedModelForm):
    schema = ReadableJSONField(
        label=_("Sections and questions"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace"}),
        help_text=_(
            "Each question has a key, a kind (text, long_text, likert, choice, multi, date, "
            "check, signature) and its label in French and English. A version already answered "
            "is kept: saving makes the next version."
        ),
    )

    class Meta:
        model = FormTemplate
        fields = ["title_fr", "title_en", "schema"]

    def clean_schema(self):
        value = self.cleaned_data["schema"]
        errors = schemas.validate_schema(value)
        if errors:
            raise ValidationError(errors)
        return value


@admin.register(FormTemplate, site=coordination_site)
class FormTemplateAdmin(ScopedAdmin):
    form = TemplateForm
    list_display = ["__str__", "key", "version", "is_builtin_display"]
    list_filter = ["organization"]
    search_fields = ["title_fr", "title_en", "key"]
    actions = ["copy_for_my_organization"]
    readonly_fields = ["key", "version", "family"]

    def get_queryset(self, request):
        return FormTemplate.objects.for_user(request.user).select_related("organization")

    @admin.display(description=_("built-in"), boolean=True)
    def is_builtin_display(self, obj):
        return obj.is_builtin

    def has_add_permission(self, request):
        return False  # a template starts as a copy of another

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_builtin)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.is_builtin or obj.submissions.exists()):
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Copy for my organization, to adapt"))
    def copy_for_my_organization(self, request, queryset):
        organization = coordinated_organizations(request.user).order_by("pk").first()
        if organization is None:
            self.message_user(request, _("You coordinate no organization."), messages.ERROR)
            return None
        copies = [services.copy_template(t.pk, organization, request.user) for t in queryset]
        self.message_user(
            request, _("Copied: adapt the copy, then attach it to a program."), messages.SUCCESS
        )
        if len(copies) == 1:
            return redirect("coordination:forms_workflow_formtemplate_change", copies[0].pk)
        return None

    def save_model(self, request, obj, form, change):
        saved = services.save_template(
            obj.pk,
            request.user,
            title_fr=form.cleaned_data["title_fr"],
            title_en=form.cleaned_data["title_en"],
            schema=form.cleaned_data["schema"],
        )
        if saved.pk != obj.pk:
            self.message_user(
                request,
                _(
                    "This form has answers: version %(version)s was created; answers already "
                    "begun keep the version they were filled under."
                )
                % {"version": saved.version},
                messages.INFO,
            )
        obj.pk = saved.pk


@admin.register(ProgramForm, site=coordination_site)
class ProgramFormAdmin(ScopedAdmin):
    list_display = [
        "template",
        "program",
        "filled_by",
        "visibility",
        "due_kind",
        "due_value",
        "gates_start",
    ]
    list_filter = ["program", "filled_by", "gates_start"]
    list_select_related = ["template", "program"]
    fields = [
        "program",
        "template",
        "order",
        "scope",
        "filled_by",
        "visibility",
        "due_kind",
        "due_value",
        "gates_start",
        "guardian_acknowledges",
        "beside_shortlist",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "template":
            kwargs["queryset"] = FormTemplate.objects.for_user(request.user).order_by(
                "key", "-version"
            )
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.submissions.exists():
            return False  # answers keep the form they answer
        return super().has_delete_permission(request, obj)
