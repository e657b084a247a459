// The editor at /admin/ (Sveltia CMS) in a real browser, offline. Sveltia's local mode works on a
// folder the browser opens through the File System Access API; here the folder is a directory in
// the browser's own storage (OPFS) filled with a copy of content/ and data/, handed to the CMS in
// place of the folder picker. The test creates a case through the form and saves it, runs
// `ho21 check` on a copy of the site with the file the CMS wrote (the check must say the case is
// missing from its meeting's agenda, with the fix), adds the case to the agenda through the
// meeting's form, and then the check must pass and the built site must have the case page.
// axe runs on the editor. Screenshots go to target/screenshots/cms-*.png.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { assert, Problems } from "../lib/harness.mjs";
import { openPage, runAxe, isWcag, describeViolations } from "../lib/browser.mjs";
import { PARTS, BUILD_EPOCH } from "../lib/site.mjs";

const CASE_ID = "13-1-2026";
const CASE_TITLE = "Prøvesak fra nettleseren";
const MEETING_ID = "2026-1";
const MEETING_TITLE = "Møte 1/2026";

/** Every file under `root/part` as [relative path, text]. */
function filesOf(root, part) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else out.push([child, fs.readFileSync(path.join(root, child), "utf8")]);
    }
  };
  walk(part);
  return out;
}

function ho21(repo, args) {
  return spawnSync(path.join(repo, "target/release/ho21"), args, {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, SOURCE_DATE_EPOCH: String(BUILD_EPOCH) },
  });
}

/** Keys and table headers of a front matter, to see that a save through the form lost none. */
function keysOf(text) {
  const front = text.split(/^\+\+\+$/m)[1] ?? "";
  return new Set([...front.matchAll(/^\s*(\[\[?[\w.]+\]\]?|\w+)\s*(=|$)/gm)].map((m) => m[1]));
}

