import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Web processes only (gunicorn, runserver): cap every statement's time, tune the planner.
from config.db import tune_web_connections  # noqa: E402

tune_web_connections()
