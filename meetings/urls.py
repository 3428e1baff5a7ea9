from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("paires/<int:pk>/", views.pairing_meetings, name="pairing_meetings"),
    path("paires/<int:pk>/pouls/", views.pulse, name="pulse"),
    path("pouls/<str:token>/", views.pulse_link, name="pulse_link"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/calendrier.ics", views.meeting_ics, name="meeting_ics"),
    path("<int:pk>/<str:action>/", views.meeting_action, name="meeting_action"),
    path("calendrier/", views.calendar_settings, name="calendar_settings"),
    path("suivi/cohortes/<int:pk>/", views.board, name="board"),
    path("suivi/paires/<int:pk>/", views.pair_followup, name="pair_followup"),
    path("preoccupation/<int:pk>/", views.concern_create, name="concern_create"),
    path("resume/<int:pk>/", views.digest, name="digest"),
]
