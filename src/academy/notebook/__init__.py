"""What a learner's kernel imports."""
