"""Public pages are cached for anonymous visitors, and a change shows at once."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone

from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area
from pzss.core.services.activities import activity_update
from pzss.lib.public_cache import public_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _event(**extra):
    return Activity.objects.create(
        area=Area.SUPPORT,
        kind=ActivityKind.ROUND_TABLE,
        title="Округли сто за супервизоре",
        start_date=timezone.localdate() + dt.timedelta(days=5),
        status=ActivityStatus.SCHEDULED,
        is_public=True,
        **extra,
    )


def test_second_anonymous_visit_is_served_from_the_cache(client, staff_user):
    _event(created_by=staff_user)
    first = client.get("/")
    second = client.get("/")
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert first.content == second.content


def test_a_change_to_an_activity_shows_at_once(client, staff_user):
    activity = _event(created_by=staff_user)
    assert "Округли сто за супервизоре" in client.get("/").content.decode()
    activity_update(user=staff_user, activity=activity, data={"title": "Трибина супервизора"})
    page = client.get("/").content.decode()
    assert "Трибина супервизора" in page
    assert "Округли сто за супервизоре" not in page


def test_each_language_is_cached_on_its_own(client):
    _event()
    cyrillic = client.get("/").content.decode()
    client.cookies["django_language"] = "sr-latn"
    latin = client.get("/").content.decode()
    assert "Okrugli sto za supervizore" in latin
    assert "Округли сто за супервизоре" in cyrillic


def test_logged_in_users_are_never_served_the_cache(staff_client):
    staff_client.get("/")
    response = staff_client.get("/")
    assert "X-Cache" not in response


def test_a_cached_form_gets_each_visitors_own_csrf_token():
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}<button>Go</button></form>'
    )

    @public_cache
    def view(request):
        return HttpResponse(template.render({}, request))

    factory = RequestFactory()

    def anonymous_get():
        from django.contrib.auth.models import AnonymousUser
        from django.middleware.csrf import CsrfViewMiddleware

        request = factory.get("/form/")
        request.user = AnonymousUser()
        CsrfViewMiddleware(lambda r: None).process_request(request)
        return request, view(request)

    first_request, first = anonymous_get()
    second_request, second = anonymous_get()
    assert second["X-Cache"] == "hit"
    from django.middleware.csrf import _unmask_cipher_token

    token = second.content.decode().split('value="')[1].split('"')[0]
    assert "__PZSS_CSRF_TOKEN__" not in second.content.decode()
    assert _unmask_cipher_token(token) == second_request.META["CSRF_COOKIE"]
    assert second_request.META["CSRF_COOKIE"] != first_request.META["CSRF_COOKIE"]


@pytest.mark.django_db(transaction=True)
def test_a_save_in_a_transaction_refreshes_the_pages_when_it_commits():
    """Not at the save: a page rendered before the commit reads the old data, and a bump
    at the save would store it under the new generation."""
    from django.db import transaction

    from pzss.lib.public_cache import generation

    activity = _event()
    before = generation()
    with transaction.atomic():
        activity.title = "Трибина супервизора"
        activity.save(update_fields=["title"])
        assert generation() == before
    assert generation() != before
    # A save outside a transaction is committed at once, and refreshes them at once.
    committed = generation()
    activity.save(update_fields=["title"])
    assert generation() != committed


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_save_refreshes_nothing_and_the_next_commit_still_does():
    from django.db import transaction

    from pzss.lib.public_cache import generation

    activity = _event()
    before = generation()
    with transaction.atomic():
        try:
            with transaction.atomic():
                activity.save(update_fields=["title"])
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        assert generation() == before
        activity.save(update_fields=["title"])
    assert generation() != before


def test_a_topics_generation_is_forgotten_a_day_after_its_last_change():
    # Ten years of events leave no key each in Redis for ever; the whole cache's is kept.
    from pzss.lib import public_cache as pc

    client = pc._redis_client()
    if client is None:
        pytest.skip("the cache is not Redis (CACHE_URL): expiry is Redis's own")
    topic = pc.topic_key("seats:999999")
    pc.generations([topic, pc.GENERATION_KEY])
    pc.bump(topic)
    pc.bump()
    name, whole = (cache.make_and_validate_key(k) for k in (topic, pc.GENERATION_KEY))
    assert 0 < client.ttl(name) <= pc.TOPIC_TTL
    assert client.ttl(whole) == -1  # no expiry
    before = pc.generations([topic])[0]
    client.delete(name)  # forgotten: a fresh generation, never the old pages
    assert pc.generations([topic])[0] != before
