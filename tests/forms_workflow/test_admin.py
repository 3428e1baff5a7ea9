"""The setup pages: a coordinator copies a built-in form, adapts it, and attaches it."""

import json

from django.urls import reverse

from forms_workflow import services
from forms_workflow.models import FormTemplate, ProgramForm


def test_a_coordinator_copies_a_built_in_form_and_adapts_it(client, agefo, cast, org_a):
    client.force_login(cast["claire"])
    builtin = services.builtin("agefo-4")
    changelist = reverse("coordination:forms_workflow_formtemplate_changelist")
    response = client.post(
        changelist, {"action": "copy_for_my_organization", "_selected_action": [builtin.pk]}
    )
    copy = FormTemplate.objects.get(organization=org_a, family="agefo-4")
    assert response.url == reverse(
        "coordination:forms_workflow_formtemplate_change", args=[copy.pk]
    )
    page = client.get(response.url).content.decode()
    assert "Rétroaction du mentor" in page  # the schema, readable, accents as typed

    schema = copy.schema
    schema["sections"][0]["title"]["fr"] = "Progrès vers les objectifs"
    data = {"title_fr": "Rétroaction adaptée", "title_en": "Adapted feedback"}
    client.post(response.url, {**data, "schema": json.dumps(schema, ensure_ascii=False)})
    copy.refresh_from_db()
    assert copy.title_fr == "Rétroaction adaptée"
    assert copy.version == 1  # nobody answered it: changed in place

    broken = client.post(response.url, {**data, "schema": '{"sections": []}'})
    assert broken.status_code == 200
    assert "at least one section" in broken.content.decode() or "au moins une section" in (
        broken.content.decode()
    )


def test_a_built_in_form_is_read_only_and_another_organization_s_copy_is_hidden(
    client, agefo, cast, org_a
):
    copy = services.copy_template(services.builtin("agefo-1").pk, org_a, cast["claire"])
    client.force_login(cast["claire"])
    builtin = services.builtin("agefo-1")
    page = client.get(reverse("coordination:forms_workflow_formtemplate_change", args=[builtin.pk]))
    assert page.status_code == 200
    assert 'name="title_fr"' not in page.content.decode()  # read only
    client.force_login(cast["oscar"])
    hidden = client.get(reverse("coordination:forms_workflow_formtemplate_change", args=[copy.pk]))
    assert hidden.status_code == 404


def test_a_program_form_with_answers_is_never_deleted(client, agefo, cast):
    client.force_login(cast["claire"])
    program_form = agefo.program_forms["agefo-2"]
    url = reverse("coordination:forms_workflow_programform_delete", args=[program_form.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert ProgramForm.objects.filter(pk=program_form.pk).exists()
