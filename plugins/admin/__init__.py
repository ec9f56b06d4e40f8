"""The web form for contributors who do not use Git: Decap CMS at /admin/, whose
collections and fields are made from the content model (decap.py). With the GitHub
backend and the editorial workflow, each submission becomes a pull request that CI
checks like any other. Settings: settings.py.
"""

from engine import Keys, Plugin

from .generator import AdminGenerator
from .settings import DEFAULT_SETTINGS

PLUGIN = Plugin(
    "admin", AdminGenerator, settings=DEFAULT_SETTINGS, requires=("content_model",),
    needs=Keys(context=("themes", "published_items"), settings=("PUBLIC_SITEURL",)),
    uses=Keys(context=("fonts",)))
register = PLUGIN.register
