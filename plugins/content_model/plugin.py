"""The register() of the site's plugins: their settings' defaults, then their generator."""

from pelican import signals


def generator_plugin(generator, configure=None):
    """register() for a plugin that adds `generator`; configure(settings) sets its defaults
    before generators copy the settings into the context."""

    # Made once per plugin, so connecting them again on the next build changes nothing;
    # register's closure keeps them alive (blinker holds receivers weakly).
    def on_initialized(pelican):
        configure(pelican.settings)

    def on_get_generators(pelican):
        return generator

    def register():
        if configure is not None:
            signals.initialized.connect(on_initialized)
        signals.get_generators.connect(on_get_generators)

    return register
