"""audit pane."""
