"""permissions pane."""
