// Builds the console: copies our own files (src/) and the ready browser bundles of
// camunda-bpmn-js into one folder. No bundler: the bundles are already self-contained and our
// own code is plain ES modules, so a copy is the whole build.
import { cpSync, mkdirSync, rmSync, existsSync, writeFileSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, 'target', 'classes', 'META-INF', 'resources');
const dist = join(here, 'node_modules', 'camunda-bpmn-js', 'dist');

if (!existsSync(dist)) {
  console.error(`camunda-bpmn-js is not installed (${dist} missing): run 'npm ci' in ${here} first`);
  process.exit(1);
}

const wanted = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies['camunda-bpmn-js'];
const installed = JSON.parse(readFileSync(join(here, 'node_modules', 'camunda-bpmn-js', 'package.json'), 'utf8')).version;
if (installed !== wanted) {
  console.error(`camunda-bpmn-js ${installed} is installed but package.json wants ${wanted}: run 'npm ci' in ${here}`);
  process.exit(1);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(join(here, 'src'), out, { recursive: true });

const vendor = join(out, 'vendor', 'camunda-bpmn-js');
mkdirSync(vendor, { recursive: true });
for (const flavor of ['camunda-platform-modeler', 'camunda-cloud-modeler']) {
  cpSync(join(dist, `${flavor}.production.min.js`), join(vendor, `${flavor}.js`));
}
// The CSS files reference the bpmn font relative to themselves: keep the assets tree as it is.
cpSync(join(dist, 'assets'), join(vendor, 'assets'), { recursive: true });
cpSync(join(here, 'node_modules', 'camunda-bpmn-js', 'LICENSE'), join(vendor, 'LICENSE'));

writeFileSync(join(vendor, 'VERSION'), `${installed}\n`);
console.log(`web console built into ${out} (camunda-bpmn-js ${installed})`);
