/* policykg explorer: search, a cascade as a vis-network graph, a side panel, filters, and the
 * per-indicator comparison table.
 *
 * The server builds every node and edge (viz/network.py); this script only shows them, adds
 * what a click asks for (a document's targets, a district's communes), hides what the filters
 * exclude, and fills the panel. Live, it fetches JSON from the API; standalone (policykg viz),
 * the same paths are looked up in the answers embedded in the page. Text from the graph is
 * always set as textContent, never as HTML.
 */
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("explorer-config").textContent);
  const $ = (id) => document.getElementById(id);
  /* How far from a clicked node the nodes it adds are first placed, in canvas pixels. */
  const SPREAD = 150;
  /* Physics iterations to settle the layout after a click adds nodes. */
  const RELAYOUT_ITERATIONS = 150;
  /* Rows of one indicator the table shows before a "show more" button. */
  const TABLE_ROWS = 10;
  const COMPARATORS = { ">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ ", "~": "≈ " };

  /* State is on window.explorer so tests and the benchmark can read what is shown. */
  const state = {
    root: null, view: null, nodes: null, edges: null, nodeView: null, network: null,
    expanded: new Set(), hiddenLevels: new Set(), province: "", indicator: "",
    table: null, wholeTable: new Set(), openedAt: null, settledAt: null, settles: 0, busy: 0, lastFocus: null,
    visibleIds() { return state.nodeView ? state.nodeView.getIds() : []; },
    nodesOf(kind) { return state.nodes ? state.nodes.get({ filter: (n) => n.kind === kind }) : []; },
    domPosition(id) {
      const p = state.network.getPositions([id])[id];
      return p ? state.network.canvasToDOM(p) : null;
    },
  };
  window.explorer = state;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /* Replace an element's children; nested lists are flattened and empty slots skipped. */
  function fill(target, ...children) {
    target.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  }

  function setStatus(id, text, isError) {
    const node = $(id);
    node.textContent = text || "";
    node.classList.toggle("error", Boolean(isError));
    if (isError) node.setAttribute("role", "alert"); else node.setAttribute("role", "status");
  }

  function path(id) { return encodeURI(id); }

  async function getJSON(url) {
    state.busy += 1;
    try {
      if (config.mode === "standalone") {
        if (!(url in config.bundle)) {
          throw new Error("this file holds no answer for " + url +
                          "; open the cascade in the explorer of policykg serve");
        }
        return JSON.parse(JSON.stringify(config.bundle[url]));
      }
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        throw new Error((body && body.detail) || (response.status + " " + response.statusText));
      }
      return body;
    } finally {
      state.busy -= 1;
    }
  }

  /* ---------- search ---------- */

  function levelName(level) { return (config.levelNames || {})[level] || level || "level unknown"; }

  function docHeading(doc) {
    return doc.symbol || ((doc.document_type || "document") + " (no number)");
  }

  async function search(query) {
    setStatus("results-status", "Searching…");
    fill($("results-list"));
    try {
      const page = await getJSON("/documents?" + new URLSearchParams({ q: query, limit: "20" }));
      renderResults(page);
    } catch (error) {
      setStatus("results-status", "Search failed: " + error.message, true);
    }
  }

  function renderResults(page) {
    const items = page.items || [];
    setStatus("results-status", items.length
      ? `${page.total} document${page.total === 1 ? "" : "s"} found` + (page.total > items.length ? `, the first ${items.length} shown` : "")
      : "No document matches; try fewer words or the symbol alone (12-NQ/TU).");
    fill($("results-list"), ...items.map((doc) => el("li", {},
      el("button", {
        type: "button", class: "result", "data-id": doc.id,
        "aria-current": doc.id === state.root ? "true" : null,
        onclick: () => openFromList(doc.id),
      },
      el("strong", { text: docHeading(doc) }),
      el("span", { lang: "vi", text: doc.title || doc.name || "" }),
      el("span", { class: "meta", lang: "vi", text: [levelName(doc.level), doc.issuer || doc.place, doc.issued,
        doc.loaded ? null : "known from citations"].filter(Boolean).join(" · ") })))));
  }

  function openFromList(id) {
    const hash = "#doc=" + encodeURIComponent(id);
    if (location.hash === hash) openCascade(id); else location.hash = hash;
  }

  /* ---------- the cascade ---------- */

  function isVisible(node) {
    if (node.level && state.hiddenLevels.has(node.level)) return false;
    if (state.province && node.province && node.province !== state.province) return false;
    if (state.indicator && node.kind === "target" && !(node.indicators || []).includes(state.indicator)) return false;
    return true;
  }

  function settle() {
    if (!state.network) return;
    state.network.setOptions({ physics: { enabled: false } });
    if (state.settledAt === null) {
      state.settledAt = performance.now();
      state.network.fit({ animation: false });
    }
    state.settles += 1;
  }

  async function openCascade(id) {
    state.openedAt = performance.now();
    state.settledAt = null;
    setStatus("cascade-status", "Loading the cascade…");
    let view;
    try {
      view = await getJSON("/explorer/cascade/" + path(id));
    } catch (error) {
      setStatus("cascade-status", "The cascade could not be opened: " + error.message, true);
      return;
    }
    await document.fonts.load(`13px "${config.font}"`).catch(() => null);
    state.root = id;
    state.view = view;
    state.expanded = new Set(view.expanded);
    state.nodes = new vis.DataSet(view.nodes);
    state.edges = new vis.DataSet(view.edges);
    state.nodeView = new vis.DataView(state.nodes, { filter: isVisible });
    if (state.network) state.network.destroy();
    state.network = new vis.Network($("network"), { nodes: state.nodeView, edges: state.edges },
      JSON.parse(JSON.stringify(config.options)));
    state.network.on("stabilizationIterationsDone", settle);
    state.network.on("stabilized", settle);
    state.network.on("click", (params) => { if (params.nodes.length) activate(params.nodes[0]); });
    document.querySelectorAll(".result").forEach((b) =>
      b.setAttribute("aria-current", b.dataset.id === id ? "true" : "false"));
    renderTitle(view);
    renderFilters(view.filters);
    renderNodeList();
    loadTable(id);
  }

  function renderTitle(view) {
    const root = view.root;
    fill($("cascade-title"), el("span", { text: docHeading(root) + " " }),
      el("span", { lang: "vi", text: root.title || root.name || "" }));
    const s = view.stats;
    let text = `${s.documents} document${s.documents === 1 ? "" : "s"} in the cascade; ${s.nodes} nodes shown.`;
    if (view.collapsed) {
      text += ` Commune documents (${s.folded_documents}) are folded into ${view.groups.length} district groups: click one to open it.`;
    }
    text += " Click a document for its details and targets.";
    setStatus("cascade-status", text);
  }

  function relayout() {
    state.network.setOptions({ physics: { enabled: true } });
    state.network.stabilize(RELAYOUT_ITERATIONS);
  }

  function applyDelta(delta, anchor) {
    const position = state.network.getPositions([anchor])[anchor] || { x: 0, y: 0 };
    if (delta.remove.length) {
      const gone = new Set(delta.remove);
      state.edges.remove(state.edges.getIds({ filter: (e) => gone.has(e.from) || gone.has(e.to) }));
      state.nodes.remove(delta.remove);
    }
    const fresh = delta.nodes.filter((n) => state.nodes.get(n.id) === null);
    placeAround(fresh, delta.edges, position);
    state.nodes.add(fresh);
    state.edges.update(delta.edges);
    applyIndicatorFade();
    relayout();
    renderNodeList();
  }

  /* Start new nodes where they belong: documents on a ring round the clicked node (wider the
   * more there are), what hangs off a new document round that document, the rest round the
   * clicked node. Physics then relaxes them. */
  function placeAround(fresh, edges, centre) {
    const docs = fresh.filter((n) => n.kind === "document" || n.kind === "group");
    const docRing = Math.max(SPREAD, (docs.length * 90) / (2 * Math.PI));
    const at = new Map();
    docs.forEach((node, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / docs.length;
      node.x = centre.x + docRing * Math.cos(angle);
      node.y = centre.y + docRing * Math.sin(angle);
      at.set(node.id, node);
    });
    const rest = fresh.filter((n) => !at.has(n.id));
    const hubOf = new Map();
    for (const e of edges) if (at.has(e.from) && !hubOf.has(e.to)) hubOf.set(e.to, at.get(e.from));
    const count = new Map();
    rest.forEach((node) => {
      const hub = hubOf.get(node.id) || centre;
      const k = count.get(hub) || 0;
      count.set(hub, k + 1);
      const angle = -Math.PI / 2 + k * 0.9;
      const radius = hub === centre ? SPREAD + 20 * Math.floor(k / 7) : 70 + 10 * Math.floor(k / 7);
      node.x = hub.x + radius * Math.cos(angle);
      node.y = hub.y + radius * Math.sin(angle);
    });
  }

  async function expand(id) {
    if (state.expanded.has(id)) return;
    state.expanded.add(id);
    try {
      applyDelta(await getJSON("/explorer/expand/" + path(id)), id);
    } catch (error) {
      state.expanded.delete(id);
      setStatus("cascade-status", "Its targets could not be loaded: " + error.message, true);
    }
  }

  async function openGroup(node) {
    try {
      const url = "/explorer/group/" + path(node.id) + "?" + new URLSearchParams({ root: state.root });
      applyDelta(await getJSON(url), node.id);
      setStatus("cascade-status", `Opened ${node.members} commune documents.`);
    } catch (error) {
      setStatus("cascade-status", "The group could not be opened: " + error.message, true);
    }
  }

  /* What a click (or Enter in the list) on a node does. */
  function activate(id) {
    const node = state.nodes.get(id);
    if (!node) return;
    if (node.kind === "document") {
      showDocument(id);
      expand(id);
    } else if (node.kind === "group") {
      openGroup(node);
    } else if (node.kind === "target") {
      showTarget(node);
    } else {
      showEntity(node);
    }
  }

  function focusNode(id) {
    if (!state.nodes || state.nodes.get(id) === null) return false;
    state.network.selectNodes([id]);
    state.network.focus(id, { scale: 1.1, animation: false });
    activate(id);
    return true;
  }

  function renderNodeList() {
    const shown = new Set(state.visibleIds());
    const docs = state.nodes.get({ filter: (n) => (n.kind === "document" || n.kind === "group") && shown.has(n.id) });
    fill($("node-list-items"), ...docs.map((n) => el("li", {},
      el("button", { type: "button", lang: "vi", onclick: () => focusNode(n.id),
        text: n.label.replace(/\n/g, " · ") + " (" + (n.kind === "group" ? "group" : levelName(n.level)) + ")" }))));
  }

  /* ---------- filters ---------- */

  function renderFilters(filters) {
    $("filters").hidden = false;
    state.hiddenLevels.clear();
    state.province = "";
    state.indicator = "";
    const legendOf = Object.fromEntries(config.legend.levels.map((l) => [l.id, l]));
    fill($("level-filter"), el("legend", { text: "Levels shown" }),
      ...filters.levels.map((level) => el("label", {},
        el("input", { type: "checkbox", value: level, checked: true, name: "level",
          onchange: (event) => {
            if (event.target.checked) state.hiddenLevels.delete(level); else state.hiddenLevels.add(level);
            refreshFilters();
          } }),
        el("span", { class: "swatch", style: `background:${(legendOf[level] || {}).colour || "#6B6B6B"}` }),
        levelName(level))));
    fillSelect($("province-filter"), "All provinces", filters.provinces.map((p) => [p, p]), (value) => { state.province = value; });
    fillSelect($("indicator-filter"), "All indicators", filters.indicators.map((i) => [i.id, i.name]), (value) => { state.indicator = value; });
  }

  function fillSelect(select, all, choices, set) {
    fill(select, el("option", { value: "", text: all }),
      ...choices.map(([value, text]) => el("option", { value, text, lang: "vi" })));
    select.onchange = () => { set(select.value); refreshFilters(); };
  }

  function applyIndicatorFade() {
    const ind = state.indicator;
    state.nodes.update(state.nodes.get({ filter: (n) => n.kind === "document" || n.kind === "group" })
      .map((n) => ({ id: n.id, opacity: ind && !(n.indicators || []).includes(ind) ? 0.3 : 1 })));
  }

  function refreshFilters() {
    state.nodeView.refresh();
    applyIndicatorFade();
    renderNodeList();
    renderTable();
    const hidden = state.nodes.length - state.visibleIds().length;
    setStatus("cascade-status", hidden ? `${hidden} nodes hidden by the filters.` : "Every node is shown.");
  }

  /* ---------- side panel ---------- */

  function openPanel(kind, title, body) {
    state.lastFocus = document.activeElement;
    $("panel").dataset.kind = kind;
    $("layout").classList.add("with-panel");
    $("panel").hidden = false;
    fill($("panel-title"), title);
    fill($("panel-body"), body);
    $("panel-title").focus({ preventScroll: false });
  }

  function closePanel() {
    $("panel").hidden = true;
    $("layout").classList.remove("with-panel");
    if (state.lastFocus && state.lastFocus.focus) state.lastFocus.focus();
  }

  function docLink(doc, prefix) {
    return el("button", { type: "button", class: "linkish", lang: "vi",
      onclick: () => { if (!focusNode(doc.id)) showDocument(doc.id); },
      text: (prefix || "") + docHeading(doc) + (doc.title ? " – " + doc.title : "") });
  }

  function figure(t) {
    if (t.value === null || t.value === undefined) return t.unit || "";
    const amount = t.comparator === "range" && t.value_max !== null
      ? `${t.value}–${t.value_max}` : (COMPARATORS[t.comparator] || "") + t.value;
    return [amount, t.unit].filter(Boolean).join(" ") + (t.year ? " · " + t.year : "");
  }

  function evidence(ev) {
    if (!ev || !ev.quote) return el("p", { class: "source", text: "No quote recorded." });
    const where = ev.sha256 ? `source sha256 ${ev.sha256.slice(0, 12)}…, characters ${ev.span[0]}–${ev.span[1]}` : "";
    return [el("blockquote", { class: "evidence", lang: "vi", text: ev.quote }),
            where ? el("p", { class: "source", text: where }) : null];
  }

  function comparisonBadge(derived) {
    if (!derived || !derived.comparison) return null;
    const entry = config.legend.comparisons.find((c) => c.id === derived.comparison);
    return el("span", { class: "badge", style: `background:${entry ? entry.colour : "#FFFFFF"}`,
      text: (entry ? entry.name : derived.comparison) + (derived.ratio ? ` (×${Number(derived.ratio).toFixed(2)})` : "") });
  }

  function relatives(list, label) {
    const docs = list.filter((c) => c.relation === "implements" || c.relation === "based_on");
    if (!docs.length) return [];
    return [el("h3", { text: label }), el("ul", {}, docs.map((c) =>
      el("li", {}, docLink(c.document, c.relation === "based_on" ? "based on: " : ""))))];
  }

  async function showDocument(id) {
    const node = state.nodes && state.nodes.get(id);
    openPanel("document", document.createTextNode(node ? node.label.replace(/\n/g, " · ") : id), [el("p", { text: "Loading…" })]);
    let doc;
    try {
      doc = await getJSON("/documents/" + path(id));
    } catch (error) {
      fill($("panel-body"), el("p", { class: "error", text: error.message }));
      return;
    }
    const meta = el("dl", {},
      el("dt", { text: "Title" }), el("dd", { lang: "vi", text: doc.title || doc.name || "—" }),
      el("dt", { text: "Type" }), el("dd", { text: doc.document_type || "—" }),
      el("dt", { text: "Level" }), el("dd", { text: levelName(doc.level) }),
      el("dt", { text: "Issued" }), el("dd", { text: doc.issued || "date not stated" }),
      el("dt", { text: "Issuer" }), el("dd", { lang: "vi", text: (node && node.issuer) || "—" }),
      el("dt", { text: "Read" }), el("dd", { text: doc.loaded ? "yes, from its text" : "no: known only from the documents citing it" }),
      el("dt", { text: "Id" }), el("dd", { text: doc.id }));
    const targets = doc.targets.map((t) => el("li", { class: "target" },
      el("strong", { lang: "vi", text: (t.indicator && t.indicator.name) || t.indicator_text || "target" }), " ",
      el("span", { lang: "vi", text: figure(t) }), " ", comparisonBadge(t.derived_from),
      evidence(t.evidence)));
    const tasks = doc.tasks.map((task) => el("li", { lang: "vi" },
      task.text, task.agencies.length ? el("span", { class: "source", text: " — " +
        task.agencies.map((a) => `${a.name} (${a.role})`).join("; ") }) : null));
    fill($("panel-body"), meta,
      ...relatives(doc.cites, "Carries out (parents)"),
      ...relatives(doc.cited_by, "Carried out by (children)"),
      el("h3", { text: `Targets (${doc.targets.length})` }),
      doc.targets.length ? el("ul", { class: "targets" }, targets) : el("p", { text: "No target read from this document." }),
      tasks.length ? el("details", {}, el("summary", { text: `Tasks (${tasks.length})` }), el("ul", {}, tasks)) : null);
  }

  function showTarget(node) {
    const t = node.info || {};
    const owner = state.nodes.get(node.owner);
    const parent = t.derived_from && t.derived_from.target;
    const items = [
      el("p", { lang: "vi", text: t.text || "" }),
      el("dl", {},
        el("dt", { text: "Value" }), el("dd", { lang: "vi", text: figure(t) || "—" }),
        el("dt", { text: "Indicator" }), el("dd", { lang: "vi", text: (t.indicator && t.indicator.name) || "not matched: " + (t.indicator_text || "") }),
        el("dt", { text: "Section" }), el("dd", { text: t.section || "—" }),
        el("dt", { text: "Document" }), el("dd", {}, owner ? docLink({ id: owner.id, symbol: owner.label.replace(/\n/g, " · ") }) : node.owner)),
      el("h3", { text: "Evidence" }), evidence(t.evidence),
    ];
    if (parent) {
      items.push(el("h3", { text: "Derives from" }), el("p", {}, comparisonBadge(t.derived_from), " ",
        el("button", { type: "button", class: "linkish", text: parent,
          onclick: () => { if (!focusNode(parent)) setStatus("cascade-status", "Expand the parent document to see that target."); } })));
    }
    openPanel("target", el("span", { lang: "vi", text: "Target: " + ((t.indicator && t.indicator.name) || t.indicator_text || "") }), items);
  }

  function showEntity(node) {
    const linked = state.edges.get({ filter: (e) => e.to === node.id || e.from === node.id });
    const docs = linked.map((e) => state.nodes.get(e.from === node.id ? e.to : e.from)).filter((n) => n && n.kind === "document");
    openPanel(node.kind, el("span", { lang: "vi", text: node.label.replace(/\n/g, " ") }), [
      el("dl", {},
        el("dt", { text: "Kind" }), el("dd", { text: node.kind }),
        el("dt", { text: "Level" }), el("dd", { text: levelName(node.level) }),
        el("dt", { text: "Id" }), el("dd", { text: node.id })),
      docs.length ? el("h3", { text: "Documents in this view" }) : null,
      docs.length ? el("ul", {}, docs.map((d) => el("li", {}, docLink({ id: d.id, symbol: d.label.replace(/\n/g, " · ") })))) : null,
    ]);
  }

  /* ---------- comparison table ---------- */

  async function loadTable(id) {
    state.table = null;
    state.wholeTable = new Set();
    $("comparison").hidden = true;
    try {
      state.table = await getJSON("/explorer/table/" + path(id));
    } catch (error) {
      $("comparison").hidden = false;
      fill($("comparison-body"), el("p", { class: "error", text: "The table could not be loaded: " + error.message }));
      return;
    }
    renderTable();
  }

  function renderTable() {
    if (!state.table) return;
    const blocks = state.table.indicators.filter((b) => !state.indicator || b.indicator === state.indicator);
    $("comparison").hidden = false;
    if (!blocks.length) {
      fill($("comparison-body"), el("p", { text: "No target with a known indicator in this cascade." }));
      return;
    }
    const head = el("thead", {}, el("tr", {}, ["Indicator", "Document", "Level", "Parent value", "Value", "Status"]
      .map((h) => el("th", { scope: "col", text: h }))));
    const shown = blocks.map((block) => [block, block.rows.filter((row) => !state.hiddenLevels.has(row.document.level)
      && (!state.province || [null, state.province].includes(rowProvince(row))))])
      .filter(([, rows]) => rows.length);
    const bodies = shown.map(([block, all]) => {
      const whole = state.wholeTable.has(block.indicator);
      const rows = whole ? all : all.slice(0, TABLE_ROWS);
      const more = all.length - rows.length;
      const heading = el("th", { scope: "rowgroup", rowspan: rows.length + (more ? 1 : 0), lang: "vi" },
        el("span", { text: block.name }), el("span", { class: "source", text: " " + countsText(block.counts) }));
      return el("tbody", {}, rows.map((row, i) => tableRow(row, i === 0 ? heading : null)),
        more ? el("tr", {}, el("td", { colspan: 5 }, el("button", { type: "button", class: "linkish",
          text: `Show the ${more} more rows of this indicator`,
          onclick: () => { state.wholeTable.add(block.indicator); renderTable(); } }))) : null);
    });
    fill($("comparison-body"), el("table", {}, el("caption", { class: "help",
      text: `${shown.length} indicator${shown.length === 1 ? "" : "s"}` }), head, ...bodies));
  }

  function countsText(counts) {
    const names = Object.fromEntries(config.legend.comparisons.map((c) => [c.id, c.name]));
    return "(" + Object.entries(counts || {}).map(([k, n]) => `${n} ${names[k] || k}`).join(", ") + ")";
  }

  function rowProvince(row) {
    const node = state.nodes && state.nodes.get(row.document.id);
    return (node && node.province) || null;
  }

  function tableRow(row, heading) {
    return el("tr", {}, heading,
        el("td", { lang: "vi" }, docLink({ id: row.document.id, symbol: row.document.symbol || row.document.document_type,
          title: row.document.place })),
        el("td", { text: levelName(row.document.level) }),
        el("td", { lang: "vi", text: row.parent_value || "—" }),
        el("td", { lang: "vi", title: row.quote || null, text: row.value || "—" }),
        el("td", { style: `background:${row.colour}`, text: row.status_name }));
  }

  /* ---------- legend ---------- */

  function shapeIcon(shape, colour) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "18"); svg.setAttribute("height", "18"); svg.setAttribute("aria-hidden", "true");
    const forms = {
      box: ["rect", { x: 2, y: 4, width: 14, height: 10, rx: 2 }],
      database: ["rect", { x: 3, y: 2, width: 12, height: 14, rx: 5 }],
      dot: ["circle", { cx: 9, cy: 9, r: 6 }],
      triangle: ["polygon", { points: "9,2 16,15 2,15" }],
      diamond: ["polygon", { points: "9,1 17,9 9,17 1,9" }],
    };
    const [tag, attrs] = forms[shape] || forms.dot;
    const form = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries({ ...attrs, fill: colour, stroke: "#333333", "stroke-width": 1 })) form.setAttribute(k, v);
    svg.append(form);
    return svg;
  }

  function renderLegend() {
    const lg = config.legend;
    fill($("legend-body"), 
      el("h3", { text: "Colour: level" }),
      el("ul", { class: "legend-list" }, lg.levels.map((l) => el("li", {},
        el("span", { class: "swatch", style: `background:${l.colour}` }), l.name))),
      el("h3", { text: "Shape: kind" }),
      el("ul", { class: "legend-list" }, lg.kinds.map((k) => el("li", {}, shapeIcon(k.shape, "#D9D9D9"), k.name))),
      el("h3", { text: "Target ring and table: change from the parent" }),
      el("ul", { class: "legend-list" }, lg.comparisons.map((c) => el("li", {},
        el("span", { class: "swatch", style: `background:${c.colour};border-color:${c.edge || "#333333"};border-width:2px` }), c.name))),
      el("p", { class: "help", text: "A dashed document is known only from the documents that cite it." }));
  }

  /* ---------- start ---------- */

  function docFromHash() {
    const match = /^#doc=(.+)$/.exec(location.hash);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function start() {
    renderLegend();
    $("panel-close").addEventListener("click", closePanel);
    /* A click on the canvas would focus the network box and scroll it fully into view between
     * press and release, so vis-network would read the release a few pixels off the node
     * pressed; focus it without scrolling instead. */
    $("network").addEventListener("mousedown", (event) => {
      event.preventDefault();
      $("network").focus({ preventScroll: true });
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !$("panel").hidden) closePanel();
    });
    if (config.mode === "standalone") {
      $("search").hidden = true;
      $("results").hidden = true;
      openCascade(config.root);
      return;
    }
    $("search").addEventListener("submit", (event) => {
      event.preventDefault();
      const query = $("search-input").value.trim();
      if (query) search(query);
    });
    window.addEventListener("hashchange", () => { const id = docFromHash(); if (id) openCascade(id); });
    const initial = docFromHash();
    if (initial) openCascade(initial);
  }

  start();
})();
