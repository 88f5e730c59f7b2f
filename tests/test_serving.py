"""How gunicorn serves the app (gunicorn.conf.py): one write per answer, a frozen heap."""

import gc
import runpy
import socket
from pathlib import Path

import pytest
from gunicorn.config import Config
from gunicorn.http import wsgi
from gunicorn.http.parser import RequestParser

from intranet.serving import HeadWithBodyResponse

ROOT = Path(__file__).resolve().parent.parent
REQUEST = b"POST /coworking/cowork-central/book HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
REDIRECT_BODY = b"<p>Redirecting to <a href='/booking/t?new=1'>/booking/t?new=1</a>.</p>"


class CountingSocket(socket.socket):
    """A real socket that keeps what each send wrote."""

    writes: list[bytes]

    def sendall(self, data, flags=0):
        self.writes.append(bytes(data))
        return super().sendall(data, flags)


@pytest.fixture
def sockets():
    """(the server's counting socket, the phone's end) of one real connection."""
    server, phone = socket.socketpair()
    counting = CountingSocket(fileno=server.detach())
    counting.writes = []
    yield counting, phone
    counting.close()
    phone.close()


def redirect(environ, start_response):
    """The booking form's answer: a redirect to the booking with a short body."""
    start_response(
        "302 FOUND",
        [("Location", "/booking/t?new=1"), ("Content-Length", str(len(REDIRECT_BODY)))],
    )
    return [REDIRECT_BODY]


def serve(response_class, server, app, request=REQUEST):
    """Answer one request on server with app, the way gunicorn's sync worker does."""
    cfg = Config()
    req = next(RequestParser(cfg, iter([request]), ("127.0.0.1", 1)))
    resp, environ = wsgi.create(
        req, server, ("127.0.0.1", 1), ("127.0.0.1", 2), cfg, response_class=response_class
    )
    resp.force_close()
    result = app(environ, resp.start_response)
    if isinstance(result, environ["wsgi.file_wrapper"]):
        resp.write_file(result)
    else:
        for item in result:
            resp.write(item)
    resp.close()
    server.shutdown(socket.SHUT_WR)


def received(phone):
    chunks = []
    while chunk := phone.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_gunicorn_alone_sends_the_head_and_the_body_apart(sockets):
    # What a node killed between the two writes cuts in half: the head passed on, no body.
    server, phone = sockets
    serve(wsgi.Response, server, redirect)
    assert len(server.writes) == 2
    assert server.writes[1] == REDIRECT_BODY


def test_the_head_and_the_body_leave_in_one_write(sockets):
    server, phone = sockets
    serve(HeadWithBodyResponse, server, redirect)
    (write,) = server.writes
    answer = received(phone)
    assert answer == write
    assert answer.startswith(b"HTTP/1.1 302 FOUND\r\n")
    assert b"\r\nLocation: /booking/t?new=1\r\n" in answer
    assert answer.endswith(b"\r\n\r\n" + REDIRECT_BODY)


def test_an_answer_without_a_body_still_sends_its_head(sockets):
    server, phone = sockets

    def not_modified(environ, start_response):
        start_response("304 NOT MODIFIED", [("ETag", '"v1"')])
        return []

    serve(HeadWithBodyResponse, server, not_modified)
    answer = received(phone)
    assert answer.startswith(b"HTTP/1.1 304 NOT MODIFIED\r\n")
    assert b'\r\nETag: "v1"\r\n' in answer
    assert answer.endswith(b"\r\n\r\n")


def test_a_streamed_answer_arrives_whole_and_in_order(sockets):
    server, phone = sockets

    def chunks(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/csv")])  # no length: chunked
        return [b"day,seats\n", b"2026-12-04,12\n"]

    serve(HeadWithBodyResponse, server, chunks)
    answer = received(phone)
    head, body = answer.split(b"\r\n\r\n", 1)
    assert b"Transfer-Encoding: chunked" in head
    assert body == b"A\r\nday,seats\n\r\nE\r\n2026-12-04,12\n\r\n0\r\n\r\n"
    assert len(server.writes) == 3  # the head with the first chunk, the second, the end


def test_a_file_follows_its_head(sockets, tmp_path):
    server, phone = sockets
    stylesheet = tmp_path / "app.css"
    stylesheet.write_bytes(b"body { margin: 0 }\n" * 500)

    def static_file(environ, start_response):
        start_response("200 OK", [("Content-Length", str(stylesheet.stat().st_size))])
        return environ["wsgi.file_wrapper"](opened)

    with stylesheet.open("rb") as opened:
        serve(HeadWithBodyResponse, server, static_file)
    head, body = received(phone).split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 200 OK")
    assert body == stylesheet.read_bytes()
    assert len(server.writes) == 1  # the head alone: the file went by sendfile, after it


def test_every_gunicorn_worker_started_with_the_settings_answers_in_one_write(monkeypatch):
    monkeypatch.setattr(wsgi, "Response", wsgi.Response)  # put back after the test
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    settings["post_fork"](None, None)
    assert wsgi.Response is HeadWithBodyResponse


def test_a_worker_leaves_what_it_loaded_out_of_garbage_collections():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    try:
        settings["post_worker_init"](None)
        assert gc.get_freeze_count() > 10_000  # the app and the test's own objects
        assert len(gc.get_objects()) < gc.get_freeze_count()
    finally:
        gc.unfreeze()
