import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localgbf.web.settings")
application = get_wsgi_application()
# Import every view (and the scientific stack behind them, about 6 s) when the server starts,
# not during the first visitor's request.
_views = get_resolver().url_patterns
# Everything loaded so far lives as long as the process: keep it out of the garbage
# collector's passes, which otherwise walk those millions of objects again and again.
gc.collect()
gc.freeze()
