from django.contrib.auth import views as auth_views
from django.urls import include, path

from weakties.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    # Server mode: accounts with passwords (locally, loopback signs the one user in).
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="web/sign_in.html", redirect_authenticated_user=True
        ),
        name="sign_in",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign_out"),
    path("contacts/", views.contact_list, name="contacts"),
    path("contacts/add/", views.contact_add, name="contact_add"),
    path("contacts/<int:contact_id>/", views.contact_detail, name="contact"),
    path("contacts/<int:contact_id>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:contact_id>/archive/", views.contact_archive, name="contact_archive"),
    path("contacts/<int:contact_id>/unarchive/", views.contact_unarchive, name="contact_unarchive"),
    path("contacts/<int:contact_id>/merge/", views.contact_merge, name="contact_merge"),
    path("contacts/<int:contact_id>/log/", views.interaction_log, name="interaction_log"),
    path("contacts/<int:contact_id>/links/", views.contact_link_add, name="contact_link_add"),
    path("contacts/<int:contact_id>/memories/", views.memory_add, name="memory_add"),
    path("contacts/<int:contact_id>/help-ideas/", views.help_idea_add, name="help_idea_add"),
    path("next-steps/", views.next_step_list, name="next_steps"),
    path("next-steps/<int:step_id>/done/", views.next_step_done, name="next_step_done"),
    path("next-steps/<int:step_id>/reopen/", views.next_step_reopen, name="next_step_reopen"),
    # Each area keeps its pages in its own URLconf; they share the "web" namespace.
    path("", include("weakties.plan.urls")),
    path("", include("weakties.interop.urls")),
    path("", include("weakties.intros.urls")),
    path("", include("weakties.leads.urls")),
]
