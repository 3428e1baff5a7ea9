"""The demo data's fixed content, read by `manage.py seed_demo`.

Everything here is fictional: the school board, its schools, the people and their e-mail
addresses (under the reserved `.example` domain). Telephone numbers use the 555-01xx range,
which is reserved for fiction.
"""

from datetime import date

from programs.choices import Availability as A
from programs.choices import Interest as I
from programs.choices import Topic as T
from programs.models import ProgramKind, SchoolLevel

DEMO_PASSWORD = "mentorat-demo"
DEMO_DOMAIN = "demo.mentorat.example"
SUPERUSER = {"email": "admin@mentorat.example", "full_name": "Équipe technique Mentorat"}
SEED = 2026

ORGANIZATION = {
    "slug": "grandes-marees",
    "name": "Centre de services scolaire des Grandes-Marées",
    "website": "https://www.grandes-marees.example/",
    "contact_email": "mentorat@grandes-marees.example",
}

# (code, name, level, city)
SCHOOLS = [
    ("871010", "École secondaire des Battures", SchoolLevel.SECONDARY, "Rimouski"),
    ("871020", "École secondaire de la Rivière-Mitis", SchoolLevel.SECONDARY, "Mont-Joli"),
    ("871110", "École primaire des Cormorans", SchoolLevel.ELEMENTARY, "Sainte-Luce"),
    ("871120", "École primaire des Goélands", SchoolLevel.ELEMENTARY, "Matane"),
    ("871300", "Centre d'éducation des adultes L'Estran", SchoolLevel.ADULT, "Rimouski"),
    ("871900", "Centre administratif", SchoolLevel.OFFICE, "Rimouski"),
    (
        "UL-FSE",
        "Université du Littoral — Faculté des sciences de l'éducation",
        SchoolLevel.UNIVERSITY,
        "Rimouski",
    ),
]

COORDINATORS = [
    {
        "key": "claire",
        "first": "Claire",
        "last": "Bélanger",
        "phone": "418 555-0142",
        "title": "Conseillère pédagogique, responsable du mentorat",
    },
    {
        "key": "julien",
        "first": "Julien",
        "last": "Ouellet",
        "phone": "418 555-0157",
        "title": "Coordonnateur de la persévérance scolaire",
    },
]

COHORT = {
    "name": "2026-2027",
    "starts_on": date(2026, 8, 25),
    "recruitment_ends_on": date(2026, 9, 25),
    "training_ends_on": date(2026, 10, 16),
    "pairing_ends_on": date(2026, 11, 27),
    "closing_starts_on": date(2027, 5, 17),
    "ends_on": date(2027, 6, 20),
}

# --- Public pages -----------------------------------------------------------------------------

LEADERS_PAGE = {
    "objectives_fr": (
        "Le programme accompagne les directions et directions adjointes qui entrent en fonction "
        "dans nos écoles et nos centres. Pendant leur première ou leur deuxième année, chaque "
        "nouvelle direction est jumelée à une direction d'expérience qui l'aide à prendre sa "
        "place, à clarifier ses priorités et à développer son leadership pédagogique.\n\n"
        "Nous visons trois résultats : une entrée en fonction plus sereine, des pratiques de "
        "gestion bien ancrées (budget, ressources humaines, relations avec les parents et la "
        "communauté) et un réseau professionnel sur lequel la nouvelle direction pourra compter "
        "bien après la fin du jumelage. Le mentorat n'est pas une évaluation : c'est un espace "
        "de réflexion confidentiel, centré sur les besoins de la personne accompagnée."
    ),
    "objectives_en": (
        "The program supports principals and vice-principals who are starting out in our "
        "schools and centres. During their first or second year, each new school leader is "
        "paired with an experienced principal who helps them settle into the role, clarify "
        "their priorities and develop their instructional leadership.\n\n"
        "We aim for three outcomes: a calmer start in the role, well-grounded management "
        "practices (budget, human resources, relations with parents and the community) and a "
        "professional network the new leader can rely on long after the pairing ends. "
        "Mentoring is not an evaluation: it is a confidential space for reflection, centred on "
        "the needs of the person being mentored."
    ),
    "student_selection_fr": (
        "Le programme est offert à toute personne nommée à un poste de direction ou de "
        "direction adjointe depuis moins de deux ans au Centre de services scolaire des "
        "Grandes-Marées, ainsi qu'aux directions qui changent d'ordre d'enseignement (par "
        "exemple du primaire au secondaire). La participation est volontaire : la nouvelle "
        "direction s'inscrit elle-même et peut se retirer en tout temps, sans avoir à se "
        "justifier.\n\n"
        "À l'inscription, la personne décrit ses besoins (leadership pédagogique, gestion "
        "budgétaire, supervision du personnel, relations avec les parents, gestion de "
        "conflits…) et ses disponibilités. Ces renseignements servent uniquement à lui proposer "
        "des mentors compatibles."
    ),
    "student_selection_en": (
        "The program is open to anyone appointed principal or vice-principal at the Centre de "
        "services scolaire des Grandes-Marées within the last two years, and to principals "
        "moving to a different level (for example from elementary to secondary). Taking part "
        "is voluntary: new leaders sign up themselves and may withdraw at any time without "
        "giving a reason.\n\n"
        "When signing up, each person describes their needs (instructional leadership, "
        "budgeting, staff supervision, parent relations, conflict management…) and their "
        "availability. This information is used only to suggest compatible mentors."
    ),
    "mentor_selection_fr": (
        "Les mentors sont des directions en poste ou récemment retraitées qui comptent au moins "
        "cinq ans d'expérience à la direction d'un établissement. Ils posent leur candidature "
        "et sont retenus par l'équipe de coordination pour leur expérience, leur disponibilité "
        "et leur capacité d'écoute.\n\n"
        "Avant tout jumelage, chaque mentor suit une formation initiale d'une journée sur la "
        "posture de mentor, l'écoute active, le questionnement et la confidentialité, puis "
        "participe à des ateliers de codéveloppement pendant l'année. Une vérification des "
        "antécédents judiciaires à jour est exigée, comme pour tout membre du personnel.\n\n"
        "La nouvelle direction participe au choix de son mentor : on lui présente quelques "
        "profils, elle indique ses préférences, et le jumelage n'est confirmé que lorsque les "
        "deux personnes l'ont accepté. Une personne qui supervise ou évalue la nouvelle "
        "direction — sa propre direction d'établissement, par exemple, ou un membre de la "
        "direction générale chargé de son évaluation — ne peut jamais être son mentor."
    ),
    "mentor_selection_en": (
        "Mentors are serving or recently retired principals with at least five years of "
        "experience leading a school or centre. They apply and are selected by the "
        "coordination team for their experience, their availability and their ability to "
        "listen.\n\n"
        "Before any pairing, each mentor completes a one-day initial training on the mentor's "
        "stance, active listening, questioning and confidentiality, and then takes part in "
        "peer-coaching workshops during the year. An up-to-date criminal background check is "
        "required, as for every staff member.\n\n"
        "New leaders take part in choosing their mentor: they are shown a few profiles, state "
        "their preferences, and the pairing is confirmed only once both people have agreed to "
        "it. Anyone who supervises or evaluates the new leader — their own principal, for "
        "example, or a member of senior management responsible for their evaluation — can "
        "never be their mentor."
    ),
    "role_mentor_fr": (
        "Le mentor accompagne, il ne dirige pas. Il écoute, pose des questions qui aident à "
        "prendre du recul, partage son expérience lorsque c'est utile et oriente vers les "
        "bonnes ressources. Il ne prend pas de décisions à la place de la nouvelle direction "
        "et ne rend compte de son travail à personne.\n\n"
        "Concrètement, le mentor s'engage à rencontrer la personne accompagnée environ toutes "
        "les trois semaines (en personne ou en visioconférence), à consigner brièvement chaque "
        "rencontre dans la plateforme sans en dévoiler le contenu et à signaler à la "
        "coordination toute difficulté dans la relation."
    ),
    "role_mentor_en": (
        "The mentor guides; they do not direct. They listen, ask questions that help the new "
        "leader step back, share their experience when it is useful and point to the right "
        "resources. They do not make decisions in the new leader's place and do not report on "
        "their work to anyone.\n\n"
        "In practice, mentors commit to meeting the person they mentor about every three weeks "
        "(in person or by video call), to logging each meeting briefly on the platform without "
        "disclosing what was said, and to telling the coordinator about any difficulty in the "
        "relationship."
    ),
    "role_mentee_fr": (
        "La nouvelle direction est au cœur de la démarche : c'est elle qui apporte les "
        "situations à discuter et qui fixe ses objectifs de développement. Elle participe au "
        "choix de son mentor, prépare les rencontres, respecte le calendrier convenu et dit "
        "franchement ce qui l'aide ou non.\n\n"
        "Si la relation ne fonctionne pas — peu d'affinités, horaires incompatibles, malaise — "
        "elle peut en parler à la coordination en toute confidentialité : un nouveau jumelage "
        "lui est alors proposé, sans que personne ait à se justifier."
    ),
    "role_mentee_en": (
        "The new leader is at the heart of the process: they bring the situations to discuss "
        "and set their own development goals. They take part in choosing their mentor, prepare "
        "for meetings, keep to the agreed schedule and say frankly what helps and what does "
        "not.\n\n"
        "If the relationship is not working — little rapport, incompatible schedules, "
        "discomfort — they can talk to the coordinator in confidence: a new pairing is then "
        "offered, without anyone having to justify themselves."
    ),
    "role_parent_fr": (
        "Ce programme s'adresse à des adultes : aucun consentement parental n'est demandé. Les "
        "parents des élèves n'y participent pas directement, mais ils en bénéficient : une "
        "direction bien soutenue est plus disponible pour les familles, le personnel et les "
        "élèves. Aucun renseignement sur un élève ou une famille ne doit être partagé en "
        "mentorat sous une forme qui permettrait de les reconnaître."
    ),
    "role_parent_en": (
        "This program is for adults: no parental consent is required. Students' parents do not "
        "take part directly, but they benefit from it: a well-supported principal has more "
        "time for families, staff and students. No information about a student or a family "
        "may be shared in mentoring in a way that would allow them to be identified."
    ),
    "role_coordinator_fr": (
        "La coordination, assurée par les Services éducatifs, recrute les mentors et les "
        "nouvelles directions, organise la formation, propose les jumelages et s'assure que "
        "chacun y consent avant le début. Elle vérifie qu'aucun lien d'autorité (supervision ou "
        "évaluation) n'existe entre le mentor et la personne accompagnée.\n\n"
        "Pendant l'année, elle suit la régularité des rencontres sans en connaître le contenu, "
        "relance les duos qui ne se voient plus et organise un nouveau jumelage lorsqu'un duo "
        "ne fonctionne pas. C'est à elle qu'on s'adresse pour toute question ou inquiétude."
    ),
    "role_coordinator_en": (
        "The coordinator, from Educational Services, recruits mentors and new leaders, "
        "organizes training, proposes pairings and makes sure everyone agrees before a pairing "
        "begins. They check that no line of authority (supervision or evaluation) exists "
        "between the mentor and the person mentored.\n\n"
        "During the year, they follow how regularly pairs meet without knowing what is "
        "discussed, reach out to pairs who have stopped meeting and arrange a new pairing when "
        "a pair does not work. They are the person to contact with any question or concern."
    ),
    "calendar_fr": (
        "Fin août — lancement du programme et inscriptions.\n"
        "Septembre — recrutement des mentors et des nouvelles directions.\n"
        "Début octobre — formation initiale des mentors, obligatoire avant tout jumelage.\n"
        "Octobre et novembre — propositions de mentors, choix par les nouvelles directions et "
        "confirmation des jumelages.\n"
        "De décembre à mai — rencontres environ toutes les trois semaines ; ateliers de "
        "codéveloppement en janvier et en mars.\n"
        "Mai et juin — bilan du jumelage et activité de clôture."
    ),
    "calendar_en": (
        "Late August — program launch and registration.\n"
        "September — recruitment of mentors and new leaders.\n"
        "Early October — initial mentor training, required before any pairing.\n"
        "October and November — mentor suggestions, choice by the new leaders and confirmation "
        "of pairings.\n"
        "December to May — meetings about every three weeks; peer-coaching workshops in "
        "January and March.\n"
        "May and June — review of the pairing and closing event."
    ),
    "confidentiality_fr": (
        "La confidentialité est au cœur du programme. Ce qui se dit entre le mentor et la "
        "nouvelle direction reste entre eux : le mentor ne fait rapport ni à la direction "
        "générale ni à l’employeur, et rien de ce qui est partagé ne peut servir à une "
        "évaluation. La plateforme conserve les dates, la durée et le lieu des rencontres et, "
        "après chacune, quelques mots sur les thèmes abordés et les prochaines étapes, que seuls "
        "le jumelage et la coordination lisent ; chacun peut aussi y garder une note privée que "
        "personne d’autre ne lit. Ce qui se dit en rencontre n’y est pas consigné.\n\n"
        "Seule exception : une situation qui compromet la sécurité d'une personne, notamment "
        "celle d'un élève, doit être signalée selon les obligations légales et les politiques "
        "du centre de services scolaire. Lorsque c'est possible, le mentor en parle d'abord "
        "avec la personne qu'il accompagne."
    ),
    "confidentiality_en": (
        "Confidentiality is at the heart of the program. What is said between the mentor and "
        "the new leader stays between them: the mentor reports neither to senior management nor "
        "to the employer, and nothing shared can be used in an evaluation. The platform keeps "
        "the date, length and place of meetings and, after each, a few words on the themes and "
        "next steps, read only by the pair and the coordinator; each may also keep a private "
        "note that nobody else reads. What is said in a meeting is not recorded there.\n\n"
        "The only exception: a situation that endangers someone's safety, in particular a "
        "student's, must be reported as the law and the school service centre's policies "
        "require. Whenever possible, the mentor first discusses it with the person they mentor."
    ),
}

