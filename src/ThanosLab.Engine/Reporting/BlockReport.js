"use strict";
// Draws the timeline from the JSON island. Everything in it came from a bucket: it only ever reaches
// the page as text nodes and attribute values, never as markup.
(function () {
  const data = JSON.parse(document.getElementById("timeline-data").textContent);
  const NS = "http://www.w3.org/2000/svg";
  const GUTTER = 300, AXIS = 30, LANE = 34, TRACK = 24, MAX_TRACKS = 6, RIGHT = 12, MIN_SPAN = 60000;
  const DAY = 86400000;
  const MARKS = [[1, "deletion"], [2, "no-compact"], [4, "no-downsample"]];
  const chart = document.getElementById("chart");
  const tip = document.getElementById("tip");
  const details = document.getElementById("details");
  const pad = Math.max((data.end - data.start) * 0.01, MIN_SPAN);
  const full = { a: data.start - pad, b: data.end + pad };
  let view = { a: full.a, b: full.b };
  let highlighted = new Set();

  const lanes = data.lanes.map(function (l) { return { name: l.n, res: l.r, blocks: [] }; });
  data.blocks.forEach(function (b) { lanes[b.l].blocks.push(b); });
  // Blocks of a lane that overlap go to tracks of their own, so every copy of the data stays visible.
  lanes.forEach(function (lane) {
    const ends = [];
    lane.blocks.forEach(function (b) {
      let t = ends.findIndex(function (end) { return end <= b.a; });
      if (t < 0) { t = Math.min(ends.length, MAX_TRACKS - 1); }
      ends[t] = Math.max(ends[t] || -Infinity, b.b);
      b.track = t;
    });
    lane.tracks = Math.max(1, ends.length);
    lane.height = Math.max(LANE, 8 + lane.tracks * TRACK);
  });
  const byId = new Map();
  data.blocks.forEach(function (b) { byId.set(b.i, b); });
  data.unplaced.forEach(function (b) { byId.set(b.i, b); });

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, s, cls) {
    const t = el("text", { x: x, y: y, class: cls || "" }, parent);
    t.textContent = s;
    return t;
  }
  function iso(ms, withTime) {
    const s = new Date(ms).toISOString();
    return withTime ? s.slice(0, 16).replace("T", " ") : s.slice(0, 10);
  }
  function duration(ms) {
    if (ms % DAY === 0) return (ms / DAY) + "d";
    if (ms % 3600000 === 0) return (ms / 3600000) + "h";
    if (ms % 60000 === 0) return (ms / 60000) + "m";
    return (ms / 1000) + "s";
  }
  function bytes(n) {
    const u = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + " " + u[i];
  }
  function resClass(r) { return r === 0 ? "res-raw" : r === 300000 ? "res-5m" : r === 3600000 ? "res-1h" : "res-other"; }
  function marksOf(b) { return MARKS.filter(function (m) { return (b.m || 0) & m[0]; }).map(function (m) { return m[1]; }); }
  function plotWidth() { return Math.max(200, chart.clientWidth - GUTTER - RIGHT); }
  function x(t, P) { return GUTTER + (t - view.a) / (view.b - view.a) * P; }

  function describe(b) {
    const lines = ["Block " + b.i];
    if (b.l !== undefined) {
      lines.push("Lane: " + lanes[b.l].name);
      lines.push("Range: " + new Date(b.a).toISOString() + " .. " + new Date(b.b).toISOString() + " (" + duration(b.b - b.a) + ")");
      lines.push("Level: " + b.v + "   Series: " + b.s.toLocaleString("en") + "   Samples: " + b.n.toLocaleString("en") + "   Chunks: " + b.c.toLocaleString("en"));
      lines.push("Size: " + bytes(b.z) + (b.o ? "   Made by: " + b.o : ""));
      const sources = b.src || [b.i];
      lines.push("Sources (" + sources.length + "): " + sources.join(", "));
      if (b.g !== undefined) lines.push("OVERLAPS with: " + data.overlaps[b.g].filter(function (i) { return i !== b.i; }).join(", "));
    } else {
      lines.push(b.p ? "Partial upload: no meta.json (an upload in progress or interrupted; Thanos does not see it)" : "meta.json does not read");
      if (b.t !== undefined) lines.push("Created (from its ULID): " + new Date(b.t).toISOString());
      lines.push("Size: " + bytes(b.z));
    }
    const m = marksOf(b);
    lines.push("Marks: " + (m.length ? m.join(", ") : "none"));
    (b.f || []).forEach(function (fi) {
      const f = data.findings[fi];
      lines.push("");
      lines.push("Finding " + f.k + ": " + f.m);
      lines.push("Recommendation: " + f.r);
    });
    return lines.join("\n");
  }

  function showTip(ev, s) {
    tip.textContent = s;
    tip.style.display = "block";
    const r = chart.getBoundingClientRect();
    let left = ev.clientX - r.left + 14;
    if (left + 470 > r.width) left = Math.max(0, ev.clientX - r.left - 480);
    tip.style.left = left + "px";
    tip.style.top = (ev.clientY - r.top + 14) + "px";
  }
  function hideTip() { tip.style.display = "none"; }
  function hookBlock(node, b) {
    node.addEventListener("mousemove", function (ev) { showTip(ev, describe(b)); });
    node.addEventListener("mouseleave", hideTip);
    node.addEventListener("click", function (ev) { ev.stopPropagation(); details.textContent = describe(b); });
  }

  function ticks(P) {
    const span = view.b - view.a;
    const steps = [60000, 300000, 900000, 3600000, 3 * 3600000, 6 * 3600000, 12 * 3600000, DAY, 2 * DAY, 7 * DAY, 14 * DAY];
    const step = steps.find(function (s) { return P / (span / s) >= 90; });
    const out = [];
    if (step !== undefined) {
      for (let t = Math.ceil(view.a / step) * step; t <= view.b; t += step) out.push([t, iso(t, step < DAY)]);
      return out;
    }
    const months = [1, 2, 3, 6, 12, 24, 60].find(function (k) { return P / (span / (k * 30.44 * DAY)) >= 90; }) || 120;
    const d = new Date(view.a);
    let y = d.getUTCFullYear(), mo = d.getUTCMonth() + 1;
    mo = Math.ceil(mo / months) * months;
    for (;;) {
      const t = Date.UTC(y + Math.floor(mo / 12), mo % 12, 1);
      if (t > view.b) break;
      out.push([t, iso(t, false).slice(0, 7)]);
      mo += months;
    }
    return out;
  }

  function overlapBands(lane) {
    const bands = [];
    data.overlaps.forEach(function (ids) {
      const bs = ids.map(function (i) { return byId.get(i); }).filter(function (b) { return b && b.l !== undefined && lanes[b.l] === lane; })
        .sort(function (p, q) { return p.a - q.a; });
      let end = -Infinity;
      bs.forEach(function (b) {
        if (b.a < end) bands.push([b.a, Math.min(end, b.b)]);
        end = Math.max(end, b.b);
      });
    });
    return bands;
  }

  function drawBlocks(g, lane, y, P) {
    const visible = lane.blocks.filter(function (b) { return b.b > view.a && b.a < view.b; });
    overlapBands(lane).forEach(function (band) {
      const x0 = Math.max(GUTTER, x(band[0], P)), x1 = Math.min(GUTTER + P, x(band[1], P));
      if (x1 > x0 - 1) el("rect", { x: x0 - 1, y: y + 1, width: Math.max(2, x1 - x0 + 2), height: lane.height - 2, class: "overlap-band" }, g);
    });
    if (visible.length > P / 3) {
      // More bars than pixels: one bar per 3-pixel column holds every block starting there.
      const bins = new Map();
      visible.forEach(function (b) {
        const k = Math.floor((Math.max(GUTTER, x(b.a, P)) - GUTTER) / 3);
        const bin = bins.get(k) || { n: 0, a: b.a, b: b.b, overlap: false, ids: [] };
        bin.n++; bin.a = Math.min(bin.a, b.a); bin.b = Math.max(bin.b, b.b); bin.overlap = bin.overlap || b.g !== undefined;
        if (bin.ids.length < 3) bin.ids.push(b.i);
        bins.set(k, bin);
      });
      bins.forEach(function (bin) {
        const x0 = Math.max(GUTTER, x(bin.a, P)), x1 = Math.min(GUTTER + P, x(bin.b, P));
        const r = el("rect", { x: x0, y: y + 8, width: Math.max(1, x1 - x0), height: lane.height - 16, class: "agg " + resClass(lane.res) + (bin.overlap ? " overlap" : ""), "data-count": bin.n }, g);
        const label = bin.n + " blocks, " + iso(bin.a, true) + " .. " + iso(bin.b, true) + (bin.overlap ? ", some OVERLAP" : "") + "\n" + bin.ids.join("\n") + (bin.n > 3 ? "\n..." : "") + "\n(click to zoom in)";
        r.addEventListener("mousemove", function (ev) { showTip(ev, label); });
        r.addEventListener("mouseleave", hideTip);
        r.addEventListener("click", function (ev) { ev.stopPropagation(); zoomTo(bin.a, bin.b); });
      });
      return;
    }
    visible.forEach(function (b) {
      const level = Math.min(Math.max(b.v, 1), 4);
      const h = lane.tracks > 1 ? 8 + level * 3 : 10 + level * 4;
      const x0 = Math.max(GUTTER, x(b.a, P)), x1 = Math.min(GUTTER + P, x(b.b, P));
      const top = lane.tracks > 1 ? y + 4 + b.track * TRACK + (TRACK - h) / 2 + 2 : y + (LANE - h) / 2;
      const cls = ["bar", resClass(lane.res), "lvl-" + level];
      if (b.g !== undefined) cls.push("overlap");
      if ((b.m || 0) & 1) cls.push("m-del");
      if (highlighted.has(b.i)) cls.push("hl");
      const r = el("rect", { x: x0, y: top, width: Math.max(1.5, x1 - x0 - 1), height: h, class: cls.join(" "), "data-block": b.i, "data-lane": lane.name }, g);
      hookBlock(r, b);
      if ((b.m || 0) & 1) el("line", { x1: x0, y1: top + h, x2: Math.max(x0 + 1.5, x1 - 1), y2: top, class: "del-line" }, g);
      const badges = [];
      if ((b.m || 0) & 1) badges.push("DEL");
      if ((b.m || 0) & 2) badges.push("NC");
      if ((b.m || 0) & 4) badges.push("ND");
      if (badges.length && x1 - x0 > 14) text(g, x0 + 2, top - 1, badges.join(" "), "badge");
      if (b.f && b.f.length) {
        const dot = el("circle", { cx: x0 + 6, cy: top + h / 2, r: 6, class: "finding-dot" }, g);
        text(g, x0 + 4, top + h / 2 + 4, "!", "finding-dot-text");
        hookBlock(dot, b);
      }
    });
  }

  // No range is known for these, so they stand side by side in their lane whatever the zoom.
  function drawUnplaced(g, y) {
    data.unplaced.forEach(function (b, k) {
      const cx = GUTTER + 12 + k * 24, cy = y + LANE / 2;
      const d = el("polygon", { points: [cx, cy - 8, cx + 8, cy, cx, cy + 8, cx - 8, cy].join(" "), class: "partial" + (highlighted.has(b.i) ? " hl" : ""), "data-block": b.i, "data-lane": UNPLACED }, g);
      hookBlock(d, b);
      if (b.f && b.f.length) el("circle", { cx: cx + 8, cy: cy - 7, r: 4, class: "finding-dot" }, g);
    });
  }

  const UNPLACED = "without a readable meta.json";

  function render() {
    const P = plotWidth();
    const H = AXIS + lanes.reduce(function (sum, l) { return sum + l.height; }, 0) + (data.unplaced.length ? LANE : 0) + 4;
    const svg = el("svg", { width: GUTTER + P + RIGHT, height: H, class: "timeline", "aria-label": "Block timeline" });
    const defs = el("defs", {}, svg);
    const pat = el("pattern", { id: "overlap-hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
    el("rect", { width: 6, height: 6, fill: "#f6c9cf" }, pat);
    el("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#d0021b", "stroke-width": 3 }, pat);
    const clip = el("clipPath", { id: "plot" }, defs);
    el("rect", { x: GUTTER, y: 0, width: P, height: H }, clip);

    const axis = el("g", { class: "axis" }, svg);
    ticks(P).forEach(function (t) {
      const tx = x(t[0], P);
      el("line", { x1: tx, y1: AXIS - 6, x2: tx, y2: H, class: "tick" }, axis);
      text(axis, tx + 3, AXIS - 10, t[1]);
    });
    const body = el("g", {}, svg);
    let y = AXIS;
    lanes.forEach(function (lane) {
      const g = el("g", { class: "lane", "data-lane": lane.name }, body);
      el("rect", { x: 0, y: y, width: GUTTER + P + RIGHT, height: lane.height, class: "lane-bg" }, g);
      const shown = lane.name.length > 44 ? lane.name.slice(0, 43) + "\u2026" : lane.name;
      const name = text(g, 6, y + lane.height / 2 + 4, shown + "  (" + lane.blocks.length + ")", "lane-name");
      el("title", {}, name).textContent = lane.name;
      drawBlocks(el("g", { "clip-path": "url(#plot)" }, g), lane, y, P);
      y += lane.height;
    });
    if (data.unplaced.length) {
      const g = el("g", { class: "lane", "data-lane": UNPLACED }, body);
      el("rect", { x: 0, y: y, width: GUTTER + P + RIGHT, height: LANE, class: "lane-bg" }, g);
      text(g, 6, y + LANE / 2 + 4, UNPLACED + "  (" + data.unplaced.length + ")", "lane-name");
      drawUnplaced(el("g", { "clip-path": "url(#plot)" }, g), y);
    }
    const old = chart.querySelector("svg");
    if (old) chart.replaceChild(svg, old); else chart.appendChild(svg);
    document.getElementById("range").textContent = "Showing " + iso(view.a, true) + " .. " + iso(view.b, true) + " UTC";
  }

  function zoomTo(a, b) {
    const mid = (a + b) / 2, half = Math.max((b - a) * 0.55, MIN_SPAN / 2);
    view = { a: mid - half, b: mid + half };
    render();
  }
  function zoom(factor, at) {
    const span = Math.min(Math.max((view.b - view.a) * factor, MIN_SPAN), (full.b - full.a) * 4);
    const f = (at - view.a) / (view.b - view.a);
    view = { a: at - f * span, b: at - f * span + span };
    render();
  }

  chart.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    const r = chart.getBoundingClientRect();
    const px = ev.clientX - r.left - GUTTER;
    const at = view.a + Math.min(Math.max(px / plotWidth(), 0), 1) * (view.b - view.a);
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, at);
  }, { passive: false });
  let drag = null;
  chart.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, view: view }; chart.classList.add("dragging"); });
  window.addEventListener("mouseup", function () { drag = null; chart.classList.remove("dragging"); });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    const shift = (ev.clientX - drag.x) / plotWidth() * (drag.view.b - drag.view.a);
    view = { a: drag.view.a - shift, b: drag.view.b - shift };
    render();
  });
  chart.addEventListener("dblclick", function () { view = { a: full.a, b: full.b }; render(); });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5, (view.a + view.b) / 2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(2, (view.a + view.b) / 2); });
  document.getElementById("reset").addEventListener("click", function () { view = { a: full.a, b: full.b }; render(); });
  window.addEventListener("resize", render);

  const list = document.getElementById("findings");
  if (data.findings.length) {
    const h = document.createElement("h2");
    h.textContent = data.findings.length + " finding(s)";
    list.appendChild(h);
  }
  data.findings.forEach(function (f) {
    const div = document.createElement("div");
    div.className = "finding";
    const kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = f.k + ": ";
    div.appendChild(kind);
    div.appendChild(document.createTextNode(f.m));
    const rec = document.createElement("div");
    rec.className = "rec";
    rec.textContent = "Recommendation: " + f.r;
    div.appendChild(rec);
    div.addEventListener("click", function () {
      highlighted = new Set(f.b);
      const placed = f.b.map(function (i) { return byId.get(i); }).filter(function (b) { return b && b.a !== undefined; });
      if (placed.length) zoomTo(Math.min.apply(null, placed.map(function (b) { return b.a; })), Math.max.apply(null, placed.map(function (b) { return b.b; })));
      else render();
      details.textContent = f.k + ": " + f.m + "\n\nRecommendation: " + f.r;
    });
    list.appendChild(div);
  });
  render();
})();
