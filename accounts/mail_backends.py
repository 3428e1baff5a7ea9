"""A mail backend that writes each message as a StoredEmail row instead of sending it.

The row is written on the default connection, inside whatever transaction the caller holds: a
notification claimed and "sent" by `accounts.services.notify_once` commits or rolls back with
its message. Tests use it to check delivery end to end through a real worker (a worker killed
mid-transaction leaves neither the claim nor the message)."""

from django.core.mail.backends.base import BaseEmailBackend


class DatabaseEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from accounts.models import StoredEmail

        sent = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            StoredEmail.objects.create(
                to=", ".join(recipients)[:254],
                subject=str(message.subject)[:300],
                body=str(message.body),
            )
            sent += 1
        return sent
