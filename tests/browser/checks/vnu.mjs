// HTML validity: the Nu Html Checker (npm vnu-jar, run with `java -jar`) over every built page.
// Errors fail, and so do warnings: every warning vnu gives on these pages has pointed at a real
// problem (a blocked inline style, a missing lang, a needless role), and they are few enough to
// fix rather than triage. The one exception, below, is an artefact of checking files on disk.
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { assert } from "../lib/harness.mjs";

const require = createRequire(import.meta.url);

/**
 * Warnings that are not problems of the pages: vnu reads the files as file: URLs, so the
 * stylesheet and the search script, which the pages link by their absolute address under
 * base_url (here the test server), are not 'self' to it and it reports them as blocked by the
 * Content-Security-Policy. Served from the site, they are 'self'; the browser tests load every
 * page under that policy and fail on any console error, which is where a real violation shows.
 */
const escape = (text) => text.replace(/[.*+?^$(){}|[\]\\]/g, "\\$&");
const ignoredWarnings = (origin) => [
  new RegExp(
    "^Resource violates Content Security Policy \\(meta tag\\): " +
      `external (stylesheet|script) “${escape(origin)}/`,
  ),
  // The same artefact on the editor's page (/admin/), which loads its two scripts by relative
  // address under its own policy (script-src 'self'); checks/cms.mjs loads it in the browser.
  /^Resource violates Content Security Policy \(meta tag\): external script “(fixes|sveltia-cms)\.js” blocked by “script-src” directive\.$/,
];

export async function checkVnu(suite, site, origin, pageCount) {
  const ignored = ignoredWarnings(origin);
  await suite.test(`Nu Html Checker: ${pageCount} sider uten feil og advarsler`, () => {
    const java = process.env.JAVA ?? "java";
    const jar = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
    const run = spawnSync(java, ["-Xss1m", "-jar", jar, "--skip-non-html", "--format", "json", "--exit-zero-always", site], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    assert(!run.error, `kunne ikke starte ${java}: ${run.error?.message} (kjør scripts/setup)`);
    let report;
    try {
      report = JSON.parse(run.stderr || run.stdout);
    } catch {
      throw new Error(`uventet svar fra vnu (${run.status}):\n${run.stdout}${run.stderr}`);
    }
    const problems = [];
    for (const m of report.messages) {
      const isError = m.type === "error" || m.type === "non-document-error";
      const isWarning = m.type === "info" && m.subType === "warning";
      if (!isError && !isWarning) continue;
      if (isWarning && ignored.some((re) => re.test(m.message))) continue;
      const file = (m.url ?? "").replace(/^file:/, "").replace(site + "/", "");
      problems.push(`${file}:${m.lastLine ?? "?"}:${m.firstColumn ?? "?"}: ${isError ? "feil" : "advarsel"}: ${m.message}${m.extract ? ` «${m.extract.trim().slice(0, 80)}»` : ""}`);
    }
    assert(problems.length === 0, problems.slice(0, 60).join("\n") + (problems.length > 60 ? `\n… og ${problems.length - 60} til` : ""));
  });
}
