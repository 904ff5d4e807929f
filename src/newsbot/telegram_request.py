"""The HTTP layer under python-telegram-bot: JSON bodies instead of form fields.

python-telegram-bot posts every call as ``application/x-www-form-urlencoded``; httpx's form
encoder percent-quotes the body one byte at a time in Python, about 0.1 ms for a reply with its
HTML and keyboard, which was the largest single cost per answer after the Bot API round trip.
The Bot API accepts the same fields as a JSON object, which ``json.dumps`` builds in C. Uploads
(never sent by newsbot) still go through the stock multipart path.
"""

from __future__ import annotations

import httpx
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

_HEADERS = {"User-Agent": HTTPXRequest.USER_AGENT, "Content-Type": "application/json"}


def _or(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


class JsonRequest(HTTPXRequest):
    """:class:`HTTPXRequest` that sends the call's parameters as a JSON body."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """POST ``request_data`` as JSON; anything with files takes the stock path."""
        if request_data is None or request_data.contains_files:
            return await super().do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout,
                pool_timeout,
            )  # fmt: skip
        client = self._client
        timeout = httpx.Timeout(
            connect=_or(connect_timeout, client.timeout.connect),
            read=_or(read_timeout, client.timeout.read),
            write=_or(write_timeout, client.timeout.write),
            pool=_or(pool_timeout, client.timeout.pool),
        )
        try:
            response = await client.request(
                method, url, headers=_HEADERS, timeout=timeout, content=request_data.json_payload
            )
        except httpx.TimeoutException as exc:
            raise TimedOut("Timed out talking to the Bot API") from exc
        except httpx.HTTPError as exc:
            raise NetworkError(f"httpx.{type(exc).__name__}: {exc}") from exc
        return response.status_code, response.content
