"""werkbot: the application (settings, database, services, i18n, CLI, wiring)."""
