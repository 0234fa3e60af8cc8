from django.urls import path

from commentdesk.demo import views

app_name = "demo"

urlpatterns = [
    path("", views.index, name="index"),
    path("news/<slug:slug>/", views.article, name="article"),
    path("terms/", views.terms, name="terms"),
]
