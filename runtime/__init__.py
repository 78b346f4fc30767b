"""The process: composition root, transport, inbox worker, scheduler, sender, offline chat, CLI.

Nothing else imports it.
"""