PERSEVERANCE_PAGE = {
    "objectives_fr": (
        "Ce programme offre à des élèves de la 2e à la 5e secondaire un adulte de confiance, en "
        "dehors de leur famille et de leurs enseignants, qui les rencontre régulièrement "
        "pendant toute l'année scolaire. Le mentor aide l'élève à garder le cap : s'organiser "
        "dans ses travaux, reprendre confiance après un échec, explorer ses intérêts et "
        "réfléchir à la suite de ses études.\n\n"
        "Le but n'est pas de faire de l'aide aux devoirs, mais de bâtir une relation stable qui "
        "donne à l'élève le goût de rester à l'école et d'obtenir son diplôme. La présence d'un "
        "adulte significatif est reconnue comme l'un des facteurs qui favorisent le plus la "
        "persévérance scolaire."
    ),
    "objectives_en": (
        "This program gives students from Secondary 2 to Secondary 5 a trusted adult, outside "
        "their family and their teachers, who meets them regularly throughout the school year. "
        "The mentor helps the student stay on course: getting organized with schoolwork, "
        "regaining confidence after a setback, exploring their interests and thinking about "
        "what comes after high school.\n\n"
        "The goal is not homework help but a steady relationship that makes the student want "
        "to stay in school and earn their diploma. Having a significant adult in one's life is "
        "recognized as one of the factors that most support perseverance in school."
    ),
    "student_selection_fr": (
        "Les élèves sont proposés par l'équipe-école (enseignants, professionnels, direction) "
        "lorsqu'ils montrent des signes de décrochage : baisse des résultats, absences "
        "répétées, perte de motivation, difficulté à s'intégrer. Un élève peut aussi demander "
        "lui-même à participer, et un parent peut en faire la demande.\n\n"
        "Le choix ne repose jamais sur un seul critère et n'a rien d'une sanction. La "
        "participation est volontaire : l'élève rencontre la coordination, qui lui explique le "
        "programme, puis décide s'il veut y prendre part. Pour un élève de moins de 18 ans, le "
        "consentement d'un parent ou tuteur est aussi nécessaire avant tout jumelage."
    ),
    "student_selection_en": (
        "Students are referred by the school team (teachers, professionals, administration) "
        "when they show signs of disengagement: falling grades, repeated absences, loss of "
        "motivation, difficulty fitting in. Students may also ask to take part themselves, and "
        "a parent may request it.\n\n"
        "Selection never rests on a single criterion and is in no way a sanction. Taking part "
        "is voluntary: the student meets the coordinator, who explains the program, and then "
        "decides whether to join. For a student under 18, a parent's or guardian's consent is "
        "also required before any pairing."
    ),
    "mentor_selection_fr": (
        "Les mentors sont des adultes bénévoles de la communauté : professionnels, retraités, "
        "étudiants universitaires, membres du personnel d'autres écoles. Chaque candidature "
        "fait l'objet d'une entrevue et de la vérification de deux références.\n\n"
        "Parce que les mentors travaillent auprès de mineurs, une vérification des antécédents "
        "judiciaires est obligatoire avant tout jumelage et renouvelée tous les trois ans. "
        "Chaque mentor suit aussi une formation initiale de trois heures — rôle et limites du "
        "mentor, communication avec un adolescent, confidentialité et obligation de "
        "signalement — avant de rencontrer un élève. Un mentor qui n'a pas franchi ces deux "
        "étapes ne peut pas être jumelé.\n\n"
        "L'élève participe au choix de son mentor parmi quelques profils proposés, et le "
        "jumelage ne commence que si l'élève et le mentor l'acceptent tous les deux. Un "
        "enseignant qui évalue l'élève, un membre de la direction de son école ou toute "
        "personne qui a autorité sur lui ne peut pas être son mentor ; un membre de sa famille "
        "non plus."
    ),
    "mentor_selection_en": (
        "Mentors are adult volunteers from the community: professionals, retirees, university "
        "students, staff from other schools. Each applicant is interviewed and two references "
        "are checked.\n\n"
        "Because mentors work with minors, a criminal background check is mandatory before any "
        "pairing and is renewed every three years. Each mentor also completes a three-hour "
        "initial training — the mentor's role and limits, communicating with a teenager, "
        "confidentiality and the duty to report — before meeting a student. A mentor who has "
        "not completed both steps cannot be paired.\n\n"
        "Students take part in choosing their mentor from a few suggested profiles, and a "
        "pairing begins only if both the student and the mentor agree to it. A teacher who "
        "grades the student, a member of their school's administration or anyone with "
        "authority over them cannot be their mentor; neither can a family member."
    ),
    "role_mentor_fr": (
        "Le mentor est un adulte de confiance, ni parent ni enseignant. Il rencontre l'élève "
        "toutes les deux semaines, à l'école, à l'heure du dîner ou après les cours, dans un "
        "local ouvert ou visible. Il écoute, encourage, aide l'élève à se fixer de petits "
        "objectifs et à souligner ses progrès.\n\n"
        "Le mentor ne remplace ni les enseignants, ni les professionnels de l'école, ni les "
        "parents. Il ne communique pas avec l'élève par les réseaux sociaux ou par messagerie "
        "privée : les échanges passent par la plateforme ou par l'école. S'il s'inquiète pour "
        "la sécurité ou le bien-être de l'élève, il en parle sans délai à la coordination."
    ),
    "role_mentor_en": (
        "The mentor is a trusted adult who is neither a parent nor a teacher. They meet the "
        "student every two weeks, at school, at lunchtime or after class, in an open or "
        "visible room. They listen, encourage, and help the student set small goals and "
        "celebrate progress.\n\n"
        "The mentor does not replace teachers, school professionals or parents. They do not "
        "contact the student through social media or private messaging: all exchanges go "
        "through the platform or the school. If they are worried about the student's safety "
        "or well-being, they tell the coordinator right away."
    ),
    "role_mentee_fr": (
        "L'élève participe au choix de son mentor et s'engage à se présenter aux rencontres, "
        "ou à prévenir lorsqu'il ne peut pas venir. C'est lui qui choisit les sujets dont il "
        "veut parler : ses cours, ses projets, ce qui le motive ou le décourage.\n\n"
        "Si ça ne clique pas avec son mentor, l'élève peut le dire à la coordination sans "
        "crainte : on lui proposera un autre mentor. Il peut aussi quitter le programme en "
        "tout temps."
    ),
    "role_mentee_en": (
        "Students take part in choosing their mentor and commit to showing up for meetings, or "
        "letting someone know when they cannot come. They choose what to talk about: their "
        "classes, their plans, what motivates or discourages them.\n\n"
        "If things do not click with their mentor, students can tell the coordinator without "
        "fear: they will be offered another mentor. They may also leave the program at any "
        "time."
    ),
    "role_parent_fr": (
        "Pour un élève de moins de 18 ans, un parent ou tuteur doit donner son consentement "
        "avant le jumelage. Le parent lit cette page, puis donne ou refuse son consentement "
        "dans la plateforme ; la version exacte du texte qu'il a lue est conservée avec sa "
        "décision. Il peut retirer son consentement en tout temps, sans avoir à se justifier : "
        "le jumelage prend alors fin.\n\n"
        "Le parent connaît le nom du mentor et le calendrier des rencontres, et peut rencontrer "
        "le mentor lors de l'activité d'accueil. Pour respecter la confiance de l'adolescent, "
        "le contenu des conversations ne lui est pas rapporté, sauf si la sécurité de l'élève "
        "est en jeu. Le parent peut joindre la coordination pour toute question."
    ),
    "role_parent_en": (
        "For a student under 18, a parent or guardian must give consent before the pairing. "
        "The parent reads this page, then gives or refuses consent on the platform; the exact "
        "version of the text they read is kept with their decision. They may withdraw consent "
        "at any time without giving a reason, and the pairing then ends.\n\n"
        "The parent knows the mentor's name and the meeting schedule, and can meet the mentor "
        "at the welcome event. To respect the teenager's trust, what is said in meetings is "
        "not reported to the parent unless the student's safety is at stake. Parents may "
        "contact the coordinator with any question."
    ),
    "role_coordinator_fr": (
        "La coordination, assurée par le Service de la persévérance scolaire, recrute et forme "
        "les mentors, vérifie leurs antécédents judiciaires, rencontre les élèves et recueille "
        "le consentement des parents. Elle propose à chaque élève quelques mentors compatibles "
        "et s'assure qu'aucun lien d'autorité ni de parenté n'existe entre eux.\n\n"
        "Tout au long de l'année, elle suit la régularité des rencontres, soutient les "
        "mentors, accueille les inquiétudes et organise un nouveau jumelage lorsqu'un duo ne "
        "fonctionne pas. Elle est le premier point de contact des élèves, des parents, des "
        "mentors et du personnel de l'école."
    ),
    "role_coordinator_en": (
        "The coordinator, from the Student Perseverance Service, recruits and trains mentors, "
        "checks their criminal background, meets students and collects parents' consent. They "
        "suggest a few compatible mentors to each student and make sure there is no line of "
        "authority or family tie between them.\n\n"
        "Throughout the year, they follow how regularly pairs meet, support mentors, listen to "
        "concerns and arrange a new pairing when a pair does not work. They are the first "
        "point of contact for students, parents, mentors and school staff."
    ),
    "calendar_fr": (
        "Fin août — rentrée et présentation du programme aux élèves et aux familles.\n"
        "Septembre — inscription des élèves, consentement des parents, recrutement des mentors "
        "et vérification de leurs antécédents.\n"
        "Octobre — formation initiale obligatoire des mentors.\n"
        "Octobre et novembre — choix du mentor par l'élève et confirmation des jumelages.\n"
        "De décembre à mai — rencontres toutes les deux semaines à l'école ; atelier de suivi "
        "pour les mentors en janvier.\n"
        "Juin — bilan avec l'élève et activité de clôture avec les familles."
    ),
    "calendar_en": (
        "Late August — back to school and presentation of the program to students and "
        "families.\n"
        "September — student registration, parents' consent, recruitment of mentors and "
        "background checks.\n"
        "October — mandatory initial mentor training.\n"
        "October and November — students choose their mentor and pairings are confirmed.\n"
        "December to May — meetings every two weeks at school; follow-up workshop for mentors "
        "in January.\n"
        "June — review with each student and closing event with families."
    ),
    "confidentiality_fr": (
        "Ce que l'élève confie à son mentor reste confidentiel. Le mentor ne le rapporte ni aux "
        "enseignants, ni à la direction, ni aux parents. La plateforme conserve les dates des "
        "rencontres et quelques mots sur les thèmes abordés, que seuls le mentor, l’élève et la "
        "coordination lisent ; les parents reçoivent chaque mois le nombre de rencontres, "
        "jamais leur contenu. Les renseignements personnels de l'élève "
        "et de sa famille ne sont accessibles qu'aux personnes qui en ont besoin pour le "
        "programme.\n\n"
        "La confidentialité a une limite, expliquée à l'élève dès la première rencontre : si "
        "sa sécurité ou son développement est compromis, ou si celui d'une autre personne "
        "l'est, le mentor doit en informer la coordination, qui agit selon la Loi sur la "
        "protection de la jeunesse et les procédures de l'école."
    ),
    "confidentiality_en": (
        "What students confide in their mentor stays confidential. The mentor does not pass it "
        "on to teachers, the administration or parents. The platform keeps the dates of "
        "meetings and a few words on the themes discussed, read only by the mentor, the student "
        "and the coordinator; parents receive the number of meetings each month, never what was "
        "said. The personal information of students and their "
        "families is available only to the people who need it for the program.\n\n"
        "Confidentiality has one limit, explained to the student at the first meeting: if "
        "their safety or development is at risk, or someone else's is, the mentor must inform "
        "the coordinator, who acts under Québec's Youth Protection Act and the school's "
        "procedures."
    ),
}

