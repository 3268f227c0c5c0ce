"""Reads of the documents app's pages."""

from pzss.documents.models import Job


def job_for_user(*, user, pk) -> Job:
    """A job is its requester's (and any administrator's); to anyone else it does not
    exist. Raises Job.DoesNotExist."""
    jobs = Job.objects.all()
    if not user.is_superuser:
        jobs = jobs.filter(requested_by=user)
    return jobs.get(pk=pk)
