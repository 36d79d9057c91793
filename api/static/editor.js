// The SPARQL editor page: YASGUI on this service's /sparql, the named queries as examples.
// Autocompleters that call outside services (prefix.cc, LOV) are off: the page works offline.
(function () {
  "use strict";
  const examples = JSON.parse(document.getElementById("examples-data").textContent);
  const endpoint = new URL("/sparql", window.location.href).toString();
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: null, // a fresh editor on each visit: no stale tabs from localStorage
    yasqe: { autocompleters: ["variables"] },
  });
  window.pstYasgui = yasgui; // for the browser tests
  const select = document.getElementById("examples");
  for (const example of examples) {
    const option = document.createElement("option");
    option.value = example.name;
    option.textContent = example.name + " — " + example.title;
    select.appendChild(option);
  }
  select.addEventListener("change", function () {
    const example = examples.find((e) => e.name === select.value);
    if (!example) return;
    const tab = yasgui.addTab(true, { name: example.name, requestConfig: { endpoint: endpoint } });
    tab.setQuery(example.query);
    tab.show();
  });
})();
