"""Request sizes and the upload's token, checked before a body is read (api/request_limits).

Against a live `pst serve`, over a raw socket: a request announces a body it never sends, and
the server must answer from the headers alone (a server that waited for the body would never
answer, and the socket's timeout would fail the test).
"""

from __future__ import annotations

import select
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from pstkg.api import create_app
from tests.api.conftest import TOKEN, LiveServer, start_server, stop_server
from tests.api.test_sparql_protocol import PLANS
from tests.conftest import CORPUS

QUERY_CAP = 64 << 10
UPLOAD_CAP = 1 << 20
TWO_GIB_AND_A_FEW = (2 << 30) + 5
BOUNDARY = "pst-kg-test-boundary"


@pytest.fixture(scope="module")
def server(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`pst serve` with writes allowed, bodies capped at 64 KiB and documents at 1 MiB."""
    copy = tmp_path_factory.mktemp("limits") / "store"
    shutil.copytree(corpus_store, copy)
    live = start_server(
        copy,
        *("--write-token", TOKEN),
        *("--max-query-size", "64K", "--max-upload-size", "1M"),
    )
    yield live
    stop_server(live)


def send_head(server: LiveServer, method: str, path: str, headers: dict[str, str]) -> socket.socket:
    """A connection on which the request line and ``headers`` were sent, and no body."""
    port = int(server.url.rsplit(":", 1)[1])
    connection = socket.create_connection(("127.0.0.1", port), timeout=20)
    lines = [
        f"{method} {path} HTTP/1.1",
        "Host: 127.0.0.1",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    return connection


def read_response(connection: socket.socket) -> tuple[int, dict[str, str], str]:
    """The status, headers and body of the response, read until the server closes."""
    data = b""
    try:
        while chunk := connection.recv(65536):
            data += chunk
    except ConnectionResetError:
        # The server closed with some of a refused body unread (the kernel then resets the
        # connection): what came before the reset is the response.
        assert data, "the connection was reset before any response"
    connection.close()
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body.decode("utf-8", errors="replace")


def send_chunked(connection: socket.socket, total: int, first: bytes = b"") -> int:
    """Send ``first`` then 16 KiB chunks up to ``total`` bytes, never the last (empty) chunk,
    until the server answers or closes; the bytes sent."""
    chunks = [first] if first else []
    sent = 0
    try:
        while sent < total and not select.select([connection], [], [], 0.01)[0]:
            chunk = chunks.pop() if chunks else b"x" * (16 << 10)
            connection.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    return sent


def part_head(name: str) -> bytes:
    """The start of a multipart body: the document's part, up to its content."""
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="document"; '
        f'filename="{name}"\r\nContent-Type: text/plain\r\n\r\n'
    ).encode()


def upload_headers(length: int | None, token: str | None) -> dict[str, str]:
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    headers |= {"Content-Length": str(length)} if length is not None else {}
    headers |= {"Transfer-Encoding": "chunked"} if length is None else {}
    headers |= {"Authorization": f"Bearer {token}"} if token else {}
    return headers


def test_an_upload_without_the_token_is_refused_before_its_body(server: LiveServer) -> None:
    for token in (None, "not-the-token"):
        connection = send_head(
            server, "POST", "/api/plans", upload_headers(TWO_GIB_AND_A_FEW, token)
        )
        status, headers, body = read_response(connection)
        assert status == 401
        assert headers["www-authenticate"] == "Bearer"
        assert "Authorization: Bearer TOKEN" in body


def test_an_upload_is_refused_before_its_body_where_writes_are_disabled(
    live_server: LiveServer,
) -> None:
    connection = send_head(
        live_server, "POST", "/api/plans", upload_headers(TWO_GIB_AND_A_FEW, TOKEN)
    )
    status, _, body = read_response(connection)
    assert status == 403 and "writes are disabled" in body


