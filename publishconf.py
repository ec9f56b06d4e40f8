"""Settings of the public build (`invoke publish`): absolute URLs on the real domain."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))   # run from any folder
from pelicanconf import *  # noqa: E402,F403

SITEURL = PUBLIC_SITEURL  # noqa: F405
RELATIVE_URLS = False
STYLE_GUIDE_URL = None          # the style guide is for the people who make the theme
DELETE_OUTPUT_DIRECTORY = True
