"""Built-in form templates, French first, as pure data.

Forms 1 to 5 and annexes 4 and 5 follow the AGÉFO's *Programme de mentorat/coaching — Guide
pratique à l’intention des mentors et mentorés* (French-language school boards of Ontario): the
roles and key elements for the mentor and the mentee, confidentiality at the heart of the process
(no authority link, neither supervision nor performance appraisal), the personal leadership
resources and the five key leadership capacities of the Ontario Leadership Framework (OLF, in
French CLO), and what a mentor should be according to the Ministry's guidelines. The guide's
extraction stops before the forms themselves, so each one is written from what the guide says of
it, in its words where it has them.

The last two serve school programs: a teen's commitment and goals for a school perseverance
program (support, regular contact, who to turn to), and an end-of-program evaluation whose
effects (well-being, success, perseverance), benefits and complaints ("not enough meetings")
come from the POLLEM mentoring program's evaluation.

Every text is `{"fr": …, "en": …}`; the site adds the non-breaking spaces of French typography
at render time. `forms_workflow.schema.validate_schema` checks each template's sections.
"""


# one helper to keep the data short
def t(fr: str, en: str) -> dict:
    return {"fr": fr, "en": en}


NO_HELP = t("", "")

AGREEMENT_4 = [
    {"value": 1, "label": t("Pas du tout", "Not at all")},
    {"value": 2, "label": t("Un peu", "A little")},
    {"value": 3, "label": t("En bonne partie", "Mostly")},
    {"value": 4, "label": t("Tout à fait", "Completely")},
]

# Where a leadership resource or capacity stands today (form 1).
SELF_RATING_4 = [
    {"value": 1, "label": t("Un besoin prioritaire", "A priority need")},
    {"value": 2, "label": t("À consolider", "Needs strengthening")},
    {"value": 3, "label": t("Un acquis", "Well established")},
    {"value": 4, "label": t("Une force", "A strength")},
]

# Progress toward a goal of the learning plan (form 4).
PROGRESS_4 = [
    {"value": 1, "label": t("Pas encore amorcé", "Not yet started")},
    {"value": 2, "label": t("En cours", "Under way")},
    {"value": 3, "label": t("Atteint en partie", "Partly achieved")},
    {"value": 4, "label": t("Atteint", "Achieved")},
]

# An experience as a whole (the noun is feminine: "votre expérience").
SATISFACTION_5 = [
    {"value": 1, "label": t("Très insatisfaisante", "Very unsatisfactory")},
    {"value": 2, "label": t("Plutôt insatisfaisante", "Somewhat unsatisfactory")},
    {"value": 3, "label": t("Mitigée", "Mixed")},
    {"value": 4, "label": t("Plutôt satisfaisante", "Somewhat satisfactory")},
    {"value": 5, "label": t("Très satisfaisante", "Very satisfactory")},
]

# The perceived effect of mentoring, from negative to positive (end of program).
EFFECT_5 = [
    {"value": 1, "label": t("Effet très négatif", "Very negative effect")},
    {"value": 2, "label": t("Effet plutôt négatif", "Somewhat negative effect")},
    {"value": 3, "label": t("Aucun effet", "No effect")},
    {"value": 4, "label": t("Effet plutôt positif", "Somewhat positive effect")},
    {"value": 5, "label": t("Effet très positif", "Very positive effect")},
]

OLF_CAPACITIES = [
    {"value": "setting_goals", "label": t("Fixer des objectifs", "Setting goals")},
    {
        "value": "aligning_resources",
        "label": t(
            "Harmoniser les ressources et les priorités",
            "Aligning resources with priorities",
        ),
    },
    {
        "value": "collaborative_cultures",
        "label": t(
            "Promouvoir des cultures d’apprentissage coopératif",
            "Promoting collaborative learning cultures",
        ),
    },
    {"value": "using_data", "label": t("Utiliser les données", "Using data")},
    {
        "value": "courageous_conversations",
        "label": t(
            "Prendre part à des conversations courageuses",
            "Engaging in courageous conversations",
        ),
    },
]


