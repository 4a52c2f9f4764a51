"""The workspace's one draft: its store, saves under optimistic locking, and the edits."""
