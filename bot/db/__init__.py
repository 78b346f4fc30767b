"""Persistence: models, engine, migrations. Repositories never commit; services do."""
