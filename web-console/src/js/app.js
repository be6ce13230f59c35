// The console's shell: loads the runtime's settings, switches pages by the URL hash, and reports
// anything that goes wrong as a message instead of a blank page.
import { api, notify } from './api.js';
import { initCatalog, showCatalog } from './catalog.js';
import { initModeler, showModeler } from './modeler.js';
import { initPlugins, showPlugins } from './plugins.js';

const PAGES = { catalog: showCatalog, modeler: showModeler, plugins: showPlugins };

window.addEventListener('error', (event) => {
  notify('error', `Something went wrong in the console: ${event.message}. Reload the page; if it persists, check the runtime log.`);
});
window.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason;
  notify('error', reason && reason.message ? reason.message : String(reason));
});

async function route() {
  const name = (location.hash.replace(/^#\/?/, '').split('?')[0]) || 'catalog';
  const page = PAGES[name] ? name : 'catalog';
  for (const section of document.querySelectorAll('.page')) {
    section.hidden = section.id !== `page-${page}`;
  }
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.page === page) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  document.title = `${page[0].toUpperCase()}${page.slice(1)} · Plugboard console`;
  try {
    await PAGES[page]();
  } catch (e) {
    notify('error', e.message);
  }
}

async function start() {
  let info;
  try {
    info = await api('/api/console', { what: 'Reading the console settings' });
  } catch (e) {
    notify('error', e.message);
    info = { engine: 'operaton', templateFlavor: 'camunda7', engineRest: '/engine-rest',
      templateIndexUrl: `${location.origin}/api/templates/index.json?flavor=camunda7` };
  }
  window.plugboardConsole = { info };
  const badge = document.getElementById('engine-badge');
  badge.textContent = info.engine === 'camunda8' ? 'Camunda 8 engine · Camunda 8 templates'
    : 'Embedded Operaton · Camunda 7 templates';
  badge.dataset.engine = info.engine;
  initCatalog(info);
  initModeler(info);
  initPlugins(info);
  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = 'true';
}

start();
