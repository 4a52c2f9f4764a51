"""Talking to a CRM server: HTTP, push, release sync, record statistics, the local server."""
