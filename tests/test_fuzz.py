"""Property-based fuzzing of contributions (Hypothesis).

Front matters are drawn from the content model's own fields, with values of
every kind (texts with any character, numbers, lists, mappings, real and
impossible dates, places with wild coordinates), plus arbitrary header text.
The check must either accept a file or reject it naming the file and a field;
it never crashes. Accepted files are then built: each published one has its
page and its sitemap entry, drafts and future ones are left out on purpose;
none vanishes.

Bounded for CI (profile "ci", the default, about 20 s); `HYPOTHESIS_PROFILE=long
FUZZ_BUILDS=100 pytest tests/test_fuzz.py` runs far more examples.
"""

import datetime as dt
import os
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import FIXED_NOW, build
from content_model.documents import check_references, read_document
from content_model.model import TYPES

# "ci" draws the same examples each run (a red check names a real bug, not bad luck);
# "long" draws new ones each time.
settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
# The counts the last test reads are this process's: with pytest-xdist, the module's tests run together.
pytestmark = pytest.mark.xdist_group("fuzz")

CONTRIBUTION_TYPES = [ctype for ctype in TYPES if ctype.name != "page"]
NOW = dt.datetime.fromisoformat(FIXED_NOW)
COUNTS = Counter()

printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
any_text = st.one_of(printable, printable, st.text(max_size=60))       # control characters, sometimes
date_text = st.one_of(
    st.from_regex(r"\A\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?\Z"),
    st.from_regex(r"\A20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[ T]([01][0-9]|2[0-3]):[0-5][0-9]"
                  r"(Z|[+-](0[0-9]|1[0-4]):?[0-5][0-9])?\Z"),
    any_text)
dates = st.one_of(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
                  st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
                  date_text)
scalars = st.one_of(any_text, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(), dates)
places = st.fixed_dictionaries(
    {"name": st.one_of(any_text, scalars), "city": st.one_of(any_text, scalars)},
    optional={"address": any_text, "postcode": st.one_of(st.from_regex(r"\A\d{5}\Z"), any_text),
              "lat": st.one_of(st.floats(-100, 100), any_text), "lon": st.one_of(st.floats(-200, 200), any_text),
              "étage": any_text})
values = st.one_of(scalars, st.lists(scalars, max_size=4), places, st.dictionaries(any_text, scalars, max_size=3))


sessions = st.lists(st.fixed_dictionaries({"start": dates}, optional={"end": dates}), max_size=3)
slugs = st.one_of(st.from_regex(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z"), any_text)
# By the kind a field has in the model (kinds.py): values of its own kind, or of any kind.
BY_KIND = {
    "Text": any_text, "Slug": slugs, "Reference": slugs, "Choice": any_text,
    "Instant": dates, "Moment": dates, "Sessions": sessions, "Location": places,
    "ListOf": st.lists(st.one_of(any_text, slugs), max_size=4),
    "Image": st.one_of(st.just("photo.png"), any_text),
    "Boolean": st.one_of(st.booleans(), st.sampled_from(["oui", "non", "peut-être"])),
    "Lang": st.sampled_from(["fr", "en", "xx", "français"]),
    "Url": st.one_of(st.from_regex(r"\Ahttps?://[a-z]{1,10}\.fr/[a-z0-9/?=&%-]{0,20}\Z"), any_text),
}


def field_values(spec):
    own = BY_KIND[type(spec.kind).__name__]
    return st.one_of(st.just(example(spec)), own, own, values)   # weighted


def plausible(ctype):
    """A front matter: the type's own fields, with values of their kind or of any kind."""
    return st.fixed_dictionaries({}, optional={**{name: field_values(spec) for name, spec in ctype.fields.items()},
                                               "inconnu": values})


def yaml_header(fields):
    return yaml.safe_dump(fields, allow_unicode=True, default_flow_style=False, sort_keys=False)


# Examples that name other files (an image, an actor) would be refused here, and the
# draft one would keep most files out of the site: these come only as odd values.
LEFT_OUT = {"image", "image_alt", "logo", "actors", "organizer", "provider", "draft", "communities", "members"}


def example(spec):
    return yaml.safe_load(spec.example_line)[spec.name]


@st.composite
def near_valid(draw, ctype):
    """The model's examples for the required fields and some others, then one or two fields
    given values of their kind or of any kind: mostly accepted files, each a little odd."""
    fields = {name: example(spec) for name, spec in ctype.fields.items()
              if spec.required or (name not in LEFT_OUT and draw(st.booleans()))}
    for name in draw(st.lists(st.sampled_from(sorted(ctype.fields)), max_size=2, unique=True)):
        fields[name] = draw(field_values(ctype.fields[name]))
    return fields


@st.composite
def contributions(draw):
    ctype = draw(st.sampled_from(CONTRIBUTION_TYPES))
    kind = draw(st.integers(0, 9))
    if kind == 0:                   # a header that is not even YAML
        header = draw(st.text(max_size=200))
    elif kind <= 5:
        header = yaml_header(draw(near_valid(ctype)))
    else:
        header = yaml_header(draw(plausible(ctype)))
    body = draw(st.one_of(st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), max_size=200),
                          st.text(max_size=200)))
    return ctype, f"---\n{header}\n---\n{body}"


def examine(path, ctype, content):
    """read_document(), which must not raise; every problem names this file and a field."""
    document = read_document(str(path), ctype, str(content))
    for problem in document.problems:
        assert problem.path.endswith(path.name) and problem.field and problem.message and problem.fix
    return document


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


@pytest.mark.slow
@given(contribution=contributions())
def test_the_check_accepts_or_names_file_and_field_never_crashes(tmp_path, contribution):
    ctype, text = contribution
    path = tmp_path / "content" / ctype.folder / "fuzz.md"
    write(path, text)
    document = examine(path, ctype, tmp_path / "content")
    COUNTS["check: " + ("rejected" if document.has_errors else "accepted")] += 1


def is_published(document):
    date = document.fields.get("date")
    return not document.fields.get("draft") and not (date and date > NOW)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("FUZZ_BUILDS", 8)))
@given(batch=st.lists(contributions(), min_size=3, max_size=8))
def test_accepted_contributions_are_all_built_and_none_vanishes(tmp_path_factory, batch):
    folder = tmp_path_factory.mktemp("fuzz-site")
    content = folder / "content"
    paths = []
    for number, (ctype, text) in enumerate(batch):
        paths.append((content / ctype.folder / f"fuzz-{number}.md", ctype))
        write(paths[-1][0], text)
    while True:       # rejected files leave; those left may then lose a reference: again
        accepted = [examine(path, ctype, content) for path, ctype in paths]
        check_references(accepted, {})
        rejected = [document for document in accepted if document.has_errors]
        if not rejected:
            break
        for document in rejected:
            Path(document.path).unlink()
        paths = [(path, ctype) for path, ctype in paths if path.exists()]
    assume(accepted)
    output = build(content, folder / "output")
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for document in accepted:
        pages = list(output.rglob(f"{document.slug}/index.html"))
        listed = f"/{document.slug}/</loc>" in sitemap
        if is_published(document):
            assert pages and listed, document.path
            COUNTS["build: published"] += 1
        else:
            assert not listed, document.path
            COUNTS["build: draft or future, left out"] += 1


@pytest.mark.slow
def test_fuzzing_reached_both_outcomes():
    """Runs after the two above (file order): the fuzzer must have produced accepted and
    rejected files, and built some; the counts are printed for the record."""
    print("\nFuzzing :", dict(COUNTS))
    assert COUNTS["check: accepted"] > 0 and COUNTS["check: rejected"] > 0
    assert COUNTS["build: published"] > 0
