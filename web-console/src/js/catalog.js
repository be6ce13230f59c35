// Catalog page: every template of the loaded plugins, searchable, filterable by category, with a
// detail view and downloads in both flavors.
import { api, el, notify, download } from './api.js';

let info;
let entries = [];      // one per template id + version: {id, version, name, c7, c8, connector, category, keywords}
let loaded = false;
let selected = null;   // key of the entry in the detail view

const key = (t) => `${t.id}@${t.version}`;

export function initCatalog(consoleInfo) {
  info = consoleInfo;
  document.getElementById('catalog-search').addEventListener('input', render);
  document.getElementById('catalog-category').addEventListener('change', render);
  const url = document.getElementById('index-url');
  url.value = info.templateIndexUrl;
  const other = info.templateFlavor === 'camunda8' ? info.camunda7TemplateIndexUrl : info.camunda8TemplateIndexUrl;
  if (other) {
    document.getElementById('index-url-other').textContent =
      `For the other platform (${info.templateFlavor === 'camunda8' ? 'Camunda 7' : 'Camunda 8'} diagrams): ${other}`;
  }
  document.getElementById('index-url-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url.value);
      notify('success', 'Remote template source URL copied');
    } catch (e) {
      url.select();
      notify('info', 'Select the URL and copy it with Ctrl+C (the browser refused clipboard access)');
    }
  });
  // Plugins come and go while the page is open: reload when the plugin list changes.
  window.addEventListener('plugboard:plugins-changed', () => {
    loaded = false;
    if (!document.getElementById('page-catalog').hidden) {
      showCatalog().catch((e) => notify('error', e.message));
    }
  });
}

export async function showCatalog() {
  if (loaded) {
    render();
    return;
  }
  const [c8, c7, connectors] = await Promise.all([
    api('/api/templates?flavor=camunda8', { what: 'Loading the Camunda 8 templates' }),
    api('/api/templates?flavor=camunda7', { what: 'Loading the Camunda 7 templates' }),
    api('/api/connectors', { what: 'Loading the connectors' }).catch((e) => {
      notify('error', e.message);
      return [];
    }),
  ]);
  const byType = new Map(connectors.map((c) => [c.type, c]));
  const map = new Map();
  for (const [flavor, list] of [['c8', c8], ['c7', c7]]) {
    for (const t of list) {
      const entry = map.get(key(t)) || { id: t.id, version: t.version };
      entry[flavor] = t;
      map.set(key(t), entry);
    }
  }
  entries = [...map.values()].map((e) => {
    const t = e.c8 || e.c7;
    const connector = byType.get(e.id) || null;
    const category = (e.c8 && e.c8.category && e.c8.category.name) || (connector && connector.category) || 'Other';
    return { ...e, name: t.name, description: t.description || '', keywords: t.keywords || [], connector, category };
  }).sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version);
  const select = document.getElementById('catalog-category');
  const current = select.value;
  const categories = [...new Set(entries.map((e) => e.category))].sort();
  select.replaceChildren(el('option', { value: '' }, 'All categories'),
    ...categories.map((c) => el('option', { value: c }, c)));
  select.value = categories.includes(current) ? current : '';
  loaded = true;
  render();
}

