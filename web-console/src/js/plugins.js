// Plugins page: the list with states and errors, upload with progress, replace, remove; updated
// live from the runtime's event stream (polling when the stream is not available).
import { api, el, notify, adminToken, setAdminToken, errorFrom } from './api.js';

const POLL_MS = 5000;
let plugins = [];
let pollTimer = null;
let refreshing = null;

export function initPlugins() {
  const tokenInput = document.getElementById('admin-token');
  tokenInput.value = adminToken();
  tokenInput.addEventListener('change', () => setAdminToken(tokenInput.value.trim()));
  document.getElementById('admin-token-forget').addEventListener('click', () => {
    setAdminToken('');
    tokenInput.value = '';
    notify('info', 'Admin token forgotten for this tab');
  });
  document.getElementById('upload-form').addEventListener('submit', upload);
  connectEvents();
}

export async function showPlugins() {
  await refresh();
}

/** Reloads the list, at most one request at a time. */
function refresh() {
  if (!refreshing) {
    refreshing = api('/api/plugins', { what: 'Loading the plugins' })
      .then((list) => {
        plugins = list;
        render();
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

function changed() {
  window.dispatchEvent(new CustomEvent('plugboard:plugins-changed'));
  if (!document.getElementById('page-plugins').hidden) {
    refresh().catch((e) => notify('error', e.message));
  }
}

function connectEvents() {
  const live = document.getElementById('plugins-live');
  if (!('EventSource' in window)) {
    startPolling(live);
    return;
  }
  const source = new EventSource('/api/plugins/events');
  let debounce = null;
  source.addEventListener('ready', () => {
    live.textContent = 'Live: the list follows the runtime.';
    document.body.dataset.pluginEvents = 'live';
    stopPolling();
    changed();
  });
  source.addEventListener('plugin', () => {
    // A replace sends several events in a row (new version loading, active, old one draining).
    clearTimeout(debounce);
    debounce = setTimeout(changed, 150);
  });
  source.addEventListener('error', () => {
    // EventSource reconnects by itself; poll meanwhile so the list does not go stale.
    live.textContent = 'Reconnecting to the runtime… (polling meanwhile)';
    document.body.dataset.pluginEvents = 'polling';
    startPolling(live);
  });
}

function startPolling() {
  if (pollTimer) return;
  let last = '';
  pollTimer = setInterval(async () => {
    try {
      const list = await api('/api/plugins');
      const now = JSON.stringify(list.map((p) => [p.id, p.version, p.state]));
      if (last && now !== last) changed();
      last = now;
    } catch (e) {
      // the runtime is away; the live line already says so
    }
  }, POLL_MS);
}

function stopPolling() {
  clearInterval(pollTimer);
  pollTimer = null;
}

function render() {
  const body = document.getElementById('plugins-body');
  if (!plugins.length) {
    body.replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'empty' }, 'No plugins. Upload a jar above or drop one into the runtime\'s plugins folder.')));
    return;
  }
  const rows = [...plugins].sort((a, b) => (a.id || '').localeCompare(b.id || '') || String(a.version).localeCompare(String(b.version)));
  body.replaceChildren(...rows.map((p) => el('tr', { 'data-plugin-id': p.id || '', 'data-state': p.state },
    el('th', { scope: 'row' }, p.id || el('span', { class: 'muted' }, p.file || 'unknown'),
      p.file ? el('div', { class: 'muted small' }, p.file) : null),
    el('td', {}, p.version || '–'),
    el('td', {}, el('span', { class: `state state-${String(p.state).toLowerCase()}` }, p.state)),
    el('td', {}, (p.connectors || []).length ? el('ul', { class: 'plain' }, p.connectors.map((c) => el('li', {}, el('code', {}, c)))) : '–'),
    el('td', {}, String(p.templates ?? 0)),
    el('td', { class: 'error-cell' }, p.lastError || ''),
    el('td', {}, p.state === 'ACTIVE'
      ? el('button', { type: 'button', class: 'danger', 'aria-label': `Remove ${p.id}`, onclick: () => remove(p) }, 'Remove')
      : ''))));
}

async function remove(plugin) {
  if (!confirm(`Remove plugin ${plugin.id} ${plugin.version}? Its connectors stop taking work after the tasks in flight finish.`)) {
    return;
  }
  try {
    await api(`/api/plugins/${encodeURIComponent(plugin.id)}`, { method: 'DELETE', admin: true, what: `Removing ${plugin.id}` });
    notify('success', `Removed ${plugin.id}`);
    changed();
  } catch (e) {
    notify('error', e.message);
  }
}

function upload(event) {
  event.preventDefault();
  const fileInput = document.getElementById('plugin-file');
  const tokenInput = document.getElementById('admin-token');
  const result = document.getElementById('upload-result');
  const progress = document.getElementById('upload-progress');
  const token = tokenInput.value.trim();
  setAdminToken(token);
  const file = fileInput.files && fileInput.files[0];
  result.className = '';
  if (!token) {
    result.className = 'field-error';
    result.textContent = 'Enter the admin token (PLUGBOARD_ADMIN_TOKEN, or the one the runtime printed at start-up).';
    tokenInput.focus();
    return;
  }
  if (!file) {
    result.className = 'field-error';
    result.textContent = 'Choose a plugin jar to upload.';
    fileInput.focus();
    return;
  }
  const form = new FormData();
  form.append('file', file, file.name);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/plugins');
  xhr.setRequestHeader('Authorization', `Bearer ${token}`);
  progress.hidden = false;
  progress.value = 0;
  result.textContent = `Uploading ${file.name}…`;
  xhr.upload.addEventListener('progress', (e) => {
    if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
  });
  xhr.upload.addEventListener('load', () => {
    progress.value = 100;
    result.textContent = `Uploaded ${file.name}; the runtime is checking and loading it…`;
  });
  xhr.addEventListener('load', () => {
    progress.hidden = true;
    if (xhr.status === 201) {
      const p = JSON.parse(xhr.responseText);
      result.className = 'ok';
      result.textContent = `Loaded ${p.id} ${p.version}: ${(p.connectors || []).length} connector(s), ${p.templates} template(s).`;
      fileInput.value = '';
      changed();
    } else {
      const error = errorFrom(xhr.status, xhr.responseText, `${file.name} was not loaded`);
      result.className = 'field-error';
      result.textContent = xhr.status === 401 ? `${error.message} (check the admin token)` : error.message;
      changed();
    }
  });
  xhr.addEventListener('error', () => {
    progress.hidden = true;
    result.className = 'field-error';
    result.textContent = `Upload of ${file.name} failed: the runtime did not answer (is it running? is the jar larger than its upload limit?)`;
  });
  xhr.send(form);
}
