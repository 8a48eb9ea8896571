"""Products, categories and sellers in English: the English name and description on English
pages when given, else the Vietnamese text marked lang="vi"; the dashboard's product and
category forms and the import file take them; the search finds English words."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

from catalog.importing import COLUMNS
from catalog.services.imports import products_import
from search import api
from search.backends import elastic_queries
from search.backends.elastic_mapping import document_source
from search.documents import product_documents, seller_documents
from search.services import index_rebuild
from tests.catalog.factories import SellerFactory, product_create, seller_user_create

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db

VI_TITLE = "Mật ong rừng U Minh 500ml"
EN_TITLE = "U Minh wild honey 500ml"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def honey(seller):
    product = product_create(
        seller=seller, title=VI_TITLE, group="1.4", description="Mật ong hoa tràm, lấy từ rừng."
    )
    product.title_en = EN_TITLE
    product.description_en = "Melaleuca honey, gathered in the forest."
    product.save()
    return product


@pytest.fixture
def plain(seller):
    return product_create(
        seller=seller, title="Trà shan tuyết cổ thụ", group="1.8", description="Trà búp rừng."
    )


# --- pages ----------------------------------------------------------------------------------


def test_english_product_page_shows_the_english_name_and_description(client, site_tree, honey):
    page = soup(client.get("/en" + honey.get_absolute_url()))
    title = page.select_one("h1.product-page__title")
    assert title.get_text() == EN_TITLE and not title.has_attr("lang")
    assert page.select_one(".breadcrumb-item.active").get_text() == EN_TITLE
    description = page.select_one('[data-testid="product-description"]')
    assert "Melaleuca honey" in description.get_text()
    assert "hoa tràm" not in description.get_text()
    assert description.select_one('[lang="vi"]') is None


def test_english_page_without_english_shows_the_vietnamese_marked_lang_vi(client, site_tree, plain):
    page = soup(client.get("/en" + plain.get_absolute_url()))
    title = page.select_one("h1.product-page__title")
    assert (title.get_text(), title["lang"]) == ("Trà shan tuyết cổ thụ", "vi")
    assert page.select_one(".breadcrumb-item.active")["lang"] == "vi"
    description = page.select_one('[data-testid="product-description"] [lang="vi"]')
    assert "Trà búp rừng" in description.get_text()


def test_vietnamese_page_always_shows_the_vietnamese(client, site_tree, honey):
    page = soup(client.get(honey.get_absolute_url()))
    title = page.select_one("h1.product-page__title")
    assert title.get_text() == VI_TITLE and not title.has_attr("lang")
    assert EN_TITLE not in page.get_text()
    assert "hoa tràm" in page.select_one('[data-testid="product-description"]').get_text()


def test_cards_are_cached_per_language(client, site_tree, seller, honey, plain):
    """The seller page's product cards come from the card cache: each language its own."""
    index_rebuild()

    url = seller.get_absolute_url()

    def card_titles(prefix):
        page = soup(client.get(prefix + url))
        return {a.get_text(): a.get("lang") for a in page.select(".product-card__title a")}

    assert card_titles("") == {VI_TITLE: None, "Trà shan tuyết cổ thụ": None}
    assert card_titles("/en") == {EN_TITLE: None, "Trà shan tuyết cổ thụ": "vi"}
    assert card_titles("") == {VI_TITLE: None, "Trà shan tuyết cổ thụ": None}


def test_category_page_in_english(client, site_tree, honey):
    index_rebuild()
    honey_group = Category.objects.get(ocop_code="1.4")
    honey_group.description = "Mật ong và sản phẩm từ ong."
    honey_group.description_en = "Honey and bee products."
    honey_group.save()
    url = honey_group.get_absolute_url()
    page = soup(client.get("/en" + url))
    assert page.select_one("h1").get_text().strip() == honey_group.name_en
    assert page.select_one('[data-testid="category-description"]').get_text().strip() == (
        "Honey and bee products."
    )
    assert EN_TITLE in page.select_one('[data-testid="product-grid"]').get_text()

    honey_group.name_en = honey_group.description_en = ""
    honey_group.save()
    page = soup(client.get("/en" + url))
    assert page.select_one("h1 span")["lang"] == "vi"
    assert page.select_one("h1").get_text().strip() == honey_group.name
    assert page.select_one('[data-testid="category-description"]')["lang"] == "vi"


