import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guwah.settings")
application = get_wsgi_application()

# An application server runs no system checks: refuse to serve without the master key.
from guwah.safekeeping.checks import refuse_to_start_without_keys  # noqa: E402

refuse_to_start_without_keys()
