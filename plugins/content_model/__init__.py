"""The content model of the site: types, fields, validation, reading, and the
generator that writes every contribution's page and the lists of each type.

Other plugins import the model from here (`from content_model import model`).
"""

import logging

from .generator import ContentError, SiteGenerator
from .plugin import generator_plugin
from .settings import apply_defaults

__all__ = ["ContentError", "SiteGenerator", "register"]


def without_traceback(record):
    """Pelican logs a failed build with its traceback; broken contributions are no bug:
    their French list of problems is the whole message."""
    error = record.exc_info[1] if record.exc_info else None
    if isinstance(error, ContentError):
        record.msg, record.args, record.exc_info, record.exc_text = "%s", (str(error),), None, None
    return True


register_generator = generator_plugin(SiteGenerator, apply_defaults)


def register():
    logging.getLogger("pelican").addFilter(without_traceback)
    register_generator()
