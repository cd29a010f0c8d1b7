"""Operators can see every table in the Django admin."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin

pytestmark = pytest.mark.django_db


def test_every_network_model_is_in_the_admin_and_its_pages_open(admin_client, owner, make_contact):
    from weakties.network import services

    ada = make_contact("Ada Lovelace", organization="Acme", tags=["x"], emails=["a@x.org"])
    grace = make_contact("Grace Hopper", roles=["mentor"])
    services.contact_link(a=ada, b=grace)
    services.memory_add(contact=ada, text="Football")
    services.help_idea_add(contact=ada, text="Intro")
    services.interaction_log(owner=owner, participants=[ada], summary="Hi", next_step="Call")
    for model in apps.get_app_config("network").get_models():
        assert admin.site.is_registered(model), model.__name__
        meta = model._meta
        listing = admin_client.get(f"/admin/{meta.app_label}/{meta.model_name}/")
        assert listing.status_code == 200, meta.model_name
        first = model.objects.first()
        assert first is not None, meta.model_name
        page = admin_client.get(f"/admin/{meta.app_label}/{meta.model_name}/{first.pk}/change/")
        assert page.status_code == 200, meta.model_name


def test_every_model_of_every_area_is_in_the_admin_and_its_list_opens(admin_client):
    models = [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("weakties.")
        for model in config.get_models()
    ]
    assert len(models) > 10
    for model in models:
        assert admin.site.is_registered(model), model.__name__
        meta = model._meta
        listing = admin_client.get(f"/admin/{meta.app_label}/{meta.model_name}/")
        assert listing.status_code == 200, meta.model_name
