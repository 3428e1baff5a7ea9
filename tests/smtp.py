"""SMTP servers for the mail tests: one that accepts everything but chosen refusals (aiosmtpd),
and one that accepts connections and never says a word."""

import socket
import threading
from contextlib import contextmanager
from email import message_from_bytes


class Server:
    """Accepts everything, except: unknown.example at RCPT (550), refuse.example at DATA (554),
    full.example at DATA (452, temporary)."""

    def __init__(self):
        self.received = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@unknown.example"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(a.endswith("@refuse.example") for a in envelope.rcpt_tos):
            return "554 5.7.1 Message refused"
        if any(a.endswith("@full.example") for a in envelope.rcpt_tos):
            return "452 4.2.2 Mailbox full"
        self.received.append(message_from_bytes(envelope.content))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def silent_server():
    """A listener that accepts connections and never answers: yields its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(50)
    held, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()
