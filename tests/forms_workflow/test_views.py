"""Form pages: who reads what, what a person sees and keeps, queries that stay flat, PDFs."""

import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forms_workflow import demo, services
from forms_workflow.models import FormSubmission, ProgramForm, SubmissionStatus, Visibility
from tests.factories import PairingFactory, ParticipantFactory, UserFactory
from tests.forms_workflow.conftest import forms_of, sign

READERS = {
    Visibility.AUTHOR: {"lea"},
    Visibility.AUTHOR_COORDINATION: {"lea", "claire"},
    Visibility.PAIR: {"lea", "marc"},
    Visibility.PAIR_COORDINATION: {"lea", "marc", "claire"},
}


@pytest.mark.parametrize("visibility", list(READERS))
@pytest.mark.parametrize("who", ["lea", "marc", "claire", "paul", "oscar", "nina"])
def test_who_reads_the_mentee_s_self_assessment(client, agefo, cast, visibility, who):
    """Form 1 is Léa's: her mentor reads it only if the program says so, the coordination
    likewise; her parent and another organization never."""
    ProgramForm.objects.filter(pk=agefo.program_forms["agefo-1"].pk).update(visibility=visibility)
    form1 = sign(agefo.forms["agefo-1"], agefo.lea)
    client.force_login(cast[who])
    expected = 200 if who in READERS[visibility] else 404
    for name in ("fill", "pdf", "verify"):
        response = client.get(reverse(f"forms_workflow:{name}", args=[form1.pk]))
        assert response.status_code == expected, (name, who, visibility)


def test_a_reader_who_is_not_an_author_cannot_change_the_form(client, agefo, cast):
    plan = agefo.forms["agefo-3"]
    client.force_login(cast["claire"])
    page = client.get(plan.get_absolute_url())
    assert page.status_code == 200
    assert b'name="typed_name"' not in page.content
    client.post(plan.get_absolute_url(), {"needs": "Réécrit par la coordination", "save": "1"})
    plan.refresh_from_db()
    assert plan.answers == {}


def test_another_organization_sees_nothing(client, agefo, cast):
    client.force_login(cast["oscar"])
    for submission in agefo.forms.values():
        assert client.get(submission.get_absolute_url()).status_code == 404
    cohort = agefo.pair.mentee.cohort
    assert client.get(reverse("forms_workflow:matrix", args=[cohort.pk])).status_code == 404


def test_the_page_shows_the_questions_in_the_reader_s_language(client, agefo):
    client.force_login(agefo.lea)
    form1 = agefo.forms["agefo-1"]
    french = client.get(form1.get_absolute_url()).content.decode()
    assert "Formulaire 1" in french
    assert "Capacité de résolution de problèmes" in french
    english = client.get(f"/en/formulaires/{form1.pk}/").content.decode()
    assert "Form 1" in english
    assert "Problem-solving" in english


