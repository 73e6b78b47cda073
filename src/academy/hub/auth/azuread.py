"""Council single sign-on: Azure AD (Entra ID) through OAuthenticator.

A council's SSO names people by e-mail address, but on the production server a
hub name is also a system account name, so the address becomes its local
part, lower-cased, with anything useradd refuses turned into ``-``
(``Jo.Smith@council.gov.uk`` → ``jo-smith``). One tenant means one council's
addresses, so two people only collide if their mailboxes differ only by domain.
"""

from __future__ import annotations

import re

from oauthenticator.azuread import AzureAdOAuthenticator


def username_from_email(name: str) -> str:
    """A system-account name for an SSO login such as ``Jo.Smith@council.gov.uk`` → ``jo-smith``."""
    local = name.split("@", 1)[0].lower()
    local = re.sub(r"[^a-z0-9_-]+", "-", local).strip("-")
    if not local or not local[0].isalpha():
        local = f"u{local}"
    return local[:32]


class CouncilAzureAdOAuthenticator(AzureAdOAuthenticator):
    def normalize_username(self, username: str) -> str:
        return username_from_email(username)
