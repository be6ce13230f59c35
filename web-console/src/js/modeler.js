// Modeler page: camunda-bpmn-js (the Camunda 7 or Camunda 8 bundle, after the active engine) fed
// with the runtime's templates; open and save files; deploy to the embedded engine, start an
// instance and follow it to its end.
import { api, el, notify, download } from './api.js';

const VENDOR = 'vendor/camunda-bpmn-js';
const POLL_MS = 1000;
const POLL_LIMIT_MS = 10 * 60 * 1000;

let info;
let modeler = null;
let loading = null;
let fileName = 'diagram.bpmn';
let definition = null;      // the deployed process definition {id, key, name, version}
let pollTimer = null;
let templatesStale = false;
let lastGoodXml = null;     // restored when an import fails half-way (bpmn-js clears the canvas first)

const NEW_DIAGRAM_C7 = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.22.0">
  <bpmn:process id="Process_1" name="New process" isExecutable="true" camunda:historyTimeToLive="30">
    <bpmn:startEvent id="StartEvent_1" name="Start"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="Task_1" name="Call a connector"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:task>
    <bpmn:endEvent id="EndEvent_1" name="Done"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Task_1" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_1" targetRef="EndEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1"><dc:Bounds x="250" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="EndEvent_1_di" bpmnElement="EndEvent_1"><dc:Bounds x="412" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="188" y="120" /><di:waypoint x="250" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="350" y="120" /><di:waypoint x="412" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

const NEW_DIAGRAM_C8 = NEW_DIAGRAM_C7
  .replace('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"')
  .replace('modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.22.0"',
    'modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0"')
  .replace(' camunda:historyTimeToLive="30"', '');

export function initModeler(consoleInfo) {
  info = consoleInfo;
  document.getElementById('bpmn-new').addEventListener('click', () => newDiagram());
  document.getElementById('bpmn-open').addEventListener('change', openFile);
  document.getElementById('bpmn-save').addEventListener('click', save);
  document.getElementById('bpmn-deploy').addEventListener('click', deploy);
  document.getElementById('instance-start').addEventListener('click', startInstance);
  document.getElementById('chooser-search').addEventListener('input', renderChooser);
  if (!info.engineRest) {
    const deployButton = document.getElementById('bpmn-deploy');
    deployButton.disabled = true;
    deployButton.title = 'This runtime works for a Camunda 8 cluster: deploy with the Camunda Modeler or the cluster\'s tools';
    document.getElementById('deployment-info').textContent =
      'Deploying and starting from the console needs the embedded engine (plugboard.engine=operaton). '
      + 'With Camunda 8, save the diagram and deploy it with the Camunda Modeler.';
  }
  window.addEventListener('plugboard:plugins-changed', () => {
    templatesStale = true;
    if (modeler && !document.getElementById('page-modeler').hidden) {
      loadTemplates();
    }
  });
}

export async function showModeler() {
  if (!loading) {
    loading = create().catch((e) => {
      loading = null;
      throw e;
    });
  }
  await loading;
  if (templatesStale) {
    await loadTemplates();
  }
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = el('script', { src });
    script.onload = resolve;
    script.onerror = () => reject(new Error(`Could not load ${src}; the console build may be incomplete`));
    document.head.append(script);
  });
}

function loadStyle(href) {
  document.head.append(el('link', { rel: 'stylesheet', href }));
}

async function create() {
  const bundle = info.templateFlavor === 'camunda8' ? 'camunda-cloud-modeler' : 'camunda-platform-modeler';
  loadStyle(`${VENDOR}/assets/${bundle}.css`);
  await loadScript(`${VENDOR}/${bundle}.js`);
  modeler = new window.BpmnModeler({
    container: '#canvas',
    propertiesPanel: { parent: '#properties' },
    keyboard: { bindTo: document },
    // Our own chooser below, the same for both flavors (the Camunda 7 bundle has none).
    elementTemplateChooser: false,
  });
  window.plugboardConsole.modeler = modeler;
  modeler.on('elementTemplates.errors', (event) => showTemplateErrors(event.errors));
  modeler.on('elementTemplates.select', (event) => openChooser(event.element));
  await loadTemplates();
  await importXml(info.templateFlavor === 'camunda8' ? NEW_DIAGRAM_C8 : NEW_DIAGRAM_C7, 'diagram.bpmn');
}

async function loadTemplates() {
  templatesStale = false;
  const templates = await api(`/api/templates?flavor=${info.templateFlavor}`, { what: 'Loading the templates for the modeler' });
  showTemplateErrors([]);
  modeler.get('elementTemplatesLoader').setTemplates(templates);
  document.body.dataset.templates = String(modeler.get('elementTemplates').getAll().length);
}

function showTemplateErrors(errors) {
  const box = document.getElementById('template-errors');
  if (!errors || !errors.length) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.hidden = false;
  box.replaceChildren(
    el('strong', {}, `${errors.length} template${errors.length === 1 ? '' : 's'} could not be used by the modeler:`),
    el('ul', {}, errors.map((e) => el('li', {}, e.message || String(e)))),
    el('p', { class: 'muted' }, 'Fix the connector\'s template (the plugin\'s META-INF/element-templates) and upload the plugin again.'));
}

