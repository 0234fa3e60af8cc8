"""The desk's views, one module per page or kind of action. Views stay thin: they fetch
through core.access, validate a form, call one service and render."""