UNIVERSITY_PAGE = {
    "objectives_fr": (
        "Offert en partenariat avec la Faculté des sciences de l'éducation de l'Université du "
        "Littoral, ce programme jumelle des étudiantes et étudiants en formation à "
        "l'enseignement avec des professeurs, chargés de cours et professionnels de la "
        "faculté. Il s'adresse surtout aux personnes en première année et à celles qui vivent "
        "une transition : arrivée d'une autre région, retour aux études, premier stage en "
        "milieu scolaire.\n\n"
        "Le mentor aide l'étudiant à trouver ses repères à l'université, à organiser son "
        "travail, à préparer ses stages et à envisager la suite : l'entrée dans la profession "
        "dans nos écoles ou les études supérieures. Le programme vise aussi à soutenir la "
        "relève enseignante de la région en tissant tôt des liens entre l'université et le "
        "centre de services scolaire."
    ),
    "objectives_en": (
        "Offered in partnership with the Faculty of Education of the Université du Littoral, "
        "this program pairs students in teacher education with faculty members, lecturers and "
        "professionals from the faculty. It is mainly for first-year students and those going "
        "through a transition: moving from another region, returning to school, a first "
        "practicum in a school.\n\n"
        "The mentor helps the student find their bearings at university, organize their work, "
        "prepare for practicums and think about what comes next: starting a career in our "
        "schools or going on to graduate studies. The program also aims to support the next "
        "generation of teachers in the region by building early links between the university "
        "and the school service centre."
    ),
    "student_selection_fr": (
        "Tous les étudiants des baccalauréats en enseignement et de la maîtrise en éducation "
        "peuvent s'inscrire, sur une base volontaire. Lorsque les places sont limitées, la "
        "priorité va aux étudiants de première année, aux étudiants de première génération "
        "(les premiers de leur famille à fréquenter l'université) et à ceux qui arrivent d'une "
        "autre région ou d'un autre pays.\n\n"
        "À l'inscription, l'étudiant indique ses besoins, ses intérêts, ses langues et ses "
        "disponibilités. Il peut aussi exprimer une préférence quant au genre de son mentor. "
        "Ces renseignements ne servent qu'à proposer des jumelages."
    ),
    "student_selection_en": (
        "All students in the bachelor of education programs and the master's in education may "
        "sign up on a voluntary basis. When places are limited, priority goes to first-year "
        "students, first-generation students (the first in their family to attend university) "
        "and those arriving from another region or country.\n\n"
        "When signing up, students state their needs, interests, languages and availability. "
        "They may also express a preference regarding their mentor's gender. This information "
        "is used only to suggest pairings."
    ),
    "mentor_selection_fr": (
        "Les mentors sont des professeurs, chargés de cours et professionnels de recherche de "
        "la faculté qui se portent volontaires. Avant d'être jumelés, ils suivent un atelier "
        "de deux heures sur l'accompagnement, l'équité et la confidentialité, puis un atelier "
        "de suivi pendant l'hiver.\n\n"
        "L'étudiant participe au choix de son mentor parmi les profils proposés, et le "
        "jumelage n'est confirmé que lorsque les deux parties l'ont accepté. Pour éviter tout "
        "conflit d'intérêts, un professeur qui enseigne à l'étudiant pendant l'année, qui "
        "supervise son stage ou qui dirige ses travaux ne peut pas être son mentor : la "
        "personne qui évalue ne peut pas être aussi celle à qui l'on se confie."
    ),
    "mentor_selection_en": (
        "Mentors are faculty members, lecturers and research professionals from the faculty "
        "who volunteer. Before being paired, they attend a two-hour workshop on mentoring, "
        "equity and confidentiality, then a follow-up workshop during the winter.\n\n"
        "Students take part in choosing their mentor from the suggested profiles, and a "
        "pairing is confirmed only once both parties have agreed to it. To avoid any conflict "
        "of interest, a professor who teaches the student during the year, supervises their "
        "practicum or directs their research cannot be their mentor: the person who grades "
        "cannot also be the person one confides in."
    ),
    "role_mentor_fr": (
        "Le mentor rencontre l'étudiant environ une fois par mois, sur le campus, dans un café "
        "ou en visioconférence. Il partage son expérience du milieu universitaire et de "
        "l'enseignement, aide l'étudiant à clarifier ses objectifs et l'oriente vers les "
        "services de l'université lorsque c'est utile (aide financière, soutien à "
        "l'apprentissage, santé psychologique).\n\n"
        "Le mentor n'évalue pas l'étudiant et n'intervient ni dans ses cours ni dans ses "
        "stages. Il consigne les dates des rencontres dans la plateforme, sans en noter le "
        "contenu."
    ),
    "role_mentor_en": (
        "The mentor meets the student about once a month, on campus, in a café or by video "
        "call. They share their experience of university life and of teaching, help the "
        "student clarify their goals and point them to university services when useful "
        "(financial aid, learning support, mental health).\n\n"
        "The mentor does not evaluate the student and does not intervene in their courses or "
        "practicums. They log meeting dates on the platform without recording what was "
        "discussed."
    ),
    "role_mentee_fr": (
        "L'étudiant participe au choix de son mentor, propose les sujets des rencontres et "
        "prend l'initiative de fixer les rendez-vous. Il s'engage à respecter les "
        "disponibilités de son mentor et à le prévenir en cas d'empêchement.\n\n"
        "Si le jumelage ne lui convient pas, l'étudiant peut demander un nouveau mentor à la "
        "coordination, en toute confidentialité et sans avoir à se justifier. Il peut aussi "
        "mettre fin à sa participation à tout moment."
    ),
    "role_mentee_en": (
        "Students take part in choosing their mentor, suggest topics for meetings and take the "
        "initiative in scheduling them. They commit to respecting their mentor's availability "
        "and to letting them know if they cannot attend.\n\n"
        "If the pairing does not suit them, students can ask the coordinator for a new mentor, "
        "confidentially and without having to justify themselves. They may also end their "
        "participation at any time."
    ),
    "role_parent_fr": (
        "Les participants sont des adultes : aucun consentement parental n'est requis, et les "
        "parents ne sont pas informés de la participation de leur enfant, sauf si l'étudiant "
        "le souhaite. Les familles peuvent tout de même encourager l'étudiant à profiter du "
        "programme, surtout lorsqu'il est le premier de sa famille à fréquenter l'université."
    ),
    "role_parent_en": (
        "Participants are adults: no parental consent is required, and parents are not told "
        "about their child's participation unless the student wishes it. Families can still "
        "encourage students to make the most of the program, especially when they are the "
        "first in their family to attend university."
    ),
    "role_coordinator_fr": (
        "La coordination, partagée entre le centre de services scolaire et la faculté, fait "
        "connaître le programme, recrute et forme les mentors, propose les jumelages et "
        "vérifie qu'aucun lien d'évaluation n'existe entre le mentor et l'étudiant. Elle "
        "confirme chaque jumelage une fois que les deux personnes l'ont accepté.\n\n"
        "Pendant l'année, elle suit la régularité des rencontres, organise un nouveau "
        "jumelage lorsqu'un duo ne fonctionne pas et recueille en fin d'année l'avis des "
        "participants pour améliorer le programme."
    ),
    "role_coordinator_en": (
        "Coordination, shared between the school service centre and the faculty, promotes the "
        "program, recruits and trains mentors, proposes pairings and checks that no "
        "evaluation link exists between the mentor and the student. The coordinator confirms "
        "each pairing once both people have agreed to it.\n\n"
        "During the year, the coordinator follows how regularly pairs meet, arranges a new "
        "pairing when a pair does not work and gathers participants' feedback at the end of "
        "the year to improve the program."
    ),
    "calendar_fr": (
        "Fin août — accueil des nouveaux étudiants et présentation du programme.\n"
        "Septembre — inscription des étudiants et des mentors.\n"
        "Octobre — atelier de formation des mentors.\n"
        "Octobre et novembre — choix du mentor par l'étudiant et confirmation des jumelages.\n"
        "De décembre à mai — rencontres mensuelles ; atelier de suivi des mentors en février.\n"
        "Juin — bilan et activité de reconnaissance des mentors."
    ),
    "calendar_en": (
        "Late August — welcome for new students and presentation of the program.\n"
        "September — registration of students and mentors.\n"
        "October — mentor training workshop.\n"
        "October and November — students choose their mentor and pairings are confirmed.\n"
        "December to May — monthly meetings; follow-up workshop for mentors in February.\n"
        "June — review and mentor recognition event."
    ),
    "confidentiality_fr": (
        "Les échanges entre le mentor et l'étudiant sont confidentiels. Le mentor ne transmet "
        "aucun renseignement aux professeurs de l'étudiant, à la direction de programme ni aux "
        "milieux de stage, et rien de ce qui est confié ne peut influencer une évaluation. La "
        "plateforme conserve les dates des rencontres et quelques mots sur les thèmes abordés, "
        "que seuls le mentor, l’étudiant et la coordination lisent.\n\n"
        "Si l'étudiant traverse une situation qui menace sa sécurité ou celle d'autrui, le "
        "mentor l'oriente vers les services d'aide de l'université et, au besoin, informe la "
        "coordination. Lorsque c'est possible, il en parle d'abord avec l'étudiant."
    ),
    "confidentiality_en": (
        "Exchanges between the mentor and the student are confidential. The mentor passes no "
        "information to the student's professors, the program director or practicum schools, "
        "and nothing confided can influence an evaluation. The platform keeps the dates of "
        "meetings and a few words on the themes discussed, read only by the mentor, the student "
        "and the coordinator.\n\n"
        "If the student is going through a situation that threatens their safety or someone "
        "else's, the mentor refers them to the university's support services and, if needed, "
        "informs the coordinator. Whenever possible, the mentor talks it over with the student "
        "first."
    ),
}

