from grogrund.sources import KoladaClient, read_kolada_file

from .http_fakes import FIXTURES, FakeResponse, FakeSession

PAGE_1 = {
    "count": 3,
    "values": [
        {
            "kpi": "N15428",
            "municipality": "0138",
            "period": 2023,
            "values": [
                {"count": 1, "gender": "K", "status": "", "value": 78.0},
                {"count": 1, "gender": "M", "status": "", "value": 70.2},
                {"count": 1, "gender": "T", "status": "", "value": 74.1},
            ],
        },
        {
            "kpi": "N15428",
            "municipality": "0138",
            "period": 2024,
            "values": [{"count": 0, "gender": "T", "status": "Saknas", "value": None}],
        },
    ],
    "next_page": "https://api.kolada.se/v3/data/kpi/N15428/municipality/0138,0000/year/2023,2024?page=2",
}
PAGE_2 = {
    "count": 3,
    "values": [
        {
            "kpi": "N15428",
            "municipality": "0000",
            "period": 2023,
            "values": [{"count": 1, "gender": "T", "status": "", "value": 80.5}],
        }
    ],
    "next_page": None,
}


def _client(session):
    return KoladaClient(session=session, sleep=lambda s: None)


def test_next_page_is_followed_until_null() -> None:
    session = FakeSession([FakeResponse(payload=PAGE_1), FakeResponse(payload=PAGE_2)])
    records = list(_client(session).data(["N15428"], ["0138", "0000"], [2023, 2024]))
    assert [c.url for c in session.calls] == [
        "https://api.kolada.se/v3/data/kpi/N15428/municipality/0138,0000/year/2023,2024",
        PAGE_1["next_page"],
    ]
    assert [(r.area_code, r.period, r.value) for r in records] == [
        ("0138", "2023", 74.1),
        ("0138", "2024", None),
        ("00", "2023", 80.5),  # Kolada's "0000" (Riket) is SCB's "00"
    ]


def test_gender_total_by_default_and_others_on_request() -> None:
    session = FakeSession([FakeResponse(payload={**PAGE_1, "next_page": None})])
    women = list(_client(session).data(["N15428"], ["0138"], [2023], gender="K"))
    assert [r.value for r in women] == [78.0]


def test_null_value_is_missing_with_its_status_not_zero() -> None:
    session = FakeSession([FakeResponse(payload={**PAGE_1, "next_page": None})])
    missing = list(_client(session).data(["N15428"], ["0138"], [2024]))[1]
    assert missing.value is None
    assert missing.status == "Saknas"
    assert missing.indicator_code == "N15428"
    assert missing.source == "Kolada"


def test_a_page_pointing_at_itself_does_not_loop() -> None:
    looping = {**PAGE_2, "next_page": "https://api.kolada.se/v3/x"}
    session = FakeSession(lambda call: FakeResponse(payload=looping))
    records = list(_client(session).pages("https://api.kolada.se/v3/x"))
    assert len(records) == 1


def test_saved_file() -> None:
    records = list(read_kolada_file(FIXTURES / "kolada_N15428_0138.json"))
    assert [(r.area_code, r.period, r.value, r.status) for r in records] == [
        ("0138", "2023", 74.1, ""),
        ("0138", "2024", None, "Saknas"),
    ]
    assert records[0].location.file == "kolada_N15428_0138.json"
    assert records[0].location.row == 1
