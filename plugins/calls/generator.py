"""The calls' two list pages, paginated like every list (the `list` template's pagination)."""

from functools import partial

from pelican.generators import Generator

from content_model.generator import write_list


class CallsGenerator(Generator):

    def generate_context(self):
        settings, context = self.settings, self.context
        urls = {"open": settings["CALLS_URL"], "archives": settings["CALLS_ARCHIVES_URL"]}
        context["calls_urls"] = urls
        self.lists = [
            dict(url=urls["open"], items=context["open_calls"], title="Annonces", open=True,
                 empty="Aucune annonce ouverte pour le moment : voyez les annonces clôturées."),
            dict(url=urls["archives"], items=context["closed_calls"], title="Annonces clôturées",
                 open=False, empty="Aucune annonce clôturée pour le moment."),
        ]
        for page in self.lists:
            page.update(save_as=page["url"] + "index.html", section="call")
        context.setdefault("index_urls", []).extend(urls.values())

    def generate_output(self, writer):
        write = partial(writer.write_file, context=self.context, relative_urls=self.settings["RELATIVE_URLS"])
        for page in self.lists:
            write_list(write, self.get_template("calls"), page)
