"""Closing a pair: a minor's guardians are told, "completed" and "ended early" are told apart,
both sides learn the program's rule after the end and give their exit feedback (or decline)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.outbox import send_due as deliver
from matching import services as matching
from matching.models import CloseReason, ExitFeedback
from programs.models import AfterClosureContact


def guardian_mail(mailoutbox, paul):
    (message,) = [m for m in mailoutbox if m.to == [paul.email]]
    return message


def test_the_guardian_hears_that_the_pair_completed(active, claire, paul, mailoutbox):
    matching.close(active.pk, claire, CloseReason.COMPLETED, "Bravo à vous deux !")
    deliver()
    message = guardian_mail(mailoutbox, paul)
    assert message.subject == "Fin du jumelage de Léa Gagnon"
    assert "s’est rendu au bout du programme" in message.body
    assert "Claire Bélanger\u00a0: claire@erables.qc.ca" in message.body
    assert "Bravo" not in message.body  # the coordinator's message is for the pair


def test_an_early_end_is_told_without_its_reason(active, claire, paul, mailoutbox):
    matching.close(active.pk, claire, CloseReason.SAFETY, "Situation signalée à la DPJ.")
    deliver()
    message = guardian_mail(mailoutbox, paul)
    assert "avant la fin du programme" in message.body
    for secret in ("DPJ", "sécurité", "Sécurité"):
        assert secret not in message.body
        assert secret not in message.alternatives[0][0]
    # sent once, whatever happens next
    assert matching.notify(active.pk, "closed") == 0


def test_an_adult_pair_tells_no_guardian(pair, claire, mailoutbox):
    matching.close(pair.pk, claire, CloseReason.NOT_WORKING)
    deliver()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [pair.mentor.user.email, pair.mentee.user.email]
    )


def test_the_pair_page_says_completed_or_ended_early(client, active, claire, marc):
    matching.close(active.pk, claire, CloseReason.NOT_WORKING)
    client.force_login(marc)
    page = client.get(reverse("matching:pairing_detail", args=[active.pk])).content.decode()
    assert "Terminé plus tôt" in page
    active.close_reason = CloseReason.COMPLETED
    active.save(update_fields=["close_reason"])
    assert active.status_label() != "Terminé plus tôt"
    assert not active.ended_early


# --- Exit feedback and the rule after the end ----------------------------------------------


def page_of(client, user, pairing):
    client.force_login(user)
    return client.get(reverse("matching:pairing_detail", args=[pairing.pk])).content.decode()


def give(client, user, pairing, data):
    client.force_login(user)
    return client.post(reverse("matching:pairing_exit_feedback", args=[pairing.pk]), data)


def test_both_sides_are_told_the_rule_after_the_end_and_asked_how_it_went(
    active, claire, marc, lea, mailoutbox
):
    lea.language = "en"
    lea.save(update_fields=["language"])
    program = active.mentee.cohort.program
    program.after_closure_contact = AfterClosureContact.NONE
    program.save(update_fields=["after_closure_contact"])
    matching.close(active.pk, claire, CloseReason.COMPLETED)
    deliver()
    (to_marc,) = [m for m in mailoutbox if m.to == [marc.email]]
    (to_lea,) = [m for m in mailoutbox if m.to == [lea.email]]
    assert "Aucun contact entre les deux en dehors du programme" in to_marc.body
    assert "seule la coordination" in to_marc.body
    assert "No contact between the two outside the program" in to_lea.body
    assert f"/paires/{active.pk}/" in to_lea.body


def test_each_side_gives_feedback_that_only_the_coordination_reads(
    client, active, claire, marc, lea
):
    matching.close(active.pk, claire, CloseReason.COMPLETED)
    page = page_of(client, marc, active)
    assert "Comment cela s’est-il passé" in page
    assert "passe par la coordination du programme" in page  # the default rule
    response = give(
        client,
        marc,
        active,
        {
            "exit-rating": "4",
            "exit-went_well": "Léa a pris confiance à l’oral.",
            "exit-to_improve": "Plus de rencontres en début d’année.",
            "exit-would_again": "yes",
        },
    )
    assert response.status_code == 302
    assert "Votre rétroaction a été reçue le" in page_of(client, marc, active)
    # the partner does not read it, and still has the form
    partner = page_of(client, lea, active)
    assert "pris confiance" not in partner
    assert "Comment cela s’est-il passé" in partner
    give(client, lea, active, {"exit-decline": "1"})
    assert "Vous avez préféré ne pas donner" in page_of(client, lea, active)
    coordination = page_of(client, claire, active)
    assert "Léa a pris confiance à l’oral." in coordination
    assert "A préféré ne pas répondre." in coordination
    refusal = ExitFeedback.objects.get(participant=active.mentee)
    assert refusal.declined
    assert refusal.rating is None
    assert list(active.events.values_list("action", flat=True))[-2:] == [
        "exit_feedback",
        "exit_feedback_declined",
    ]


def test_a_guardian_reads_no_feedback(client, active, claire, marc, paul):
    matching.close(active.pk, claire, CloseReason.COMPLETED)
    give(client, marc, active, {"exit-rating": "2", "exit-to_improve": "Trop d’annulations."})
    page = page_of(client, paul, active)
    assert "annulations" not in page
    assert "Comment cela s’est-il passé" not in page
    assert give(client, paul, active, {"exit-decline": "1"}).status_code == 302
    assert ExitFeedback.objects.count() == 1


def test_a_missing_rating_is_said_beside_the_field_and_the_text_is_kept(
    client, active, claire, marc
):
    matching.close(active.pk, claire, CloseReason.NOT_WORKING)
    response = give(client, marc, active, {"exit-went_well": "Des débuts prometteurs."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choisissez de 1 à 5, ou dites que vous préférez ne pas répondre." in page
    assert "Des débuts prometteurs." in page
    assert 'href="#id_exit-rating_0"' in page  # the summary links to the field
    assert not ExitFeedback.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"exit-rating": "abc"},
        {"exit-rating": "9"},
        {"exit-rating": "3", "exit-went_well": "a\x00b"},
        {"exit-rating": "3", "exit-to_improve": "x" * 10_000},
        {"exit-rating": "3", "exit-would_again": "peut-être"},
    ],
)
def test_bad_feedback_changes_nothing_and_is_never_an_error_page(
    client, active, claire, marc, data
):
    matching.close(active.pk, claire, CloseReason.COMPLETED)
    response = give(client, marc, active, data)
    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.content.decode()
    assert not ExitFeedback.objects.exists()


def test_feedback_is_given_once_and_only_on_an_ended_pair(client, active, claire, marc):
    give(client, marc, active, {"exit-rating": "5"})  # still active: refused
    assert not ExitFeedback.objects.exists()
    assert "Comment cela s’est-il passé" not in page_of(client, marc, active)
    matching.close(active.pk, claire, CloseReason.COMPLETED)
    give(client, marc, active, {"exit-rating": "5"})
    give(client, marc, active, {"exit-rating": "1"})
    assert list(ExitFeedback.objects.values_list("rating", flat=True)) == [5]
    with pytest.raises(matching.MatchingError):
        matching.give_exit_feedback(active.pk, marc, None)


def test_the_coordinators_page_of_an_ended_pair_costs_the_same_with_feedback(
    client, active, claire, marc, lea, django_assert_num_queries
):
    matching.close(active.pk, claire, CloseReason.COMPLETED)
    client.force_login(claire)
    url = reverse("matching:pairing_detail", args=[active.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    matching.give_exit_feedback(active.pk, marc, {"rating": 4, "went_well": "Oui"})
    matching.give_exit_feedback(active.pk, lea, None)
    with django_assert_num_queries(len(before)):
        client.get(url)
