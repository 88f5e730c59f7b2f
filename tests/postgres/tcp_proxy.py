"""A tiny TCP proxy that can be cut and restored, to take the database away from a live app."""

import contextlib
import selectors
import socket
import threading


class TcpProxy:
    """Forward 127.0.0.1:<port> to an upstream address until stopped."""

    def __init__(self, upstream: tuple[str, int], port: int):
        self.upstream, self.port = upstream, port
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._sockets: set[socket.socket] = set()

    def start(self) -> None:
        self._stop.clear()
        self._listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self._listener.settimeout(0.2)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Refuse new connections and cut every open one, as a database crash would."""
        self._stop.set()
        if self._thread:
            self._thread.join()
        self._listener.close()
        for sock in list(self._sockets):
            with contextlib.suppress(OSError):
                sock.close()
        self._sockets.clear()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            try:
                upstream = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            self._sockets.update((client, upstream))
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        selector = selectors.DefaultSelector()
        selector.register(a, selectors.EVENT_READ, b)
        selector.register(b, selectors.EVENT_READ, a)
        try:
            while not self._stop.is_set():
                for key, _ in selector.select(timeout=0.2):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            selector.close()
            for sock in (a, b):
                with contextlib.suppress(OSError):
                    sock.close()
