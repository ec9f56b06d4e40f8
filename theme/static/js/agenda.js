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

  function refresh(root) {
    var now = Date.now();
    root.querySelectorAll("[data-expires]").forEach(function (event) {
      var expired = now >= Date.parse(event.dataset.expires);
      var ongoing = !expired && Date.parse(event.dataset.start) <= now && now < Date.parse(event.dataset.end);
      var closingSoon = !expired && now >= Date.parse(event.dataset.soon);
      event.classList.toggle("is-over", expired);      // past sessions of a series are greyed
      var item = event.closest("li");
      if (expired && item && event.closest("[data-hide-ended]")) item.hidden = true;
      var slot = event.querySelector("[data-live-badge]");
      if (!slot) return;
      slot.replaceChildren();
      var endedLabel = event.dataset.endedLabel;     // calls say so in lists too
      if (ongoing) slot.append(badge("badge--ongoing", "En cours"));
      else if (closingSoon) slot.append(badge("badge--soon", "Clôture bientôt"));
      else if (expired && (endedLabel || slot.dataset.liveBadge === "page")) {
        slot.append(badge("badge--past", endedLabel || "Terminé", "span"));
      }
    });
    root.querySelectorAll(".agenda-day").forEach(function (day) {
      day.hidden = !day.querySelector("li:not([hidden])");
    });
    root.querySelectorAll("[data-agenda-list]").forEach(function (list) {
      var items = list.querySelectorAll("[data-hide-ended] > li");
      var empty = list.querySelector("[data-agenda-empty]");
      if (empty) empty.hidden = !items.length || !!list.querySelector("[data-hide-ended] > li:not([hidden])");
    });
  }

  function card(event, root) {
    var article = document.createElement("article");
    article.className = "card card--event" + (event.status !== "scheduled" ? " card--" + event.status : "");
    article.dataset.start = event.start;
    article.dataset.end = event.end;
    article.dataset.expires = event.expires;
    var title = document.createElement("h3");
    title.className = "card__title";
    var link = document.createElement("a");
    link.href = root + "/" + event.url;
    link.textContent = event.title;
    title.append(link);
    var meta = document.createElement("p");
    meta.className = "card__meta";
    var when = document.createElement("time");
    when.textContent = event.when;
    var slot = document.createElement("span");
    slot.dataset.liveBadge = "";
    meta.append(when, " ", slot);
    if (event.status !== "scheduled") meta.append(" ", badge("badge--" + event.status, event.status_label));
    var place = document.createElement("p");
    place.className = "card__place";
    place.textContent = event.place;
    article.append(title, meta, place);
    return article;
  }

  function render(events, container, root) {
    container.replaceChildren();
    var list = null;
    events.forEach(function (event) {
      if (!list || list.dataset.day !== event.day) {
        var section = document.createElement("section");
        section.className = "agenda-day";
        var heading = document.createElement("h2");
        heading.textContent = event.heading;
        list = document.createElement("ul");
        list.className = "cards";
        list.dataset.day = event.day;
        list.setAttribute("data-hide-ended", "");
        section.append(heading, list);
        container.append(section);
      }
      var item = document.createElement("li");
      item.append(card(event, root));
      list.append(item);
    });
  }

  function matches(event, choice, now) {
    if (now >= Date.parse(event.expires)) return false;
    for (var key of ["departement", "public", "type"]) {
      if (choice[key] && event[key].indexOf(choice[key]) < 0) return false;
    }
    if (choice.tarif === "gratuit") return event.free;
    if (choice.tarif === "payant") return !event.free && !!event.price;
    return true;
  }

  function setUpFilter(form) {
    var root = form.dataset.root;
    var results = document.querySelector("[data-agenda-results]");
    var list = document.querySelector("[data-agenda-list]");
    var count = form.querySelector("[data-agenda-count]");
    var data = null;
    form.hidden = false;

    function load() {
      data = data || fetch(form.dataset.source).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
      return data;
    }

    function apply() {
      var choice = {}, query = new URLSearchParams();
      form.querySelectorAll("select").forEach(function (select) {
        choice[select.name] = select.value;
        if (select.value) query.set(select.name, select.value);
      });
      history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
      if (!query.toString()) {
        results.hidden = true;
        list.hidden = false;
        count.textContent = "";
        return;
      }
      load().then(function (agenda) {
        var now = Date.now();
        var found = agenda.events.filter(function (event) { return matches(event, choice, now); });
        render(found, results, root);
        refresh(results);
        results.hidden = false;
        list.hidden = true;
        count.textContent = found.length
          ? found.length + (found.length > 1 ? " événements correspondent" : " événement correspond") + " à votre choix."
          : "Aucun événement à venir ne correspond à votre choix.";
      }).catch(function () {
        count.textContent = "Le filtre n'a pas pu charger les événements : utilisez les pages « Par département », « Par public »…";
      });
    }

    var initial = new URLSearchParams(location.search);
    form.querySelectorAll("select").forEach(function (select) {
      if (initial.has(select.name)) select.value = initial.get(select.name);
    });
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    if (initial.toString()) apply();
  }

  refresh(document);
  setInterval(function () { refresh(document); }, 60000);
  document.querySelectorAll("[data-agenda-filter]").forEach(setUpFilter);
})();
