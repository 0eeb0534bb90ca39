"""Classified threads (分类信息): typed fields on a rentals board, and filtering by them."""

import pytest
from django.core.exceptions import ValidationError

from lanting.forum import services
from lanting.forum.models import Board, Thread, ThreadField, ThreadType

pytestmark = pytest.mark.django_db


@pytest.fixture
def rentals(section) -> Board:
    board = Board.objects.create(section=section, name="租房信息", slug="rent")
    ThreadField.objects.create(
        board=board, name="rent", label="月租", kind="number", unit="元/月", required=True
    )
    ThreadField.objects.create(
        board=board, name="area", label="区域", kind="choice", choices="Zone 1\nZone 2\nZone 3"
    )
    ThreadField.objects.create(board=board, name="move_in", label="入住日期", kind="date")
    ThreadField.objects.create(
        board=board, name="contact", label="联系方式", kind="text", filterable=False
    )
    return board


@pytest.fixture
def offer(rentals) -> ThreadType:
    return ThreadType.objects.create(board=rentals, name="出租", order=1)


@pytest.fixture
def wanted(rentals) -> ThreadType:
    return ThreadType.objects.create(board=rentals, name="求租", order=2)


def form(**values):
    data = {
        "title": "整租一室一厅",
        "body": "采光好，近地铁。",
        "markup": "bbcode",
        "field_rent": "3500",
        "field_area": "Zone 2",
        "field_move_in": "2026-01-15",
        "field_contact": "微信 zufang88",
    }
    data.update(values)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def listings(rentals, offer, wanted, author):
    """Four threads: (title, type, rent, area)."""
    rows = [
        ("便宜单间", offer, 1800, "Zone 1"),
        ("二区两居", offer, 3500, "Zone 2"),
        ("二区求合租", wanted, 2500, "Zone 2"),
        ("三区大平层", offer, 8000, "Zone 3"),
    ]
    for title, kind, rent, area in rows:
        services.create_thread(
            board=rentals,
            author=author,
            title=title,
            body="详情私聊",
            thread_type=kind,
            fields={"rent": rent, "area": area},
        )
    return [row[0] for row in rows]


def shown(client, query: str) -> list[str]:
    response = client.get(f"/forum/rent/{query}")
    assert response.status_code == 200, query
    page = response.content.decode()
    return [
        title
        for title in ("便宜单间", "二区两居", "二区求合租", "三区大平层")
        if f">{title}</a>" in page
    ]


# Posting


def test_classified_values_are_stored_typed_and_shown(client, rentals, offer, member):
    client.force_login(member)
    page = client.get("/forum/rent/new/").content.decode()
    assert "月租 (元/月)" in page and "Zone 3" in page and "出租" in page

    response = client.post("/forum/rent/new/", form(thread_type=str(offer.pk)))

    assert response.status_code == 302
    thread = Thread.objects.get()
    assert thread.thread_type == offer
    assert thread.fields == {
        "rent": 3500,
        "area": "Zone 2",
        "move_in": "2026-01-15",
        "contact": "微信 zufang88",
    }
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "<dt>月租</dt><dd>3500 元/月</dd>" in page
    assert "<dt>区域</dt><dd>Zone 2</dd>" in page
    assert "<dt>入住日期</dt><dd>2026-01-15</dd>" in page
    assert "<dt>联系方式</dt><dd>微信 zufang88</dd>" in page
    assert '<span class="tag type">出租</span>' in page
    board_page = client.get("/forum/rent/").content.decode()
    assert "月租: 3500 元/月" in board_page and "区域: Zone 2" in board_page


def test_decimal_rent_is_kept_as_a_number(client, rentals, member):
    client.force_login(member)

    client.post("/forum/rent/new/", form(field_rent="2999.50"))

    assert Thread.objects.get().fields["rent"] == 2999.5


def test_optional_fields_may_stay_empty(client, rentals, member):
    client.force_login(member)

    response = client.post(
        "/forum/rent/new/", form(field_area="", field_move_in="", field_contact="")
    )

    assert response.status_code == 302
    assert Thread.objects.get().fields == {"rent": 3500}


