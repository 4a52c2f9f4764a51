"""Every Qt class of the studio: the main window, panes, dialogs. Thin layers over the core."""
