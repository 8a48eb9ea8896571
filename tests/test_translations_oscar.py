"""Vietnamese for Oscar's, Django's and phonenumber_field's strings ("Vietnamese that
reads as Vietnamese"): the msgids listed in locale/third_party.pot, translated in
locale/vi/LC_MESSAGES/django.po (bin/messages merges them in and compiles it)."""

import re
from collections import Counter
from pathlib import Path

import django
import oscar
import phonenumber_field
import pytest
from babel.messages.pofile import read_po
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

ROOT = Path(__file__).resolve().parent.parent


def _read(path):
    with open(path, "rb") as f:
        return read_po(f)


def _key(message):
    """'context\x04msgid' for pgettext, (singular, plural) for ngettext, else the msgid."""
    if message.pluralizable:
        return tuple(message.id)
    return f"{message.context}\x04{message.id}" if message.context else message.id


def _table():
    """{key: Vietnamese} of the third-party entries of the catalogue: one string, or the plural
    forms (Vietnamese has one) as a tuple."""
    listed = {_key(m) for m in _read(ROOT / "locale" / "third_party.pot") if m.id}
    table = {}
    for message in _read(ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"):
        if message.id and _key(message) in listed:
            string = message.string
            table[_key(message)] = tuple(string) if message.pluralizable else string
    assert table.keys() == listed, "run make messages: locale/third_party.pot is not merged"
    return table


VI = _table()

# %(name)s, %(order.number)s, %(amount).2f, %d, %s (not %%), {name}
NAMED = re.compile(r"%\(([\w.]+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
POSITIONAL = re.compile(r"%(?!\()[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACES = re.compile(r"\{(\w*)\}")


def placeholders(text):
    text = text.replace("%%", "")
    return (
        Counter(NAMED.findall(text)),
        len(POSITIONAL.findall(NAMED.sub("", text))),
        Counter(BRACES.findall(text)),
    )


def _msgid(key):
    """The English a key stands for: the plural form of a plural key, without a context."""
    if isinstance(key, tuple):
        return key[1]
    return key.split("\x04", 1)[-1]


def _translate(key):
    if isinstance(key, tuple):
        return ngettext(key[0], key[1], 2)
    if "\x04" in key:
        context, msgid = key.split("\x04", 1)
        return pgettext(context, msgid)
    return gettext(key)


@pytest.fixture
def vi():
    with translation.override("vi"):
        yield


def test_every_translation_keeps_the_placeholders_of_its_key():
    wrong = []
    for key, value in VI.items():
        forms = value if isinstance(value, tuple) else (value,)
        if not forms or not all(isinstance(form, str) and form.strip() for form in forms):
            wrong.append((key, value))
        wrong += [(key, form) for form in forms if placeholders(form) != placeholders(_msgid(key))]
        if isinstance(key, tuple):  # the singular's placeholders are among the plural's
            singular, plural = placeholders(key[0]), placeholders(key[1])
            if singular[0] - plural[0] or singular[2] - plural[2]:
                wrong.append((key, "singular"))
    assert not wrong


def test_placeholder_parser_sees_typos():
    key = "Due to technical limitations we are not able to ship more than %(threshold)d items in one order. Your basket currently has %(basket)d items."
    assert placeholders(key) != placeholders(
        "Không thể giao quá %(treshold)d sản phẩm, giỏ có %(basket)d."
    )
    assert placeholders(key) != placeholders("Không thể giao quá %(threshold)s sản phẩm.")
    assert placeholders("In stock (%d available)") != placeholders("Còn hàng")
    assert placeholders("Placed after {start_date}") != placeholders("Đặt sau {start}")
    assert placeholders("%(value)s%% discount") == placeholders("giảm %(value)s%%")


def _sources():
    """Text of the files the msgids come from: Oscar, Django's forms, validators, model fields and
    auth, phonenumber_field and our own templates (which reuse some of Oscar's strings)."""
    dj = Path(django.__file__).parent
    roots = [
        Path(oscar.__file__).parent,
        dj / "forms",
        dj / "core" / "validators.py",
        dj / "db" / "models" / "fields",
        dj / "contrib" / "auth",
        Path(phonenumber_field.__file__).parent,
        ROOT / "templates",
        ROOT / "config" / "settings" / "shop.py",  # the order statuses
    ]
    chunks = []
    for root in roots:
        files = [root] if root.is_file() else [*root.rglob("*.py"), *root.rglob("*.html")]
        chunks += [path.read_text(encoding="utf-8", errors="replace") for path in files]
    text = "\n".join(chunks)
    # Python's implicit concatenation of long strings, joined: "... to your " "basket"
    return text + re.sub(r"[\"']\s*\n\s*[\"']", "", text)


def _fragment(msgid):
    """The longest stretch of a msgid without placeholders or line breaks, as the source spells it
    ({% blocktrans %} writes {{ name }} where the msgid has %(name)s), cut short so that Python's
    implicit concatenation of long strings rarely splits it."""
    parts = re.split(r"%\([\w.]+\)\w|%\w|\{\w*\}|\n", msgid)
    return max((part.strip() for part in parts), key=len)[:28].strip()


def test_every_key_is_a_string_of_the_code():
    """A key with a typo matches no msgid and would translate nothing."""
    sources = _sources()
    missing = []
    for key in VI:
        for msgid in key if isinstance(key, tuple) else [key.split("\x04", 1)[-1]]:
            fragment = _fragment(msgid)
            if fragment not in sources and fragment.replace('"', '\\"') not in sources:
                missing.append(msgid)
    assert not missing


def test_every_entry_is_what_vietnamese_users_get(vi):
    """bin/messages compiled the table, and no other catalogue (Oscar's, Django's, a later
    table of ours) wins over it."""
    wrong = {
        key: _translate(key)
        for key in VI
        if _translate(key) != (VI[key][0] if isinstance(VI[key], tuple) else VI[key])
    }
    assert not wrong


def test_the_worst_machine_translations_now_read_naturally(vi):
    assert gettext("Enter a whole number.") == "Hãy nhập một số nguyên."
    threshold = gettext(
        "Due to technical limitations we are not able to ship more than %(threshold)d items in one order. Your basket currently has %(basket)d items."
    ) % {"threshold": 50, "basket": 60}
    assert " 50 sản phẩm " in threshold and " 60 sản phẩm" in threshold and "  " not in threshold
    assert (
        gettext("a maximum of %(max)d can be bought") % {"max": 38}
        == "chỉ có thể mua tối đa 38 sản phẩm"
    )
    assert gettext("Fulfilment") not in ("Fulfilment", "Cam kết thực hiện")
    assert gettext("Fulfilment") == "Quản lý đơn hàng"
    for english in (
        "Price inc tax",
        "Search engine optimisation",
        "Meta title",
        "Meta description",
        "Leave blank to generate from product title",
        "Please save the product before trying to add variants.",
        "Drag images to re-order them. Space for additional images will appear when images are added.",
    ):
        assert gettext(english) != english
    assert gettext("Price inc tax") == "Giá đã gồm thuế"
    assert pgettext("Change the sequence order", "Re-order") == "Đổi thứ tự"
    assert gettext("In stock (%d available)") % 3 == "Còn hàng (còn 3 sản phẩm)"
    assert gettext("Unavailable") == "Hết hàng"


def test_validation_messages_are_vietnamese(vi):
    assert gettext(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."
    ) % {"extension": "exe", "allowed_extensions": "jpg, png"} == (
        "Không chấp nhận tệp đuôi “exe”. Các đuôi tệp được chấp nhận: jpg, png."
    )
    assert (
        gettext("The phone number entered is not valid.") == "Số điện thoại bạn nhập không hợp lệ."
    )
    for count in (1, 8):
        message = (
            ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                count,
            )
            % count
        )
        assert message == f"Mật khẩu quá ngắn. Mật khẩu cần có ít nhất {count} ký tự."
    assert gettext("This password is entirely numeric.") == "Mật khẩu không được chỉ gồm chữ số."


def test_the_password_validators_speak_vietnamese(vi):
    from django.contrib.auth.password_validation import (
        MinimumLengthValidator,
        NumericPasswordValidator,
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as short:
        MinimumLengthValidator(min_length=8).validate("abc")
    assert short.value.messages == ["Mật khẩu quá ngắn. Mật khẩu cần có ít nhất 8 ký tự."]
    with pytest.raises(ValidationError) as numeric:
        NumericPasswordValidator().validate("12345678")
    assert numeric.value.messages == ["Mật khẩu không được chỉ gồm chữ số."]


def test_django_form_fields_speak_vietnamese(vi):
    from django import forms

    class Form(forms.Form):
        quantity = forms.IntegerField()
        price = forms.DecimalField(max_digits=5, decimal_places=0)

    form = Form(data={"quantity": "hai", "price": "1234567"})
    assert not form.is_valid()
    assert form.errors["quantity"] == ["Hãy nhập một số nguyên."]
    assert form.errors["price"] == ["Số này chỉ được có tối đa 5 chữ số."]
    assert Form(data={}).errors["quantity"] == ["Trường này là bắt buộc."]


def test_order_statuses_translate(vi):
    from django.conf import settings

    for status in settings.OSCAR_ORDER_STATUS_PIPELINE:
        assert gettext(status) != status
    assert gettext("Pending") == "Chờ xác nhận"
    assert gettext("Being processed") == "Đang xử lý"
    assert gettext("Complete") == "Hoàn tất"
