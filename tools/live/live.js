// The dev server's script (tools/live), added to each page as it is served, never written
// into the site: reloads the page when a save changed it, shows a contribution error over
// the page until it is fixed.
(() => {
  const events = new EventSource(`/_live/events?page=${encodeURIComponent(location.pathname)}`);
  let overlay = null;

  function show(message) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "live-probleme";
    const shadow = overlay.attachShadow({ mode: "open" });
    shadow.innerHTML = `
      <style>
        :host { all: initial; }
        section { position: fixed; inset: auto 0 0 0; z-index: 2147483647; max-height: 70vh; overflow: auto;
          margin: 0; padding: 1rem 1.25rem 1.25rem; background: #fff8f0; color: #3b1306;
          border-top: 4px solid #b3261e; box-shadow: 0 -6px 24px rgb(0 0 0 / 25%);
          font: 1rem/1.5 "Source Sans 3", system-ui, sans-serif; }
        h2 { margin: 0 0 .5rem; font-size: 1.1rem; }
        p { margin: 0 0 .75rem; }
        pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font: .9rem/1.5 ui-monospace, monospace; }
        button { float: right; font: inherit; padding: .25rem .75rem; cursor: pointer; }
        @media (prefers-color-scheme: dark) {
          section { background: #2b1410; color: #ffe9e3; }
        }
      </style>
      <section role="alert" aria-labelledby="titre">
        <button type="button">Masquer</button>
        <h2 id="titre">La dernière modification ne peut pas être publiée</h2>
        <p>Le site affiché est celui de la dernière construction réussie. Corrigez ceci, puis enregistrez :</p>
        <pre></pre>
      </section>`;
    shadow.querySelector("pre").textContent = message;
    shadow.querySelector("button").addEventListener("click", hide);
    document.body.append(overlay);
  }

  function hide() {
    overlay?.remove();
    overlay = null;
  }

  events.addEventListener("probleme", (event) => show(JSON.parse(event.data)));
  events.addEventListener("corrige", hide);
  events.addEventListener("recharger", () => location.reload());
  // The server started again (its code was saved): the page may have changed meanwhile.
  let lost = false;
  events.addEventListener("error", () => { lost = true; });
  events.addEventListener("open", () => { if (lost) location.reload(); });
})();