# --- Programs ---------------------------------------------------------------------------------

PROGRAMS = [
    {
        "key": "leaders",
        "slug": "nouvelles-directions",
        "coordinator": "claire",
        "values": {
            "name_fr": "Mentorat des nouvelles directions d'établissement",
            "name_en": "Mentoring for new school principals",
            "kind": ProgramKind.NEW_SCHOOL_LEADERS,
            "e_mentoring_allowed": True,
            "involves_minors": False,
            "mentee_chooses_mentor": True,
            "target_meeting_interval_days": 21,
            "duration_months": 10,
            "contact_phone": "418 555-0142, poste 2210",
        },
        "page": LEADERS_PAGE,
        "sessions": [
            {
                "title": "Formation initiale des mentors",
                "start": (2026, 10, 2, 8, 30),
                "end": (2026, 10, 2, 16, 0),
                "location": "Centre administratif, salle du conseil",
                "required_before_pairing": True,
                "description": (
                    "Une journée pour se préparer au rôle de mentor : posture d'accompagnement, "
                    "écoute active, questionnement, confidentialité et limites du rôle. "
                    "Obligatoire avant tout jumelage.\n\n"
                    "A day to prepare for the mentor's role: mentoring stance, active listening, "
                    "questioning, confidentiality and the limits of the role. Required before "
                    "any pairing."
                ),
            },
            {
                "title": "Atelier de codéveloppement des mentors",
                "start": (2027, 1, 22, 13, 0),
                "end": (2027, 1, 22, 16, 0),
                "location": "Visioconférence (le lien est envoyé aux mentors la veille)",
                "required_before_pairing": False,
                "description": (
                    "Les mentors partagent, sans nommer personne, les situations qu'ils "
                    "rencontrent et s'entraident à trouver des pistes.\n\n"
                    "Mentors share the situations they encounter, without naming anyone, and "
                    "help one another find ways forward."
                ),
            },
        ],
    },
    {
        "key": "perseverance",
        "slug": "perseverance-secondaire",
        "coordinator": "julien",
        "values": {
            "name_fr": "Mentorat pour la persévérance scolaire au secondaire",
            "name_en": "High-school perseverance mentoring",
            "kind": ProgramKind.STUDENT_PERSEVERANCE,
            "e_mentoring_allowed": False,
            "involves_minors": True,
            "mentee_chooses_mentor": True,
            "target_meeting_interval_days": 14,
            "duration_months": 10,
            "contact_phone": "418 555-0157, poste 3104",
        },
        "page": PERSEVERANCE_PAGE,
        "sessions": [
            {
                "title": "Formation initiale : accompagner un adolescent",
                "start": (2026, 10, 7, 18, 30),
                "end": (2026, 10, 7, 21, 30),
                "location": "École secondaire des Battures, bibliothèque",
                "required_before_pairing": True,
                "description": (
                    "Rôle et limites du mentor, communication avec un adolescent, "
                    "confidentialité et obligation de signalement. Obligatoire avant de "
                    "rencontrer un élève.\n\n"
                    "The mentor's role and limits, communicating with a teenager, "
                    "confidentiality and the duty to report. Required before meeting a student."
                ),
            },
            {
                "title": "Atelier de suivi : garder le lien avec son élève",
                "start": (2027, 1, 20, 18, 30),
                "end": (2027, 1, 20, 20, 30),
                "location": "École secondaire de la Rivière-Mitis, salle polyvalente",
                "required_before_pairing": False,
                "description": (
                    "Un retour sur les premiers mois : absences, motivation en baisse, "
                    "fin d'étape. Apportez vos questions.\n\n"
                    "A look back at the first months: absences, flagging motivation, end of "
                    "term. Bring your questions."
                ),
            },
        ],
    },
    {
        "key": "university",
        "slug": "mentorat-universitaire",
        "coordinator": "claire",
        "values": {
            "name_fr": "Mentorat professeurs-étudiants en formation à l'enseignement",
            "name_en": "Faculty–student mentoring in teacher education",
            "kind": ProgramKind.HIGHER_EDUCATION,
            "e_mentoring_allowed": True,
            "involves_minors": False,
            "mentee_chooses_mentor": True,
            "target_meeting_interval_days": 30,
            "duration_months": 9,
            "contact_phone": "418 555-0142, poste 2212",
        },
        "page": UNIVERSITY_PAGE,
        "sessions": [
            {
                "title": "Atelier de formation des mentors",
                "start": (2026, 10, 14, 12, 0),
                "end": (2026, 10, 14, 14, 0),
                "location": "Université du Littoral, pavillon de l'éducation, local E-214",
                "required_before_pairing": True,
                "description": (
                    "Accompagner un étudiant sans l'évaluer : posture, équité, confidentialité "
                    "et services de l'université vers lesquels orienter.\n\n"
                    "Mentoring a student without grading them: stance, equity, confidentiality "
                    "and the university services to refer students to."
                ),
            },
            {
                "title": "Atelier de suivi des mentors",
                "start": (2027, 2, 10, 12, 0),
                "end": (2027, 2, 10, 13, 30),
                "location": "Université du Littoral, pavillon de l'éducation, local E-214",
                "required_before_pairing": False,
                "description": (
                    "Échanges entre mentors à mi-parcours.\n\nMid-year exchange between mentors."
                ),
            },
        ],
    },
]

