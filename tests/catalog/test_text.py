import unicodedata

import pytest

from catalog.text import fold_vietnamese, vn_slugify


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Cà phê Đắk Lắk", "ca phe dak lak"),
        ("Đặc sản", "dac san"),
        ("Thanh Hoá", "thanh hoa"),
        ("Thanh Hóa", "thanh hoa"),
        (unicodedata.normalize("NFD", "Nước mắm"), "nuoc mam"),
    ],
)
def test_fold_vietnamese(text, folded):
    assert fold_vietnamese(text) == folded


def test_slugs_are_readable_ascii():
    assert vn_slugify("Nước mắm Phú Quốc") == "nuoc-mam-phu-quoc"
    assert vn_slugify("Đồ uống") == "do-uong"
