"""The AGÉFO forms, end to end in French: the mentee fills her self-assessment over two sittings
(the draft saves itself) and signs it; the pair co-signs the confidentiality commitment and the
learning plan; the mentor signs the checklist, its boxes ticked from the pair's records; the
coordinator reads the pair's row of the matrix and downloads a signed form's PDF. Then the same
signing with the keyboard alone, and axe-core on the form, matrix and verification pages."""

import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from forms_workflow import demo, services
from forms_workflow import schema as schemas
from forms_workflow.models import FormSubmission, SubmissionStatus
from mentorat.typography import typo
from tests.browser.conftest import SCREENSHOTS, sign_in, text
from tests.browser.test_accessibility import page_problems
from tests.forms_workflow.conftest import agefo, sign  # noqa: F401 - the forms' world

pytestmark = pytest.mark.browser

PAIR_NAME = "Marc Tremblay — Léa Gagnon"
SAVED = re.compile("Draft saved|Brouillon enregistré", re.IGNORECASE)
# Interface texts: the English msgid, then its French in locale/fr.
SIGNED = ("Signed", "Signé")
AWAITING = ("Awaiting co-signature", "En attente de cosignature")
TO_DO = ("To do", "À faire")
OVERDUE = ("Overdue", "En retard")
SIGN = ("Sign and submit", "Signer et soumettre")
FULL_NAME = ("Your full name", "Votre nom complet")
CONFIRM = ("I have read these answers and I sign them.", "J’ai lu ces réponses et je les signe.")
LOCKED = (
    "Signed. The form is complete and locked.",
    "Signé. Le formulaire est complet et verrouillé.",
)
CO_SIGN = ("once Léa Gagnon signs it too", "quand Léa Gagnon l’aura signé")
STILL_TO_SIGN = ("Still to sign:", "Reste à signer")
DOWNLOAD = ("Download the PDF", "Télécharger le PDF")
CHECK_SIGNATURES = ("Check the signatures", "Vérifier les signatures")
MATCHES = ("Matches: the content is the one that was signed.", "Concorde")
MY_FORMS = ("My forms", "Mes formulaires")
FROM_RECORDS = ("From the pair's records:", "D’après les dossiers du jumelage")
MATRIX = ("Forms of the pairs", "Formulaires des jumelages")


def labels(family: str) -> dict[str, str]:
    """The French label of each question of a built-in form, by key."""
    with translation.override("fr"):
        return {
            q["key"]: typo(schemas.pick(q["label"]), "fr")
            for q in schemas.answered_questions(services.builtin(family).schema)
        }


def french(question: dict, value) -> str:
    """The French label of a choice or a level of the scale."""
    options = question.get("scale") or question.get("choices")
    with translation.override("fr"):
        return next(typo(schemas.pick(o["label"]), "fr") for o in options if o["value"] == value)


def prefill(submission: FormSubmission, user, leave_out=()) -> dict:
    """Save complete demo answers as `user`, except the questions in `leave_out`."""
    answers = demo.demo_answers(submission.template.schema)
    answers = {k: v for k, v in answers.items() if k not in leave_out}
    services.save_draft(submission.pk, user, answers)
    return answers


def shots(page: Page, name: str) -> None:
    """With BROWSER_SCREENSHOTS set, the whole page at 1280 px and 390 px wide."""
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=folder / f"forms-{name}-{width}.png", full_page=True)
    page.set_viewport_size(size)


def likert(page: Page, label: str) -> Locator:
    """The radio group of one question (its legend is the question)."""
    return page.get_by_role("group", name=text(label))


def saved_with(page: Page, key: str, value: str):
    """Wait for the autosave whose posted answers hold `value` for `key`."""

    def predicate(response) -> bool:
        if not response.url.endswith("/brouillon/") or response.request.method != "POST":
            return False
        posted = parse_qs(response.request.post_data or "")
        return posted.get(key) == [value]

    return page.expect_response(predicate)


def status_messages(page: Page) -> Locator:
    """The messages after a redirect (the autosave line is a status too)."""
    return page.get_by_role("status").filter(has=page.locator(".alert"))


