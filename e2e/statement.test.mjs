// The emissions statement panel in a real browser: every format is copied (clipboard)
// and downloaded (a file), and both hold the emissions figure the page shows and the
// key facts; a JSON export imported (pasted or as a file) restores the same inputs and
// numbers; garbage is refused with an inline message and changes nothing. The inputs
// are the shared cases of tests/cases.json, also run through the CLI (core/tests/cli.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_VERSION, REPO, picked, text, useSharedBrowser, withPage } from './harness.mjs';

const CASES = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/cases.json'), 'utf8')).cases;
// tests/cases.json (shared with the CLI and core tests) still writes some fields under
// their older names, which imports read; an export writes each under its wire name.
const WIRE = {
  duration_unit: 'unit',
  utilization_pct: 'utilization',
  custom_power_w: 'custom_power',
  cpu_w_per_core: 'cpu_power',
  cpu_usage_pct: 'cpu_usage',
};
const FILES = {
  latex: 'emissions-statement.tex',
  markdown: 'emissions-statement.md',
  text: 'emissions-statement.txt',
  hf: 'emissions-model-card.yaml',
  json: 'emissions-estimate.json',
  bibtex: 'emissions-references.bib',
  'latex-runs': 'emissions-runs-table.tex',
  neurips: 'neurips-checklist-compute.tex',
  acl: 'acl-checklist-c1.txt',
  'hf-body': 'model-card-environmental-impact.md',
  'hf-card': 'README.md',
  climate: 'climate-performance-model-card.md',
  'climate-tex': 'climate-performance-model-card.tex',
  'eu-ai-act': 'eu-ai-act-energy-compute-DRAFT.md',
  boamps: 'emissions-boamps-report.json',
};
// Where each format is found: the panel's first choice, then its tab.
const DESTINATION = {
  latex: 'paper', bibtex: 'paper', 'latex-runs': 'paper', neurips: 'paper', acl: 'paper', 'climate-tex': 'paper',
  'hf-card': 'model-card', 'hf-body': 'model-card', hf: 'model-card', climate: 'model-card',
  'eu-ai-act': 'report', boamps: 'report',
  markdown: 'other', text: 'other', json: 'other',
};

/** A minimal export of one run with this form (the import fills the other fields with defaults). */
function exportOf(form, name = '') {
  return JSON.stringify({
    schema: 'ml-emissions-calculator/estimate',
    schema_version: 1,
    project: { name, active: 0, runs: [{ label: 'Training run', phase: 'final_training', repeat: '1', form }] },
  });
}

async function pasteImport(page, json) {
  await page.fill('[data-testid=statement-import-text]', json);
  await page.click('[data-testid=statement-import-button]');
}

/** Import case `i` and wait until the page shows its emissions. */
async function importCase(page, i, name = '') {
  await pasteImport(page, exportOf(CASES[i].form, name));
  await page.locator('[data-testid=statement-import-done]').waitFor();
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid=emissions]')?.textContent === want,
    CASES[i].expected.display,
    { timeout: 5000 },
  );
}

/** Show format `key`: its destination, then its tab. */
async function showFormat(page, key) {
  await page.check(`input[name="statement-destination"][value="${DESTINATION[key]}"]`);
  await page.click(`#statement-tab-${key}`);
  assert.equal(await page.getAttribute(`#statement-tab-${key}`, 'aria-selected'), 'true');
}

/** Show format `key` and return its text. */
async function selectFormat(page, key) {
  await showFormat(page, key);
  return page.inputValue('[data-testid=statement-text]');
}

