"""The WSGI application, for `dxplan serve` (gunicorn) or any other WSGI server.

Run it after `dxplan init`: without a secret key each worker makes up its own (check dxplan.W002),
and no session survives a second request. `dxplan serve` refuses to start without one."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxplan.settings")
application = get_wsgi_application()
