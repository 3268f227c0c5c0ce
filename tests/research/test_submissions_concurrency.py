"""Concurrent writes to submissions, for real on PostgreSQL (threads, each with its own
connection): the row locks of research.submission_services hold."""

import pytest

from pzss.core.models import Activity
from research.models import Submission
from research.submission_services import (
    submission_accept,
    submission_save_and_submit,
    submission_save_draft,
)
from tests.concurrency import at_once
from tests.research.builders import make_centre, make_data_set

GOOD = {"total": "10", "women": "6", "men": "4", "children": "3"}


@pytest.mark.django_db(transaction=True)
def test_two_first_drafts_at_once_make_one_submission_with_one_version(on_postgres, staff_user):
    period = make_data_set().periods.first()
    centre = make_centre("ЦСР Истовремено")
    errors = at_once(
        *(
            lambda n=n: submission_save_draft(
                user=staff_user, period=period, institution=centre, raw={"total": str(n)}
            )
            for n in (1, 2)
        )
    )
    assert errors == []
    submission = Submission.objects.get()
    assert submission.versions.count() == 1
    assert submission.current_version.values["total"] in (1, 2)


@pytest.mark.django_db(transaction=True)
def test_acceptances_at_once_make_one_activity_for_the_period(on_postgres, staff_user):
    period = make_data_set().periods.first()
    submissions = [
        submission_save_and_submit(
            user=staff_user, period=period, institution=make_centre(f"ЦСР {n}"), raw=GOOD
        )
        for n in range(3)
    ]
    errors = at_once(
        *(lambda s=s: submission_accept(user=staff_user, submission=s) for s in submissions)
    )
    assert errors == []
    period.refresh_from_db()
    assert Activity.objects.filter(area=3).count() == 1
    assert period.activity.institutions.count() == 3
