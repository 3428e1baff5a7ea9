from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("cohortes/<int:pk>/", views.cohort_matching, name="cohort"),
    path("cohortes/<int:pk>/calculer/", views.run_create, name="run_create"),
    path("calculs/<int:pk>/publier/", views.run_publish, name="run_publish"),
    path("paires-proposees/<int:pk>/<str:action>/", views.run_pair_action, name="run_pair_action"),
    path("paires/", views.pairing_list, name="pairing_list"),
    path("paires/<int:pk>/", views.pairing_detail, name="pairing_detail"),
    path("paires/<int:pk>/revision/", views.pairing_review, name="pairing_review"),
    path("paires/<int:pk>/bilan/", views.pairing_exit_feedback, name="pairing_exit_feedback"),
    path("paires/<int:pk>/<str:action>/", views.pairing_lifecycle, name="pairing_lifecycle"),
    path("choix/<int:pk>/", views.shortlist, name="shortlist"),
]