# --- People with a specific place in the story -------------------------------------------------

WEEKDAY_DAYTIME = [slot for slot in A if slot.endswith(("_am", "_pm"))]
AFTER_SCHOOL = [A.MON_PM, A.TUE_PM, A.WED_PM, A.THU_PM, A.FRI_PM]
EVENINGS = [A.MON_EV, A.TUE_EV, A.WED_EV, A.THU_EV]

# Mentors: `check` is the background check date (None when not done yet), `trained` whether
# they attended the initial training.
MENTORS = {
    "leaders": [
        {
            "key": "martine",
            "first": "Martine",
            "last": "Gagnon",
            "gender": "woman",
            "birth": date(1971, 4, 18),
            "school": "871010",
            "level": "Direction d'établissement",
            "subject": "École secondaire",
            "years": 22,
            "capacity": 2,
            "expertise": [T.PEDAGOGICAL_LEADERSHIP, T.HUMAN_RESOURCES, T.CONFLICT],
            "availability": [A.TUE_PM, A.THU_AM, A.FRI_PM],
            "interests": [I.READING, I.NATURE],
            "check": date(2024, 8, 20),
            "trained": True,
            "about": (
                "Directrice de l'École secondaire des Battures depuis neuf ans, après treize ans "
                "comme enseignante puis directrice adjointe."
            ),
        },
        {
            "key": "richard",
            "first": "Richard",
            "last": "Pelletier",
            "gender": "man",
            "birth": date(1968, 11, 3),
            "school": "871020",
            "level": "Direction d'établissement",
            "subject": "École secondaire",
            "years": 18,
            "capacity": 2,
            "expertise": [T.SCHOOL_MANAGEMENT, T.PARENT_RELATIONS],
            "availability": [A.MON_AM, A.WED_AM, A.WED_PM],
            "interests": [I.SPORTS, I.TRAVEL],
            "check": date(2025, 1, 13),
            "trained": True,
            "about": "J'aime parler budget, organisation scolaire et collaboration avec le CÉ.",
        },
        {
            "key": "josee",
            "first": "Josée",
            "last": "Thibault",
            "gender": "woman",
            "birth": date(1975, 2, 27),
            "school": "871110",
            "level": "Direction d'établissement",
            "subject": "École primaire",
            "years": 15,
            "capacity": 1,
            "expertise": [T.PEDAGOGICAL_LEADERSHIP, T.PARENT_RELATIONS, T.WELL_BEING],
            "availability": [A.TUE_AM, A.THU_PM],
            "interests": [I.MUSIC, I.COOKING],
            "check": date(2024, 6, 5),
            "trained": True,
            "about": "Passionnée de pédagogie au primaire et de communauté d'apprentissage.",
        },
        {
            "key": "daniel",
            "first": "Daniel",
            "last": "Rioux",
            "gender": "man",
            "birth": date(1961, 7, 9),
            "school": "871900",
            "level": "Direction retraitée",
            "subject": "Secondaire et éducation des adultes",
            "years": 30,
            "capacity": 3,
            "expertise": [T.SCHOOL_MANAGEMENT, T.HUMAN_RESOURCES, T.CONFLICT],
            "availability": [A.MON_AM, A.MON_PM, A.WED_AM, A.FRI_AM],
            "interests": [I.NATURE, I.VOLUNTEERING],
            "check": date(2025, 8, 28),
            "trained": True,
            "about": "Retraité depuis deux ans après trente ans en éducation, dont vingt en "
            "direction. Disponible en semaine.",
        },
        {
            "key": "nathalie",
            "first": "Nathalie",
            "last": "Dumais",
            "gender": "woman",
            "birth": date(1977, 10, 21),
            "school": "871300",
            "level": "Direction d'établissement",
            "subject": "Éducation des adultes et formation professionnelle",
            "years": 12,
            "capacity": 2,
            "expertise": [T.HUMAN_RESOURCES, T.CONFLICT, T.WELL_BEING],
            "availability": [A.TUE_PM, A.WED_PM, A.THU_PM],
            "interests": [I.ARTS, I.TRAVEL],
            "check": date(2024, 9, 2),
            "trained": True,
            "languages": ["fr", "en"],
            "about": "Directrice du Centre L'Estran ; j'ai vécu la transition du secondaire "
            "vers l'éducation des adultes.",
        },
        {
            "key": "louis-philippe",
            "first": "Louis-Philippe",
            "last": "Hudon",
            "gender": "man",
            "birth": date(1980, 5, 30),
            "school": "871120",
            "level": "Direction d'établissement",
            "subject": "École primaire",
            "years": 9,
            "capacity": 1,
            "expertise": [T.PEDAGOGICAL_LEADERSHIP, T.CONFLICT],
            "availability": [A.MON_PM, A.THU_AM],
            "interests": [I.SPORTS, I.SCIENCE],
            "check": date(2025, 2, 17),
            "trained": False,
            "about": "",
        },
    ],
    "perseverance": [
        {
            "key": "francois",
            "first": "François",
            "last": "Lévesque",
            "gender": "man",
            "birth": date(1979, 3, 12),
            "school": None,
            "level": "Ingénieur forestier",
            "subject": "Foresterie et environnement",
            "years": 14,
            "capacity": 3,
            "expertise": [T.SCIENCES, T.MATHEMATICS, T.CAREER],
            "availability": [A.TUE_PM, A.THU_PM],
            "interests": [I.NATURE, I.SCIENCE, I.SPORTS],
            "check": date(2026, 9, 8),
            "trained": True,
            "about": "J'ai moi-même failli décrocher en 4e secondaire ; le plein air m'a "
            "raccroché. J'aime les sciences et le bois.",
        },
        {
            "key": "sophie",
            "first": "Sophie",
            "last": "Beaulieu",
            "gender": "woman",
            "birth": date(1985, 8, 1),
            "school": "871010",
            "level": "Enseignante",
            "subject": "Mathématiques",
            "years": 11,
            "capacity": 2,
            "expertise": [T.MATHEMATICS, T.STUDY_SKILLS],
            "availability": [A.MON_PM, A.WED_PM],
            "interests": [I.READING, I.COOKING],
            "check": date(2025, 8, 19),
            "trained": True,
            "about": "Enseignante de mathématiques ; j'aide les élèves à s'organiser et à "
            "reprendre confiance.",
        },
        {
            "key": "amadou",
            "first": "Amadou",
            "last": "Diallo",
            "gender": "man",
            "birth": date(1990, 12, 14),
            "school": None,
            "level": "Intervenant communautaire",
            "subject": "Maison des jeunes de Rimouski",
            "years": 8,
            "capacity": 3,
            "expertise": [T.SOCIAL, T.MOTIVATION, T.WELL_BEING],
            "availability": [A.MON_PM, A.TUE_PM, A.WED_PM, A.THU_PM],
            "interests": [I.MUSIC, I.SPORTS, I.VIDEO_GAMES],
            "check": date(2026, 9, 3),
            "trained": True,
            "languages": ["fr", "en"],
            "about": "Arrivé de Dakar à 15 ans, je sais ce que c'est de changer d'école et de "
            "se faire une place.",
        },
        {
            "key": "genevieve",
            "first": "Geneviève",
            "last": "Landry",
            "gender": "woman",
            "birth": date(1958, 6, 23),
            "school": None,
            "level": "Enseignante retraitée",
            "subject": "Français",
            "years": 33,
            "capacity": 4,
            "expertise": [T.LANGUAGES, T.STUDY_SKILLS, T.MOTIVATION],
            "availability": [A.MON_PM, A.TUE_PM, A.WED_PM, A.THU_PM, A.FRI_PM],
            "interests": [I.READING, I.ARTS, I.VOLUNTEERING],
            "check": date(2026, 8, 27),
            "trained": True,
            "about": "Trente-trois ans à enseigner le français au secondaire. J'adore les "
            "romans jeunesse.",
        },
        {
            "key": "kevin",
            "first": "Kevin",
            "last": "Murphy",
            "gender": "man",
            "birth": date(2003, 2, 9),
            "school": None,
            "level": "Étudiant en génie, 3e année",
            "subject": "Génie mécanique",
            "years": 2,
            "capacity": 1,
            "expertise": [T.SCIENCES, T.MOTIVATION, T.CAREER],
            "availability": [A.WED_PM, A.FRI_PM],
            "interests": [I.VIDEO_GAMES, I.SCIENCE, I.SPORTS],
            "check": None,
            "trained": True,
            "languages": ["en", "fr"],
            "language": "en",
            "about": "Engineering student, happy to talk robotics, hockey and how to survive "
            "Secondary 5.",
        },
        {
            "key": "isabelle",
            "first": "Isabelle",
            "last": "Caron",
            "gender": "woman",
            "birth": date(1982, 9, 16),
            "school": None,
            "level": "Infirmière clinicienne",
            "subject": "Santé",
            "years": 17,
            "capacity": 2,
            "expertise": [T.WELL_BEING, T.CAREER, T.SOCIAL],
            "availability": [A.TUE_PM, A.THU_PM],
            "interests": [I.SPORTS, I.NATURE],
            "check": date(2026, 9, 10),
            "trained": True,
            "about": "Infirmière à l'hôpital régional ; je parle volontiers des métiers de la "
            "santé.",
        },
        {
            "key": "yasmine",
            "first": "Yasmine",
            "last": "Haddad",
            "gender": "woman",
            "birth": date(1988, 1, 25),
            "school": None,
            "level": "Pharmacienne",
            "subject": "Pharmacie communautaire",
            "years": 10,
            "capacity": 2,
            "expertise": [T.SCIENCES, T.CAREER, T.STUDY_SKILLS],
            "availability": [A.MON_PM, A.WED_PM],
            "interests": [I.COOKING, I.TRAVEL, I.READING],
            "check": date(2026, 9, 15),
            "trained": False,
            "languages": ["fr", "ar", "en"],
            "about": "",
        },
    ],
    "university": [
        {
            "key": "helene",
            "first": "Hélène",
            "last": "Desrosiers",
            "gender": "woman",
            "birth": date(1970, 3, 5),
            "school": "UL-FSE",
            "level": "Professeure titulaire",
            "subject": "Didactique des mathématiques",
            "years": 24,
            "capacity": 3,
            "expertise": [T.RESEARCH, T.CAREER, T.MATHEMATICS],
            "availability": [A.TUE_PM, A.THU_PM],
            "interests": [I.SCIENCE, I.MUSIC],
            "check": date(2025, 9, 1),
            "trained": True,
            "languages": ["fr", "en"],
            "about": "Je dirige des mémoires en didactique et j'aime accompagner les premières "
            "années.",
        },
        {
            "key": "marc-andre",
            "first": "Marc-André",
            "last": "Lachance",
            "gender": "man",
            "birth": date(1978, 10, 11),
            "school": "UL-FSE",
            "level": "Chargé de cours",
            "subject": "Gestion de classe",
            "years": 16,
            "capacity": 3,
            "expertise": [T.UNIVERSITY_LIFE, T.STUDY_SKILLS],
            "availability": [A.MON_EV, A.WED_EV],
            "interests": [I.SPORTS, I.NATURE],
            "check": date(2025, 8, 25),
            "trained": True,
            "about": "Enseignant au secondaire le jour, chargé de cours le soir.",
        },
        {
            "key": "nadia",
            "first": "Nadia",
            "last": "Benali",
            "gender": "woman",
            "birth": date(1981, 6, 2),
            "school": "UL-FSE",
            "level": "Professeure agrégée",
            "subject": "Psychopédagogie",
            "years": 13,
            "capacity": 2,
            "expertise": [T.WELL_BEING, T.RESEARCH, T.UNIVERSITY_LIFE],
            "availability": [A.WED_PM, A.FRI_AM],
            "interests": [I.READING, I.TRAVEL],
            "check": date(2025, 9, 3),
            "trained": True,
            "languages": ["fr", "ar", "en"],
            "about": "Arrivée à Rimouski pour mes études doctorales ; je connais bien les "
            "défis des étudiants venus d'ailleurs.",
        },
        {
            "key": "jean-philippe",
            "first": "Jean-Philippe",
            "last": "Cyr",
            "gender": "man",
            "birth": date(1974, 1, 19),
            "school": "UL-FSE",
            "level": "Professeur agrégé",
            "subject": "Formation pratique et stages",
            "years": 19,
            "capacity": 2,
            "expertise": [T.CAREER, T.UNIVERSITY_LIFE],
            "availability": [A.MON_PM, A.THU_AM],
            "interests": [I.MUSIC, I.COOKING],
            "check": date(2024, 8, 30),
            "trained": True,
            "about": "Responsable des stages en enseignement secondaire.",
        },
        {
            "key": "catherine",
            "first": "Catherine",
            "last": "Vaillancourt",
            "gender": "woman",
            "birth": date(1976, 12, 8),
            "school": "UL-FSE",
            "level": "Professeure titulaire",
            "subject": "Adaptation scolaire",
            "years": 21,
            "capacity": 2,
            "expertise": [T.RESEARCH, T.WELL_BEING],
            "availability": [A.TUE_AM, A.THU_PM],
            "interests": [I.ARTS, I.NATURE],
            "check": date(2025, 9, 10),
            "trained": True,
            "about": "",
        },
        {
            "key": "wilson",
            "first": "Wilson",
            "last": "Joseph",
            "gender": "man",
            "birth": date(1986, 4, 27),
            "school": "UL-FSE",
            "level": "Chargé de cours",
            "subject": "Univers social",
            "years": 7,
            "capacity": 3,
            "expertise": [T.UNIVERSITY_LIFE, T.SOCIAL, T.CAREER],
            "availability": [A.TUE_EV, A.THU_EV, A.WEEKEND],
            "interests": [I.MUSIC, I.SPORTS, I.VOLUNTEERING],
            "check": None,
            "trained": True,
            "languages": ["fr", "ht", "en"],
            "about": "Premier de ma famille à l'université ; je sais que les débuts peuvent "
            "être déroutants.",
        },
        {
            "key": "emilie",
            "first": "Émilie",
            "last": "Thériault",
            "gender": "woman",
            "birth": date(1992, 8, 14),
            "school": "UL-FSE",
            "level": "Professionnelle de recherche",
            "subject": "Littératie",
            "years": 5,
            "capacity": 1,
            "expertise": [T.RESEARCH, T.STUDY_SKILLS, T.LANGUAGES],
            "availability": [A.MON_PM, A.WED_PM, A.FRI_PM],
            "interests": [I.READING, I.ARTS],
            "check": None,
            "trained": False,
            "about": "",
        },
    ],
}

