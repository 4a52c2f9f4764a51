"""Automation rules: the rule editor pane, its models and the replay views (issue 18)."""
