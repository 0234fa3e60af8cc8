from tests.widget import sizes


def pytest_terminal_summary(terminalreporter):
    """Print the widget's gzipped sizes in every run's summary (CI output included)."""
    terminalreporter.write_sep("-", "widget size")
    terminalreporter.write_line(sizes.report())
