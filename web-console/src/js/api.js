// Small helpers shared by the pages: calls to the runtime with readable errors, the admin
// token kept for this browser tab, and messages on the page.

const TOKEN_KEY = 'plugboard.adminToken';

/** An error from the runtime, with the code and message of its JSON body when it has one. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Reads the error body of a failed call: `{code, message}` (ours) or `{type, message}` (Operaton). */
export function errorFrom(status, text, what) {
  let code = `HTTP_${status}`;
  let message = '';
  try {
    const body = JSON.parse(text);
    code = body.code || body.type || code;
    message = body.message || '';
    // Operaton's parse errors list each problem with its line under details.<resource>.errors.
    const problems = Object.values(body.details || {}).flatMap((d) => (d && d.errors) || []);
    if (problems.length) {
      // The engine repeats some problems once per check that found them.
      message = [...new Set(problems.map((p) => `${p.message}${p.line ? ` (line ${p.line})` : ''}`))].join(' • ');
    }
  } catch (e) {
    // not JSON (a proxy page or an empty body): fall back to the status below
  }
  if (!message) {
    message = status === 0
      ? 'The runtime did not answer; is it running?'
      : `The runtime answered ${status}`;
  }
  return new ApiError(status, code, what ? `${what}: ${message}` : message);
}

/**
 * Calls the runtime and returns the parsed JSON (or null for 204).
 * @param {string} path such as /api/plugins
 * @param {RequestInit & {what?: string, admin?: boolean}} [options]
 */
export async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (options.admin) {
    const token = adminToken();
    if (!token) {
      throw new ApiError(401, 'UNAUTHORIZED', 'Enter the admin token on the Plugins page first (uploading, removing, deploying and starting need it)');
    }
    headers.set('Authorization', `Bearer ${token}`);
  }
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (e) {
    throw new ApiError(0, 'UNREACHABLE', `${options.what ? options.what + ': ' : ''}the runtime did not answer (${e.message}); is it running?`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw errorFrom(response.status, text, options.what);
  }
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(response.status, 'INVALID_ANSWER', `${path} did not answer JSON`);
  }
}

export function adminToken() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setAdminToken(token) {
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

/**
 * Shows a message at the top of the page. Errors stay until closed; others fade after a while.
 * @param {'error'|'info'|'success'} kind
 */
export function notify(kind, text) {
  const box = document.getElementById('notices');
  const note = document.createElement('div');
  note.className = `notice ${kind}`;
  note.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const span = document.createElement('span');
  span.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', 'Dismiss message');
  close.textContent = '×';
  close.addEventListener('click', () => note.remove());
  note.append(span, close);
  box.append(note);
  if (kind !== 'error') {
    setTimeout(() => note.remove(), 6000);
  }
  return note;
}

/** Creates an element: el('p', {class: 'x'}, 'text', child). Text is never parsed as HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) {
      node.addEventListener(key.slice(2), value);
    } else if (value === true) {
      node.setAttribute(key, '');
    } else {
      node.setAttribute(key, value);
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Saves text as a file in the browser. */
export function download(filename, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
