"""The policy of who runs when (api/query_lanes), and the sizes `pst serve` accepts."""

from __future__ import annotations

import asyncio

import pytest

from pstkg.api.query_lanes import ClientTurns, Lane, Lanes
from pstkg.cli import main
from pstkg.sizes import format_size, parse_size


def test_lanes_are_regular_first_then_short_then_in_order_of_arrival() -> None:
    async def scenario() -> None:
        lanes = Lanes(regular=1)
        assert await lanes.take() is Lane.REGULAR
        assert await lanes.take() is Lane.SHORT
        first = asyncio.create_task(lanes.take())
        second = asyncio.create_task(lanes.take())
        await asyncio.sleep(0)
        assert not first.done() and not second.done()
        lanes.give_back(Lane.SHORT)
        assert await first is Lane.SHORT  # the first to come gets the first lane to free
        assert not second.done()
        lanes.give_back(Lane.REGULAR)
        assert await second is Lane.REGULAR

    asyncio.run(scenario())


def test_a_query_that_leaves_while_waiting_loses_no_lane() -> None:
    async def scenario() -> None:
        lanes = Lanes(regular=1)
        held = [await lanes.take(), await lanes.take()]
        leaving = asyncio.create_task(lanes.take())
        await asyncio.sleep(0)
        lanes.give_back(held.pop())  # handed to the waiting query...
        leaving.cancel()  # ...which leaves before it runs: the lane goes back
        with pytest.raises(asyncio.CancelledError):
            await leaving
        assert await asyncio.wait_for(lanes.take(), 1) is Lane.SHORT

    asyncio.run(scenario())


def test_a_client_past_its_cap_waits_and_others_do_not() -> None:
    async def scenario() -> None:
        turns = ClientTurns(per_client=1)
        order: list[str] = []
        release = asyncio.Event()

        async def query(client: str, name: str) -> None:
            async with turns.turn(client):
                order.append(name)
                if name == "a1":
                    await release.wait()

        first = asyncio.create_task(query("a", "a1"))
        behind = asyncio.create_task(query("a", "a2"))
        other = asyncio.create_task(query("b", "b1"))
        await other
        assert order == ["a1", "b1"] and not behind.done()
        release.set()
        await asyncio.gather(first, behind)
        assert order == ["a1", "b1", "a2"]

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("text", "size"),
    [("4G", 4 << 30), ("512M", 512 << 20), ("1MiB", 1 << 20), ("64kb", 64 << 10), ("1000", 1000)],
)
def test_sizes_as_written(text: str, size: int) -> None:
    assert parse_size(text) == size


def test_sizes_as_shown() -> None:
    assert [format_size(n) for n in (3 << 30, 384 << 20, 1536, 20)] == [
        "3 GiB",
        "384 MiB",
        "1.5 KiB",
        "20 bytes",
    ]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--query-memory=100M", "'100M' is too little"),
        ("--max-query-size=lots", "not a size: 'lots'"),
        ("--max-upload-size=0", "a size must be above 0"),
        ("--queries-per-client=0", "give a whole number, 1 or more"),
    ],
)
def test_pst_serve_refuses_a_bad_limit(
    option: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", option])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
