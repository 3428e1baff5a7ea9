"""One way to send mail: three templates per message, rendered in the recipient's language."""

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def render_plain(name: str, context: dict) -> str:
    """A text template rendered without HTML escaping: subjects and text bodies are plain text
    ("D'Amours & Fils", not "D&#x27;Amours &amp; Fils")."""
    return get_template(name).template.render(Context(context, autoescape=False))


def one_line(text: str) -> str:
    """A subject on one line: runs of spaces and line breaks become one space, but the
    non-breaking spaces of French typography ("15 h 30", "Bonjour !") stay."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def send_templated(name: str, user, context: dict) -> None:
    """Render templates/emails/<name>/{subject.txt,body.txt,body.html} for `user` and send."""
    context = {"user": user, "site_url": settings.SITE_URL, **context}
    with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
        subject = one_line(render_plain(f"emails/{name}/subject.txt", context))
        text = render_plain(f"emails/{name}/body.txt", context)
        html = render_to_string(f"emails/{name}/body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()
