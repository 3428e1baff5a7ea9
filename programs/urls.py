from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("programmes/<slug:slug>/", views.PublicPageView.as_view(), name="public_page"),
    path(
        "programmes/<slug:slug>/version/<int:number>/",
        views.PublicPageVersionView.as_view(),
        name="public_page_version",
    ),
    path("portail/", views.PortalView.as_view(), name="portal"),
    path("portail/profil/<int:pk>/", views.ProfileUpdateView.as_view(), name="profile_edit"),
    path("portail/consentement/<int:pk>/", views.ConsentView.as_view(), name="consent"),
    path("portail/demandes/<int:pk>/", views.EnrolmentView.as_view(), name="enrolment"),
    path("portail/photo/<int:pk>/", views.photo, name="photo"),
]
