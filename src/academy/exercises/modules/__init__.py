"""Exercise modules by id. Each module file defines ``MODULE``."""

from __future__ import annotations

from ..core import ModuleSpec
from . import m01, m02, m03, m04, m05, m06, m07, m08, m09

MODULES: dict[str, ModuleSpec] = {m.id: m for m in (m01.MODULE, m02.MODULE, m03.MODULE, m04.MODULE, m05.MODULE,
                                                    m06.MODULE, m07.MODULE, m08.MODULE, m09.MODULE)}
