"""Tags of the page head (templates/oscar/base.html) and of the JSON-LD includes
(templates/includes/jsonld/).

The head reads what a page's blocks rendered: ``{% seo_capture "title" %}{% block title %}…
{% endblock %}{% endseo_capture %}`` writes the block (as clean text) and remembers it, so
Open Graph repeats the same title and description without a second block. The JSON-LD block
is rendered first (captured silently) so that its tags can name the page's share image
(``og:image``: the product's, startup's or expo's picture, else the site's default image).
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from oscar.core.loading import get_class

from cms import seo
from core.seo import (
    breadcrumb_list,
    canonical_url,
    default_share_image,
    jsonld_script,
    language_alternates,
    plain_text,
)

register = template.Library()
STATE = "seo_state"
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def _state(context) -> dict:
    """What the head's tags share while one page renders: a dict kept in the page's own
    context (mutated, so what a tag inside a block notes outlives the block's scope)."""
    state = context.get(STATE)
    if state is None:
        state = {}
        context.dicts[0][STATE] = state  # the context's own base layer, this render only
    return state


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, nodelist, silent: bool, default=None):
        self.name, self.nodelist, self.silent, self.default = name, nodelist, silent, default

    def render(self, context):
        state = _state(context)
        rendered = self.nodelist.render(context)
        if self.silent:
            state[self.name] = rendered
            return ""
        text = plain_text(rendered, 0)
        if not text and self.default is not None:
            text = plain_text(self.default.resolve(context), 0)
        state[self.name] = text
        return escape(text)


@register.tag
def seo_capture(parser, token):
    """``{% seo_capture "name" [silent | default=variable] %}…{% endseo_capture %}``: the
    content as one line of clean text (``variable``'s when the content is empty), or, silent,
    kept as rendered and not written."""
    bits = token.split_contents()
    usage = 'usage: {% seo_capture "name" [silent | default=variable] %}'
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError(usage)
    silent, default = False, None
    if len(bits) == 3:
        if bits[2] == "silent":
            silent = True
        elif bits[2].startswith("default="):
            default = parser.compile_filter(bits[2][len("default=") :])
        else:
            raise template.TemplateSyntaxError(usage)
    nodelist = parser.parse(("endseo_capture",))
    parser.delete_first_token()
    return CaptureNode(bits[1].strip("\"'"), nodelist, silent=silent, default=default)


def _share_image(context, url) -> None:
    if url:
        _state(context).setdefault("image", str(url))


def _is_home(context) -> bool:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "home":
        return True
    page = context.get("page")
    return getattr(page, "depth", None) == 2 and hasattr(page, "url_path")


def _private(request) -> bool:
    path = request.path.lstrip("/")
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"{code}/"):
            path = path[len(code) + 1 :]
            break
    return path.startswith(seo.PRIVATE_PATHS)


@register.simple_tag(takes_context=True)
def seo_head(context):
    """Canonical address, hreflang alternates, Open Graph and Twitter card, robots, and the
    page's JSON-LD (the site's Organization on the home page)."""
    request = context.get("request")
    state = _state(context)
    if request is None:
        return ""
    private = _private(request)
    noindex = private or bool(context.get("preview"))
    untranslated = context.get("untranslated")
    title = state.get("title", "")
    suffix = f" | {seo.site_name()}"
    og_title = title[: -len(suffix)] if title.endswith(suffix) and title != suffix else title
    language = (context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE)[:2]
    scripts = "" if noindex else state.get("jsonld", "")
    if not noindex and _is_home(context):
        scripts += jsonld_script(seo.site_organization())
    return render_to_string(
        "includes/seo_head.html",
        {
            "noindex": noindex,
            "public": not private,
            # an untranslated copy (cms/translation.py) leaves search engines to its source
            "canonical": seo.absolute(untranslated.url) if untranslated else canonical_url(request),
            "alternates": []
            if noindex
            else language_alternates(
                [
                    link
                    for link in context.get("language_links") or ()
                    if link.get("alternate", True)
                ]
            ),
            "title": og_title,
            "description": state.get("description", ""),
            "image": seo.absolute(state.get("image") or "") or default_share_image(),
            "og_type": state.get("og_type", "website"),
            "og_locale": OG_LOCALES.get(language, language),
            "og_locale_alternates": [v for k, v in OG_LOCALES.items() if k != language],
            "site_name": seo.site_name(),
            "product_price": state.get("price"),
            "jsonld": mark_safe(scripts),
        },
    )


