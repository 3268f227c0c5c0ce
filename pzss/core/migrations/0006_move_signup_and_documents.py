# Event sign-up's models move to the `events` app and Document to `documents`. Their
# tables keep their names (each model says `db_table`), so the database is not touched:
# only Django's idea of which app holds them changes. The new apps' first migrations
# take the models up, and turn the content types over so documents and audit entries
# that point at them keep pointing at them.

from django.db import migrations

MOVED = ["attendance", "certificate", "document", "eventsignup", "signupquestion"]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_registration_waitlist_and_decisions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="certificate", name="activity"),
                migrations.RemoveField(model_name="certificate", name="registration"),
                migrations.RemoveField(model_name="document", name="content_type"),
                migrations.RemoveField(model_name="document", name="requested_by"),
                migrations.RemoveField(model_name="eventsignup", name="activity"),
                migrations.RemoveField(model_name="eventsignup", name="admitted_groups"),
                migrations.RemoveField(model_name="signupquestion", name="activity"),
                migrations.DeleteModel(name="Attendance"),
                migrations.DeleteModel(name="Certificate"),
                migrations.DeleteModel(name="Document"),
                migrations.DeleteModel(name="EventSignup"),
                migrations.DeleteModel(name="SignupQuestion"),
            ],
            database_operations=[],
        ),
    ]
