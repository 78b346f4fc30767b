"""Telegram in and out: commands, conversations, callback queries. Thin."""
