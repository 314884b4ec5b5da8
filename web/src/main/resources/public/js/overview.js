// The overview (#/): "where to look first" from GET /fleet, then a tile per host from GET /hosts,
// worst first, each with its anomaly rate (GET /fleet) and a 24-hour strip of quarter hours
// (GET /anomaly-rates), then the anomalies of the chosen range.
import { getJson } from './api.js';
import { METRICS } from './charts.js';
import { MAX_TABLE_ROWS, renderAnomalyTable } from './anomalies.js';
import { div, el, hostLink, span, strong, text } from './dom.js';
import { ago, learningText, rate } from './format.js';
import { rememberHosts } from './store.js';

const STATE_RANK = { anomalous: 0, silent: 1, ok: 2 };
const SEVERITY_RANK = { critical: 0, warning: 1 };
const QUARTER_MS = 15 * 60e3;
const QUARTERS = 96;
const STRIP_REFRESH_MS = 60e3;
const RANKED_HOSTS = 8;

const tilesEl = el('tiles');
const tiles = new Map(); // host -> tile elements
let fleetByHost = new Map(); // host -> /fleet host entry
let strips = new Map(); // host -> Map(quarter start -> /anomaly-rates row)
let stripsAt = 0;

export const section = el('overview');

export async function refresh(ctx) {
  const stripsDue = Date.now() - stripsAt >= STRIP_REFRESH_MS;
  const [hosts, anomalies, fleet, rates] = await Promise.all([
    getJson('hosts'),
    getJson('anomalies?since=' + ctx.rangeSince + '&limit=' + MAX_TABLE_ROWS),
    getJson('fleet?limit=50&host_limit=1000'),
    stripsDue ? getJson('anomaly-rates?window=15m&since=24h&limit=50000') : Promise.resolve(null),
  ]);
  if (!ctx.isCurrent()) {
    return;
  }
  rememberHosts(hosts.hosts);
  if (rates) {
    strips = stripsOf(rates.rates);
    stripsAt = Date.now();
  }
  fleetByHost = new Map(fleet.hosts.map((h) => [h.host, h]));
  renderRanking(fleet);
  renderTiles(hosts.hosts);
  renderAnomalyTable(anomalies.anomalies, 'all hosts, ' + ctx.range.label);
}

/** A view change: the strips are read again on the next visit. */
export function leave() {
  stripsAt = 0;
}

// ---------------------------------------------------------------- where to look first

function renderRanking(fleet) {
  const metricsByHost = new Map();
  for (const m of fleet.metrics) {
    if (!metricsByHost.has(m.host)) {
      metricsByHost.set(m.host, []);
    }
    metricsByHost.get(m.host).push(m);
  }
  const ranked = fleet.hosts.filter((h) => h.severity).slice(0, RANKED_HOSTS);
  const items = ranked.map((h) => {
    const li = document.createElement('li');
    li.className = 'rank sev-' + h.severity;
    li.dataset.host = h.host;
    const badge = span('badge sev-' + h.severity, h.severity);
    const name = hostLink(h.host);
    name.className = 'rank-host';
    const chips = div('chips');
    for (const m of metricsByHost.get(h.host) || []) {
      const chip = span('chip sev-' + m.severity, m.metric + ' ' + rate(m.rate_15m));
      chip.dataset.metric = m.metric;
      chip.title = m.metric + ': ' + m.anomalies_15m + ' of ' + m.samples_15m
        + ' samples anomalous in the last 15 min; last minute ' + rate(m.rate_1m) + ', last 24 h ' + rate(m.rate_24h)
        + (m.firing ? '; an alert fires' : '');
      chips.append(chip);
    }
    if (h.firing.length) {
      chips.append(span('firing', 'alert firing: ' + h.firing.join(', ')));
    } else if (!chips.childElementCount) {
      chips.append(span('muted', 'anomalies without a metric named'));
    }
    const rates = span('rank-rates muted', '15 min ' + rate(h.rate_15m) + ' · 1 min ' + rate(h.rate_1m)
      + ' · 24 h ' + rate(h.rate_24h));
    li.append(badge, name, chips, rates);
    const learning = learningText(h);
    if (learning) {
      li.append(span('learning', learning));
    }
    return li;
  });
  el('fleet-ranking').replaceChildren(...items);
  el('fleet-empty').hidden = items.length > 0;
  const critical = fleet.hosts.filter((h) => h.severity === 'critical').length;
  const warning = fleet.hosts.filter((h) => h.severity === 'warning').length;
  el('fleet-summary').textContent = critical + ' critical, ' + warning + (warning === 1 ? ' warning' : ' warnings')
    + ' · anomaly rate = anomalous samples / samples, last 15 min';
}

