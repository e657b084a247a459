// Builds the real site with target/release/ho21 into target/browser-site, with `base_url`
// pointing at the local test server, so that every request the pages make goes to 127.0.0.1.
// The copy of the sources goes to target/browser-root (git-ignored, like all of target/).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

export const ALIAS = "/gammelt-sok/";
// The build date of the test site (SOURCE_DATE_EPOCH): 1 February 2026, 12:00 UTC. Meeting
// 1/2026 (14 January 2026) lies before it, the events of March and August 2026 after it.
export const BUILD_EPOCH = 1769947200;
export const PARTS = ["config.toml", "content", "data", "templates", "sass", "i18n", "static", "admin"];

export function buildSite(repo, origin) {
  const root = path.join(repo, "target/browser-root");
  const out = path.join(repo, "target/browser-site");
  const ho21 = path.join(repo, "target/release/ho21");
  if (!fs.existsSync(ho21)) {
    throw new Error(`${ho21} mangler: kjør \`cargo build --release -p ho21-tools\` først`);
  }
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  for (const part of PARTS) {
    const from = path.join(repo, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(root, part), { recursive: true });
  }
  // One alias in the copy, so that the redirect page (templates/internal/alias.html) is built
  // and checked like every other page.
  const search = path.join(root, "content/sok.md");
  if (fs.existsSync(search)) {
    const text = fs.readFileSync(search, "utf8");
    fs.writeFileSync(search, text.replace(/^\+\+\+\n/, `+++\naliases = ["${ALIAS}"]\n`));
  }
  const configPath = path.join(root, "config.toml");
  const config = fs.readFileSync(configPath, "utf8");
  const productionBase = config.match(/^base_url\s*=\s*"([^"]*)"/m)?.[1];
  if (!productionBase) throw new Error("fant ikke base_url i config.toml");
  fs.writeFileSync(configPath, config.replace(/^base_url\s*=.*$/m, `base_url = "${origin}"`));
  const run = spawnSync(ho21, ["build", "--root", root, "--output", out], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, SOURCE_DATE_EPOCH: String(BUILD_EPOCH) },
  });
  if (run.status !== 0) {
    throw new Error(`ho21 build feilet (${run.status}):\n${run.stdout}${run.stderr}`);
  }
  return { dir: out, productionBase };
}

/** Every built HTML file, relative to the site folder, sorted. */
export function htmlFiles(dir) {
  const found = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (child !== "pagefind") walk(child);
      } else if (entry.name.endsWith(".html")) {
        found.push(child);
      }
    }
  };
  walk("");
  return found.sort();
}

/** The URL path a built file is served at: `saker/1-1-2023/index.html` → `/saker/1-1-2023/`. */
export function urlPath(rel) {
  return "/" + rel.replace(/(^|\/)index\.html$/, "$1");
}
