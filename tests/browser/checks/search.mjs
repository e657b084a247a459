// Search in a real browser, typed as a person types: a case number, a phrase from a decision,
// the type and year filters, the address (?q=…) and the page without JavaScript.
import fs from "node:fs";
import path from "node:path";
import { assert, Problems } from "../lib/harness.mjs";
import { openPage, requestProblems, runAxe, describeViolations, isWcag } from "../lib/browser.mjs";

const RESULT_LINKS = ".search-results__list .search-result__title a";

/** The search filter's type values, from i18n/nb.toml (the templates use the same keys). */
function typeNames(repo) {
  const toml = fs.readFileSync(path.join(repo, "i18n/nb.toml"), "utf8");
  const value = (key) => toml.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "m"))?.[1];
  return {
    case: value("type_case"),
    minutes: value("type_minutes"),
    opinion: value("type_opinion"),
    event: value("type_event"),
    meeting: value("type_meeting"),
    report: value("type_report"),
  };
}

async function resultPaths(page) {
  return page.$$eval(RESULT_LINKS, (links) => links.map((a) => new URL(a.href).pathname));
}

/** Types `text` into the search field as keystrokes and waits for the status to settle. */
async function typeQuery(page, text) {
  const input = page.locator("#sok-q");
  // Forget the last status, so that the same query twice waits for the new answer.
  await page.evaluate(() => (document.querySelector("[data-search-status]").textContent = ""));
  await input.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(text, { delay: 15 });
  await page.waitForFunction(
    (q) => {
      const status = document.querySelector("[data-search-status]").textContent;
      return status.includes(`«${q}»`);
    },
    text,
    { timeout: 10000 },
  );
}

async function ready(page) {
  await page.waitForFunction(() => document.querySelector("#sok-type")?.options.length > 1, null, { timeout: 10000 });
}

