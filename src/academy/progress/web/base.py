"""The handler every progress page and API call builds on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
from tornado import web

from ...services.handlers import HubServiceHandler
from ..events import ProgressError
from .access import Progress


@contextmanager
def refused_as_bad_request() -> Iterator[None]:
    """Input the store refuses (``ProgressError``) becomes a 400 in the store's words."""
    try:
        yield
    except ProgressError as exc:
        raise web.HTTPError(400, str(exc)) from None


class ProgressHandler(HubServiceHandler):
    @property
    def progress(self) -> Progress:
        return self.settings["progress"]

    async def access_may_have_changed(self) -> bool:
        return await self.progress.refresh_people_if_stale()

    def club_session(self, sid: str) -> dict:
        """The club session in the URL (looked up once per request), or a 404."""
        cache = self.__dict__.setdefault("_club_sessions", {})
        if sid not in cache:
            try:
                cache[sid] = self.progress.store.session_info(int(sid))
            except ProgressError as exc:
                raise web.HTTPError(404, str(exc)) from None
        return cache[sid]

    def page(self, template: str, **values: Any) -> None:
        env: jinja2.Environment = self.settings["jinja"]
        self.write(env.get_template(template).render(
            me=self.me, url=self.url, xsrf=self.xsrf_token.decode() if isinstance(self.xsrf_token, bytes)
            else self.xsrf_token, admin=self.progress.is_admin(self.me),
            teaches=self.progress.store.cohorts_of(self.me, "instructor"),
            runs=self.progress.store.cohorts_of(self.me, "organiser"), **values))

    def error_page(self, status: int, message: str) -> str:
        env: jinja2.Environment = self.settings["jinja"]
        return env.get_template("error.html").render(status=status, message=message)
