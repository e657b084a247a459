// Screenshots for people to look at (target/screenshots/, git-ignored), and print: a case paper
// and minutes print without navigation, with a print header and link addresses, and the minutes
// compactly (no forced break before each case; at most 7 A4 pages). PDFs go beside the screenshots.
import fs from "node:fs";
import path from "node:path";
import { assert } from "../lib/harness.mjs";
import { openPage } from "../lib/browser.mjs";

export const SHOTS = [
  ["forside", "/"],
  ["mote", "/moter/2022-6/"],
  ["sak", "/saker/52-6-2022/"],
  ["sak-8-1-2025", "/saker/8-1-2025/"],
  ["referat", "/referater/2022-6/"],
  ["saksoversikt", "/saker/"],
];
const SIZES = [
  [360, 800],
  [1280, 900],
];

function printRules(minutes) {
  const problems = [];
  for (const sel of [".site-header", ".site-footer", ".breadcrumbs", ".skip-link"]) {
    const el = document.querySelector(sel);
    if (el && getComputedStyle(el).display !== "none") problems.push(`${sel} skrives ut`);
  }
  // Links to other sites, except those whose text is the address itself (class "url").
  const external = [...document.querySelectorAll("main a[href^='http']:not(.url)")].filter((a) => !a.href.startsWith(location.origin));
  if (external.length === 0 && !minutes) problems.push("siden har ingen ekstern lenke å sjekke");
  for (const a of external.slice(0, 3)) {
    const after = getComputedStyle(a, "::after").content;
    if (!after.includes(a.getAttribute("href"))) problems.push(`lenkeadressen skrives ikke ut etter «${a.textContent.slice(0, 40)}» (::after er ${after})`);
  }
  const header = document.querySelector(".print-header");
  if (!header || getComputedStyle(header).display === "none") problems.push("utskriften har ingen topptekst");
  else if (!header.textContent.includes("HelseOmsorg21-rådet") || !header.textContent.includes(location.pathname)) {
    problems.push(`toppteksten mangler rådets navn eller sidens adresse: «${header.textContent}»`);
  }
  if (minutes) {
    const cases = [...document.querySelectorAll(".minutes-case")];
    if (cases.length < 2) problems.push("referatet har færre enn to saker");
    for (const c of cases) {
      if (getComputedStyle(c).breakBefore === "page") problems.push(`${c.id || c.querySelector("h2")?.id}: tvunget sideskift før saken`);
    }
    for (const d of document.querySelectorAll(".decision")) {
      if (getComputedStyle(d).breakInside !== "avoid") problems.push("et vedtak kan deles over to sider");
    }
  }
  return problems;
}

export async function checkScreens(suite, browser, origin, repo) {
  const dir = path.join(repo, "target/screenshots");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { page, context } = await openPage(browser);

  await suite.test(`skjermbilder ${SIZES.map(([w, h]) => `${w}×${h}`).join(" og ")} i target/screenshots/`, async () => {
    for (const [name, url] of SHOTS) {
      for (const [width, height] of SIZES) {
        await page.setViewportSize({ width, height });
        await page.goto(origin + url);
        await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
        // The first screen alone: what a reader sees on arrival.
        await page.screenshot({ path: path.join(dir, `${name}-${width}-forste-skjerm.png`) });
      }
    }
    // The search page with results, as a person sees it after typing.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${origin}/sok/?q=helsedata`);
    await page.waitForSelector(".search-result", { timeout: 10000 });
    await page.screenshot({ path: path.join(dir, "sok-360.png"), fullPage: true });
  });

  for (const [name, url, minutes] of [
    ["sak", "/saker/52-6-2022/", false],
    ["referat", "/referater/2022-6/", true],
  ]) {
    await suite.test(`utskrift ${url}: uten meny, med topptekst og lenkeadresser${minutes ? ", kompakt: høyst 7 A4-sider" : ""}`, async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(origin + url);
      await page.emulateMedia({ media: "print" });
      const problems = await page.evaluate(printRules, minutes);
      await page.screenshot({ path: path.join(dir, `${name}-utskrift.png`), fullPage: true });
      const pdf = await page.pdf({ path: path.join(dir, `${name}.pdf`), format: "A4", margin: { top: "2cm", bottom: "2cm", left: "2cm", right: "2cm" } });
      await page.emulateMedia({ media: "screen" });
      // Each page object of the PDF is one "/Type /Page" (the tree's nodes are "/Type /Pages").
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) || []).length;
      if (minutes && pages > 7) problems.push(`referatet tar ${pages} A4-sider (høyst 7)`);
      if (pages === 0) problems.push("fant ingen sider i PDF-en");
      assert(problems.length === 0, problems.join("\n"));
    });
  }
  await context.close();
}
