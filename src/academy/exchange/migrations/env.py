"""Alembic environment for the exchange's records: run by ``academy.exchange.store.migrate``.

Its own version table, so the exchange may share a PostgreSQL database with the progress store.
"""

from alembic import context

from academy.exchange.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  version_table="exchange_schema_version")
with context.begin_transaction():
    context.run_migrations()
