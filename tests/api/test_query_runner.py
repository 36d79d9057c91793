"""The pool of query workers: deadlines, lost workers, and fresh data after writes."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pstkg.api import create_app
from pstkg.api.query_jobs import NamedQueryJob, QueryAnswer, QueryJob, answer_fresh
from pstkg.api.query_lanes import Lane
from pstkg.api.query_runner import QueryBusyError, QueryRunner, QueryTimeoutError
from pstkg.api.routes import named_queries
from pstkg.api.store_view import StoreView, folder_fingerprint
from pstkg.loading import load_files
from pstkg.named_queries import named_query_sparql
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.store import QueryDataset, open_store
from pstkg.store.embedded import EmbeddedStore
from tests.api.conftest import TOKEN
from tests.api.test_sparql_protocol import ENDLESS, PLANS
from tests.conftest import CORPUS

DINANT = "https://w3id.org/pst-kg/id/plan/dinant/2019-2024"
SPARQL_JSON = "application/sparql-results+json"


def sparql_job(store: Path, query: str) -> QueryJob:
    """A /sparql job as the route makes it."""
    return QueryJob(store, SPARQL_PREFIXES + query, QueryDataset(), 100, None)


def plans_job(store: Path) -> NamedQueryJob:
    """The named query plans, as /api/queries/plans sends it."""
    return NamedQueryJob(store, "plans", named_query_sparql("plans"), "application/json")


async def warmed_runner(store: Path, concurrency: int, **options: Any) -> QueryRunner:
    """A runner whose every regular worker is up and has answered, before a race begins."""
    runner = QueryRunner(store_location=store, concurrency=concurrency, **options)
    runner.start()
    warm = await asyncio.gather(*(runner.run(plans_job(store)) for _ in range(concurrency)))
    assert [answer.status for answer in warm] == [200] * concurrency
    return runner


def test_a_slow_query_is_stopped_while_a_fast_one_is_answered(corpus_store: Path) -> None:
    async def scenario() -> None:
        runner = await warmed_runner(corpus_store, 3, timeout=3)
        try:
            slow = asyncio.create_task(runner.run(sparql_job(corpus_store, ENDLESS)))
            await asyncio.sleep(0.3)
            fast = await runner.run(sparql_job(corpus_store, PLANS))
            assert fast.status == 200 and DINANT.encode() in fast.body
            assert not slow.done()  # answered while the slow one was still running
            with pytest.raises(QueryTimeoutError):
                await slow
            again = await runner.run(plans_job(corpus_store))  # the pool is whole again
            assert again.status == 200
        finally:
            await runner.close()

    asyncio.run(scenario())


def test_named_queries_keep_a_worker_when_clients_queries_hold_the_others(
    corpus_store: Path,
) -> None:
    async def scenario() -> None:
        runner = await warmed_runner(corpus_store, 2, timeout=8, short_timeout=2)
        try:
            # The one regular worker clients may take, then the short lane.
            long = asyncio.create_task(runner.run(sparql_job(corpus_store, ENDLESS), "a"))
            await asyncio.sleep(0.3)
            short = asyncio.create_task(runner.run(sparql_job(corpus_store, ENDLESS), "b"))
            await asyncio.sleep(0.3)
            queued = asyncio.create_task(runner.run(sparql_job(corpus_store, PLANS), "c"))
            named = await runner.run(plans_job(corpus_store))
            assert named.status == 200 and DINANT.encode() in named.body
            assert not long.done() and not short.done()  # answered while both ran
            assert not queued.done()  # every lane a client's query may take is busy
            done, _ = await asyncio.wait({long, short, queued}, return_when="FIRST_COMPLETED")
            assert done == {short}  # the short lane's deadline came first
            with pytest.raises(QueryBusyError):
                await short
            assert (await queued).status == 200  # the short lane, freed, took the next query
            assert not long.done()
            with pytest.raises(QueryTimeoutError):
                await long
        finally:
            await runner.close()

    asyncio.run(scenario())


def test_a_trivial_query_is_answered_while_runaways_hold_the_workers(corpus_store: Path) -> None:
    async def scenario() -> None:
        runner = await warmed_runner(corpus_store, 4, timeout=6)
        try:
            before = set(runner.worker_pids()[Lane.REGULAR])
            runaways = [
                asyncio.create_task(runner.run(sparql_job(corpus_store, ENDLESS), client))
                for client in ("10.0.0.1", "10.0.0.2", "10.0.0.3")
            ]
            await asyncio.sleep(0.5)
            trivial = await runner.run(sparql_job(corpus_store, PLANS), "10.0.0.4")
            assert trivial.status == 200 and DINANT.encode() in trivial.body
            assert not any(runaway.done() for runaway in runaways)
            for runaway in runaways:
                with pytest.raises(QueryTimeoutError):
                    await runaway
            again = await asyncio.gather(*(runner.run(plans_job(corpus_store)) for _ in "abcd"))
            assert [answer.status for answer in again] == [200] * 4
            replaced = before - set(runner.worker_pids()[Lane.REGULAR])
            assert len(replaced) == 3  # the runaways' workers, and only them
        finally:
            await runner.close()

    asyncio.run(scenario())


def test_a_client_waits_for_its_own_queries_not_for_others(corpus_store: Path) -> None:
    async def scenario() -> None:
        runner = QueryRunner(timeout=4, concurrency=4, store_location=corpus_store, per_client=1)
        runner.start()
        try:
            assert (await runner.run(plans_job(corpus_store))).status == 200
            runaway = asyncio.create_task(runner.run(sparql_job(corpus_store, ENDLESS), "a"))
            await asyncio.sleep(0.3)
            behind = asyncio.create_task(runner.run(sparql_job(corpus_store, PLANS), "a"))
            other = await runner.run(sparql_job(corpus_store, PLANS), "b")
            assert other.status == 200
            assert not behind.done()  # client a's second query waits for its first
            with pytest.raises(QueryTimeoutError):
                await runaway
            assert (await behind).status == 200
        finally:
            await runner.close()

    asyncio.run(scenario())


def test_a_worker_killed_mid_query_is_replaced(corpus_store: Path) -> None:
    others = set(multiprocessing.active_children())

    async def scenario() -> None:
        runner = QueryRunner(timeout=60, concurrency=1, store_location=corpus_store)
        try:
            assert (await runner.run(plans_job(corpus_store))).status == 200
            (pid,) = runner.worker_pids()[Lane.REGULAR]
            (worker,) = [child for child in multiprocessing.active_children() if child.pid == pid]
            endless = asyncio.create_task(runner.run(sparql_job(corpus_store, ENDLESS)))
            await asyncio.sleep(0.5)
            os.kill(worker.pid, signal.SIGKILL)  # as the kernel's OOM killer would
            lost = await endless
            assert lost.status == 500 and b"ended without an answer" in lost.body
            after = await runner.run(plans_job(corpus_store))
            assert after.status == 200 and DINANT.encode() in after.body
            (replacement,) = runner.worker_pids()[Lane.REGULAR]
            assert replacement != worker.pid
        finally:
            await runner.close()

    asyncio.run(scenario())
    assert set(multiprocessing.active_children()) <= others


def test_named_queries_have_the_time_limit(
    corpus_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(create_app(corpus_store, query_timeout=1)) as client:
        # A named query that never ends, as a cartesian product over a big region would.
        monkeypatch.setattr(named_queries, "named_query_sparql", lambda *_: ENDLESS)
        stopped = client.get("/api/queries/plans")
        assert stopped.status_code == 503
        assert "stopped after 1 s" in stopped.json()["detail"]
        monkeypatch.undo()
        assert client.get("/api/queries/plans").status_code == 200  # others still served


def _plans_everywhere(client: TestClient) -> list[set[str]]:
    """The plans seen through /sparql and the named query, and by every worker of the pool."""
    sparql = client.post("/sparql", data={"query": PLANS}, headers={"accept": SPARQL_JSON})
    assert sparql.status_code == 200, sparql.text
    named = client.get("/api/queries/plans")
    assert named.status_code == 200, named.text
    seen = [
        {row["plan"]["value"] for row in sparql.json()["results"]["bindings"]},
        {row["plan"] for row in named.json()["rows"]},
    ]
    runner = client.app.state.runner
    job = plans_job(client.app.state.settings.store_location)

    async def on_every_worker() -> list[QueryAnswer]:
        # As many jobs at once as there are workers: each takes one of its own.
        return await asyncio.gather(*(runner.run(job) for _ in range(4)))

    for answer in client.portal.call(on_every_worker):
        assert answer.status == 200
        seen.append({row["plan"] for row in json.loads(answer.body)["rows"]})
    return seen


def test_writes_through_the_api_are_seen_by_the_next_queries(writer: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    assert all(DINANT in plans for plans in _plans_everywhere(writer))
    assert writer.delete("/api/plans/dinant/2019-2024", headers=auth).status_code == 204
    assert all(DINANT not in plans for plans in _plans_everywhere(writer))
    document = (CORPUS / "dinant-2019.txt").read_bytes()
    loaded = writer.post(
        "/api/plans", files={"document": ("dinant-2019.txt", document)}, headers=auth
    )
    assert loaded.status_code == 201
    assert all(DINANT in plans for plans in _plans_everywhere(writer))


def test_a_write_the_service_was_not_told_of_is_seen(writer: TestClient) -> None:
    assert all(DINANT in plans for plans in _plans_everywhere(writer))
    # Straight to the store, past the routes that count writes: only the fingerprint of the
    # store folder can tell the workers.
    store = writer.app.state.store
    store.drop_graph(next(iri for iri in store.graph_names() if str(iri) == DINANT))
    assert all(DINANT not in plans for plans in _plans_everywhere(writer))


def test_a_store_view_follows_commits(writable_store: Path) -> None:
    view = StoreView()
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = int(view.get(writable_store, 0).query(count).rows[0][0])
    fingerprint = folder_fingerprint(writable_store)
    with open_store(writable_store) as store:  # a writer beside the reader, as the service is
        store.drop_graph(next(iri for iri in store.graph_names() if str(iri) == DINANT))
        assert folder_fingerprint(writable_store) != fingerprint
        after = int(view.get(writable_store, 0).query(count).rows[0][0])
    assert after < before
    view.close()


def test_a_store_held_in_memory_is_served_in_process() -> None:
    memory = EmbeddedStore(None)
    load_files(memory, [CORPUS / "dinant-2019.txt"])
    others = set(multiprocessing.active_children())
    with TestClient(create_app(memory)) as client:
        rows = client.get("/api/queries/plans").json()["rows"]
        assert [row["plan"] for row in rows] == [DINANT]
        sparql = client.post("/sparql", data={"query": PLANS}, headers={"accept": SPARQL_JSON})
        assert DINANT in sparql.text
        assert set(multiprocessing.active_children()) == others  # no worker process
    assert memory.graph_names()  # left open for its owner


# An ORDER BY over a cartesian product: every pair of quads held in memory to be sorted
# (measured: 2 GiB within ten seconds on the corpus store).
SORTED_PAIRS = """SELECT ?s ?o ?s2 WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s2 ?p2 ?o2 } }
ORDER BY ?o ?o2 LIMIT 5"""


def test_a_query_past_the_memory_cap_gets_503_and_its_worker_is_replaced(
    corpus_store: Path,
) -> None:
    app = create_app(corpus_store, query_timeout=60, query_memory=384 << 20)
    with TestClient(app) as client:
        assert client.get("/api/queries/plans").status_code == 200
        before = set(client.app.state.runner.worker_pids()[Lane.REGULAR])
        stopped = client.post("/sparql", data={"query": SORTED_PAIRS})
        assert stopped.status_code == 503
        assert "la requête a dépassé la mémoire permise (384 MiB par requête)" in stopped.text
        assert "the query exceeded the memory limit (384 MiB per query)" in stopped.text
        after = client.post("/sparql", data={"query": PLANS}, headers={"accept": SPARQL_JSON})
        assert after.status_code == 200 and DINANT in after.text
        pids = set(client.app.state.runner.worker_pids()[Lane.REGULAR])
        assert len(before - pids) == 1 and len(pids) == len(before)  # one worker replaced


def test_memory_error_in_a_job_is_not_taken_for_a_store_failure(corpus_store: Path) -> None:
    # A store failure is retried on a new handle and answered 500; MemoryError (the worker's
    # cap reached in Python) must reach the worker's loop, which ends the worker.
    @dataclass(frozen=True)
    class Greedy:
        store_location: Path
        runs: list[int]

        def run(self, store: object) -> QueryAnswer:
            self.runs.append(1)
            raise MemoryError

    view, job = StoreView(), Greedy(corpus_store, [])
    with pytest.raises(MemoryError):
        answer_fresh(view, 0, job)  # type: ignore[arg-type]
    assert job.runs == [1]  # not tried again
    view.close()
