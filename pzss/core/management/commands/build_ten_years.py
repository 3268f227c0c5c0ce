"""Build the ten-year data set the benchmarks measure: 30,000 activities over ten years,
300,000 people, 1,000,000 registrations (by default), with bulk inserts, into a database
of its own. Reference data must be loaded first (`load_reference`); the work programme and
demo accounts may be (`load_programme`, `load_demo`).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pzss_tenyears \\
        .venv/bin/python manage.py build_ten_years

Refuses a database whose name does not say it is a benchmark's (`…tenyears…`), unless
`--force`: it adds a million rows."""

import datetime as dt
import random
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Area,
    Institution,
    Person,
    Position,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)

FIRST = [
    "Марија",
    "Јована",
    "Милица",
    "Ана",
    "Драгана",
    "Снежана",
    "Игор",
    "Немања",
    "Петар",
    "Јелена",
    "Мирјана",
    "Тамара",
    "Ивана",
    "Зоран",
    "Дејан",
    "Весна",
    "Гордана",
    "Срђан",
]
LAST = [
    "Петровић",
    "Јовановић",
    "Николић",
    "Марковић",
    "Ђорђевић",
    "Стојановић",
    "Илић",
    "Павловић",
    "Милошевић",
    "Станковић",
    "Ђурић",
    "Тодоровић",
    "Поповић",
    "Ковачевић",
]
TITLES = [
    (Area.SUPPORT, ActivityKind.ROUND_TABLE, "Округли сто за супервизоре групе {g}: {topic}"),
    (Area.SUPPORT, ActivityKind.WORKING_VISIT, "Радна посета {m}"),
    (Area.SUPPORT, ActivityKind.CASE_CONFERENCE, "Конференција случаја, {m}"),
    (Area.TRAINING, ActivityKind.ACCREDITED_TRAINING, "Обука: {topic}"),
    (Area.TRAINING, ActivityKind.EDUCATION, "Едукација „{topic}“"),
    (Area.RESEARCH, ActivityKind.REPORT, "Извештај о раду установа, {m}"),
    (Area.RESEARCH, ActivityKind.FOCUS_GROUP, "Фокус група: {topic}"),
    (Area.OUTREACH, ActivityKind.MEDIA_APPEARANCE, "Гостовање на РТВ: {topic}"),
    (Area.OUTREACH, ActivityKind.CONFERENCE, "Конференција: {topic}"),
]
TOPICS = ["вештине доношења одлука", "процена ризика", "хранитељство", "заштита од насиља",
          "супервизија у пракси", "услуге у заједници", "мотивација запослених",
          "деца са сметњама у развоју", "саветовање породице", "резилијентност"]  # fmt: skip
BATCH = 10_000