async function importXml(xml, name) {
  try {
    // Parse first without touching the canvas: bpmn-js clears the diagram before it finds that a
    // file has no diagram, and is left half-initialised.
    const { rootElement } = await modeler.get('moddle').fromXML(xml, 'bpmn:Definitions');
    if (!rootElement.diagrams || !rootElement.diagrams.length) {
      throw new Error('it has no diagram (BPMNDiagram) to show; lay it out in a BPMN modeler first');
    }
  } catch (e) {
    notify('error', `Could not open ${name}: ${firstLine(e.message)}. The file must be BPMN 2.0 XML with a diagram (a .bpmn file from a BPMN modeler); the diagram shown is unchanged.`);
    return false;
  }
  try {
    const result = await modeler.importXML(xml);
    lastGoodXml = xml;
    fileName = name;
    definition = null;
    document.getElementById('modeler-title').textContent = `Modeler · ${name}`;
    document.getElementById('instance-start').disabled = true;
    if (info.engineRest) {
      document.getElementById('deployment-info').textContent = 'Deploy the diagram first.';
    }
    modeler.get('canvas').zoom('fit-viewport', 'auto');
    if (result.warnings && result.warnings.length) {
      notify('info', `Opened ${name} with ${result.warnings.length} warning(s): ${result.warnings.slice(0, 3).map((w) => w.message).join('; ')}`);
    }
    return true;
  } catch (e) {
    notify('error', `Could not open ${name}: ${firstLine(e.message)}. The file must be BPMN 2.0 XML with a diagram (a .bpmn file from a BPMN modeler); the diagram shown is unchanged.`);
    if (lastGoodXml && lastGoodXml !== xml) {
      try {
        await modeler.importXML(lastGoodXml);
      } catch (ignored) {
        // the previous diagram imported before; nothing better to show if it does not now
      }
    }
    return false;
  }
}

function firstLine(text) {
  return String(text || 'unknown error').split('\n')[0].slice(0, 300);
}

function newDiagram() {
  importXml(info.templateFlavor === 'camunda8' ? NEW_DIAGRAM_C8 : NEW_DIAGRAM_C7, 'diagram.bpmn');
}

async function openFile(event) {
  const input = event.target;
  const file = input.files && input.files[0];
  input.value = '';
  if (!file) return;
  let text;
  try {
    text = await file.text();
  } catch (e) {
    notify('error', `Could not read ${file.name}: ${e.message}`);
    return;
  }
  if (await importXml(text, file.name) && modeler) {
    notify('success', `Opened ${file.name}`);
  }
}

async function save() {
  const { xml } = await modeler.saveXML({ format: true });
  download(fileName.endsWith('.bpmn') ? fileName : `${fileName}.bpmn`, xml, 'application/xml');
}

async function deploy() {
  if (!modeler || !info.engineRest) return;
  const button = document.getElementById('bpmn-deploy');
  button.disabled = true;
  try {
    const { xml } = await modeler.saveXML({ format: true });
    const form = new FormData();
    form.append('deployment-name', fileName.replace(/\.bpmn$/, ''));
    form.append('deployment-source', 'plugboard-console');
    form.append('enable-duplicate-filtering', 'true');
    form.append('data', new Blob([xml], { type: 'application/xml' }), fileName.endsWith('.bpmn') ? fileName : `${fileName}.bpmn`);
    const deployment = await api(`${info.engineRest}/deployment/create`, { method: 'POST', body: form, admin: true, what: 'The engine refused the deployment' });
    let defs = Object.values(deployment.deployedProcessDefinitions || {});
    if (!defs.length) {
      // Unchanged since the last deployment: the engine kept the existing definition.
      const processId = modeler.getDefinitions().rootElements.find((r) => r.$type === 'bpmn:Process');
      if (processId) {
        defs = await api(`${info.engineRest}/process-definition?key=${encodeURIComponent(processId.id)}&latestVersion=true`, { what: 'Finding the deployed process' });
      }
    }
    if (!defs.length) {
      throw new Error('The deployment holds no executable process: mark the process executable and deploy again');
    }
    definition = defs[0];
    document.getElementById('deployment-info').textContent =
      `Deployed ${definition.name || definition.key} (key ${definition.key}, version ${definition.version}).`;
    document.getElementById('instance-start').disabled = false;
    notify('success', `Deployed ${definition.key} version ${definition.version}`);
  } catch (e) {
    notify('error', e.message);
  } finally {
    button.disabled = false;
  }
}

/** Turns a JSON object into engine variables with explicit types. */
function toVariables(values) {
  const out = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === null) out[name] = { value: null, type: 'Null' };
    else if (typeof value === 'string') out[name] = { value, type: 'String' };
    else if (typeof value === 'boolean') out[name] = { value, type: 'Boolean' };
    else if (typeof value === 'number') {
      out[name] = Number.isInteger(value)
        ? { value, type: Math.abs(value) <= 2147483647 ? 'Integer' : 'Long' }
        : { value, type: 'Double' };
    } else out[name] = { value: JSON.stringify(value), type: 'Json' };
  }
  return out;
}

