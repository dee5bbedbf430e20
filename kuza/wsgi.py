import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuza.settings")
application = get_wsgi_application()

# Translators' corrections stored in the database, written out as this machine's first catalog.
from kuza.translation.interface_corrections import write_corrections_at_start  # noqa: E402

write_corrections_at_start()
