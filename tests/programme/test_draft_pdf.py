"""A programme's PDF rendered while it was a draft is not the public's once the programme
is published: only the PDF of the content as published is (its address is a sequential
key, so an earlier draft's would otherwise be one guess away)."""

import pytest
from django.urls import reverse

from programme import services
from programme.models import RevisionStatus
from pzss.documents.services import document_render
from tests.programme.builders import first_goal, make_revision

pytestmark = pytest.mark.django_db


def test_a_drafts_pdf_stays_with_staff_after_publication(client, no_render, committed):
    revision = make_revision(year=2032)
    with committed():
        draft = services.programme_document_request(revision=revision, language="sr")
    document_render(document_id=draft.pk)
    goal = first_goal(revision)
    services.goal_update(
        user=None, goal=goal, number=goal.number, title="Наслов после нацрта", text=""
    )
    for step in (services.revision_submit, services.revision_approve):
        step(user=None, revision=revision)
    services.revision_adopt(user=None, revision=revision, as_signed=True)
    services.revision_publish(user=None, revision=revision)
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.PUBLISHED
    assert client.get(reverse("documents:download", args=[draft.pk])).status_code == 404

    with committed():
        published = services.programme_document_request(revision=revision, language="sr")
    document_render(document_id=published.pk)
    assert published.pk != draft.pk
    response = client.get(reverse("documents:download", args=[published.pk]))
    assert response.status_code == 200
