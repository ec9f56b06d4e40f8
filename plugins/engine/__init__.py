"""The seams between the site's plugins, in the spirit of Sphinx's extension API.

Each plugin declares what it adds and what it reads (contract.py); the engine checks
and orders the plugins a build enables, calls their hooks and says what was built
(build.py); every plugin writes through one writer (writer.py) and keeps what it makes
between builds in one kind of cache (cache.py).

Not a Pelican plugin: each plugin's register() connects it.
"""

from .contract import ContractError, Keys, Plugin, SiteError
from .writer import PER_PAGE, ByPage, SiteWriter

__all__ = ["ByPage", "ContractError", "Keys", "PER_PAGE", "Plugin", "SiteError", "SiteWriter"]
