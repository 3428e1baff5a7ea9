"""Demo steps that higher apps add to `manage.py seed_demo` (registered in AppConfig.ready()).

A step is `step(organization, coordinator) -> str | None`: it must be idempotent (do nothing
when its data is already there) and send no e-mail; the returned line is printed."""

STEPS = []


def register(step):
    if step not in STEPS:
        STEPS.append(step)
    return step
