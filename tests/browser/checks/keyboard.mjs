// Keyboard use: the skip link comes first and works, and every focusable element shows where
// the focus is.
import { assert, Problems } from "../lib/harness.mjs";
import { openPage } from "../lib/browser.mjs";

function focusInfo() {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    tag: el.localName,
    cls: typeof el.className === "string" ? el.className : "",
    id: el.id,
    text: (el.textContent || "").trim().slice(0, 40),
    // Chromium scrolls a focused link just into view, so its edge may sit a fraction of a pixel
    // past the viewport's.
    visible: rect.width > 0 && rect.height > 0 && rect.top >= -1 && rect.left >= 0 && rect.bottom <= innerHeight + 1,
    marked: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
  };
}

export async function checkKeyboard(suite, browser, origin) {
  const { page, context } = await openPage(browser);
  for (const path of ["/", "/saker/52-6-2022/"]) {
    await suite.test(`tastatur ${path}: «Hopp til hovedinnhold» kommer først, vises og virker`, async () => {
      await page.goto(origin + path);
      await page.keyboard.press("Tab");
      const first = await page.evaluate(focusInfo);
      assert(first.cls.includes("skip-link"), `første Tab går til <${first.tag}> «${first.text}»`);
      assert(first.visible, "hopplenken er ikke synlig når den har fokus");
      assert(first.marked, "hopplenken har ingen synlig fokusmarkering");
      await page.keyboard.press("Enter");
      const target = await page.evaluate(() => document.activeElement.id);
      assert(target === "hovedinnhold", `fokus etter hopplenken: «${target}», ventet hovedinnhold`);
      await page.keyboard.press("Tab");
      const next = await page.evaluate(() => !!document.activeElement.closest("main"));
      assert(next, "neste Tab etter hopplenken er ikke i hovedinnholdet");
    });
  }
  await suite.test("tastatur /moter/2022-6/: hvert element som får fokus, har synlig fokusmarkering", async () => {
    await page.goto(`${origin}/moter/2022-6/`);
    const problems = new Problems();
    let count = 0;
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press("Tab");
      const again = await page.evaluate(() => {
        const el = document.activeElement;
        if (el === document.body || el.dataset.tabbed) return true;
        el.dataset.tabbed = "1";
        return false;
      });
      if (again) break;
      count++;
      const info = await page.evaluate(focusInfo);
      if (!info.marked) problems.add(`<${info.tag}> «${info.text}» har ingen synlig fokusmarkering`);
      if (!info.visible) problems.add(`<${info.tag}> «${info.text}» er utenfor skjermen når den har fokus`);
    }
    assert(count > 20, `bare ${count} elementer fikk fokus`);
    problems.throwIfAny();
  });
  await context.close();
}
