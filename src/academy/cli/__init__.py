"""The ``academy`` command: each verb is a thin layer over a library call.

One file per group of verbs (``data``, ``course``, ``hub``, ``progress``,
``grade``). Mistakes a user can fix (an unknown dataset, a silly row count, a
folder that cannot be written, a setting that cannot work) are raised by the
library as :class:`academy.errors.AcademyError` and caught once, here: they end
in one line starting ``Error:`` and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys

import click

from .. import iri_grammar
from ..errors import AcademyError

# Before any verb imports nbformat, and so jsonschema: three quarters of a second off every command.
iri_grammar.skip()


class AcademyGroup(click.Group):
    """Turns library errors into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AcademyError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=AcademyGroup)
@click.version_option(package_name="council-data-academy")
def main() -> None:
    """Council Data Academy: synthetic council data, graded courses and progress."""


def _register() -> None:
    from . import course, data, grade, hub, module, progress

    for group in (data.data, course.course, module.module, hub.hub, progress.progress, course.validate, grade.grade):
        main.add_command(group)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
