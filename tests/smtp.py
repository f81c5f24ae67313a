"""A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port, in this process, for the e-mail tests."""

import email
import socket
from contextlib import contextmanager
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings


class Inbox:
    """Keeps every message the server accepted, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self):
        return self.inbox.messages

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


@contextmanager
def real_smtp():
    """A real SMTP server on 127.0.0.1, and the site's settings pointed at it."""
    server = SMTPServer()
    server.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=server.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=5,
        ):
            yield server
    finally:
        server.stop()


@pytest.fixture
def smtp_server():
    """The site sends through a real SMTP server; `smtp_server.messages` is what it received."""
    with real_smtp() as server:
        yield server
