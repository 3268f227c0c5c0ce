from django.core.management.base import BaseCommand

from pzss.search import registry
from pzss.search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Write the public search index anew from every searched app, in batches "
        "(idempotent: run it again and the index is the same). Prints the entries of each kind."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=sorted(registry.kind_labels()),
            help="Only this kind (repeatable).",
        )

    def handle(self, *args, **options):
        counts = rebuild(kinds=options["kind"])
        for kind, n in counts.items():
            self.stdout.write(f"{kind}: {n}")
        self.stdout.write(self.style.SUCCESS(f"Search index: {sum(counts.values())} entries."))
