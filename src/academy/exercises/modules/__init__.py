"""Exercise modules by id. Each module file defines ``MODULE``."""

from __future__ import annotations

from ..core import ModuleSpec
from . import m02

MODULES: dict[str, ModuleSpec] = {m.id: m for m in (m02.MODULE,)}
