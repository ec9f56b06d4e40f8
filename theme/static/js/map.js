/* The maps, drawn with Leaflet (copied from node_modules by the maps plugin).
 *
 * [data-map] (/carte/): the build drew its first view (plugins/maps/preview.py); Leaflet
 * takes its place, on the same view, when the reader reaches for the map (pointer, finger,
 * keyboard, the filters), or at once when that view is no longer right. Then the places of
 * lieux.geojson are markers, an event's marker leaving once the event is over; the filter
 * form narrows the markers and the lists of places below the map alike, and the address
 * keeps the choice.
 * [data-place-map] (event, project and actor pages): one marker on the place, drawn when the
 * reader scrolls near it. Leaflet is loaded by this script (its files are named on the
 * map's element).
 * Popups are built as DOM nodes: no text of the content is read as HTML.
 */
(function () {
  "use strict";
  // What a place is ("montrer": event, project, actor, lender) and the agenda's filters: the
  // names of the map's form's lists (the network's map has its own: region…).
  var KEYS = ["montrer", "departement", "theme", "public", "type"];

  function tiles(container) {
    // detectRetina: on phones' dense screens, tiles of the next zoom at half size, so that
    // the names on the map stay sharp.
    return L.tileLayer(container.dataset.tiles, {
      attribution: container.dataset.attribution, maxZoom: Number(container.dataset.maxZoom), detectRetina: true
    });
  }

  function marker(latitude, longitude, kind, label) {
    var result = L.marker([latitude, longitude], {
      title: label, keyboard: true,
      icon: L.divIcon({ className: "map-marker map-marker--" + kind, iconSize: [18, 18] })
    });
    // A screen reader names the marker, as it would a button.
    result.on("add", function () { result.getElement().setAttribute("aria-label", label); });
    return result;
  }

  function popup(properties, root) {
    var box = document.createElement("div");
    box.className = "map-popup";
    if (properties.kind === "event" && properties.date_block) {
      // The theme's date block, as the build wrote it (describe.date_block).
      var block = document.createElement("span"), day = document.createElement("span"), month = document.createElement("span");
      block.className = "date-block";
      block.setAttribute("aria-hidden", "true");
      day.className = "date-block__day";
      day.textContent = properties.date_block.day;
      month.className = "date-block__month";
      month.textContent = properties.date_block.month;
      block.append(day, month);
      box.append(block);
    }
    var title = document.createElement("a");
    // A place of the site, or an event of the network, whose page is at its origin.
    title.href = /^https?:\/\//.test(properties.page) ? properties.page : root + "/" + properties.page;
    title.textContent = properties.title;
    var heading = document.createElement("strong");
    heading.append(title);
    box.append(heading);
    // Its lines as the build wrote them: dates, status, place; kind; what an actor lends.
    properties.lines.filter(Boolean).forEach(function (text) {
      var line = document.createElement("p");
      line.textContent = text;
      box.append(line);
    });
    return box;
  }

  function isOver(expires, now) {
    return Boolean(expires) && now >= Date.parse(expires);
  }

  function matches(filters, choice) {
    return KEYS.every(function (key) {
      return !choice[key] || (filters[key] || []).indexOf(choice[key]) >= 0;
    });
  }

  function listFilters(element) {
    var filters = {};
    KEYS.forEach(function (key) { filters[key] = (element.dataset[key] || "").split(" ").filter(Boolean); });
    return filters;
  }

  // The next step in a task of its own: the page stays responsive while the map is drawn.
  function step(work) {
    return new Promise(function (resolve) { setTimeout(function () { resolve(work()); }, 0); });
  }

  function setUpMap(container) {
    var form = document.querySelector("[data-map-filter]");
    var count = form.querySelector("[data-map-count]");
    KEYS = [].map.call(form.querySelectorAll("select"), function (select) { return select.name; });
    var root = container.dataset.root;
    // The credit line comes with the tiles: drawn before them, it would widen under the reader's eyes.
    var map = L.map(container, { scrollWheelZoom: false, fadeAnimation: false, attributionControl: false });
    var view = container.dataset.emptyView.split(" ").map(Number);
    var box = container.dataset.bounds ? container.dataset.bounds.split(" ").map(Number) : null;
    var region = box && [[box[0], box[1]], [box[2], box[3]]];
    if (region) map.fitBounds(region, { animate: false });
    else map.setView([view[0], view[1]], view[2]);
    // Markers that would overlap are grouped, and open as the reader zooms in.
    var shown = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, animate: false, chunkedLoading: true, chunkInterval: 25 })
      : L.featureGroup();
    var places = fetch(container.dataset.source).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });

    step(function () {
      // The build's first view stays under Leaflet's until its tiles are in.
      tiles(container).once("load", function () { container.querySelector("[data-map-preview]").remove(); }).addTo(map);
      L.control.attribution().addTo(map);
    }).then(function () { return places; }).then(function (data) {
      var now = Date.now();
      var markers = data.features.filter(function (feature) {
        return feature.geometry && !isOver(feature.properties.expires, now);
      }).map(function (feature) {
        var properties = feature.properties, point = feature.geometry.coordinates;
        var result = marker(point[1], point[0], properties.kind, properties.title);
        // Made when opened; kept below the zoom buttons, which would cover its title.
        result.bindPopup(function () { return popup(properties, root); }, { autoPanPaddingTopLeft: [8, 84] });
        result.properties = properties;
        return result;
      });

      function apply(moveMap) {
        var choice = {}, query = new URLSearchParams();
        form.querySelectorAll("select").forEach(function (select) {
          choice[select.name] = select.value;
          if (select.value) query.set(select.name, select.value);
        });
        history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
        shown.clearLayers();
        // In one call: the cluster group groups them once, not once per marker.
        var kept = markers.filter(function (item) { return matches(item.properties.filters, choice); });
        if (shown.addLayers) shown.addLayers(kept);
        else kept.forEach(function (item) { shown.addLayer(item); });
        var stamp = Date.now();
        document.querySelectorAll("[data-map-item]").forEach(function (item) {
          var live = item.querySelector("[data-expires]");
          var hidden = !matches(listFilters(item), choice)
            || (live !== null && isOver(live.dataset.expires, stamp));
          if (item.hidden !== hidden) item.hidden = hidden;      // what is already right is left alone
        });
        document.querySelectorAll(".map-group").forEach(function (group) {
          var list = group.querySelector(".map-list");
          if (!list) return;
          var empty = !list.querySelector("li:not([hidden])");
          if (group.hidden !== empty) group.hidden = empty;
        });
        var total = shown.getLayers().length;
        container.dataset.shown = total;
        count.textContent = total
          ? total + (total > 1 ? " lieux sur la carte." : " lieu sur la carte.")
          : "Aucun lieu ne correspond à votre choix.";
        // The region first; a filter fits the places it keeps.
        // Without animation: the markers a choice leaves are drawn at once, never in passing.
        if (!moveMap) return;
        if (region && !query.toString()) map.fitBounds(region, { animate: false });
        else if (total) map.fitBounds(shown.getBounds(), { padding: [24, 24], maxZoom: 13, animate: false });
      }

      var initial = new URLSearchParams(location.search);
      form.querySelectorAll("select").forEach(function (select) {
        if (initial.has(select.name)) select.value = initial.get(select.name);
      });
      form.addEventListener("change", function () { apply(true); });
      form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
      return step(function () {
        shown.addTo(map);
        var chosen = [].some.call(form.querySelectorAll("select"), function (select) { return select.value; });
        apply(!region || chosen);      // the region is already in view
        container.dataset.ready = "";
      });
    }).catch(function () {
      count.textContent = "La carte n’a pas pu charger les lieux\u00a0: la liste par département, plus bas, les donne tous.";
    });
  }

  var loading = {};

  // The libraries a map names (data-styles and data-scripts: Leaflet, its clusters), each
  // loaded once per page; the map is drawn once all are in, the scripts run in their order.
  function load(tag, url) {
    loading[url] = loading[url] || new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      if (tag === "link") { element.rel = "stylesheet"; element.href = url; } else element.src = url;
      element.onload = resolve;
      element.onerror = reject;
      document.head.append(element);
    });
    return loading[url];
  }

  function loadLibraries(container) {
    var names = function (key) { return (container.dataset[key] || "").split(" ").filter(Boolean); };
    var styles = names("styles").map(function (url) { return load("link", url); });
    return names("scripts").reduce(function (previous, url) {
      return previous.then(function () { return load("script", url); });
    }, Promise.all(styles));
  }

  function setUpPlaceMap(container) {
    var latitude = Number(container.dataset.lat), longitude = Number(container.dataset.lon);
    var map = L.map(container, { scrollWheelZoom: false, fadeAnimation: false }).setView([latitude, longitude], Number(container.dataset.zoom));
    tiles(container).addTo(map);
    marker(latitude, longitude, "place", container.dataset.label).addTo(map);
    container.dataset.ready = "";
  }

  function whenNear(container) {
    var watch = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      watch.disconnect();
      loadLibraries(container).then(function () { setUpPlaceMap(container); }, function () {
        container.hidden = true;       // Leaflet did not load: the links under the map stay
      });
    }, { rootMargin: "100px 0px" });
    watch.observe(container);
  }

  // The site's map: Leaflet when the reader reaches for it, or at once if the build's view is
  // no longer right (a choice in the address, an event over since the build).
  function whenWanted(container) {
    var tools = document.querySelector("[data-map-filter]").closest("details");
    var signs = ["pointerenter", "pointerdown", "touchstart", "wheel", "focus"];
    function start() {
      signs.forEach(function (name) { container.removeEventListener(name, start); });
      tools.removeEventListener("toggle", start);
      loadLibraries(container).then(function () { return step(function () { setUpMap(container); }); }, function () {
        // Leaflet did not load: the first view and the lists below stand for the map.
        document.querySelector("[data-map-count]").textContent = "La carte n’a pas pu charger\u00a0: la liste par département, plus bas, donne tous les lieux.";
      });
    }
    var now = Date.now();
    var stale = [].some.call(container.querySelectorAll("[data-expires]"), function (mark) { return isOver(mark.dataset.expires, now); });
    if (location.search || stale) return start();
    container.tabIndex = 0;       // the keyboard reaches it too, as it will reach Leaflet's map
    signs.forEach(function (name) { container.addEventListener(name, start, { passive: true }); });
    tools.addEventListener("toggle", start);
  }

  document.querySelectorAll("[data-place-map]").forEach(whenNear);
  document.querySelectorAll("[data-map]").forEach(whenWanted);
})();
