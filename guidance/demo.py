"""Demo data: the demo admin has published the parents' step plan once, so the editor shows
a version in the history beside the shipped text. Idempotent."""

from accounts.services import find_user
from core.demo import demo_step
from guidance import content, services
from guidance.models import Audience

ADMIN = "admin@demo.dansveilig.nl"


@demo_step
def demo_guidance():
    admin = find_user(ADMIN)
    if admin is None or services.latest_version(Audience.ouders) is not None:
        return
    shipped = content.shipped_page(Audience.ouders)
    services.publish_page(Audience.ouders, shipped.title, shipped.body, admin)
