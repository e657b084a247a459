// Every built page in the browser: axe-core (WCAG 2.1 A/AA), the page rules below, the
// requests it makes, and whether it fits a 320 px wide screen.
import fs from "node:fs";
import { Problems, assert } from "../lib/harness.mjs";
import { openPage, requestProblems, runAxe, describeViolations, isWcag, WCAG_TAGS } from "../lib/browser.mjs";

/** The page types named in the issue; each gets its own test (axe + page rules). */
export const PAGE_TYPES = [
  ["forside", "/"],
  ["møte", "/moter/2022-6/"],
  ["sak", "/saker/52-6-2022/"],
  ["sak som bare er omtalt", "/saker/29-3-2022/"],
  ["referat", "/referater/2022-6/"],
  ["mener, oversikt", "/mener/"],
  ["mener, uttalelse", "/mener/horingssvar-forskrift-helsedata/"],
  ["arrangementer, oversikt", "/arrangementer/"],
  ["arrangement", "/arrangementer/helseomsorg21-konferansen-2022/"],
  ["årsrapport", "/arsrapporter/2022/"],
  ["saksoversikt", "/saker/"],
  ["møteoversikt", "/moter/"],
  ["om rådet", "/om/"],
  ["om-side", "/om/mandat/"],
  ["tilgjengelighetserklæring", "/tilgjengelighet/"],
  ["søk", "/sok/"],
  ["404", "/finnes-ikke/"],
  ["tema", "/temaer/helsedata/"],
  ["temaoversikt", "/temaer/"],
];

/** Rules every page keeps, evaluated in the page. */
function pageRules() {
  const problems = [];
  const html = document.documentElement;
  if (html.getAttribute("lang") !== "nb") problems.push(`<html lang="${html.getAttribute("lang")}">, skal være "nb"`);
  if (!document.title.trim()) problems.push("tom <title>");
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) problems.push(`${h1} <h1>-overskrifter, skal være én`);
  if (document.querySelectorAll("main").length !== 1) problems.push("skal ha nøyaktig ett <main>");
  for (const img of document.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) problems.push(`<img> uten alt: ${img.getAttribute("src")}`);
  }
  const scripts = [];
  for (const script of document.querySelectorAll("script")) {
    if (!script.src) problems.push(`innebygd <script>: ${script.textContent.slice(0, 60)}`);
    else scripts.push(new URL(script.src).pathname);
  }
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push(`hendelsesattributt ${attr.name} på <${el.localName}>`);
      if (/^\s*javascript:/i.test(attr.value)) problems.push(`javascript:-URL i ${attr.name}`);
    }
  }
  for (const table of document.querySelectorAll("main table")) {
    if (!table.querySelector("th")) problems.push(`tabell uten overskriftsceller (th): «${table.textContent.trim().slice(0, 50)}»`);
  }
  const ids = new Map();
  for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) problems.push(`id="${id}" brukes ${n} ganger`);
  return { problems, scripts };
}

/** Elements that stick out to the right of a narrow viewport (outside scrolling boxes). */
function overflow() {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") return true;
    }
    return false;
  };
  const culprits = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && !scrolls(el)) {
      const cls = el.className && typeof el.className === "string" ? `.${el.className.split(" ").join(".")}` : "";
      culprits.push(`<${el.localName}${cls}> ${Math.round(r.right)} px «${el.textContent.trim().slice(0, 40)}»`);
    }
  }
  return [`siden er ${document.documentElement.scrollWidth} px bred ved ${width} px skjerm`, ...culprits.slice(0, 4)];
}

/**
 * A redirect page (templates/internal/alias.html) leaves at once: check that it arrives, then
 * check the page itself with its refresh taken out.
 */
async function loadRedirect({ page, log }, origin, path) {
  const problems = [];
  await page.goto(origin + path, { waitUntil: "load" });
  await page.waitForURL((url) => url.pathname !== path, { timeout: 5000 }).catch(() => {});
  if (new URL(page.url()).pathname === path) problems.push("omdirigeringen virker ikke");
  await page.route(origin + path, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/<meta[^>]*http-equiv=["']?refresh[^>]*>/i, "");
    await route.fulfill({ response, body });
  });
  log.reset(); // what the target page did is checked as that page
  const response = await page.goto(origin + path, { waitUntil: "load" });
  await page.unroute(origin + path);
  return { response, problems };
}

