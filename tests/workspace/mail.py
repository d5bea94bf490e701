"""A mail backend for tests: refuses one recipient, as an SMTP server does for a mailbox it rejects, and keeps
every other message in ``django.core.mail.outbox`` like the in-memory backend."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED = set()


class RefusesSomeRecipients(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            refused = [address for address in message.recipients() if address in REFUSED]
            if refused:
                raise smtplib.SMTPRecipientsRefused({address: (550, b"mailbox unavailable") for address in refused})
        return super().send_messages(messages)
