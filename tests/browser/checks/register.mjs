// The case register at /saker/ (templates/saker.html): on a 360 × 800 phone each case is a card
// with nothing off-screen sideways and its decision or status inside it; on a 1280 × 900 screen
// a table with no empty column; the gaps in the numbering in their places; axe clean at both
// widths. Only archived cases are named (the register grows with every meeting).
import { Problems, assert } from "../lib/harness.mjs";
import { openPage, runAxe, isWcag, describeViolations } from "../lib/browser.mjs";

/** Every card (case row) that reaches past the viewport or its own box, and the first case's card. */
function cards() {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const rows = [...document.querySelectorAll("table.register tbody tr")];
  for (const tr of rows) {
    const box = tr.getBoundingClientRect();
    const name = tr.querySelector("th")?.textContent.trim() ?? tr.textContent.trim().slice(0, 40);
    if (getComputedStyle(tr).display !== "block") problems.push(`${name}: raden er ikke et kort (display ${getComputedStyle(tr).display})`);
    if (box.left < 0 || box.right > width + 0.5) problems.push(`${name}: kortet går fra ${Math.round(box.left)} til ${Math.round(box.right)} px, skjermen er ${width} px`);
    if (tr.scrollWidth > tr.clientWidth + 1) problems.push(`${name}: innholdet er ${tr.scrollWidth} px bredt i et kort på ${tr.clientWidth} px`);
    for (const el of tr.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) {
        problems.push(`${name}: «${el.textContent.trim().slice(0, 30)}» stikker ut av kortet`);
        break;
      }
    }
  }
  if (document.documentElement.scrollWidth > width) problems.push(`siden er ${document.documentElement.scrollWidth} px bred på en skjerm på ${width} px`);
  const first = rows.find((tr) => !tr.classList.contains("register__gap"));
  const outcome = first?.querySelector(".register__outcome");
  const card = first?.getBoundingClientRect();
  const o = outcome?.getBoundingClientRect();
  const visible = o && o.height > 0 && o.left >= card.left && o.right <= card.right && o.top >= card.top && o.bottom <= card.bottom;
  return { count: rows.length, problems, first: first?.querySelector("th")?.textContent.trim(), outcome: outcome?.textContent.trim(), visible };
}

/** Columns of each table with no text in any case row; and tables not shown as tables. */
function emptyColumns() {
  const problems = [];
  for (const table of document.querySelectorAll("table.register")) {
    const caption = table.caption?.textContent.trim();
    if (getComputedStyle(table).display !== "table") problems.push(`${caption}: vises ikke som tabell`);
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    const rows = [...table.querySelectorAll("tbody tr:not(.register__gap)")];
    headers.forEach((header, i) => {
      if (!rows.some((tr) => tr.cells[i]?.textContent.trim())) problems.push(`${caption}: kolonnen «${header}» er tom`);
    });
    for (const tr of rows) {
      if (tr.cells.length !== headers.length) problems.push(`${caption}: ${tr.cells[0]?.textContent.trim()} har ${tr.cells.length} celler, tabellen ${headers.length} kolonner`);
    }
    for (const gap of table.querySelectorAll("tbody tr.register__gap td")) {
      if (gap.colSpan !== headers.length) problems.push(`${caption}: «${gap.textContent.trim()}» spenner over ${gap.colSpan} av ${headers.length} kolonner`);
    }
  }
  return problems;
}

export async function checkRegister(suite, browser, origin) {
  const { page, context } = await openPage(browser);
  const url = `${origin}/saker/`;

  await suite.test("saksoversikten på 360 × 800: et kort per sak, ingenting utenfor skjermen, vedtak eller status i kortet", async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(url);
    const found = await page.evaluate(cards);
    const problems = new Problems();
    for (const p of found.problems) problems.add(p);
    assert(found.count > 0, "fant ingen kort");
    if (!found.visible) problems.add(`${found.first}: vedtaket eller statusen «${found.outcome}» synes ikke i kortet`);
    // An archived decided case: its decision shows in its card, as on its page.
    const card = page.locator("table.register tbody tr", { has: page.locator('a[href$="/saker/1-1-2025/"]') });
    const outcome = (await card.locator(".register__outcome").innerText()).trim();
    if (!outcome.startsWith("Vedtatt")) problems.add(`1/1/2025: kortet sier «${outcome}», ikke «Vedtatt» og vedtaket`);
    if (!(await card.locator(".register__outcome").isVisible())) problems.add("1/1/2025: vedtaket synes ikke");
    await page.goto(`${origin}/saker/1-1-2025/`);
    const decision = (await page.locator(".case-summary .decision").first().innerText()).replace(/\s+/g, " ").trim();
    const words = outcome.replace(/^Vedtatt\s*/, "").replace(/\s+/g, " ").split(" ").slice(0, 5).join(" ");
    if (words.length < 10 || !decision.includes(words)) problems.add(`1/1/2025: kortet viser «${words}», saken har vedtaket «${decision.slice(0, 80)}»`);
    problems.throwIfAny();
  });

  await suite.test("saksoversikten på 1280 × 900: tabeller uten tomme kolonner", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url);
    const problems = new Problems();
    for (const p of await page.evaluate(emptyColumns)) problems.add(p);
    problems.throwIfAny();
  });

  await suite.test("hull i nummereringen står på plass: sak 16–29/2/2025 mellom 15/1/2025 og 30/3/2025", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url);
    const order = await page.evaluate(() =>
      [...document.querySelectorAll("#ar-2025 ~ table tbody tr")].map((tr) => tr.cells[0].innerText.replace(/\s+/g, " ").trim()),
    );
    const gap = order.findIndex((t) => t === "Sak 16–29/2/2025 finnes ikke i kildene.");
    assert(gap > 0, `fant ikke «Sak 16–29/2/2025 finnes ikke i kildene.» i 2025: ${order.filter((t) => t.includes("finnes ikke")).join(" | ")}`);
    assert(order[gap - 1] === "15/1/2025" && order[gap + 1] === "30/3/2025", `hullet står mellom «${order[gap - 1].slice(0, 20)}» og «${order[gap + 1].slice(0, 20)}»`);
    // No gap is claimed after the newest case of a year: the numbering goes on.
    assert(!order.at(-1).includes("finnes ikke"), "et hull etter årets siste kjente sak");
  });

  await suite.test("saksoversikten: axe uten brudd på 360 og 1280 px", async () => {
    const problems = new Problems();
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url);
      for (const line of describeViolations(`/saker/ (${width} px)`, (await runAxe(page)).filter(isWcag))) problems.add(line);
    }
    problems.throwIfAny();
  });
  await context.close();
}