BUILTIN_TEMPLATES: list[dict] = [
    # --- Formulaire 1 ---------------------------------------------------------------------------
    {
        "key": "agefo-1",
        "title": t("Formulaire 1 — Autoévaluation", "Form 1 — Self-assessment"),
        "intro": t(
            "Vous remplissez ce formulaire au début du mentorat, avant de préparer votre plan "
            "d’apprentissage avec votre mentor. Il vous aide à situer vos ressources personnelles "
            "en leadership et les cinq capacités clés du Cadre de leadership de l’Ontario (CLO), "
            "puis à déterminer vos besoins de la manière la plus claire et la plus précise "
            "possible. Ce formulaire est privé par défaut : il sert à votre réflexion, et vous "
            "choisissez ce que vous en communiquez à votre mentor.",
            "You fill in this form at the start of the mentoring, before preparing your learning "
            "plan with your mentor. It helps you take stock of your personal leadership resources "
            "and of the five key leadership capacities of the Ontario Leadership Framework (OLF), "
            "then identify your needs as clearly and precisely as possible. This form is private "
            "by default: it is for your own reflection, and you choose what you share of it "
            "with your mentor.",
        ),
        "sections": [
            {
                "title": t("Ressources cognitives", "Cognitive resources"),
                "help": t(
                    "Pour chaque ressource, indiquez où vous en êtes aujourd’hui. Il n’y a pas de "
                    "bonne ou de mauvaise réponse : l’autoévaluation sert à cerner vos besoins.",
                    "For each resource, indicate where you stand today. There is no right or "
                    "wrong answer: the self-assessment serves to pinpoint your needs.",
                ),
                "questions": [
                    {
                        "key": "problem_solving",
                        "kind": "likert",
                        "label": t(
                            "Capacité de résolution de problèmes",
                            "Problem-solving expertise",
                        ),
                        "help": t(
                            "Comprendre un problème complexe, en cerner les causes et trouver des "
                            "solutions avec les personnes concernées.",
                            "Understanding a complex problem, identifying its causes and finding "
                            "solutions with the people involved.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                    {
                        "key": "effective_practices",
                        "kind": "likert",
                        "label": t(
                            "Connaissance de pratiques efficaces en vigueur dans l’école et dans "
                            "les salles de classe",
                            "Knowledge of effective school and classroom practices",
                        ),
                        "help": t(
                            "Les pratiques qui ont une incidence directe sur l’apprentissage des "
                            "élèves.",
                            "The practices that directly affect student learning.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                    {
                        "key": "systems_thinking",
                        "kind": "likert",
                        "label": t("Pensée systémique", "Systems thinking"),
                        "help": t(
                            "Comprendre les liens entre les parties du système scolaire et prévoir "
                            "les effets d’une décision sur l’ensemble. Particulièrement importante "
                            "pour les leaders du système scolaire.",
                            "Understanding how the parts of the school system relate to one "
                            "another and foreseeing a decision’s effects on the whole. Especially "
                            "important for system leaders.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                ],
            },
            {
                "title": t("Ressources sociales", "Social resources"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "perceiving_emotions",
                        "kind": "likert",
                        "label": t("Perception des émotions", "Perceiving emotions"),
                        "help": t(
                            "Reconnaître ses propres émotions et celles des autres, y compris dans "
                            "les signes non verbaux.",
                            "Recognizing your own emotions and those of others, including in "
                            "non-verbal cues.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                    {
                        "key": "managing_emotions",
                        "kind": "likert",
                        "label": t("Gestion des émotions", "Managing emotions"),
                        "help": t(
                            "Prendre conscience de ses émotions et les maîtriser, notamment dans "
                            "les situations tendues.",
                            "Being aware of your emotions and keeping them in check, especially "
                            "in tense situations.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                    {
                        "key": "acting_appropriately",
                        "kind": "likert",
                        "label": t(
                            "Réactions émotives appropriées",
                            "Acting in emotionally appropriate ways",
                        ),
                        "help": t(
                            "Réagir, dans ses rapports avec les autres, d’une manière qui tient "
                            "compte des émotions en jeu.",
                            "Responding to others in ways that take the emotions at play into "
                            "account.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                ],
            },
            {
                "title": t("Ressources psychologiques", "Psychological resources"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "optimism",
                        "kind": "likert",
                        "label": t("Optimisme", "Optimism"),
                        "help": t(
                            "S’attendre à des résultats positifs et voir les possibilités plutôt "
                            "que les obstacles.",
                            "Expecting positive results and seeing possibilities rather than "
                            "obstacles.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                    {
                        "key": "self_efficacy",
                        "kind": "likert",
                        "label": t("Confiance en ses propres capacités", "Self-efficacy"),
                        "help": t(
                            "Croire en sa capacité d’accomplir une tâche ou de relever un défi.",
                            "Believing in your ability to carry out a task or meet a challenge.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                    {
                        "key": "resilience",
                        "kind": "likert",
                        "label": t("Résilience", "Resilience"),
                        "help": t(
                            "Se remettre d’un revers ou s’adapter au changement, et en tirer des "
                            "leçons.",
                            "Recovering from a setback or adjusting to change, and learning from "
                            "it.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                    {
                        "key": "proactivity",
                        "kind": "likert",
                        "label": t("Proactivité", "Proactivity"),
                        "help": t(
                            "Prendre les devants et provoquer le changement plutôt que de le "
                            "subir. Particulièrement importante pour les leaders du système "
                            "scolaire.",
                            "Taking the initiative and bringing about change rather than "
                            "enduring it. Especially important for system leaders.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                ],
            },
            {
                "title": t(
                    "Les cinq capacités clés du Cadre de leadership de l’Ontario",
                    "The five key leadership capacities of the Ontario Leadership Framework",
                ),
                "help": t(
                    "Le programme de mentorat/coaching vise essentiellement ces cinq capacités.",
                    "The mentoring/coaching program focuses on these five capacities.",
                ),
                "questions": [
                    {
                        "key": "setting_goals",
                        "kind": "likert",
                        "label": t("Fixer des objectifs", "Setting goals"),
                        "help": t(
                            "Établir avec les autres des objectifs clairs pour le rendement et le "
                            "bien-être des élèves.",
                            "Setting clear goals with others for student achievement and "
                            "well-being.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                    {
                        "key": "aligning_resources",
                        "kind": "likert",
                        "label": t(
                            "Harmoniser les ressources et les priorités",
                            "Aligning resources with priorities",
                        ),
                        "help": t(
                            "Consacrer le personnel, le temps et le budget aux priorités établies.",
                            "Devoting staff, time and budget to the priorities that were set.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                    {
                        "key": "collaborative_cultures",
                        "kind": "likert",
                        "label": t(
                            "Promouvoir des cultures d’apprentissage coopératif",
                            "Promoting collaborative learning cultures",
                        ),
                        "help": t(
                            "Favoriser le travail d’équipe et l’apprentissage professionnel entre "
                            "les membres du personnel.",
                            "Fostering teamwork and professional learning among staff.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                    {
                        "key": "using_data",
                        "kind": "likert",
                        "label": t("Utiliser les données", "Using data"),
                        "help": t(
                            "Recueillir, analyser et utiliser des données pour prendre des "
                            "décisions et suivre les progrès.",
                            "Gathering, analyzing and using data to make decisions and track "
                            "progress.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                    {
                        "key": "courageous_conversations",
                        "kind": "likert",
                        "label": t(
                            "Prendre part à des conversations courageuses",
                            "Engaging in courageous conversations",
                        ),
                        "help": t(
                            "Aborder franchement et avec respect les questions difficiles, par "
                            "exemple celles qui touchent l’apprentissage des élèves.",
                            "Raising difficult issues frankly and respectfully, for instance "
                            "those that affect student learning.",
                        ),
                        "required": True,
                        "scale": SELF_RATING_4,
                    },
                ],
            },
            {
                "title": t(
                    "Vos forces, vos besoins et votre nouveau poste",
                    "Your strengths, your needs and your new position",
                ),
                "help": t(
                    "Ces réponses serviront de point de départ au plan d’apprentissage "
                    "(formulaire 3).",
                    "These answers will be the starting point of the learning plan (form 3).",
                ),
                "questions": [
                    {
                        "key": "position_title",
                        "kind": "text",
                        "label": t(
                            "Votre nouveau poste (titre et conseil scolaire)",
                            "Your new position (title and school board)",
                        ),
                        "required": False,
                    },
                    {
                        "key": "strengths",
                        "kind": "long_text",
                        "label": t(
                            "Quelles sont vos principales forces comme leader?",
                            "What are your main strengths as a leader?",
                        ),
                        "required": True,
                    },
                    {
                        "key": "to_develop",
                        "kind": "long_text",
                        "label": t(
                            "Que souhaitez-vous développer pendant le mentorat?",
                            "What do you want to develop during the mentoring?",
                        ),
                        "help": t(
                            "Pensez au savoir-être (attitudes, comportements) et au savoir vivre "
                            "ensemble autant qu’aux compétences techniques.",
                            "Think of personal qualities (attitudes, behaviours) and of working "
                            "with others as much as of technical skills.",
                        ),
                        "required": True,
                    },
                    {
                        "key": "position_context",
                        "kind": "long_text",
                        "label": t(
                            "Décrivez le contexte de votre nouveau poste.",
                            "Describe the context of your new position.",
                        ),
                        "help": t(
                            "Par exemple, les dossiers importants, les initiatives en cours et les "
                            "défis que vous prévoyez.",
                            "For instance, the major files, the initiatives under way and the "
                            "challenges you foresee.",
                        ),
                        "required": True,
                    },
                    {
                        "key": "learning_preferences",
                        "kind": "long_text",
                        "label": t(
                            "Comment apprenez-vous le mieux?",
                            "How do you learn best?",
                        ),
                        "help": t(
                            "Par exemple, les discussions, les lectures, l’observation ou la "
                            "pratique réflexive.",
                            "For instance, discussions, reading, observation or reflective "
                            "practice.",
                        ),
                        "required": False,
                    },
                    {
                        "key": "signature",
                        "kind": "signature",
                        "label": t("Signature du mentoré", "Mentee’s signature"),
                        "required": False,
                        "signers": ["mentee"],
                    },
                ],
            },
        ],
    },
    # --- Formulaire 2 ---------------------------------------------------------------------------
    {
        "key": "agefo-2",
        "title": t(
            "Formulaire 2 — Engagement de confidentialité",
            "Form 2 — Confidentiality commitment",
        ),
        "intro": t(
            "La confidentialité est au cœur de la démarche de mentorat. Le mentor et le mentoré "
            "lisent cet engagement ensemble et le signent tous les deux avant leur première "
            "rencontre. Il précise ce qui demeure confidentiel, les limites de la "
            "confidentialité, le respect du temps de l’autre et la façon de mettre fin à la "
            "relation.",
            "Confidentiality is at the heart of the mentoring process. The mentor and the mentee "
            "read this commitment together and both sign it before their first meeting. It sets "
            "out what stays confidential, the limits of confidentiality, respect for each other’s "
            "time and how to end the relationship.",
        ),
        "sections": [
            {
                "title": t("Ce qui demeure confidentiel", "What stays confidential"),
                "help": t(
                    "Tout ce qui est dit pendant nos rencontres et nos échanges à distance demeure "
                    "entre nous. Aucun renseignement n’est communiqué au supérieur immédiat, à la "
                    "coordination du programme ni à une autre personne sans l’accord des deux "
                    "parties. Le mentorat ne comprend ni supervision ni évaluation du rendement : "
                    "rien de ce qui est dit ne peut servir à évaluer le mentoré.",
                    "Everything said during our meetings and our exchanges at a distance stays "
                    "between us. No information is shared with the immediate supervisor, the "
                    "program’s coordination or anyone else without the agreement of both "
                    "parties. Mentoring involves neither supervision nor performance appraisal: "
                    "nothing that is said can be used to evaluate the mentee.",
                ),
                "questions": [
                    {
                        "key": "keep_confidential",
                        "kind": "check",
                        "label": t(
                            "Nous nous engageons à garder confidentiel le contenu de nos échanges.",
                            "We commit to keeping the content of our exchanges confidential.",
                        ),
                        "required": True,
                    },
                ],
            },
            {
                "title": t("Les limites de la confidentialité", "The limits of confidentiality"),
                "help": t(
                    "La confidentialité ne s’applique pas lorsqu’un renseignement risque de causer "
                    "préjudice à une personne (y compris à soi-même), porte atteinte à l’intégrité "
                    "ou à la sécurité du conseil scolaire, ou doit être communiqué en vertu de la "
                    "loi, par exemple l’obligation de signaler un enfant qui pourrait avoir besoin "
                    "de protection. Dans ce cas, l’autre partie en est informée, si possible avant "
                    "que le renseignement soit communiqué.",
                    "Confidentiality does not apply when a piece of information may cause harm to "
                    "a person (oneself included), undermines the integrity or safety of the school "
                    "board, or must be disclosed under the law, for instance the duty to report a "
                    "child who may be in need of protection. In that case, the other party is "
                    "told, if possible before the information is disclosed.",
                ),
                "questions": [
                    {
                        "key": "limits_understood",
                        "kind": "check",
                        "label": t(
                            "Nous comprenons les limites de la confidentialité.",
                            "We understand the limits of confidentiality.",
                        ),
                        "required": True,
                    },
                ],
            },
            {
                "title": t("Le respect du temps de l’autre", "Respecting each other’s time"),
                "help": t(
                    "Nous sommes le plus fidèles possible à l’horaire établi et faisons les suivis "
                    "requis. En cas d’empêchement, nous prévenons l’autre le plus tôt possible. "
                    "Pendant nos rencontres, nous nous donnons toute notre attention, en fermant "
                    "le cellulaire par exemple. Lorsque se présente une situation critique, le "
                    "mentoré peut communiquer avec le mentor en dehors des moments prévus.",
                    "We keep to the agreed schedule as closely as possible and do the required "
                    "follow-ups. If one of us cannot make it, we tell the other as early as "
                    "possible. During our meetings, we give each other our full attention, for "
                    "instance by turning off our phones. When a critical situation arises, the "
                    "mentee may contact the mentor outside the planned times.",
                ),
                "questions": [
                    {
                        "key": "respect_time",
                        "kind": "check",
                        "label": t(
                            "Nous nous engageons à respecter l’horaire convenu et le temps de "
                            "l’autre.",
                            "We commit to keeping to the agreed schedule and respecting each "
                            "other’s time.",
                        ),
                        "required": True,
                    },
                ],
            },
            {
                "title": t("La fin de la relation", "Ending the relationship"),
                "help": t(
                    "Le mentorat n’est pas une obligation. À la fin de la période prévue, nous "
                    "faisons le bilan du plan d’apprentissage lors d’une dernière rencontre. Si la "
                    "relation ne fonctionne pas, l’un ou l’autre peut y mettre fin en avisant "
                    "l’autre et la coordination du programme, sans avoir à se justifier; un "
                    "nouveau jumelage peut alors être proposé. La confidentialité continue de "
                    "s’appliquer après la fin de la relation.",
                    "Mentoring is not an obligation. At the end of the planned period, we review "
                    "the learning plan at a last meeting. If the relationship does not work, "
                    "either of us may end it by telling the other and the program’s coordination, "
                    "without having to give reasons; a new pairing may then be offered. "
                    "Confidentiality still applies after the relationship ends.",
                ),
                "questions": [
                    {
                        "key": "ending_agreed",
                        "kind": "check",
                        "label": t(
                            "Nous convenons de cette façon de mettre fin à la relation.",
                            "We agree on this way of ending the relationship.",
                        ),
                        "required": True,
                    },
                    {
                        "key": "ending_terms",
                        "kind": "long_text",
                        "label": t(
                            "Autres modalités convenues entre nous",
                            "Other terms we agreed on",
                        ),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Lecture et signatures", "Reading and signatures"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "mentor_read",
                        "kind": "check",
                        "label": t(
                            "Mentor : j’ai lu et je comprends cet engagement de confidentialité, "
                            "et je m’engage à le respecter.",
                            "Mentor: I have read and understand this confidentiality commitment, "
                            "and I commit to honouring it.",
                        ),
                        "required": False,
                    },
                    {
                        "key": "mentee_read",
                        "kind": "check",
                        "label": t(
                            "Mentoré : j’ai lu et je comprends cet engagement de confidentialité, "
                            "et je m’engage à le respecter.",
                            "Mentee: I have read and understand this confidentiality commitment, "
                            "and I commit to honouring it.",
                        ),
                        "required": False,
                    },
                    {
                        "key": "agreement_date",
                        "kind": "date",
                        "label": t("Date de l’entente", "Date of the agreement"),
                        "required": True,
                    },
                    {
                        "key": "signature",
                        "kind": "signature",
                        "label": t(
                            "Signatures du mentor et du mentoré",
                            "Signatures of the mentor and the mentee",
                        ),
                        "required": False,
                        "signers": ["mentor", "mentee"],
                    },
                ],
            },
        ],
    },
    # --- Formulaire 3 ---------------------------------------------------------------------------
    {
        "key": "agefo-3",
        "title": t(
            "Formulaire 3 — Plan d’apprentissage du mentoré",
            "Form 3 — Mentee’s learning plan",
        ),
        "intro": t(
            "Le mentor et le mentoré remplissent ce plan conjointement, au début du mentorat, à "
            "partir de l’autoévaluation du mentoré (formulaire 1). Il précise les besoins "
            "d’apprentissage, jusqu’à trois objectifs et le rythme des rencontres. Il demeure "
            "confidentiel entre le mentor et le mentoré et sert de base à la rétroaction du "
            "mentor (formulaire 4).",
            "The mentor and the mentee fill in this plan together at the start of the mentoring, "
            "based on the mentee’s self-assessment (form 1). It sets out the learning needs, up "
            "to three goals and how often to meet. It stays confidential between the mentor and "
            "the mentee and is the basis of the mentor’s feedback (form 4).",
        ),
        "sections": [
            {
                "title": t("Besoins d’apprentissage", "Learning needs"),
                "help": t(
                    "Déterminez les besoins de la manière la plus claire et la plus précise "
                    "possible.",
                    "Identify the needs as clearly and precisely as possible.",
                ),
                "questions": [
                    {
                        "key": "needs",
                        "kind": "long_text",
                        "label": t(
                            "Quels sont les besoins d’apprentissage du mentoré?",
                            "What are the mentee’s learning needs?",
                        ),
                        "required": True,
                    },
                    {
                        "key": "olf_capacities",
                        "kind": "multi",
                        "label": t(
                            "Capacités clés du Cadre de leadership de l’Ontario visées",
                            "Key leadership capacities of the Ontario Leadership Framework "
                            "addressed",
                        ),
                        "required": False,
                        "choices": OLF_CAPACITIES,
                    },
                    {
                        "key": "practice_areas",
                        "kind": "multi",
                        "label": t("Domaines de pratique visés", "Areas of practice addressed"),
                        "required": False,
                        "choices": [
                            {"value": "finances", "label": t("Finances", "Finance")},
                            {"value": "facilities", "label": t("Immobilisations", "Facilities")},
                            {
                                "value": "human_resources",
                                "label": t("Ressources humaines", "Human resources"),
                            },
                            {"value": "curriculum", "label": t("Curriculum", "Curriculum")},
                            {"value": "teaching", "label": t("Enseignement", "Teaching")},
                            {
                                "value": "professional_learning",
                                "label": t("Apprentissage professionnel", "Professional learning"),
                            },
                            {"value": "other", "label": t("Autre", "Other")},
                        ],
                    },
                ],
            },
            {
                "title": t("Objectif 1", "Goal 1"),
                "help": t(
                    "Un objectif précis et réaliste, lié aux besoins ci-dessus.",
                    "A specific, realistic goal linked to the needs above.",
                ),
                "questions": [
                    {
                        "key": "goal_1",
                        "kind": "text",
                        "label": t("Énoncé de l’objectif", "Goal statement"),
                        "required": True,
                    },
                    {
                        "key": "goal_1_actions",
                        "kind": "long_text",
                        "label": t("Actions ou stratégies", "Actions or strategies"),
                        "help": t(
                            "Ce que le mentoré fera, et comment le mentor l’appuiera.",
                            "What the mentee will do, and how the mentor will support it.",
                        ),
                        "required": True,
                    },
                    {
                        "key": "goal_1_resources",
                        "kind": "long_text",
                        "label": t("Ressources", "Resources"),
                        "help": t(
                            "Personnes, collègues ou experts, documents, formations.",
                            "People, colleagues or experts, documents, training.",
                        ),
                        "required": True,
                    },
                    {
                        "key": "goal_1_indicators",
                        "kind": "long_text",
                        "label": t("Indicateurs de réussite", "Success indicators"),
                        "help": t(
                            "À quoi reconnaîtrez-vous que l’objectif est atteint?",
                            "How will you know that the goal is achieved?",
                        ),
                        "required": True,
                    },
                    {
                        "key": "goal_1_timeline",
                        "kind": "text",
                        "label": t("Échéancier", "Timeline"),
                        "help": t(
                            "Par exemple, d’ici décembre ou à la fin de l’année scolaire.",
                            "For instance, by December or by the end of the school year.",
                        ),
                        "required": True,
                    },
                ],
            },
            {
                "title": t("Objectif 2 (facultatif)", "Goal 2 (optional)"),
                "help": t(
                    "Remplissez cette section si le plan compte un deuxième objectif.",
                    "Fill in this section if the plan has a second goal.",
                ),
                "questions": [
                    {
                        "key": "goal_2",
                        "kind": "text",
                        "label": t("Énoncé de l’objectif", "Goal statement"),
                        "required": False,
                    },
                    {
                        "key": "goal_2_actions",
                        "kind": "long_text",
                        "label": t("Actions ou stratégies", "Actions or strategies"),
                        "required": False,
                    },
                    {
                        "key": "goal_2_resources",
                        "kind": "long_text",
                        "label": t("Ressources", "Resources"),
                        "required": False,
                    },
                    {
                        "key": "goal_2_indicators",
                        "kind": "long_text",
                        "label": t("Indicateurs de réussite", "Success indicators"),
                        "required": False,
                    },
                    {
                        "key": "goal_2_timeline",
                        "kind": "text",
                        "label": t("Échéancier", "Timeline"),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Objectif 3 (facultatif)", "Goal 3 (optional)"),
                "help": t(
                    "Remplissez cette section si le plan compte un troisième objectif.",
                    "Fill in this section if the plan has a third goal.",
                ),
                "questions": [
                    {
                        "key": "goal_3",
                        "kind": "text",
                        "label": t("Énoncé de l’objectif", "Goal statement"),
                        "required": False,
                    },
                    {
                        "key": "goal_3_actions",
                        "kind": "long_text",
                        "label": t("Actions ou stratégies", "Actions or strategies"),
                        "required": False,
                    },
                    {
                        "key": "goal_3_resources",
                        "kind": "long_text",
                        "label": t("Ressources", "Resources"),
                        "required": False,
                    },
                    {
                        "key": "goal_3_indicators",
                        "kind": "long_text",
                        "label": t("Indicateurs de réussite", "Success indicators"),
                        "required": False,
                    },
                    {
                        "key": "goal_3_timeline",
                        "kind": "text",
                        "label": t("Échéancier", "Timeline"),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Rencontres", "Meetings"),
                "help": t(
                    "Une planification simple des moments d’échange et des suivis.",
                    "A simple schedule of the times to meet and of the follow-ups.",
                ),
                "questions": [
                    {
                        "key": "meeting_rhythm",
                        "kind": "choice",
                        "label": t(
                            "À quel rythme prévoyez-vous vous rencontrer?",
                            "How often do you plan to meet?",
                        ),
                        "required": True,
                        "choices": [
                            {"value": "weekly", "label": t("Chaque semaine", "Every week")},
                            {
                                "value": "every_two_weeks",
                                "label": t("Toutes les deux semaines", "Every two weeks"),
                            },
                            {"value": "monthly", "label": t("Une fois par mois", "Once a month")},
                            {
                                "value": "other",
                                "label": t(
                                    "Autre rythme (précisez ci-dessous)",
                                    "Another rhythm (specify below)",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "meeting_modes",
                        "kind": "multi",
                        "label": t("Comment échangerez-vous?", "How will you meet?"),
                        "required": False,
                        "choices": [
                            {"value": "in_person", "label": t("En personne", "In person")},
                            {"value": "phone", "label": t("Par téléphone", "By phone")},
                            {"value": "video", "label": t("Par vidéoconférence", "By video call")},
                            {
                                "value": "written",
                                "label": t("Par courriel ou messagerie", "By e-mail or messaging"),
                            },
                        ],
                    },
                    {
                        "key": "meeting_details",
                        "kind": "text",
                        "label": t(
                            "Précisions sur l’horaire (jour, moment, lieu, durée)",
                            "Details of the schedule (day, time, place, length)",
                        ),
                        "required": False,
                    },
                    {
                        "key": "review_date",
                        "kind": "date",
                        "label": t(
                            "Date prévue pour faire le point sur le plan",
                            "Planned date to review the plan",
                        ),
                        "required": False,
                    },
                    {
                        "key": "signature",
                        "kind": "signature",
                        "label": t(
                            "Signatures du mentor et du mentoré",
                            "Signatures of the mentor and the mentee",
                        ),
                        "required": False,
                        "signers": ["mentor", "mentee"],
                    },
                ],
            },
        ],
    },
    # --- Formulaire 4 ---------------------------------------------------------------------------
    {
        "key": "agefo-4",
        "title": t(
            "Formulaire 4 — Rétroaction du mentor au mentoré",
            "Form 4 — Mentor’s feedback to the mentee",
        ),
        "intro": t(
            "Le mentor remplit ce formulaire pour faire le point avec le mentoré sur les objectifs "
            "de son plan d’apprentissage (formulaire 3). Cette rétroaction vise la croissance et "
            "le perfectionnement du mentoré : ce n’est pas une évaluation du rendement, et elle "
            "demeure confidentielle entre le mentor et le mentoré.",
            "The mentor fills in this form to take stock with the mentee of the goals of the "
            "learning plan (form 3). This feedback aims at the mentee’s growth and development: "
            "it is not a performance appraisal, and it stays confidential between the mentor and "
            "the mentee.",
        ),
        "sections": [
            {
                "title": t("Objectif 1 du plan", "Goal 1 of the plan"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "goal_1_progress",
                        "kind": "likert",
                        "label": t(
                            "Où en est le mentoré dans l’atteinte de cet objectif?",
                            "Where does the mentee stand in achieving this goal?",
                        ),
                        "required": True,
                        "scale": PROGRESS_4,
                    },
                    {
                        "key": "goal_1_comments",
                        "kind": "long_text",
                        "label": t("Commentaires", "Comments"),
                        "help": t(
                            "Ce qui a été fait, ce qui a aidé, ce qui reste à faire.",
                            "What was done, what helped, what remains to be done.",
                        ),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Objectif 2 du plan", "Goal 2 of the plan"),
                "help": t(
                    "Laissez cette section vide si le plan ne compte pas de deuxième objectif.",
                    "Leave this section empty if the plan has no second goal.",
                ),
                "questions": [
                    {
                        "key": "goal_2_progress",
                        "kind": "likert",
                        "label": t(
                            "Où en est le mentoré dans l’atteinte de cet objectif?",
                            "Where does the mentee stand in achieving this goal?",
                        ),
                        "required": False,
                        "scale": PROGRESS_4,
                    },
                    {
                        "key": "goal_2_comments",
                        "kind": "long_text",
                        "label": t("Commentaires", "Comments"),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Objectif 3 du plan", "Goal 3 of the plan"),
                "help": t(
                    "Laissez cette section vide si le plan ne compte pas de troisième objectif.",
                    "Leave this section empty if the plan has no third goal.",
                ),
                "questions": [
                    {
                        "key": "goal_3_progress",
                        "kind": "likert",
                        "label": t(
                            "Où en est le mentoré dans l’atteinte de cet objectif?",
                            "Where does the mentee stand in achieving this goal?",
                        ),
                        "required": False,
                        "scale": PROGRESS_4,
                    },
                    {
                        "key": "goal_3_comments",
                        "kind": "long_text",
                        "label": t("Commentaires", "Comments"),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Bilan", "Overview"),
                "help": t(
                    "Appuyez-vous sur des exemples précis tirés de vos échanges.",
                    "Draw on specific examples from your exchanges.",
                ),
                "questions": [
                    {
                        "key": "strengths",
                        "kind": "long_text",
                        "label": t(
                            "Quelles forces avez-vous observées chez le mentoré?",
                            "What strengths have you observed in the mentee?",
                        ),
                        "required": True,
                    },
                    {
                        "key": "suggestions",
                        "kind": "long_text",
                        "label": t(
                            "Quelles suggestions de perfectionnement faites-vous au mentoré?",
                            "What suggestions for professional growth do you make to the mentee?",
                        ),
                        "required": True,
                    },
                    {
                        "key": "next_steps",
                        "kind": "long_text",
                        "label": t(
                            "Quelles sont les prochaines étapes convenues ensemble?",
                            "What next steps did you agree on together?",
                        ),
                        "required": True,
                    },
                    {
                        "key": "signature",
                        "kind": "signature",
                        "label": t("Signature du mentor", "Mentor’s signature"),
                        "required": False,
                        "signers": ["mentor"],
                    },
                ],
            },
        ],
    },
    # --- Formulaire 5 ---------------------------------------------------------------------------
    {
        "key": "agefo-5",
        "title": t(
            "Formulaire 5 — Grille de vérification : formulaires remplis conformément aux "
            "exigences",
            "Form 5 — Checklist: forms completed as required",
        ),
        "intro": t(
            "Le mentor vérifie que les formulaires ont été remplis conformément aux exigences du "
            "programme de mentorat/coaching. Chaque élément est coché d’avance selon ce que le "
            "système a enregistré, preuve à l’appui : vérifiez-le avant de signer. Seuls "
            "l’existence des formulaires et leurs signatures sont vérifiés; leur contenu "
            "demeure confidentiel.",
            "The mentor checks that the forms were completed as the mentoring/coaching program "
            "requires. Each item is ticked in advance from what the system recorded, with the "
            "evidence: check it before signing. Only whether the forms exist and are signed is "
            "checked; their content stays confidential.",
        ),
        "sections": [
            {
                "title": t("Vérification", "Checklist"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "self_assessment_signed",
                        "kind": "check",
                        "label": t(
                            "Le formulaire 1 (Autoévaluation) a été rempli et signé par le "
                            "mentoré.",
                            "Form 1 (Self-assessment) was completed and signed by the mentee.",
                        ),
                        "required": False,
                        "evidence": "self_assessment_signed",
                    },
                    {
                        "key": "confidentiality_before_first_meeting",
                        "kind": "check",
                        "label": t(
                            "Le formulaire 2 (Engagement de confidentialité) a été signé par les "
                            "deux parties avant la première rencontre.",
                            "Form 2 (Confidentiality commitment) was signed by both parties "
                            "before the first meeting.",
                        ),
                        "required": False,
                        "evidence": "confidentiality_before_first_meeting",
                    },
                    {
                        "key": "learning_plan_signed",
                        "kind": "check",
                        "label": t(
                            "Le formulaire 3 (Plan d’apprentissage du mentoré) a été rempli "
                            "conjointement et signé par les deux parties.",
                            "Form 3 (Mentee’s learning plan) was completed jointly and signed "
                            "by both parties.",
                        ),
                        "required": False,
                        "evidence": "learning_plan_signed",
                    },
                    {
                        "key": "feedback_signed",
                        "kind": "check",
                        "label": t(
                            "Le formulaire 4 (Rétroaction du mentor au mentoré) a été rempli et "
                            "signé par le mentor.",
                            "Form 4 (Mentor’s feedback to the mentee) was completed and signed "
                            "by the mentor.",
                        ),
                        "required": False,
                        "evidence": "feedback_signed",
                    },
                    {
                        "key": "meetings_target",
                        "kind": "check",
                        "label": t(
                            "Les rencontres ont eu lieu selon l’horaire établi : le nombre de "
                            "rencontres prévu a été atteint.",
                            "The meetings took place as scheduled: the planned number of "
                            "meetings was reached.",
                        ),
                        "required": False,
                        "evidence": "meetings_target",
                    },
                    {
                        "key": "training_done",
                        "kind": "check",
                        "label": t(
                            "Le mentor a pris part aux séances d’orientation et de formation "
                            "offertes aux mentors et aux mentorés.",
                            "The mentor took part in the orientation and training sessions "
                            "offered to mentors and mentees.",
                        ),
                        "required": False,
                        "evidence": "training_done",
                    },
                ],
            },
            {
                "title": t("Commentaires", "Comments"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "comments",
                        "kind": "long_text",
                        "label": t(
                            "Commentaires (par exemple, ce qui explique un élément non rempli)",
                            "Comments (for instance, what explains an item not completed)",
                        ),
                        "required": False,
                    },
                    {
                        "key": "signature",
                        "kind": "signature",
                        "label": t("Signature du mentor", "Mentor’s signature"),
                        "required": False,
                        "signers": ["mentor"],
                    },
                ],
            },
        ],
    },
    # --- Annexe 4 -------------------------------------------------------------------------------
    {
        "key": "agefo-annex-4",
        "title": t(
            "Annexe 4 — Comme mentor, est-ce que je possède les compétences requises?",
            "Appendix 4 — As a mentor, do I have the required skills?",
        ),
        "intro": t(
            "Avant le jumelage, prenez quelques minutes pour faire le point sur ce qu’on attend "
            "d’un mentor. Cette réflexion est personnelle : elle vous aide à repérer ce que vous "
            "aimeriez travailler, notamment pendant la formation offerte aux mentors.",
            "Before pairing, take a few minutes to take stock of what is expected of a mentor. "
            "This reflection is personal: it helps you spot what you would like to work on, "
            "especially during the training offered to mentors.",
        ),
        "sections": [
            {
                "title": t("Disponibilité et engagement", "Availability and commitment"),
                "help": t(
                    "Dans quelle mesure chaque énoncé vous décrit-il?",
                    "How well does each statement describe you?",
                ),
                "questions": [
                    {
                        "key": "available",
                        "kind": "likert",
                        "label": t(
                            "Je suis accessible et je désire servir de ressource continue pendant "
                            "au moins un an et jusqu’à deux ans.",
                            "I am accessible and wish to serve as an ongoing resource for at "
                            "least one year and up to two years.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                    {
                        "key": "committed_to_training",
                        "kind": "likert",
                        "label": t(
                            "Je m’engage à acquérir les aptitudes propres au mentorat grâce à une "
                            "formation de qualité.",
                            "I commit to acquiring the specific skills of mentoring through "
                            "quality training.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                    {
                        "key": "experience",
                        "kind": "likert",
                        "label": t(
                            "J’ai de l’expérience dans un poste semblable à celui du mentoré, "
                            "idéalement trois ans dans un poste de cadre supérieur.",
                            "I have experience in a position similar to the mentee’s, ideally "
                            "three years in a senior leadership position.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                    {
                        "key": "full_attention",
                        "kind": "likert",
                        "label": t(
                            "Je peux donner toute mon attention au mentoré pendant nos rencontres "
                            "et respecter l’horaire convenu.",
                            "I can give the mentee my full attention during our meetings and "
                            "keep to the agreed schedule.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                ],
            },
            {
                "title": t("Leadership et connaissances", "Leadership and knowledge"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "leadership_model",
                        "kind": "likert",
                        "label": t(
                            "Je suis un modèle de leadership et mes pratiques sont conformes au "
                            "Cadre de leadership de l’Ontario.",
                            "I am a model of leadership and my practices are consistent with the "
                            "Ontario Leadership Framework.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                    {
                        "key": "current_priorities",
                        "kind": "likert",
                        "label": t(
                            "Je connais les priorités et les initiatives en cours dans le domaine "
                            "de l’éducation.",
                            "I know the current priorities and initiatives in education.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                    {
                        "key": "adult_learning",
                        "kind": "likert",
                        "label": t(
                            "Je connais les styles d’apprentissage des adultes et je suis en "
                            "mesure d’y répondre.",
                            "I know how adults learn and can respond to their learning styles.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                ],
            },
            {
                "title": t("Accompagner le mentoré", "Supporting the mentee"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "empathy",
                        "kind": "likert",
                        "label": t(
                            "Je montre de la compassion et je fais preuve d’empathie.",
                            "I show compassion and empathy.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                    {
                        "key": "active_listening",
                        "kind": "likert",
                        "label": t(
                            "J’écoute activement, sans interrompre ni juger.",
                            "I listen actively, without interrupting or judging.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                    {
                        "key": "reflective_questions",
                        "kind": "likert",
                        "label": t(
                            "Je sais poser les bonnes questions et faciliter la pratique "
                            "réflexive.",
                            "I know how to ask the right questions and foster reflective practice.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                    {
                        "key": "non_directive",
                        "kind": "likert",
                        "label": t(
                            "Je facilite la recherche de solutions par le mentoré, ou avec lui, "
                            "plutôt que d’imposer les miennes.",
                            "I help the mentee find solutions, or find them together, rather "
                            "than imposing my own.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                    {
                        "key": "network",
                        "kind": "likert",
                        "label": t(
                            "Je peux faciliter l’accès du mentoré à un réseau de collègues ou "
                            "d’experts.",
                            "I can give the mentee access to a network of colleagues or experts.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                ],
            },
            {
                "title": t("Le cadre de la relation", "The framework of the relationship"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "confidentiality",
                        "kind": "likert",
                        "label": t(
                            "Je respecte la confidentialité de nos échanges, dans les limites "
                            "prévues par l’engagement de confidentialité.",
                            "I respect the confidentiality of our exchanges, within the limits "
                            "set by the confidentiality commitment.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                    {
                        "key": "not_supervision",
                        "kind": "likert",
                        "label": t(
                            "Je comprends que le mentorat n’est ni de la supervision, ni une "
                            "évaluation du rendement, ni du counseling.",
                            "I understand that mentoring is neither supervision, nor "
                            "performance appraisal, nor counselling.",
                        ),
                        "required": True,
                        "scale": AGREEMENT_4,
                    },
                    {
                        "key": "no_authority",
                        "kind": "check",
                        "label": t(
                            "Je n’accepterai pas d’être le mentor d’une personne que je supervise "
                            "ou dont j’évalue le rendement.",
                            "I will not agree to mentor a person I supervise or whose "
                            "performance I appraise.",
                        ),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Pistes de travail", "What to work on"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "work_on",
                        "kind": "long_text",
                        "label": t(
                            "Sur quoi aimeriez-vous travailler pour mieux accompagner un mentoré?",
                            "What would you like to work on to better support a mentee?",
                        ),
                        "required": False,
                    },
                ],
            },
        ],
    },
    # --- Annexe 5 -------------------------------------------------------------------------------
    {
        "key": "agefo-annex-5",
        "title": t(
            "Annexe 5 — Pour mieux choisir son mentor, le mentoré devrait se poser des questions",
            "Appendix 5 — To choose a mentor well, the mentee should ask themselves some questions",
        ),
        "intro": t(
            "Le mentoré prend toujours part au choix de son mentor. Avant de classer les mentors "
            "qui vous sont proposés, posez-vous ces questions. Aucune n’est obligatoire : vos "
            "réponses servent d’abord à votre propre réflexion.",
            "The mentee always takes part in choosing the mentor. Before ranking the mentors you "
            "are offered, ask yourself these questions. None is mandatory: your answers are first "
            "of all for your own reflection.",
        ),
        "sections": [
            {
                "title": t("Mes besoins et mes attentes", "My needs and expectations"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "expectations",
                        "kind": "long_text",
                        "label": t(
                            "Quelles sont mes attentes envers mon mentor?",
                            "What do I expect from my mentor?",
                        ),
                        "required": False,
                    },
                    {
                        "key": "needs",
                        "kind": "long_text",
                        "label": t(
                            "Quels sont mes besoins d’apprentissage dans mon nouveau poste?",
                            "What are my learning needs in my new position?",
                        ),
                        "required": False,
                    },
                    {
                        "key": "support_wanted",
                        "kind": "long_text",
                        "label": t(
                            "Quel type d’appui me serait le plus utile : de la rétroaction, des "
                            "questions qui font réfléchir, le partage d’expériences, du "
                            "réseautage, des conseils?",
                            "What kind of support would help me most: feedback, questions that "
                            "make me think, shared experience, networking, advice?",
                        ),
                        "required": False,
                    },
                    {
                        "key": "learning_style",
                        "kind": "long_text",
                        "label": t(
                            "Comment est-ce que j’apprends le mieux?",
                            "How do I learn best?",
                        ),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Le mentor qui me conviendrait", "The right mentor for me"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "mentor_experience",
                        "kind": "long_text",
                        "label": t(
                            "Quelle expérience mon mentor devrait-il avoir (poste occupé, type de "
                            "conseil scolaire, dossiers)?",
                            "What experience should my mentor have (position held, kind of "
                            "school board, files)?",
                        ),
                        "required": False,
                    },
                    {
                        "key": "similar_or_different",
                        "kind": "long_text",
                        "label": t(
                            "Est-ce que je souhaite un mentor dont le parcours ressemble au mien "
                            "ou qui m’apportera un autre regard?",
                            "Do I want a mentor whose path resembles mine, or one who will bring "
                            "me a different perspective?",
                        ),
                        "required": False,
                    },
                    {
                        "key": "at_ease",
                        "kind": "long_text",
                        "label": t(
                            "Est-ce que je me sentirai à l’aise de parler franchement avec cette "
                            "personne, y compris de mes difficultés?",
                            "Will I feel comfortable speaking frankly with this person, my "
                            "difficulties included?",
                        ),
                        "required": False,
                    },
                    {
                        "key": "trust",
                        "kind": "long_text",
                        "label": t(
                            "Est-ce que je fais confiance à cette personne pour respecter la "
                            "confidentialité de nos échanges?",
                            "Do I trust this person to keep our exchanges confidential?",
                        ),
                        "required": False,
                    },
                    {
                        "key": "no_authority",
                        "kind": "check",
                        "label": t(
                            "J’ai vérifié que ce mentor n’a aucun lien d’autorité avec moi : il ne "
                            "me supervise pas et n’évalue pas mon rendement.",
                            "I have checked that this mentor has no authority over me: they do "
                            "not supervise me or appraise my performance.",
                        ),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Notre façon de travailler", "How we will work"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "time_available",
                        "kind": "long_text",
                        "label": t(
                            "Combien de temps puis-je consacrer au mentorat, et ce mentor "
                            "sera-t-il disponible au même rythme?",
                            "How much time can I give to mentoring, and will this mentor be "
                            "available at the same pace?",
                        ),
                        "required": False,
                    },
                    {
                        "key": "how_to_meet",
                        "kind": "long_text",
                        "label": t(
                            "Comment est-ce que je préfère échanger : en personne, par téléphone, "
                            "par vidéoconférence, par courriel?",
                            "How do I prefer to meet: in person, by phone, by video call, by "
                            "e-mail?",
                        ),
                        "required": False,
                    },
                    {
                        "key": "success",
                        "kind": "long_text",
                        "label": t(
                            "À la fin du mentorat, à quoi reconnaîtrai-je que la relation m’a été "
                            "utile?",
                            "At the end of the mentoring, how will I know the relationship was "
                            "useful to me?",
                        ),
                        "required": False,
                    },
                ],
            },
        ],
    },
    # --- Persévérance scolaire ------------------------------------------------------------------
    {
        "key": "perseverance-commitment",
        "title": t(
            "Engagement et objectifs de l’élève",
            "Student’s commitment and goals",
        ),
        "intro": t(
            "Tu remplis ce formulaire avec ton mentor au début du programme. Il dit ce que tu "
            "t’engages à faire, ce que tu veux réussir cette année et à qui parler si ça ne va "
            "pas. Ce que tu confies à ton mentor reste entre vous, sauf si ta sécurité ou celle "
            "d’une autre personne est en danger.",
            "You fill in this form with your mentor at the start of the program. It says what you "
            "commit to, what you want to achieve this year and who to talk to if things go wrong. "
            "What you tell your mentor stays between you, unless your safety or someone else’s "
            "is at risk.",
        ),
        "sections": [
            {
                "title": t("Mes engagements", "My commitments"),
                "help": t(
                    "Coche chaque engagement que tu prends.",
                    "Tick each commitment you make.",
                ),
                "questions": [
                    {
                        "key": "attend_meetings",
                        "kind": "check",
                        "label": t(
                            "Je viens aux rencontres prévues avec mon mentor.",
                            "I come to the meetings planned with my mentor.",
                        ),
                        "required": True,
                    },
                    {
                        "key": "give_notice",
                        "kind": "check",
                        "label": t(
                            "Si je ne peux pas venir, je préviens mon mentor ou l’école le plus "
                            "tôt possible.",
                            "If I can’t come, I let my mentor or the school know as early as "
                            "possible.",
                        ),
                        "required": True,
                    },
                    {
                        "key": "speak_honestly",
                        "kind": "check",
                        "label": t(
                            "Je dis franchement ce qui va et ce qui ne va pas, même quand c’est "
                            "difficile.",
                            "I say honestly what is going well and what isn’t, even when it’s "
                            "hard.",
                        ),
                        "required": True,
                    },
                    {
                        "key": "respect",
                        "kind": "check",
                        "label": t(
                            "Je respecte mon mentor et les autres personnes du programme.",
                            "I respect my mentor and the other people in the program.",
                        ),
                        "required": True,
                    },
                    {
                        "key": "school_effort",
                        "kind": "check",
                        "label": t(
                            "Je vais à mes cours et je fais mes travaux du mieux que je peux.",
                            "I go to my classes and do my schoolwork as well as I can.",
                        ),
                        "required": True,
                    },
                    {
                        "key": "ask_for_help",
                        "kind": "check",
                        "label": t(
                            "Je demande de l’aide quand j’en ai besoin.",
                            "I ask for help when I need it.",
                        ),
                        "required": True,
                    },
                ],
            },
            {
                "title": t("L’engagement de mon mentor", "My mentor’s commitment"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "mentor_commitment",
                        "kind": "check",
                        "label": t(
                            "Mentor : je m’engage à venir aux rencontres, à écouter sans "
                            "juger, à garder nos échanges confidentiels dans les limites prévues "
                            "et à aider l’élève à trouver ses propres solutions.",
                            "Mentor: I commit to being there for our meetings, listening without "
                            "judging, keeping our exchanges confidential within the set limits "
                            "and helping the student find their own solutions.",
                        ),
                        "required": True,
                    },
                ],
            },
            {
                "title": t("Mes objectifs", "My goals"),
                "help": t(
                    "Choisis deux ou trois objectifs, à l’école ou dans ta vie. Un bon objectif "
                    "est précis : « Remettre tous mes devoirs de maths à temps » plutôt que "
                    "« Être meilleur en maths ».",
                    "Choose two or three goals, at school or in your life. A good goal is "
                    "specific: “Hand in all my math homework on time” rather than “Get better at "
                    "math”.",
                ),
                "questions": [
                    {
                        "key": "goal_1",
                        "kind": "text",
                        "label": t("Mon objectif 1", "My goal 1"),
                        "required": True,
                    },
                    {
                        "key": "goal_1_how",
                        "kind": "long_text",
                        "label": t(
                            "Comment je vais m’y prendre, et comment mon mentor peut m’aider",
                            "How I will go about it, and how my mentor can help me",
                        ),
                        "required": True,
                    },
                    {
                        "key": "goal_2",
                        "kind": "text",
                        "label": t("Mon objectif 2", "My goal 2"),
                        "required": True,
                    },
                    {
                        "key": "goal_2_how",
                        "kind": "long_text",
                        "label": t(
                            "Comment je vais m’y prendre, et comment mon mentor peut m’aider",
                            "How I will go about it, and how my mentor can help me",
                        ),
                        "required": True,
                    },
                    {
                        "key": "goal_3",
                        "kind": "text",
                        "label": t("Mon objectif 3 (si tu veux)", "My goal 3 (if you want)"),
                        "required": False,
                    },
                    {
                        "key": "goal_3_how",
                        "kind": "long_text",
                        "label": t(
                            "Comment je vais m’y prendre, et comment mon mentor peut m’aider",
                            "How I will go about it, and how my mentor can help me",
                        ),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Si ça ne va pas", "If things go wrong"),
                "help": t(
                    "Si quelque chose ne va pas avec ton mentor, dans le programme ou dans ta "
                    "vie, tu n’as pas à garder ça pour toi. En cas d’urgence, appelle le 911. "
                    "Jeunesse, J’écoute répond jour et nuit au 1 800 668-6868.",
                    "If something is wrong with your mentor, in the program or in your life, you "
                    "don’t have to keep it to yourself. In an emergency, call 911. Kids Help "
                    "Phone answers day and night at 1-800-668-6868.",
                ),
                "questions": [
                    {
                        "key": "school_contact",
                        "kind": "text",
                        "label": t(
                            "La personne responsable du programme à l’école, et comment la joindre",
                            "The person in charge of the program at school, and how to reach them",
                        ),
                        "required": True,
                    },
                    {
                        "key": "trusted_adult",
                        "kind": "text",
                        "label": t(
                            "Un autre adulte de confiance à qui je peux parler",
                            "Another adult I trust and can talk to",
                        ),
                        "required": False,
                    },
                    {
                        "key": "commitment_date",
                        "kind": "date",
                        "label": t("Date", "Date"),
                        "required": True,
                    },
                    {
                        "key": "signature",
                        "kind": "signature",
                        "label": t(
                            "Signatures de l’élève et du mentor",
                            "Signatures of the student and the mentor",
                        ),
                        "required": False,
                        "signers": ["mentor", "mentee"],
                    },
                ],
            },
        ],
    },
    # --- Fin de programme -----------------------------------------------------------------------
    {
        "key": "end-of-program",
        "title": t("Évaluation de fin de programme", "End-of-program evaluation"),
        "intro": t(
            "Ce questionnaire s’adresse à toutes les personnes qui ont participé au programme, "
            "mentors comme mentorés. Il faut environ cinq minutes pour y répondre. Vos réponses "
            "servent à améliorer le programme.",
            "This questionnaire is for everyone who took part in the program, mentors and "
            "mentees alike. It takes about five minutes. Your answers serve to improve the "
            "program.",
        ),
        "sections": [
            {
                "title": t("Votre appréciation", "Your overall view"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "overall_satisfaction",
                        "kind": "likert",
                        "label": t(
                            "Dans l’ensemble, comment qualifiez-vous votre expérience de mentorat?",
                            "Overall, how would you rate your mentoring experience?",
                        ),
                        "required": True,
                        "scale": SATISFACTION_5,
                    },
                ],
            },
            {
                "title": t("Les effets du mentorat", "The effects of mentoring"),
                "help": t(
                    "Selon vous, quel effet le mentorat a-t-il eu? Si vous êtes mentor, répondez "
                    "pour votre mentoré, d’après ce que vous avez observé.",
                    "In your view, what effect did mentoring have? If you are a mentor, answer for "
                    "your mentee, from what you observed.",
                ),
                "questions": [
                    {
                        "key": "effect_wellbeing",
                        "kind": "likert",
                        "label": t(
                            "Sur le bien-être (se sentir bien, moins de stress et d’inquiétudes)",
                            "On well-being (feeling good, less stress and worry)",
                        ),
                        "required": True,
                        "scale": EFFECT_5,
                    },
                    {
                        "key": "effect_success",
                        "kind": "likert",
                        "label": t(
                            "Sur la réussite scolaire ou universitaire",
                            "On success at school, college or university",
                        ),
                        "required": True,
                        "scale": EFFECT_5,
                    },
                    {
                        "key": "effect_perseverance",
                        "kind": "likert",
                        "label": t(
                            "Sur la persévérance (l’envie de continuer ses études jusqu’au bout)",
                            "On perseverance (the will to see one’s studies through)",
                        ),
                        "required": True,
                        "scale": EFFECT_5,
                    },
                ],
            },
            {
                "title": t(
                    "Ce que le mentorat vous a apporté",
                    "What mentoring brought you",
                ),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "benefits",
                        "kind": "multi",
                        "label": t(
                            "Dans quels domaines le mentorat vous a-t-il apporté quelque chose?",
                            "In which areas did mentoring bring you something?",
                        ),
                        "help": t(
                            "Cochez tout ce qui s’applique.",
                            "Tick all that apply.",
                        ),
                        "required": False,
                        "choices": [
                            {
                                "value": "professional",
                                "label": t(
                                    "Professionnel : métier, orientation, carrière",
                                    "Professional: occupation, career choices, career",
                                ),
                            },
                            {
                                "value": "personal",
                                "label": t(
                                    "Personnel : confiance en soi, motivation, gestion du stress",
                                    "Personal: self-confidence, motivation, handling stress",
                                ),
                            },
                            {
                                "value": "academic",
                                "label": t(
                                    "Scolaire : méthodes de travail, organisation, réussite des "
                                    "cours",
                                    "Academic: study methods, organization, passing courses",
                                ),
                            },
                            {
                                "value": "social",
                                "label": t(
                                    "Social : écoute, soutien, sentiment que quelqu’un est là",
                                    "Social: listening, support, the sense that someone is there",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "benefits_example",
                        "kind": "long_text",
                        "label": t(
                            "Pouvez-vous donner un exemple?",
                            "Can you give an example?",
                        ),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Ce qui a moins bien fonctionné", "What worked less well"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "difficulties",
                        "kind": "multi",
                        "label": t(
                            "Qu’est-ce qui a nui au mentorat?",
                            "What got in the way of the mentoring?",
                        ),
                        "help": t(
                            "Cochez tout ce qui s’applique.",
                            "Tick all that apply.",
                        ),
                        "required": False,
                        "choices": [
                            {
                                "value": "too_few_meetings",
                                "label": t("Pas assez de rencontres", "Too few meetings"),
                            },
                            {
                                "value": "schedule",
                                "label": t(
                                    "Des horaires difficiles à concilier",
                                    "Schedules hard to fit together",
                                ),
                            },
                            {
                                "value": "distance",
                                "label": t("La distance ou les déplacements", "Distance or travel"),
                            },
                            {
                                "value": "mismatch",
                                "label": t(
                                    "Un jumelage mal assorti (peu d’affinités, attentes "
                                    "différentes)",
                                    "A poor match (little in common, different expectations)",
                                ),
                            },
                            {"value": "other", "label": t("Autre chose", "Something else")},
                        ],
                    },
                    {
                        "key": "difficulties_details",
                        "kind": "long_text",
                        "label": t(
                            "Précisez, si vous le souhaitez.",
                            "Tell us more, if you wish.",
                        ),
                        "required": False,
                    },
                ],
            },
            {
                "title": t("Pour la suite", "Looking ahead"),
                "help": NO_HELP,
                "questions": [
                    {
                        "key": "take_part_again",
                        "kind": "choice",
                        "label": t(
                            "Participeriez-vous de nouveau à un programme de mentorat?",
                            "Would you take part in a mentoring program again?",
                        ),
                        "required": True,
                        "choices": [
                            {"value": "yes", "label": t("Oui", "Yes")},
                            {"value": "maybe", "label": t("Peut-être", "Maybe")},
                            {"value": "no", "label": t("Non", "No")},
                        ],
                    },
                    {
                        "key": "comments",
                        "kind": "long_text",
                        "label": t(
                            "Vos commentaires et vos suggestions pour améliorer le programme",
                            "Your comments and suggestions to improve the program",
                        ),
                        "required": False,
                    },
                ],
            },
        ],
    },
]

# The Youth-Centered Relationship scale (Public/Private Ventures' Youth Mentoring Survey; the
# National Mentoring Resource Center's toolkit, free for non-commercial use): 5 items for mentees
# aged 10 to 18, each from 1 (not true at all) to 4 (very true); the score is their mean.
TRUE_4 = [
    {"value": 1, "label": t("Pas vrai du tout", "Not true at all")},
    {"value": 2, "label": t("Pas très vrai", "Not very true")},
    {"value": 3, "label": t("Plutôt vrai", "Sort of true")},
    {"value": 4, "label": t("Très vrai", "Very true")},
]

YCR_ITEMS = [
    (
        "ycr_asks",
        t(
            "Mon mentor me demande presque toujours ce que j’ai envie de faire.",
            "My mentor almost always asks me what I want to do.",
        ),
    ),
    (
        "ycr_same_things",
        t(
            "Mon mentor et moi aimons faire beaucoup des mêmes choses.",
            "My mentor and I like to do a lot of the same things.",
        ),
    ),
    (
        "ycr_fun",
        t(
            "Mon mentor pense à des choses amusantes et intéressantes à faire.",
            "My mentor thinks of fun and interesting things to do.",
        ),
    ),
    (
        "ycr_talk",
        t(
            "Mon mentor et moi aimons parler des mêmes choses.",
            "My mentor and I like to talk about the same things.",
        ),
    ),
    (
        "ycr_what_i_want",
        t(
            "Mon mentor et moi faisons des choses que j’ai vraiment envie de faire.",
            "My mentor and I do things I really want to do.",
        ),
    ),
]

BUILTIN_TEMPLATES.append(
    {
        "key": "youth-centered-relationship",
        "title": t(
            "Une relation centrée sur toi (échelle YCR)",
            "A relationship centred on you (YCR scale)",
        ),
        "intro": t(
            "Cinq phrases sur ce que tu fais avec ton mentor. Pour chacune, dis si elle est vraie "
            "pour toi. Il n’y a pas de bonne ou de mauvaise réponse, et ton mentor ne verra pas "
            "tes réponses : la coordination ne lit que les résultats de tout le groupe.",
            "Five sentences about what you do with your mentor. For each one, say whether it is "
            "true for you. There is no right or wrong answer, and your mentor will not see your "
            "answers: the coordination reads only the results of the whole group.",
        ),
        "sections": [
            {
                "title": t("Toi et ton mentor", "You and your mentor"),
                "help": t(
                    "Échelle « Youth-Centered Relationship », Public/Private Ventures (utilisation "
                    "non commerciale gratuite).",
                    "Youth-Centered Relationship scale, Public/Private Ventures (free for "
                    "non-commercial use).",
                ),
                "questions": [
                    {
                        "key": key,
                        "kind": "likert",
                        "label": label,
                        "required": True,
                        "scale": TRUE_4,
                    }
                    for key, label in YCR_ITEMS
                ],
            }
        ],
    }
)