def test_seller_page_in_english(client, site_tree, seller):
    seller.name_en = "Ea Tu Coffee Cooperative"
    seller.description_en = "Young farmers roasting their own beans."
    seller.save()
    page = soup(client.get("/en" + seller.get_absolute_url()))
    assert page.select_one("h1").get_text().strip() == "Ea Tu Coffee Cooperative"
    story = page.select_one('[data-testid="seller-story"]')
    assert "Young farmers" in story.get_text() and not story.has_attr("lang")

    other = SellerFactory(name="HTX Chè Tân Cương", description="Chè búp Thái Nguyên.")
    with translation.override("vi"):
        url = other.get_absolute_url()
    page = soup(client.get("/en" + url))
    assert page.select_one("h1 span")["lang"] == "vi"
    assert page.select_one('[data-testid="seller-story"]')["lang"] == "vi"
    page = soup(client.get(url))
    assert not page.select_one('[data-testid="seller-story"]').has_attr("lang")


# --- dashboard --------------------------------------------------------------------------------


def _form_values(form) -> dict:
    """What a browser would send for ``form`` as it is shown."""
    values = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "")
        if field.name == "textarea":
            values[name] = field.get_text()
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            values[name] = chosen["value"] if chosen else ""
        elif kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                values[name] = field.get("value", "on")
        elif kind not in ("submit", "file"):
            values[name] = field.get("value", "")
    return values


def test_seller_saves_the_english_texts_in_the_product_form(client, site_tree, seller, plain):
    user = seller_user_create(partner=seller, username="ban-tra")
    client.force_login(user)
    url = reverse("dashboard:catalogue-product", kwargs={"pk": plain.pk})
    page = soup(client.get(url))
    group = page.select_one('[data-testid="english-fields"]')
    assert group.select_one('[name="title_en"]') and group.select_one('[name="description_en"]')
    form = page.select_one('form[id="product_form"]') or group.find_parent("form")
    data = _form_values(form)
    data.update(title_en="Ancient Shan Tuyet tea", description_en="Wild tea buds.")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    plain.refresh_from_db()
    # The product is approved: the English texts wait for review like the Vietnamese ones.
    assert plain.pending_changes["title_en"] == "Ancient Shan Tuyet tea"
    assert plain.pending_changes["description_en"] == "Wild tea buds."


def test_product_form_saves_english_texts_of_a_draft(site_tree, plain):
    from tests.shop.dashboard.test_catalogue_views import form_data

    ProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
    form = ProductForm(
        plain.product_class,
        data=form_data(plain, title_en="Ancient tea", description_en="Wild buds."),
        instance=plain,
    )
    assert form.is_valid(), form.errors
    assert [f.name for f in form.english_form_fields()] == ["title_en", "description_en"]
    assert "title_en" not in [f.name for f in form.primary_form_fields()]
    form.save()
    plain.refresh_from_db()
    assert (plain.title_en, plain.description_en) == ("Ancient tea", "Wild buds.")


def test_category_form_takes_the_english_name_and_description(site_tree):
    CategoryForm = get_class("dashboard.catalogue.forms", "CategoryForm")
    group = Category.objects.get(ocop_code="1.4")
    parent = group.get_parent()
    form = CategoryForm(
        instance=group,
        data={
            "name": group.name,
            "name_en": "Honey",
            "slug": group.slug,
            "description": "",
            "description_en": "Honey and bee products.",
            "is_public": "on",
            "treebeard_position": "first-child",
            "treebeard_ref_node": parent.pk,  # stays where it is, under its group
        },
    )
    assert {"name_en", "description_en"} <= set(form.fields)
    assert form.is_valid(), form.errors
    form.save()
    group.refresh_from_db()
    assert (group.name_en, group.description_en) == ("Honey", "Honey and bee products.")
    assert group.get_parent() == parent


# --- import ---------------------------------------------------------------------------------


def _csv(header, rows) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


