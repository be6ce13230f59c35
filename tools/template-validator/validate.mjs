#!/usr/bin/env node
// Validates Camunda element templates the way the Camunda Modeler does before it offers them:
// the official @bpmn-io/element-templates-validator (validate for Camunda 7, validateZeebe for
// Camunda 8, chosen by $schema) plus the checks the modeler's template loader adds around it
// (supported $schema, schema version, unique id+version, elementType reachable from appliesTo,
// engine ranges), and one Plugboard rule (a condition must not point at its own property). One line per problem, a summary, exit code 1 when any template is invalid.
//
// Usage: node validate.mjs [--json] <folders-or-files...>
//   --json  print one JSON document (per file and per template) instead of text lines.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

import {
  validate as validateCamunda7,
  validateZeebe as validateCamunda8,
  getSchemaPackage,
  getSchemaVersion,
  getZeebeSchemaPackage,
  getZeebeSchemaVersion
} from '@bpmn-io/element-templates-validator';
import { BpmnModdle } from 'bpmn-moddle';
import semver from 'semver';

const FLAVORS = {
  camunda8: {
    name: 'camunda8',
    schemaPackage: getZeebeSchemaPackage(),
    schemaVersion: getZeebeSchemaVersion(),
    validate: validateCamunda8
  },
  camunda7: {
    name: 'camunda7',
    schemaPackage: getSchemaPackage(),
    schemaVersion: getSchemaVersion(),
    validate: validateCamunda7
  }
};

const OFFICIAL_URLS = Object.values(FLAVORS)
  .map(flavor => `https://unpkg.com/${flavor.schemaPackage}/resources/schema.json (${flavor.name})`)
  .join(' or ');

// The modeler lets a template morph an element only within these families (Task -> ServiceTask,
// StartEvent -> IntermediateCatchEvent), never across them (Task -> SequenceFlow).
const MORPHABLE_TYPES = [ 'bpmn:Activity', 'bpmn:Event', 'bpmn:Gateway' ];

const moddle = new BpmnModdle();

function main(argv) {
  const json = argv.includes('--json');
  const inputs = argv.filter(arg => !arg.startsWith('--'));
  const unknownOptions = argv.filter(arg => arg.startsWith('--') && arg !== '--json');

  if (unknownOptions.length || !inputs.length) {
    process.stderr.write(
      (unknownOptions.length ? `unknown option ${unknownOptions.join(', ')}\n` : '') +
      'usage: node validate.mjs [--json] <folders-or-files...>\n' +
      'Validates every *.json element template (one template or an array per file) with the official validator.\n'
    );
    return 2;
  }

  let files;
  try {
    files = inputs.flatMap(collectJsonFiles);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    return 2;
  }

  const report = validateFiles(files);

  if (json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    for (const file of report.files) {
      for (const problem of file.problems) {
        process.stdout.write(`${file.file}: ${problem.message}\n`);
      }
      for (const template of file.templates) {
        for (const problem of template.problems) {
          process.stdout.write(`${file.file}: ${describe(template, problem)}\n`);
        }
        for (const warning of template.warnings || []) {
          process.stdout.write(`${file.file}: warning: ${describe(template, warning)}\n`);
        }
      }
    }
    process.stdout.write(`${report.templates} templates, ${report.invalid} invalid` +
      (report.unreadableFiles ? `, ${report.unreadableFiles} unreadable files` : '') + '\n');
  }

  return report.valid ? 0 : 1;
}

/** Every *.json file under a folder (sorted, node_modules skipped), or the file itself. */
function collectJsonFiles(input) {
  let stat;
  try {
    stat = statSync(input);
  } catch {
    throw new Error(`no such file or folder: ${input}`);
  }
  if (stat.isFile()) {
    return [ input ];
  }
  const found = [];
  for (const entry of readdirSync(input, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.join(input, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') {
      found.push(...collectJsonFiles(child));
    } else if (entry.isFile() && entry.name.endsWith('.json')) {
      found.push(child);
    }
  }
  return found;
}

function validateFiles(files) {
  const seen = { camunda8: new Map(), camunda7: new Map() };
  const report = { valid: true, templates: 0, invalid: 0, unreadableFiles: 0, files: [] };

  for (const file of files) {
    const fileReport = { file, valid: true, problems: [], templates: [] };
    report.files.push(fileReport);

    let parsed;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf-8'));
    } catch (err) {
      fileReport.valid = false;
      fileReport.problems.push({ message: `not readable as JSON: ${err.message}` });
      report.valid = false;
      report.unreadableFiles++;
      continue;
    }

    const templates = Array.isArray(parsed) ? parsed : [ parsed ];
    templates.forEach((template, index) => {
      const result = validateTemplate(template, seen, Array.isArray(parsed) ? `${file}[${index}]` : file);
      fileReport.templates.push({ index, ...result });
      report.templates++;
      if (!result.valid) {
        report.invalid++;
        fileReport.valid = false;
        report.valid = false;
      }
    });
  }
  return report;
}

