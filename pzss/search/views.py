from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from pzss.lib.public_cache import public_cache
from pzss.search import selectors


@require_GET
@public_cache
def search(request):
    results = selectors.search(
        q=request.GET.get("q", ""),
        kind=request.GET.get("kind", ""),
        page=request.GET.get("page"),
        language=get_language(),
    )
    return render(
        request,
        "search/results.html",
        {
            "results": results,
            "page_obj": results.page,
            "max_length": selectors.MAX_QUERY_LENGTH,
            # A results page is its query's: the canonical address keeps it (the page also
            # asks not to be indexed, as search engines advise for internal search).
            "canonical_parameters": ("q", "kind", "page"),
        },
    )
