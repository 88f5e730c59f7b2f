"""gunicorn's response, sending its head in the same write as the body's first bytes.

gunicorn writes a response's head and its body in two sends. A node killed between them leaves
nginx with a head it has already passed on to the phone and a body that never comes: a broken
page (a booking made but its redirect cut off), where a response that never started would have
been sent again to the other node. One send makes a small response all or nothing.
"""

from typing import Any

from gunicorn.http import wsgi


class _HeadHoldingSocket:
    """The client's socket, holding its first write (the response head) until the next one."""

    def __init__(self, sock: Any) -> None:
        self._sock = sock
        self._held: bytes | None = None  # None: nothing written yet, so the next write is the head

    def sendall(self, data: bytes) -> None:
        """Hold the head; send anything after it together with the head."""
        if self._held is None:
            self._held = bytes(data)
            return
        data, self._held = self._held + data, b""
        self._sock.sendall(data)

    def release(self) -> None:
        """Send a head still held (a response without body bytes, or before a file)."""
        if self._held:
            self._sock.sendall(self._held)
            self._held = b""

    def sendfile(self, *args: Any, **kwargs: Any) -> Any:
        """A file goes after its head, which cannot share its write."""
        self.release()
        return self._sock.sendfile(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class HeadWithBodyResponse(wsgi.Response):
    """gunicorn's HTTP/1 response, its head and first body bytes in one send."""

    def __init__(self, req: Any, sock: Any, cfg: Any) -> None:
        super().__init__(req, _HeadHoldingSocket(sock), cfg)

    def close(self) -> None:
        """Finish the response, sending a head that no body bytes followed."""
        super().close()
        self.sock.release()


def send_head_with_body() -> None:
    """Make this gunicorn process's sync workers answer with HeadWithBodyResponse.

    The sync worker builds its response through wsgi.create, which takes gunicorn's own class
    unless given another; this module's class is that class for the process.
    """
    wsgi.Response = HeadWithBodyResponse
