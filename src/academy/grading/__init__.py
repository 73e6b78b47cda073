"""Autograding built on nbgrader: validation of source notebooks (more to come)."""
