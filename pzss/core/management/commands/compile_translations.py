"""Build the Latin-script catalogue from the Cyrillic one, and compile every catalogue.

Serbian is translated once, in Cyrillic (locale/sr); the Latin catalogue (locale/sr_Latn)
is its deterministic transliteration, so the two scripts never drift apart. Compiling
with polib needs no system gettext, so a fresh machine can build the .mo files too.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from pzss.lib.translit import to_latin


class Command(BaseCommand):
    help = "Write locale/sr_Latn from locale/sr by transliteration, then compile all .po files."

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        for domain in ("django", "djangojs"):
            source = locale_dir / "sr" / "LC_MESSAGES" / f"{domain}.po"
            if not source.exists():
                continue
            po = polib.pofile(str(source))
            for entry in po:
                entry.msgstr = to_latin(entry.msgstr)
                if entry.msgstr_plural:
                    entry.msgstr_plural = {k: to_latin(v) for k, v in entry.msgstr_plural.items()}
            po.metadata["Language"] = "sr_Latn"
            target = locale_dir / "sr_Latn" / "LC_MESSAGES" / f"{domain}.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(target))
            self.stdout.write(f"wrote {target.relative_to(settings.BASE_DIR)}")
        for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            po = polib.pofile(str(po_path))
            po.save_as_mofile(str(po_path.with_suffix(".mo")))
            untranslated = len(po.untranslated_entries())
            self.stdout.write(
                f"compiled {po_path.relative_to(settings.BASE_DIR)}"
                f" ({po.percent_translated()}% translated, {untranslated} missing)"
            )