/** Checks a statement's content in `format` for case `c` (whose figure the page shows). */
function checkContent(format, content, c, shown) {
  const x = c.expected;
  // The results card's figures without their unit ("160.4", "459.6"), as the tables and
  // checklists write them under a unit of their own.
  const kgNumber = shown.split(' ')[0];
  const kwhNumber = String(Number(x.energy_kwh.toPrecision(4)));
  const hasFigures = () => {
    assert.ok(content.includes(kgNumber), `${format} shows the emissions ${kgNumber}`);
    assert.ok(content.includes(kwhNumber), `${format} shows the energy ${kwhNumber}`);
  };
  switch (format) {
    case 'latex':
      // LaTeX ties numbers to their units with "~" and writes en dashes as "--".
      assert.ok(content.includes(`\\textbf{${shown.replace(' ', '~')}}`), `latex shows ${shown}`);
      assert.ok(content.includes(x.range_display.replace('–', '--').replaceAll(' ', '~')), 'latex range');
      assert.ok(content.includes('\\usepackage{url}') && content.includes('\\citep{mlec-calculator}'));
      assert.ok(content.includes(`data version ${DATA_VERSION}`) && content.includes('location-based'));
      break;
    case 'markdown':
      assert.ok(content.includes(`**${shown}**`), `markdown shows **${shown}**`);
      assert.ok(content.includes(`range ${x.range_display}`) && content.includes('Sources:'));
      assert.ok(content.includes(`data version ${DATA_VERSION}`) && content.includes('location-based'));
      break;
    case 'text':
      assert.ok(content.includes(`${shown} CO2eq (range ${x.range_display}`), `text shows ${shown}`);
      assert.ok(content.includes(`data version ${DATA_VERSION}`) && content.includes('PUE'));
      break;
    case 'hf': {
      assert.ok(content.includes('co2_eq_emissions:\n  emissions: '), 'hf block');
      const grams = Number(/emissions: ([0-9.]+)/.exec(content)?.[1]);
      assert.ok(Math.abs(grams - x.emissions_kg * 1000) <= 1e-5 * x.emissions_kg * 1000, `grams ${grams}`);
      assert.ok(content.includes(`# Location-based estimate: ${shown} CO2eq (range ${x.range_display})`));
      assert.ok(content.includes('training_type: "pre-training"'));
      break;
    }
    case 'json': {
      const v = JSON.parse(content);
      assert.equal(v.schema, 'ml-emissions-calculator/estimate');
      assert.equal(v.schema_version, 1);
      assert.equal(v.data_version, DATA_VERSION);
      const e = v.results.total.emissions_kg;
      assert.ok(Math.abs(e.central - x.emissions_kg) <= 1e-9 * x.emissions_kg, `central ${e.central}`);
      assert.ok(Math.abs(e.low - x.emissions_low_kg) <= 1e-9 * x.emissions_kg, `low ${e.low}`);
      assert.ok(Math.abs(e.high - x.emissions_high_kg) <= 1e-9 * x.emissions_kg, `high ${e.high}`);
      for (const [k, val] of Object.entries(c.form)) {
        const key = WIRE[k] ?? k;
        assert.deepEqual(v.project.runs[0].form[key], val, `form.${key}`);
      }
      break;
    }
    case 'bibtex':
      assert.ok(content.includes('@misc{mlec-calculator,'), 'bib entry for the calculator');
      assert.ok(content.includes(`data version ${DATA_VERSION}`));
      break;
    case 'latex-runs':
      assert.ok(content.includes('\\begin{table*}') && content.includes('\\bottomrule'), 'a booktabs table');
      assert.ok(content.includes('\\citep{mlec-calculator}') && content.includes('\\label{tab:mlec-runs}'));
      hasFigures();
      break;
    case 'neurips':
      assert.ok(content.includes('\\item[] Answer: \\answerYes{}') && content.includes('\\label{app:compute}'));
      assert.ok(content.includes(`data version ${DATA_VERSION}`));
      hasFigures();
      break;
    case 'acl':
      assert.ok(content.includes('C1. Did you report the number of parameters') && content.includes('Answer: Yes'));
      assert.ok(content.includes(`data version ${DATA_VERSION}`) && content.includes('(location-based)'));
      hasFigures();
      break;
    case 'hf-body':
      assert.ok(content.startsWith('## Environmental Impact'), 'the model card section');
      assert.ok(content.includes(`(${shown}; range ${x.range_display})`), `hf-body shows ${shown}`);
      break;
    case 'hf-card': {
      assert.ok(content.startsWith('---\n') && content.includes('\n---\n\n'), 'YAML front matter');
      const grams = Number(/emissions: ([0-9.]+)/.exec(content)?.[1]);
      assert.ok(Math.abs(grams - x.emissions_kg * 1000) <= 1e-5 * x.emissions_kg * 1000, `grams ${grams}`);
      assert.ok(content.includes('## Environmental Impact'));
      break;
    }
    case 'climate':
      assert.ok(content.startsWith('### Climate performance model card') && content.includes('Hershcovich'));
      assert.ok(content.includes(`data version ${DATA_VERSION}`));
      hasFigures();
      break;
    case 'climate-tex':
      assert.ok(content.includes('\\begin{table}') && content.includes('\\label{tab:mlec-climate-card}'));
      hasFigures();
      break;
    case 'eu-ai-act':
      assert.ok(content.startsWith('# DRAFT') && content.includes("verify against the Commission's current form"));
      assert.ok(content.includes(`data version ${DATA_VERSION}`));
      // Energy in MWh to 2 significant figures, as the form asks.
      assert.ok(content.includes(`${(x.energy_kwh / 1000).toPrecision(2)} MWh`), 'eu-ai-act energy in MWh');
      break;
    case 'boamps': {
      const v = JSON.parse(content);
      assert.ok(v.task?.taskStage, 'a BoAmps task');
      assert.ok(v.task.taskDescription.includes(`data version ${DATA_VERSION}`));
      // One measure per run, in kWh: their sum is the energy of the results card.
      const kwh = v.measures.reduce((a, m) => a + m.powerConsumption, 0);
      assert.ok(Math.abs(kwh - x.energy_kwh) <= 1e-9 * x.energy_kwh, `boamps energy ${kwh}`);
      break;
    }
    default:
      assert.fail(`unknown format ${format}`);
  }
}

