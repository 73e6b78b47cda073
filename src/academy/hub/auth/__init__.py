"""The hub's authenticators, one file each: ``demo`` (the local demo's accounts), ``native`` (sign-up with
admin approval, production) and ``azuread`` (council single sign-on, production)."""
