// What readers came for, measured in Chromium: the decision within the first 900 px of every
// case page that has one (on a 360 × 800 phone and a 1280 × 900 screen), the notes about the
// sources collapsed at the end and out of the search index, statuses true on the build date
// (BUILD_EPOCH in lib/site.mjs), and search excerpts that do not run words together.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { Problems, assert } from "../lib/harness.mjs";
import { openPage } from "../lib/browser.mjs";

const SIZES = [
  [360, 800],
  [1280, 900],
];

/** Where the decision (or, failing that, the proposal) starts, in px from the top of the page. */
function decisionTop() {
  const box = document.querySelector(".case-summary .decision");
  if (!box) return null;
  return Math.round(box.getBoundingClientRect().top + window.scrollY);
}

/** The "Om kildene" notes: collapsed, outside the search index, the last thing in the article. */
function sourceNotes() {
  const problems = [];
  const notes = document.querySelectorAll(".source-notes");
  for (const d of notes) {
    if (d.localName !== "details") problems.push("kildemerknadene er ikke en <details>");
    if (d.open) problems.push("kildemerknadene er åpne");
    if (!d.closest("[data-pagefind-ignore]")) problems.push("kildemerknadene er med i søkeindeksen");
    if (d.querySelector("summary")?.textContent.trim() !== "Om kildene") problems.push("overskriften er ikke «Om kildene»");
    const article = d.closest("article");
    const last = article && [...article.querySelectorAll("*")].filter((el) => el.offsetParent !== null && !d.contains(el) && el !== d).pop();
    if (last && d.compareDocumentPosition(last) & Node.DOCUMENT_POSITION_FOLLOWING) {
      problems.push(`«${last.textContent.trim().slice(0, 40)}» står etter kildemerknadene`);
    }
  }
  return { count: notes.length, problems };
}

