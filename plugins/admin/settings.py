"""Settings of the admin plugin (the web form), with their defaults; pelicanconf.py may override any."""

import os

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULT_SETTINGS = {
    "ADMIN_URL": "admin/",
    # The page (content/pages/) that says how to contribute: it opens on a button to the form.
    "CONTRIBUTE_PAGE_SLUG": "contribuer",
    # The GitHub repository the form opens pull requests on, and its branch.
    "ADMIN_REPO": "sciences-en-partage/site",
    "ADMIN_BRANCH": "main",
    # The OAuth service that lets contributors sign in with GitHub outside Netlify
    # (for instance a small decap-proxy on Cloudflare Workers); None: Netlify's.
    "ADMIN_AUTH_URL": None,
    # Its sign-in path (Decap's auth_endpoint): "auth" for decap-proxy and most such services.
    "ADMIN_AUTH_ENDPOINT": "auth",
    # Decap's local backend (decap-server, `invoke cms`): used only when the form is opened
    # on localhost, to try it on one's own machine without GitHub; None: never.
    "ADMIN_LOCAL_BACKEND": "http://localhost:8081/api/v1",
    # Where `npm ci` put decap-cms (see package.json).
    "ADMIN_NODE_MODULES": os.path.join(REPOSITORY, "node_modules"),
}
