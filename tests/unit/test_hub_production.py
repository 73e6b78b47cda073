"""Production settings and system-account rules, checked without starting a hub or making accounts."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from academy.hub import production, roles, system_users
from academy.hub.auth.azuread import username_from_email
from academy.hub.launch import unreachable_by_others
from academy.hub.settings import HubConfigError


@pytest.mark.parametrize("env, words", [
    ({}, "ACADEMY_HUB_ADMINS"),
    ({"ACADEMY_HUB_ADMINS": "Jo Smith"}, "not a usable user name"),
    ({"ACADEMY_HUB_ADMINS": "jsmith", "ACADEMY_HUB_AUTH": "ldap"}, "native, azuread"),
    ({"ACADEMY_HUB_ADMINS": "jsmith", "ACADEMY_HUB_AUTH": "azuread", "AZUREAD_TENANT_ID": "t"},
     "AZUREAD_CLIENT_ID, AZUREAD_CLIENT_SECRET, ACADEMY_HUB_PUBLIC_URL"),
    ({"ACADEMY_HUB_ADMINS": "jsmith", "ACADEMY_HUB_CLUBS": "Leeds Club!"}, "ACADEMY_HUB_CLUBS"),
])
def test_bad_production_settings_name_the_variable_to_fix(env, words):
    with pytest.raises(HubConfigError, match=words.replace("(", r"\(")):
        production.ProductionSettings.from_env(env)


def test_good_production_settings():
    prod = production.ProductionSettings.from_env({"ACADEMY_HUB_ADMINS": "jsmith, akhan",
                                                   "ACADEMY_HUB_CLUBS": "club-leeds"})
    assert prod.admins == ("jsmith", "akhan") and prod.auth == "native" and prod.clubs == ("club-leeds",)


@pytest.mark.parametrize("address, name", [
    ("Jo.Smith@leeds.gov.uk", "jo-smith"),
    ("AMIRA_K@salford.gov.uk", "amira_k"),
    ("1stline@council.gov.uk", "u1stline"),
])
def test_sso_addresses_become_system_account_names(address, name):
    got = username_from_email(address)
    assert got == name and system_users.NAME.match(got)


@pytest.mark.parametrize("name", ["root", "bin"])
def test_an_existing_system_account_is_never_taken_over(name, tmp_path):
    with pytest.raises(system_users.SystemUserError, match="already exists"):
        system_users.ensure(name, tmp_path)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("name", ["Amira", "../etc", "jo.smith", "x" * 40, ""])
def test_names_useradd_would_refuse_are_refused_first(name, tmp_path):
    with pytest.raises(system_users.SystemUserError, match="cannot be a system account name"):
        system_users.ensure(name, tmp_path)


def test_a_closed_folder_on_the_way_to_python_is_found():
    base = Path(tempfile.mkdtemp())  # under /tmp, open to all (pytest's own tmp folders are not)
    try:
        os.chmod(base, 0o755)
        closed = base / "closed"
        (closed / "bin").mkdir(parents=True)
        python = closed / "bin" / "python"
        python.write_text("")
        os.chmod(closed, 0o700)
        assert unreachable_by_others(python) == closed
        os.chmod(closed, 0o755)
        assert unreachable_by_others(python) is None
    finally:
        shutil.rmtree(base)


def test_each_club_has_an_organisers_group_that_holds_its_role():
    groups = roles.groups({}, {"club-leeds": []})
    organiser = [r for r in roles.roles(["accelerator"], {"club-leeds": []}) if r["name"] == "club-leeds-organiser"][0]
    assert "club-leeds-organisers" in groups and organiser["groups"] == ["club-leeds-organisers"]
    assert all("!group=club-leeds" in scope for scope in organiser["scopes"])