# The new school leaders (adults, named individually because their schools matter).
LEADER_MENTEES = [
    {
        "key": "jeremie",
        "first": "Jérémie",
        "last": "Bérubé",
        "gender": "man",
        "birth": date(1988, 3, 14),
        "school": "871010",
        "level": "Direction adjointe — 1re année",
        "subject": "École secondaire",
        "needs": [T.PEDAGOGICAL_LEADERSHIP, T.HUMAN_RESOURCES, T.CONFLICT],
    },
    {
        "key": "anais",
        "first": "Anaïs",
        "last": "Gélinas",
        "gender": "woman",
        "birth": date(1986, 11, 2),
        "school": "871110",
        "level": "Direction — 1re année",
        "subject": "École primaire",
        "needs": [T.SCHOOL_MANAGEMENT, T.PARENT_RELATIONS],
        "about": "Enseignante au primaire pendant douze ans, nouvelle directrice aux "
        "Cormorans depuis août.",
    },
    {
        "key": "melissa",
        "first": "Mélissa",
        "last": "Poirier",
        "gender": "woman",
        "birth": date(1984, 6, 21),
        "school": "871300",
        "level": "Direction adjointe — 2e année",
        "subject": "Éducation des adultes",
        "needs": [T.HUMAN_RESOURCES, T.SCHOOL_MANAGEMENT],
    },
    {
        "key": "olivier",
        "first": "Olivier",
        "last": "Nadeau",
        "gender": "man",
        "birth": date(1990, 1, 9),
        "school": "871020",
        "level": "Direction adjointe — 1re année",
        "subject": "École secondaire",
        "needs": [T.CONFLICT, T.PARENT_RELATIONS],
    },
    {
        "key": "karine",
        "first": "Karine",
        "last": "St-Pierre",
        "gender": "woman",
        "birth": date(1982, 9, 30),
        "school": "871120",
        "level": "Direction — 2e année",
        "subject": "École primaire",
        "needs": [T.PEDAGOGICAL_LEADERSHIP, T.WELL_BEING],
    },
    {
        "key": "samuel",
        "first": "Samuel",
        "last": "Boudreau",
        "gender": "man",
        "birth": date(1989, 5, 17),
        "school": "871010",
        "level": "Direction adjointe — 1re année",
        "subject": "École secondaire",
        "needs": [T.HUMAN_RESOURCES, T.WELL_BEING],
    },
    {
        "key": "marie-eve",
        "first": "Marie-Ève",
        "last": "Lapointe",
        "gender": "woman",
        "birth": date(1981, 12, 12),
        "school": "871020",
        "level": "Direction — 1re année",
        "subject": "École secondaire",
        "needs": [T.SCHOOL_MANAGEMENT, T.HUMAN_RESOURCES, T.PEDAGOGICAL_LEADERSHIP],
        "languages": ["fr", "en"],
    },
    {
        "key": "stephanie",
        "first": "Stéphanie",
        "last": "Rodriguez",
        "gender": "woman",
        "birth": date(1987, 7, 4),
        "school": "871110",
        "level": "Direction adjointe — 1re année",
        "subject": "École primaire",
        "needs": [T.PARENT_RELATIONS, T.CONFLICT],
        "languages": ["fr", "es"],
    },
    {
        "key": "patrick",
        "first": "Patrick",
        "last": "Bolduc",
        "gender": "man",
        "birth": date(1985, 2, 8),
        "school": "871120",
        "level": "Direction adjointe — 1re année",
        "subject": "École primaire",
        "needs": [T.SCHOOL_MANAGEMENT, T.PARENT_RELATIONS],
    },
    {
        "key": "veronique",
        "first": "Véronique",
        "last": "Lessard",
        "gender": "woman",
        "birth": date(1983, 4, 26),
        "school": "871300",
        "level": "Direction adjointe — 1re année",
        "subject": "Formation professionnelle",
        "needs": [T.PEDAGOGICAL_LEADERSHIP, T.SCHOOL_MANAGEMENT],
    },
    {
        "key": "alexandre",
        "first": "Alexandre",
        "last": "Cloutier",
        "gender": "man",
        "birth": date(1980, 8, 19),
        "school": "871010",
        "level": "Direction — 1re année (arrivée du primaire)",
        "subject": "École secondaire",
        "needs": [T.SCHOOL_MANAGEMENT, T.CONFLICT, T.PARENT_RELATIONS],
    },
    {
        "key": "fatima",
        "first": "Fatima",
        "last": "Benjelloun",
        "gender": "woman",
        "birth": date(1986, 10, 3),
        "school": "871020",
        "level": "Direction adjointe — 2e année",
        "subject": "École secondaire",
        "needs": [T.WELL_BEING, T.HUMAN_RESOURCES],
        "languages": ["fr", "ar"],
    },
]

