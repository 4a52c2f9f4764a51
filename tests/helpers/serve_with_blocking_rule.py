"""``python -m tests.helpers.serve_with_blocking_rule serve ...``: the studio CLI with the test rule
of ``tests.helpers.blocking_rule`` registered, so a real server process refuses what it flags."""

from __future__ import annotations

from studio.cli import main
from studio.lint import rule
from tests.helpers.blocking_rule import blocking_test_rule

rule(blocking_test_rule)

if __name__ == "__main__":
    main()
