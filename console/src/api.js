// Calls to Baton's REST API (Conductor's, under /api). When authentication is on, the token from
// POST /api/token is kept in this tab's sessionStorage only (gone when the tab closes) and sent
// as a bearer token; a 401 asks for an API key again.
const TOKEN = 'baton.console.token';

let onUnauthorized = () => {};

export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN);
}

/** An error answer of the API: Conductor's error body (message, validationErrors[{path, message}]). */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
  get validationErrors() {
    return this.body.validationErrors || [];
  }
}

function headers(extra = {}) {
  const h = { Accept: 'application/json', ...extra };
  const t = token();
  if (t) h.Authorization = `Bearer ${t}`;
  return h;
}

export async function call(method, path, body, query) {
  const qs = query ? '?' + new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')) : '';
  const init = { method, headers: headers(body !== undefined ? { 'Content-Type': 'application/json' } : {}) };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`/api${path}${qs}`, init);
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = text; }
  }
  if (res.status === 401) onUnauthorized();
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' ? data : { message: data || res.statusText });
  return data;
}

export const get = (path, query) => call('GET', path, undefined, query);
export const post = (path, body, query) => call('POST', path, body === undefined ? '' : body, query);
export const put = (path, body, query) => call('PUT', path, body === undefined ? '' : body, query);
export const del = (path, query) => call('DELETE', path, undefined, query);

/** Exchanges an API key for a token at /api/token; keeps the token for this tab's session. */
export async function login(keyId, keySecret) {
  const res = await fetch('/api/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ keyId, keySecret }),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok || !data.token) throw new ApiError(res.status, data);
  sessionStorage.setItem(TOKEN, data.token);
}

/**
 * Follows a server-sent event stream with the token in a header (EventSource cannot send one).
 * @returns {() => void} stops following
 */
export function follow(path, onEvent) {
  const ctl = new AbortController();
  (async () => {
    const res = await fetch(`/api${path}`, { headers: headers({ Accept: 'text/event-stream' }), signal: ctl.signal });
    if (!res.ok || !res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += value;
      let cut;
      while ((cut = buf.search(/\r?\n\r?\n/)) >= 0) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut).replace(/^\r?\n\r?\n/, '');
        const ev = { event: 'message', data: '' };
        for (const line of block.split(/\r?\n/)) {
          if (line.startsWith(':')) continue;
          const i = line.indexOf(':');
          const field = i < 0 ? line : line.slice(0, i);
          const val = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
          if (field === 'event') ev.event = val;
          else if (field === 'data') ev.data += (ev.data ? '\n' : '') + val;
          else if (field === 'id') ev.id = val;
        }
        if (ev.data) onEvent(ev);
      }
    }
  })().catch(() => {});
  return () => ctl.abort();
}
