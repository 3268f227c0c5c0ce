"""Writes of the expert-support pages."""

from django.db import transaction

from pzss.core.audit import audit_log
from pzss.core.models import Institution, Person, StandingGroup


@transaction.atomic
def standing_group_update(
    *,
    user,
    group: StandingGroup,
    name: str,
    description: str,
    institutions: list[Institution],
    members: list[Person],
) -> StandingGroup:
    """A group's name, description, member institutions and members. Event sign-ups that
    admit the group read these at sign-up time, so a change applies to the next sign-up."""
    before = {
        "institutions": sorted(i.name for i in group.institutions.all()),
        "members": sorted(p.full_name for p in group.members.all()),
    }
    group.name = name.strip()
    group.description = description.strip()
    group.full_clean()
    group.save(update_fields=["name", "description"])
    group.institutions.set(institutions)
    group.members.set(members)
    after = {
        "institutions": sorted(i.name for i in institutions),
        "members": sorted(p.full_name for p in members),
    }
    changes = {
        key: [
            ", ".join(sorted(set(before[key]) - set(after[key]))) or None,
            ", ".join(sorted(set(after[key]) - set(before[key]))) or None,
        ]
        for key in before
        if before[key] != after[key]
    }
    audit_log(actor=user, action="standing_group_update", obj=group, changes=changes)
    return group
