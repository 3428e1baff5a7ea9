"""Settings for a test's Celery worker subprocess: the test settings, with mail kept as
StoredEmail rows in the test's database (written in the sender's transaction)."""

from tests.settings import *  # noqa: F403

EMAIL_BACKEND = "accounts.mail_backends.DatabaseEmailBackend"