/** The text of a file in the browser's storage, under the folder handed to the CMS. */
async function readStored(page, rel) {
  return page.evaluate(async (rel) => {
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle("repo");
    const parts = rel.split("/");
    for (const name of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(name);
    return (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
  }, rel);
}

/**
 * Saves the entry and returns the file at `rel` once the CMS has written it so that `written`
 * holds (the toast of an earlier save may still be showing, and the CMS replaces a file by
 * removing and writing it).
 */
async function save(page, rel, written) {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  let text = null;
  for (let i = 0; i < 100; i++) {
    text = await readStored(page, rel).catch(() => null);
    if (text !== null && written(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`skjemaet skrev ikke ${rel} som ventet:\n${text ?? "(finnes ikke)"}`);
}

/** Picks `option` in the relation picker of the field at `keyPath`. */
async function pick(page, keyPath, search, option) {
  const field = page.locator(`[data-key-path="${keyPath}"]`).first();
  // The form draws its fields as they scroll into view: scroll the form until the field is there.
  for (let i = 0; i < 30 && (await field.count()) === 0; i++) {
    await page.mouse.move(200, 600);
    await page.mouse.wheel(0, 500);
    await page.waitForTimeout(100);
  }
  await field.scrollIntoViewIfNeeded();
  await field.getByRole("combobox").first().click();
  const popup = page.getByRole("dialog").filter({ has: page.getByRole("searchbox", { name: "Filter Options" }) });
  await popup.getByRole("searchbox").fill(search);
  await popup.getByRole("option", { name: option }).first().click();
  // The choice must show in the field before anything else happens (saving too early would
  // write the old value).
  for (let i = 0; i < 50 && !(await field.innerText()).includes(option); i++) await page.waitForTimeout(100);
  assert((await field.innerText()).includes(option), `valget ${option} vises ikke i feltet ${keyPath}`);
  // A multiple choice keeps its list open (Escape would close the whole editor): click the
  // field's label to close it.
  if (await popup.isVisible()) await field.locator("label, .label, h4").first().click();
}

export async function checkCms(suite, browser, origin, repo) {
  const shots = path.join(repo, "target/screenshots");
  fs.mkdirSync(shots, { recursive: true });
  const root = path.join(repo, "target/cms-root");
  fs.rmSync(root, { recursive: true, force: true });
  for (const part of PARTS) {
    const from = path.join(repo, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(root, part), { recursive: true });
  }
  const { context, page, log } = await openPage(browser);
  // The CMS asks CDNs for its web fonts and its latest version; the page's policy blocks both,
  // and the test never lets a request leave 127.0.0.1.
  const outside = [];
  await page.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => {
    outside.push(route.request().url());
    return route.abort();
  });
  await page.addInitScript(() => {
    window.showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle("repo");
  });
  try {
    await suite.test("CMS: /admin/ åpner en kopi av innholdet lokalt", async () => {
      await page.goto(`${origin}/`);
      const files = [...filesOf(root, "content"), ...filesOf(root, "data")];
      await page.evaluate(async (files) => {
        const storage = await navigator.storage.getDirectory();
        await storage.removeEntry("repo", { recursive: true }).catch(() => {});
        const repo = await storage.getDirectoryHandle("repo", { create: true });
        await repo.getDirectoryHandle(".git", { create: true });
        for (const [rel, text] of files) {
          const parts = rel.split("/");
          let dir = repo;
          for (const name of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(name, { create: true });
          const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
          await writable.write(text);
          await writable.close();
        }
      }, files);
      log.reset();
      await page.goto(`${origin}/admin/`);
      await page.getByRole("button", { name: /Local Repository/i }).click();
      await page.getByRole("treeitem", { name: "Saker" }).waitFor({ timeout: 20000 });
      // The icon font comes from this site (admin/fixes.js), or the icons show as their names.
      const icons = await page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].some((f) => f.family.includes("Material Symbols") && f.status === "loaded");
      });
      assert(icons, "ikonskriften er ikke lastet fra nettstedet");
      await page.screenshot({ path: path.join(shots, "cms-oversikt.png") });
      const config = log.errors.filter((e) => /configuration|konfigurasjon/i.test(e));
      assert(config.length === 0, `CMS-konfigurasjonen har feil:\n${config.join("\n")}`);
    });

    await suite.test("CMS: axe på redigeringsverktøyet", async () => {
      const violations = (await runAxe(page)).filter(isWcag);
      const problems = new Problems();
      for (const line of describeViolations("/admin/", violations)) problems.add(line);
      problems.throwIfAny();
    });

    await suite.test(`CMS: sak ${CASE_ID} lages i skjemaet, og kontrollen sier hva som mangler`, async () => {
      await page.goto(`${origin}/admin/#/collections/saker/new`);
      const title = page.locator('[data-key-path="title"] input').first();
      await title.waitFor({ timeout: 15000 });
      await title.fill(CASE_TITLE);
      await page.locator('[data-key-path="date"] input[type="date"]').first().fill("2026-01-14");
      // The file name: Sveltia's slug editor, beside the form.
      const slug = page.getByRole("group", { name: "Slug" }).getByRole("textbox");
      await slug.fill(CASE_ID);
      await page.getByRole("checkbox", { name: "Orienteringssak" }).filter({ visible: true }).first().click();
      await pick(page, "extra.meeting", MEETING_TITLE, MEETING_TITLE);
      await page.screenshot({ path: path.join(shots, "cms-ny-sak.png"), fullPage: true });
      const written = await save(page, `content/saker/${CASE_ID}.md`, (text) => text.includes(CASE_TITLE));
      assert(/^date = 2026-01-14$/m.test(written), `datoen er ikke en TOML-dato:\n${written}`);
      assert(written.includes(`meeting = "${MEETING_ID}"`), `møtet mangler:\n${written}`);
      fs.writeFileSync(path.join(root, `content/saker/${CASE_ID}.md`), written);
      const check = ho21(repo, ["check", "--root", root]);
      const report = check.stdout + check.stderr;
      assert(check.status === 1, `ho21 check skulle feile (saken står ikke på sakslisten):\n${report}`);
      assert(
        report.includes(`content/saker/${CASE_ID}.md`) && report.includes("agenda-mismatch") &&
          report.includes(`legg "${CASE_ID}" til \`agenda\``),
        `kontrollen sier ikke hva som mangler:\n${report}`,
      );
    });

    await suite.test(`CMS: saken legges på sakslisten til møte ${MEETING_ID}; kontrollen og byggingen består`, async () => {
      const before = fs.readFileSync(path.join(root, `content/moter/${MEETING_ID}.md`), "utf8");
      await page.getByRole("treeitem", { name: "Rådsmøter" }).click();
      await page.getByRole("row", { name: MEETING_TITLE }).getByRole("gridcell", { name: MEETING_TITLE, exact: true }).click();
      await page.locator('[data-key-path="title"] input').first().waitFor({ timeout: 15000 });
      await pick(page, "extra.agenda", CASE_ID, CASE_ID);
      await page.screenshot({ path: path.join(shots, "cms-mote.png"), fullPage: true });
      const written = await save(page, `content/moter/${MEETING_ID}.md`, (text) => text.includes(`"${CASE_ID}"`));
      const lost = [...keysOf(before)].filter((k) => !keysOf(written).has(k));
      assert(lost.length === 0, `skjemaet mistet ${lost.join(", ")}:\n${written}`);
      fs.writeFileSync(path.join(root, `content/moter/${MEETING_ID}.md`), written);
      const check = ho21(repo, ["check", "--root", root]);
      assert(check.status === 0, `ho21 check feilet:\n${check.stdout}${check.stderr}`);
      const out = path.join(repo, "target/cms-site");
      const build = ho21(repo, ["build", "--root", root, "--output", out]);
      assert(build.status === 0, `ho21 build feilet:\n${build.stdout}${build.stderr}`);
      const casePage = path.join(out, `saker/${CASE_ID}/index.html`);
      assert(fs.existsSync(casePage), `${casePage} ble ikke bygget`);
      assert(fs.readFileSync(casePage, "utf8").includes(CASE_TITLE), "sidetittelen mangler på saken");
      const meetingPage = fs.readFileSync(path.join(out, `moter/${MEETING_ID}/index.html`), "utf8");
      assert(meetingPage.includes(`/saker/${CASE_ID}/`), "møtesiden lenker ikke til saken");
    });

    await suite.test("CMS: /admin/ er utenfor søket, nettstedskartet og lenkene", async () => {
      const site = path.join(repo, "target/browser-site");
      const problems = new Problems();
      await page.goto(`${origin}/sok/`);
      const indexed = await page.evaluate(async (bundle) => {
        const pagefind = await import(bundle);
        const search = await pagefind.search(null);
        return (await Promise.all(search.results.map((r) => r.data()))).map((d) => d.url);
      }, `${origin}/pagefind/pagefind.js`);
      assert(indexed.length > 100, `bare ${indexed.length} sider i søkeindeksen`);
      for (const url of indexed.filter((u) => u.includes("/admin"))) problems.add(`i søkeindeksen: ${url}`);
      if (fs.readFileSync(path.join(site, "sitemap.xml"), "utf8").includes("/admin")) problems.add("/admin/ står i sitemap.xml");
      const walk = (rel) => {
        for (const entry of fs.readdirSync(path.join(site, rel), { withFileTypes: true })) {
          const child = rel ? `${rel}/${entry.name}` : entry.name;
          if (entry.isDirectory()) {
            if (child !== "admin" && child !== "pagefind") walk(child);
          } else if (entry.name.endsWith(".html") && /href="[^"]*\/admin\//.test(fs.readFileSync(path.join(site, child), "utf8"))) {
            problems.add(`${child} lenker til /admin/`);
          }
        }
      };
      walk("");
      if (!fs.readFileSync(path.join(site, "admin/index.html"), "utf8").includes('content="noindex')) problems.add("/admin/ mangler noindex");
      problems.throwIfAny();
    });

    await suite.test("CMS: bare forespørsler til nettstedet selv", () => {
      // What the CMS asked other sites for (all blocked here): its fonts and version check on
      // CDNs (blocked by the page's policy too) and GitHub's status; never anything with content.
      const unexpected = outside.filter(
        (url) => !/^https:\/\/(cdn\.jsdelivr\.net\/fontsource\/|unpkg\.com\/@sveltia\/cms\/package\.json|www\.githubstatus\.com\/api\/)/.test(url),
      );
      assert(unexpected.length === 0, `uventede forespørsler:\n${unexpected.join("\n")}`);
    });
  } finally {
    await context.close();
  }
}
