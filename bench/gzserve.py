"""Serve a built site the way a static host does: gzip for text, validators, `_headers`, and
(serve_https) HTTPS with HTTP/2."""

from __future__ import annotations

import base64
import contextlib
import functools
import gzip
import hashlib
import http.server
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

H2_PROXY = Path(__file__).with_name("h2proxy.mjs")
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (so the site can be built for its future address)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def parse_headers_file(text: str) -> dict[str, list[tuple[str, str]]]:
    """Netlify/Cloudflare `_headers` syntax: a path line, then indented `Name: value` lines."""
    rules: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), [])
        elif current is not None and ":" in line:
            name, value = line.strip().split(":", 1)
            current.append((name.strip(), value.strip()))
    return rules


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed (level 6, as hosts do) with an ETag, revalidated on
    every use (Cache-Control as Netlify sends it). The `_headers` rules go on documents:
    over HTTP/2 a real host compresses the repeats on other files to a few bytes."""

    document_headers: ClassVar[list[tuple[str, str]]] = []
    protocol_version = "HTTP/1.1"  # keep connections open, as every real host does

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the base class redirects "dir" to "dir/"
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()  # 404 through the base class
        body, etag = _encoded(path, path.stat().st_mtime_ns, self._wants_gzip(path))
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self._common_headers(path, etag)  # a 304 has no body, so no length either
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if self._wants_gzip(path):
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self._common_headers(path, etag)
        self.end_headers()
        return _Body(body)

    def _wants_gzip(self, path: Path) -> bool:
        return path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")

    def _common_headers(self, path: Path, etag: str) -> None:
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", "public, max-age=0, must-revalidate")
        if path.suffix in COMPRESSIBLE:
            self.send_header("Vary", "Accept-Encoding")
        if path.suffix == ".html":
            for name, value in self.document_headers:
                self.send_header(name, value)


class _Body:
    """A file-like object over bytes, for the base class to copy to the socket."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@functools.lru_cache(maxsize=1024)
def _encoded(path: Path, _mtime_ns: int, compress: bool) -> tuple[bytes, str]:
    raw = path.read_bytes()
    body = gzip.compress(raw, compresslevel=6, mtime=0) if compress else raw
    return body, f'"{hashlib.sha1(raw).hexdigest()[:16]}{"-gz" if compress else ""}"'


@contextlib.contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve `site` on 127.0.0.1:`port`; yields the base URL."""
    headers_file = site / "_headers"
    rules = (
        parse_headers_file(headers_file.read_text(encoding="utf-8"))
        if headers_file.exists()
        else {}
    )
    handler = type("Handler", (_Handler,), {"document_headers": rules.get("/*", [])})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve_https(site: Path, port: int) -> Iterator[tuple[str, str]]:
    """Serve `site` as real static hosts do, over HTTPS with HTTP/2 (one multiplexed
    connection, not one per file), on 127.0.0.1:`port`, with a throwaway certificate; yields
    the base URL and the Chromium flag that trusts that certificate (and no other)."""
    with tempfile.TemporaryDirectory() as tmp, serve(site) as upstream:
        key, cert = Path(tmp) / "key.pem", Path(tmp) / "cert.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
            check=True, capture_output=True,
        )  # fmt: skip
        public_key = subprocess.run(
            ["openssl", "x509", "-pubkey", "-noout", "-in", cert],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        # A PEM public key is the base64 of the DER SubjectPublicKeyInfo that Chromium hashes.
        der = base64.b64decode("".join(public_key.strip().splitlines()[1:-1]))
        spki = base64.b64encode(hashlib.sha256(der).digest()).decode()
        proxy = subprocess.Popen(
            ["node", str(H2_PROXY), str(port), upstream, str(key), str(cert)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            if proxy.stdout.readline().strip() != "ready":
                raise RuntimeError("bench/h2proxy.mjs did not start")
            yield f"https://127.0.0.1:{port}/", f"--ignore-certificate-errors-spki-list={spki}"
        finally:
            proxy.terminate()
            proxy.wait()
