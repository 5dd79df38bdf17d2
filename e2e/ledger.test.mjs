// Whole-project accounting in a real browser: a three-phase project, its totals,
// and CodeCarbon imports (good and broken).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSharedBrowser, withPage } from './harness.mjs';

const shared = useSharedBrowser();

// Same display rule as the app: 4 significant digits, g below 1 kg, t from 1,000 kg.
function mass(kg) {
  const sig = (x) => {
    const mag = Math.floor(Math.log10(Math.abs(x)));
    const d = Math.max(0, 3 - mag);
    return Number(x.toFixed(d)).toLocaleString('en-US', { maximumFractionDigits: d });
  };
  if (kg < 1) return `${sig(kg * 1000)} g`;
  if (kg >= 1000) return `${sig(kg / 1000)} t`;
  return `${sig(kg)} kg`;
}

const SRVC = 349.06; // g/kWh, Virginia, lifecycle (AWS us-east-1's zone US-VA)
const AWS_PUE = 1.14;
const training = (400 * 24 * AWS_PUE / 1000) * SRVC / 1000; // default run: 1 × A100 400 W × 24 h
const search = 50 * (400 * 2 * AWS_PUE / 1000) * SRVC / 1000; // 50 trials × 2 h
const inference = (1e6 * 0.3 * AWS_PUE / 1000) * SRVC / 1000; // 1,000,000 requests × 0.3 Wh

const total = (page) => page.locator('[data-testid=total-kg]').innerText();

async function threePhaseProject(page) {
  await page.getByRole('button', { name: '+ Add a search (50 similar runs)' }).click();
  await page.getByRole('button', { name: '+ Add inference (requests)' }).click();
  // The inference run needs its basis stated before it counts.
  assert.equal(await page.locator('#field-basis-error').innerText(), 'State where the energy per request comes from.');
  assert.match(await page.locator('[data-testid=project-total]').innerText(), /1 left out until fixed/);
  await page.fill('#field-basis', 'measured: nvidia-smi, 1 × A100, 500 output tokens');
  await page.waitForFunction(() => !document.querySelector('[data-testid=project-total]')?.textContent.includes('left out'));
}

test('a three-phase project: per-phase totals and the overall total', () =>
  withPage(shared, shared.server.url, async (page) => {
    await threePhaseProject(page);
    const rows = await page.locator('[data-testid=phase-table] tbody tr').allInnerTexts();
    assert.equal(rows.length, 3);
    assert.match(rows[0], new RegExp(`^Hyperparameter search\\s+50\\s+.*${mass(search)}`));
    assert.match(rows[1], new RegExp(`^Final training\\s+1\\s+.*${mass(training)}`));
    assert.match(rows[2], new RegExp(`^Inference and serving\\s+1\\s+.*${mass(inference)}`));
    assert.equal(await total(page), mass(training + search + inference));
    assert.equal(await page.locator('[data-testid=runs] tbody tr').count(), 3);
    // The statement describes the whole project: a line per phase and the total.
    await page.check('input[name="statement-destination"][value="other"]');
    await page.click('#statement-tab-text');
    const statement = await page.inputValue('[data-testid=statement-text]');
    assert.match(statement, /52 runs in 3 phases/);
    assert.ok(statement.includes(`- Hyperparameter search (50 runs): ${mass(search)} CO2eq`), statement);
    assert.ok(statement.includes(`- Final training (1 run): ${mass(training)} CO2eq`), statement);
    assert.ok(statement.includes(`- Inference and serving (1 run): ${mass(inference)} CO2eq`), statement);
    assert.ok(statement.includes(`- Total (52 runs): ${mass(training + search + inference)} CO2eq`), statement);
    assert.ok(statement.includes('basis: “measured: nvidia-smi, 1 × A100, 500 output tokens”'), statement);
    // Editing a run's repeat count changes the total.
    await page.fill('input[aria-label="Similar runs like run 2"]', '10');
    await page.waitForFunction((t) => document.querySelector('[data-testid=total-kg]')?.textContent === t,
      mass(training + search / 5 + inference));
    // Removing a run removes it from the totals.
    await page.locator('[data-testid=runs] tbody tr').nth(2).getByRole('button', { name: 'Remove' }).click();
    await page.waitForFunction((t) => document.querySelector('[data-testid=total-kg]')?.textContent === t,
      mass(training + search / 5));
    assert.deepEqual(page.pageErrors, []);
  }));

const CODECARBON = `timestamp,project_name,run_id,experiment_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,tracking_mode,on_cloud,pue
2024-05-01T10:00:00,llm,5b0fa12a-3dd7-45bb-9766-cc326314d9f1,e1,7200.5,1.2345,0.0001714,42.5,300.1,10.0,0.085,0.6,0.02,0.705,France,FRA,ile-de-france,,,Linux,3.11.7,2.4.1,32,AMD EPYC 7763,4,4 x NVIDIA A100-SXM4-80GB,2.35,48.85,256,machine,N,1.0
2024-05-02T10:00:00,llm,6c1fa12a-3dd7-45bb-9766-cc326314d9f1,e1,3600,0.5,0.0001389,42.5,300.1,10.0,0.04,0.3,0.01,0.35,France,FRA,ile-de-france,,,Linux,3.11.7,2.4.1,32,AMD EPYC 7763,4,4 x NVIDIA A100-SXM4-80GB,2.35,48.85,256,machine,N,1.0
`;

