"""The per-seller parts block for pages whose views are Oscar's (the checkout thank-you page,
the signed-in buyer's order history) and the data for the order e-mails."""

from django import template

from shop.order.selectors import order_buyer_parts, order_card_payment_path, order_page_path

register = template.Library()


@register.inclusion_tag("orders/includes/parts.html", takes_context=True)
def order_parts_block(context, order, show_actions=False):
    parts = order_buyer_parts(order)
    return {
        "order": order,
        "parts": parts,
        "show_actions": show_actions,
        "card_pay_url": order_card_payment_path(order, parts),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.simple_tag
def order_buyer_parts_for(order):
    """``{% order_buyer_parts_for order as parts %}`` in e-mails."""
    return order_buyer_parts(order)


@register.simple_tag
def order_page_url(order):
    """The order page's path (prefix with the site's address in e-mails)."""
    return order_page_path(order)
