"""QtCore-only glue between the widgets and the Qt-free core: the TaskRunner and UI operations."""
