"""A small world for the valuation report, the area profile report and the tenant summary,
and helpers to make a report of a registered kind and read its PDF's text.

Organisation A (a housing company) owns the programme "Handslag Testby" for the DeSO Testby in
Staden (municipality), Länet (county), Sverige; partner P shares it; B is unrelated. Employment
in Testby is 55 % of 1,000 people in 2024 (50 % of 1,000 in 2020), in Staden 77 % of 10,000 (76 %
in 2020); unemployment 12 % against 6 %."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from builders import (
    make_area,
    make_challenge,
    make_dataset,
    make_indicator,
    make_observation,
    make_org,
    make_user,
)
from grogrund.accounts.models import Role, Visibility
from grogrund.areas.models import AreaLevel
from grogrund.reports import kinds
from grogrund.reports.pdf import render_html, render_pdf
from programmes.programme_builders import ClientsMixin, make_programme

NBSP = "\u00a0"


@dataclass
class World(ClientsMixin):
    a: Any
    partner: Any
    b: Any
    country: Any
    county: Any
    municipality: Any
    deso: Any
    employment: Any
    unemployment: Any
    programme: Any
    editor: Any
    viewer: Any
    partner_user: Any
    outsider: Any


def make_world() -> World:
    a = make_org("Bostadsbolaget A")
    partner = make_org("Partner P", kind="municipality")
    b = make_org("Org B")
    country = make_area("SE", AreaLevel.COUNTRY, name="Sverige")
    county = make_area("99", AreaLevel.COUNTY, country, name="Länet")
    municipality = make_area("9901", AreaLevel.MUNICIPALITY, county, name="Staden")
    deso = make_area("9901A0001", parent=municipality, name="Testby")
    employment = make_indicator(
        "employment_20_64",
        name_sv="Förvärvsarbetande 20–64 år",
        name_en="Employed, aged 20–64",
        kind="share",
        direction="higher_is_better",
        base_label_sv="invånare 20–64 år",
        base_label_en="residents aged 20–64",
    )
    unemployment = make_indicator(
        "unemployment_16_64",
        name_sv="Arbetslösa 16–64 år",
        name_en="Unemployed, aged 16–64",
        kind="share",
        direction="lower_is_better",
    )
    ds = make_dataset(a, "Statistik A", visibility=Visibility.PARTNERS, source="SCB TAB6680")
    ds.shared_with.set([partner])
    make_observation(ds, deso, employment, "2020", numerator=500, denominator=1000)
    make_observation(ds, deso, employment, "2024", numerator=550, denominator=1000)
    make_observation(ds, municipality, employment, "2020", numerator=7600, denominator=10000)
    make_observation(ds, municipality, employment, "2024", numerator=7700, denominator=10000)
    make_observation(ds, deso, unemployment, "2024", numerator=120, denominator=1000)
    make_observation(ds, municipality, unemployment, "2024", numerator=600, denominator=10000)
    make_challenge(
        a,
        deso,
        title="Många unga vuxna utan arbete",
        visibility=Visibility.PARTNERS,
    )
    programme = make_programme(a, [deso], partners=[partner])
    return World(
        a=a,
        partner=partner,
        b=b,
        country=country,
        county=county,
        municipality=municipality,
        deso=deso,
        employment=employment,
        unemployment=unemployment,
        programme=programme,
        editor=make_user(a, Role.EDITOR),
        viewer=make_user(a, Role.VIEWER),
        partner_user=make_user(partner, Role.ADMIN),
        outsider=make_user(b, Role.ADMIN),
    )


def make_valuation(world: World, model: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """A valuation of the world's programme (by default the hand-checked SROI of
    tests/valuations/builders_valuations.simple_sroi)."""
    from grogrund.valuations import services
    from valuations.builders_valuations import simple_sroi

    return services.create_valuation(
        user=world.editor,
        programme=world.programme,
        name=kwargs.pop("name", "Läxhjälp Testby"),
        model=model or simple_sroi(),
        **kwargs,
    )


@dataclass
class Made:
    figures: dict[str, Any]
    html: str
    pdf: bytes

    @property
    def text(self) -> str:
        return pdf_text(self.pdf)


def make_report(
    key: str, user: Any, pk: int, *, language: str = "sv", period: Any = None, pdf: bool = True
) -> Made:
    """A report of kind `key` about subject `pk` as `user` sees it: its figures, its HTML and
    (unless `pdf=False`) its PDF, the way the reports app makes them."""
    kind = kinds.get(key)
    subject = kind.subject(user, pk)
    figures = kind.figures(user=user, subject=subject, period=period)
    context = kind.context(figures, language=language)
    html = render_html(kind.template, context, language=language)
    data = b""
    if pdf:
        data = render_pdf(kind.template, context, title=kind.title(figures), language=language)
    return Made(figures, html, data)


def normalised(text: str) -> str:
    """Text with every kind of space as one plain space: PDF text has no non-breaking spaces."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return normalised(" ".join(page.extract_text() or "" for page in reader.pages))


def pdf_language(data: bytes) -> str:
    from pypdf import PdfReader

    return str(PdfReader(io.BytesIO(data)).trailer["/Root"].get("/Lang"))


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def html_text(html: str) -> str:
    """A page's visible text, roughly: tags dropped, entities of spaces and signs decoded."""
    import html as html_lib

    without = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return normalised(html_lib.unescape(re.sub(r"<[^>]+>", " ", without)))


def guard_checks(client_of: dict[str, Any], urls: list[str], secrets: tuple[str, ...]) -> list[str]:
    """What goes wrong when `urls` (about private objects of A) are asked for by an anonymous
    visitor and a member of B: each must be refused (404, or sent to log in), and never show
    `secrets`. A's member must get each."""
    problems = []
    for url in urls:
        for who in ("anonymous", "member of B"):
            response = client_of[who].get(url)
            body = response.content.decode(errors="replace")
            refused = response.status_code == 404 or (
                response.status_code == 302 and "/logga-in/" in response["Location"]
            )
            if not refused:
                problems.append(f"{who} got {response.status_code} for {url}")
            problems += [f"{who} saw {s!r} at {url}" for s in secrets if s in body]
        mine = client_of["member of A"].get(url)
        if mine.status_code != 200:
            problems.append(f"member of A got {mine.status_code} for {url}")
    return problems


def guard_clients(world: World) -> dict[str, Any]:
    return {
        "anonymous": world.client(None),
        "member of B": world.client(world.outsider),
        "member of A": world.client(world.editor),
    }


# --- the print views in a browser (tests marked `browser`) ----------------------------------

PHONE = 320


def print_view_problems(browser: Any, base_url: str, user: Any, paths: list[str]) -> list[str]:
    """axe-core's WCAG 2.1 AA failures (tests/browser/axe.py) of each print view at `paths`,
    in Swedish and English, and any that scrolls sideways on a 320 px phone."""
    from django.test import Client

    from browser.axe import violations

    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    problems: list[str] = []
    for language in ("sv", "en"):
        context = browser.new_context(base_url=base_url, locale="sv-SE")
        context.set_default_timeout(15_000)
        context.add_cookies(
            [
                {"name": "django_language", "value": language, "url": base_url},
                {"name": "sessionid", "value": session, "url": base_url},
            ]
        )
        page = context.new_page()
        for path in paths:
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            problems += violations(page, f"{path} ({language})")
            page.set_viewport_size({"width": PHONE, "height": 800})
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > PHONE:
                problems.append(f"{path} ({language}) is {wide} px wide at {PHONE} px")
            page.set_viewport_size({"width": 1280, "height": 800})
        context.close()
    return problems
