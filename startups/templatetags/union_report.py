"""How the union report's figures read on the page: grouped in the page's language, VND for
money, a sign on a change (``startups.union_reports.display``)."""

from django import template

from startups.union_reports import display

register = template.Library()


@register.filter
def report_cell(value, money=False):
    return display(value, money=bool(money))


@register.filter
def report_change(value, money=False):
    text = display(value, money=bool(money))
    return f"+{text}" if value and value > 0 else text
