"""Who can do what (issue 14): effective access with reasons, the access diff, the leaver
hand-over, and the lock-out guard. Pure functions over bundles; the CLI, the lint rules, the
review and the permission matrices all ask the same ones."""
