"""Alembic environment for the progress store: run by ``academy.progress.store.migrate``.

The connection comes from the caller (``config.attributes['connection']``),
so migrations run in the same process, on the same engine, as the service.
"""

from alembic import context

from academy.progress.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
