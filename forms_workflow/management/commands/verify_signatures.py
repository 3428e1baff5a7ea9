"""Recompute the digest of every signed form and compare it with its signatures: a change made
behind the application's back (in the database) is reported; the exit status is 1 then."""

import sys

from django.core.management.base import BaseCommand

from forms_workflow import services


class Command(BaseCommand):
    help = "Check that every signed form still matches the digest recorded when it was signed."

    def handle(self, *args, **options):
        checked = 0
        broken = []
        for submission_id, matches in services.verify_all():
            checked += 1
            if not matches:
                broken.append(submission_id)
        for submission_id in broken:
            self.stdout.write(
                f"Form answers {submission_id}: the content no longer matches its signatures."
            )
        self.stdout.write(f"{checked} signed forms checked, {len(broken)} changed after signing.")
        if broken:
            sys.exit(1)