# (superior key, subordinate key, kind, note). Keys are those of MENTORS and LEADER_MENTEES;
# "student:N" is the Nth generated high-school student, "university:N" the Nth university one.
AUTHORITY_LINKS = [
    (
        "martine",
        "jeremie",
        "supervises",
        "Directrice de l'école où il est directeur adjoint.",
    ),
    (
        "martine",
        "samuel",
        "supervises",
        "Directrice de l'école où il est directeur adjoint.",
    ),
    (
        "nathalie",
        "melissa",
        "supervises",
        "Directrice du centre où elle est directrice adjointe.",
    ),
    ("sophie", "student:0", "evaluates", "Son enseignante de mathématiques cette année."),
    ("isabelle", "student:1", "other", "Sa tante."),
    ("jean-philippe", "university:0", "evaluates", "Superviseur de son stage d'automne."),
]

# --- Name pools for the generated students and their parents ------------------------------------

# fmt: off

# Family names, with an origin that decides first names and languages.
FAMILY_NAMES = [
    *[
        (name, "qc")
        for name in (
            "Côté", "Tremblay", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
            "Pelletier", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard", "Boucher",
            "Beaulieu", "Cloutier", "Dubé", "Fournier", "Leclerc", "Lefebvre", "Poulin",
            "Thibodeau", "Martel", "Bédard", "Grenier", "Bernier", "Michaud", "Hébert",
            "Desjardins", "Couture", "Turcotte", "Parent", "Blais", "Gosselin", "Savard",
            "Proulx", "Beaudoin", "Demers", "Perreault", "Lemieux", "Perron", "Dufour", "Dion",
            "Mercier", "D'Amours", "Saint-Laurent", "Castonguay", "Harvey", "Lepage", "Gendron",
            "Ouellette", "Soucy", "Lebel", "Bélisle", "Lévesque", "Thériault", "Gélinas",
            "Chénard", "Vézina", "Côté-Rioux", "Bérubé",
        )
    ],
    ("Haddad", "ar"), ("Benali", "ar"), ("Jean-Baptiste", "ht"), ("Pierre-Louis", "ht"),
    ("Gómez", "es"), ("Rodríguez", "es"), ("Nguyen", "vi"), ("Chen", "zh"),
    ("O'Connor", "en"), ("MacDonald", "en"), ("Bellefleur", "ind"), ("St-Onge", "ind"),
]