export async function checkSearch(suite, browser, origin, repo) {
  const types = typeNames(repo);
  const tab = await openPage(browser);
  const { page, log } = tab;
  await page.goto(`${origin}/sok/`);
  let searchReady = true;

  await suite.test("søk: siden laster Pagefind, og skjemaet er synlig med etikett", async () => {
    try {
      await ready(page);
    } catch (error) {
      searchReady = false;
      throw new Error(`filtrene ble aldri fylt: ${log.errors.join("; ") || error.message}`);
    }
    assert(await page.locator("form.search").isVisible(), "skjemaet er skjult");
    assert(!(await page.locator("[data-search-nojs]").isVisible()), "merknaden om JavaScript vises selv om skriptet kjører");
    const label = await page.locator("label[for=sok-q]").textContent();
    assert(label.trim().length > 0, "søkefeltet har ingen etikett");
    assert((await page.locator("[role=status]").count()) === 1, "mangler statusområde (role=status) for antall treff");
  });
  if (!searchReady) {
    await tab.context.close();
    return;
  }

  await suite.test("søk: filtrene for type (sak, referat, mener, arrangement) og år finnes", async () => {
    const options = (sel) => page.$$eval(`${sel} option`, (os) => os.map((o) => o.value).filter(Boolean));
    const typeOptions = await options("#sok-type");
    const yearOptions = await options("#sok-year");
    const problems = new Problems();
    for (const t of [types.case, types.minutes, types.opinion, types.event, types.meeting, types.report]) {
      if (!typeOptions.includes(t)) problems.add(`typen «${t}» mangler i filteret (har: ${typeOptions.join(", ")})`);
    }
    for (const y of ["2022", "2025"]) {
      if (!yearOptions.includes(y)) problems.add(`året ${y} mangler i filteret (har: ${yearOptions.join(", ")})`);
    }
    if (yearOptions.some((y) => !/^\d{4}$/.test(y))) problems.add(`årsfilteret har verdier som ikke er år: ${yearOptions.join(", ")}`);
    problems.throwIfAny();
  });

  await suite.test("søk: hver side i indeksen har type, og alle dokumenttyper har år", async () => {
    const pages = await page.evaluate(async (bundle) => {
      const pagefind = await import(bundle);
      const search = await pagefind.search(null);
      const all = await Promise.all(search.results.map((r) => r.data()));
      return all.map((d) => ({ url: d.url, type: d.filters.type ?? [], year: d.filters.year ?? [] }));
    }, `${origin}/pagefind/pagefind.js`);
    const dated = new Set([types.case, types.minutes, types.opinion, types.event, types.meeting, types.report]);
    const problems = new Problems();
    assert(pages.length > 100, `bare ${pages.length} sider i søkeindeksen`);
    for (const p of pages) {
      if (p.type.length !== 1) problems.add(`${p.url}: type ${JSON.stringify(p.type)}`);
      else if (dated.has(p.type[0]) && (p.year.length !== 1 || !/^\d{4}$/.test(p.year[0]))) {
        problems.add(`${p.url}: år ${JSON.stringify(p.year)}`);
      }
    }
    console.log(`     ${pages.length} sider i søkeindeksen`);
    problems.throwIfAny();
  });

  await suite.test("søk: «37/3/2025» finner sak 37/3/2025", async () => {
    await typeQuery(page, "37/3/2025");
    const paths = await resultPaths(page);
    const at = paths.indexOf("/saker/37-3-2025/");
    assert(at >= 0, `saken er ikke blant treffene: ${paths.slice(0, 10).join(", ")}`);
    assert(at < 3, `saken er treff nr. ${at + 1}; den skal være blant de tre første: ${paths.slice(0, 5).join(", ")}`);
  });

  await suite.test("søk: «tilgjengeliggjøring av helsedata» finner saken og høringssvaret", async () => {
    await typeQuery(page, "tilgjengeliggjøring av helsedata");
    const paths = await resultPaths(page);
    const top = paths.slice(0, 5);
    assert(
      top.includes("/saker/52-6-2022/") || top.includes("/mener/horingssvar-forskrift-helsedata/"),
      `verken sak 52/6/2022 eller høringssvaret er blant de fem første: ${top.join(", ")}`,
    );
    const status = await page.locator("[data-search-status]").textContent();
    assert(/\d+ treff/.test(status), `statusen sier ikke antall treff: «${status}»`);
  });

  await suite.test("søk: filter på type og år avgrenser treffene, og adressen husker søket", async () => {
    await typeQuery(page, "helsedata");
    const before = (await resultPaths(page)).length;
    await page.selectOption("#sok-type", types.case);
    await page.waitForFunction(
      () => [...document.querySelectorAll(".search-result__title a")].every((a) => a.pathname.startsWith("/saker/")),
      null,
      { timeout: 10000 },
    );
    await page.selectOption("#sok-year", "2022");
    await page.waitForFunction(
      () => {
        const metas = [...document.querySelectorAll(".search-result__meta")].map((m) => m.textContent);
        return metas.length > 0 && metas.every((m) => m.endsWith("2022"));
      },
      null,
      { timeout: 10000 },
    );
    const paths = await resultPaths(page);
    assert(paths.length > 0 && paths.length <= before, `filteret ga ${paths.length} treff (før: ${before})`);
    assert(paths.every((p) => /^\/saker\/\d+-\d+-2022\/$/.test(p)), `treff utenfor saker fra 2022: ${paths.join(", ")}`);
    const url = new URL(page.url());
    assert(url.searchParams.get("q") === "helsedata", `adressen mangler q: ${page.url()}`);
    assert(url.searchParams.get("type") === types.case && url.searchParams.get("year") === "2022", `adressen mangler filtrene: ${page.url()}`);
    // The same address again: the search is restored.
    await page.goto(page.url());
    await ready(page);
    await page.waitForSelector(RESULT_LINKS, { timeout: 10000 });
    assert((await page.inputValue("#sok-q")) === "helsedata", "søkeordet ble ikke lest fra adressen");
    assert((await page.inputValue("#sok-type")) === types.case, "typen ble ikke lest fra adressen");
    const again = await resultPaths(page);
    assert(again.join() === paths.join(), "ikke de samme treffene etter ny innlasting");
    await page.selectOption("#sok-type", "");
    await page.selectOption("#sok-year", "");
  });

  await suite.test("søk: «Vis flere treff» laster flere og flytter fokus til det første nye treffet", async () => {
    await typeQuery(page, "helse");
    const first = (await resultPaths(page)).length;
    const more = page.locator("[data-search-more]");
    assert(await more.isVisible(), `ingen «Vis flere»-knapp etter ${first} treff`);
    await more.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll(".search-result").length > n, first);
    const focused = await page.evaluate(() => {
      const items = [...document.querySelectorAll(".search-result")];
      return items.findIndex((li) => li.contains(document.activeElement));
    });
    assert(focused === first, `fokus står på treff ${focused}, ventet ${first}`);
  });

  await suite.test("søk: tastatur: Tab fra søkefeltet når knappen, filtrene og treffene", async () => {
    await typeQuery(page, "kunnskapsløft");
    await page.locator("#sok-q").focus();
    const order = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      order.push(
        await page.evaluate(() => {
          const el = document.activeElement;
          const outline = getComputedStyle(el).outlineStyle;
          return `${el.id || el.localName}${el.closest(".search-result") ? ":treff" : ""}${outline === "none" ? ":uten-fokusmarkering" : ""}`;
        }),
      );
    }
    const expected = ["button", "sok-type", "sok-year", "a:treff"];
    assert(
      expected.every((e, i) => order[i] === e),
      `rekkefølgen var ${order.join(" → ")}; ventet ${expected.join(" → ")} …`,
    );
  });

  await suite.test("søk: axe på søkesiden med treff og filtre", async () => {
    await typeQuery(page, "helsedata");
    const violations = await runAxe(page);
    for (const line of describeViolations("/sok/?q=helsedata", violations.filter((v) => !isWcag(v)))) {
      console.log(`     advarsel (axe, beste praksis): ${line}`);
    }
    const failing = violations.filter(isWcag);
    assert(failing.length === 0, describeViolations("/sok/?q=helsedata", failing).join("\n"));
  });

  await suite.test("søk: ingen tredjepart, ingen konsollfeil", async () => {
    const problems = [...requestProblems(log), ...log.errors.map((e) => `konsollfeil: ${e}`)];
    assert(problems.length === 0, problems.join("\n"));
  });
  await tab.context.close();

  await suite.test("søk uten JavaScript: siden sier det og lenker til saksoversikten", async () => {
    const noJs = await openPage(browser, { javaScriptEnabled: false });
    await noJs.page.goto(`${origin}/sok/`);
    const notice = noJs.page.locator("[data-search-nojs]");
    assert(await notice.isVisible(), "merknaden om JavaScript vises ikke");
    const text = await notice.textContent();
    assert(/JavaScript/.test(text), `merknaden nevner ikke JavaScript: «${text}»`);
    const link = await notice.locator("a").getAttribute("href");
    assert(new URL(link, origin).pathname === "/saker/", `merknaden lenker ikke til /saker/: ${link}`);
    assert(!(await noJs.page.locator("form.search").isVisible()), "skjemaet vises selv om søket ikke virker uten JavaScript");
    await noJs.context.close();
  });
}
