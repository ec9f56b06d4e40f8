"""French words to index terms, exactly as the browser turns a query into terms.

The index (lunr.py) and the queries (lunr.js with lunr-languages) must agree
term for term, or "écologie" typed in the box would miss "écologie" in the
index. Both sides run the same steps: lower-case, split on spaces, hyphens and
apostrophes ("l'écologie" is "l" + "écologie"), trim what is not a letter or a
digit, drop French stop words, fold accents, Snowball French stemmer.
The stop words and letters are read from the lunr-languages file the browser
loads, so the two lists cannot drift apart. The stemmer is the Snowball
project's own Python port (snowballstemmer), the algorithm lunr-languages
ports to JavaScript.
"""

import codecs
import os
import re
import sys

# lunr.py imports nltk, where it is installed, for the languages it would stem itself: two
# seconds (nltk imports scipy) for what this index never asks of it.
sys.modules.setdefault("nltk", None)

LUNR_FR = os.path.join("lunr-languages", "lunr.fr.js")
STOP_WORDS = re.compile(r"lunr\.fr\.stopWordFilter = lunr\.generateStopWordFilter\('([^']*)'")
WORD_CHARACTERS = re.compile(r'lunr\.fr\.wordCharacters = "([^"]*)"')
# The browser's tokenizer splits the same way (search.js).
SEPARATOR = re.compile(r"[\s\-'’]+")
# lunr-languages' accentFold-fr, letter for letter.
ACCENT_FOLD = str.maketrans({
    **dict.fromkeys("àáâäÀÁÂÄ", "a"), **dict.fromkeys("çÇ", "c"),
    **dict.fromkeys("éèêëÉÈÊË", "e"), **dict.fromkeys("îïÎÏ", "i"),
    **dict.fromkeys("ôöÔÖ", "o"), **dict.fromkeys("ùûüÙÛÜ", "u"),
    **dict.fromkeys("Ÿÿ", "y"), **dict.fromkeys("æÆ", "ae"), **dict.fromkeys("œŒ", "oe"),
})


class SearchSetupError(Exception):
    exitcode = 1


def read_lunr_french(node_modules):
    """(stop words, word characters) of lunr-languages' French, as the browser has them."""
    path = os.path.join(node_modules, LUNR_FR)
    try:
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
    except OSError:
        raise SearchSetupError(
            f"Recherche : {path} est introuvable. Lancez `invoke setup` (npm ci) pour installer "
            "lunr et lunr-languages, ou retirez « search » de PLUGINS (pelicanconf.py).") from None
    stop_words, characters = STOP_WORDS.search(source), WORD_CHARACTERS.search(source)
    if not (stop_words and characters):
        raise SearchSetupError(f"Recherche : {path} n'a plus la forme attendue (version de "
                               "lunr-languages différente de celle de package.json ?).")
    # Digits count as letters: "COP28", "2024" and "5G" stay searchable (search.js does the same).
    return (frozenset(stop_words.group(1).split(" ")),
            codecs.decode(characters.group(1), "unicode_escape") + "0-9")


def french_pipeline(stop_words, word_characters):
    """A lunr.py pipeline: trim, stop words, accent folding, stemmer (lunr-languages' order)."""
    import snowballstemmer
    from lunr.pipeline import Pipeline
    leading = re.compile(f"^[^{word_characters}]+")
    trailing = re.compile(f"[^{word_characters}]+$")
    stemmer = snowballstemmer.stemmer("french")

    def trimmer(token, i=None, tokens=None):
        token.update(lambda word, metadata: trailing.sub("", leading.sub("", word)))
        return token if token.string else None

    def stop_word_filter(token, i=None, tokens=None):
        return None if token.string in stop_words else token

    def accent_fold(token, i=None, tokens=None):
        return token.update(lambda word, metadata: word.translate(ACCENT_FOLD))

    def stem(token, i=None, tokens=None):
        return token.update(lambda word, metadata: stemmer.stemWord(word))

    pipeline = Pipeline()
    for function, label in ((trimmer, "trimmer-fr"), (stop_word_filter, "stopWordFilter-fr"),
                            (accent_fold, "accentFold-fr"), (stem, "stemmer-fr")):
        function.label = label    # lunr-languages' names, for lunr.py's pipeline
        pipeline.add(function)
    return pipeline


def term_maker(node_modules, known=None):
    """A function: text -> its index terms, in order (each distinct word is analysed once).
    known: {word: its term, or None}, from an earlier build; the words analysed are added."""
    from lunr.token import Token
    pipeline = french_pipeline(*read_lunr_french(node_modules))
    known = {} if known is None else known

    def term(word):
        if word not in known:
            tokens = pipeline.run([Token(word)])
            known[word] = tokens[0].string if tokens else None
        return known[word]

    def terms(text):
        return [found for found in map(term, SEPARATOR.split(text.lower())) if found]

    return terms
