"""entities pane."""
