"""The portal's notes on a programme's steps become words written out when shown, in the
reader's language; the notes stored as text before (in whichever language the process
had active: Serbian Cyrillic, Serbian Latin or English) are turned into them."""

import re

from django.db import migrations, models

# The texts the portal used to store, in the three languages it could store them in.
_STORED = [
    ("copied", r"(?:Copied from|Преузето из програма за|Preuzeto iz programa za) (\d+)\.?(?: годину\.| godinu\.)?"),
    ("imported", r"(?:Imported from the programme's text\.|Увезено из текста програма\.|Uvezeno iz teksta programa\.)()"),
    ("amended", r"(?:Amendment of revision|Измена и допуна ревизије|Izmena i dopuna revizije) (\d+)\."),
    ("replaced", r"(?:Replaced by revision|Замењен ревизијом|Zamenjen revizijom) (\d+)\."),
]
# The board's decision was stored as "393/2020, 14.12.2020." whatever the language.
_DECISION = r"[^,]+, \d{2}\.\d{2}\.\d{4}\."


def notes_from_stored_text(apps, schema_editor):
    Transition = apps.get_model("programme", "Transition")
    for transition in Transition.objects.exclude(comment=""):
        if transition.action == "adopt" and re.fullmatch(_DECISION, transition.comment.strip()):
            transition.note, transition.comment = "decision", ""
            transition.save(update_fields=["note", "comment"])
            continue
        for note, pattern in _STORED:
            match = re.fullmatch(pattern, transition.comment.strip())
            if match:
                transition.note = note
                transition.note_number = int(match.group(1)) if match.group(1) else None
                transition.comment = ""
                transition.save(update_fields=["note", "note_number", "comment"])
                break


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0004_letterhead_and_provenance"),
    ]

    operations = [
        migrations.AddField(
            model_name="transition",
            name="note",
            field=models.CharField(
                blank=True,
                choices=[
                    ("copied", "Copied from an earlier year"),
                    ("imported", "Imported from the programme's text"),
                    ("amended", "Amendment of an earlier revision"),
                    ("replaced", "Replaced by a later revision"),
                    ("decision", "The board's decision"),
                ],
                max_length=16,
                verbose_name="note",
            ),
        ),
        migrations.AddField(
            model_name="transition",
            name="note_number",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="number in the note"
            ),
        ),
        migrations.RunPython(notes_from_stored_text, migrations.RunPython.noop),
    ]