const shared = useSharedBrowser();

test('statement panel: copy and download every format; import restores; garbage is refused', (t) =>
  withPage(shared, shared.server.url, (page) => statementPanel(t, page), { width: 1280, height: 900 }));

async function statementPanel(t, page) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(shared.server.url).origin,
  });

  // Case 1, imported by paste: the form and the numbers are those of the case.
  await importCase(page, 0);
  const c = CASES[0];
  const shown = await text(page, '[data-testid=emissions]');
  assert.equal(shown, c.expected.display);
  assert.equal(await page.inputValue('input[name=devices]'), c.form.devices);
  assert.equal(await page.inputValue('input[name=duration]'), c.form.duration);
  assert.equal(await picked(page, 'hardware'), c.form.hardware);
  assert.match(await text(page, '[data-testid=statement-import-done]'), /Restored the pasted export: 1 run\./);

  // The LaTeX tab lists the packages separately.
  await selectFormat(page, 'latex');
  const packages = await text(page, '[data-testid=statement-packages]');
  assert.ok(packages.includes('\\usepackage[T1]{fontenc}') && packages.includes('\\usepackage{url}'));

  for (const format of Object.keys(FILES)) {
    await t.test(`${format}: copy and download`, async () => {
      const content = await selectFormat(page, format);
      checkContent(format, content, c, shown);

      await page.click('[data-testid=statement-copy]');
      await page.waitForFunction(
        () => document.querySelector('[data-testid=statement-feedback]')?.textContent.startsWith('Copied'),
        null,
        { timeout: 5000 },
      );
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, content, 'the clipboard holds the statement');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid=statement-download]'),
      ]);
      assert.equal(download.suggestedFilename(), FILES[format]);
      const saved = fs.readFileSync(await download.path(), 'utf8');
      assert.equal(saved, content, 'the file holds the statement');
      assert.equal(await text(page, '[data-testid=statement-feedback]'), `Downloaded ${FILES[format]}.`);
    });
  }

  // Keyboard: arrow keys move between the destination's tabs, wrapping round.
  await selectFormat(page, 'climate-tex');
  await page.focus('#statement-tab-climate-tex');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#statement-tab-latex', 'aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'statement-tab-latex');

  // The other shared cases: the page shows the hand-computed figure, so do the statements.
  for (const i of [1, 2]) {
    await importCase(page, i, i === 2 ? 'Project <b>"x"</b> & 100%' : '');
    const shownI = await text(page, '[data-testid=emissions]');
    assert.equal(shownI, CASES[i].expected.display);
    for (const format of ['text', 'json', 'latex']) {
      checkContent(format, await selectFormat(page, format), CASES[i], shownI);
    }
  }
  // Hostile text stays text: the name is in the statement, escaped for LaTeX, and no element was injected.
  const latex = await selectFormat(page, 'latex');
  assert.ok(latex.includes('Project \\textless{}b\\textgreater{}\\textquotedbl{}x\\textquotedbl{}\\textless{}/b\\textgreater{} \\& 100\\%'));
  assert.equal(await page.locator('.statement b').count(), 0);

  // Export → import as a file restores the same state and numbers.
  const exported = await selectFormat(page, 'json');
  await importCase(page, 0);
  await page.setInputFiles('[data-testid=statement-import-file]', {
    name: 'emissions-estimate.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exported),
  });
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid=emissions]')?.textContent === want,
    CASES[2].expected.display,
    { timeout: 5000 },
  );
  assert.match(await text(page, '[data-testid=statement-import-done]'), /from “emissions-estimate\.json”: 1 run\./);
  assert.equal(await page.inputValue('#field-custom_name'), CASES[2].form.custom_name);
  assert.equal(await page.inputValue('input[name=devices]'), CASES[2].form.devices);
  assert.equal(await selectFormat(page, 'json'), exported, 'the same export again');

  // Garbage, pasted or as a file: an inline message, and nothing changes.
  const before = await selectFormat(page, 'json');
  for (const [garbage, message] of [
    ['not json at all', /This is not valid JSON \(line 1, column 2\)/],
    ['{"schema": "something-else", "project": {}}', /its schema is “something-else”/],
    [JSON.stringify({ schema: 'ml-emissions-calculator/estimate', schema_version: 99, project: {} }), /newer version of the calculator/],
    [JSON.stringify({ schema: 'ml-emissions-calculator/estimate', schema_version: 1, project: { runs: [{ phase: '<img src=x onerror=alert(1)>' }] } }), /Run 1 \(“Training run”\): phase \(Phase\): expected one of "exploration", .*found text “<img src=x onerror=alert/],
  ]) {
    await pasteImport(page, garbage);
    const err = page.locator('[data-testid=statement-import-error]', { hasText: message });
    await err.waitFor({ timeout: 5000 });
    assert.match(await err.innerText(), message);
    assert.match(await err.innerText(), /^The pasted export was not imported: .* Nothing was changed\.$/);
    assert.equal(await page.inputValue('[data-testid=statement-import-text]'), garbage, 'the pasted text is kept to fix');
    assert.equal(await text(page, '[data-testid=emissions]'), CASES[2].expected.display);
    assert.equal(await selectFormat(page, 'json'), before, 'the state is unchanged');
  }
  assert.equal(await page.locator('img[src=x]').count(), 0);
  await page.setInputFiles('[data-testid=statement-import-file]', {
    name: 'photo.json',
    mimeType: 'application/json',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]),
  });
  await page.locator('[data-testid=statement-import-error]', { hasText: '“photo.json” was not imported' }).waitFor();
  assert.match(await text(page, '[data-testid=statement-import-error]'), /^“photo\.json” was not imported: This is not valid JSON/);
  assert.equal(await selectFormat(page, 'json'), before, 'the state is unchanged');

  // A field error: no statement, copy and download are disabled, the JSON export still works.
  await page.fill('input[name=devices]', '0');
  await showFormat(page, 'markdown');
  await page.locator('[data-testid=statement-empty]').waitFor();
  assert.match(await text(page, '[data-testid=statement-empty]'), /No statement yet: the run has a field that needs attention\./);
  assert.ok(await page.isDisabled('[data-testid=statement-copy]'));
  assert.ok(await page.isDisabled('[data-testid=statement-download]'));
  const invalidExport = JSON.parse(await selectFormat(page, 'json'));
  assert.equal(invalidExport.project.runs[0].form.devices, '0');
  assert.equal(invalidExport.results.runs[0].status, 'invalid');
}

test('statement panel works at 360 px wide', () =>
  withPage(shared, shared.server.url, statementAt360, { width: 360, height: 800 }));

async function statementAt360(page) {
  const overflow = await page.evaluate(() => {
    const panel = document.querySelector('.statement');
    return panel ? panel.scrollWidth - panel.clientWidth : -1;
  });
  assert.ok(overflow >= 0 && overflow <= 1, `the panel does not overflow (${overflow})`);
  // The paper's formats first; the model card's after choosing it.
  assert.equal(await page.locator('[role=tab]').count(), 6);
  await page.check('input[name="statement-destination"][value="model-card"]');
  assert.equal(await page.locator('[role=tab]').count(), 4);
  await page.click('#statement-tab-hf');
  assert.ok((await page.inputValue('[data-testid=statement-text]')).includes('co2_eq_emissions:'));
}
