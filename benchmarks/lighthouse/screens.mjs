// Lighthouse on every screen, as benchmarks/pages.py asks: one user flow per role, on Debian's
// Chromium driven by puppeteer-core. A signed-in role first logs in through the login page (the
// token lives in the tab's sessionStorage, so the flow's own tab must log in), then each screen is
// a cold navigation: Lighthouse clears the HTTP cache before each one (disableStorageReset: false
// keeps sessionStorage, which Lighthouse never clears). Lighthouse's defaults otherwise: mobile,
// simulated throttling (150 ms RTT, 1.6 Mbit/s, CPU 4x).
//
//   node benchmarks/lighthouse/screens.mjs JOB.json   (JOB: {base, chrome, reports, roles: [...]})
// prints one JSON line per screen: {role, name, path, performance, accessibility, best-practices,
// metrics, failing} and writes each role's flow report (HTML) into JOB.reports.

import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import puppeteer from 'puppeteer-core';
import {startFlow} from 'lighthouse';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time',
  'cumulative-layout-shift', 'speed-index'];

async function logIn(page, email, password) {
  await page.goto(job.base + '/login', {waitUntil: 'networkidle0'});
  // By name: a label's accessible name also carries its required mark.
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForFunction(() => !location.pathname.startsWith('/login'), {timeout: 60_000});
  await page.waitForFunction(() => sessionStorage.getItem('cn_session'), {timeout: 60_000});
}

function summary(role, screen, lhr) {
  const score = id => lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100);
  const failing = {};
  for (const id of CATEGORIES) {
    failing[id] = (lhr.categories[id]?.auditRefs || [])
      .filter(ref => ref.weight > 0 || id === 'performance')
      .map(ref => lhr.audits[ref.id])
      .filter(audit => audit && audit.score !== null && audit.score < 0.9 &&
        !['manual', 'notApplicable', 'informative'].includes(audit.scoreDisplayMode))
      .map(audit => `${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
  }
  const metrics = Object.fromEntries(METRICS.map(id => [id, lhr.audits[id]?.numericValue ?? null]));
  return {role, name: screen.name, path: screen.path, performance: score('performance'),
    accessibility: score('accessibility'), 'best-practices': score('best-practices'), metrics, failing,
    runtimeError: lhr.runtimeError?.message ?? null};
}

const browser = await puppeteer.launch({
  executablePath: job.chrome,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
mkdirSync(job.reports, {recursive: true});
try {
  for (const role of job.roles) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    if (role.email) await logIn(page, role.email, role.password);
    const flow = await startFlow(page, {name: `Compétence numérique: ${role.role}`,
      flags: {onlyCategories: CATEGORIES}});
    for (const screen of role.screens) {
      await flow.navigate(job.base + screen.path, {name: screen.name, disableStorageReset: false});
    }
    const result = await flow.createFlowResult();
    result.steps.forEach((step, i) => console.log(JSON.stringify(summary(role.role, role.screens[i], step.lhr))));
    writeFileSync(join(job.reports, `${role.role}.html`), await flow.generateReport());
    await context.close();
  }
} finally {
  await browser.close();
}
