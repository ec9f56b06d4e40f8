"""The web form for contributors who do not use Git: Decap CMS at /admin/, whose
collections and fields are made from the content model (decap.py). With the GitHub
backend and the editorial workflow, each submission becomes a pull request that CI
checks like any other. Settings: settings.py.
"""

from content_model.plugin import generator_plugin

from .generator import AdminGenerator
from .settings import apply_defaults

register = generator_plugin(AdminGenerator, apply_defaults)