/** Loads `path`, checks it, returns the problems (strings). */
async function checkPage(tab, origin, path, options) {
  try {
    return await checkPageInner(tab, origin, path, options);
  } catch (error) {
    return [`kunne ikke sjekkes: ${error.message.split("\n")[0]}`];
  }
}

async function checkPageInner(tab, origin, path, { axe, redirect = false }) {
  const { page, log } = tab;
  const problems = [];
  log.reset();
  await page.setViewportSize({ width: 1280, height: 900 });
  let response;
  if (redirect) {
    const loaded = await loadRedirect(tab, origin, path);
    response = loaded.response;
    problems.push(...loaded.problems);
  } else {
    response = await page.goto(origin + path, { waitUntil: "load" });
  }
  const expectNotFound = path === "/finnes-ikke/" || path === "/404.html";
  const status = response?.status();
  if (expectNotFound ? status !== 404 && path !== "/404.html" : status !== 200) {
    problems.push(`HTTP ${status}`);
  }
  // The search page loads Pagefind after "load"; let it finish before judging it.
  if (path === "/sok/") await page.waitForFunction(() => document.querySelector("#sok-type")?.options.length > 1);
  const rules = await page.evaluate(pageRules);
  problems.push(...rules.problems);
  const allowedScripts = path === "/sok/" ? ["/js/search.js"] : [];
  for (const s of rules.scripts) {
    if (!allowedScripts.includes(s)) problems.push(`skript ${s}: bare søkesiden skal ha skript`);
  }
  if (path === "/sok/" && rules.scripts.length !== 1) problems.push("søkesiden skal laste /js/search.js");
  if (axe) {
    const violations = await runAxe(page);
    problems.push(...describeViolations("", violations.filter(isWcag)).map((l) => l.replace(/^: /, "")));
    for (const line of describeViolations(path, violations.filter((v) => !isWcag(v)))) {
      console.log(`     advarsel (axe, beste praksis): ${line}`);
    }
  }
  await page.setViewportSize({ width: 320, height: 800 });
  problems.push(...(await page.evaluate(overflow)));
  problems.push(...requestProblems(log));
  // The 404 page answers 404, as it should.
  const errors = log.errors.filter((e) => !(expectNotFound && /404/.test(e)));
  problems.push(...errors.map((e) => `konsollfeil: ${e}`));
  return [...new Set(problems)];
}

/**
 * The pages `ho21 diff --pages FILE` listed as new or changed, when BROWSER_AXE_PAGES names that
 * file; `null` (axe on every page) when it is not set, or when the file is missing because the
 * base could not be built.
 */
function touchedPages() {
  const file = process.env.BROWSER_AXE_PAGES;
  if (!file) return null;
  if (!fs.existsSync(file)) {
    console.log(`     ${file} finnes ikke: axe kjøres på alle sidene`);
    return null;
  }
  return new Set(fs.readFileSync(file, "utf8").split("\n").map((l) => l.trim()).filter(Boolean));
}

export async function checkPages(suite, browser, origin, allPaths, redirects = []) {
  const tab = await openPage(browser);
  for (const [label, path] of PAGE_TYPES) {
    await suite.test(`${label} ${path}: axe (${WCAG_TAGS.join(", ")}), sideregler, 320 px, ingen tredjepart`, async () => {
      const problems = await checkPage(tab, origin, path, { axe: true });
      assert(problems.length === 0, problems.join("\n"));
    });
  }
  const named = new Set(PAGE_TYPES.map(([, p]) => p));
  const rest = allPaths.filter((p) => !named.has(p));
  // A content-only pull request runs axe on the pages it touched (and on one page of each type,
  // above); every page still gets the page rules, the 320 px check and the request check.
  const touched = touchedPages();
  const axeOn = (path) => !touched || touched.has(path);
  const scope = touched ? `; axe på de ${rest.filter(axeOn).length} som er nye eller endret` : ", axe";
  await suite.test(`alle de andre ${rest.length} sidene: sideregler, 320 px, ingen tredjepart${scope}`, async () => {
    const problems = new Problems();
    for (const path of rest) {
      const redirect = redirects.includes(path);
      for (const p of await checkPage(tab, origin, path, { axe: axeOn(path), redirect })) problems.add(`${path}: ${p}`);
    }
    problems.throwIfAny();
  });
  await tab.context.close();
  return PAGE_TYPES.length + rest.length;
}