export async function checkReaders(suite, browser, origin, paths, site) {
  const { page, context } = await openPage(browser);
  const cases = paths.filter((p) => /^\/saker\/\d+-\d+-\d{4}\/$/.test(p));

  for (const [width, height] of SIZES) {
    await suite.test(`vedtaket innen de første 900 px på alle ${cases.length} sakssider med vedtak (${width}×${height})`, async () => {
      const problems = new Problems();
      let measured = 0;
      await page.setViewportSize({ width, height });
      for (const p of cases) {
        await page.goto(origin + p);
        const top = await page.evaluate(decisionTop);
        if (top === null) continue;
        measured++;
        if (top > 900) problems.add(`${p}: vedtaket starter ${top} px ned`);
      }
      problems.throwIfAny();
      assert(measured > 0, "ingen saksside har vedtak eller forslag øverst");
    });
  }

  await suite.test("toppen på en telefon (360×800): høyst 120 px, «Meny» åpner menyen uten JavaScript", async () => {
    const problems = new Problems();
    await page.setViewportSize({ width: 360, height: 800 });
    for (const p of ["/", "/saker/52-6-2022/", "/referater/2022-6/", "/sok/"]) {
      await page.goto(origin + p);
      const h = await page.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().height);
      if (h > 120) problems.add(`${p}: toppen er ${Math.round(h)} px høy`);
      if (await page.locator("#meny").isVisible()) problems.add(`${p}: menyen er åpen før «Meny» er valgt`);
    }
    // Without JavaScript: the link's target is the menu, shown by CSS; the current section is
    // marked in it, visibly bold.
    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    const plain = await noJs.newPage();
    await plain.goto(origin + "/saker/52-6-2022/");
    await plain.getByRole("link", { name: "Meny" }).click();
    if (!(await plain.locator("#meny").isVisible())) problems.add("«Meny» åpner ikke menyen uten JavaScript");
    const current = plain.locator("#meny a[aria-current]");
    if ((await current.count()) !== 1 || (await current.textContent()) !== "Saksoversikt") problems.add("menyen merker ikke «Saksoversikt» som der leseren er");
    else if ((await current.evaluate((a) => getComputedStyle(a).fontWeight)) < 700) problems.add("«Saksoversikt» er ikke merket synlig");
    const menuBottom = await plain.evaluate(() => document.querySelector("#meny").getBoundingClientRect().bottom);
    if (menuBottom > 800) problems.add(`den åpne menyen slutter ${Math.round(menuBottom)} px ned, under første skjermbilde`);
    await noJs.close();
    // On a wide screen the menu is always there and «Meny» is not.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(origin + "/saker/52-6-2022/");
    if (!(await page.locator("#meny").isVisible())) problems.add("1280 px: menyen vises ikke");
    if (await page.locator(".site-header__menu").isVisible()) problems.add("1280 px: «Meny» vises selv om menyen står der");
    if (await page.locator(".site-nav__close").isVisible()) problems.add("1280 px: «Lukk menyen» vises selv om menyen alltid står der");
    problems.throwIfAny();
  });

  await suite.test("søk fra forsiden uten JavaScript, og første treff på første skjermbilde (360×800)", async () => {
    const problems = new Problems();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(origin + "/");
    const field = page.getByRole("searchbox", { name: /Søk i møter/ });
    const top = await field.evaluate((el) => el.getBoundingClientRect().bottom);
    if (top > 800) problems.add(`søkefeltet på forsiden er under første skjermbilde (${Math.round(top)} px)`);
    await field.fill("37/3/2025");
    await field.press("Enter");
    await page.waitForURL(/\/sok\/\?q=/);
    const first = page.locator("[data-search-list] > li").first();
    await first.waitFor({ timeout: 15000 });
    const box = await first.evaluate((el) => el.getBoundingClientRect().toJSON());
    if (box.top > 800 - 40) problems.add(`første treff starter ${Math.round(box.top)} px ned, under første skjermbilde`);
    if (!(await first.textContent()).includes("37/3/2025")) problems.add(`første treff er ikke sak 37/3/2025: «${(await first.textContent()).trim().slice(0, 60)}»`);
    problems.throwIfAny();
  });

  await suite.test("innholdslisten står ved siden av teksten og følger med (1280×900), sammenslåbar over teksten på telefon", async () => {
    const problems = new Problems();
    for (const p of ["/referater/2022-6/", "/arsrapporter/2022/"]) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(origin + p);
      const at = () =>
        page.evaluate(() => {
          const toc = document.querySelector(".toc").getBoundingClientRect();
          const text = document.querySelector(".document__header").getBoundingClientRect();
          return { tocLeft: toc.left, tocTop: toc.top, textRight: text.right };
        });
      const start = await at();
      if (start.tocLeft < start.textRight) problems.add(`${p}: innholdslisten står ikke til høyre for teksten`);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight * 0.6));
      const later = await at();
      if (later.tocTop < 0 || later.tocTop > 900) problems.add(`${p}: innholdslisten er ute av syne etter rulling (topp ${Math.round(later.tocTop)} px)`);
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(origin + p);
      const phone = await page.evaluate(() => {
        const toc = document.querySelector(".toc");
        return { details: !!toc.querySelector("details > summary"), before: !!(toc.compareDocumentPosition(document.querySelector(".document__header")) & Node.DOCUMENT_POSITION_PRECEDING) };
      });
      if (!phone.details || !phone.before) problems.add(`${p}: på telefon er innholdslisten ikke en sammenslåbar liste under overskriften`);
    }
    problems.throwIfAny();
  });

  await suite.test("kildemerknadene: sammenslått «Om kildene» til slutt, utenfor søket", async () => {
    const problems = new Problems();
    let found = 0;
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const p of ["/saker/52-6-2022/", "/saker/8-1-2025/", "/referater/2025-3/", "/moter/2022-6/", ...cases.slice(0, 40)]) {
      await page.goto(origin + p);
      const { count, problems: list } = await page.evaluate(sourceNotes);
      found += count;
      for (const l of list) problems.add(`${p}: ${l}`);
    }
    problems.throwIfAny();
    assert(found > 0, "fant ingen kildemerknader å sjekke");
  });

  await suite.test("statuser på byggedatoen 1. februar 2026 (SOURCE_DATE_EPOCH)", async () => {
    const problems = new Problems();
    const facts = async (p) => {
      await page.goto(origin + p);
      return page.evaluate(() => {
        const out = {};
        for (const dt of document.querySelectorAll(".facts dt")) out[dt.textContent.trim()] = dt.nextElementSibling?.textContent.trim();
        return out;
      });
    };
    const expect = [
      ["/moter/2026-1/", "Status", "Referat ikke publisert"],
      ["/moter/2023-1/", "Status", "Referat ikke publisert"],
      ["/moter/2022-6/", "Status", "Avholdt"],
      ["/arrangementer/arendalsuka-2026/", "Status", "Planlagt"],
    ];
    for (const [p, key, want] of expect) {
      const got = (await facts(p))[key];
      if (got !== want) problems.add(`${p}: ${key} er «${got}», skal være «${want}»`);
    }
    // The date shows the weekday.
    const date = (await facts("/moter/2026-1/"))["Dato"];
    if (!date?.startsWith("onsdag 14. januar 2026")) problems.add(`/moter/2026-1/: datoen er «${date}», skal begynne med «onsdag 14. januar 2026»`);
    // No past meeting in the list is "Planlagt".
    await page.goto(origin + "/moter/");
    const planned = await page.evaluate(() =>
      [...document.querySelectorAll("tbody tr")]
        .filter((tr) => tr.textContent.includes("Planlagt"))
        .map((tr) => tr.querySelector("th")?.textContent.trim()),
    );
    for (const m of planned) problems.add(`/moter/: ${m} står som «Planlagt» etter byggedatoen`);
    const tag = await page.goto(origin + "/saker/1-1-2026/").then(() => page.locator(".status-tag").textContent());
    if (tag?.trim() !== "Referat ikke publisert") problems.add(`/saker/1-1-2026/: statusmerket er «${tag}»`);
    problems.throwIfAny();
  });

  await suite.test("søkeutdrag: etiketter og verdier skrives ikke sammen («MøteMøte 3/2025»)", async () => {
    const dir = path.join(site, "pagefind/fragment");
    const problems = new Problems();
    let read = 0;
    for (const f of fs.readdirSync(dir)) {
      const text = zlib.gunzipSync(fs.readFileSync(path.join(dir, f))).toString("utf8");
      const content = JSON.parse(text.slice(text.indexOf("{"))).content ?? "";
      read++;
      for (const m of content.matchAll(/(Møte|Dato|Sted|Status|Tid|Til|Fra|Saksbehandler|Type sak|Merknadsfrist)(Møte|Sak|\d|[A-ZÆØÅ][a-zæøå])/g)) {
        problems.add(`${f}: «…${content.slice(Math.max(0, m.index - 20), m.index + 30)}…»`);
      }
      if (/Om kildene|Slik står det i kildedokumentet/.test(content)) problems.add(`${f}: kildemerknadene er med i søkeindeksen`);
    }
    problems.throwIfAny(20);
    assert(read > 50, `bare ${read} søkefragmenter`);
  });
  await context.close();
}
