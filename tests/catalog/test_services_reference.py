import pytest
from oscar.core.loading import get_model

from catalog.services.reference import ocop_groups_load, provinces_load

Province = get_model("catalogue", "Province")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


def test_the_34_provinces_and_cities_with_official_codes():
    provinces_load()
    assert Province.objects.count() == 34
    assert Province.objects.filter(kind="city").count() == 6
    hue = Province.objects.get(code="46")
    assert (hue.name, hue.full_name) == ("Huế", "Thành phố Huế")
    assert Province.objects.get(code="66").full_name == "Tỉnh Đắk Lắk"
    assert Province.objects.get(code="66").slug == "dak-lak"


def test_six_ocop_groups_with_sub_groups_and_loading_twice_changes_nothing():
    assert ocop_groups_load() > 0
    roots = list(Category.get_root_nodes().order_by("ocop_code"))
    assert [c.ocop_code for c in roots] == ["1", "2", "3", "4", "5", "6"]
    assert roots[0].name == "Thực phẩm" and roots[0].name_en == "Food"
    assert Category.objects.get(ocop_code="1.6").get_parent().ocop_code == "1"
    count = Category.objects.count()
    assert ocop_groups_load() == 0
    assert provinces_load() >= 0 and Category.objects.count() == count