def status_badge(page: Page) -> Locator:
    return page.locator("#form-status")


def open_my_form(page: Page, title: re.Pattern) -> None:
    """From the portal, open one of my forms."""
    page.goto("/fr/portail/")
    region = page.get_by_role("region", name=text(*MY_FORMS))
    region.get_by_role("link", name=title).click()
    expect(page).to_have_url(re.compile(r"/fr/formulaires/\d+/$"))


def sign_as(page: Page, full_name: str) -> None:
    """Type the name, tick the box (its autosave answered first: nothing left in flight), sign."""
    page.get_by_label(text(*FULL_NAME)).fill(full_name)
    with saved_with(page, "confirm", "on"):
        page.get_by_label(text(*CONFIRM)).check()
    page.get_by_role("button", name=text(*SIGN)).click()


FORM_1 = re.compile(r"Formulaire 1\W+Autoévaluation")
FORM_2 = re.compile(r"Formulaire 2\W+Engagement de confidentialité")
FORM_3 = re.compile(r"Formulaire 3\W+Plan d.apprentissage du mentoré")
FORM_5 = re.compile(r"Formulaire 5\W+Grille de vérification")


@pytest.mark.django_db(transaction=True)
def test_the_pair_fills_and_signs_its_forms_and_the_coordinator_reads_the_matrix(
    open_page,
    agefo,  # noqa: F811
    claire,
    tmp_path,
):
    lea, marc = agefo.lea, agefo.marc
    forms = agefo.forms
    self_assessment = services.builtin("agefo-1").schema
    questions = {q["key"]: q for q in schemas.answered_questions(self_assessment)}
    form_1 = labels("agefo-1")
    # Pre-filled server-side (the browser fills the rest): forms 2 and 3 have Marc's demo
    # answers, except the commitment's first box and the plan's first goal, which he fills here.
    prefill(forms["agefo-2"], marc, leave_out=("keep_confidential", "mentor_read", "mentee_read"))
    prefill(forms["agefo-3"], marc, leave_out=("goal_1", "meeting_details"))

    # 1. Léa's first sitting: three levels and her strengths; the draft saves itself.
    lea_page = open_page()
    sign_in(lea_page, lea.email)
    open_my_form(lea_page, FORM_1)
    assert lea_page.url.endswith(f"/fr/formulaires/{forms['agefo-1'].pk}/")
    expect(lea_page.get_by_role("heading", level=1)).to_have_text(FORM_1)
    first_sitting = {"problem_solving": 3, "effective_practices": 2, "systems_thinking": 4}
    for key, value in first_sitting.items():
        likert(lea_page, form_1[key]).get_by_role(
            "radio", name=text(french(questions[key], value))
        ).check()
    strengths = "L’écoute et la planification rigoureuse."
    with saved_with(lea_page, "strengths", strengths):
        lea_page.get_by_label(text(form_1["strengths"])).fill(strengths)
    expect(lea_page.locator("#autosave-status")).to_contain_text(SAVED)
    submission = FormSubmission.objects.get(pk=forms["agefo-1"].pk)
    assert submission.answers == {**first_sitting, "strengths": strengths}
    assert submission.status == SubmissionStatus.DRAFT
    lea_page.context.close()  # she closes her browser

    # 2. Her second sitting, in a new browser: her answers are there; she completes and signs.
    lea_page = open_page()
    sign_in(lea_page, lea.email)
    open_my_form(lea_page, FORM_1)
    for key, value in first_sitting.items():
        expect(
            likert(lea_page, form_1[key]).get_by_role(
                "radio", name=text(french(questions[key], value))
            )
        ).to_be_checked()
    expect(lea_page.get_by_label(text(form_1["strengths"]))).to_have_value(strengths)
    shots(lea_page, "1-self-assessment-draft")
    for key, question in questions.items():
        if question["kind"] == "likert" and key not in first_sitting:
            likert(lea_page, form_1[key]).get_by_role(
                "radio", name=text(french(question, 3))
            ).check()
    lea_page.get_by_label(text(form_1["to_develop"])).fill("Mener des conversations courageuses.")
    lea_page.get_by_label(text(form_1["position_context"])).fill(
        "Nouvelle direction adjointe dans une école de 600 élèves."
    )
    sign_as(lea_page, "Léa Gagnon")
    expect(lea_page).to_have_url(re.compile(rf"/fr/formulaires/{forms['agefo-1'].pk}/$"))
    expect(status_messages(lea_page)).to_contain_text(text(*LOCKED, exact=False))
    expect(status_badge(lea_page)).to_have_text(text(*SIGNED))
    expect(lea_page.get_by_role("button", name=text(*SIGN))).to_have_count(0)
    signatures = lea_page.get_by_role("region", name=text("Signatures"))
    expect(signatures).to_contain_text("Léa Gagnon")
    expect(signatures).to_contain_text(re.compile(r"SHA-256 [0-9a-f]{64}"))
    shots(lea_page, "2-self-assessment-signed")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SIGNED
    assert submission.answers["strengths"] == strengths
    assert len(submission.answers) == 18  # every required answer, none of the optional ones

    # 3. Marc fills what is left of forms 2 and 3 and signs them first.
    marc_page = open_page()
    sign_in(marc_page, marc.email)
    open_my_form(marc_page, FORM_2)
    form_2 = labels("agefo-2")
    marc_page.get_by_label(text(form_2["keep_confidential"])).check()
    marc_page.get_by_label(text(form_2["mentor_read"])).check()
    sign_as(marc_page, "marc tremblay")  # case aside, the name he typed is his
    expect(status_messages(marc_page)).to_contain_text(text(*CO_SIGN, exact=False))
    # due 7 days after the start, 20 days ago: awaiting Léa's signature, and overdue
    expect(status_badge(marc_page)).to_have_text(text(*AWAITING))
    expect(marc_page.locator("#form-overdue")).to_have_text(text(*OVERDUE))

    open_my_form(marc_page, FORM_3)
    form_3 = labels("agefo-3")
    goal = "Animer une communauté d’apprentissage avec le personnel"
    goal_1 = marc_page.get_by_role("group", name=text("Objectif 1")).get_by_label(
        text(form_3["goal_1"])
    )
    with saved_with(marc_page, "goal_1", goal):
        goal_1.fill(goal)
    expect(marc_page.locator("#autosave-status")).to_contain_text(SAVED)
    sign_as(marc_page, "Marc Tremblay")
    expect(status_badge(marc_page)).to_have_text(text(*AWAITING))
    for family in ("agefo-2", "agefo-3"):
        assert FormSubmission.objects.get(pk=forms[family].pk).status == SubmissionStatus.AWAITING

    # 4. Léa co-signs them: she reads Marc's answers and that only she is left to sign.
    open_my_form(lea_page, FORM_3)
    expect(status_badge(lea_page)).to_have_text(text(*AWAITING))
    expect(lea_page.locator("input[name=goal_1]")).to_have_value(goal)
    signatures = lea_page.get_by_role("region", name=text("Signatures"))
    expect(signatures).to_contain_text("Marc Tremblay")
    expect(signatures).to_contain_text(text(*STILL_TO_SIGN, exact=False))
    expect(signatures).to_contain_text(re.compile(r"Léa Gagnon\s*$"))
    shots(lea_page, "3-learning-plan-awaiting")
    sign_as(lea_page, "Léa Gagnon")
    expect(status_messages(lea_page)).to_contain_text(text(*LOCKED, exact=False))
    expect(status_badge(lea_page)).to_have_text(text(*SIGNED))

    open_my_form(lea_page, FORM_2)
    expect(lea_page.get_by_label(text(form_2["keep_confidential"]))).to_be_checked()
    sign_as(lea_page, "Léa Gagnon")
    expect(status_badge(lea_page)).to_have_text(text(*SIGNED))
    for family in ("agefo-1", "agefo-2", "agefo-3"):
        submission = FormSubmission.objects.get(pk=forms[family].pk)
        assert submission.status == SubmissionStatus.SIGNED, family
        assert all(check.matches for check in services.verify(submission))

    # 5. Marc signs the checklist: its boxes are ticked from the pair's records.
    open_my_form(marc_page, FORM_5)
    evidence = services.checklist_evidence(agefo.pair)
    assert evidence["learning_plan_signed"]["met"]
    assert evidence["confidentiality_before_first_meeting"]["met"]
    assert not evidence["feedback_signed"]["met"]  # form 4 is still to do
    for key, found in evidence.items():
        box = marc_page.locator(f"input[name={key}]")
        if found["met"]:
            expect(box).to_be_checked()
        else:
            expect(box).not_to_be_checked()
    records = marc_page.locator(".evidence")
    expect(records).to_have_count(len(evidence))
    expect(records.first).to_contain_text(text(*FROM_RECORDS, exact=False))
    shots(marc_page, "5-checklist")
    form_5 = labels("agefo-5")
    marc_page.get_by_label(text(form_5["comments"])).fill(
        "Le formulaire 4 suivra la quatrième rencontre."
    )
    sign_as(marc_page, "Marc Tremblay")
    expect(status_messages(marc_page)).to_contain_text(text(*LOCKED, exact=False))
    checklist = FormSubmission.objects.get(pk=forms["agefo-5"].pk)
    assert checklist.status == SubmissionStatus.SIGNED
    assert checklist.answers["learning_plan_signed"] is True
    assert "feedback_signed" not in checklist.answers
    assert checklist.evidence["learning_plan_signed"]["met"]

    # 6. Claire opens the cohort's matrix: forms 1, 2, 3 and 5 signed, form 4 still to do.
    cohort = agefo.pair.mentee.cohort
    claire_page = open_page()
    sign_in(claire_page, claire.email)
    claire_page.goto(reverse("coordination:cohort_hub", args=[cohort.pk]))
    claire_page.get_by_role(
        "link", name=text("Forms of the pairs", "Formulaires des jumelages")
    ).click()
    expect(claire_page).to_have_url(re.compile(rf"/fr/formulaires/cohortes/{cohort.pk}/$"))
    row = claire_page.get_by_role("row").filter(has_text=PAIR_NAME)
    expect(row).to_have_count(1)
    cells = row.get_by_role("cell")
    expect(cells).to_have_count(5)
    for number in (0, 1, 2, 4):
        expect(cells.nth(number)).to_have_text(text(*SIGNED))
    expect(cells.nth(3)).to_contain_text(text(*TO_DO, exact=False))
    expect(cells.nth(0).get_by_role("link")).to_have_count(0)  # form 1 is the mentee's own
    shots(claire_page, "6-matrix")

    # 7. She opens the learning plan, checks its signatures and downloads its PDF.
    cells.nth(2).get_by_role("link").click()
    expect(claire_page).to_have_url(re.compile(rf"/fr/formulaires/{forms['agefo-3'].pk}/$"))
    expect(claire_page.get_by_text(goal)).to_be_visible()
    claire_page.get_by_role("link", name=text(*CHECK_SIGNATURES)).click()
    expect(claire_page).to_have_url(re.compile(rf"/{forms['agefo-3'].pk}/verification/$"))
    results = claire_page.get_by_role("row").filter(has_text=text(*MATCHES, exact=False))
    expect(results).to_have_count(2)
    shots(claire_page, "7-verification")
    claire_page.go_back()
    with claire_page.expect_download() as download_info:
        claire_page.get_by_role("link", name=text(*DOWNLOAD)).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    saved = tmp_path / "plan.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")


