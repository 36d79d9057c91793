"""Reading the échéances the plans write: the last day of the period they name, or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from pstkg.validation.deadlines import parse_deadline


@pytest.mark.parametrize(
    ("written", "last_day"),
    [
        ("2021", date(2021, 12, 31)),
        ("fin 2022", date(2022, 12, 31)),
        ("Fin 2022", date(2022, 12, 31)),
        ("juin 2023", date(2023, 6, 30)),
        ("Février 2024", date(2024, 2, 29)),  # a leap year
        ("fevrier 2023", date(2023, 2, 28)),
        ("décembre 2020", date(2020, 12, 31)),
        ("31/12/2022", date(2022, 12, 31)),
        ("1/9/2021", date(2021, 9, 1)),
        ("15.03.2022", date(2022, 3, 15)),
        ("2022-12-31", date(2022, 12, 31)),
        ("30 juin 2023", date(2023, 6, 30)),
        ("1er septembre 2021", date(2021, 9, 1)),
        ("06/2023", date(2023, 6, 30)),
        ("2e trimestre 2023", date(2023, 6, 30)),
        ("2ème trimestre 2023", date(2023, 6, 30)),
        ("1er trimestre 2024", date(2024, 3, 31)),
        ("4e trimestre 2021", date(2021, 12, 31)),
        ("1er semestre 2022", date(2022, 6, 30)),
        ("2nd semestre 2022", date(2022, 12, 31)),
        ("début 2023", date(2023, 3, 31)),
        ("mi-2022", date(2022, 6, 30)),
        ("2020-2022", date(2022, 12, 31)),  # a span: its end
        ("De 2019 à 2024", date(2024, 12, 31)),
        ("de mars à juin 2023", date(2023, 6, 30)),
        ("Échéance : 31/12/2022 (révisable en 2021)", date(2022, 12, 31)),  # the latest
        ("Tout au long de la législature (2019-2024)", date(2024, 12, 31)),
    ],
)
def test_a_deadline_is_the_last_day_of_the_period_it_names(written, last_day):
    assert parse_deadline(written) == last_day


@pytest.mark.parametrize(
    "written",
    [
        "",
        "en continu",
        "À définir",
        "permanent",
        "court terme",
        "5e trimestre 2023",  # no such quarter, and 2023 is not read alone from it
        "31/02/2022",  # no such day
        "13/2022",  # no such month
        "3 ans",
    ],
)
def test_a_deadline_naming_no_date_gives_none(written):
    assert parse_deadline(written) is None
