# The waiting-list place and the decision timestamps move from the side table
# RegistrationExtra (created on demand) onto the registration itself, every value kept.

from django.db import migrations, models

FIELDS = [
    "waitlist_rank",
    "waitlist_reason",
    "decision_reason",
    "decided_at",
    "cancelled_at",
    "promoted_at",
    "reminder_sent_at",
    "anonymised_at",
]
BIG = 2**31 - 1


def copy_extras(apps, schema_editor):
    Registration = apps.get_model("core", "Registration")
    RegistrationExtra = apps.get_model("core", "RegistrationExtra")
    for extra in RegistrationExtra.objects.iterator():
        Registration.objects.filter(pk=extra.registration_id).update(
            **{name: getattr(extra, name) for name in FIELDS}
        )
    # The waiting list was read ranked people first (1, 2, …), then the unranked (0 or no
    # details) by sign-up time. Every waiting registration now carries its place, in that
    # same order, so the one ordering (rank, created_at, id) gives the same list.
    extras = dict(RegistrationExtra.objects.values_list("registration_id", "waitlist_rank"))
    waiting = Registration.objects.filter(status="waitlisted").order_by(
        "activity_id", "created_at", "id"
    )
    by_activity: dict[int, list] = {}
    for registration in waiting:
        by_activity.setdefault(registration.activity_id, []).append(registration)
    for queue in by_activity.values():
        queue.sort(key=lambda r: (extras.get(r.pk) or BIG, r.created_at, r.pk))
        for rank, registration in enumerate(queue, start=1):
            if registration.waitlist_rank != rank:
                Registration.objects.filter(pk=registration.pk).update(waitlist_rank=rank)


def copy_back(apps, schema_editor):
    Registration = apps.get_model("core", "Registration")
    RegistrationExtra = apps.get_model("core", "RegistrationExtra")
    for registration in Registration.objects.iterator():
        values = {name: getattr(registration, name) for name in FIELDS}
        if any(values.values()):
            RegistrationExtra.objects.update_or_create(
                registration_id=registration.pk, defaults=values
            )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_activity_created_by_blank"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="anonymised_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="anonymised"),
        ),
        migrations.AddField(
            model_name="registration",
            name="cancelled_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="cancelled at"),
        ),
        migrations.AddField(
            model_name="registration",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
        ),
        migrations.AddField(
            model_name="registration",
            name="decision_reason",
            field=models.TextField(blank=True, verbose_name="reason for the decision"),
        ),
        migrations.AddField(
            model_name="registration",
            name="promoted_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="given a seat from the waiting list"
            ),
        ),
        migrations.AddField(
            model_name="registration",
            name="reminder_sent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="reminder sent"),
        ),
        migrations.AddField(
            model_name="registration",
            name="waitlist_rank",
            field=models.PositiveIntegerField(default=0, verbose_name="place on the waiting list"),
        ),
        migrations.AddField(
            model_name="registration",
            name="waitlist_reason",
            field=models.TextField(
                blank=True, verbose_name="reason for the move on the waiting list"
            ),
        ),
        migrations.RunPython(copy_extras, copy_back),
        migrations.DeleteModel(name="RegistrationExtra"),
    ]
