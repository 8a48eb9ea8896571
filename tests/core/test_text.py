import unicodedata

import pytest

from core.text import fold_vietnamese, joined_syllables, search_fold, vn_slugify


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


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Lý Sơn", "Lí Sơn"),
        ("Mỹ Tho", "Mĩ Tho"),
        ("kỹ thuật", "kĩ thuật"),
        ("quý", "quí"),
        ("tỷ lệ", "tỉ lệ"),
        ("bác sỹ", "bác sĩ"),
        ("hy sinh", "hi sinh"),
        ("Kỳ Sơn", "Kì Sơn"),
    ],
)
def test_i_and_y_spellings_of_a_syllable_have_one_search_key(one, other):
    assert search_fold(one) == search_fold(other)
    assert search_fold(search_fold(one)) == search_fold(one)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("tây", "tay"),
        ("thủy", "thuy"),
        ("Duy", "duy"),
        ("ngày", "ngay"),
        ("khuya", "khuya"),
        ("quyền", "quyen"),
        ("yến sào", "yen sao"),
        ("y tế", "y te"),
        ("Nguyễn", "nguyen"),
    ],
)
def test_y_of_a_diphthong_or_on_its_own_stays(text, key):
    assert search_fold(text) == key


def test_the_fold_itself_keeps_y_for_slugs_and_names():
    assert fold_vietnamese("Mỹ Tho") == "my tho"
    assert vn_slugify("Tỏi Lý Sơn") == "toi-ly-son"


def test_joined_syllables():
    assert joined_syllables(["ca", "phe", "sua"]) == ["caphe", "phesua", "caphesua"]
    assert joined_syllables(["ca"]) == []
