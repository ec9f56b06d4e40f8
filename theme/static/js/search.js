/* The search page: queries the prebuilt index with lunr.js, results as you type.
 *
 * plugins/search/index.py describes the files: a manifest, term shards (a
 * query loads the shard of each of its words) and a store (what results show,
 * loaded for the results on screen). Words become terms exactly as
 * plugins/search/french.py made them for the index. Every word must match; the
 * word being typed matches as a prefix. Type and theme facets narrow the results.
 */
(function () {
  "use strict";

  var app = document.querySelector("[data-search]");
  if (!app || !window.fetch || !window.lunr || !lunr.fr) return;

  var PAGE_SIZE = 10;
  var MIN_PREFIX = 4;           // shorter words being typed match whole terms only: "cha*" is half the index
  var SEPARATOR = /[\s\-'’]+/;
  var WORD_CHARACTERS = lunr.fr.wordCharacters + "0-9";
  var WORD_CORE = new RegExp("^([^" + WORD_CHARACTERS + "]*)(.*?)([^" + WORD_CHARACTERS + "]*)$");

  var form = app.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var status = app.querySelector("[data-search-status]");
  var panel = app.querySelector("[data-search-app]");
  var facetsBox = app.querySelector("[data-search-facets]");
  var list = app.querySelector("[data-search-results]");
  var more = app.querySelector("[data-search-more]");
  var browse = app.querySelector("[data-search-browse]");
  var manifestUrl = new URL(app.dataset.manifest, location.href);
  var siteRoot = new URL(app.dataset.root, location.href);

  // The index's pipeline (french.py): trimmer, stop words, accent folding, stemmer.
  var trimmer = lunr.trimmerSupport.generateTrimmer(WORD_CHARACTERS);
  lunr.Pipeline.registerFunction(trimmer, "trimmer-fr-digits");
  var pipeline = new lunr.Pipeline();
  pipeline.add(trimmer, lunr.fr.stopWordFilter, lunr.fr.accentFold, lunr.fr.stemmer);
  var terms = Object.create(null);
  function termOf(word) {
    if (!(word in terms)) {
      var out = pipeline.run([new lunr.Token(word.toLowerCase())]);
      terms[word] = out.length && out[0].toString() ? out[0].toString() : null;
    }
    return terms[word];
  }

  // complete: the last word is finished (form submitted), so it is no prefix.
  function parseQuery(text, complete) {
    var words = text.split(SEPARATOR).filter(Boolean);
    var typing = !complete && !SEPARATOR.test(text.slice(-1));
    var clauses = [], seen = Object.create(null);
    words.forEach(function (word, position) {
      var term = termOf(word);
      if (!term) return;
      var prefix = typing && position === words.length - 1 && term.length >= MIN_PREFIX;
      var key = term + (prefix ? "*" : "");
      if (!seen[key]) clauses.push({ term: term, prefix: prefix });
      seen[key] = true;
    });
    return clauses;
  }

  // --- Files -----------------------------------------------------------------
  var manifest = null, fetched = Object.create(null), indexes = Object.create(null);

  function fetchJson(url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + " : " + response.status);
        return response.json();
      });
      fetched[url].catch(function () { delete fetched[url]; });
    }
    return fetched[url];
  }

  function indexFile(name) { return new URL(name, manifestUrl).href; }

  function loadManifest() {
    return fetch(manifestUrl.href, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      // "0ab,2": type digit, then theme numbers (index.py, document_facets).
      var width = data.theme_digits;
      data.facets = (data.documents ? data.documents.split(",") : []).map(function (code) {
        var numbers = [parseInt(code[0], 36)];
        for (var i = 1; i < code.length; i += width) numbers.push(parseInt(code.substr(i, width), 36));
        return numbers;
      });
      manifest = data;
      return data;
    });
  }

  // Positions of the shards a clause needs: the one holding its term, and for
  // a prefix every following shard whose first term starts with it.
  function shardPositions(clause) {
    var shards = manifest.shards, low = 0, high = shards.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (shards[middle][0] <= clause.term) low = middle; else high = middle - 1;
    }
    var positions = [low];
    while (clause.prefix && low + 1 < shards.length && shards[low + 1][0].lastIndexOf(clause.term, 0) === 0) {
      positions.push(++low);
    }
    return positions;
  }

  // A lunr index of some shards: lunr's serialised form, rebuilt (index.py, lunr_index_data).
  function lunrIndex(positions, shardTerms) {
    var key = positions.join(" ");
    if (indexes[key]) return indexes[key];
    var fields = manifest.fields, inverted = [], vectors = Object.create(null);
    shardTerms.forEach(function (entries) {
      entries.forEach(function (entry) {
        var termIndex = inverted.length, posting = { _index: termIndex };
        fields.forEach(function (field) { posting[field] = {}; });
        Object.keys(entry[1]).forEach(function (number) {
          var field = fields[number], flat = entry[1][number], document = 0;
          for (var i = 0; i < flat.length; i += 2) {
            document += flat[i];
            posting[field][document] = {};
            var ref = field + "/" + document;
            (vectors[ref] = vectors[ref] || []).push(termIndex, flat[i + 1] / 1000);
          }
        });
        inverted.push([entry[0], posting]);
      });
    });
    indexes[key] = lunr.Index.load({
      version: lunr.version, fields: fields, pipeline: [], invertedIndex: inverted,
      fieldVectors: Object.keys(vectors).map(function (ref) { return [ref, vectors[ref]]; })
    });
    return indexes[key];
  }

  function find(clauses) {
    if (!manifest.shards.length) return Promise.resolve([]);    // nothing searchable on the site
    var positions = [];
    clauses.forEach(function (clause) {
      shardPositions(clause).forEach(function (p) { if (positions.indexOf(p) < 0) positions.push(p); });
    });
    positions.sort(function (a, b) { return a - b; });
    return Promise.all(positions.map(function (p) {
      return fetchJson(indexFile(manifest.shards[p][1])).then(function (shard) { return shard.terms; });
    })).then(function (shardTerms) {
      return lunrIndex(positions, shardTerms).query(function (query) {
        clauses.forEach(function (clause) {
          query.term(clause.term, {
            usePipeline: false, presence: lunr.Query.presence.REQUIRED,
            wildcard: clause.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
          });
          // The whole word ranks above longer words it starts ("musées" before "muséum").
          if (clause.prefix) query.term(clause.term, { usePipeline: false, boost: 10 });
        });
      });
    });
  }

  // What the results show: the store file of each (fetchJson loads each file once).
  function shown(ids) {
    var store = manifest.store;
    return Promise.all(ids.map(function (id) {
      var number = Math.floor(id / store.chunk);
      var digest = store.digests.substr(number * store.digits, store.digits);
      return fetchJson(indexFile("d-" + number + "-" + digest + ".json"))
        .then(function (rows) { return rows[id % store.chunk]; });
    }));
  }

  // --- Facets ----------------------------------------------------------------
  var FACETS = [
    { key: "type", legend: "Type", values: function () { return manifest.types; },
      of: function (id) { return [manifest.facets[id][0]]; } },
    { key: "theme", legend: "Thématique", values: function () { return manifest.themes; },
      of: function (id) { return manifest.facets[id].slice(1); } }
  ];
  var selected = { type: [], theme: [] };

  function passes(id, except) {
    return FACETS.every(function (facet) {
      if (facet.key === except || !selected[facet.key].length) return true;
      var values = facet.values();
      return facet.of(id).some(function (number) { return selected[facet.key].indexOf(values[number][0]) >= 0; });
    });
  }

  function renderFacets(ids) {
    facetsBox.replaceChildren();
    FACETS.forEach(function (facet) {
      var values = facet.values(), counts = values.map(function () { return 0; });
      ids.forEach(function (id) {
        if (passes(id, facet.key)) facet.of(id).forEach(function (number) { counts[number]++; });
      });
      var items = [];
      values.forEach(function (value, number) {
        var checked = selected[facet.key].indexOf(value[0]) >= 0;
        if (!counts[number] && !checked) return;
        var item = document.createElement("li"), label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox"; box.name = facet.key; box.value = value[0]; box.checked = checked;
        label.append(box, value[1] + " (" + counts[number] + ")");
        item.append(label);
        items.push(item);
      });
      if (!items.length) return;
      var fieldset = document.createElement("fieldset"), legend = document.createElement("legend");
      var ul = document.createElement("ul");
      legend.textContent = facet.legend;
      ul.append.apply(ul, items);
      fieldset.append(legend, ul);
      facetsBox.append(fieldset);
    });
  }

  facetsBox.addEventListener("change", function (event) {
    var box = event.target, values = selected[box.name];
    if (box.checked) values.push(box.value);
    else values.splice(values.indexOf(box.value), 1);
    showResults(current, false);
    remember();
  });

  // --- Results ---------------------------------------------------------------
  function highlighted(text, matched) {
    var fragment = document.createDocumentFragment();
    text.split(/([\s\-'’]+)/).forEach(function (part) {
      var pieces = WORD_CORE.exec(part), term = pieces[2] && termOf(pieces[2]);
      if (!term || !matched[term]) { fragment.append(part); return; }
      var mark = document.createElement("mark");
      mark.textContent = pieces[2];
      fragment.append(pieces[1], mark, pieces[3]);
    });
    return fragment;
  }

  function resultItem(result, row) {
    var matched = result.matchData.metadata;
    var item = document.createElement("li"), type = document.createElement("p");
    var heading = document.createElement("h2"), link = document.createElement("a");
    var documentFacets = manifest.facets[result.ref];
    type.className = "card__type";
    type.textContent = manifest.types[documentFacets[0]][2];
    link.href = new URL(row[1], siteRoot).href;
    link.append(highlighted(row[0], matched));
    heading.append(link);
    item.append(type, heading);
    var end = (manifest.ends || {})[result.ref];
    if (end !== undefined && end <= Date.now() / 1000) {
      var over = document.createElement("span");
      over.className = "badge badge--past";
      over.textContent = documentFacets && manifest.types[documentFacets[0]][0] === "call" ? "Clôturée" : "Terminé";
      heading.append(" ", over);
    }
    if (row[2]) item.append(paragraph("card__meta", document.createTextNode(row[2])));
    if (row[3]) item.append(paragraph("card__summary", highlighted(row[3], matched)));
    var themes = documentFacets.slice(1).map(function (n) { return manifest.themes[n][1]; });
    if (themes.length) item.append(paragraph("tags", document.createTextNode(themes.join(" · "))));
    return item;
  }

  function paragraph(className, content) {
    var p = document.createElement("p");
    p.className = className;
    p.append(content);
    return p;
  }

  var current = null, generation = 0;

  // French plural rules (0 and 1 singular) and grouped digits, as plugins/engine/french.py.
  var pluralRules = new Intl.PluralRules("fr");
  function plural(count, word) {
    return count.toLocaleString("fr-FR") + " " + word + (pluralRules.select(count) === "one" ? "" : "s");
  }

  function showResults(search, keepPage) {
    var kept = search.results.filter(function (result) { return passes(+result.ref); });
    if (!keepPage) search.shownCount = PAGE_SIZE;
    var page = kept.slice(0, search.shownCount), mine = generation;
    renderFacets(search.results.map(function (result) { return +result.ref; }));
    return shown(page.map(function (result) { return +result.ref; })).then(function (rows) {
      if (mine !== generation) return;
      list.replaceChildren.apply(list, page.map(function (result, i) { return resultItem(result, rows[i]); }));
      more.hidden = kept.length <= page.length;
      panel.hidden = !search.results.length;
      browse.hidden = search.results.length > 0;
      var quoted = " pour «\u00a0" + search.text.trim() + "\u00a0»";
      if (!search.results.length) {
        status.textContent = "Aucun résultat" + quoted + ". Vérifiez l’orthographe, retirez un mot " +
          "ou essayez un mot plus général\u202f; vous pouvez aussi parcourir le site ci-dessous.";
      } else if (kept.length < search.results.length) {
        status.textContent = plural(kept.length, "résultat") + " sur " + search.results.length + quoted + ".";
      } else {
        status.textContent = plural(kept.length, "résultat") + quoted + ".";
      }
    });
  }

  more.addEventListener("click", function () {
    current.shownCount += PAGE_SIZE;
    var focusFrom = list.children.length;
    showResults(current, true).then(function () {
      var next = list.children[focusFrom] && list.children[focusFrom].querySelector("a");
      if (next) next.focus();
    });
  });

  function clear() {
    current = null;
    list.replaceChildren();
    facetsBox.replaceChildren();
    panel.hidden = true;
    browse.hidden = false;
    status.textContent = "";
  }

  function run(complete) {
    var text = input.value, mine = ++generation;
    var clauses = parseQuery(text, complete);
    if (!clauses.length) { clear(); return Promise.resolve(); }
    return (manifest ? Promise.resolve(manifest) : loadManifest()).then(function () {
      return find(clauses);
    }).then(function (results) {
      if (mine !== generation) return;
      // What is open or to come first, what is over after it (each part in lunr's order).
      var now = Date.now() / 1000, ends = manifest.ends || {};
      var isOver = function (result) { return ends[result.ref] !== undefined && ends[result.ref] <= now; };
      results = results.filter(function (r) { return !isOver(r); }).concat(results.filter(isOver));
      current = { text: text, results: results };
      return showResults(current, false);
    }).catch(function () {
      if (mine !== generation) return;
      status.textContent = "La recherche n’a pas pu charger son index. Vérifiez votre connexion et réessayez.";
    });
  }

  // The address keeps the query and facets: reload, back and sharing show the same results.
  function remember() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    FACETS.forEach(function (facet) {
      selected[facet.key].forEach(function (value) { params.append(facet.key, value); });
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(false); remember(); }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(true);
    remember();
  });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  FACETS.forEach(function (facet) { selected[facet.key] = params.getAll(facet.key); });
  // How this page turns text into index terms (tests compare it with the index's).
  window.siteSearch = { terms: function (text) { return parseQuery(text, true).map(function (c) { return c.term; }); } };
  app.dataset.ready = "";
  if (input.value) run(true);
})();
