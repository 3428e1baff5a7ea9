from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("paires/<int:pk>/", views.pairing_meetings, name="pairing_meetings"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/calendrier.ics", views.meeting_ics, name="meeting_ics"),
    path("<int:pk>/<str:action>/", views.meeting_action, name="meeting_action"),
    path("calendrier/", views.calendar_settings, name="calendar_settings"),
]
