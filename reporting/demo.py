"""Demo monitoring reports (filled in below)."""

from core.demo import demo_step


@demo_step
def demo_reports():
    pass