// ---------------------------------------------------------------- tiles

function worstFirst(a, b) {
  const fa = fleetByHost.get(a.host);
  const fb = fleetByHost.get(b.host);
  return severityRank(fa) - severityRank(fb)
    || (STATE_RANK[a.state] ?? 3) - (STATE_RANK[b.state] ?? 3)
    || rateOf(fb) - rateOf(fa)
    || b.anomalies_last_hour - a.anomalies_last_hour
    || peak(b) - peak(a)
    || a.host.localeCompare(b.host);
}

function severityRank(f) {
  return f && f.severity ? SEVERITY_RANK[f.severity] ?? 2 : 2;
}

function rateOf(f) {
  return f && typeof f.rate_15m === 'number' ? f.rate_15m : -1;
}

function peak(h) {
  return Math.max(h.cpu ?? 0, h.memory ?? 0, h.disk ?? 0);
}

/** Reuses each host's tile and moves only the tiles that are out of order. */
function renderTiles(hosts) {
  const sorted = hosts.slice().sort(worstFirst);
  const seen = new Set();
  sorted.forEach((h, i) => {
    let tile = tiles.get(h.host);
    if (!tile) {
      tile = createTile(h.host);
      tiles.set(h.host, tile);
    }
    updateTile(tile, h, fleetByHost.get(h.host));
    seen.add(h.host);
    const at = tilesEl.children[i];
    if (at !== tile.root) {
      tilesEl.insertBefore(tile.root, at || null);
    }
  });
  for (const [host, tile] of tiles) {
    if (!seen.has(host)) {
      tile.root.remove();
      tiles.delete(host);
    }
  }
  el('no-hosts').hidden = hosts.length > 0;
  const anomalous = hosts.filter((h) => h.state === 'anomalous').length;
  const silent = hosts.filter((h) => h.state === 'silent').length;
  el('summary').replaceChildren(
    strong(String(hosts.length)), text(hosts.length === 1 ? ' host · ' : ' hosts · '),
    anomalous ? strong(anomalous + ' anomalous', 'bad') : text('0 anomalous'),
    text(' · ' + silent + ' silent · anomalous = an anomaly in the last 5 min, silent = no sample for 2 min'));
}

function createTile(host) {
  const root = document.createElement('a');
  root.className = 'tile';
  root.href = '#/host/' + encodeURIComponent(host);
  root.dataset.host = host;
  const head = div('tile-head');
  const name = span('tile-host', host);
  const badge = span('badge', '');
  head.append(name, badge);
  const meters = {};
  const meterBox = div('meters');
  METRICS.forEach((m) => {
    const row = div('meter');
    const fill = span('meter-fill', '');
    const bar = span('meter-bar', '');
    bar.append(fill);
    const value = span('meter-value', '');
    row.append(span('meter-label', m.label), bar, value);
    meterBox.append(row);
    meters[m.key] = { fill, value };
  });
  const rateLine = div('tile-rate');
  const strip = div('strip');
  strip.setAttribute('role', 'img');
  const cells = [];
  for (let i = 0; i < QUARTERS; i++) {
    const q = span('q', '');
    strip.append(q);
    cells.push(q);
  }
  const foot = div('tile-foot');
  const anomalies = span('', '');
  const seen = span('', '');
  foot.append(anomalies, seen);
  root.append(head, meterBox, rateLine, strip, foot);
  return { root, badge, meters, rateLine, strip, cells, anomalies, seen };
}