function validateTemplate(template, seen, where) {
  if (!isObject(template)) {
    return { id: null, version: null, flavor: null, valid: false,
      problems: [ { property: null, message: 'a template must be a JSON object' } ] };
  }

  const problems = [];
  const warnings = [];
  const problem = (message, property = null, source = 'modeler') => {
    // ajv reports some faults once per schema branch that checks them; say each one once.
    if (!problems.some(known => known.message === message && known.property === property)) {
      problems.push({ property, message, source });
    }
  };
  const id = template.id ?? null;
  const version = template.version ?? null;
  const flavor = flavorOf(template.$schema);

  // (1) $schema: picks the flavor; the modeler refuses a missing or foreign one.
  if (template.$schema === undefined) {
    problem(`missing $schema: set it to ${OFFICIAL_URLS}`);
  } else if (!flavor) {
    problem(`unsupported $schema <${template.$schema}>: use ${OFFICIAL_URLS}`);
  }
  if (!flavor) {
    return { id, version, flavor: null, valid: false, problems };
  }

  // (2) A schema URL pinned to a newer release than the modeler knows is refused.
  const pinned = schemaVersionOf(template.$schema);
  if (pinned && semver.valid(pinned) && semver.gt(pinned, flavor.schemaVersion)) {
    problem(`unsupported element template schema version <${pinned}>: this validator supports up to <${flavor.schemaVersion}>; use the unversioned $schema URL`);
  }

  // (3) id + version must be unique per flavor (templates without a version share one slot).
  if (typeof id === 'string') {
    const key = `${id}\u0000${version ?? '_'}`;
    if (seen[flavor.name].has(key)) {
      problem(version === null
        ? `template id <${id}> already used (by ${seen[flavor.name].get(key)})`
        : `template id <${id}> and version <${version}> already used (by ${seen[flavor.name].get(key)})`);
    } else {
      seen[flavor.name].set(key, where);
    }
  }

  // (4) elementType must be reachable from every appliesTo entry.
  const elementTypeProblem = checkElementType(template);
  if (elementTypeProblem) {
    problem(elementTypeProblem);
  }

  // (5) The official JSON schema validator.
  const result = flavor.validate(template);
  for (const warning of result.warnings || []) {
    warnings.push({ property: propertyAt(template, warning.instancePath), message: warning.message || String(warning) });
  }
  if (!result.valid) {
    const errors = relevantErrors(result.errors || []);
    for (const error of errors) {
      problem(messageOf(error), propertyAt(template, error.instancePath), 'schema');
    }
    if (!errors.length) {
      problem('does not match the element template JSON schema', null, 'schema');
    }
  }

  // (6) engines: each value must be a semver range.
  if (isObject(template.engines)) {
    for (const [ engine, range ] of Object.entries(template.engines)) {
      if (typeof range !== 'string' || semver.validRange(range) === null) {
        problem(`engine <${engine}> specifies invalid semver range <${range}>`);
      }
    }
  }

  // (7) Plugboard rule: a condition on the property itself hides it for good. The Camunda 8 schema
  // states this rule with ajv's $data, but the official validator is compiled without $data, so the
  // rule never fires there; the Camunda 7 schema has no such rule at all. We check it for both.
  if (Array.isArray(template.properties)) {
    template.properties.forEach((property, index) => {
      if (isObject(property) && property.id !== undefined && conditionProperties(property.condition).includes(property.id)) {
        problem(`invalid condition.property <${property.id}>: a property cannot depend on itself, point the condition at another property (Plugboard rule)`,
          propertyAt(template, `/properties/${index}`), 'plugboard');
      }
    });
  }

  return { id, version, flavor: flavor.name, valid: problems.length === 0, problems, warnings };
}

