"""Council Data Academy: synthetic council data, graded courses, progress tracking."""

__version__ = "0.1.0"
