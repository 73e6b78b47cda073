"""Who may call each handler method, declared on it as JupyterHub declares scopes (``@needs_scope``).

Every method that answers a request carries one declaration, the first thing
a reader of the handler sees:

- ``@public``: anyone, signed in or not (the health check, the OAuth callback);
- ``@signed_in``: anyone the hub has signed in; the handler shows them only
  their own work (``self.me``);
- ``@requires(rule, "cohort")``: signed in, and ``rule`` allows it for the
  named arguments of the route (here the cohort in the URL).

Someone not signed in is sent to the hub's login (a GET) or refused (anything
else). A refusal is a 403 in the rule's words; before refusing, the handler's
``access_may_have_changed`` runs once, so a person given access on the hub a
moment ago is let in at once. ``undeclared`` lists the methods of an
application's handlers that carry no declaration: each service's tests run it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tornado import web

Method = Callable[..., Any]


@dataclass(frozen=True)
class Rule:
    """Whether the asker may go on, and what to tell them when they may not.

    ``allows(handler, *values)`` with the route's values in the order the
    declaration names them; ``refusal`` is a format string over the same values
    (``"you do not teach {}"``) or a function of the handler and values."""

    allows: Callable[..., bool]
    refusal: str | Callable[..., str]

    def refuse(self, handler: Any, *values: Any) -> str:
        return self.refusal(handler, *values) if callable(self.refusal) else self.refusal.format(*values)


@dataclass(frozen=True)
class Access:
    """A method's declaration: ``public``, ``signed in`` or ``rule`` (with the rule and the route values it reads)."""

    kind: str
    rule: Rule | None = None
    params: tuple[str, ...] = ()


def access_of(method: Method) -> Access | None:
    return getattr(method, "__access__", None)


def _declare(method: Method, access: Access) -> Method:
    if access_of(method) is not None:
        raise TypeError(f"{method.__qualname__} declares its access twice")
    method.__access__ = access  # type: ignore[attr-defined]
    return method


def public(method: Method) -> Method:
    """Anyone may call this, signed in or not."""
    return _declare(method, Access("public"))


def signed_in(method: Method) -> Method:
    """Anyone the hub has signed in may call this; the handler answers with their own work only."""
    return _declare(web.authenticated(method), Access("signed in"))


def requires(rule: Rule, *params: str) -> Callable[[Method], Method]:
    """Signed in, and ``rule`` allows it for the route values named ``params`` (the method's argument names)."""

    def decorate(method: Method) -> Method:
        signature = inspect.signature(method)
        unknown = [p for p in params if p not in signature.parameters]
        if unknown:
            raise TypeError(f"{method.__qualname__} has no argument {', '.join(unknown)} for its access rule")

        @functools.wraps(method)
        async def checked(self: Any, *args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(self, *args, **kwargs).arguments
            values = [bound[p] for p in params]
            allowed = rule.allows(self, *values) or (await self.access_may_have_changed()
                                                     and rule.allows(self, *values))
            if not allowed:
                raise web.HTTPError(403, rule.refuse(self, *values))
            result = method(self, *args, **kwargs)
            return await result if inspect.isawaitable(result) else result

        return _declare(web.authenticated(checked), Access("rule", rule, params))

    return decorate


def undeclared(app: web.Application) -> list[str]:
    """``Handler.method`` for every method of the application's routes that declares no access."""
    missing = []
    for route in app.wildcard_router.rules:
        handler = route.target
        if not (isinstance(handler, type) and issubclass(handler, web.RequestHandler)):
            continue
        for name in (m.lower() for m in handler.SUPPORTED_METHODS):
            method = getattr(handler, name)
            if method is not getattr(web.RequestHandler, name) and access_of(method) is None:
                missing.append(f"{handler.__name__}.{name}")
    return missing