def focus_ring(page: Page) -> dict:
    """The focused element and how its focus shows, once its transitions are over (Bootstrap
    fades a box-shadow in): an outline, or a box-shadow neither transparent nor of zero size."""
    return page.evaluate(
        r"""async () => {
            const el = document.activeElement;
            await Promise.all(el.getAnimations().map((a) => a.finished.catch(() => null)));
            const style = getComputedStyle(el);
            const shadow = style.boxShadow;
            const shown = shadow.split(/,(?![^(]*\))/).some((part) => {
                const color = part.match(/rgba?\(([^)]*)\)/);
                const alpha = color ? Number(color[1].split(",")[3] ?? 1) : 1;
                const sizes = part.replace(/rgba?\([^)]*\)/, "").match(/-?[\d.]+px/g) || [];
                return alpha > 0 && sizes.some((size) => Math.abs(parseFloat(size)) > 0);
            });
            const width = parseFloat(style.outlineWidth) || 0;
            const outlined = style.outlineStyle !== "none" && width > 0;
            return {
                name: el.getAttribute("name") || "",
                href: el.getAttribute("href") || "",
                tag: el.tagName.toLowerCase(),
                focusVisible: el.matches(":focus-visible"),
                outline: `${style.outlineStyle} ${width}px ${style.outlineColor}`,
                shadow,
                visible: outlined || (shadow !== "none" && shown),
            };
        }"""
    )


