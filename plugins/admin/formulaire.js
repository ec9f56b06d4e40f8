/* The web form's own part, after Decap (which gives window.CMS and window.h, React's
   createElement). One preview for every type, with the site's own CSS, that reads the
   collection's fields (made from the content model): no second copy of the theme's
   templates. And what Decap cannot declare: the fields an image requires. */
(function () {
  "use strict";
  var CMS = window.CMS, h = window.h;
  var script = document.currentScript;
  var settings = JSON.parse(script.dataset.form);
  var ABOVE = ["title", "summary", "image", "image_alt", "image_credit", "body"];
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                "octobre", "novembre", "décembre"];
  var DAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

  // Absolute: the preview is a frame of its own.
  settings.styles.forEach(function (url) { CMS.registerPreviewStyle(new URL(url, document.baseURI).href); });

  // "2027-01-12 19:00" as the site writes it: « mardi 12 janvier 2027 à 19 h ».
  function moment(text) {
    var parts = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d))?/.exec(String(text));
    if (!parts) return String(text);
    var day = new Date(+parts[1], parts[2] - 1, +parts[3]);
    var words = DAYS[day.getDay()] + " " + (+parts[3] === 1 ? "1er" : +parts[3]) + " " +
                MONTHS[day.getMonth()] + " " + parts[1];
    if (parts[4]) words += " à " + (+parts[4]) + "\u00a0h" + (parts[5] === "00" ? "" : "\u00a0" + parts[5]);
    return words;
  }

  // A field's value in words: a choice by its label, an actor by its name (what Decap kept
  // of the entry picked), a place by its parts, a list joined.
  function shown(field, value, picked) {
    if (value === undefined || value === null || value === "") return "";
    if (value.toJS) value = value.toJS();
    var widget = field.get("widget"), options = field.get("options"), parts = field.get("fields");
    if (Array.isArray(value)) {
      return value.map(function (one) { return shown(field, one, picked); }).filter(Boolean).join(parts ? " ; " : ", ");
    }
    if (typeof value === "object" && parts) {
      var dates = parts.every(function (part) { return part.get("widget") === "datetime"; });
      return parts.map(function (part) { return shown(part, value[part.get("name")], picked); })
        .filter(Boolean).join(dates ? " – " : ", ");
    }
    if (widget === "boolean") return value === field.get("default") ? "" : (value ? "Oui" : "Non");
    if (widget === "datetime") return moment(value);
    if (widget === "relation") {
      return (picked && picked.getIn([field.get("name"), field.get("collection"), value, "title"])) || String(value);
    }
    var option = options && options.find(function (one) { return one.get && one.get("value") === value; });
    return option ? option.get("label") : String(value);
  }

  function Preview(props) {
    var data = props.entry.get("data"), collection = props.collection;
    var image = data.get("image") || data.get("logo");
    var label = collection.get("label_singular");
    var rows = collection.get("fields")
      .filter(function (field) { return ABOVE.indexOf(field.get("name")) < 0; })
      .map(function (field) {
        return [field.get("label"), shown(field, data.get(field.get("name")), props.fieldsMetaData)];
      })
      .filter(function (row) { return row[1]; })
      .toArray();
    return h("main", {id: "contenu"},
      h("article", {className: "item"},
        h("header", {className: "item__header"},
          h("p", {className: "kicker"}, label.charAt(0).toUpperCase() + label.slice(1)),
          h("h1", null, data.get("title") || "Sans titre"),
          data.get("summary") ? h("p", {className: "lead"}, data.get("summary")) : null,
          image ? h("figure", {className: "hero"},
            h("img", {src: props.getAsset(image).toString(), alt: data.get("image_alt") || ""}),
            data.get("image_credit") ? h("figcaption", {className: "credit"}, data.get("image_credit")) : null)
            : null),
        h("div", {className: "item__layout"},
          h("div", {className: "prose"}, props.widgetFor("body")),
          rows.length ? h("aside", {className: "item__aside", "aria-label": "En bref"},
            h("dl", {className: "facts"}, rows.map(function (row) {
              return h("div", {key: row[0]}, h("dt", null, row[0]), h("dd", null, row[1]));
            }))) : null)));
  }

  settings.collections.forEach(function (name) { CMS.registerPreviewTemplate(name, Preview); });

  // With an image, its description and its credit: the save stops and says which is missing.
  CMS.registerEventListener({name: "preSave", handler: function (event) {
    var data = event.entry.get("data");
    Object.keys(settings.required_with).forEach(function (given) {
      if (!data.get(given)) return;
      var missing = settings.required_with[given].filter(function (field) { return !data.get(field[0]); });
      if (missing.length) {
        var error = new Error("avec une image, remplissez aussi " +
                              missing.map(function (field) { return "« " + field[1] + " »"; }).join(" et ") + ".");
        error.name = "";      // Decap writes the error as text: the message alone
        throw error;
      }
    });
    return data;
  }});
}());
