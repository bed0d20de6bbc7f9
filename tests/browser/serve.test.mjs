// stemcost serve in a real browser (Debian's chromium through playwright-core):
// a patient fills the form, reads the ranked options, follows one to its
// estimate and to the ways to pay, and mistypes a value.  Every figure on the
// comparison page is checked against `stemcost compare --format json` for the
// same query, read back from the page's own address.
//
// Environment: STEMCOST_URL (the server, e.g. http://127.0.0.1:43123/),
// STEMCOST (the program, for the command-line figures), TODAY (the date the
// server was started with), CHROMIUM (default /usr/bin/chromium), ARTIFACTS
// (where screenshots go).  Exit 0 when all passed, 1 on a failure, 77 when
// Chromium cannot start (the shell test reports SKIP).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const base = process.env.STEMCOST_URL;
const stemcost = process.env.STEMCOST;
const today = process.env.TODAY;
const artifacts = process.env.ARTIFACTS || "browser-artifacts";
mkdirSync(artifacts, { recursive: true });

let passed = 0;
let failed = 0;
function check(ok, what, detail) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL: ${what}${detail === undefined ? "" : `: ${detail}`}`);
  }
}
function same(got, want, what) {
  check(got === want, what, `got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

// "$1,234.50", "₹1,25,000.00", "¥948,000", "-$3.00" -> "1234.50" (the JSON form).
function plainMoney(text) {
  const t = text.trim();
  const negative = t.startsWith("-");
  const digits = t.replace(/[^0-9.]/g, "");
  return (negative ? "-" : "") + digits;
}

// The command line for a page's query: field names are the options without dashes.
// Yes-or-no fields are flags there.
const flagFields = new Set(["compare", "deferred", "percentiles", "explain"]);
function cliArgs(command, url) {
  const args = [command];
  for (const [key, value] of new URL(url).searchParams) {
    if (value === "") continue;
    const option = `--${key.replace(/_/g, "-")}`;
    if (flagFields.has(key)) {
      if (value === "1" || value === "on") args.push(option);
    } else {
      args.push(option, value);
    }
  }
  return args;
}

function cliJson(command, url) {
  const args = [...cliArgs(command, url), "--format", "json"];
  // The server's date (finance has no --today: its loans start today).
  if (command === "finance") {
    if (!args.includes("--start")) args.push("--start", today);
  } else if (!args.includes("--today")) {
    args.push("--today", today);
  }
  return JSON.parse(execFileSync(stemcost, args, { encoding: "utf8" }));
}

const flags = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
let browser;
try {
  // playwright-core starts it headless with a new, empty profile directory.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: flags,
    timeout: 60000,
  });
} catch (e) {
  console.log(`SKIP: Chromium cannot start: ${e.message.split("\n")[0]}`);
  process.exit(77);
}

const desktop = { viewport: { width: 1280, height: 900 } };
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const requestsElsewhere = [];

async function newPage(options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  // No request may leave the server: every address the page asks for is ours.
  page.on("request", (r) => {
    if (!r.url().startsWith(base)) requestsElsewhere.push(r.url());
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().includes("contingency=150"))
      console.log(`unexpected ${r.status()} for ${r.url()}`);
  });
  return page;
}

// The whole page, and what the first screen shows.
async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  await page.screenshot({ path: join(artifacts, `${name}-top.png`) });
}

// ---- a patient fills the form --------------------------------------------------------
const page = await newPage(desktop);
let response = await page.goto(base);
same(response.status(), 200, "/ answers 200");
same(await page.title(), "Compare what treatment costs you - stemcost", "the form's title");

// Every control has a label (its own, or its group's legend for radios and boxes).
const unlabelled = await page.evaluate(() =>
  [...document.querySelectorAll("input:not([type=hidden]), select")]
    .filter((el) => el.labels.length === 0)
    .map((el) => el.name));
same(unlabelled.length, 0, `every field has a label (${unlabelled.join(", ")})`);

await page.getByLabel("Bone marrow aspirate concentrate (same day)").check();
await page.getByLabel("What is it for?").selectOption({ label: "Knee osteoarthritis" });
await page.getByLabel("How many joints or spinal levels?").fill("2");
await page.getByLabel("Where do you live?").selectOption({ label: "United States" });
await page.getByLabel("With a companion").check();
await page.getByLabel("Your insurance").selectOption("us-ppo");
await page.getByLabel("Deductible already paid this year").fill("500");
await page.getByLabel("A margin for the unexpected (%)").fill("10");
await page.getByLabel("How would you pay?").selectOption("promo-12");
await shot(page, "desktop-1-form-filled");

