from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    CheckIn,
    CheckInChannel,
    CheckInOutcome,
    ConcernKind,
    InterventionKind,
    InterventionOutcome,
    MeetingMode,
)
from meetings.services import Slot
from mentorat.forms import NormalizedTextMixin
from mentorat.validators import plausible_date


class SlotForm(NormalizedTextMixin, forms.Form):
    day = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[plausible_date],
    )
    start = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=5, max_value=480, initial=60
    )
    mode = forms.ChoiceField(label=_("How"), choices=MeetingMode.choices)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    video_link = forms.URLField(
        label=_("Video link"), required=False, assume_scheme="https", max_length=200
    )
    confirmed = forms.BooleanField(
        label=_("I saw the warnings and want this date anyway"),
        required=False,
        widget=forms.HiddenInput,
    )

    def slot(self) -> Slot:
        data = self.cleaned_data
        naive = datetime.combine(data["day"], data["start"] or time(0))
        return Slot(
            starts_at=timezone.make_aware(naive),
            duration_minutes=data["duration_minutes"],
            mode=data["mode"],
            place=data["place"],
            video_link=data["video_link"],
        )

    def ask_confirmation(self):
        """Show the confirmation checkbox (the warnings are shown above the form)."""
        self.fields["confirmed"].widget = forms.CheckboxInput()


class RescheduleForm(SlotForm):
    reason = forms.CharField(label=_("Why it moves"), max_length=500)


class SeriesForm(SlotForm):
    interval_weeks = forms.IntegerField(
        label=_("Every how many weeks"), min_value=1, max_value=8, initial=2
    )
    until = forms.DateField(
        label=_("Until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[plausible_date],
    )


class CancelForm(NormalizedTextMixin, forms.Form):
    reason = forms.CharField(label=_("Why it is cancelled"), max_length=500)


class OutcomeForm(NormalizedTextMixin, forms.Form):
    held = forms.TypedChoiceField(
        label=_("Did the meeting take place?"),
        choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    mentor_attended = forms.BooleanField(label=_("The mentor attended"), required=False)
    mentee_attended = forms.BooleanField(label=_("The mentee attended"), required=False)
    duration_minutes = forms.IntegerField(
        label=_("Actual duration (minutes)"), min_value=1, max_value=600, required=False
    )
    topics = forms.CharField(
        label=_("Topics discussed"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    academic = forms.BooleanField(label=_("Academic dimension addressed"), required=False)
    professional = forms.BooleanField(label=_("Professional dimension addressed"), required=False)
    personal = forms.BooleanField(
        label=_("Personal or well-being dimension addressed"), required=False
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RatingForm(NormalizedTextMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was this meeting for you? (1 to 5)"),
        choices=[
            ("1", _("1 — not good")),
            ("2", "2"),
            ("3", _("3 — all right")),
            ("4", "4"),
            ("5", _("5 — very good")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )


class PrivateNoteForm(NormalizedTextMixin, forms.Form):
    text = forms.CharField(
        label=_("My private note (only I can ever read it)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ConcernForm(NormalizedTextMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of concern?"), choices=ConcernKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("What is happening?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class InterventionForm(NormalizedTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Intervention"), choices=InterventionKind.choices)
    notes = forms.CharField(
        label=_("Notes"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    outcome = forms.ChoiceField(label=_("Decision"), choices=InterventionOutcome.choices)
    resume_on = forms.DateField(
        label=_("Resume on (for a pause)"),
        required=False,
        validators=[plausible_date],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == InterventionOutcome.PAUSE and not data.get("resume_on"):
            self.add_error("resume_on", _("Give the date the pair resumes."))
        return data


class CheckInForm(NormalizedTextMixin, forms.ModelForm):
    """One short form: when, how, with whom, how it is going, a confidential note."""

    class Meta:
        model = CheckIn
        fields = ["on", "channel", "with_mentor", "with_mentee", "with_guardian", "outcome", "note"]
        widgets = {
            "on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "channel": forms.RadioSelect,
            "outcome": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"note": _("Only the coordination reads it: never the pair or a parent.")}

    def __init__(self, *args, minor=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].validators.append(plausible_date)
        self.fields["channel"].choices = CheckInChannel.choices  # radios: no "---------"
        self.fields["outcome"].choices = CheckInOutcome.choices
        if not minor:
            del self.fields["with_guardian"]

    def clean_on(self):
        day = self.cleaned_data["on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A check-in is recorded once it has taken place."))
        return day

    def clean(self):
        data = super().clean()
        if not (data.get("with_mentor") or data.get("with_mentee") or data.get("with_guardian")):
            raise forms.ValidationError(_("Say with whom the check-in took place."))
        return data
