import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Web processes only (gunicorn, runserver): cap every statement's time.
from config.db import limit_statement_time  # noqa: E402

limit_statement_time()
