"""Who runs when: the turns of each client, and the lane a client's query gets.

The policy (why it is so: :mod:`pstkg.api.query_runner`): a client, known by its address,
has at most ``per_client`` queries running; the others wait in its own line, first come first
served, so one client's flood does not take every worker. A query whose turn has come takes a
regular worker if one is free, or else the short lane, a worker of its own where a query has a
short deadline; when none is free it waits for the first that frees, in order of arrival.
"""

from __future__ import annotations

import asyncio
import enum
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class Lane(enum.Enum):
    """Where a client's query runs."""

    REGULAR = "regular"
    """A worker of the pool, with the service's whole time limit."""
    SHORT = "short"
    """The reserved worker, for a query that came while every regular one was busy."""


class Lanes:
    """The regular workers a client's query may take and the short lane, handed out in order
    of arrival. Only one event loop may use it."""

    def __init__(self, regular: int) -> None:
        self._free = {Lane.REGULAR: regular, Lane.SHORT: 1}
        self._waiting: deque[asyncio.Future[Lane]] = deque()

    async def take(self) -> Lane:
        """A lane now free (a regular one first), or the first to free after the queries
        that came before; give it back with :meth:`give_back`."""
        if not self._waiting:
            for lane in (Lane.REGULAR, Lane.SHORT):
                if self._free[lane]:
                    self._free[lane] -= 1
                    return lane
        waiter = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.give_back(waiter.result())  # handed a lane just as the client left
            else:
                self._waiting.remove(waiter)
            raise

    def give_back(self, lane: Lane) -> None:
        """Hand ``lane`` to the query waiting longest, or keep it free."""
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(lane)
                return
        self._free[lane] += 1


class ClientTurns:
    """At most ``per_client`` queries of each client at a time; the others wait their turn."""

    def __init__(self, per_client: int) -> None:
        self.per_client = per_client
        self._gates: dict[str, asyncio.Semaphore] = {}
        self._holders: dict[str, int] = {}

    @asynccontextmanager
    async def turn(self, client: str) -> AsyncIterator[None]:
        """Wait for ``client``'s turn, and hold it for the ``async with`` block."""
        gate = self._gates.setdefault(client, asyncio.Semaphore(self.per_client))
        self._holders[client] = self._holders.get(client, 0) + 1
        try:
            async with gate:
                yield
        finally:
            # A client with nothing running or waiting is forgotten: the table stays small.
            self._holders[client] -= 1
            if not self._holders[client]:
                del self._holders[client], self._gates[client]
