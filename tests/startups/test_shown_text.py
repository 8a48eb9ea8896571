"""``{% shown_text %}``: a startup's or an expo's text in an element, escaped, marked
``lang="vi"`` when an English page falls back to the Vietnamese text, line breaks kept
where asked."""

from django.template import Context, Template

from core.text import ShownText


def render(source: str, **context) -> str:
    return Template("{% load shown_text %}" + source).render(Context(context))


def test_the_text_is_escaped_and_the_element_carries_its_attributes():
    html = render(
        '{% shown_text text tag="h1" css="expo-h1" testid="booth-name" %}',
        text=ShownText("<script>alert(1)</script> Cà phê"),
    )
    assert html == (
        '<h1 class="expo-h1" data-testid="booth-name">'
        "&lt;script&gt;alert(1)&lt;/script&gt; Cà phê</h1>"
    )


def test_a_vietnamese_fallback_is_marked_and_line_breaks_kept_where_asked():
    text = ShownText("Dòng một\nDòng <b>hai</b>", lang="vi")
    assert render("{% shown_text text %}", text=text) == (
        '<span lang="vi">Dòng một\nDòng &lt;b&gt;hai&lt;/b&gt;</span>'
    )
    assert render('{% shown_text text tag="div" linebreaks=True %}', text=text) == (
        '<div lang="vi">Dòng một<br>Dòng &lt;b&gt;hai&lt;/b&gt;</div>'
    )