@pytest.mark.parametrize(
    ("values", "label"),
    [
        ({"field_rent": None}, "月租 (元/月)"),
        ({"field_rent": "   "}, "月租 (元/月)"),
        ({"field_rent": "三千五"}, "月租 (元/月)"),
        ({"field_rent": "NaN"}, "月租 (元/月)"),
        ({"field_area": "Zone 9"}, "区域"),
        ({"field_move_in": "2026-13-45"}, "入住日期"),
        ({"field_move_in": "next week"}, "入住日期"),
    ],
    ids=["missing", "blank", "not-a-number", "nan", "unknown-area", "bad-date", "words-date"],
)
def test_bad_classified_value_is_refused_at_its_field(client, rentals, member, values, label):
    client.force_login(member)

    response = client.post("/forum/rent/new/", form(**values))

    assert response.status_code == 400
    page = response.content.decode()
    # The error sits in the field's own block, under its label.
    field_block = page.split('class="field has-error">', 1)[1].split("</div>", 1)[0]
    assert f">{label}</label>" in field_block
    assert 'role="alert"><p>' in field_block
    assert not Thread.objects.exists()
    rentals.refresh_from_db()
    assert rentals.thread_count == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"area": "Zone 1"}, "月租 为必填项。"),
        ({"rent": "cheap"}, "月租 必须是数字。"),
        ({"rent": "100", "area": "Zone 9"}, "请为 区域 选择一个列出的选项。"),
        ({"rent": "100", "move_in": "15/01/2026"}, "入住日期 必须是日期（YYYY-MM-DD）。"),
    ],
)
def test_service_names_the_field_in_its_refusal(rentals, author, fields, message):
    with pytest.raises(ValidationError) as refused:
        services.create_thread(
            board=rentals, author=author, title="出租", body="详情", fields=fields
        )

    assert message in refused.value.messages
    assert not Thread.objects.exists()


@pytest.mark.parametrize("number", ["Infinity", "-Infinity", "NaN", "1e40"])
def test_service_refuses_numbers_that_are_not_finite_or_too_big(rentals, author, number):
    with pytest.raises(ValidationError) as refused:
        services.create_thread(
            board=rentals, author=author, title="出租", body="详情", fields={"rent": number}
        )

    assert "月租 必须是数字。" in refused.value.messages
    assert not Thread.objects.exists()


def test_thread_type_of_another_board_is_refused(client, rentals, board, member):
    foreign = ThreadType.objects.create(board=board, name="闲聊")
    ThreadType.objects.create(board=rentals, name="出租")
    client.force_login(member)

    response = client.post("/forum/rent/new/", form(thread_type=str(foreign.pk)))

    assert response.status_code == 400
    assert not Thread.objects.exists()


# Filtering the list


def test_rent_range_filters_the_list(client, listings):
    assert shown(client, "?rent_min=2000&rent_max=4000") == ["二区两居", "二区求合租"]
    assert shown(client, "?rent_min=3500") == ["二区两居", "三区大平层"]
    assert shown(client, "?rent_max=1800") == ["便宜单间"]


def test_area_filters_the_list(client, listings):
    assert shown(client, "?area=Zone+2") == ["二区两居", "二区求合租"]
    assert shown(client, "?area=Zone%203") == ["三区大平层"]


def test_thread_type_filters_the_list(client, listings, wanted, offer):
    assert shown(client, f"?type={wanted.pk}") == ["二区求合租"]
    assert shown(client, f"?type={offer.pk}") == ["便宜单间", "二区两居", "三区大平层"]


def test_filters_combine(client, listings, offer):
    assert shown(client, f"?type={offer.pk}&area=Zone+2&rent_max=5000") == ["二区两居"]
    assert shown(client, "?area=Zone+1&rent_min=2000") == []
    page = client.get("/forum/rent/?area=Zone+1&rent_min=2000").content.decode()
    assert "没有符合筛选条件的主题。" in page


def test_filter_form_keeps_the_chosen_values(client, listings):
    page = client.get("/forum/rent/?area=Zone+2&rent_min=2000").content.decode()
    assert "<option selected>Zone 2</option>" in page
    assert 'name="rent_min" inputmode="decimal" value="2000"' in page


@pytest.mark.parametrize(
    "query",
    [
        "?rent_min=abc",
        "?rent_max=3,500",
        "?rent_min=",
        "?rent_min=--1",
        "?type=abc",
        "?type=-1&rent_min=x",
        "?type=²",
        "?area=",
        "?move_in_min=not-a-date",
        "?sort=sideways",
        "?unknown=1",
        "?rent_min=nan",
        "?rent_max=1e999",
    ],
)
def test_junk_filter_values_never_break_the_list(client, listings, query):
    response = client.get(f"/forum/rent/{query}")

    assert response.status_code == 200


@pytest.mark.parametrize("query", ["?rent_min=abc", "?rent_max=3,500", "?type=abc", "?type="])
def test_junk_filter_values_are_ignored(client, listings, query):
    assert shown(client, query) == listings


def test_nan_filter_value_is_ignored(client, listings):
    assert shown(client, "?rent_min=nan") == listings


def test_thread_type_beyond_any_id_is_not_a_server_error(client, listings):
    assert client.get("/forum/rent/?type=99999999999999999999999").status_code == 200
