"""``python -m academy``: the CLI without relying on the ``academy`` script's shebang."""

from academy.cli import main

main()