function matches(entry, words) {
  const haystack = [entry.name, entry.id, entry.description, entry.category, ...entry.keywords,
    entry.connector ? entry.connector.pluginId : ''].join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

function render() {
  const words = document.getElementById('catalog-search').value.toLowerCase().split(/\s+/).filter(Boolean);
  const category = document.getElementById('catalog-category').value;
  const shown = entries.filter((e) => (!category || e.category === category) && matches(e, words));
  document.getElementById('catalog-count').textContent =
    `${shown.length} of ${entries.length} template${entries.length === 1 ? '' : 's'}`;
  const list = document.getElementById('catalog-list');
  if (!entries.length) {
    list.replaceChildren(el('li', { class: 'empty' }, 'No templates yet: load a plugin on the Plugins page.'));
  } else if (!shown.length) {
    list.replaceChildren(el('li', { class: 'empty' }, 'No template matches the search.'));
  } else {
    list.replaceChildren(...shown.map(card));
  }
  const still = selected && entries.find((e) => key(e) === selected);
  if (still) {
    renderDetail(still);
  } else {
    document.getElementById('catalog-detail').hidden = true;
  }
}

function icon(entry) {
  const t = entry.c8 || entry.c7;
  const src = t.icon && t.icon.contents;
  return src && /^(data:|https?:)/.test(src)
    ? el('img', { class: 'icon', src, alt: '' })
    : el('span', { class: 'icon placeholder', 'aria-hidden': 'true' }, entry.name.slice(0, 1).toUpperCase());
}

function card(entry) {
  const open = () => {
    selected = key(entry);
    renderDetail(entry);
    document.getElementById('catalog-detail').focus();
  };
  return el('li', { class: `card${selected === key(entry) ? ' selected' : ''}`, 'data-template-id': entry.id },
    el('button', { type: 'button', class: 'card-button', onclick: open },
      icon(entry),
      el('span', { class: 'card-text' },
        el('strong', { class: 'card-name' }, entry.name),
        el('span', { class: 'muted' }, `${entry.id} · v${entry.version}`),
        el('span', { class: 'card-desc' }, entry.description)),
      el('span', { class: 'tag' }, entry.category)));
}

function renderDetail(entry) {
  const box = document.getElementById('catalog-detail');
  box.hidden = false;
  box.tabIndex = -1;
  const flavorTemplate = (info.templateFlavor === 'camunda8' ? entry.c8 : entry.c7) || entry.c8 || entry.c7;
  const groups = new Map((flavorTemplate.groups || []).map((g) => [g.id, { label: g.label, props: [] }]));
  const ungrouped = { label: 'Other', props: [] };
  for (const p of flavorTemplate.properties || []) {
    if (p.type === 'Hidden') continue;
    (groups.get(p.group) || ungrouped).props.push(p);
  }
  if (ungrouped.props.length) groups.set('_other', ungrouped);
  const versions = entries.filter((e) => e.id === entry.id).map((e) => e.version);
  const c = entry.connector;
  const filename = (flavor) => `${entry.id.replace(/[^a-zA-Z0-9._-]/g, '_')}-v${entry.version}-${flavor}.json`;
  box.replaceChildren(
    el('div', { class: 'detail-head' }, icon(entry), el('div', {},
      el('h2', { id: 'detail-title' }, entry.name),
      el('p', { class: 'muted' }, entry.id))),
    el('p', {}, entry.description),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Versions'), el('dd', {}, versions.map((v) => `v${v}`).join(', ')),
      el('dt', {}, 'Category'), el('dd', {}, entry.category),
      el('dt', {}, 'Plugin'), el('dd', {}, c ? `${c.pluginId} ${c.pluginVersion}` : 'unknown'),
      c ? [el('dt', {}, 'Kind'), el('dd', {}, `${c.kind} (${c.runAs})`)] : null,
      entry.keywords.length ? [el('dt', {}, 'Keywords'), el('dd', {}, entry.keywords.join(', '))] : null,
      flavorTemplate.documentationRef ? [el('dt', {}, 'Documentation'),
        el('dd', {}, el('a', { href: flavorTemplate.documentationRef, rel: 'noopener', target: '_blank' }, flavorTemplate.documentationRef))] : null),
    el('div', { class: 'actions' },
      el('button', { type: 'button', disabled: !entry.c8, onclick: () => download(filename('camunda8'), JSON.stringify(entry.c8, null, 2)) }, 'Download Camunda 8 JSON'),
      el('button', { type: 'button', disabled: !entry.c7, onclick: () => download(filename('camunda7'), JSON.stringify(entry.c7, null, 2)) }, 'Download Camunda 7 JSON')),
    el('h3', {}, 'Properties'),
    ...[...groups.values()].filter((g) => g.props.length).map((g) => el('section', { class: 'group' },
      el('h4', {}, g.label),
      el('table', { class: 'table compact' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Label'), el('th', { scope: 'col' }, 'Type'), el('th', { scope: 'col' }, 'Binding'), el('th', { scope: 'col' }, 'Notes'))),
        el('tbody', {}, g.props.map((p) => el('tr', {},
          el('td', {}, p.label || p.id, p.description ? el('div', { class: 'muted small' }, p.description) : null),
          el('td', {}, p.type || 'String'),
          el('td', {}, el('code', {}, p.binding ? `${p.binding.name || p.binding.property || p.binding.type}` : '')),
          el('td', {}, notes(p)))))))));
  for (const li of document.querySelectorAll('#catalog-list .card')) {
    li.classList.toggle('selected', li.dataset.templateId === entry.id);
  }
}

function notes(p) {
  const out = [];
  if (p.constraints && p.constraints.notEmpty) out.push('required');
  if (p.value !== undefined && p.type !== 'Hidden') out.push(`default ${p.value}`);
  if (p.choices) out.push(`one of ${p.choices.map((c) => c.value).join(', ')}`);
  if (p.feel) out.push(`FEEL ${p.feel}`);
  if (p.condition) out.push('conditional');
  if (p.constraints && p.constraints.pattern && p.constraints.pattern.message) out.push(p.constraints.pattern.message);
  return out.join('; ');
}
