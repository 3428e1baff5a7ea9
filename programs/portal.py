"""Sections that higher apps add to the portal home, without programs importing them.

An app registers `section(request, participations) -> dict` in its AppConfig.ready(); the dict
names a "template" and the context it needs (its queries must not grow with rows)."""

SECTIONS = []


def register(section):
    if section not in SECTIONS:
        SECTIONS.append(section)
    return section


def render_sections(request, participations):
    return [section(request, participations) for section in SECTIONS]
