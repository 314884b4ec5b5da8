// Small DOM helpers: every text goes in as textContent, never as HTML.

export const el = (id) => document.getElementById(id);

export function div(className) {
  const d = document.createElement('div');
  d.className = className;
  return d;
}

export function span(className, content) {
  const s = document.createElement('span');
  if (className) {
    s.className = className;
  }
  s.textContent = content;
  return s;
}

export function strong(content, className) {
  const s = document.createElement('strong');
  s.textContent = content;
  if (className) {
    s.className = className;
  }
  return s;
}

export function text(content) {
  return document.createTextNode(content);
}

export function cell(content, className) {
  const td = document.createElement('td');
  if (content instanceof Node) {
    td.append(content);
  } else {
    td.textContent = content;
  }
  if (className) {
    td.className = className;
  }
  return td;
}

/** A link to a host's view. */
export function hostLink(host) {
  const a = document.createElement('a');
  a.href = '#/host/' + encodeURIComponent(host);
  a.textContent = host;
  return a;
}

export function button(label, className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (className) {
    b.className = className;
  }
  return b;
}

/**
 * Puts rows into a table body only when they read differently from the ones shown: a refresh that
 * changes nothing keeps the rows (and the focus, a hovered button, a selection) in place.
 */
export function replaceRows(tbody, rows) {
  const next = document.createElement('tbody');
  next.append(...rows);
  if (next.innerHTML !== tbody.innerHTML) {
    tbody.replaceChildren(...Array.from(next.children));
  }
}
