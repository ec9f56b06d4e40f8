"""Counts said in French: the singular below two ("0 fichier", "1 fichier", "2 fichiers")."""


def counted(count, singular, plural=None):
    return f"{count} {singular if count < 2 else plural or singular + 's'}"
