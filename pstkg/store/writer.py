"""Writing many named graphs in order: new ones in bulk batches, known ones replaced."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

from rdflib import URIRef

from pstkg.store.base import GraphContent, PlanStore, insert_data
from pstkg.triples import TripleSet

BATCH_TRIPLES = 200_000
"""Triples of new graphs gathered into one bulk write (a few hundred plans' worth)."""
QUEUED_BATCHES = 1
"""Batches handed to the writing thread and not yet written, at most: memory stays bounded."""


class GraphWriter:
    """Writes graphs in the order given, each one whole, while the caller goes on computing.

    Graphs the store does not hold are gathered into batches written by a thread of their
    own with :meth:`PlanStore.add_graphs` (the embedded store's bulk loader releases the GIL:
    parsing and deriving go on meanwhile). A graph that replaces another is written in its
    own transaction, once everything given before it is written. ``bulk`` False writes every
    graph in its own transaction, in the caller's thread. Use as a context manager: leaving
    it waits for every write (and raises the first that failed).
    """

    def __init__(self, store: PlanStore, *, bulk: bool = True) -> None:
        self.store = store
        self.bulk = bulk
        self._pending: list[tuple[URIRef, TripleSet]] = []
        self._pending_triples = 0
        self._writing: deque[Future] = deque()
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="pst-writer") if bulk else None

    def add(self, graph_iri: URIRef, triples: TripleSet) -> None:
        """Write triples to a graph the store does not hold (new, or being written in parts)."""
        if not self.bulk:
            self.store.update(insert_data(graph_iri, triples))
            return
        self._pending.append((graph_iri, triples))
        self._pending_triples += len(triples)
        if self._pending_triples >= BATCH_TRIPLES:
            self._hand_over()

    def replace(
        self,
        graph_iri: URIRef,
        graph: GraphContent,
        how: Callable[[PlanStore, URIRef, GraphContent], None] | None = None,
    ) -> None:
        """Replace a graph in one transaction (with ``how``, default ``replace_graph``)."""
        self.wait()  # what was given before goes first
        if how is None:
            self.store.replace_graph(graph_iri, graph)
        else:
            how(self.store, graph_iri, graph)

    def wait(self) -> None:
        """Return once everything given so far is in the store."""
        self._hand_over()
        while self._writing:
            self._writing.popleft().result()

    def close(self) -> None:
        """Wait for the writes, and end the writing thread."""
        try:
            self.wait()
        finally:
            self._stop()

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
            return
        # Failing: what waits is not started; what is being written is let finish (whole).
        for future in self._writing:
            future.cancel()
        self._stop()

    def _hand_over(self) -> None:
        if not self._pending or self._thread is None:
            return
        while len(self._writing) >= QUEUED_BATCHES:
            self._writing.popleft().result()
        batch, self._pending, self._pending_triples = self._pending, [], 0
        self._writing.append(self._thread.submit(self.store.add_graphs, batch))

    def _stop(self) -> None:
        if self._thread is not None:
            self._thread.shutdown(wait=True)
            self._thread = None
