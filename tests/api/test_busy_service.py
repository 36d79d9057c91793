"""A live `pst serve` under runaway queries from several clients (api/query_lanes).

Each client has its own address: the loopback network is 127.0.0.0/8, so a test connects
from 127.0.0.2, 127.0.0.3… and the service, which tells clients apart by address, sees
different clients.
"""

from __future__ import annotations

import http.client
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

import pytest

from tests.api.conftest import LiveServer, start_server, stop_server
from tests.api.test_sparql_protocol import DINANT, ENDLESS, PLANS


@pytest.fixture(scope="module")
def server(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`pst serve` with its default four workers and the short lane: 6 s per query, 2 s on
    the short lane."""
    copy = tmp_path_factory.mktemp("busy") / "store"
    shutil.copytree(corpus_store, copy)
    live = start_server(copy, "--query-timeout", "6", "--short-query-timeout", "2")
    yield live
    stop_server(live)


class Answer(NamedTuple):
    status: int
    body: str
    retry_after: str | None


def ask(server: LiveServer, query: str, client: str) -> Answer:
    """POST ``query`` to /sparql from the address ``client``."""
    port = int(server.url.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, 30, source_address=(client, 0))
    try:
        connection.request(
            "POST",
            "/sparql",
            urlencode({"query": query}),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
        )
        response = connection.getresponse()
        return Answer(response.status, response.read().decode(), response.getheader("Retry-After"))
    finally:
        connection.close()


def test_a_trivial_query_is_answered_while_three_runaways_run(server: LiveServer) -> None:
    finished: list[str] = []
    answers: dict[str, Answer] = {}

    def run(name: str, query: str, client: str) -> None:
        answers[name] = ask(server, query, client)
        finished.append(name)

    runaways = [
        threading.Thread(target=run, args=(f"runaway {n}", ENDLESS, f"127.0.0.{n + 2}"))
        for n in range(3)
    ]
    for thread in runaways:
        thread.start()
    # The runaways hold the three regular workers /sparql may take (the fourth is kept for
    # the named queries); once they all run, the trivial query gets the short lane.
    time.sleep(1.5)  # time for the three to reach their workers (far less is needed)
    trivial = ask(server, PLANS, "127.0.0.9")
    finished.append("trivial")
    assert trivial.status == 200 and DINANT in trivial.body
    assert finished[0] == "trivial"  # answered while every runaway still ran
    # A fourth runaway gets the short lane, and its short time.
    busy = ask(server, ENDLESS, "127.0.0.8")
    finished.append("runaway on the short lane")
    assert busy.status == 503 and busy.retry_after == "6"
    assert busy.body.startswith("le service est occupé par de longues requêtes")
    assert "the service is busy with long queries" in busy.body and "retry later" in busy.body
    assert finished[:2] == ["trivial", "runaway on the short lane"]
    for thread in runaways:
        thread.join(timeout=60)
    for n in range(3):
        runaway = answers[f"runaway {n}"]
        assert runaway.status == 503 and "stopped after 6 s" in runaway.body
    # The runaways' workers were replaced: as many queries at once as there are lanes.
    results: list[Answer] = []
    clients = [f"127.0.0.{n}" for n in range(10, 14)]
    threads = [
        threading.Thread(target=lambda c=client: results.append(ask(server, PLANS, c)))
        for client in clients
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [answer.status for answer in results] == [200] * 4
