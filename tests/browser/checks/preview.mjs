// `ho21 serve` in a real browser: the page reloads itself when a file is saved (the preview's
// policy lets it reach Zola's live-reload socket, the published one does not), Zola's errors
// come after the check's Norwegian report and are labelled, and stopping the preview with
// SIGTERM also stops Zola.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn } from "node:child_process";
import { assert } from "../lib/harness.mjs";
import { openPage } from "../lib/browser.mjs";
import { PARTS } from "../lib/site.mjs";

const PORT = 1151;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `ready()` is true, checking every 100 ms; throws with `what` after `ms`. */
async function until(ready, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ready()) return;
    await sleep(100);
  }
  throw new Error(`ventet ${ms / 1000} s på ${what}`);
}

/** Whether something listens on 127.0.0.1:port. */
function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function checkPreview(suite, browser, repo, site) {
  const root = path.join(repo, "target/preview-root");
  fs.rmSync(root, { recursive: true, force: true });
  for (const part of PARTS) {
    const from = path.join(repo, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(root, part), { recursive: true });
  }
  const preview = spawn(path.join(repo, "target/release/ho21"), ["serve", "--root", root, "--port", String(PORT)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let said = "";
  preview.stdout.on("data", (chunk) => (said += chunk));
  preview.stderr.on("data", (chunk) => (said += chunk));
  const exited = new Promise((resolve) => preview.once("exit", (code, signal) => resolve({ code, signal })));
  const { page, context, log } = await openPage(browser);
  try {
    await suite.test("forhåndsvisning: ho21 serve starter, og siden kobler seg til live-reload", async () => {
      await until(() => said.includes("forhåndsvisning på http://127.0.0.1:"), 90_000, "at forhåndsvisningen starter");
      await until(() => listening(PORT), 10_000, `port ${PORT}`);
      const sockets = [];
      page.on("websocket", (ws) => sockets.push(ws.url()));
      await page.goto(`http://127.0.0.1:${PORT}/om/`);
      await until(() => sockets.some((url) => url.includes("livereload")), 10_000, "live-reload-forbindelsen");
      const blocked = log.errors.filter((e) => /Content Security Policy|WebSocket/i.test(e));
      assert(blocked.length === 0, `nettleseren stoppet live-reload:\n${blocked.join("\n")}`);
    });

    await suite.test("forhåndsvisning: siden lastes på nytt av seg selv når en fil lagres", async () => {
      const file = path.join(root, "content/om/_index.md");
      const marker = "Lagret i forhåndsvisningstesten";
      const reloaded = page.waitForEvent("load", { timeout: 20_000 });
      fs.appendFileSync(file, `\n${marker}\n`);
      await reloaded;
      await until(async () => (await page.textContent("main")).includes(marker), 10_000, "den nye teksten");
    });

    await suite.test("forhåndsvisning: Zolas feil kommer etter sjekkens rapport, merket", async () => {
      const file = path.join(root, "content/om/_index.md");
      const before = said.length;
      const text = fs.readFileSync(file, "utf8");
      // An unclosed string: the check explains it in Norwegian, Zola fails on the same file.
      fs.writeFileSync(file, text.replace(/^title = "/m, 'title = "uten slutt\ntitle2 = "'));
      await until(() => said.slice(before).includes("Zola melder feil"), 20_000, "Zolas feilmelding");
      const after = said.slice(before);
      const report = after.indexOf("--- sjekk etter endring ---");
      const ours = after.indexOf("content/om/_index.md:");
      const zola = after.indexOf("Zola melder feil");
      assert(report >= 0 && ours > report, `sjekkens rapport nevner ikke filen:\n${after}`);
      assert(zola > ours, `Zolas melding kom før sjekkens rapport:\n${after}`);
      assert(/\n\s+zola: /.test(after.slice(zola)), `Zolas linjer er ikke merket «zola:»:\n${after}`);
      fs.writeFileSync(file, text);
    });

    await suite.test("forhåndsvisning: SIGTERM stopper både ho21 serve og Zola", async () => {
      const socket = Number((await page.content()).match(/livereload\.js\?port=(\d+)/)?.[1]);
      assert(socket > 0, "fant ikke live-reload-porten i siden");
      preview.kill("SIGTERM");
      const how = await Promise.race([exited, sleep(10_000).then(() => null)]);
      assert(how, "ho21 serve stoppet ikke innen 10 s etter SIGTERM");
      assert(how.code === 0, `ho21 serve avsluttet med ${JSON.stringify(how)}`);
      await until(async () => !(await listening(PORT)) && !(await listening(socket)), 5_000, "at Zola stopper");
    });

    await suite.test("forhåndsvisning: det publiserte nettstedet slipper ikke til noen WebSocket", async () => {
      const home = fs.readFileSync(path.join(site, "index.html"), "utf8");
      // Minified: attribute order and quotes vary, so take the tag that names the policy.
      const tag = home.match(/<meta[^>]*Content-Security-Policy[^>]*>/)?.[0];
      assert(tag && /connect-src 'self'/.test(tag), `fant ikke sikkerhetsregelen i det bygde nettstedet: ${tag}`);
      assert(!/ws:|wss:|livereload/.test(home), `det bygde nettstedet åpner for live-reload: ${tag}`);
    });
  } finally {
    if (preview.exitCode === null) preview.kill("SIGKILL");
    await context.close();
  }
}
