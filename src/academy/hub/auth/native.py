"""NativeAuthenticator (sign-up with admin approval) made to work on JupyterHub 6.

jupyterhub-nativeauthenticator 1.3.0, the newest release, predates JupyterHub 6:
its login handler still times logins with the ``statsd`` client JupyterHub 6
removed, so every log-in is a 500, and its page renderer does not take the
``sync`` argument JupyterHub 6 uses to show an error on the login form. The
subclass below replaces just that handler; sign-up, approval at
``/hub/authorize``, password rules and lock-out are NativeAuthenticator's own.
"""

from __future__ import annotations

from nativeauthenticator import NativeAuthenticator
from nativeauthenticator import handlers as native
from tornado.escape import url_escape
from tornado.httputil import url_concat


class _NoTimer:
    """Stands in for the statsd timer JupyterHub 6 no longer gives handlers."""

    def timer(self, *args, **kwargs) -> _NoTimer:
        return self

    def start(self) -> _NoTimer:
        return self

    def stop(self, *args, **kwargs) -> None:
        return None


class LoginHandler(native.LoginHandler):
    statsd = _NoTimer()

    def _render(self, login_error=None, username=None, sync=False, **_ignored):
        return self.render_template(
            "native-login.html", sync=sync,
            next=url_escape(self.get_argument("next", default="")),
            username=username, login_error=login_error,
            custom_html=self.authenticator.custom_html, login_url=self.settings["login_url"],
            enable_signup=self.authenticator.enable_signup, two_factor_auth=self.authenticator.allow_2fa,
            authenticator_login_url=url_concat(self.authenticator.login_url(self.hub.base_url),
                                               {"next": self.get_argument("next", "")}),
        )


class ApprovedSignUpAuthenticator(NativeAuthenticator):
    def get_handlers(self, app):
        return [(path, LoginHandler if handler is native.LoginHandler else handler)
                for path, handler in super().get_handlers(app)]
