from search.forms import SearchForm


def search_form(request):
    """Make the header search box available on every page, keeping the current query."""
    return {"search_form": SearchForm(request.GET or None)}
