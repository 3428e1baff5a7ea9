import pytest

from tests.forms_workflow.conftest import agefo  # noqa: F401


def test_dump(client, agefo):  # noqa: F811
    from pathlib import Path
    for who in ("lea", "marc"):
        client.force_login(getattr(agefo, who))
        for fam, s in agefo.forms.items():
            r = client.get(f"/fr/formulaires/{s.pk}/")
            Path(f"/tmp/explore/{who}-{fam}.html").write_text(f"{r.status_code}\n" + r.content.decode())
    print({k: (v.pk, v.status, v.due_on, v.participant_id) for k, v in agefo.forms.items()})
