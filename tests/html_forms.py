"""The POST forms of a page, read as a browser would (standard library parser)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea", "select"
    value: str = ""
    options: list = field(default_factory=list)


@dataclass
class Form:
    action: str
    fields: list = field(default_factory=list)
    submitters: list = field(default_factory=list)  # (name, value) of named submit buttons
    enctype: str = ""

    def names(self) -> tuple:
        return tuple(sorted({f.name for f in self.fields}))

    def defaults(self) -> dict:
        """What the browser sends untouched: hidden and filled inputs, checked boxes, the first
        option of each select."""
        data = {}
        for f in self.fields:
            if f.kind in ("checkbox", "radio"):
                if f.value == "checked":
                    data.setdefault(f.name, "on")
            elif f.kind == "select":
                data[f.name] = f.options[0] if f.options else ""
            elif f.kind != "file":
                data[f.name] = f.value
        return data


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self.form = Form(action=a.get("action") or "", enctype=a.get("enctype") or "")
                self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "image"):
                self.form.submitters.append((name, a.get("value") or ""))
            elif kind in ("checkbox", "radio"):
                checked = "checked" if "checked" in a else ""
                self.form.fields.append(Field(name, kind, checked, [a.get("value") or "on"]))
            else:
                self.form.fields.append(Field(name, kind, a.get("value") or ""))
        elif tag == "button" and name:
            if (a.get("type") or "submit").lower() == "submit":
                self.form.submitters.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self.select = Field(name, "select")
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.select.options.append(a.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = Field(name, "textarea")
            self.form.fields.append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def post_forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms
