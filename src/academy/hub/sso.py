"""Council single sign-on: Azure AD (Entra ID) through OAuthenticator.

A council's SSO names people by e-mail address, but on the production server a
hub name is also a system account name, so the address becomes its local
part, lower-cased, with anything useradd refuses turned into ``-``
(``Jo.Smith@council.gov.uk`` → ``jo-smith``). One tenant means one council's
addresses, so two people only collide if their mailboxes differ only by domain.
"""

from __future__ import annotations

from oauthenticator.azuread import AzureAdOAuthenticator

from .production import username_from_email


class CouncilAzureAdOAuthenticator(AzureAdOAuthenticator):
    def normalize_username(self, username: str) -> str:
        return username_from_email(username)
