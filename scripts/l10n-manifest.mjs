// Moves every user-visible string of package.json into package.nls.json, leaving `%key%` in its
// place (idempotent: strings already moved stay as they are). `--check` only reports strings that are
// still literal or keys that are missing/unused (exit 1); test/unit/l10n.test.ts runs it.
//   node scripts/l10n-manifest.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
const pkgPath = fileURLToPath(new URL('../package.json', import.meta.url));
const nlsPath = fileURLToPath(new URL('../package.nls.json', import.meta.url));
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
let nls = {};
try {
  nls = JSON.parse(readFileSync(nlsPath, 'utf8'));
} catch {
  /* first run */
}

/** Every localisable string of the manifest: [holder object, property or index, nls key]. */
function places() {
  const out = [['displayName'], ['description']].map(([k]) => [pkg, k, k]);
  const c = pkg.contributes;
  for (const cmd of c.commands) {
    const id = cmd.command.replace(/^[^.]*\./, '');
    out.push([cmd, 'title', `command.${id}.title`]);
    if (cmd.category) out.push([cmd, 'category', 'command.category']);
  }
  out.push([c.configuration, 'title', 'configuration.title']);
  for (const [key, prop] of Object.entries(c.configuration.properties)) {
    const id = key.replace(/^[^.]*\./, '');
    for (const field of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage'])
      if (field in prop) out.push([prop, field, `configuration.${id}.${field}`]);
    for (const holder of [prop, prop.items, prop.additionalProperties].filter(Boolean)) {
      (holder.enumDescriptions ?? []).forEach((_, i) =>
        out.push([
          holder.enumDescriptions,
          i,
          `configuration.${id}.${holder === prop ? '' : holder === prop.items ? 'items.' : 'values.'}enum.${holder.enum[i]}`,
        ]),
      );
    }
  }
  for (const container of c.viewsContainers?.activitybar ?? [])
    out.push([container, 'title', `viewsContainer.${container.id}.title`]);
  for (const view of Object.values(c.views ?? {}).flat()) {
    const id = view.id.replace(/^[^.]*\./, '');
    out.push([view, 'name', `view.${id}.name`]);
    if (view.contextualTitle) out.push([view, 'contextualTitle', `view.${id}.contextualTitle`]);
  }
  for (const welcome of c.viewsWelcome ?? [])
    out.push([welcome, 'contents', `viewsWelcome.${welcome.view.replace(/^[^.]*\./, '')}.contents`]);
  for (const w of c.walkthroughs ?? []) {
    out.push([w, 'title', `walkthrough.${w.id}.title`], [w, 'description', `walkthrough.${w.id}.description`]);
    for (const step of w.steps) {
      const id = `walkthrough.${w.id}.${step.id}`;
      out.push([step, 'title', `${id}.title`], [step, 'description', `${id}.description`]);
      if (step.media?.altText) out.push([step.media, 'altText', `${id}.altText`]);
    }
  }
  for (const kind of ['untrustedWorkspaces', 'virtualWorkspaces'])
    if (pkg.capabilities?.[kind]?.description)
      out.push([pkg.capabilities[kind], 'description', `capabilities.${kind}.description`]);
  return out;
}

const problems = [];
const used = new Set();
for (const [holder, prop, key] of places()) {
  const value = holder[prop];
  const m = /^%(.+)%$/.exec(value);
  if (m) {
    used.add(m[1]);
    if (!(m[1] in nls)) problems.push(`${key}: %${m[1]}% has no entry in package.nls.json`);
    continue;
  }
  if (values.check) {
    problems.push(`${key}: a literal string in package.json`);
    continue;
  }
  if (key in nls && nls[key] !== value && key !== 'command.category')
    throw new Error(`${key} already means something else in package.nls.json`);
  nls[key] = value;
  holder[prop] = `%${key}%`;
  used.add(key);
}
for (const key of Object.keys(nls)) if (!used.has(key)) problems.push(`${key}: in package.nls.json but not used`);
if (values.check) {
  if (problems.length) {
    console.error(`package.json / package.nls.json:\n  ${problems.join('\n  ')}\nRun npm run l10n.`);
    process.exit(1);
  }
  console.log(`package.json: all ${used.size} manifest strings come from package.nls.json`);
} else {
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + '\n');
  writeFileSync(nlsPath, JSON.stringify(nls, null, 2) + '\n');
  console.log(`package.nls.json: ${Object.keys(nls).length} strings`);
}