function updateTile(tile, h, f) {
  tile.root.className = 'tile state-' + h.state + (f && f.severity ? ' sev-' + f.severity : '');
  tile.badge.className = 'badge state-' + h.state;
  tile.badge.textContent = h.state;
  METRICS.forEach((m) => {
    const v = h[m.key];
    const meter = tile.meters[m.key];
    meter.value.textContent = typeof v === 'number' ? Math.round(v) + '%' : '–';
    meter.fill.style.width = (typeof v === 'number' ? Math.max(0, Math.min(100, v)) : 0) + '%';
    meter.fill.className = 'meter-fill' + (v >= 90 ? ' critical' : v >= 75 ? ' high' : '');
  });
  updateRate(tile, f);
  updateStrip(tile, h.host);
  const n = h.anomalies_last_hour;
  tile.anomalies.textContent = n + (n === 1 ? ' anomaly' : ' anomalies') + ' / 1 h';
  tile.anomalies.className = n > 0 ? 'has-anomalies' : '';
  tile.seen.textContent = ago(Date.parse(h.last_seen));
  tile.root.setAttribute('aria-label', h.host + ': ' + h.state + ', CPU ' + Math.round(h.cpu) + '%, memory '
    + Math.round(h.memory) + '%, disk ' + Math.round(h.disk) + '%, ' + n + ' anomalies in the last hour'
    + (f ? ', anomaly rate ' + rate(f.rate_15m) + ' in the last 15 min' : ''));
}

/** The anomaly rate of the last minute, 15 minutes and 24 hours, and the learning period. */
function updateRate(tile, f) {
  const cells = [['1m', '1 min', 'rate_1m'], ['15m', '15 min', 'rate_15m'], ['24h', '24 h', 'rate_24h']].map(([key, label, field]) => {
    const v = f ? f[field] : null;
    const value = span('rate-value' + (key === '15m' && f && f.severity ? ' sev-' + f.severity : ''), rate(v));
    const c = span('rate-cell rate-' + key, '');
    if (typeof v === 'number') {
      c.dataset.rate = String(v);
    }
    c.append(span('muted', label), value);
    return c;
  });
  const learning = learningText(f);
  tile.rateLine.replaceChildren(span('rate-caption muted', 'anomaly rate'), ...cells,
    ...(learning ? [span('learning', learning)] : []));
  tile.rateLine.title = f ? 'anomaly rate = anomalous samples / samples: last minute ' + rate(f.rate_1m)
    + ', last 15 min ' + rate(f.rate_15m) + ' (' + f.anomalies_15m + ' of ' + f.samples_15m + '), last 24 h '
    + rate(f.rate_24h) : 'no anomaly rate yet';
}

/** One cell per quarter hour of the last 24 h, the newest closed one last. */
function updateStrip(tile, host) {
  const rows = strips.get(host);
  const lastEnd = Math.floor(Date.now() / QUARTER_MS) * QUARTER_MS;
  let withData = 0;
  tile.cells.forEach((q, i) => {
    const start = lastEnd - (QUARTERS - i) * QUARTER_MS;
    const r = rows && rows.get(start);
    q.dataset.start = String(start);
    if (!r || !r.samples) {
      q.className = 'q none';
      q.removeAttribute('data-rate');
      q.title = '';
      return;
    }
    withData++;
    q.className = 'q ' + rateClass(r.rate);
    q.dataset.rate = String(r.rate);
    q.title = new Date(start).toTimeString().slice(0, 5) + ': ' + r.anomalies + ' of ' + r.samples
      + ' samples anomalous (' + rate(r.rate) + ')';
  });
  tile.strip.setAttribute('aria-label', 'anomaly rate per quarter hour, last 24 h: '
    + withData + ' of ' + QUARTERS + ' quarter hours with samples');
}

function rateClass(r) {
  if (!(r > 0)) {
    return 'r0';
  }
  return r < 0.01 ? 'r1' : r < 0.05 ? 'r2' : r < 0.2 ? 'r3' : 'r4';
}

function stripsOf(rows) {
  const out = new Map();
  for (const r of rows) {
    if (!out.has(r.host)) {
      out.set(r.host, new Map());
    }
    out.get(r.host).set(Date.parse(r.start), r);
  }
  return out;
}
