"""changes pane."""
