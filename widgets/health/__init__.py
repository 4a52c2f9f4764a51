"""health pane."""
