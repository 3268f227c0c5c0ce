"""Demo data of event sign-up: the upcoming public demo events are open for sign-up with
a few people already signed up (written directly: a demo needs no confirmation e-mails).
Called by the core's `load_demo` command through `EventsConfig.load_demo()`."""

import random

from pzss.core.models import Activity, Person, Registration, RegistrationSource, RegistrationStatus
from pzss.events.models import Admission, EventSignup


def open_demo_signups(seed: int = 2026) -> int:
    """Open every upcoming public activity that has seats and no sign-up yet; idempotent."""
    rng = random.Random(seed)
    people = list(Person.objects.filter(email__endswith="@csr-primer.rs").order_by("id"))
    opened = 0
    activities = (
        Activity.objects.public()
        .upcoming()
        .filter(capacity__isnull=False, signup__isnull=True)
        .select_related("standing_group")
        .order_by("start_date", "id")
    )
    for activity in activities:
        signup = EventSignup.objects.create(
            activity=activity,
            is_open=True,
            admission=Admission.GROUPS if activity.standing_group else Admission.ANYONE,
        )
        signup.admitted_groups.set([activity.standing_group] if activity.standing_group else [])
        for person in rng.sample(people, min(len(people), rng.randint(3, 9))):
            Registration.objects.create(
                activity=activity,
                person=person,
                institution=person.institution,
                position=person.position,
                status=RegistrationStatus.CONFIRMED,
                source=RegistrationSource.PUBLIC,
            )
        opened += 1
    return opened
