"""What higher apps add to the portal home, without programs importing them.

- Sections: an app registers `section(request, participations) -> dict` in its
  AppConfig.ready(); the dict names a "template" and the context it needs.
- Actions: an app registers `actions(request, participations, guardian_links) -> list[Action]`;
  the home opens with them, most pressing first.

Their queries must not grow with rows. The portal view sets `request.portal_guardian_links` (the
person's guardian links, read once) before calling them, so a section needs no query of its own
to know the person's children."""

import functools
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

SECTIONS = []
ACTIONS = []


@dataclass
class Action:
    """Something the person should do now: a sentence, where to do it, and why or by when."""

    label: str
    url: str
    detail: str = ""
    order: int = 50  # lower comes first
    button: str = ""  # the link's text; the label by default
    choices: tuple = ()  # one-click answers: buttons that post `name=value` to `url`
    name: str = ""


def read_once(read):
    """Decorate `read(request, ...)`: computed once per request, for every section and action
    that reads the same rows (the person's pairs, their meetings, their forms)."""
    key = f"{read.__module__}.{read.__qualname__}"

    @functools.wraps(read)
    def once(request, *args):
        reads = request.__dict__.setdefault("_portal_reads", {})
        if key not in reads:
            reads[key] = read(request, *args)
        return reads[key]

    return once


def register(section):
    if section not in SECTIONS:
        SECTIONS.append(section)
    return section


def register_actions(function):
    if function not in ACTIONS:
        ACTIONS.append(function)
    return function


def render_sections(request, participations):
    return [section(request, participations) for section in SECTIONS]


def collect_actions(request, participations, guardian_links) -> list[Action]:
    found = [
        action
        for function in ACTIONS
        for action in function(request, participations, guardian_links)
    ]
    return sorted(found, key=lambda action: action.order)


def _program_actions(request, participations, guardian_links):
    """A consent waiting comes first for a parent; a mentor's training before pairing."""
    found = []
    for link in guardian_links:
        child = link.participant
        if child.cohort.program.involves_minors and not link.consent_in_force():
            found.append(
                Action(
                    _("Give your consent for %(child)s") % {"child": child.user.full_name},
                    reverse("programs:consent", kwargs={"pk": link.pk}),
                    _(
                        "%(child)s can be paired with a mentor only once you have read the "
                        "program's page and given your consent."
                    )
                    % {"child": child.user.get_short_name()},
                    order=0,
                    button=_("Read the program and decide"),
                )
            )
    for participation in participations:
        if (
            participation.is_mentor
            and participation.cohort.program.involves_minors
            and not participation.training_completed_on
        ):
            found.append(
                Action(
                    _("Complete the mentor training"),
                    participation.cohort.program.get_absolute_url(),
                    _("Training comes before pairing: your coordinator will tell you the dates."),
                    order=60,
                    button=_("About the program"),
                )
            )
    return found


register_actions(_program_actions)