async function startInstance() {
  const errorBox = document.getElementById('start-variables-error');
  const textarea = document.getElementById('start-variables');
  let values;
  try {
    values = JSON.parse(textarea.value.trim() || '{}');
    if (values === null || typeof values !== 'object' || Array.isArray(values)) {
      throw new Error('the variables must be one JSON object, such as {"orderId": 42}');
    }
    errorBox.hidden = true;
    textarea.removeAttribute('aria-invalid');
  } catch (e) {
    errorBox.textContent = `Variables are not valid: ${e.message}`;
    errorBox.hidden = false;
    textarea.setAttribute('aria-invalid', 'true');
    textarea.focus();
    return;
  }
  try {
    const instance = await api(`${info.engineRest}/process-definition/${encodeURIComponent(definition.id)}/start`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ variables: toVariables(values) }),
      admin: true,
      what: 'The engine did not start the instance',
    });
    follow(instance.id);
  } catch (e) {
    notify('error', e.message);
  }
}

function follow(id) {
  clearTimeout(pollTimer);
  const startedAt = Date.now();
  const tick = async () => {
    let done = false;
    try {
      const [history, incidents, variables] = await Promise.all([
        api(`${info.engineRest}/history/process-instance/${encodeURIComponent(id)}`),
        api(`${info.engineRest}/incident?processInstanceId=${encodeURIComponent(id)}`),
        api(`${info.engineRest}/history/variable-instance?processInstanceId=${encodeURIComponent(id)}&deserializeValues=false`),
      ]);
      renderInstance(id, history, incidents, variables);
      done = history.state !== 'ACTIVE' && history.state !== 'SUSPENDED';
    } catch (e) {
      renderInstanceError(id, e);
    }
    if (!done && Date.now() - startedAt < POLL_LIMIT_MS) {
      pollTimer = setTimeout(tick, POLL_MS);
    }
  };
  tick();
}

const STATE_LABELS = {
  ACTIVE: 'running', COMPLETED: 'completed', SUSPENDED: 'suspended',
  EXTERNALLY_TERMINATED: 'cancelled', INTERNALLY_TERMINATED: 'terminated',
};

function renderInstance(id, history, incidents, variables) {
  const state = incidents.length && history.state === 'ACTIVE' ? 'incident' : (STATE_LABELS[history.state] || history.state);
  const box = document.getElementById('instance-state');
  box.replaceChildren(...[
    el('p', {}, 'Instance ', el('code', {}, id), ' ',
      el('span', { class: `state state-${state}`, id: 'instance-status', 'data-state': state }, state)),
    incidents.length ? el('ul', { class: 'incidents', 'aria-label': 'Incidents' }, incidents.map((i) =>
      el('li', {}, el('strong', {}, `${i.activityId}: `), i.incidentMessage || i.incidentType))) : null,
    variables.length ? el('table', { class: 'table compact', 'aria-label': 'Variables' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Variable'), el('th', { scope: 'col' }, 'Value'))),
      el('tbody', {}, variables.map((v) => el('tr', {}, el('td', {}, v.name),
        el('td', {}, el('code', {}, abbreviate(v.value))))))) : null,
  ].filter(Boolean));
}

function abbreviate(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text && text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function renderInstanceError(id, e) {
  document.getElementById('instance-state').replaceChildren(
    el('p', { class: 'field-error' }, `Could not read the state of instance ${id}: ${e.message}. Retrying.`));
}

// The template chooser: a dialog with the templates that apply to the element.
let chooserElement = null;

function openChooser(element) {
  chooserElement = element;
  const dialog = document.getElementById('chooser');
  document.getElementById('chooser-search').value = '';
  renderChooser();
  dialog.showModal();
  document.getElementById('chooser-search').focus();
}

function renderChooser() {
  const words = document.getElementById('chooser-search').value.toLowerCase().split(/\s+/).filter(Boolean);
  const templates = modeler.get('elementTemplates').getLatest(chooserElement)
    .filter((t) => {
      const text = [t.name, t.id, t.description || '', ...(t.keywords || [])].join(' ').toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const list = document.getElementById('chooser-list');
  if (!templates.length) {
    list.replaceChildren(el('li', { class: 'empty' }, 'No template applies to this element or matches the search.'));
    return;
  }
  list.replaceChildren(...templates.map((t) => el('li', { role: 'option' },
    el('button', { type: 'button', class: 'chooser-item', 'data-template-id': t.id, onclick: () => apply(t) },
      el('strong', {}, t.name), el('span', { class: 'muted small' }, ` ${t.id} v${t.version}`),
      t.description ? el('div', { class: 'small' }, t.description) : null))));
}

function apply(template) {
  document.getElementById('chooser').close();
  const applied = modeler.get('elementTemplates').applyTemplate(chooserElement, template);
  if (applied) {
    modeler.get('selection').select(applied);
  }
  notify('success', `Applied ${template.name}`);
}