def test_an_upload_announcing_2_gib_is_refused_before_its_body(server: LiveServer) -> None:
    connection = send_head(server, "POST", "/api/plans", upload_headers(TWO_GIB_AND_A_FEW, TOKEN))
    status, headers, body = read_response(connection)
    assert status == 413
    assert headers["connection"] == "close"
    assert "documents are limited to 1 MiB on this service (--max-upload-size)" in body


def test_a_chunked_upload_is_cut_once_past_the_cap(server: LiveServer) -> None:
    connection = send_head(server, "POST", "/api/plans", upload_headers(None, TOKEN))
    sent = send_chunked(connection, 4 * UPLOAD_CAP, part_head("long.txt"))
    status, _, body = read_response(connection)
    assert status == 413 and "--max-upload-size" in body
    assert sent < 4 * UPLOAD_CAP  # the server closed the connection before the end


def test_a_query_body_announcing_200_mb_is_refused_before_it_is_read(server: LiveServer) -> None:
    headers = {"Content-Type": "application/sparql-query", "Content-Length": str(200 * 10**6)}
    status, headers, body = read_response(send_head(server, "POST", "/sparql", headers))
    assert status == 413 and headers["connection"] == "close"
    assert body == (
        "a request body sent to /sparql is limited to 64 KiB on this service (--max-query-size)"
    )


def test_a_chunked_query_body_is_cut_once_past_the_cap(server: LiveServer) -> None:
    headers = {"Content-Type": "application/sparql-query", "Transfer-Encoding": "chunked"}
    connection = send_head(server, "POST", "/sparql", headers)
    sent = send_chunked(connection, 64 * QUERY_CAP)
    status, _, body = read_response(connection)
    assert status == 413 and "--max-query-size" in body
    assert sent < 64 * QUERY_CAP


def test_bodies_within_the_caps_are_served(server: LiveServer) -> None:
    query = PLANS + "#" + " " * (QUERY_CAP - len(PLANS) - 100)  # just under the cap
    headers = {
        "Content-Type": "application/sparql-query",
        "Content-Length": str(len(query.encode())),
        "Accept": "text/csv",
        "Connection": "close",
    }
    connection = send_head(server, "POST", "/sparql", headers)
    connection.sendall(query.encode())
    status, _, body = read_response(connection)
    assert status == 200 and body.startswith("plan\r\n")
    document = (CORPUS / "dinant-2019.txt").read_bytes()
    form = (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="document"; '
            f'filename="dinant-2019.txt"\r\nContent-Type: text/plain\r\n\r\n'
        ).encode()
        + document
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )
    headers = upload_headers(len(form), TOKEN) | {"Connection": "close"}
    connection = send_head(server, "POST", "/api/plans", headers)
    connection.sendall(form)
    status, _, body = read_response(connection)
    assert status == 201, body


def test_long_get_query_strings_are_refused(server: LiveServer) -> None:
    def status_of(query: str) -> int:
        path = "/sparql?query=" + quote(query)
        status, _, _ = read_response(send_head(server, "GET", path, {"Connection": "close"}))
        return status

    assert status_of(PLANS + "#" + "x" * (32 << 10)) == 200  # 32 KiB: under the 64 KiB cap
    assert status_of(PLANS + "#" + "x" * (100 << 10)) == 414  # the cap (--max-query-size)
    # 1 MiB: uvicorn's parser (h11) refuses a request head still incomplete past 16 KiB
    # buffered, before the app sees it.
    assert status_of(PLANS + "#" + "x" * (1 << 20)) == 400


def test_a_query_string_over_the_query_cap_is_refused(corpus_store: Path) -> None:
    # Where the HTTP server allows long query strings (the test client does), the cap holds.
    with TestClient(create_app(corpus_store, max_query_size=1024)) as client:
        refused = client.get("/sparql", params={"query": PLANS + "#" + "x" * 2048})
        assert refused.status_code == 414
        assert "the query string is over 1 KiB (--max-query-size)" in refused.text
        assert client.get("/sparql", params={"query": PLANS}).status_code == 200
