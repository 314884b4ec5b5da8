// Smart Infra Monitor dashboard.
//
// Overview (#/): a tile per host from GET /hosts, worst first, and the anomalies of the chosen range.
// Host view (#/host/<name>): CPU, memory and disk over the chosen range from GET /metrics (raw for
// 15 min and 1 h, averaged with ?step= for 6 h and 24 h), the expected range per statistics window
// from GET /stats as a band, and the host's anomalies from GET /anomalies as red points.
//
// Everything refreshes every 5 s in place: the charts are created once and only get new data, the
// tiles are reused and reordered, and samples are fetched incrementally after the first load.
//
// Writes (silences) need the API token. The launcher opens the page as /#token=<token> (as Jupyter
// does): the page keeps it for this tab in sessionStorage and takes it out of the address bar and
// the history at once; sendJson() is the one function that writes, and sends it as a Bearer token.
(function () {
  'use strict';

  const REFRESH_MS = 5000;
  const REQUEST_TIMEOUT_MS = 10000;
  const TOKEN_KEY = 'smart-infra-api-token';
  const MAX_TABLE_ROWS = 200;

  /** The time-range picker. Long ranges are averaged server-side: about 720 points per line. */
  const RANGES = {
    '15m': { ms: 15 * 60e3, label: 'last 15 min' },
    '1h': { ms: 60 * 60e3, label: 'last 1 h' },
    '6h': { ms: 6 * 3600e3, label: 'last 6 h', step: '30s', stepMs: 30e3 },
    '24h': { ms: 24 * 3600e3, label: 'last 24 h', step: '2m', stepMs: 120e3 },
  };

  const METRICS = [
    { key: 'cpu', label: 'CPU', canvas: 'chart-cpu' },
    { key: 'memory', label: 'Memory', canvas: 'chart-memory' },
    { key: 'disk', label: 'Disk', canvas: 'chart-disk' },
  ];

  const STATE_RANK = { anomalous: 0, silent: 1, ok: 2 };
  const LINE_COLOR = '#4e79a7';
  const BAND_COLOR = 'rgba(78, 121, 167, 0.2)';
  const ANOMALY_COLOR = '#d92d20';

  const el = (id) => document.getElementById(id);
  const statusEl = el('status');
  const overviewEl = el('overview');
  const hostViewEl = el('host-view');
  const tilesEl = el('tiles');
  const summaryEl = el('summary');
  const noHostsEl = el('no-hosts');
  const crumbHostEl = el('crumb-host');
  const tableBody = document.querySelector('#anomalies tbody');
  const noAnomaliesEl = el('no-anomalies');
  const scopeEl = el('anomalies-scope');
  const rangeButtons = Array.from(document.querySelectorAll('.range button'));

  const state = {
    range: '1h',
    host: null, // null = overview
    generation: 0, // bumps on a view or range change: answers to older requests are dropped
    tiles: new Map(), // host -> tile elements
    hostInfo: new Map(), // host -> latest /hosts entry
    samples: new Map(), // timestamp -> sample, of the host in view
    newestSample: null,
    stats: new Map(), // window|start -> stats
    newestStats: null,
    anomalies: [], // of the host in view
    firstRender: true,
  };
  let timer = null;
  // Chart.js (200 KB) is only parsed when a host view opens: the overview does not need it
  let charts = null;
  let chartsLoading = null;

  rangeButtons.forEach((b) => b.addEventListener('click', () => {
    if (b.dataset.range !== state.range) {
      state.range = b.dataset.range;
      rangeButtons.forEach((o) => o.setAttribute('aria-pressed', String(o === b)));
      resetHostData();
      restart();
    }
  }));
  adoptTokenFromAddress();
  window.addEventListener('hashchange', route);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      refreshNow();
    }
  });
  route();

  // ---------------------------------------------------------------- API token

  /** #token=<t> in the address: keep it for this tab, then remove it from the address bar. */
  function adoptTokenFromAddress() {
    const m = /^#token=([^&#]*)$/.exec(location.hash);
    if (!m) {
      return;
    }
    // out of the address bar and the history before anything else can read or share it
    history.replaceState(null, '', location.pathname + location.search);
    try {
      const token = decodeURIComponent(m[1]);
      if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
      }
    } catch (e) {
      // malformed or storage off: writes will be answered 401, which says what is missing
    }
  }

  function apiToken() {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- routing and polling

  function route() {
    const m = /^#\/host\/([A-Za-z0-9._-]{1,128})$/.exec(location.hash);
    const host = m ? m[1] : null;
    if (host !== state.host) {
      state.host = host;
      resetHostData();
    }
    overviewEl.hidden = host !== null;
    hostViewEl.hidden = host === null;
    crumbHostEl.hidden = host === null;
    crumbHostEl.textContent = host || '';
    document.title = (host ? host + ' · ' : '') + 'Smart Infra Monitor';
    if (host) {
      renderHostHead();
      loadCharts().then(renderCharts, (e) => setStatus(e.message, true));
    }
    restart();
  }

  /** Loads Chart.js from this server once and creates the three charts. */
  function loadCharts() {
    if (!chartsLoading) {
      chartsLoading = new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = 'vendor/chart.umd.js';
        script.onload = () => {
          if (typeof Chart === 'undefined') {
            reject(new Error('Chart.js did not load (vendor/chart.umd.js)'));
            return;
          }
          Chart.Interaction.modes.nearestData = nearestData;
          charts = METRICS.map((m) => new Chart(el(m.canvas), chartConfig(m)));
          resolve();
        };
        script.onerror = () => {
          chartsLoading = null; // try again on the next refresh
          reject(new Error('Chart.js did not load (vendor/chart.umd.js)'));
        };
        document.head.append(script);
      });
    }
    return chartsLoading;
  }

  function resetHostData() {
    state.samples.clear();
    state.newestSample = null;
    state.stats.clear();
    state.newestStats = null;
    state.anomalies = [];
    if (charts) {
      charts.forEach((c) => c.data.datasets.forEach((d) => { d.data = []; }));
    }
  }

  function restart() {
    state.generation++;
    tableBody.replaceChildren();
    refreshNow();
  }

  function refreshNow() {
    clearTimeout(timer);
    const generation = state.generation;
    refresh(generation).finally(() => {
      if (generation === state.generation) {
        clearTimeout(timer);
        timer = setTimeout(refreshNow, REFRESH_MS);
      }
    });
  }

  async function refresh(generation) {
    if (document.hidden) {
      return; // no polling in a background tab; visibilitychange resumes it
    }
    try {
      if (state.host === null) {
        await refreshOverview(generation);
      } else {
        await refreshHost(generation);
      }
      if (generation !== state.generation) {
        return;
      }
      setStatus('Updated ' + clockTime(Date.now()), false);
      if (state.firstRender) {
        state.firstRender = false;
        performance.mark('dashboard-ready');
      }
    } catch (e) {
      if (generation === state.generation) {
        const reason = e.name === 'AbortError' ? 'no answer within ' + REQUEST_TIMEOUT_MS / 1000 + ' s' : e.message;
        setStatus('Update failed at ' + clockTime(Date.now()) + ': ' + reason + ' · retrying every '
          + REFRESH_MS / 1000 + ' s', true);
      }
    }
  }

  function getJson(path) {
    return requestJson(path, { headers: { Accept: 'application/json' } });
  }

  /**
   * The one way the page writes (POST /silences, DELETE /silences/{id}): a JSON body, and the API
   * token from #token= as Authorization: Bearer.
   */
  function sendJson(method, path, body) {
    const headers = { Accept: 'application/json' };
    const token = apiToken();
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    const init = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return requestJson(path, init);
  }

  async function requestJson(path, init) {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch(path, Object.assign({ cache: 'no-store', signal: controller.signal }, init));
      let body = null;
      try {
        body = await response.json();
      } catch (e) {
        body = null;
      }
      if (!response.ok) {
        throw new Error(path.split('?')[0] + ': HTTP ' + response.status + (body && body.error ? ' ' + body.error : ''));
      }
      if (body === null) {
        throw new Error(path.split('?')[0] + ': not JSON');
      }
      return body;
    } finally {
      clearTimeout(timeout);
    }
  }

  function rangeSince() {
    return Math.round(RANGES[state.range].ms / 1000) + 's';
  }

  // ---------------------------------------------------------------- overview

  async function refreshOverview(generation) {
    const [hosts, anomalies] = await Promise.all([
      getJson('hosts'),
      getJson('anomalies?since=' + rangeSince() + '&limit=' + MAX_TABLE_ROWS),
    ]);
    if (generation !== state.generation) {
      return;
    }
    hosts.hosts.forEach((h) => state.hostInfo.set(h.host, h));
    renderTiles(hosts.hosts);
    renderAnomalyTable(anomalies.anomalies, true);
  }

  function worstFirst(a, b) {
    return (STATE_RANK[a.state] ?? 3) - (STATE_RANK[b.state] ?? 3)
      || b.anomalies_last_hour - a.anomalies_last_hour
      || peak(b) - peak(a)
      || a.host.localeCompare(b.host);
  }

  function peak(h) {
    return Math.max(h.cpu ?? 0, h.memory ?? 0, h.disk ?? 0);
  }

  /** Reuses each host's tile and moves only the tiles that are out of order. */
  function renderTiles(hosts) {
    const sorted = hosts.slice().sort(worstFirst);
    const seen = new Set();
    sorted.forEach((h, i) => {
      let tile = state.tiles.get(h.host);
      if (!tile) {
        tile = createTile(h.host);
        state.tiles.set(h.host, tile);
      }
      updateTile(tile, h);
      seen.add(h.host);
      const at = tilesEl.children[i];
      if (at !== tile.root) {
        tilesEl.insertBefore(tile.root, at || null);
      }
    });
    for (const [host, tile] of state.tiles) {
      if (!seen.has(host)) {
        tile.root.remove();
        state.tiles.delete(host);
      }
    }
    noHostsEl.hidden = hosts.length > 0;
    const anomalous = hosts.filter((h) => h.state === 'anomalous').length;
    const silent = hosts.filter((h) => h.state === 'silent').length;
    summaryEl.replaceChildren(
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
    const foot = div('tile-foot');
    const anomalies = span('', '');
    const seen = span('', '');
    foot.append(anomalies, seen);
    root.append(head, meterBox, foot);
    return { root, badge, meters, anomalies, seen };
  }

  function updateTile(tile, h) {
    tile.root.className = 'tile state-' + h.state;
    tile.badge.className = 'badge state-' + h.state;
    tile.badge.textContent = h.state;
    METRICS.forEach((m) => {
      const v = h[m.key];
      const meter = tile.meters[m.key];
      meter.value.textContent = typeof v === 'number' ? Math.round(v) + '%' : '–';
      meter.fill.style.width = (typeof v === 'number' ? Math.max(0, Math.min(100, v)) : 0) + '%';
      meter.fill.className = 'meter-fill' + (v >= 90 ? ' critical' : v >= 75 ? ' high' : '');
    });
    const n = h.anomalies_last_hour;
    tile.anomalies.textContent = n + (n === 1 ? ' anomaly' : ' anomalies') + ' / 1 h';
    tile.anomalies.className = n > 0 ? 'has-anomalies' : '';
    tile.seen.textContent = ago(Date.parse(h.last_seen));
    tile.root.setAttribute('aria-label', h.host + ': ' + h.state + ', CPU ' + Math.round(h.cpu) + '%, memory '
      + Math.round(h.memory) + '%, disk ' + Math.round(h.disk) + '%, ' + n + ' anomalies in the last hour');
  }

  // ---------------------------------------------------------------- host view

  async function refreshHost(generation) {
    const host = state.host;
    const range = RANGES[state.range];
    const q = 'host=' + encodeURIComponent(host);
    // first load: the range, measured on the server's clock; then only what is new, with an
    // overlap so that late samples and re-fired statistics windows show up too
    let metricsSince = rangeSince();
    if (state.newestSample !== null) {
      metricsSince = String(state.newestSample - (range.stepMs ? 2 * range.stepMs : 60e3));
    }
    let statsSince = rangeSince();
    if (state.newestStats !== null) {
      statsSince = String(state.newestStats - 5 * 60e3);
    }
    const [metrics, stats, anomalies, hosts] = await Promise.all([
      getJson('metrics?' + q + '&since=' + encodeURIComponent(metricsSince) + '&limit=50000'
        + (range.step ? '&step=' + range.step : '')),
      getJson('stats?' + q + '&since=' + encodeURIComponent(statsSince) + '&limit=50000'),
      getJson('anomalies?' + q + '&since=' + rangeSince() + '&limit=5000'),
      getJson('hosts'),
      loadCharts(),
    ]);
    if (generation !== state.generation) {
      return;
    }
    hosts.hosts.forEach((h) => state.hostInfo.set(h.host, h));
    for (const s of metrics.samples) {
      const t = Date.parse(s.timestamp);
      state.samples.set(t, s);
      if (state.newestSample === null || t > state.newestSample) {
        state.newestSample = t;
      }
    }
    for (const s of stats.stats) {
      const t = Date.parse(s.start);
      state.stats.set(s.window + '|' + t, s);
      if (state.newestStats === null || t > state.newestStats) {
        state.newestStats = t;
      }
    }
    state.anomalies = anomalies.anomalies;
    renderHostHead();
    renderCharts();
    renderAnomalyTable(anomalies.anomalies.slice(0, MAX_TABLE_ROWS), false);
  }

  function renderHostHead() {
    el('host-title').textContent = state.host;
    const h = state.hostInfo.get(state.host);
    const badge = el('host-state');
    badge.hidden = !h;
    if (h) {
      badge.className = 'badge state-' + h.state;
      badge.textContent = h.state;
      el('host-seen').textContent = 'last sample ' + ago(Date.parse(h.last_seen));
    } else {
      el('host-seen').textContent = '';
    }
  }

  /** Drops what left the range, then hands every chart its current data. */
  function renderCharts() {
    if (!charts) {
      return;
    }
    const range = RANGES[state.range];
    const end = Math.max(Date.now(), state.newestSample === null ? 0 : state.newestSample);
    const start = end - range.ms;
    for (const t of state.samples.keys()) {
      if (t < start - (range.stepMs || 0)) {
        state.samples.delete(t);
      }
    }
    for (const [key, s] of state.stats) {
      if (Date.parse(s.end || s.start) < start) {
        state.stats.delete(key);
      }
    }
    const samples = Array.from(state.samples.entries()).sort((a, b) => a[0] - b[0]);
    const windows = shortestWindowStats();
    const anomalies = (state.anomalies || []).slice().sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));

    METRICS.forEach((metric, i) => {
      const chart = charts[i];
      const [low, high, line, dots] = chart.data.datasets;
      const band = bandOf(windows, metric.key);
      low.data = band.low;
      high.data = band.high;
      line.data = samples
        .filter(([, s]) => typeof s[metric.key] === 'number')
        .map(([t, s]) => ({ x: t, y: s[metric.key] }));
      dots.data = anomalies
        .filter((a) => typeof a[metric.key] === 'number')
        .map((a) => ({ x: Date.parse(a.timestamp), y: a[metric.key], anomaly: a }));
      chart.options.scales.x.min = start;
      chart.options.scales.x.max = end;
      chart.options.scales.y.max = yMax([line.data, high.data, dots.data]);
      chart.update('none');
    });
  }

  /** Room for the highest value in view, in steps of 10 %, between 20 % and 100 %. */
  function yMax(series) {
    let max = 0;
    for (const data of series) {
      for (const p of data) {
        if (typeof p.y === 'number' && p.y > max) {
          max = p.y;
        }
      }
    }
    return Math.min(100, Math.max(20, Math.ceil((max + 5) / 10) * 10));
  }

  /** The statistics of the shortest window length the job writes (the long one is coarser). */
  function shortestWindowStats() {
    let best = null;
    let bestMs = Infinity;
    for (const s of state.stats.values()) {
      const ms = Date.parse(s.end) - Date.parse(s.start);
      if (ms > 0 && ms < bestMs) {
        bestMs = ms;
        best = s.window;
      }
    }
    return Array.from(state.stats.values())
      .filter((s) => s.window === best)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }

  /** Mean ± 2σ of each window as a stepped band; a gap between windows breaks it. */
  function bandOf(windows, key) {
    const low = [];
    const high = [];
    let previousEnd = null;
    for (const w of windows) {
      const m = w[key];
      if (!m || typeof m.mean !== 'number') {
        continue;
      }
      const sd = typeof m.stddev === 'number' ? m.stddev : 0;
      const start = Date.parse(w.start);
      const end = Date.parse(w.end);
      if (previousEnd !== null && start > previousEnd) {
        low.push({ x: previousEnd, y: null });
        high.push({ x: previousEnd, y: null });
      }
      low.push({ x: start, y: Math.max(0, m.mean - 2 * sd) });
      high.push({ x: start, y: Math.min(100, m.mean + 2 * sd) });
      low.push({ x: end - 1, y: Math.max(0, m.mean - 2 * sd) });
      high.push({ x: end - 1, y: Math.min(100, m.mean + 2 * sd) });
      previousEnd = end;
    }
    return { low, high };
  }

  function chartConfig(metric) {
    const band = {
      data: [],
      borderWidth: 0,
      borderColor: 'transparent',
      backgroundColor: BAND_COLOR,
      pointRadius: 0,
      pointHitRadius: 0,
      spanGaps: false,
      tension: 0,
    };
    return {
      type: 'line',
      data: {
        datasets: [
          Object.assign({ role: 'band-low', label: 'Expected range (low)', fill: false }, band),
          Object.assign({ role: 'band-high', label: 'Expected range', fill: '-1' }, band),
          {
            role: 'samples',
            label: metric.label,
            data: [],
            borderColor: LINE_COLOR,
            backgroundColor: LINE_COLOR,
            borderWidth: 1.5,
            pointRadius: 0,
            pointHoverRadius: 3,
            pointHitRadius: 6,
            tension: 0,
            spanGaps: false,
          },
          {
            role: 'anomalies',
            label: 'Anomalies',
            data: [],
            showLine: false,
            pointRadius: 4.5,
            pointHoverRadius: 6,
            pointHitRadius: 8,
            pointBackgroundColor: ANOMALY_COLOR,
            pointBorderColor: '#ffffff',
            pointBorderWidth: 1.5,
            borderColor: ANOMALY_COLOR,
            backgroundColor: ANOMALY_COLOR,
          },
        ],
      },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearestData', intersect: false },
        scales: {
          x: {
            type: 'linear',
            afterBuildTicks: (axis) => {
              axis.ticks = timeTicks(axis.min, axis.max);
            },
            ticks: { maxRotation: 0, callback: (v) => clockTime(v, true) },
            grid: { color: '#eef1f4' },
          },
          y: {
            min: 0,
            max: 100,
            ticks: { maxTicksLimit: 6, callback: (v) => v + '%' },
            grid: { color: '#eef1f4' },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            filter: (item) => !String(item.dataset.role).startsWith('band'),
            callbacks: {
              title: (items) => (items.length ? clockTime(items[0].parsed.x) : ''),
              label: (item) => {
                if (item.dataset.role === 'anomalies') {
                  const a = item.raw.anomaly;
                  return ['Anomaly: ' + a.reason + ' · score ' + num(a.score) + ' (threshold ' + num(a.threshold) + ')']
                    .concat(wrap(a.explanation || '', 64));
                }
                return metric.label + ': ' + item.parsed.y.toFixed(1) + '%';
              },
            },
          },
        },
      },
    };
  }

  /**
   * Chart.js's 'nearest' along x, but over the samples and anomalies only: the band's corner
   * points must not take the hover from the point under the mouse. Returns every point at the
   * nearest x, so an anomaly and its sample show in one tooltip.
   */
  function nearestData(chart, e) {
    let best = Infinity;
    let items = [];
    chart.data.datasets.forEach((dataset, datasetIndex) => {
      if (String(dataset.role).startsWith('band') || !chart.isDatasetVisible(datasetIndex)) {
        return;
      }
      chart.getDatasetMeta(datasetIndex).data.forEach((element, index) => {
        if (element.skip) {
          return;
        }
        const distance = Math.abs(element.x - e.x);
        if (distance < best - 0.01) {
          best = distance;
          items = [{ element, datasetIndex, index }];
        } else if (distance <= best + 0.01) {
          items.push({ element, datasetIndex, index });
        }
      });
    });
    return items;
  }

  /** Ticks on round times, about six across. */
  function timeTicks(min, max) {
    const steps = [15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3, 21600e3];
    const step = steps.find((s) => (max - min) / s <= 6) || steps[steps.length - 1];
    const offset = new Date(min).getTimezoneOffset() * 60e3; // round to local hours, not UTC ones
    const ticks = [];
    for (let t = Math.ceil((min - offset) / step) * step + offset; t <= max; t += step) {
      ticks.push({ value: t });
    }
    return ticks;
  }

  // ---------------------------------------------------------------- anomaly table

  function renderAnomalyTable(anomalies, showAllHosts) {
    scopeEl.textContent = '(' + (showAllHosts ? 'all hosts' : state.host) + ', ' + RANGES[state.range].label
      + (anomalies.length >= MAX_TABLE_ROWS ? ', newest ' + MAX_TABLE_ROWS : '') + ')';
    const rows = anomalies.map((a) => {
      const tr = document.createElement('tr');
      tr.className = 'anomaly';
      const host = document.createElement('a');
      host.href = '#/host/' + encodeURIComponent(a.host);
      host.textContent = a.host;
      const hostCell = document.createElement('td');
      hostCell.append(host);
      tr.append(
        cell(dateTime(Date.parse(a.timestamp))),
        hostCell,
        cell(a.reason || '', 'reason'),
        cell(pct(a.cpu), 'num'),
        cell(pct(a.memory), 'num'),
        cell(pct(a.disk), 'num'),
        cell(num(a.score), 'num'),
        cell(a.explanation || '', 'explanation'));
      return tr;
    });
    tableBody.replaceChildren(...rows);
    noAnomaliesEl.hidden = anomalies.length > 0;
  }

  // ---------------------------------------------------------------- small helpers

  function div(className) {
    const d = document.createElement('div');
    d.className = className;
    return d;
  }

  function span(className, content) {
    const s = document.createElement('span');
    if (className) {
      s.className = className;
    }
    s.textContent = content;
    return s;
  }

  function strong(content, className) {
    const s = document.createElement('strong');
    s.textContent = content;
    if (className) {
      s.className = className;
    }
    return s;
  }

  function text(content) {
    return document.createTextNode(content);
  }

  function cell(content, className) {
    const td = document.createElement('td');
    td.textContent = content;
    if (className) {
      td.className = className;
    }
    return td;
  }

  function pct(v) {
    return typeof v === 'number' ? v.toFixed(1) + '%' : '–';
  }

  function num(v) {
    if (typeof v !== 'number') {
      return '–';
    }
    return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(3);
  }

  function wrap(s, width) {
    const lines = [];
    let line = '';
    for (const word of s.split(/\s+/)) {
      if (line && (line + ' ' + word).length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + ' ' + word : word;
      }
    }
    if (line) {
      lines.push(line);
    }
    return lines;
  }

  function ago(ms) {
    if (Number.isNaN(ms)) {
      return '';
    }
    const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    if (s < 60) {
      return s + ' s ago';
    }
    if (s < 3600) {
      return Math.round(s / 60) + ' min ago';
    }
    if (s < 86400 * 2) {
      return Math.round(s / 3600) + ' h ago';
    }
    return Math.round(s / 86400) + ' d ago';
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function clockTime(ms, short) {
    const d = new Date(ms);
    const hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
    return short && d.getSeconds() === 0 ? hm : hm + ':' + pad(d.getSeconds());
  }

  function dateTime(ms) {
    const d = new Date(ms);
    const today = new Date();
    const sameDay = d.toDateString() === today.toDateString();
    return (sameDay ? '' : (d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ') + clockTime(ms);
  }

  function setStatus(content, isError) {
    statusEl.textContent = content;
    statusEl.className = 'status ' + (isError ? 'error' : 'ok');
  }
})();
