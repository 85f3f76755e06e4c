"""A minimal HTTP/1.1 keep-alive client for load generation, on asyncio streams.

The load generator shares the 2-core machine with the API and Neo4j, so every millisecond of CPU
it spends is taken from the system it measures. httpx spent about 2 ms of CPU per request here;
this client, which only does what the benchmark needs (POST a JSON body on a kept-alive
connection, read a Content-Length or chunked response), spends a fraction of that.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any


class HTTPError(Exception):
    pass


class Connection:
    """One kept-alive connection; requests on it go one at a time, like a browser tab's."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post_json(self, path: str, body: Any, headers: dict[str, str]) -> tuple[int, Any]:
        """POST `body` as JSON; return the status and the decoded JSON answer."""
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        payload = json.dumps(body).encode()
        head = "".join(
            [
                f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n",
                "Content-Type: application/json\r\nAccept: application/json\r\n",
                *(f"{k}: {v}\r\n" for k, v in headers.items()),
                f"Content-Length: {len(payload)}\r\n\r\n",
            ]
        )
        self._writer.write(head.encode() + payload)
        status, answer = await self._read_response(self._reader)
        return status, json.loads(answer) if answer else None

    @staticmethod
    async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        try:
            status = int(lines[0].split(" ", 2)[1])
        except (IndexError, ValueError) as exc:
            raise HTTPError(f"not an HTTP status line: {lines[0]!r}") from exc
        pairs = (line.partition(":") for line in lines[1:] if line)
        fields = {k.strip().lower(): v.strip() for k, _, v in pairs}
        if "content-length" in fields:
            return status, await reader.readexactly(int(fields["content-length"]))
        if fields.get("transfer-encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
                chunk = await reader.readexactly(size + 2)  # the chunk and its CRLF
                if size == 0:
                    return status, b"".join(chunks)
                chunks.append(chunk[:-2])
        raise HTTPError(f"response {status} has neither a Content-Length nor chunked encoding")

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            await self._writer.wait_closed()
            self._writer = None
