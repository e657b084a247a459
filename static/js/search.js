// Search on /sok/: the site's only script, loaded on that page alone (as an external module,
// because the Content-Security-Policy forbids inline scripts). It drives Pagefind's JavaScript
// API (the index is in /pagefind/, written by `ho21 build`) with the page's own form, so that
// every control is a native, labelled form control and every text comes from i18n/nb.toml
// through the form's data-text-* attributes. Without JavaScript the form stays hidden and the
// page's notice points to the case index.
const PAGE_SIZE = 20;
const DEBOUNCE_MS = 250;

const form = document.querySelector("form.search");
const input = form.querySelector("input[name=q]");
const selects = [...form.querySelectorAll("select[data-filter]")];
const status = document.querySelector("[data-search-status]");
const section = document.querySelector("[data-search-results]");
const list = document.querySelector("[data-search-list]");
const more = document.querySelector("[data-search-more]");
const text = (key, values = {}) =>
  (form.dataset[`text${key[0].toUpperCase()}${key.slice(1)}`] ?? "").replace(
    /\{(\w+)\}/g,
    (_, name) => values[name] ?? "",
  );

document.querySelector("[data-search-nojs]").hidden = true;
form.hidden = false;

let pagefind = null;
let generation = 0;
let pending = [];
let timer = 0;

function setStatus(message) {
  status.textContent = message;
}

/** Pagefind's excerpt is HTML with <mark> around the hits: keep only the text and the marks. */
function excerpt(html) {
  const template = document.createElement("template");
  template.innerHTML = html; // inert: nothing in a template runs or loads
  const fragment = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      fragment.append(mark);
    } else {
      fragment.append(node.textContent);
    }
  }
  return fragment;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h3");
  heading.className = "search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta?.title || data.url;
  heading.append(link);
  item.append(heading);
  const facts = [data.filters?.type?.[0], data.filters?.year?.[0]].filter(Boolean);
  if (facts.length) {
    const meta = document.createElement("p");
    meta.className = "search-result__meta";
    meta.textContent = facts.join(" · ");
    item.append(meta);
  }
  if (data.excerpt) {
    const p = document.createElement("p");
    p.className = "search-result__excerpt";
    p.append(excerpt(data.excerpt));
    item.append(p);
  }
  return item;
}

async function showMore(ticket, focusFirst) {
  const batch = pending.splice(0, PAGE_SIZE);
  const data = await Promise.all(batch.map((r) => r.data()));
  if (ticket !== generation) return;
  const items = data.map(resultItem);
  list.append(...items);
  more.hidden = pending.length === 0;
  if (focusFirst && items.length) items[0].querySelector("a").focus();
}

function currentFilters() {
  const filters = {};
  for (const select of selects) {
    if (select.value) filters[select.dataset.filter] = select.value;
  }
  return filters;
}

function updateUrl(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [key, value] of Object.entries(filters)) params.set(key, value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

let last = { query: "", total: 0 };

/** The status line: how many hits, and how many are shown when not all are. */
function report() {
  const { query, total } = last;
  let message;
  if (total === 0) message = text("none", { q: query });
  else if (!query) message = text("filtered", { n: total });
  else if (total === 1) message = text("one", { q: query });
  else message = text("many", { n: total, q: query });
  const shown = list.children.length;
  if (shown < total) message += " " + text("shown", { n: shown });
  setStatus(message);
}

async function run() {
  const ticket = ++generation;
  const query = input.value.trim();
  const filters = currentFilters();
  updateUrl(query, filters);
  if (!pagefind) return;
  if (!query && Object.keys(filters).length === 0) {
    list.replaceChildren();
    section.hidden = true;
    more.hidden = true;
    setStatus("");
    return;
  }
  // Say "searching" only when it takes a while, so that a screen reader is not told twice.
  const slow = setTimeout(() => ticket === generation && setStatus(text("loading")), 500);
  const result = await pagefind.search(query || null, { filters });
  if (ticket !== generation) return clearTimeout(slow);
  pending = result.results.slice();
  last = { query, total: pending.length };
  list.replaceChildren();
  section.hidden = pending.length === 0;
  await showMore(ticket, false);
  clearTimeout(slow);
  if (ticket !== generation) return;
  report();
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(run, DEBOUNCE_MS);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run();
});
input.addEventListener("input", schedule);
for (const select of selects) select.addEventListener("change", () => run());
more.addEventListener("click", async () => {
  await showMore(generation, true);
  report();
});

// A query in the address (a bookmark, or the form sent before this script had loaded).
const params = new URLSearchParams(location.search);
input.value = params.get("q") ?? "";

try {
  pagefind = await import(new URL(form.dataset.pagefind, location.href).href);
  await pagefind.options({ excerptLength: 24 });
  await pagefind.init();
  const available = await pagefind.filters();
  const collator = new Intl.Collator("nb");
  for (const select of selects) {
    const values = Object.keys(available[select.dataset.filter] ?? {});
    if (select.dataset.filter === "year") values.sort((a, b) => b.localeCompare(a));
    else values.sort(collator.compare);
    for (const value of values) select.add(new Option(value, value));
    const wanted = params.get(select.dataset.filter);
    if (wanted && values.includes(wanted)) select.value = wanted;
  }
  if (input.value || selects.some((s) => s.value)) await run();
} catch (error) {
  setStatus(text("error"));
  console.error(error);
}
