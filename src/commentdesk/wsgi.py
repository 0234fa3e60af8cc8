import os

from commentdesk.ops.readcache import application as cached_read_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commentdesk.settings")
application = cached_read_application()
