"""The digest's generator: a page and an e-mail version per week, the index, and
context["digest_issues"] for the feeds plugin (which runs after it).

Reads the content model's context: `articles`, `resources`, `calls`, `dossiers`, `projects`,
`events`, `themes`, `now`.
"""

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from types import SimpleNamespace

from pelican.generators import Generator

from content_model import french_dates
from content_model.describe import occurrences, summary_line
from engine.french import counted, typographic

OTHER_SUBJECTS = "Autres sujets"
DIGEST_TYPE = SimpleNamespace(name="digest", label="lettre")


@dataclass
class Issue:
    """One week's digest. It also answers what the feeds plugin asks of an item."""
    monday: dt.date
    url: str
    published: list          # articles, resources, calls, dossiers and projects dated in the week, oldest first
    events: list             # events with an occurrence in the weeks after, by start
    sections: list = field(default_factory=list)   # [(theme label, [items])]
    session_texts: dict = field(default_factory=dict)   # series' slug -> their sessions in these weeks
    ctype = DIGEST_TYPE
    theme_slugs = ()
    tag_list = ()
    authors = ()
    picture = None

    @property
    def week(self):
        year, week, _ = self.monday.isocalendar()
        return f"{year}-{week:02d}"

    @property
    def slug(self):
        return f"lettre-{self.week}"

    @property
    def title(self):
        sunday = self.monday + dt.timedelta(days=6)
        return f"La lettre de la semaine du {french_dates.date_span(self.monday, sunday)}"

    @property
    def date(self):
        """When the week's content was last dated (never the clock): its newest item, or its Monday."""
        return max((item.date for item in self.published), default=self.start)

    @property
    def start(self):
        return dt.datetime.combine(self.monday, dt.time(), self.published[0].date.tzinfo if self.published
                                   else dt.UTC)

    @property
    def summary_text(self):
        return (f"{counted(len(self.published), 'publication')} cette semaine et "
                f"{counted(len(self.events), 'événement')} dans les semaines qui viennent.")

    def detail(self, item):
        """The line under an item's title (the sessions of these weeks, for a series)."""
        return summary_line(item, when=self.session_texts.get(item.slug))

    def get_content(self, siteurl):
        return self.render_body(issue=self, SITEURL=siteurl)


def week_monday(moment):
    return moment.date() - dt.timedelta(days=moment.weekday())


def first_theme(item, themes):
    return next((themes[slug]["label"] for slug in item.theme_slugs if slug in themes), OTHER_SUBJECTS)


def sections(items, themes):
    """[(label, items)] in the order of themes.yaml, other subjects last; an item under its first theme."""
    grouped = {}
    for item in items:
        grouped.setdefault(first_theme(item, themes), []).append(item)
    order = [theme["label"] for theme in themes.values()] + [OTHER_SUBJECTS]
    return [(label, grouped[label]) for label in order if label in grouped]


def occurrence_index(events):
    """Every occurrence of every event as (day, start, slug, event, span), sorted: each
    week's digest then takes its days with a bisection, not a pass over all events."""
    return sorted(((span["start"].date(), span["start"], event.slug, event, span)
                   for event in events for span in occurrences(event)), key=lambda entry: entry[:3])


def events_between(index, first_day, last_day):
    """Events with an occurrence starting from first_day to last_day (included), by their first
    such start; and {slug: what to say of the sessions in those days} for series."""
    first = bisect_left(index, first_day, key=itemgetter(0))
    last = bisect_right(index, last_day, lo=first, key=itemgetter(0))
    spans_of = {}
    for _, _, slug, event, span in index[first:last]:
        spans_of.setdefault(slug, (event, []))[1].append(span)
    session_texts = {}
    for slug, (event, spans) in spans_of.items():
        if event.session_list:
            # A series runs for months: the reader wants the sessions of these weeks.
            label = "Séance" if len(spans) == 1 else "Séances"
            session_texts[slug] = f"{label} : " + " ; ".join(span["when_text"] for span in spans)
    return [event for event, _ in spans_of.values()], session_texts


def weekly_issues(context, base, event_weeks):
    """[Issue] newest first: every week with publications, and the current week."""
    published = sorted(context["articles"] + context["resources"] + context["calls"] + context["dossiers"]
                       + context["projects"],
                       key=lambda item: (item.date, item.slug))
    by_week = {}
    for item in published:
        by_week.setdefault(week_monday(item.date), []).append(item)
    by_week.setdefault(week_monday(context["now"]), [])
    index = occurrence_index(context["events"])
    issues = []
    for monday, items in sorted(by_week.items(), reverse=True):
        next_monday = monday + dt.timedelta(days=7)
        events, session_texts = events_between(index, next_monday,
                                               next_monday + dt.timedelta(days=7 * event_weeks - 1))
        if items or events:
            year, week, _ = monday.isocalendar()
            issues.append(Issue(monday, f"{base}{year}-{week:02d}/", items, events,
                                sections(items + events, context["themes"]), session_texts))
    return issues


def plain_text(issue, siteurl):
    """The e-mail's plain-text alternative."""
    lines = [issue.title, "=" * len(issue.title), "", issue.summary_text, "",
             f"Version en ligne : {siteurl}/{issue.url}", ""]
    for label, items in issue.sections:
        lines += [label, "-" * len(label), ""]
        for item in items:
            lines += [f"* {item.title}", f"  {item.ctype.label.capitalize()} · {issue.detail(item)}",
                      f"  {siteurl}/{item.url}", ""]
    return typographic("\n".join(lines))


class DigestGenerator(Generator):

    def generate_context(self):
        settings, context = self.settings, self.context
        base = settings["DIGEST_URL"]
        self.issues = weekly_issues(context, base, settings["DIGEST_EVENT_WEEKS"])
        body = self.get_template("partials/digest_body")
        for issue in self.issues:
            issue.render_body = body.render
        context["digest_issues"] = self.issues
        context["digest"] = {"url": base, "feed_title": f"{settings['SITENAME']} — La lettre"}
        context.setdefault("index_urls", []).extend([base] + [issue.url for issue in self.issues])

    def generate_output(self, writer):
        settings = self.settings
        write = partial(writer.write_file, context=self.context, section="digest")
        public = settings["PUBLIC_SITEURL"]
        for issue in self.issues:
            write(issue.url + "index.html", self.get_template("digest"), relative_urls=settings["RELATIVE_URLS"],
                  page_url=issue.url, issue=issue)
            # Sent by e-mail, read anywhere: absolute URLs to the public site.
            write(issue.url + "email.html", self.get_template("digest_email"), relative_urls=False,
                  page_url=issue.url + "email.html", issue=issue, SITEURL=public, noindex=True,
                  image_width=settings["DIGEST_EMAIL_IMAGE_WIDTH"])
            # Made from the items themselves: a title or a status changes the text.
            writer.write_data(issue.url + "email.txt", partial(plain_text, issue, public), issue.title,
                              issue.url, issue.summary_text, issue.sections)
        write(settings["DIGEST_URL"] + "index.html", self.get_template("digests"),
              relative_urls=settings["RELATIVE_URLS"], page_url=settings["DIGEST_URL"])
