"""Automation rules at work: one evaluator (preview, impact replay, the reference server) and the
replay of a rules change over real records. The rules themselves are a bundle section
(``studio.bundle.rules``); their lint checks live in ``studio.lint.automation_rules``.
"""