def test_saving_a_draft_keeps_the_answers_and_says_so(client, agefo):
    client.force_login(agefo.lea)
    form1 = agefo.forms["agefo-1"]
    response = client.post(
        form1.get_absolute_url(),
        {"position_context": "Une école de 600 élèves", "problem_solving": "3", "save": "1"},
        follow=True,
    )
    assert "Une école de 600 élèves" in response.content.decode()
    form1.refresh_from_db()
    assert form1.answers == {"position_context": "Une école de 600 élèves", "problem_solving": 3}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("problem_solving", "7", "niveau"),  # a Likert value out of range
        ("position_context", "é" * 10_000, "5000"),  # a 10,000-character answer
        ("position_title", "x" * 301, "300"),
    ],
)
def test_bad_answers_are_refused_beside_their_field_and_nothing_typed_is_lost(
    client, agefo, field, value, message
):
    client.force_login(agefo.lea)
    form1 = agefo.forms["agefo-1"]
    data = {field: value, "strengths": "Écoute", "save": "1"}
    response = client.post(form1.get_absolute_url(), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "is-invalid" in html
    assert message in html.replace("\u202f", "").replace(" ", "")
    assert "Écoute" in html  # the other answer is shown again
    if field != "problem_solving":
        assert value[:50] in html
    form1.refresh_from_db()
    assert form1.answers == {}
    assert form1.revision == 0


def test_html_in_an_answer_is_kept_as_text(client, agefo):
    client.force_login(agefo.lea)
    form1 = agefo.forms["agefo-1"]
    markup = '<script>alert("x")</script><b>gras</b>'
    client.post(form1.get_absolute_url(), {"strengths": markup, "save": "1"})
    form1.refresh_from_db()
    assert form1.answers["strengths"] == markup
    html = client.get(form1.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_signing_through_the_page(client, agefo):
    client.force_login(agefo.lea)
    form1 = agefo.forms["agefo-1"]
    answers = demo.demo_answers(form1.template.schema)
    data = {k: v for k, v in answers.items() if not isinstance(v, bool)}
    data.update(revision="0", template_version=str(form1.template_id), sign="1", confirm="on")
    refused = client.post(form1.get_absolute_url(), {**data, "typed_name": "Paul Gagnon"})
    assert "Léa Gagnon" in refused.content.decode()  # type your name as it appears: Léa Gagnon
    form1.refresh_from_db()
    assert form1.status == SubmissionStatus.DRAFT
    assert form1.answers == {}
    missing = client.post(
        form1.get_absolute_url(), {**data, "typed_name": "Léa Gagnon", "confirm": ""}
    )
    assert "is-invalid" in missing.content.decode()
    done = client.post(form1.get_absolute_url(), {**data, "typed_name": "Léa Gagnon"}, follow=True)
    form1.refresh_from_db()
    assert form1.status == SubmissionStatus.SIGNED
    html = done.content.decode()
    assert "SHA-256" in html
    assert form1.signatures.get().digest in html
    assert 'name="typed_name"' not in html  # locked
    again = client.post(form1.get_absolute_url(), {**data, "typed_name": "Léa Gagnon"})
    assert again.status_code == 302  # "this form cannot be changed"
    assert form1.signatures.count() == 1


def test_autosave_answers_a_status_line_and_keeps_the_rest(client, agefo):
    client.force_login(agefo.lea)
    form1 = agefo.forms["agefo-1"]
    url = reverse("forms_workflow:autosave", args=[form1.pk])
    response = client.post(
        url,
        {"strengths": "Écoute", "problem_solving": "9", "revision": "0"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-saved" in html
    assert 'id="revision" value="1"' in html  # the page's revision follows
    form1.refresh_from_db()
    assert form1.answers == {"strengths": "Écoute"}  # the valid answer saved, not the 9


def test_autosave_signed_out_says_so_without_a_redirect(client, agefo):
    form1 = agefo.forms["agefo-1"]
    response = client.post(reverse("forms_workflow:autosave", args=[form1.pk]), {"x": "1"})
    assert response.status_code == 401
    assert "browser" in response.content.decode() or "navigateur" in response.content.decode()


def test_the_coordinator_reopens_a_signed_form_with_a_reason(client, agefo, cast):
    plan = agefo.forms["agefo-3"]
    sign(plan, agefo.marc)
    sign(plan, agefo.lea)
    client.force_login(cast["claire"])
    empty = client.post(reverse("forms_workflow:reopen", args=[plan.pk]), {"reason": ""})
    assert empty.status_code == 200
    assert "is-invalid" in empty.content.decode()
    response = client.post(
        reverse("forms_workflow:reopen", args=[plan.pk]), {"reason": "Un objectif à revoir."}
    )
    new = FormSubmission.objects.get(reopened_from=plan)
    assert response.url == new.get_absolute_url()
    client.force_login(agefo.marc)
    html = client.get(response.url).content.decode()
    assert "Un objectif à revoir." in html
    assert 'name="typed_name"' in html


def test_a_guardian_acknowledges_from_the_page(client, cast):
    from tests.forms_workflow.test_services import cleared

    lea = cast["lea"].participations.get()
    program_forms = demo.configure(lea.cohort.program, "student_perseverance")
    assert program_forms[0].guardian_acknowledges
    cleared(cast["marc"])
    pair = PairingFactory(
        mentor=cast["marc"].participations.get(), mentee=lea, status="starting", started_on=None
    )
    services.sync_pair(pair.pk)
    commitment = forms_of(pair)["perseverance-commitment"]
    sign(commitment, cast["marc"])
    sign(commitment, cast["lea"])
    client.force_login(cast["paul"])
    portal = client.get(reverse("programs:portal")).content.decode()
    assert commitment.get_absolute_url() in portal
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert reverse("forms_workflow:acknowledge", args=[commitment.pk]) in page
    client.post(reverse("forms_workflow:acknowledge", args=[commitment.pk]))
    pair.refresh_from_db()
    assert pair.status == "active"


def test_the_portal_lists_my_forms_with_the_commitment_first(client, agefo):
    client.force_login(agefo.marc)
    html = client.get(reverse("programs:portal")).content.decode()
    assert "Formulaire 2" in html
    assert "Formulaire 4" in html
    assert agefo.forms["agefo-1"].get_absolute_url() not in html  # Léa's, private to her


# --- Queries that stay flat -----------------------------------------------------------------


def _more_pairs(agefo, count):
    cohort = agefo.pair.mentee.cohort
    for _ in range(count):
        mentor = ParticipantFactory(cohort=cohort, user=UserFactory(), role="mentor")
        mentee = ParticipantFactory(cohort=cohort, user=UserFactory(), role="mentee")
        pair = PairingFactory(
            mentor=mentor, mentee=mentee, started_on=timezone.localdate() - timedelta(days=30)
        )
        services.sync_pair(pair.pk)
        sign(forms_of(pair)["agefo-2"], mentor.user)


def test_the_matrix_s_queries_do_not_grow_with_pairs(
    client, agefo, cast, django_assert_num_queries
):
    client.force_login(cast["claire"])
    url = reverse("forms_workflow:matrix", args=[agefo.pair.mentee.cohort.pk])
    client.get(url)
    counts = []
    for extra in (0, 6):
        _more_pairs(agefo, extra)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    html = response.content.decode()
    assert html.count("<tr>") >= 8  # the header and seven pairs


def test_the_matrix_turns_complete_and_reminds_the_late(client, agefo, cast):
    from django.core import mail

    client.force_login(cast["claire"])
    url = reverse("forms_workflow:matrix", args=[agefo.pair.mentee.cohort.pk])
    html = client.get(url).content.decode()
    assert "0 sur 1 signé" in html
    mail.outbox.clear()
    from django.test.utils import override_settings  # noqa: F401

    response = client.post(url, {"late": "1"}, follow=True)
    assert response.status_code == 200
    from accounts.models import Notification

    assert Notification.objects.filter(key__contains=":asked:").count() >= 1
    sign(agefo.forms["agefo-1"], agefo.lea)
    html = client.get(url).content.decode()
    assert "1 sur 1 signé" in html


def test_the_form_page_s_queries_do_not_grow_with_answers(client, agefo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(agefo.marc)
    plan = agefo.forms["agefo-3"]
    counts = []
    for answers in ({"needs": "A"}, demo.demo_answers(plan.template.schema)):
        services.save_draft(plan.pk, agefo.marc, answers)
        client.get(plan.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            client.get(plan.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_portal_s_queries_do_not_grow_with_forms(client, agefo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(agefo.marc)
    client.get(reverse("programs:portal"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("programs:portal"))
    sign(agefo.forms["agefo-3"], agefo.marc)
    ProgramForm.objects.create(
        program=agefo.program,
        template=services.builtin("end-of-program"),
        filled_by="mentor",
        order=9,
    )
    services.sync_pair(agefo.pair.pk)
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("programs:portal"))
    assert len(before) == len(after)


# --- The PDF, read back ---------------------------------------------------------------------


def test_the_pdf_reads_back_with_its_accents_answers_and_signatures(client, agefo, tmp_path):
    plan = agefo.forms["agefo-3"]
    answers = demo.demo_answers(plan.template.schema)
    answers["needs"] = "Gérer les rôles et responsabilités de l’équipe-école; œuvrer à l’écoute"
    sign(plan, agefo.marc, answers=answers)
    sign(plan, agefo.lea, answers=answers)
    plan.refresh_from_db()
    client.force_login(agefo.marc)
    response = client.get(reverse("forms_workflow:pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Plan d’apprentissage du mentoré" in text
    assert "Centre de services scolaire des Érables" in text.replace("CENTRE", "Centre") or (
        "ÉRABLES" in text
    )
    assert "équipe-école" in text
    assert "œuvrer" in text
    assert "Marc Tremblay" in text
    assert "Léa Gagnon" in text
    digest = plan.signatures.valid().first().digest
    assert digest[:32] in text.replace("\n", "").replace(" ", "")
    assert "Page 1" in text
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in pages


def test_a_draft_has_no_pdf(client, agefo):
    client.force_login(agefo.lea)
    assert (
        client.get(reverse("forms_workflow:pdf", args=[agefo.forms["agefo-1"].pk])).status_code
        == 404
    )


def test_a_starting_pair_s_page_says_what_is_missing(client, cast):
    from tests.forms_workflow.test_services import cleared

    lea = cast["lea"].participations.get()
    demo.configure(lea.cohort.program, "student_perseverance")
    cleared(cast["marc"])
    pair = PairingFactory(
        mentor=cast["marc"].participations.get(), mentee=lea, status="starting", started_on=None
    )
    services.sync_pair(pair.pk)
    client.force_login(cast["marc"])
    html = client.get(pair.get_absolute_url()).content.decode()
    assert "Engagement et objectifs" in html  # the commitment, to sign by both
    portal = client.get(reverse("programs:portal")).content.decode()
    assert forms_of(pair)["perseverance-commitment"].get_absolute_url() in portal


def test_the_annex_5_questions_are_beside_the_shortlist(client, cast):
    from matching.models import MatchingSettings

    zoe = UserFactory(full_name="Zoé Lavoie")
    mentee = ParticipantFactory(
        cohort=cast["lea"].participations.get().cohort, user=zoe, role="mentee"
    )
    program = mentee.cohort.program
    program.mentee_chooses_mentor = True
    program.save()
    MatchingSettings.objects.get_or_create(program=program)
    demo.configure(program, "new_school_leaders")
    services.sync_participant(mentee.pk)
    client.force_login(zoe)
    html = client.get(reverse("matching:shortlist", args=[mentee.pk])).content.decode()
    reflection = FormSubmission.objects.get(participant=mentee, program_form__beside_shortlist=True)
    assert "Annexe 5" in html
    assert reflection.get_absolute_url() in html
    client.force_login(cast["claire"])  # private to the mentee
    assert client.get(reflection.get_absolute_url()).status_code == 404
