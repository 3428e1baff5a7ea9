import uuid
from io import BytesIO

from django import forms
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from accounts.models import Language
from mentorat.forms import NormalizedTextMixin
from programs.choices import AVAILABILITY_DAYS, AVAILABILITY_PARTS, TOPICS_BY_PROGRAM_KIND
from programs.models import ConsentDecision, Participant, ParticipantRole

PHOTO_MAX_BYTES = 5 * 1024 * 1024
COMMON_PROFILE_FIELDS = ["languages", "availability", "interests", "about", "gender_preference"]
ROLE_PROFILE_FIELDS = {
    ParticipantRole.MENTEE: ["level", "subject", "needs"],
    ParticipantRole.MENTOR: ["subject", "expertise", "years_of_experience", "capacity", "photo"],
}


class ParticipantProfileForm(NormalizedTextMixin, forms.ModelForm):
    """What a participant edits about themself; the fields follow the role."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language = forms.ChoiceField(label=_("Language for e-mails"), choices=Language.choices)

    class Meta:
        model = Participant
        fields = [
            *COMMON_PROFILE_FIELDS,
            *dict.fromkeys(f for fields in ROLE_PROFILE_FIELDS.values() for f in fields),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = set(COMMON_PROFILE_FIELDS) | set(ROLE_PROFILE_FIELDS[self.instance.role])
        for name in set(self.Meta.fields) - allowed:
            del self.fields[name]
        kind = self.instance.cohort.program.kind
        if kind in TOPICS_BY_PROGRAM_KIND:  # only the topics that fit the program
            fitting = set(TOPICS_BY_PROGRAM_KIND[kind])
            for name in ("needs", "expertise"):
                if name in self.fields:
                    self.fields[name].choices = [
                        (code, label)
                        for code, label in self.fields[name].choices
                        if code in fitting
                    ]
        user = self.instance.user
        self.fields["full_name"].initial = user.full_name
        self.fields["phone"].initial = user.phone
        self.fields["language"].initial = user.language
        self.order_fields(["full_name", "phone", "language"])

    def clean_photo(self):
        """A photo is re-drawn at 400 pixels at most, which drops everything the file carried
        besides the picture (the place and time it was taken, the camera)."""
        photo = self.cleaned_data.get("photo")
        if not photo or not hasattr(photo, "content_type"):
            return photo  # unchanged or removed
        if photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The photo must be 5 MB or less."))
        try:
            image = Image.open(photo)
            image.load()
        except (OSError, Image.DecompressionBombError) as error:
            raise forms.ValidationError(_("This file is not a photo we can read.")) from error
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail((400, 400))
        out = BytesIO()
        image.save(out, format="JPEG", quality=85)
        return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")

    def availability_grid(self):
        """The availability checkboxes as a week: (day, [(part, checkbox) …]) rows, then the
        weekend."""
        boxes = {box.data["value"]: box for box in self["availability"]}
        rows = [
            (day, [(part, boxes.get(f"{code}_{suffix}")) for suffix, part in AVAILABILITY_PARTS])
            for code, day in AVAILABILITY_DAYS
        ]
        return {
            "parts": [part for _suffix, part in AVAILABILITY_PARTS],
            "rows": rows,
            "weekend": boxes.get("weekend"),
        }

    def save(self, commit=True):
        participant = super().save(commit=commit)
        user = participant.user
        user.full_name = self.cleaned_data["full_name"]
        user.phone = self.cleaned_data["phone"]
        user.language = self.cleaned_data["language"]
        if commit:
            user.save(update_fields=["full_name", "phone", "language"])
        return participant


class ConsentForm(NormalizedTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"), choices=ConsentDecision.choices, widget=forms.RadioSelect
    )
    page_version = forms.IntegerField(widget=forms.HiddenInput)
    confirm_read = forms.BooleanField(
        label=_("I have read the program's page above."), required=True
    )
