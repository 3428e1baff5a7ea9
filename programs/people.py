"""The coordinator's people list and person page (programs/views.py), which higher apps fill
without programs importing them (registered in their AppConfig.ready()):

- `columns(participants) -> {participant_id: {name: value}}`, registered with its names:
  values for one page of the list
  (the pair, the last contact…), in a constant number of queries whatever the page's size;
- `needs`: list filters, name -> (label, function(queryset) -> queryset);
- `sections(request, participant) -> dict`: a part of the person page ("template" and context).
"""

COLUMNS = []
KEYS = set()  # every column's names: a person without a value shows an empty cell
NEEDS = {}
SECTIONS = []


def register_columns(function, *keys):
    if function not in COLUMNS:
        COLUMNS.append(function)
    KEYS.update(keys)
    return function


def register_need(name, label, function):
    NEEDS[name] = (label, function)


def register_section(function):
    if function not in SECTIONS:
        SECTIONS.append(function)
    return function


def fill(participants) -> None:
    """Set `extra` on each participant of a page: the registered columns' values."""
    values = {participant.pk: dict.fromkeys(KEYS) for participant in participants}
    for function in COLUMNS:
        for pk, found in function(participants).items():
            values.setdefault(pk, {}).update(found)
    for participant in participants:
        participant.extra = values.get(participant.pk, dict.fromkeys(KEYS))
