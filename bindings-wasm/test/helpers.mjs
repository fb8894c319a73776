// Shared by the Node tests: the conformance matcher (a port of `subset` in
// core/tests/conformance.rs) and a reader that keeps the raw JSON text of a
// case's members, so that the engine sees `50000.0` as written and not as the
// JavaScript number 50000.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const casesDir = join(packageDir, '..', 'fixtures', 'cases');

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const show = (v) => JSON.stringify(v);

/** `expect` ⊆ `actual`: objects by key, arrays by length and position, scalars by equality. */
export function subset(expect, actual, path = '', out = []) {
  if (isObject(expect) && isObject(actual)) {
    for (const [k, ev] of Object.entries(expect)) {
      if (Object.hasOwn(actual, k)) subset(ev, actual[k], `${path}.${k}`, out);
      else out.push(`${path}.${k}: missing from the answer`);
    }
  } else if (Array.isArray(expect) && Array.isArray(actual)) {
    if (expect.length !== actual.length) {
      out.push(`${path}: expected ${expect.length} elements, got ${actual.length}: ${show(actual)}`);
      return out;
    }
    expect.forEach((ev, i) => subset(ev, actual[i], `${path}[${i}]`, out));
  } else if (!sameScalar(expect, actual)) {
    out.push(`${path}: expected ${show(expect)}, got ${show(actual)}`);
  }
  return out;
}

// serde_json's `Value` equality for the non-container case: an object or an
// array never equals anything here (the matching kinds were handled above).
function sameScalar(a, b) {
  if ((a !== null && typeof a === 'object') || (b !== null && typeof b === 'object')) return false;
  return a === b;
}

/**
 * The top-level members of a JSON object text, each as its raw JSON text.
 * Assumes well-formed JSON (JSON.parse of the same text succeeded).
 */
export function rawMembers(text) {
  let i = 0;
  const skipWs = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const string = () => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return text.slice(start, i);
  };
  const value = () => {
    skipWs();
    const start = i;
    if (text[i] === '"') string();
    else if (text[i] === '{' || text[i] === '[') {
      let depth = 0;
      do {
        const c = text[i];
        if (c === '"') {
          string();
          continue;
        }
        if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') depth--;
        i++;
      } while (depth > 0);
    } else {
      while (i < text.length && !',}] \t\n\r'.includes(text[i])) i++;
    }
    return text.slice(start, i);
  };
  const members = new Map();
  skipWs();
  if (text[i] !== '{') throw new Error('not a JSON object');
  i++;
  for (;;) {
    skipWs();
    if (text[i] === '}') break;
    const key = JSON.parse(string());
    skipWs();
    i++; // ':'
    members.set(key, value());
    skipWs();
    if (text[i] === ',') i++;
  }
  return members;
}

/** Number tokens of a JSON text written with a fraction or exponent (outside strings). */
export function fractionalNumbers(text) {
  const found = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      for (i++; text[i] !== '"'; i += text[i] === '\\' ? 2 : 1);
    } else if (/[-0-9]/.test(text[i])) {
      const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
      if (m && (m[1] || m[2])) found.push(m[0]);
      i += m ? m[0].length - 1 : 0;
    }
  }
  return found;
}

// Every conformance case file (fixtures/cases, all subfolders), sorted.
export function caseFiles() {
  return readdirSync(casesDir, { recursive: true })
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(casesDir, f))
    .sort();
}

export function readCase(file) {
  const text = readFileSync(file, 'utf8');
  return { text, parsed: JSON.parse(text), raw: rawMembers(text) };
}