BASE_HEADER = ["Mã SKU", "Tên sản phẩm", "Nhóm OCOP", "Tỉnh/thành phố xuất xứ", "Giá (VND)"]
BASE_ROW = ["MO-01", VI_TITLE, "1.4", "Cà Mau", "120.000"]


@pytest.mark.parametrize(
    "english_headers",
    [
        ("Tên tiếng Anh", "Mô tả tiếng Anh"),
        ("title_en", "description_en"),
        ("TEN TIENG ANH", "Mo ta tieng anh"),
    ],
)
def test_import_takes_the_english_columns(seller, english_headers):
    data = _csv(
        [*BASE_HEADER, "Tồn kho", *english_headers],
        [[*BASE_ROW, "5", EN_TITLE, "Melaleuca honey."]],
    )
    report = products_import(partner=seller, file=data)
    assert report.ok, report.errors
    product = Product.objects.get(stockrecords__partner=seller, stockrecords__partner_sku="MO-01")
    assert (product.title_en, product.description_en) == (EN_TITLE, "Melaleuca honey.")


def test_import_template_has_the_english_columns():
    headers = [column.header for column in COLUMNS]
    assert {"Tên tiếng Anh", "Mô tả tiếng Anh"} <= set(headers)
    assert not next(c for c in COLUMNS if c.key == "title_en").required


def test_import_refuses_a_too_long_english_name_and_writes_nothing(seller):
    data = _csv([*BASE_HEADER, "Tồn kho", "Tên tiếng Anh"], [[*BASE_ROW, "5", "x" * 256]])
    with translation.override("en"):
        report = products_import(partner=seller, file=data)
    assert not report.ok
    (error,) = report.errors
    assert (error.row, error.column) == (2, "Tên tiếng Anh")
    assert "At most 255 characters" in error.message
    assert not Product.objects.filter(stockrecords__partner=seller).exists()


def test_an_import_without_the_english_columns_leaves_them_alone(seller):
    products_import(
        partner=seller,
        file=_csv([*BASE_HEADER, "Tồn kho", "Tên tiếng Anh"], [[*BASE_ROW, "5", EN_TITLE]]),
        approve=True,
    )
    report = products_import(
        partner=seller, file=_csv([*BASE_HEADER, "Tồn kho"], [[*BASE_ROW, "7"]]), approve=True
    )
    assert report.ok and report.updated == 1
    assert Product.objects.get(stockrecords__partner=seller).title_en == EN_TITLE


# --- search ---------------------------------------------------------------------------------


def ids(text):
    return api.search(api.Query(text=text, per_page=100)).ids


def test_database_search_finds_english_words(seller, honey, plain):
    index_rebuild()
    assert ids("honey") == [honey.pk]
    assert ids("melaleuca") == [honey.pk]
    assert ids("mat ong") == [honey.pk]  # the Vietnamese still finds it
    assert ids("ancient") == []  # no English name given for the tea
    assert ids("tea") == [plain.pk]  # but its OCOP group is "Tea" in English


def test_database_search_finds_a_seller_by_its_english_name(site_tree, seller, honey):
    seller.name_en = "Ea Tu Coffee Cooperative"
    seller.save()
    index_rebuild()
    found = api.search(api.Query(text="cooperative", kind=api.SELLER, per_page=10)).ids
    assert found == [seller.pk]


def test_elasticsearch_documents_hold_the_english_texts(seller, honey):
    seller.name_en = "Ea Tu Coffee Cooperative"
    seller.save()
    (doc,) = product_documents([honey.pk])
    source = document_source(doc)
    assert source["title"] == VI_TITLE  # the title stays the Vietnamese name
    assert "wild honey" in source["body"] and "melaleuca honey" in source["body"]
    (seller_doc,) = seller_documents([seller.pk])
    assert "coffee cooperative" in document_source(seller_doc)["body"]


def test_elasticsearch_query_for_an_english_word_reads_the_body():
    request = elastic_queries.search_request(
        api.Query(text="honey"), using="english-texts-tests", prefix="ocop"
    ).to_dict()
    (clause,) = request["query"]["bool"]["must"]
    assert clause["multi_match"]["query"] == "honey"
    assert "body" in clause["multi_match"]["fields"]