test('CodeCarbon import: runs added with their measured kg; a broken file changes nothing', () =>
  withPage(shared, shared.server.url, async (page) => {
    await page.getByRole('button', { name: '+ Add a search (50 similar runs)' }).click();
    const file = page.locator('[data-testid=codecarbon-file]');
    await file.setInputFiles({ name: 'emissions.csv', mimeType: 'text/csv', buffer: Buffer.from(CODECARBON) });
    await page.waitForFunction(() => /2 runs imported/.test(document.querySelector('[data-testid=import-message]')?.textContent));
    // The file says CodeCarbon's PUE was 1.0: the message says the energy includes no overhead.
    assert.match(await page.locator('[data-testid=import-message]').innerText(), /PUE 1\.0/);
    assert.equal(await page.locator('[data-testid=runs] tbody tr').count(), 4);
    // Measured emissions are kept as they are (kg), never re-multiplied by PUE.
    assert.equal(await total(page), mass(training + search + 1.2345 + 0.5));
    const before = await page.locator('[data-testid=runs] tbody').innerText();

    const broken = CODECARBON.replace('0.5,0.0001389', 'oops,0.0001389');
    await file.setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    await page.waitForFunction(() => /line 3/.test(document.querySelector('[data-testid=import-message]')?.textContent));
    assert.equal(
      await page.locator('[data-testid=import-message]').innerText(),
      'broken.csv, line 3: emissions (kg) “oops” is not a number. Nothing was imported; the ledger is unchanged.',
    );
    assert.equal(await page.locator('[data-testid=runs] tbody').innerText(), before, 'ledger intact');
    assert.equal(await total(page), mass(training + search + 1.2345 + 0.5));

    await file.setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
    await page.waitForFunction(() => /does not look like CodeCarbon/.test(document.querySelector('[data-testid=import-message]')?.textContent));
    assert.equal(await page.locator('[data-testid=runs] tbody tr').count(), 4);

    // Selecting a measured run shows it as measured, not as a form to recompute.
    await page.locator('[data-testid=runs] tbody tr').nth(2).getByRole('button', { name: 'Edit' }).click();
    assert.match(await page.locator('[data-testid=measured-run]').innerText(), /Measured by CodeCarbon: 705 Wh and 1\.234 kg/);
    assert.deepEqual(page.pageErrors, []);
  }));

test('10,000 imported runs: totals, no megabyte link, still saved in this browser', () =>
  withPage(shared, shared.server.url, async (page) => {
    let csv = 'duration,emissions,energy_consumed\n';
    for (let i = 0; i < 10_000; i++) csv += `${3600 + i},${(0.001 * i).toFixed(6)},${(0.002 * i).toFixed(6)}\n`;
    await page.locator('[data-testid=codecarbon-file]').setInputFiles({ name: 'sweep.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForFunction(() => /10,000 runs imported/.test(document.querySelector('[data-testid=import-message]')?.textContent));
    // 0.001 × (0 + … + 9,999) kg = 49,995 kg; the default run is replaced by the import.
    assert.equal(await total(page), mass(49_995));
    assert.match(await page.locator('.pager').innerText(), /Runs 1–50 of 10,000/);
    assert.equal(await page.locator('[data-testid=runs] tbody tr').count(), 50, 'one page of rows in the DOM');
    await page.waitForFunction(() => location.hash === '');
    await page.getByRole('button', { name: 'Copy link' }).click();
    assert.match(await page.locator('.share-status').innerText(), /10,000 runs, too many for a link: share it with the JSON export/);
    await page.check('input[name="statement-destination"][value="other"]');
    await page.click('#statement-tab-text');
    assert.match(await page.inputValue('[data-testid=statement-text]'), /… and 9,975 more runs, counted in the totals above/);
    await page.reload();
    await page.waitForSelector('[data-app-ready]', { state: 'attached' });
    await page.waitForFunction((t) => document.querySelector('[data-testid=total-kg]')?.textContent === t, mass(49_995), { timeout: 10_000 });
    assert.deepEqual(page.pageErrors, []);
  }));

test('at 360 px each run is a card: a readable name, labelled cells, no sideways scrolling', () =>
  withPage(shared, shared.server.url, async (page) => {
    await page.click('text=Add a run');
    await page.click('text=Add a search (50 similar runs)');
    await page.locator('[data-testid=runs] tr[data-run="2"]').waitFor();
    const rows = page.locator('[data-testid=runs] tbody tr');
    assert.equal(await rows.count(), 3);
    for (let i = 0; i < 3; i++) {
      const name = await rows.nth(i).locator('input').first().boundingBox();
      assert.ok(name.width >= 250, `run ${i + 1}'s name box is ${name.width}px wide`);
    }
    const wrap = await page.$eval('[data-testid=runs]', (t) => t.parentElement.scrollWidth - t.parentElement.clientWidth);
    assert.ok(wrap <= 0, `the runs table scrolls sideways by ${wrap}px`);
    // The column names label the cells.
    const labels = await page.$$eval('[data-testid=runs] tbody tr:first-child td[data-label]', (tds) =>
      tds.map((td) => getComputedStyle(td, '::before').content));
    assert.deepEqual(labels, ['"Phase"', '"Similar runs"', '"Emissions"']);
    // The summary bar gives the run's total when it stands for several runs.
    assert.match((await page.textContent('.summary-value')).replace(/\s+/g, ' '), /^Estimate: [\d.,]+ (g|kg|t) CO2eq · 50 runs\.$/);
  }, { width: 360, height: 800 }));
