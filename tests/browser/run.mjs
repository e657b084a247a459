#!/usr/bin/env node
// The browser tests of the built site (run by scripts/test, or alone: `node tests/browser/run.mjs`).
// Builds the real site with target/release/ho21 into target/browser-site, serves it on
// 127.0.0.1, and checks it in headless Chromium: axe-core on every page, page rules, no
// third-party requests, 320 px layouts, keyboard use, search, print, budgets, the editor at
// /admin/ (checks/cms.mjs), and the Nu Html Checker over every page. Screenshots and print PDFs
// go to target/screenshots/.
//
// Environment: CHROMIUM (default /usr/bin/chromium), JAVA (default java), and
// BROWSER_TESTS=a,b to run only some groups (pages, search, keyboard, readers, register, screens,
// budgets, preview, cms, vnu), and BROWSER_AXE_PAGES=FILE to run axe only on one page of each
// type and the pages listed in FILE (written by `ho21 diff --pages`; the pull-request fast path).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Suite } from "./lib/harness.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite, htmlFiles, urlPath, ALIAS } from "./lib/site.mjs";
import { launch } from "./lib/browser.mjs";
import { checkPages } from "./checks/pages.mjs";
import { checkSearch } from "./checks/search.mjs";
import { checkKeyboard } from "./checks/keyboard.mjs";
import { checkScreens } from "./checks/screens.mjs";
import { checkBudgets } from "./checks/budgets.mjs";
import { checkVnu } from "./checks/vnu.mjs";
import { checkReaders } from "./checks/readers.mjs";
import { checkPreview } from "./checks/preview.mjs";
import { checkCms } from "./checks/cms.mjs";
import { checkRegister } from "./checks/register.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const only = process.env.BROWSER_TESTS ? new Set(process.env.BROWSER_TESTS.split(",")) : null;
const wanted = (group) => !only || only.has(group);

const suite = new Suite();
const site = path.join(repo, "target/browser-site");
const server = await serve(site);
let browser;
try {
  console.log(`==> bygger nettstedet i target/browser-site (base_url ${server.origin})`);
  buildSite(repo, server.origin);
  // The editor's page (/admin/) is not a page of the site: checks/cms.mjs tests it.
  const files = htmlFiles(site).filter((f) => !f.startsWith("admin/"));
  const paths = files.map(urlPath);
  // Redirect pages (templates/internal/alias.html) are checked with their refresh taken out.
  const redirects = files
    .filter((f) => /<meta[^>]*http-equiv=["']?refresh/i.test(fs.readFileSync(path.join(site, f), "utf8")))
    .map(urlPath);
  console.log(`==> ${files.length} HTML-sider, av dem ${redirects.length} omdirigeringer (blant dem ${ALIAS})`);
  if (wanted("budgets")) await checkBudgets(suite, site, server.origin, files);
  if (["pages", "search", "keyboard", "screens", "readers", "register", "preview", "cms"].some(wanted)) browser = await launch();
  if (wanted("pages")) await checkPages(suite, browser, server.origin, paths, redirects);
  if (wanted("search")) await checkSearch(suite, browser, server.origin, repo);
  if (wanted("keyboard")) await checkKeyboard(suite, browser, server.origin);
  if (wanted("readers")) await checkReaders(suite, browser, server.origin, paths, site);
  if (wanted("register")) await checkRegister(suite, browser, server.origin);
  if (wanted("screens")) await checkScreens(suite, browser, server.origin, repo);
  if (wanted("preview")) await checkPreview(suite, browser, repo, site);
  if (wanted("cms")) await checkCms(suite, browser, server.origin, repo);
  if (wanted("vnu")) await checkVnu(suite, site, server.origin, files.length);
} catch (error) {
  await suite.test("oppsett", () => {
    throw error;
  });
} finally {
  await browser?.close();
  await server.close();
}
process.exitCode = suite.summary() ? 0 : 1;
