"""Old name of ``academy.progress.gradebook_sync``: ``academy progress sync`` (cli.py) still imports it from here."""

from .gradebook_sync import GradebookUnavailable, read_gradebook, sync_gradebook

__all__ = ["GradebookUnavailable", "read_gradebook", "sync_gradebook"]
