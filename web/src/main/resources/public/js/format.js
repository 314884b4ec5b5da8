// How numbers, rates and times read on the page.

export function pct(v) {
  return typeof v === 'number' ? v.toFixed(1) + '%' : '–';
}

/** A fraction 0..1 as a percentage: 0 %, 0.4 %, 3.8 %, 12 %. */
export function rate(r) {
  if (typeof r !== 'number') {
    return '–';
  }
  const p = r * 100;
  if (p === 0) {
    return '0 %';
  }
  return (p < 10 ? p.toFixed(1) : p.toFixed(0)) + ' %';
}

export function num(v) {
  if (typeof v !== 'number') {
    return '–';
  }
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(3);
}

/** A duration: 45 s, 12 min, 3 h 20 min, 2 d 4 h. */
export function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) {
    return s + ' s';
  }
  const m = Math.round(s / 60);
  if (m < 60) {
    return m + ' min';
  }
  const h = Math.floor(m / 60);
  if (h < 48) {
    return h + ' h' + (m % 60 ? ' ' + (m % 60) + ' min' : '');
  }
  return Math.floor(h / 24) + ' d' + (h % 24 ? ' ' + (h % 24) + ' h' : '');
}

export function wrap(s, width) {
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

export function ago(ms) {
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

export function clockTime(ms, short) {
  const d = new Date(ms);
  const hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
  return short && d.getSeconds() === 0 ? hm : hm + ':' + pad(d.getSeconds());
}

export function dateTime(ms) {
  const d = new Date(ms);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return (sameDay ? '' : (d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ') + clockTime(ms);
}

/** "learning, 12 min left" for a /fleet host entry that is learning, else ''. */
export function learningText(h) {
  if (!h || h.learning !== true) {
    return '';
  }
  if (typeof h.learning_left_ms === 'number' && h.learning_left_ms > 0) {
    return 'learning, ' + (h.learning_left_ms < 60e3 ? '< 1 min' : duration(h.learning_left_ms)) + ' left';
  }
  if (typeof h.learning_samples_left === 'number' && h.learning_samples_left > 0) {
    return 'learning, ' + h.learning_samples_left + ' samples to go';
  }
  return 'learning';
}
