"""What parents read without an account: the program's page, in French or English."""

import pytest
from django.urls import reverse

from programs import services
from tests.conftest import as_user
from tests.factories import PageVersionFactory, ProgramFactory


@pytest.mark.parametrize("who", ["anon", "claire", "oscar", "marc", "lea", "paul", "nina"])
def test_everyone_reads_a_public_page(client, cast, program, who):
    response = as_user(client, cast, who).get(program.get_absolute_url())
    assert response.status_code == 200
    assert "Favoriser la persévérance scolaire" in response.content.decode()


def test_page_in_both_languages(client, program, cohort):
    french = client.get(f"/fr/programmes/{program.slug}/").content.decode()
    english = client.get(f"/en/programmes/{program.slug}/").content.decode()
    assert "Persévérance au secondaire" in french
    assert "Favoriser la persévérance scolaire des élèves." in french
    assert '<html lang="fr">' in french
    assert "High-school perseverance" in english
    assert "Help students persevere in school." in english
    assert "The coordinator pairs and follows up pairs." in english
    assert '<html lang="en">' in english
    assert "mentorat@exemple.qc.ca" in english  # the contact
    assert cohort.name in english  # key dates come from the cohort


def test_private_or_unknown_program_is_404(client, org_a):
    hidden = ProgramFactory(organization=org_a, is_public=False)
    PageVersionFactory(program=hidden)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/fr/programmes/inexistant/").status_code == 404
    no_page = ProgramFactory(organization=org_a)
    assert client.get(no_page.get_absolute_url()).status_code == 404


def test_html_typed_in_the_page_is_shown_as_text(client, program, claire):
    version = program.current_page()
    version.pk = None
    version.objectives_fr = "<script>alert('x')</script> Objectifs"
    services.publish_page_version(version, by=claire)
    content = client.get(program.get_absolute_url()).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Objectifs" in content


def test_earlier_versions_stay_readable(client, program, claire):
    first = program.current_page()
    newer = PageVersionFactory.build(program=program, objectives_fr="Version deux")
    services.publish_page_version(newer, by=claire)
    assert newer.number == 2
    old = client.get(first.get_absolute_url()).content.decode()
    assert "Favoriser la persévérance scolaire" in old
    assert "Version deux" in client.get(program.get_absolute_url()).content.decode()


def test_directory_lists_public_programs_for_visitors(
    client, program, django_assert_max_num_queries
):
    for _ in range(5):
        ProgramFactory(organization=program.organization)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("home"))
    assert "Persévérance au secondaire" in response.content.decode()
    for _ in range(45):
        ProgramFactory(organization=program.organization)
    with django_assert_max_num_queries(3):
        client.get(reverse("home"))


def test_page_queries_are_constant(client, program, cohort, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert client.get(program.get_absolute_url()).status_code == 200


def test_security_headers(client, program):
    response = client.get(program.get_absolute_url())
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_page_says_what_is_kept_and_who_reads_it(client, program):
    page = client.get(program.get_absolute_url()).content.decode()
    assert "Ce que Mentorat conserve, et qui le lit" in page
    assert "Seulement la personne qui l’a écrite" in page  # private notes
    assert "le nombre de rencontres" in page  # what a guardian receives
    assert "jamais montrée à son mentor" in page  # this program keeps a minor's e-mail hidden
    program.share_minor_contact = True
    program.save(update_fields=["share_minor_contact"])
    page = client.get(program.get_absolute_url()).content.decode()
    assert "montre l’adresse courriel d’un mineur à son mentor" in page
    english = client.get(f"/en/programmes/{program.slug}/").content.decode()
    assert "What Mentorat keeps, and who reads it" in english


def test_an_adult_program_does_not_speak_of_guardians(client, db):
    program = ProgramFactory(involves_minors=False)
    PageVersionFactory(program=program)
    page = client.get(program.get_absolute_url()).content.decode()
    assert "Ce que Mentorat conserve" in page
    assert "parent ou tuteur" not in page


def test_the_demo_pages_no_longer_claim_that_only_dates_are_kept():
    from programs import demo_content

    text = repr(vars(demo_content))
    assert "ne conserve que" not in text
    assert "keeps only" not in text


def test_the_page_opens_with_a_summary_and_a_table_of_contents(client, program):
    page = client.get(program.get_absolute_url()).content.decode()
    assert 'class="lead readable"' in page
    toc = page[page.index('id="toc-title"') : page.index("</nav>", page.index('id="toc-title"'))]
    assert toc.count("<li>") >= 3
    assert 'href="#section-contact"' in toc
    assert page.count("<details") >= 1
    assert "<details open" in page  # the first section is open; the others one click away
