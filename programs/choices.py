"""Vocabularies shared by profiles, imports and (later) matching criteria."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    ARABIC = "ar", _("Arabic")
    CREOLE = "ht", _("Haitian Creole")
    MANDARIN = "zh", _("Mandarin")
    INDIGENOUS = "ind", _("An Indigenous language")
    OTHER = "other", _("Other language")


class Availability(models.TextChoices):
    MON_AM = "mon_am", _("Monday morning")
    MON_PM = "mon_pm", _("Monday afternoon")
    MON_EV = "mon_ev", _("Monday evening")
    TUE_AM = "tue_am", _("Tuesday morning")
    TUE_PM = "tue_pm", _("Tuesday afternoon")
    TUE_EV = "tue_ev", _("Tuesday evening")
    WED_AM = "wed_am", _("Wednesday morning")
    WED_PM = "wed_pm", _("Wednesday afternoon")
    WED_EV = "wed_ev", _("Wednesday evening")
    THU_AM = "thu_am", _("Thursday morning")
    THU_PM = "thu_pm", _("Thursday afternoon")
    THU_EV = "thu_ev", _("Thursday evening")
    FRI_AM = "fri_am", _("Friday morning")
    FRI_PM = "fri_pm", _("Friday afternoon")
    FRI_EV = "fri_ev", _("Friday evening")
    WEEKEND = "weekend", _("Weekend")


class Topic(models.TextChoices):
    """What a mentee needs and what a mentor offers: the same list on both sides."""

    PEDAGOGICAL_LEADERSHIP = "pedagogical_leadership", _("Pedagogical leadership")
    SCHOOL_MANAGEMENT = "school_management", _("School management and budget")
    HUMAN_RESOURCES = "human_resources", _("Staff supervision and human resources")
    PARENT_RELATIONS = "parent_relations", _("Relations with parents and community")
    CONFLICT = "conflict", _("Conflict resolution")
    STUDY_SKILLS = "study_skills", _("Study methods and organization")
    MOTIVATION = "motivation", _("Motivation and perseverance")
    CAREER = "career", _("Career and orientation")
    WELL_BEING = "well_being", _("Well-being and stress")
    SOCIAL = "social", _("Social integration")
    MATHEMATICS = "mathematics", _("Mathematics")
    LANGUAGES = "languages", _("Reading and writing")
    SCIENCES = "sciences", _("Sciences")
    RESEARCH = "research", _("Research and graduate studies")
    UNIVERSITY_LIFE = "university_life", _("Transition to university")


class Interest(models.TextChoices):
    SPORTS = "sports", _("Sports")
    ARTS = "arts", _("Arts")
    MUSIC = "music", _("Music")
    READING = "reading", _("Reading")
    SCIENCE = "science", _("Science and technology")
    VIDEO_GAMES = "video_games", _("Video games")
    NATURE = "nature", _("Nature and outdoors")
    COOKING = "cooking", _("Cooking")
    VOLUNTEERING = "volunteering", _("Volunteering")
    TRAVEL = "travel", _("Travel")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class GenderPreference(models.TextChoices):
    NONE = "", _("No preference")
    WOMAN = "woman", _("A woman")
    MAN = "man", _("A man")


# The topics that fit each kind of program: a 13-year-old is not offered staff supervision, a
# new principal is not offered "transition to university".
TOPICS_BY_PROGRAM_KIND = {
    "new_school_leaders": (
        Topic.PEDAGOGICAL_LEADERSHIP,
        Topic.SCHOOL_MANAGEMENT,
        Topic.HUMAN_RESOURCES,
        Topic.PARENT_RELATIONS,
        Topic.CONFLICT,
        Topic.WELL_BEING,
        Topic.CAREER,
    ),
    "student_perseverance": (
        Topic.STUDY_SKILLS,
        Topic.MOTIVATION,
        Topic.CAREER,
        Topic.WELL_BEING,
        Topic.SOCIAL,
        Topic.MATHEMATICS,
        Topic.LANGUAGES,
        Topic.SCIENCES,
    ),
    "higher_education": (
        Topic.STUDY_SKILLS,
        Topic.MOTIVATION,
        Topic.CAREER,
        Topic.WELL_BEING,
        Topic.SOCIAL,
        Topic.RESEARCH,
        Topic.UNIVERSITY_LIFE,
    ),
}

# The availability grid: days down, parts of the day across (codes of Availability).
AVAILABILITY_DAYS = (
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
)
AVAILABILITY_PARTS = (("am", _("Morning")), ("pm", _("Afternoon")), ("ev", _("Evening")))
