"""Closing a pair: a minor's guardians are told, "completed" and "ended early" are told apart."""

from django.urls import reverse

from accounts.outbox import send_due as deliver
from matching import services as matching
from matching.models import CloseReason


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