# --- JSON-LD of the pages ---------------------------------------------------------------


@register.filter
def jsonld(data):
    """``{{ data|jsonld }}``: a dict as a JSON-LD script, written safely."""
    return jsonld_script(data)


@register.simple_tag(takes_context=True)
def jsonld_breadcrumbs(context, *pairs):
    """``{% jsonld_breadcrumbs name1 url1 name2 url2 … %}``: the crumbs the page shows."""
    crumbs = list(zip(pairs[::2], pairs[1::2], strict=False))
    return jsonld_script(breadcrumb_list(crumbs))


@register.simple_tag(takes_context=True)
def jsonld_product(context, product, category=None):
    request = context["request"]
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        strategy = get_class("partner.strategy", "Selector")().strategy(request=request)
    info = strategy.fetch_for_product(product)
    data = seo.product(product, info, url=product.get_absolute_url(), category=category)
    if data.get("image"):
        _share_image(context, data["image"][0])
    state = _state(context)
    state["og_type"] = "product"
    if "offers" in data:
        state["price"] = {
            "amount": data["offers"]["price"],
            "currency": data["offers"]["priceCurrency"],
        }
    return jsonld_script(data)


@register.simple_tag(takes_context=True)
def jsonld_startup(context, startup, texts, links=()):
    data = seo.startup(startup, texts, links=links or ())
    _share_image(context, data.get("logo"))
    return jsonld_script(data)


@register.simple_tag(takes_context=True)
def jsonld_seller(context, seller, startup=None):
    """A seller's page: its Organization; its public startup's logo is the share image."""
    logo = startup.logo.url if startup is not None and startup.logo else ""
    _share_image(context, logo)
    return jsonld_script(seo.seller(seller, logo=logo))


@register.simple_tag(takes_context=True)
def jsonld_pitch(context, pitch, content, startup_name):
    data = seo.pitch(pitch, content or {}, startup_name=str(startup_name))
    _share_image(context, data.get("image"))
    _state(context)["og_type"] = "article"
    return jsonld_script(data)


@register.simple_tag(takes_context=True)
def jsonld_expo(context, expo, sessions=()):
    image = expo.banner.url if expo.banner else ""
    _share_image(context, image)
    data = seo.expo_event(expo, sessions=sessions or (), image=image or default_share_image())
    return jsonld_script(data)


@register.simple_tag(takes_context=True)
def jsonld_session(context, expo, session_page):
    image = expo.banner.url if expo.banner else ""
    _share_image(context, image)
    row = session_page.row
    data = {
        "@context": "https://schema.org",
        **seo.session_event(
            row.session, expo=expo, title=str(row.title), description=str(session_page.description)
        ),
        "image": [seo.absolute(image) if image else default_share_image()],
        "superEvent": {
            "@type": "Event",
            "name": str(context.get("expo_title", "")) or expo.title,
            "url": seo.expo_url(expo),
        },
    }
    return jsonld_script(data)


@register.simple_tag(takes_context=True)
def jsonld_news_article(context, page, image_url=""):
    """``{% jsonld_news_article page pic.url %}``: a news page's NewsArticle (``cms.seo.
    news_article``); its picture is the page's share image too."""
    _share_image(context, image_url)
    _state(context)["og_type"] = "article"
    return jsonld_script(seo.news_article(page, image_url=str(image_url or "")))
