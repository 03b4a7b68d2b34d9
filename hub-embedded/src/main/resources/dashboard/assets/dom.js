// Builds DOM from data without ever parsing it as HTML: every string becomes a text node or an attribute value.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('a', {href: '#/tasks/1', class: 'link', on: {click: fn}}, 'text', child, [more])
 * Attribute values are set with setAttribute (never event-handler attributes), text with text nodes.
 */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'on') {
      for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    } else if (name === 'text') {
      el.textContent = String(value);
    } else if (name === 'href') {
      el.setAttribute('href', safeHref(value));
    } else if (name.startsWith('on')) {
      throw new Error('event handler attributes are not allowed: ' + name);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replace the element's content. */
export function fill(el, ...children) {
  clear(el);
  return append(el, children);
}

/** Links the page builds itself (hash routes, API paths) or http(s) URLs from the hub's settings; nothing else. */
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith('#') || (text.startsWith('/') && !text.startsWith('//'))) return text;
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch (e) {
    // not a URL
  }
  return '#';
}

/** A percentage width through the CSS object model (the policy forbids style attributes, not CSSOM). */
export function setWidth(el, fraction) {
  const clamped = Math.max(0, Math.min(1, Number(fraction) || 0));
  el.style.width = (clamped * 100).toFixed(1) + '%';
  return el;
}

export function pill(status) {
  return h('span', {class: 'pill status-' + String(status).replace(/[^a-z_]/g, ''), text: String(status).replace('_', ' ')});
}

export function empty(message) {
  return h('p', {class: 'empty', text: message});
}
