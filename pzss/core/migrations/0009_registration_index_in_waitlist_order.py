"""An event's registrations indexed by status in the waiting list's order (waitlist_rank,
created_at), instead of by status and created_at: the sign-up counts the seats taken and
reads the last place waiting under the event's lock, and with this index both are short
index ranges however long the waiting list grows (they scanned every registration of the
event). The old index's uses (an event's registrations of one status) are served by the
new one's first two columns.

The activity's own index goes: the unique (activity, person) and this index both start
with the activity, so it only cost a write at every sign-up, and with it the planner
could pick it for a count and filter the status row by row."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_search_trigram_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="registration",
            name="core_regist_activit_f45a01_idx",
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                fields=["activity", "status", "waitlist_rank", "created_at"],
                name="registration_waitlist_order",
            ),
        ),
        migrations.AlterField(
            model_name="registration",
            name="activity",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="registrations",
                to="core.activity",
                verbose_name="activity",
            ),
        ),
    ]
