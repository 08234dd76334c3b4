"""Shared infrastructure: configuration, extensions, audit log, e-mail outbox, i18n, security."""