// Keyboard: the submit button is reached with Tab and shows where focus is.
await page.getByLabel("How would you pay?").focus();
await page.keyboard.press("Tab");
same(await page.evaluate(() => document.activeElement.textContent), "Compare my options",
  "Tab from the last field reaches the button");
const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
check(outline !== "none", "focus is visible", outline);
await Promise.all([page.waitForURL(/\/compare\?/), page.keyboard.press("Enter")]);
await shot(page, "desktop-2-compare");

// ---- the comparison: every figure as the command line gives it -----------------------
const compareUrl = page.url();
check(!/=&|=$/.test(compareUrl), "blank fields are left out of the address", compareUrl);
const want = cliJson("compare", compareUrl);
const rows = await page.$$eval("table.compare tbody tr:not(.why)", (trs) =>
  trs.map((tr) => {
    const cell = (cls) => tr.querySelector(`.${cls}`)?.textContent ?? null;
    return {
      rank: cell("rank"), country: tr.dataset.country, tier: tr.dataset.tier,
      status: cell("status"), treatment: cell("treatment"), travel: cell("travel"),
      other: cell("other"), low: cell("oop-low"), typical: cell("oop-typical"),
      high: cell("oop-high"), saving: cell("saving"), interpolated: cell("interpolated"),
      plan: cell("plan"), link: tr.querySelector("a")?.getAttribute("href") ?? null,
    };
  }));
const priced = want.rows.filter((r) => r.priced);
same(rows.length, priced.length, "one row on the page per priced option");
const money2 = (v) => (Math.round(v * 100) / 100).toFixed(2);
priced.forEach((w, i) => {
  const g = rows[i] || {};
  const at = `row ${i + 1} (${w.country} ${w.tier})`;
  same(g.rank, String(w.rank), `${at}: rank`);
  same(g.country, w.country, `${at}: country`);
  same(g.tier, w.tier, `${at}: tier`);
  same(g.status, w.status, `${at}: status`);
  same(plainMoney(g.treatment || ""), w.treatment.typical.toFixed(2), `${at}: treatment`);
  same(plainMoney(g.travel || ""), w.travel.typical.toFixed(2), `${at}: travel`);
  same(plainMoney(g.other || ""),
    money2(w.tax.typical + w.contingency.typical - w.insurance_pays.typical), `${at}: other`);
  same(plainMoney(g.low || ""), w.out_of_pocket.low.toFixed(2), `${at}: low`);
  same(plainMoney(g.typical || ""), w.out_of_pocket.typical.toFixed(2), `${at}: typical`);
  same(plainMoney(g.high || ""), w.out_of_pocket.high.toFixed(2), `${at}: high`);
  const saving = w.saving === null ? "-" : w.saving === 0 ? "the same"
    : w.saving > 0 ? `saves ${w.saving.toFixed(2)} (${w.saving_pct.toFixed(2)}%)`
      : `costs ${(-w.saving).toFixed(2)} more (${(-w.saving_pct).toFixed(2)}%)`;
  const shown = (g.saving || "").replace(/[$,]/g, "");
  same(shown, saving, `${at}: against home`);
  same(g.interpolated, `${Math.round(w.interpolated_pct)}%`, `${at}: resting on guesses`);
  if (w.monthly_payment !== null)
    check((g.plan || "").replace(/,/g, "").includes(`$${w.monthly_payment.toFixed(2)}`),
      `${at}: the plan's monthly payment`, g.plan);
  else check((g.plan || "").startsWith("does not apply"), `${at}: the plan does not apply`, g.plan);
});
// Lawful options come first; trial-only and not permitted are apart, each under its heading.
const groups = await page.$$eval("section.group h2", (hs) => hs.map((h) => h.textContent));
check(groups[0].startsWith("Lawfully available"), "lawful options first", groups.join(" | "));
const wantGroups = [...new Set(want.rows.map((r) => r.group))];
same(groups.length, wantGroups.length, "one section per group of the command's rows");

// ---- follow a row to its estimate -----------------------------------------------------
const pick = rows.find((r) => r.country !== "US") || rows[0];
await Promise.all([page.waitForURL(/\/estimate\?/),
  page.click(`tr[data-country="${pick.country}"][data-tier="${pick.tier}"] a`)]);
