"""transfer pane."""
