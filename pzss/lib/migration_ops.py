"""Operations that migrations moving models between apps share."""

from django.db import migrations


def turn_over_content_types(models: list[str], *, from_app: str, to_app: str):
    """A RunPython that gives the content types of `models` (lower-case names) to
    `to_app`, keeping their ids: generic relations (documents, audit entries) and
    permissions that point at them keep pointing at them."""

    def forward(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in models:
            old = ContentType.objects.filter(app_label=from_app, model=model).first()
            if old is None:
                continue  # a new database: the content type is made after migrating
            # One made for the new label already (never, but safe) gives way.
            ContentType.objects.filter(app_label=to_app, model=model).delete()
            old.app_label = to_app
            old.save(update_fields=["app_label"])

    def backward(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=to_app, model__in=models).update(app_label=from_app)

    return migrations.RunPython(forward, backward)
