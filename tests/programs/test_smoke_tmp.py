import pytest
from django.urls import reverse


@pytest.mark.parametrize("who", ["claire", "marc", "lea", "paul", "nina", "oscar"])
def test_pages(client, cast, who, program):
    client.force_login(cast[who])
    r = client.get(reverse("programs:portal"))
    assert r.status_code == 200, r.content[:3000]
    r = client.get(reverse("programs:public_page", args=[program.slug]))
    assert r.status_code == 200
    if who in ("claire", "oscar"):
        for name in ["participant", "cohort", "program", "guardianlink", "school", "organization", "membership", "trainingsession", "consentrecord", "authoritylink", "programpageversion"]:
            r = client.get(reverse(f"coordination:programs_{name}_changelist"))
            assert r.status_code == 200, (name, r.content[:3000])
            r = client.get(reverse(f"coordination:programs_{name}_add"))
            assert r.status_code in (200, 403), (name, r.content[:3000])
        r = client.get(reverse("coordination:programs_participant_import"))
        assert r.status_code == 200
