/* The share bar (partials/share.html): Mastodon on the reader's own instance (asked once,
 * then remembered in this browser), and the page's address copied to the clipboard. */
(function () {
  "use strict";
  var KEY = "instance-mastodon";

  function say(bar, text) {
    var status = bar.querySelector("[data-share-status]");
    if (status) status.textContent = text;
  }

  document.querySelectorAll("[data-share-mastodon]").forEach(function (button) {
    button.addEventListener("click", function () {
      var known = "";
      try { known = localStorage.getItem(KEY) || ""; } catch (error) { /* private browsing */ }
      var answer = window.prompt("Votre instance Mastodon (par exemple : mastodon.social)", known);
      if (!answer) return;
      var host = answer.trim().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
      if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host)) {
        say(button.closest(".share"), "« " + answer + " » n’est pas une adresse d’instance.");
        return;
      }
      try { localStorage.setItem(KEY, host); } catch (error) { /* private browsing */ }
      window.open("https://" + host + "/share?text=" + encodeURIComponent(button.dataset.shareMastodon),
                  "_blank", "noopener");
    });
  });

  document.querySelectorAll("[data-share-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var bar = button.closest(".share");
      navigator.clipboard.writeText(button.dataset.shareCopy).then(function () {
        say(bar, "Lien copié.");
      }, function () {
        say(bar, "Copie impossible : " + button.dataset.shareCopy);
      });
    });
  });
})();
