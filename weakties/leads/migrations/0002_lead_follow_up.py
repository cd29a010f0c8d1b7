"""Link a lead to the referral follow-up it created, so closing the lead can mark it done.

Leads asked for a referral before this migration get their link back where the follow-up is
still recognisable: an open next step with the referrer, worded as ``lead_move`` words it.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_open_follow_ups(apps, schema_editor):
    Lead = apps.get_model("leads", "Lead")
    NextStep = apps.get_model("network", "NextStep")
    asked = Lead.objects.filter(stage="referral_asked", referrer__isnull=False).select_related(
        "referrer", "organization"
    )
    for lead in asked.iterator():
        step = (
            NextStep.objects.filter(
                owner_id=lead.owner_id,
                contact_id=lead.referrer_id,
                done_on__isnull=True,
                text__startswith="Follow up with ",
                text__endswith=f" on the referral for {lead.role} at {lead.organization.name}",
            )
            .order_by("-id")
            .first()
        )
        if step is not None:
            lead.follow_up_id = step.pk
            lead.save(update_fields=["follow_up"])


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0001_initial"),
        ("network", "0004_owner_index_covered"),
    ]

    operations = [
        migrations.AddField(
            model_name="lead",
            name="follow_up",
            field=models.ForeignKey(
                blank=True,
                help_text="The follow-up with the referrer, done when the lead closes.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="network.nextstep",
            ),
        ),
        migrations.RunPython(link_open_follow_ups, migrations.RunPython.noop, elidable=True),
    ]
