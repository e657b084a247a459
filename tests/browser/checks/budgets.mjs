// Budgets over the built files: page weight (HTML + the CSS it links, before compression),
// the stylesheet's size, no web fonts, and the script policy (checked again in the browser).
import fs from "node:fs";
import path from "node:path";
import { Problems } from "../lib/harness.mjs";
import { urlPath } from "../lib/site.mjs";

export const PAGE_BUDGET = 100 * 1024;
export const CSS_BUDGET = 30 * 1024;
const FONT_FILE = /\.(woff2?|ttf|otf|eot)$/i;

function walk(dir, rel = "", out = []) {
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(dir, child, out);
    else out.push(child);
  }
  return out;
}

/** Local stylesheets linked from a page: `<link rel=stylesheet href=…>` in any attribute order. */
function stylesheets(html, origin) {
  const found = [];
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel=["']?stylesheet\b/i.test(tag)) continue;
    const href = tag.match(/\bhref=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i);
    if (href) found.push(new URL(href[1] ?? href[2] ?? href[3], origin + "/").pathname);
  }
  return found;
}

export async function checkBudgets(suite, site, origin, htmlFiles) {
  // The editor at /admin/ (its script and icon font) is for the secretariat, not readers:
  // checks/cms.mjs tests it.
  const files = walk(site).filter((f) => !f.startsWith("admin/"));
  const ownFiles = files.filter((f) => !f.startsWith("pagefind/"));

  await suite.test(`sidevekt: HTML + CSS under ${PAGE_BUDGET / 1024} KB per side (${htmlFiles.length} sider)`, () => {
    const problems = new Problems();
    let heaviest = ["", 0];
    for (const rel of htmlFiles) {
      const html = fs.readFileSync(path.join(site, rel), "utf8");
      let bytes = Buffer.byteLength(html);
      for (const css of stylesheets(html, origin)) {
        const file = path.join(site, css);
        if (!fs.existsSync(file)) problems.add(`${urlPath(rel)}: stilarket ${css} finnes ikke`);
        else bytes += fs.statSync(file).size;
      }
      if (bytes > heaviest[1]) heaviest = [urlPath(rel), bytes];
      if (bytes > PAGE_BUDGET) problems.add(`${urlPath(rel)}: ${(bytes / 1024).toFixed(1)} KB`);
    }
    console.log(`     tyngst: ${heaviest[0]} ${(heaviest[1] / 1024).toFixed(1)} KB`);
    problems.throwIfAny();
  });

  await suite.test(`CSS under ${CSS_BUDGET / 1024} KB, ingen nettfonter`, () => {
    const problems = new Problems();
    const css = ownFiles.filter((f) => f.endsWith(".css"));
    const total = css.reduce((sum, f) => sum + fs.statSync(path.join(site, f)).size, 0);
    console.log(`     CSS: ${css.join(", ")} = ${(total / 1024).toFixed(1)} KB`);
    if (total > CSS_BUDGET) problems.add(`CSS er ${(total / 1024).toFixed(1)} KB`);
    for (const f of files.filter((f) => f.endsWith(".css"))) {
      if (/@font-face|@import\s+url/i.test(fs.readFileSync(path.join(site, f), "utf8"))) {
        problems.add(`${f}: @font-face eller @import`);
      }
    }
    for (const f of files.filter((f) => FONT_FILE.test(f))) problems.add(`fontfil: ${f}`);
    problems.throwIfAny();
  });

  await suite.test("skript: ingen innebygde skript eller hendelsesattributter; bare søkesiden har skript", () => {
    const problems = new Problems();
    for (const rel of htmlFiles) {
      const html = fs.readFileSync(path.join(site, rel), "utf8");
      const page = urlPath(rel);
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        if (!/\bsrc=/i.test(m[1]) || m[2].trim()) problems.add(`${page}: innebygd <script>`);
        else if (page !== "/sok/") problems.add(`${page}: <script> utenfor søkesiden`);
      }
      for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
        const handler = tag.match(/\s(on[a-z]+)\s*=/i);
        if (handler) problems.add(`${page}: hendelsesattributt ${handler[1]}`);
      }
    }
    problems.throwIfAny();
  });
}
