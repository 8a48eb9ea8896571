"""Vietnamese alphabetical order (core.text.vietnamese_sort_key): the province selects of
checkout and of the seller application, the union units, the province facet."""

import re

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from core.text import vietnamese_sort_key, vietnamese_sort_string
from search import api
from search.facets import Vocabulary
from startups.services.union import union_units_load

Province = get_model("catalogue", "Province")


def test_sort_key_follows_the_vietnamese_alphabet_then_the_tones():
    names = [
        "Đà Nẵng",
        "Cao Bằng",
        "Cà Mau",
        "Duy Xuyên",
        "Hải Phòng",
        "Hà Nội",
        "An Giang",
        "Ân Thi",
        "Ăn Sáng",
        "Cần Thơ",
        "Ơn",
        "Ô Môn",
        "Uông Bí",
        "Ứng Hòa",
    ]
    assert sorted(names, key=vietnamese_sort_key) == [
        "An Giang",
        "Ăn Sáng",
        "Ân Thi",
        "Cà Mau",
        "Cao Bằng",
        "Cần Thơ",
        "Duy Xuyên",
        "Đà Nẵng",
        "Hà Nội",
        "Hải Phòng",
        "Ô Môn",
        "Ơn",
        "Uông Bí",
        "Ứng Hòa",
    ]
    # tones: ngang, huyền, hỏi, ngã, sắc, nặng (CLDR's order), lower case first
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma", "Ma"], key=vietnamese_sort_key) == [
        "ma",
        "Ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]
    # decomposed input (macOS) sorts like composed text
    assert vietnamese_sort_key("Ca\u0300 Mau") == vietnamese_sort_key("Cà Mau")


def test_sort_string_orders_like_the_key():
    names = ["Đà Nẵng", "Cao Bằng", "Cà Mau", "Cần Thơ", "Ca", "Cà", "Hà Nội", "Hải Phòng"]
    assert sorted(names, key=vietnamese_sort_string) == sorted(names, key=vietnamese_sort_key)
    assert all(vietnamese_sort_string(n).isdigit() for n in names)


def option_texts(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return [t.strip() for t in re.findall(r"<option[^>]*>([^<]*)</option>", select) if t.strip()]


@pytest.mark.django_db
def test_provinces_in_vietnamese_order_everywhere(reference_data):
    names = list(Province.objects.values_list("name", flat=True))
    assert names == sorted(names, key=vietnamese_sort_key)
    assert names.index("Cà Mau") < names.index("Cao Bằng") < names.index("Cần Thơ")
    assert names.index("Đồng Tháp") < names.index("Gia Lai")  # Đ after D, before G
    assert names[-1] == "Vĩnh Long"


@pytest.mark.django_db
def test_checkout_province_select_in_vietnamese_order(client, site_tree, product):
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "mai@example.com", "options": "anonymous"})
    html = client.get(reverse("checkout:shipping-address")).content.decode()
    provinces = option_texts(html, "state")[1:]  # after "Chọn tỉnh, thành phố"
    assert len(provinces) == 34
    assert provinces[:4] == ["An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng"]
    assert provinces.index("Điện Biên") < provinces.index("Gia Lai")
    assert provinces == sorted(provinces, key=vietnamese_sort_key)


@pytest.mark.django_db
def test_seller_application_selects_in_vietnamese_order(client, site_tree, django_user_model):
    union_units_load()
    user = django_user_model.objects.create_user("an", "an@example.com", "mat-khau-2026-x")
    client.force_login(user)
    html = client.get(reverse("startups:apply")).content.decode()
    provinces = option_texts(html, "province")[1:]
    assert provinces[:4] == ["An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng"]
    units = [u.removeprefix("— ") for u in option_texts(html, "union_unit")[1:]]
    assert units[0] == "Trung ương Đoàn TNCS Hồ Chí Minh"
    # province unions by their province's name, whatever their prefix
    assert units[1:5] == [
        "Tỉnh đoàn An Giang",
        "Tỉnh đoàn Bắc Ninh",
        "Tỉnh đoàn Cà Mau",
        "Tỉnh đoàn Cao Bằng",
    ]
    assert units.index("Thành đoàn Đà Nẵng") > units.index("Tỉnh đoàn Cao Bằng")
    assert units.index("Thành đoàn Đà Nẵng") < units.index("Tỉnh đoàn Gia Lai")


@pytest.mark.django_db
def test_province_facet_in_vietnamese_order(reference_data):
    codes = dict(Province.objects.values_list("name", "code"))
    vocabulary = Vocabulary()
    values = [
        api.FacetValue(codes[n], c, False)
        for n, c in [("Đà Nẵng", 9), ("Cao Bằng", 1), ("Cà Mau", 2), ("Gia Lai", 5)]
    ]
    values.sort(key=lambda v: vocabulary.sort_key(api.PROVINCE, v))
    assert [vocabulary.label(api.PROVINCE, v.value) for v in values] == [
        "Cà Mau",
        "Cao Bằng",
        "Đà Nẵng",
        "Gia Lai",
    ]