function flavorOf(schema) {
  if (typeof schema !== 'string') {
    return null;
  }
  // The Camunda 8 package name is checked first: it is the longer, more specific one.
  return [ FLAVORS.camunda8, FLAVORS.camunda7 ].find(flavor => schema.includes(flavor.schemaPackage)) || null;
}

function schemaVersionOf(schema) {
  const match = /@(\d+\.\d+\.\d+)/.exec(schema);
  return match ? match[1] : null;
}

function checkElementType(template) {
  const elementType = isObject(template.elementType) ? template.elementType.value : undefined;
  if (typeof elementType !== 'string' || !Array.isArray(template.appliesTo)) {
    return null;
  }
  if (!template.appliesTo.some(type => typeof type === 'string' && isType(elementType, type))) {
    return `template does not apply to requested element type <${elementType}>: elementType.value must be one of appliesTo ${JSON.stringify(template.appliesTo)} or a subtype of one`;
  }
  for (const sourceType of template.appliesTo) {
    if (typeof sourceType === 'string' && !canMorph(sourceType, elementType)) {
      return `can not morph <${sourceType}> into <${elementType}>: appliesTo and elementType must both be activities, events or gateways`;
    }
  }
  return null;
}

function isType(type, baseType) {
  try {
    const moddleType = moddle.getType(type);
    return Boolean(moddleType) && baseType in moddle.getElementDescriptor(moddleType).allTypesByName;
  } catch {
    return false; // an unknown BPMN type
  }
}

function canMorph(sourceType, targetType) {
  if (sourceType === targetType) {
    return true;
  }
  const family = MORPHABLE_TYPES.find(type => isType(sourceType, type));
  return Boolean(family) && isType(targetType, family);
}

/**
 * The errors the modeler itself shows (custom messages from the schema and type errors); the raw
 * ajv output repeats each fault for every unmatched branch of oneOf/if.
 */
function relevantErrors(errors) {
  // The schema root is a oneOf of "a template" and "a list of templates"; we validate one
  // template at a time, so the list branch only adds noise.
  errors = errors.filter(error => !(error.instancePath === '' && /^#\/oneOf(\/1|$)/.test(error.schemaPath)));
  const relevant = errors.filter(error =>
    error.keyword === 'errorMessage' ||
    (error.keyword === 'type' && error.instancePath && !error.instancePath.startsWith('/scopes/')));
  if (relevant.length) {
    return relevant;
  }
  return errors.filter(error => error.keyword !== 'if');
}

function messageOf(error) {
  const where = error.instancePath ? `${error.instancePath}: ` : '';
  let message = error.message;
  if (error.keyword === 'enum' && error.params && error.params.allowedValues) {
    message += ` ${JSON.stringify(error.params.allowedValues)}`;
  } else if (error.keyword === 'const' && error.params && 'allowedValue' in error.params) {
    message += ` ${JSON.stringify(error.params.allowedValue)}`;
  } else if (error.keyword === 'additionalProperties' && error.params) {
    message += ` (${error.params.additionalProperty})`;
  }
  return `${where}${message}`;
}

/** The template property an instance path points into, by id, binding name or index. */
function propertyAt(template, instancePath) {
  const match = /^\/properties\/(\d+)(\/|$)/.exec(instancePath || '');
  if (!match || !Array.isArray(template.properties)) {
    return null;
  }
  return propertyName(template.properties[Number(match[1])], Number(match[1]));
}

function propertyName(property, index) {
  if (isObject(property)) {
    if (typeof property.id === 'string') {
      return property.id;
    }
    const binding = isObject(property.binding) ? property.binding : {};
    for (const key of [ 'name', 'property', 'key', 'source', 'target', 'variables' ]) {
      if (typeof binding[key] === 'string') {
        return binding[key];
      }
    }
  }
  return `properties[${index}]`;
}

function conditionProperties(condition) {
  if (!isObject(condition)) {
    return [];
  }
  if (Array.isArray(condition.allMatch)) {
    return condition.allMatch.flatMap(conditionProperties);
  }
  return condition.property !== undefined ? [ condition.property ] : [];
}

function describe(template, problem) {
  const name = template.id === null ? 'template' : `template '${template.id}'`;
  const version = template.version === null ? '' : ` v${template.version}`;
  const property = problem.property ? `, property '${problem.property}'` : '';
  return `${name}${version}${property}: ${problem.message}`;
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

process.exitCode = main(process.argv.slice(2));
