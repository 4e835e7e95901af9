// jheartbeat dashboard: polls /api/v1/status every second and redraws its tables (the
// monitoring table only when the node has a monitors file).
// Plain DOM, no framework; every value goes in through textContent (never innerHTML).
"use strict";

const POLL_MS = 1000;

const TONE = {
  active: "ok", up: "ok", ping: "ok", running: "ok", ok: "ok",
  init: "warn", starting: "warn", stopping: "warn", transition: "warn",
  pending: "warn", recovering: "warn",
  dead: "dead", failed: "dead",
  stopped: "info", inactive: "info",
};

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function pill(state) {
  return el("span", state || "?", "pill " + (TONE[state] || "info"));
}

function row(cells) {
  const tr = el("tr");
  for (const c of cells) {
    const td = el("td");
    if (c instanceof Node) td.appendChild(c); else td.textContent = c;
    tr.appendChild(td);
  }
  return tr;
}

function fill(tbodySelector, rows) {
  const tbody = document.querySelector(tbodySelector);
  tbody.replaceChildren(...rows);
}

function time(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString(undefined, { hour12: false });
}

function render(s) {
  document.getElementById("node").textContent = s.node + " (" + s.status + ")";
  const up = s.nodes.filter(n => n.status === "active" || n.status === "up").length;
  document.getElementById("summary").textContent =
    up + " of " + s.nodes.length + " nodes up \u00b7 resources here: " + s.resources.rscstatus;
  document.getElementById("rm").textContent =
    "auto_failback " + s.resources.autoFailback + " \u00b7 " + s.resources.state;

  fill("#nodes tbody", s.nodes.map(n => {
    const links = el("span");
    for (const l of n.links) {
      const p = pill(l.status);
      p.classList.add("link");
      p.textContent = l.name + " " + l.status;
      links.appendChild(p);
    }
    const tr = row([n.name, n.type, pill(n.status), links]);
    tr.dataset.node = n.name;
    return tr;
  }));

  fill("#groups tbody", s.resources.groups.map(g => {
    const tr = row([g.key, g.preferredNode, pill(g.state), g.owner || "\u2014", time(g.since), g.reason]);
    tr.dataset.group = g.key;
    tr.dataset.owner = g.owner;
    return tr;
  }));

  const monitors = s.resources.monitors || [];
  document.getElementById("monitoring").hidden = monitors.length === 0;
  fill("#monitors tbody", monitors.map(m => {
    const last = m.lastFailure ? time(m.lastFailure) + " \u00b7 " + m.lastFailureText : "\u2014";
    const tr = row([m.resource, m.group, pill(m.state), m.failCount + " / " + m.threshold, m.onFail, m.checks, last]);
    tr.dataset.resource = m.resource;
    return tr;
  }));

  const items = (s.transitions || []).slice().reverse().map(t => {
    const li = el("li");
    li.dataset.kind = t.kind;
    li.appendChild(el("time", time(t.at)));
    li.appendChild(el("span", t.kind, "kind"));
    const what = el("span");
    what.appendChild(el("strong", t.subject + " "));
    if (t.from) what.appendChild(document.createTextNode(t.from + " \u2192 "));
    what.appendChild(pill(t.to));
    if (t.reason) what.appendChild(el("span", " " + t.reason, "muted"));
    li.appendChild(what);
    return li;
  });
  if (items.length === 0) items.push(el("li", "no transitions yet", "muted"));
  document.getElementById("timeline").replaceChildren(...items);
}

function connected(ok) {
  const c = document.getElementById("conn");
  c.textContent = ok ? "live" : "offline";
  c.className = "pill " + (ok ? "ok" : "dead");
}

async function poll() {
  try {
    const r = await fetch("api/v1/status", { cache: "no-store" });
    if (!r.ok) throw new Error("HTTP " + r.status);
    render(await r.json());
    connected(true);
  } catch (e) {
    connected(false);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

poll();
