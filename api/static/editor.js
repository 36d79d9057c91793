// The SPARQL editor page: YASGUI on this service's /sparql, the named queries as examples.
// Autocompleters that call outside services (prefix.cc, LOV) are off: the page works offline.
// YASGUI has no translations: its English is replaced by the French of
// api/editor_labels_fr.json (embedded in the page), as it draws (a MutationObserver).
(function () {
  "use strict";
  const examples = JSON.parse(document.getElementById("examples-data").textContent);
  const labels = JSON.parse(document.getElementById("labels-data").textContent);
  const endpoint = new URL("/sparql", window.location.href).toString();
  const firstExample = examples.find((e) => e.name === document.getElementById("yasgui").dataset.firstExample);

  // Results as values a reader knows: 14, not "14"^^xsd:int (the type and language stay in
  // the cell's tooltip); IRIs are still drawn by YASR as links.
  const Table = Yasgui.Yasr.plugins.table;
  Table.defaults.tableConfig.language = labels.dataTables;
  Table.prototype.formatLiteral = function (binding) {
    const value = escapeHtml(binding.value);
    const kind = binding["xml:lang"] ? "@" + binding["xml:lang"] : binding.datatype;
    return kind ? '<span title="' + escapeHtml(kind) + '">' + value + "</span>" : value;
  };

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: null, // a fresh editor on each visit: no stale tabs from localStorage
    tabName: labels.tabName,
    // The first tab holds a query that answers on any store with a plan in it.
    yasqe: { autocompleters: ["variables"], value: firstExample ? firstExample.query : "" },
  });
  window.pstYasgui = yasgui; // for the browser tests
  translate(document.getElementById("yasgui"));
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "characterData") translateText(change.target);
      else if (change.type === "attributes") translateAttribute(change.target, change.attributeName);
      else change.addedNodes.forEach(translate);
    }
  }).observe(document.getElementById("yasgui"), {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["title", "placeholder", "aria-label"],
  });

  const select = document.getElementById("examples");
  for (const example of examples) {
    const option = document.createElement("option");
    option.value = example.name;
    const bound = Object.entries(example.values).map(([key, value]) => key + "=" + value);
    option.textContent =
      example.name + " — " + example.title + (bound.length ? " (" + bound.join(", ") + ")" : "");
    select.appendChild(option);
  }
  select.addEventListener("change", function () {
    const example = examples.find((e) => e.name === select.value);
    if (!example) return;
    const tab = yasgui.addTab(true, { name: example.name, requestConfig: { endpoint: endpoint } });
    tab.setQuery(example.query);
    tab.show();
  });

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
  }

  // The query text and the results are the user's data: never translated.
  function isData(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return !element || element.closest(".CodeMirror-scroll, tbody, thead th .dt-column-title, pre");
  }

  function french(text) {
    const trimmed = text.trim();
    if (!trimmed) return null;
    if (Object.hasOwn(labels.texts, trimmed)) return text.replace(trimmed, labels.texts[trimmed]);
    for (const [pattern, replacement] of labels.patterns) {
      const expression = new RegExp(pattern);
      if (expression.test(trimmed)) return text.replace(trimmed, trimmed.replace(expression, replacement));
    }
    return null;
  }

  function translateText(node) {
    if (isData(node)) return;
    const replaced = french(node.nodeValue);
    if (replaced !== null && replaced !== node.nodeValue) node.nodeValue = replaced;
  }

  function translateAttribute(element, name) {
    if (isData(element) || !element.hasAttribute(name)) return;
    const replaced = french(element.getAttribute(name));
    if (replaced !== null && replaced !== element.getAttribute(name)) {
      element.setAttribute(name, replaced);
    }
  }

  function translate(root) {
    if (root.nodeType === Node.TEXT_NODE) return translateText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) translateText(node);
    for (const element of [root, ...root.querySelectorAll("[title], [placeholder], [aria-label]")]) {
      for (const name of ["title", "placeholder", "aria-label"]) translateAttribute(element, name);
    }
  }
})();
