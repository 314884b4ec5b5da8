// Smart Infra Monitor dashboard: polls GET /metrics every 5 s and draws CPU, memory and disk with
// one line per host. Charts are created once and updated in place; only new samples are fetched
// after the first load (with an overlap, so samples that arrive late still show up).
(function () {
  'use strict';

  const REFRESH_MS = 5000;
  const REQUEST_TIMEOUT_MS = 10000;
  // refetch this far behind the newest sample seen: late samples from slow hosts still arrive
  const OVERLAP_MS = 60000;
  const LIMIT = 10000;

  const METRICS = [
    { key: 'cpu', canvas: 'chart-cpu' },
    { key: 'memory', canvas: 'chart-memory' },
    { key: 'disk', canvas: 'chart-disk' },
  ];

  // Tableau 10: distinguishable, and readable for the common colour-vision deficiencies
  const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
    '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

  const statusEl = document.getElementById('status');
  const hostsEl = document.getElementById('hosts');
  const windowEl = document.getElementById('window');

  /** host -> Map(timestamp ms -> sample) */
  const samplesByHost = new Map();
  const hiddenHosts = new Set();
  let windowMs = Number(windowEl.value) * 60000;
  let newestMs = null;
  let timer = null;
  let generation = 0; // bumps on a window change: answers to older requests are dropped

  if (typeof Chart === 'undefined') {
    setStatus('Chart.js did not load (vendor/chart.umd.js).', true);
    return;
  }

  const charts = METRICS.map((m) => new Chart(document.getElementById(m.canvas), chartConfig()));

  windowEl.addEventListener('change', () => {
    windowMs = Number(windowEl.value) * 60000;
    generation++;
    samplesByHost.clear();
    newestMs = null;
    render();
    refreshNow();
  });

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      refreshNow();
    }
  });

  render(); // axes and legend show the empty window until the first answer
  refreshNow();

  function refreshNow() {
    clearTimeout(timer);
    refresh().finally(() => {
      clearTimeout(timer);
      timer = setTimeout(refreshNow, REFRESH_MS);
    });
  }

  async function refresh() {
    if (document.hidden) {
      return; // no polling in a background tab; visibilitychange resumes it
    }
    const myGeneration = generation;
    // first load: the window, measured on the server's clock; then only what is new
    const since = newestMs === null
      ? Math.round(windowMs / 1000) + 's'
      : String(Math.max(0, newestMs - OVERLAP_MS));
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch('metrics?since=' + encodeURIComponent(since) + '&limit=' + LIMIT, {
        cache: 'no-store',
        signal: controller.signal,
        headers: { Accept: 'application/json' },
      });
      const body = await readJson(response);
      if (!response.ok) {
        throw new Error('HTTP ' + response.status + (body && body.error ? ': ' + body.error : ''));
      }
      if (!body || !Array.isArray(body.samples)) {
        throw new Error('unexpected answer from /metrics');
      }
      if (myGeneration !== generation) {
        return;
      }
      merge(body.samples);
      render();
      const truncated = body.samples.length >= LIMIT ? ' · newest ' + LIMIT + ' samples only' : '';
      setStatus('Updated ' + clockTime(Date.now()) + ' · ' + samplesByHost.size + ' host'
        + (samplesByHost.size === 1 ? '' : 's') + truncated, false);
    } catch (e) {
      const reason = e.name === 'AbortError' ? 'no answer within ' + REQUEST_TIMEOUT_MS / 1000 + ' s' : e.message;
      setStatus('Update failed at ' + clockTime(Date.now()) + ': ' + reason + ' · retrying every '
        + REFRESH_MS / 1000 + ' s', true);
    } finally {
      clearTimeout(timeout);
    }
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (e) {
      return null;
    }
  }

  function merge(samples) {
    for (const s of samples) {
      const t = Date.parse(s.timestamp);
      if (!s.host || Number.isNaN(t)) {
        continue;
      }
      let points = samplesByHost.get(s.host);
      if (!points) {
        points = new Map();
        samplesByHost.set(s.host, points);
      }
      points.set(t, s);
      if (newestMs === null || t > newestMs) {
        newestMs = t;
      }
    }
  }

  /** Drops what left the window, then points every chart at the current data. */
  function render() {
    const end = Math.max(Date.now(), newestMs === null ? 0 : newestMs);
    const start = end - windowMs;
    for (const [host, points] of samplesByHost) {
      for (const t of points.keys()) {
        if (t < start) {
          points.delete(t);
        }
      }
      if (points.size === 0) {
        samplesByHost.delete(host);
      }
    }
    const hosts = Array.from(samplesByHost.keys()).sort();
    const sorted = new Map(hosts.map((h) => [h, Array.from(samplesByHost.get(h).entries())
      .sort((a, b) => a[0] - b[0])]));

    METRICS.forEach((metric, i) => {
      const chart = charts[i];
      const byLabel = new Map(chart.data.datasets.map((d) => [d.label, d]));
      chart.data.datasets = hosts.map((host, h) => {
        const dataset = byLabel.get(host) || newDataset(host);
        const color = PALETTE[h % PALETTE.length];
        dataset.borderColor = color;
        dataset.backgroundColor = color;
        dataset.hidden = hiddenHosts.has(host);
        dataset.data = sorted.get(host)
          .filter(([, s]) => typeof s[metric.key] === 'number')
          .map(([t, s]) => ({ x: t, y: s[metric.key], injected: s.injected }));
        return dataset;
      });
      chart.options.scales.x.min = start;
      chart.options.scales.x.max = end;
      chart.update('none');
    });
    renderHosts(hosts);
  }

  function newDataset(host) {
    return {
      label: host,
      data: [],
      borderWidth: 1.5,
      pointRadius: (ctx) => (ctx.raw && ctx.raw.injected ? 3.5 : 0),
      pointHoverRadius: 4,
      pointHitRadius: 6,
      tension: 0,
      spanGaps: false,
    };
  }

  /** The shared legend: one toggle per host, coloured like its lines. */
  function renderHosts(hosts) {
    const key = hosts.join('\n') + '|' + Array.from(hiddenHosts).sort().join('\n');
    if (hostsEl.dataset.key === key) {
      return;
    }
    hostsEl.dataset.key = key;
    hostsEl.replaceChildren();
    hosts.forEach((host, h) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'host';
      button.setAttribute('aria-pressed', String(!hiddenHosts.has(host)));
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = PALETTE[h % PALETTE.length];
      button.append(swatch, document.createTextNode(host));
      button.addEventListener('click', () => {
        if (hiddenHosts.has(host)) {
          hiddenHosts.delete(host);
        } else {
          hiddenHosts.add(host);
        }
        render();
      });
      hostsEl.append(button);
    });
    const note = document.createElement('span');
    note.className = 'note';
    note.textContent = hosts.length
      ? 'Dots mark injected anomalies (simulator).'
      : 'No samples in this window yet.';
    hostsEl.append(note);
  }

  function chartConfig() {
    return {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
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
            ticks: { stepSize: 25, callback: (v) => v + '%' },
            grid: { color: '#eef1f4' },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => (items.length ? clockTime(items[0].parsed.x) : ''),
              label: (item) => item.dataset.label + ': ' + item.parsed.y.toFixed(1) + '%'
                + (item.raw.injected ? ' (injected ' + item.raw.injected + ')' : ''),
            },
          },
        },
      },
    };
  }

  /** Ticks on round minutes: 1, 2, 5, 10 ... apart, about six across. */
  function timeTicks(min, max) {
    const steps = [15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3];
    const step = steps.find((s) => (max - min) / s <= 6) || steps[steps.length - 1];
    const ticks = [];
    for (let t = Math.ceil(min / step) * step; t <= max; t += step) {
      ticks.push({ value: t });
    }
    return ticks;
  }

  function clockTime(ms, short) {
    const d = new Date(ms);
    const pad = (n) => String(n).padStart(2, '0');
    const hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
    return short && d.getSeconds() === 0 ? hm : hm + ':' + pad(d.getSeconds());
  }

  function setStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.className = 'status ' + (isError ? 'error' : 'ok');
  }
})();
