"""An event's registrations indexed by status in the waiting list's order (waitlist_rank,
created_at), instead of by status and created_at: the sign-up counts the seats taken and
reads the last place waiting under the event's lock, and with this index both are short
index ranges however long the waiting list grows (they scanned every registration of the
event). The old index's uses (an event's registrations of one status) are served by the
new one's first two columns."""

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
    ]
