// Terminal output rendered safely: SGR colour and style codes become classes on spans; every other escape
// (OSC 8 links, OSC 52 clipboard writes, cursor movement, screen clearing, DCS/APC strings) and every other
// control character is dropped. The text itself only ever becomes text nodes.

const ESC = 0x1b;
const BEL = 0x07;

/** Split text into [{text, style}] runs, starting from (and updating) `state.style`. */
export function parse(text, state = {style: {}}) {
  const runs = [];
  let style = {...state.style};
  let buf = '';
  const flush = () => {
    if (buf) runs.push({text: buf, style: {...style}});
    buf = '';
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === ESC || c === 0x9b || c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) {
      const eightBit = c !== ESC;
      const kind = eightBit ? {0x9b: '[', 0x9d: ']', 0x90: 'P', 0x98: 'X', 0x9e: '^', 0x9f: '_'}[c] : text[i + 1];
      const start = eightBit ? i + 1 : i + 2;
      if (kind === '[') {
        let j = start;
        while (j < n && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x3f) j++;
        const params = text.slice(start, j);
        while (j < n && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
        if (j >= n) break; // an unfinished sequence: drop the rest
        if (text[j] === 'm' && j === start + params.length && /^[0-9;:]*$/.test(params)) {
          flush();
          style = applySgr(style, params);
        }
        i = j + 1;
      } else if (kind === ']' || kind === 'P' || kind === 'X' || kind === '^' || kind === '_') {
        i = stringEnd(text, start);
      } else if (eightBit) {
        i += 1;
      } else {
        // ESC, optional intermediate bytes, one final byte (ESC 7, ESC c, ESC ( B, ...)
        let j = i + 1;
        while (j < n && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
        i = j + 1;
      }
      continue;
    }
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || (c >= 0x80 && c < 0xa0)) {
      i++;
      continue;
    }
    buf += text[i];
    i++;
  }
  flush();
  state.style = style;
  return runs;
}

/** Where a control string (OSC, DCS, ...) ends: after BEL, ESC \ or ST; the end of the text if unterminated. */
function stringEnd(text, from) {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BEL || c === 0x9c) return j + 1;
    if (c === ESC && text[j + 1] === '\\') return j + 2;
  }
  return text.length;
}

function applySgr(style, params) {
  const codes = params === '' ? [0] : params.split(/[;:]/).map(p => (p === '' ? 0 : parseInt(p, 10)));
  const next = {...style};
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k];
    if (code === 0) {
      for (const key of Object.keys(next)) delete next[key];
    } else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 9) next.strike = true;
    else if (code === 22) { delete next.bold; delete next.dim; }
    else if (code === 23) delete next.italic;
    else if (code === 24) delete next.underline;
    else if (code === 27) delete next.inverse;
    else if (code === 29) delete next.strike;
    else if (code >= 30 && code <= 37) next.fg = code - 30;
    else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
    else if (code === 39) delete next.fg;
    else if (code >= 40 && code <= 47) next.bg = code - 40;
    else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
    else if (code === 49) delete next.bg;
    else if (code === 38 || code === 48) {
      const key = code === 38 ? 'fg' : 'bg';
      if (codes[k + 1] === 5 && k + 2 < codes.length) {
        next[key] = clampByte(codes[k + 2]);
        k += 2;
      } else if (codes[k + 1] === 2 && k + 4 < codes.length) {
        next[key] = 'rgb(' + clampByte(codes[k + 2]) + ',' + clampByte(codes[k + 3]) + ',' + clampByte(codes[k + 4]) + ')';
        k += 4;
      } else {
        break;
      }
    }
  }
  return next;
}

function clampByte(v) {
  return Math.max(0, Math.min(255, Number.isFinite(v) ? v : 0));
}

/** The 256-colour palette entry of `index` as rgb(), for indexes past the 16 named ones. */
function xterm(index) {
  if (index < 232) {
    const i = index - 16;
    const level = v => (v === 0 ? 0 : 55 + v * 40);
    return 'rgb(' + level(Math.floor(i / 36)) + ',' + level(Math.floor(i / 6) % 6) + ',' + level(i % 6) + ')';
  }
  const gray = 8 + (index - 232) * 10;
  return 'rgb(' + gray + ',' + gray + ',' + gray + ')';
}

/** Append the runs of `text` to `parent` as text nodes and styled spans. */
export function render(parent, text, state = {style: {}}) {
  for (const run of parse(text, state)) {
    const s = run.style;
    if (Object.keys(s).length === 0) {
      parent.append(document.createTextNode(run.text));
      continue;
    }
    const span = document.createElement('span');
    span.textContent = run.text;
    let fg = s.fg;
    let bg = s.bg;
    if (s.inverse) {
      [fg, bg] = [bg, fg];
      if (fg === undefined) span.classList.add('ansi-inverse-fg');
      if (bg === undefined) span.classList.add('ansi-inverse-bg');
    }
    colour(span, 'fg', fg);
    colour(span, 'bg', bg);
    for (const flag of ['bold', 'dim', 'italic', 'underline', 'strike']) {
      if (s[flag]) span.classList.add('ansi-' + flag);
    }
    parent.append(span);
  }
  return parent;
}

function colour(span, key, value) {
  if (value === undefined) return;
  const property = key === 'fg' ? 'color' : 'backgroundColor';
  if (typeof value === 'string') {
    span.style[property] = value;
  } else if (value < 16) {
    span.classList.add('ansi-' + key + '-' + value);
  } else {
    span.style[property] = xterm(value);
  }
}

/** The visible text only, escapes removed. */
export function plain(text) {
  return parse(text).map(r => r.text).join('');
}