await shot(page, "desktop-3-estimate");
const est = cliJson("estimate", page.url());
same(plainMoney(await page.textContent(".total .oop-typical")), est.out_of_pocket.typical.toFixed(2),
  "estimate: typical out of pocket");
same(plainMoney(await page.textContent(".total .oop-low")), est.out_of_pocket.low.toFixed(2),
  "estimate: low");
same(plainMoney(await page.textContent(".total .oop-high")), est.out_of_pocket.high.toFixed(2),
  "estimate: high");
same(plainMoney(await page.textContent(".total .oop-typical")), pick.typical.replace(/[$,]/g, ""),
  "estimate: the same as its row in the comparison");
same(await page.locator("table.lines tbody:not(.totals) tr").count(),
  est.items.length + est.travel_items.length, "estimate: one line per item");
if (est.warnings.length > 0) {
  const first = await page.locator("main > section.warnings p.warning").first().textContent();
  same(first, est.warnings[0], "estimate: warnings first, the command's words");
}
check((await page.textContent("main")).includes("What is not included"), "estimate: what is not included");

// ---- and to the ways to pay ------------------------------------------------------------
await Promise.all([page.waitForURL(/\/finance\?/), page.click("text=Ways to pay for it")]);
await shot(page, "desktop-4-finance");
const fin = cliJson("finance", page.url());
const planRows = await page.$$eval("table.plans tbody tr", (trs) => trs.map((tr) => tr.textContent));
same(planRows.length, fin.plans.length, "finance: one row per plan");
const traps = await page.locator("section.trap").count();
same(traps, fin.plans.filter((p) => p.kind === "deferred").length,
  "finance: the deferred-interest trap spelled out for each promotion");
const promo = fin.plans.find((p) => p.kind === "deferred" && p.deferred_interest_risk > 0);
if (promo)
  check((await page.textContent("section.trap")).replace(/,/g, "").includes(`$${promo.deferred_interest_risk.toFixed(2)}`),
    "finance: the trap names the interest charged back");

// ---- a bad value: the form again, the command's message next to the field ----------------
await page.goto(base);
await page.getByLabel("Bone marrow aspirate concentrate (same day)").check();
await page.getByLabel("What is it for?").selectOption("knee-oa");
await page.getByLabel("Where do you live?").selectOption("US");
await page.getByLabel("A margin for the unexpected (%)").fill("150");
const [bad] = await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
same(bad.status(), 400, "a bad value answers 400");
const cli = spawnSync(stemcost, cliArgs("compare", page.url()), { encoding: "utf8" });
const cliMessage = cli.stderr.split("\n")[0].replace(/^stemcost: --contingency: /, "");
same(await page.textContent("#contingency-error"), `Error: ${cliMessage}`,
  "the command's message next to the field");
same(await page.getAttribute("#f-contingency", "aria-invalid"), "true", "the field is marked invalid");
same(await page.inputValue("#f-contingency"), "150", "the form is refilled");
same(await page.evaluate(() => document.activeElement.id), "problem", "focus goes to the problem");
await shot(page, "desktop-5-bad-value");

// ---- a phone's width ---------------------------------------------------------------------
const small = await newPage(phone);
await small.goto(base);
await shot(small, "phone-1-form");
await small.goto(compareUrl);
const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
check(overflow <= 0, "the comparison fits a phone's width", `${overflow}px too wide`);
await shot(small, "phone-2-compare");
await small.locator("table.compare tbody tr").first().scrollIntoViewIfNeeded();
await small.screenshot({ path: join(artifacts, "phone-2-compare-rows.png") });
await small.goto(new URL(rows[0].link, base).href);
await shot(small, "phone-3-estimate");

// ---- without JavaScript ------------------------------------------------------------------
const plain = await newPage({ ...desktop, javaScriptEnabled: false });
await plain.goto(base);
await plain.getByLabel("Platelet-rich plasma (comparator; not a stem cell therapy)").check();
await plain.getByLabel("What is it for?").selectOption("knee-oa");
await plain.getByLabel("Where do you live?").selectOption("DE");
const [noJs] = await Promise.all([plain.waitForNavigation(), plain.click("button[type=submit]")]);
same(noJs.status(), 200, "the form works with JavaScript off");
same(await plain.locator("table.compare tbody tr").count() > 0, true, "rows without JavaScript");

same(requestsElsewhere.length, 0, `no request leaves the server (${requestsElsewhere.join(" ")})`);
await browser.close();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
