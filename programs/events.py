"""What higher apps must hear about changes programs owns, without programs importing them.

A rule that spans apps has one owner (CONVENTIONS §12): a pair's lifecycle reacts to consent,
participant status and capacity in `matching.lifecycle`, which registers its listeners here in
its AppConfig.ready(). Listeners run in the caller's transaction, so the change and its effect
on open pairs commit (or roll back) together.

- "consent_changed": participant_id, by — a guardian's decision was recorded;
- "participant_changed": participant_id, fields, by — status or capacity changed;
- "cohort_copied": source_id, cohort_id, by — next school year's cohort was made from this one
  (listeners copy what they own, such as closure days; they return how many rows).

A "capacity" check answers whether a mentor's capacity may be lowered: `check(participant,
capacity) -> str | None`, the message for the coordinator (with the names) when it may not.
"""

LISTENERS: dict[str, list] = {"consent_changed": [], "participant_changed": [], "cohort_copied": []}
CHECKS: dict[str, list] = {"capacity": []}


def listen(event: str, listener) -> None:
    if listener not in LISTENERS[event]:
        LISTENERS[event].append(listener)


def emit(event: str, **kwargs) -> list:
    return [listener(**kwargs) for listener in LISTENERS[event]]


def register_check(name: str, check) -> None:
    if check not in CHECKS[name]:
        CHECKS[name].append(check)


def problems(name: str, *args) -> list[str]:
    return [found for check in CHECKS[name] if (found := check(*args))]