ORIGIN_LANGUAGES = {
    "qc": ["fr"],
    "ar": ["fr", "ar"],
    "ht": ["fr", "ht"],
    "es": ["fr", "es"],
    "vi": ["fr", "other"],
    "zh": ["fr", "zh"],
    "en": ["en", "fr"],
    "ind": ["fr", "ind"],
}

# First names of the students' generation, by origin and gender.
YOUNG_NAMES = {
    "qc": {
        "woman": [
            "Éloïse", "Léa", "Chloé", "Maëlle", "Rosalie", "Noémie", "Florence", "Camille",
            "Béatrice", "Laurence", "Coralie", "Océane", "Justine", "Mégane", "Zoé", "Alice",
            "Juliette", "Clara", "Jade", "Émilie", "Mia", "Charlotte", "Anne-Sophie",
            "Marianne", "Élodie", "Sarah-Maude",
        ],
        "man": [
            "Mathis", "Félix", "Étienne", "Olivier", "Samuel", "Gabriel", "Thomas", "Alexis",
            "Louis", "Édouard", "Raphaël", "Zachary", "Antoine", "Nicolas", "Maxime", "Hugo",
            "Émile", "William", "Loïc", "Jacob", "Xavier", "Charles-Antoine", "Thierry",
            "Jérémy", "Vincent", "Nathan",
        ],
    },
    "ar": {"woman": ["Nour", "Rania", "Lina", "Inès"], "man": ["Adam", "Samir", "Rayan", "Ilyes"]},
    "ht": {
        "woman": ["Mirlande", "Nadège", "Roseline", "Daphné"],
        "man": ["Stevenson", "Kervens", "Jameson", "Peterson"],
    },
    "es": {
        "woman": ["Sofía", "Valentina", "Camila", "Lucía"],
        "man": ["Diego", "Mateo", "Andrés", "Tomás"],
    },
    "vi": {"woman": ["Linh", "Thảo", "Mai", "Anh"], "man": ["Minh", "Bảo", "Khang", "Duy"]},
    "zh": {"woman": ["Mei", "Xinyi", "Lin", "Yuna"], "man": ["Wei", "Hao", "Jun", "Kai"]},
    "en": {
        "woman": ["Emma", "Megan", "Kayla", "Olivia"],
        "man": ["Liam", "Ryan", "Connor", "Owen"],
    },
    "ind": {
        "woman": ["Shanice", "Kaylee", "Maïka", "Jessy"],
        "man": ["Kenny", "Tommy", "Shawn", "Nicolas"],
    },
}

# First names of the parents' generation.
PARENT_NAMES = {
    "qc": {
        "woman": [
            "Mélanie", "Josée", "Isabelle", "Nathalie", "Julie", "Caroline", "Annie", "Karine",
            "Valérie", "Stéphanie", "Marie-Claude", "Sonia", "Chantal", "Geneviève",
            "Marie-Josée", "Véronique", "Émilie", "Catherine",
        ],
        "man": [
            "Sébastien", "Jean-François", "Patrick", "Stéphane", "Martin", "Éric", "Dominic",
            "Frédéric", "Mathieu", "Jonathan", "Yannick", "Steve", "Pascal", "Luc", "Guillaume",
            "François", "Simon", "Marc-Olivier",
        ],
    },
    "ar": {"woman": ["Samira", "Leïla", "Amina"], "man": ["Karim", "Mourad", "Youssef"]},
    "ht": {"woman": ["Marie-Carmelle", "Guerline", "Rose-Marie"], "man": ["Jean-Robert",
           "Frantz", "Ernst"]},
    "es": {"woman": ["María", "Claudia", "Gabriela"], "man": ["Carlos", "Javier", "Luis"]},
    "vi": {"woman": ["Hương", "Lan", "Thu"], "man": ["Tuấn", "Hùng", "Long"]},
    "zh": {"woman": ["Li", "Yan", "Hui"], "man": ["Ming", "Jian", "Qiang"]},
    "en": {"woman": ["Jennifer", "Sarah", "Heather"], "man": ["Michael", "David", "Kevin"]},
    "ind": {"woman": ["Marie-Hélène", "Denise", "Sylvie"], "man": ["Réginald", "Gilles",
            "Daniel"]},
}

HIGH_SCHOOL_TRACKS = [
    "Programme régulier",
    "Programme régulier",
    "Programme régulier",
    "Concentration plein air",
    "Concentration arts et multimédia",
    "Sport-études",
    "Programme d'éducation intermédiaire",
]

# Fields of study of the bachelor's degrees in education (the level says which year).
UNIVERSITY_FIELDS = [
    "Enseignement secondaire — mathématiques",
    "Enseignement secondaire — français",
    "Enseignement secondaire — univers social",
    "Enseignement secondaire — sciences et technologies",
    "Éducation préscolaire et enseignement primaire",
    "Éducation préscolaire et enseignement primaire",
    "Adaptation scolaire et sociale",
]

# fmt: on

STUDENT_ABOUT = [
    "J'aime le sport, mais l'école, c'est plus difficile depuis cette année.",
    "Je voudrais savoir quoi faire après le secondaire.",
    "J'aime dessiner et jouer de la guitare.",
    "Je trouve les maths difficiles, mais je veux réussir.",
    "Ma famille a déménagé dans la région l'an dernier.",
    "J'aimerais travailler avec les animaux plus tard.",
    "",
    "",
    "",
]

UNIVERSITY_ABOUT = [
    "Je suis la première de ma famille à aller à l'université ; je viens de la Gaspésie.",
    "Je reviens aux études après quelques années sur le marché du travail.",
    "J'ai hâte à mon premier stage, mais j'ai un peu peur de la gestion de classe.",
    "Je pense à la maîtrise, mais je ne sais pas par où commencer.",
    "Je viens d'arriver au Québec et je découvre son système scolaire.",
    "",
    "",
]
