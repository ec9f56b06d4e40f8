/* Keeps agenda and calls pages true between daily builds, and filters /agenda/ without reloading.
 *
 * Every event element carries data-start/data-end (its next occurrence) and
 * data-expires (when it is over); every call, data-expires (its deadline) and
 * data-soon (from when it closes soon). Ended events and closed calls are hidden
 * from lists of what is to come, and "En cours", "Clôture bientôt" and "Clôturée"
 * labels follow the reader's clock.
 * The filter loads the upcoming events (a-venir.json) once, on first use.
 */
(function () {
  "use strict";

  function badge(className, text, tag) {
    var element = document.createElement(tag || "strong");
    element.className = "badge " + className;
    element.textContent = text;
    return element;
  }

  // Writes only what differs from the page: a page built today stays as it is (no layout
  // work on load), one built yesterday is put right.
  function setHidden(element, hidden) {
    if (element.hidden !== hidden) element.hidden = hidden;
  }

  function showBadge(slot, className, text, tag) {
    var current = slot.firstElementChild;
    if (!className) {
      if (current) slot.replaceChildren();
    } else if (!current || current.className !== "badge " + className || current.textContent !== text) {
      slot.replaceChildren(badge(className, text, tag));
    }
  }

  function refresh(root) {
    var now = Date.now();
    root.querySelectorAll("[data-expires]").forEach(function (event) {
      var expired = now >= Date.parse(event.dataset.expires);
      var ongoing = !expired && Date.parse(event.dataset.start) <= now && now < Date.parse(event.dataset.end);
      var closingSoon = !expired && now >= Date.parse(event.dataset.soon);
      if (event.classList.contains("is-over") !== expired) event.classList.toggle("is-over", expired);  // past sessions greyed
      var item = event.closest("li");
      if (expired && item && event.closest("[data-hide-ended]")) setHidden(item, true);
      var slot = event.querySelector("[data-live-badge]");
      if (!slot) return;
      var endedLabel = event.dataset.endedLabel;     // calls say so in lists too
      if (ongoing) showBadge(slot, "badge--ongoing", "En cours");
      else if (closingSoon) showBadge(slot, "badge--soon", "Clôture bientôt");
      else if (expired && (endedLabel || slot.dataset.liveBadge === "page")) {
        showBadge(slot, "badge--past", endedLabel || "Terminé", "span");
      } else showBadge(slot, null);
    });
    root.querySelectorAll(".agenda-day").forEach(function (day) {
      setHidden(day, !day.querySelector("li:not([hidden])"));
    });
    root.querySelectorAll("[data-agenda-list]").forEach(function (list) {
      var items = list.querySelectorAll("[data-hide-ended] > li");
      var empty = list.querySelector("[data-agenda-empty]");
      if (empty) setHidden(empty, !items.length || !!list.querySelector("[data-hide-ended] > li:not([hidden])"));
    });
  }

  var FACETS = ["theme", "departement", "public", "type"];
  var SPRITE = "/theme/icons/themes.svg#";
  var plural = new Intl.PluralRules("fr");

  // "1 événement", "2 événements", "1 000 événements": French plural rules, grouped digits.
  function counted(count, singular, pluralForm) {
    var word = plural.select(count) === "one" ? singular : pluralForm || singular + "s";
    return count.toLocaleString("fr-FR") + " " + word;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // The same card as partials/cards.html: picture or placeholder, date block, title, when, place.
  function card(event, root) {
    var article = element("article", "card card--event" + (event.status !== "scheduled" ? " card--" + event.status : ""));
    article.style.setProperty("--tone-light", event.tone[0]);
    article.style.setProperty("--tone-dark", event.tone[1]);
    article.dataset.start = event.start;
    article.dataset.end = event.end;
    article.dataset.expires = event.expires;
    article.dataset.endedLabel = "Terminé";
    var body = element("div", "card__body");
    var title = element("h3", "card__title");
    var link = element("a", "", event.title);
    link.href = root + "/" + event.url;
    title.append(link);
    var meta = element("p", "card__meta");
    var slot = element("span");
    slot.dataset.liveBadge = "";
    meta.append(element("time", "", event.when), " ", slot);
    if (event.status !== "scheduled") meta.append(" ", badge("badge--" + event.status, event.status_label));
    body.append(title, meta, element("p", "card__place", event.place));
    var picture;
    if (event.image) {
      picture = element("span", "card__image");
      var image = element("img");
      image.src = root + "/" + event.image;
      image.alt = "";
      image.loading = "lazy";
      picture.append(image);
    } else {
      picture = element("span", "placeholder");
      picture.setAttribute("aria-hidden", "true");
      picture.innerHTML = '<svg viewBox="0 0 160 90" focusable="false"><use x="62" y="27" width="36" height="36"></use></svg>';
      picture.querySelector("use").setAttribute("href", root + SPRITE + event.icon);
    }
    // The day and month the build wrote (describe.date_block, the site's time).
    var block = element("span", "date-block");
    block.setAttribute("aria-hidden", "true");
    block.append(element("span", "date-block__day", event.date_block.day),
                 element("span", "date-block__month", event.date_block.month));
    article.append(body, picture, block);
    return article;
  }

  function render(events, container, root) {
    container.replaceChildren();
    var list = null;
    events.forEach(function (event) {
      if (!list || list.dataset.day !== event.day) {
        var section = element("section", "agenda-day");
        list = element("ul", "cards");
        list.dataset.day = event.day;
        list.setAttribute("data-hide-ended", "");
        section.append(element("h2", "", event.heading), list);
        container.append(section);
      }
      var item = element("li");
      item.append(card(event, root));
      list.append(item);
    });
  }

  // [from, to) of a quick date filter, in the reader's time.
  function period(name, now) {
    var day = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    function plus(date, days) { return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days); }
    var weekday = (day.getDay() + 6) % 7;            // Monday 0 … Sunday 6
    if (name === "aujourdhui") return [now, plus(day, 1)];
    if (name === "week-end") return [weekday >= 5 ? now : plus(day, 5 - weekday), plus(day, 7 - weekday)];
    if (name === "semaine") return [now, plus(day, 7 - weekday)];
    if (name === "mois") return [now, new Date(day.getFullYear(), day.getMonth() + 1, 1)];
    return null;
  }

  function matches(event, choice, now, skip) {
    if (now >= Date.parse(event.expires)) return false;
    for (var key of FACETS) {
      if (key !== skip && choice[key] && event[key].indexOf(choice[key]) < 0) return false;
    }
    if (skip !== "quand" && choice.quand) {
      var range = period(choice.quand, new Date(now));
      var within = (event.spans || [[event.start, event.end]]).some(function (span) {
        return Date.parse(span[0]) < range[1].getTime() && Date.parse(span[1]) > Math.max(range[0].getTime(), now);
      });
      if (!within) return false;
    }
    if (skip !== "tarif" && choice.tarif === "gratuit") return event.free;
    if (skip !== "tarif" && choice.tarif === "payant") return !event.free && !!event.price;
    return true;
  }

  function setUpFilter(form) {
    var root = form.dataset.root;
    var results = document.querySelector("[data-agenda-results]");
    var list = document.querySelector("[data-agenda-list]");
    var count = form.querySelector("[data-agenda-count]");
    var widen = form.querySelector("[data-agenda-widen]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var data = null;

    function load() {
      data = data || fetch(form.dataset.source).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
      return data;
    }

    function choices() {
      var choice = {};
      selects.forEach(function (select) { choice[select.name] = select.value; });
      return choice;
    }

    // Each option says how many events it would leave, the other choices kept: none is a dead end.
    function recount(events, choice, now) {
      FACETS.forEach(function (key) {
        var select = form.querySelector("select[name='" + key + "']");
        var kept = events.filter(function (event) { return matches(event, choice, now, key); });
        select.querySelectorAll("option[value]:not([value=''])").forEach(function (option) {
          var n = kept.filter(function (event) { return event[key].indexOf(option.value) >= 0; }).length;
          option.textContent = option.dataset.label + " (" + n + ")";
          option.disabled = n === 0 && option.value !== choice[key];
        });
      });
    }

    // An empty result offers to drop one choice, the one that gives back the most events first.
    function widenings(events, choice, now) {
      widen.replaceChildren();
      var offers = selects.filter(function (select) { return select.value; }).map(function (select) {
        var n = events.filter(function (event) { return matches(event, choice, now, select.name); }).length;
        return {select: select, count: n};
      }).filter(function (offer) { return offer.count; }).sort(function (a, b) { return b.count - a.count; });
      offers.forEach(function (offer) {
        var label = offer.select.options[offer.select.selectedIndex].dataset.label || offer.select.options[offer.select.selectedIndex].textContent;
        var button = element("button", "button button--secondary",
                             "Sans «\u00a0" + label + "\u00a0»\u00a0: " + counted(offer.count, "événement"));
        button.type = "button";
        button.addEventListener("click", function () { offer.select.value = ""; apply(); });
        widen.append(button);
      });
      widen.hidden = !offers.length;
    }

    function apply() {
      var choice = choices(), query = new URLSearchParams();
      selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
      history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
      load().then(function (agenda) {
        var now = Date.now();
        recount(agenda.events, choice, now);
        if (!query.toString()) {
          results.hidden = true;
          list.hidden = false;
          count.textContent = "";
          widen.hidden = true;
          return;
        }
        var found = agenda.events.filter(function (event) { return matches(event, choice, now); });
        render(found, results, root);
        refresh(results);
        results.hidden = false;
        list.hidden = true;
        count.textContent = found.length
          ? counted(found.length, "événement correspond", "événements correspondent") + " à votre choix."
          : "Aucun événement à venir ne correspond à votre choix.";
        if (found.length) widen.hidden = true;
        else widenings(agenda.events, choice, now);
      }).catch(function () {
        count.textContent = "Le filtre n’a pas pu charger les événements\u00a0: utilisez les pages «\u00a0Par département\u00a0», «\u00a0Par public\u00a0»…";
      });
    }

    var initial = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      if (initial.has(select.name)) select.value = initial.get(select.name);
    });
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply); });     // after the form has reset
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    if (initial.toString()) {
      var tools = form.closest("details");
      if (tools) tools.open = true;
      apply();
    }
  }

  refresh(document);
  setInterval(function () { refresh(document); }, 60000);
  document.querySelectorAll("[data-agenda-filter]").forEach(setUpFilter);
})();
