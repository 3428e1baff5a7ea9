"""What every form does to the text people type."""

import unicodedata

from django import forms

# Embedding, override and isolate controls: invisible, they can reverse how a name or a note is
# shown ("Trojan source"). The plain direction marks (U+200E, U+200F) stay: they are harmless.
DIRECTION_CONTROLS = dict.fromkeys((*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def normalize_text(value: str) -> str:
    """One spelling for one text: NFC ("é" typed as e + accent becomes the single character
    that search, sorting and uniqueness see), without invisible direction controls."""
    return unicodedata.normalize("NFC", value).translate(DIRECTION_CONTROLS)


class NormalizedTextMixin:
    """For every form: cleaned text is normalized (passwords excepted: they are hashed as
    typed). ModelForms build their instance from it, so what is stored is normalized too."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            field = self.fields.get(name)
            if field is not None and isinstance(field.widget, forms.PasswordInput):
                continue
            if isinstance(value, str):
                cleaned[name] = normalize_text(value)
            elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
                cleaned[name] = type(value)(normalize_text(v) for v in value)
        return cleaned


class NormalizedModelForm(NormalizedTextMixin, forms.ModelForm):
    """The admin's default form (programs.admin.ScopedAdmin)."""
