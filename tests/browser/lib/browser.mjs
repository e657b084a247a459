// Headless Debian Chromium driven by playwright-core, and what every page visit records:
// requests (to catch third-party ones), console errors, and uncaught exceptions.
import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`fant ikke ${CHROMIUM}: kjør scripts/setup (installerer Debian-pakken chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A page that records what it does. `log.requests` holds every URL requested, `log.errors`
 * every console error and uncaught exception, since the last `log.reset()`.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: "nb-NO",
    serviceWorkers: "block",
    ...options,
  });
  const page = await context.newPage();
  const log = {
    requests: [],
    errors: [],
    reset() {
      this.requests = [];
      this.errors = [];
    },
  };
  page.on("request", (request) => log.requests.push({ url: request.url(), type: request.resourceType() }));
  page.on("console", (message) => {
    if (message.type() === "error") {
      const where = message.location()?.url;
      log.errors.push(where ? `${message.text()} (${where})` : message.text());
    }
  });
  page.on("pageerror", (error) => log.errors.push(`uncaught: ${error.message}`));
  return { context, page, log };
}

/** Problems with what a page requested: anything not on 127.0.0.1, and any font. */
export function requestProblems(log) {
  const problems = [];
  for (const { url, type } of log.requests) {
    const parsed = new URL(url);
    if (parsed.protocol === "data:" || parsed.protocol === "blob:") continue;
    if (parsed.hostname !== "127.0.0.1") problems.push(`forespørsel til tredjepart: ${url}`);
    if (type === "font") problems.push(`nettfont lastet: ${url}`);
  }
  return problems;
}

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core on the page as it is now. The source is evaluated through the DevTools
 * protocol, which the page's Content-Security-Policy does not apply to (an injected <script>
 * would be blocked, as it should be). Returns the violations, each with its tags: rules
 * tagged WCAG 2.0/2.1 A or AA, and axe's best practices (see `isWcag`).
 */
export async function runAxe(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async (tags) => {
      const result = await window.axe.run(document, {
        runOnly: { type: "tag", values: [...tags, "best-practice"] },
        resultTypes: ["violations"],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        tags: v.tags,
        nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
      }));
    },
    WCAG_TAGS,
  );
}

/** A violation of WCAG 2.1 A/AA fails a test; one of axe's best practices only is a warning. */
export function isWcag(violation) {
  return violation.tags.some((t) => WCAG_TAGS.includes(t));
}

/** One line per violation and node, for a report. */
export function describeViolations(url, violations) {
  const lines = [];
  for (const v of violations) {
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`${url}: [${v.id}] ${v.help}: ${node.target}`);
    }
    if (v.nodes.length > 5) lines.push(`${url}: [${v.id}] … og ${v.nodes.length - 5} elementer til`);
  }
  return lines;
}
