from search.forms import SearchForm, clean_text


def search_form(request):
    """Make the header search box available on every page, keeping the current query
    (cleaned as the results page cleans it)."""
    return {
        "search_form": SearchForm(request.GET or None),
        "search_query": clean_text(request.GET.get("q", "")),
    }
