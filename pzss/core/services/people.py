"""The directory's people: the one lookup by e-mail that every path uses (public sign-up,
staff adding someone, an imported list)."""

from django.db import IntegrityError, transaction

from pzss.core.audit import audit_log
from pzss.core.models import Institution, Person


def person_find(
    *, email: str, first_name: str = "", last_name: str = "", institution=None
) -> Person | None:
    """The person with this e-mail (case-insensitively); without an e-mail, the person of
    that name at that institution."""
    email = (email or "").strip()
    if email:
        return Person.objects.with_email(email).first()
    if not first_name or not last_name:
        return None
    return Person.objects.filter(
        first_name__iexact=first_name, last_name__iexact=last_name, institution=institution
    ).first()


def person_get_or_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    institution: Institution | None,
    position: str = "",
    user=None,
) -> Person:
    """The directory's person, or a new one. What is already in the directory is not
    overwritten; only its empty institution and position are filled."""
    email = (email or "").strip().lower()
    person = person_find(
        email=email, first_name=first_name, last_name=last_name, institution=institution
    )
    if person is None:
        candidate = Person(
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            institution=institution,
            position=position or "",
        )
        # An institution the caller loaded exists: no query to check it again (the
        # database's foreign key still does).
        loaded = institution is not None and institution.pk is not None
        candidate.full_clean(
            exclude=["institution"] if loaded else None, validate_constraints=False
        )
        try:
            with transaction.atomic():
                candidate.save()
        except IntegrityError:
            # The same e-mail arrived at the same moment in another request.
            return Person.objects.with_email(email).get()
        if user is not None:
            audit_log(actor=user, action="person_create", obj=candidate)
        return candidate
    changed = []
    if person.institution_id is None and institution is not None:
        person.institution = institution
        changed.append("institution")
    if not person.position and position:
        person.position = position
        changed.append("position")
    if changed:
        person.save(update_fields=changed)
    return person