class Command(BaseCommand):
    help = "Build the ten-year benchmark data set (activities, people, registrations)."

    def add_arguments(self, parser):
        parser.add_argument("--activities", type=int, default=30_000)
        parser.add_argument("--people", type=int, default=300_000)
        parser.add_argument("--registrations", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, activities, people, registrations, seed, force, **options):
        name = str(connection.settings_dict["NAME"])
        if "tenyears" not in name and not force:
            raise CommandError(f"{name} is not a benchmark database (…tenyears…); --force")
        if Activity.objects.filter(title__startswith="[10y]").exists():
            self.stdout.write("The ten-year data set is there already.")
            self._apps(seed)
            return
        institutions = list(Institution.objects.select_related("municipality"))
        if not institutions:
            raise CommandError("Load the reference data first (manage.py load_reference).")
        rng = random.Random(seed)
        started = time.monotonic()
        person_ids = self._people(rng, people, institutions)
        activity_ids = self._activities(rng, activities, institutions)
        count = self._registrations(rng, registrations, activity_ids, person_ids, institutions)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(activity_ids)} activities, {len(person_ids)} people, {count} "
                f"registrations in {time.monotonic() - started:.0f} s"
            )
        )
        self._apps(seed)

    def _apps(self, seed: int) -> None:
        """Apps above the core add ten years of their own rows (the core names none of
        them): `AppConfig.build_ten_years(rng)` returns a line to print, and leaves what
        it built before alone."""
        for config in apps.get_app_configs():
            if hasattr(config, "build_ten_years"):
                self.stdout.write(config.build_ten_years(random.Random(f"{seed}-{config.label}")))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _people(self, rng, n, institutions) -> list[int]:
        positions = [Position.SUPERVISOR, Position.CASE_MANAGER, Position.LAWYER,
                     Position.PSYCHOLOGIST, Position.SOCIAL_WORKER]  # fmt: skip
        start = (Person.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        for offset in range(0, n, BATCH):
            rows = [
                Person(
                    first_name=rng.choice(FIRST),
                    last_name=rng.choice(LAST),
                    email=f"osoba{start + offset + i}@deset-godina.example",
                    institution=rng.choice(institutions),
                    position=rng.choice(positions),
                )
                for i in range(min(BATCH, n - offset))
            ]
            with transaction.atomic():
                Person.objects.bulk_create(rows, batch_size=BATCH)
        return list(
            Person.objects.filter(email__endswith="@deset-godina.example").values_list(
                "id", flat=True
            )
        )

    def _activities(self, rng, n, institutions) -> list[int]:
        today = timezone.localdate()
        first_day = today.replace(year=today.year - 10)
        span = (today - first_day).days + 60
        for offset in range(0, n, BATCH):
            rows = []
            for _i in range(min(BATCH, n - offset)):
                area, kind, title = rng.choice(TITLES)
                place = rng.choice(institutions)
                start = first_day + dt.timedelta(days=rng.randrange(span))
                past = start < today
                status = (
                    (ActivityStatus.CANCELLED if rng.random() < 0.03 else ActivityStatus.HELD)
                    if past
                    else rng.choice([ActivityStatus.PLANNED, ActivityStatus.SCHEDULED])
                )
                public = kind in {ActivityKind.ROUND_TABLE, ActivityKind.ACCREDITED_TRAINING,
                                  ActivityKind.EDUCATION, ActivityKind.CONFERENCE}  # fmt: skip
                rows.append(
                    Activity(
                        area=area,
                        kind=kind,
                        title="[10y] "
                        + title.format(
                            g=rng.randint(1, 4),
                            m=place.municipality.name if place.municipality else place.name,
                            topic=rng.choice(TOPICS),
                        ),
                        description="Активност из програма рада за ту годину.",
                        start_date=start,
                        start_time=dt.time(rng.choice([9, 10, 11, 12]), 0),
                        place=place.name,
                        municipality=place.municipality,
                        status=status,
                        is_public=public,
                        capacity=rng.choice([20, 30, 40]) if public else None,
                        hours=rng.choice([2, 4, 6]),
                        outcome="Одржано према плану." if status == ActivityStatus.HELD else "",
                        cancel_reason="Отказано." if status == ActivityStatus.CANCELLED else "",
                    )
                )
            with transaction.atomic():
                Activity.objects.bulk_create(rows, batch_size=BATCH)
        return list(
            Activity.objects.filter(title__startswith="[10y]")
            .order_by("id")
            .values_list("id", flat=True)
        )

    def _registrations(self, rng, n, activity_ids, person_ids, institutions) -> int:
        statuses = dict(Activity.objects.filter(pk__in=activity_ids).values_list("id", "status"))
        made = 0
        pending: list[Registration] = []
        inst_of = dict(Person.objects.filter(pk__in=person_ids).values_list("id", "institution_id"))
        for index, activity_id in enumerate(activity_ids):
            if made >= n:
                break
            # What is left, spread over the activities left: exactly `n` in the end.
            mean = (n - made) / (len(activity_ids) - index)
            want = (
                n - made
                if index == len(activity_ids) - 1
                else max(1, int(rng.gauss(mean, mean / 3)))
            )
            want = min(want, n - made, len(person_ids))
            status = (
                RegistrationStatus.ATTENDED
                if statuses[activity_id] == ActivityStatus.HELD
                else RegistrationStatus.CONFIRMED
            )
            for person_id in rng.sample(person_ids, want):
                pending.append(
                    Registration(
                        activity_id=activity_id,
                        person_id=person_id,
                        institution_id=inst_of[person_id],
                        status=status,
                        source=RegistrationSource.STAFF,
                    )
                )
            made += want
            if len(pending) >= BATCH:
                with transaction.atomic():
                    Registration.objects.bulk_create(pending, batch_size=BATCH)
                pending = []
                self.stdout.write(f"  registrations: {made}", ending="\r")
        if pending:
            with transaction.atomic():
                Registration.objects.bulk_create(pending, batch_size=BATCH)
        self.stdout.write("")
        return made
