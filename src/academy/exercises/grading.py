"""Old home of the hidden tests' functions, kept because source and released notebooks import it: the same module."""
import sys; from ..notebook import hidden_tests; sys.modules[__name__] = hidden_tests  # noqa: E401,E702