def tab_to(page: Page, name: str, limit: int = 80) -> dict:
    """Press Tab until the field named `name` has the focus; it must show it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = focus_ring(page)
        if focused["name"] == name:
            assert focused["focusVisible"], focused
            assert focused["visible"], f"no visible focus: {focused}"
            return focused
    raise AssertionError(f"{name} never got the focus in {limit} presses of Tab")


@pytest.mark.django_db(transaction=True)
def test_the_mentee_signs_her_self_assessment_with_the_keyboard_alone(
    page: Page,
    agefo,  # noqa: F811
):
    lea = agefo.lea
    submission = agefo.forms["agefo-1"]
    # Pre-filled server-side: every answer but the last level and her strengths.
    prefill(submission, lea, leave_out=("courageous_conversations", "strengths"))
    sign_in(page, lea.email)
    page.goto(submission.get_absolute_url())

    # The skip link comes first, and shows its focus.
    page.keyboard.press("Tab")
    first = focus_ring(page)
    assert first["href"] == "#main"
    assert first["visible"], f"no visible focus: {first}"

    tab_to(page, "courageous_conversations")
    page.keyboard.press("Space")
    expect(page.locator("input[name=courageous_conversations]").first).to_be_checked()
    tab_to(page, "strengths")
    page.keyboard.type("La rigueur et le sens de l’écoute.")
    tab_to(page, "typed_name")
    page.keyboard.type("Léa Gagnon")
    tab_to(page, "confirm")
    with saved_with(page, "confirm", "on"):
        page.keyboard.press("Space")
    expect(page.locator("input[name=confirm]")).to_be_checked()
    tab_to(page, "sign")
    page.keyboard.press("Enter")

    expect(status_messages(page)).to_contain_text(text(*LOCKED, exact=False))
    expect(status_badge(page)).to_have_text(text(*SIGNED))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SIGNED
    assert submission.answers["courageous_conversations"] == 1
    assert submission.answers["strengths"] == "La rigueur et le sens de l’écoute."
    assert [s.typed_name for s in submission.signatures.all()] == ["Léa Gagnon"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_form_matrix_and_verification_pages_have_no_accessibility_violation(
    open_page,
    agefo,  # noqa: F811
    claire,
    lang,
):
    """axe-core (WCAG 2.1 A and AA) at 1280 px, nothing scrolling sideways at 390 px: a form
    being filled (Léa's draft), the cohort's matrix and a signed form's verification page."""
    lea, marc = agefo.lea, agefo.marc
    draft = agefo.forms["agefo-1"]
    answers = demo.demo_answers(draft.template.schema)
    services.save_draft(draft.pk, lea, dict(list(answers.items())[: len(answers) // 2]))
    commitment = agefo.forms["agefo-2"]
    sign(commitment, marc)
    sign(commitment, lea)
    commitment.refresh_from_db()
    assert commitment.status == SubmissionStatus.SIGNED
    cohort = agefo.pair.mentee.cohort
    visits = {
        lea: [f"/{lang}/formulaires/{draft.pk}/"],
        claire: [
            f"/{lang}/formulaires/cohortes/{cohort.pk}/",
            f"/{lang}/formulaires/{commitment.pk}/verification/",
        ],
    }
    problems = []
    for user, urls in visits.items():
        page: Page = open_page()
        sign_in(page, user.email, lang=lang)
        for url in urls:
            problems += page_problems(page, url)
        page.context.close()
    assert not problems, "\n".join(problems)
