"""The web pages' validation reports are those of the day: a new day, the échéances checked anew."""

from __future__ import annotations

from datetime import date

import pytest

from pstkg.api import validation_cache
from pstkg.loading import ensure_vocabulary
from pstkg.store import open_store
from tests.test_validation_duties import ACTION, PLAN, plan_graph


class _Today:
    """Stands for ``datetime.date`` in the cache's module, with a ``today`` the test sets."""

    day = date(2022, 6, 30)

    @classmethod
    def today(cls) -> date:
        return cls.day


@pytest.fixture
def clean_store(tmp_path):
    with open_store(tmp_path / "store") as store:
        ensure_vocabulary(store)
        store.replace_graph(PLAN, plan_graph())
        yield store


def test_a_new_day_validates_again(clean_store, monkeypatch):
    monkeypatch.setattr(validation_cache, "date", _Today)
    monkeypatch.setattr(_Today, "day", date(2022, 6, 30))
    cache = validation_cache.ValidationCache()
    before = cache.report(clean_store, PLAN)
    assert before.time is not None and before.time.as_of == date(2022, 6, 30)
    assert before.findings == []
    # Action 1.1.1, « en cours », was due by 2022-12-31.
    monkeypatch.setattr(_Today, "day", date(2023, 1, 15))
    after = cache.report(clean_store, PLAN)
    assert after.time is not None and after.time.as_of == date(2023, 1, 15)
    assert [(f.rule, f.item.iri) for f in after.findings] == [
        ("action-echeance-depassee", str(ACTION))
    ]
