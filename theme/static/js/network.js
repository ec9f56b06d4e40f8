/* L'agenda du réseau (/reseau/agenda/): the filter reads a-venir.json once, when a reader
 * first chooses, and draws the cards of the events that match in place of the page's
 * list, as the build draws them. Without scripts the form stays hidden and the pages list
 * every event. What sister sites send is set as text, and links go to http(s) only. */
(function () {
  "use strict";
  var form = document.querySelector("[data-network-filter]");
  if (!form || !window.fetch) return;
  var list = document.querySelector("[data-network-list]");
  var count = form.querySelector("[data-network-count]");
  var pagination = document.querySelector(".pagination");
  var original = Array.prototype.slice.call(list.children);
  var records = null;
  var SVG = "http://www.w3.org/2000/svg";
  form.hidden = false;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(url, text) {
    if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return document.createTextNode(text);
    var anchor = element("a", "", text);
    anchor.href = url;
    return anchor;
  }

  function placeholder(icon) {
    var box = element("span", "placeholder");
    box.setAttribute("aria-hidden", "true");
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 160 90");
    svg.setAttribute("focusable", "false");
    var use = document.createElementNS(SVG, "use");
    use.setAttribute("href", form.dataset.root + "/theme/icons/themes.svg#" + encodeURIComponent(icon));
    [["x", "62"], ["y", "27"], ["width", "36"], ["height", "36"]].forEach(function (pair) { use.setAttribute(pair[0], pair[1]); });
    svg.appendChild(use);
    box.appendChild(svg);
    return box;
  }

  function card(record) {
    var article = element("article", "card card--event" + (record.status !== "scheduled" ? " card--" + record.status : ""));
    article.style.setProperty("--tone-light", record.tone[0]);
    article.style.setProperty("--tone-dark", record.tone[1]);
    var body = element("div", "card__body");
    body.appendChild(element("p", "card__type", record.region));
    var title = element("h2", "card__title");
    title.appendChild(link(record.url, record.title));
    body.appendChild(title);
    var meta = element("p", "card__meta");
    var time = element("time", "", record.when);
    time.setAttribute("datetime", record.start);
    meta.appendChild(time);
    if (record.status !== "scheduled" && record.status_label) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(element("strong", "badge badge--" + record.status, record.status_label));
    }
    body.appendChild(meta);
    body.appendChild(element("p", "card__place", record.place));
    if (record.summary) body.appendChild(element("p", "card__summary", record.summary));
    var origin = element("p", "card__origin", "Annoncé par ");
    record.origins.forEach(function (entry, index) {
      if (index) origin.appendChild(document.createTextNode(", "));
      origin.appendChild(link(entry.url, entry.site));
    });
    body.appendChild(origin);
    article.appendChild(body);
    article.appendChild(placeholder(record.icon));
    var block = element("span", "date-block");
    block.setAttribute("aria-hidden", "true");
    block.appendChild(element("span", "date-block__day", record.date_block.day));
    block.appendChild(element("span", "date-block__month", record.date_block.month));
    article.appendChild(block);
    var item = element("li");
    item.appendChild(article);
    return item;
  }

  // The filter's lists, by name (region, departement, theme, public); a record has the slugs
  // of its values under the same names, as the map's places do.
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function matches(record, choice) {
    return selects.every(function (select) {
      return !choice[select.name] || (record.filters[select.name] || []).indexOf(choice[select.name]) >= 0;
    });
  }

  function replaceList(items) {
    list.textContent = "";
    items.forEach(function (item) { list.appendChild(item); });
  }

  function show() {
    var choice = {}, any = false;
    selects.forEach(function (select) {
      choice[select.name] = select.value;
      any = any || Boolean(select.value);
    });
    if (pagination) pagination.hidden = any;
    if (!any) {
      replaceList(original);
      count.textContent = "";
      return;
    }
    var found = records.filter(function (record) { return matches(record, choice); });
    replaceList(found.length ? found.map(card) : [element("li", "empty", "Aucun événement à venir ne correspond à ces choix.")]);
    count.textContent = found.length + (found.length > 1 ? " événements" : " événement");
  }

  function update() {
    if (records) return show();
    count.textContent = "Chargement…";
    fetch(form.dataset.source).then(function (response) { return response.json(); }).then(function (data) {
      records = data.events || [];
      show();
    }).catch(function () {
      count.textContent = "Le filtre n’a pas pu charger les événements\u00a0: les pages ci-dessous les donnent tous.";
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("reset", function () { setTimeout(update, 0); });
})();
