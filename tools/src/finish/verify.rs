//! The output boundary: every built page is checked against an allow-list before it can be
//! published, whatever the input checks missed. The page is read by a real HTML5 tokenizer
//! (`scan`, with html5gum), so a tag is seen exactly where a browser sees one; a quote or `<`
//! inside an attribute value cannot hide anything.
//!
//! The rules, in one place:
//! - every element and attribute is one the templates or rendered Markdown use (`attributes`);
//!   elements that change how a browser reads what follows (`<svg>`, `<math>`, `<noscript>`,
//!   `<template>`, `<style>`) are not on the list, so the tokenizer and the browser never disagree
//!   about where markup is;
//! - every URL (`href`, `src`, `srcset`, `action`, refresh target) is `http(s)`, `mailto`, `tel`,
//!   `webcal` to this site's own host (the calendar subscription) or relative, read as browsers
//!   read it (the `url` crate, WHATWG);
//! - scripts only from this site, only on the pages listed in `SCRIPTS`, never inline; no event
//!   handler attributes (they are not on the list);
//! - `<meta http-equiv>` only for the Content-Security-Policy (exactly the one in `config.toml`)
//!   and for redirects to a page of this site (alias pages and `/sak/<id>/`);
//! - forms only where `FORMS` says, sending to this site; stylesheets and icons from this site;
//! - every page carries the Content-Security-Policy in its `<head>`.

use url::Url;

use super::scan::Tag;
use crate::errors::Result;

/// Attributes allowed on every allowed element, besides `aria-*`.
/// `data-pagefind-ignore` keeps notes about the sources out of search excerpts.
const GLOBAL: &[&str] = &[
    "id",
    "class",
    "role",
    "hidden",
    "tabindex",
    "title",
    "lang",
    "data-pagefind-ignore",
];

/// The allow-list: the attributes each element may have besides `GLOBAL`, or `None` for an
/// element that may not appear at all. Derived from the built site (templates and the Markdown
/// of every content type); an element or attribute a template starts to use must be added here.
fn attributes(element: &str) -> Option<&'static [&'static str]> {
    Some(match element {
        // Document structure (templates/base.html).
        "html" | "head" | "body" | "title" => &[],
        "meta" => &["charset", "name", "content", "http-equiv"],
        // rel: stylesheet, icon, canonical, alternate (checked in `Verifier::link`).
        "link" => &["rel", "href", "type"],
        // Only /js/search.js on /sok/ (`SCRIPTS`).
        "script" => &["src", "type"],
        // Layout (templates).
        "main" | "nav" | "aside" | "footer" | "fieldset" | "legend" | "caption" => &[],
        "header" => &["data-pagefind-filter"],
        "article" => &["data-pagefind-body", "data-pagefind-filter"],
        "section" => &["data-search-results"],
        "div" => &["data-search-nojs"],
        "span" => &["data-pagefind-meta"],
        "p" => &["data-search-status"],
        // The search form on /sok/ (templates/sok.html, static/js/search.js).
        "form" => &[
            "action",
            "method",
            "data-pagefind",
            "data-text-empty",
            "data-text-error",
            "data-text-filtered",
            "data-text-loading",
            "data-text-many",
            "data-text-more",
            "data-text-none",
            "data-text-one",
            "data-text-shown",
        ],
        // type, name, … of the search field; disabled and checked of Markdown task lists.
        "input" => &[
            "type",
            "name",
            "autocomplete",
            "spellcheck",
            "disabled",
            "checked",
        ],
        "label" => &["for"],
        "select" => &["name", "data-filter"],
        "option" => &["value", "selected"],
        "button" => &["type", "data-search-more"],
        // Text, from the templates and from Markdown (headings with ids, lists, tables with
        // alignment classes, footnotes, code blocks with their language, images).
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => &[],
        "ul" | "dl" | "dt" | "dd" => &[],
        "ol" => &["start", "data-search-list"],
        "li" => &["value"],
        "table" | "thead" | "tbody" | "tr" => &[],
        "th" | "td" => &["scope", "colspan", "rowspan"],
        "a" => &["href", "rel"],
        "img" => &["src", "alt", "width", "height"],
        "em" | "strong" | "del" | "sup" | "sub" | "br" | "hr" | "blockquote" => &[],
        // «Om kildene», collapsed at the end of a page; dates with their machine-readable form.
        "details" => &["open"],
        "summary" => &[],
        "time" => &["datetime"],
        "pre" | "code" => &["data-lang"],
        _ => return None,
    })
}

/// The site's own scripts and the only pages that load them: (page, script path).
const SCRIPTS: &[(&str, &str)] = &[("sok/index.html", "/js/search.js")];

/// The only forms: (page, path the form sends to).
/// (page, the path its form may send to): the search page, and the front page's search field.
const FORMS: &[(&str, &str)] = &[("sok/index.html", "/sok/"), ("index.html", "/sok/")];

/// Link relations allowed on `<link>`; those in `SAME_ORIGIN_RELS` must point to this site.
const LINK_RELS: &[&str] = &["stylesheet", "icon", "canonical", "alternate"];
const SAME_ORIGIN_RELS: &[&str] = &["stylesheet", "icon"];

/// URL schemes a page may link to; anything relative is resolved against the site.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// What the check needs to know about the site.
#[derive(Debug, Clone)]
pub struct Policy {
    base: Url,
    /// The Content-Security-Policy every page must carry, from `config.toml`.
    csp: Option<String>,
}

impl Policy {
    pub fn new(base_url: &str, csp: Option<&str>) -> Result<Policy> {
        let base = Url::parse(base_url).map_err(|e| {
            format!("base_url «{base_url}» i config.toml er ikke en nettadresse: {e}")
        })?;
        Ok(Policy {
            base,
            csp: csp.map(str::to_owned),
        })
    }

    /// `value` read as a browser on this site reads it, or `None` if it is no URL at all.
    fn resolve(&self, value: &str) -> Option<Url> {
        self.base.join(value).ok()
    }

    /// Whether `value` is relative or has an allowed scheme.
    fn scheme_allowed(&self, value: &str) -> Result<(), String> {
        // Fast path: without a `:` there is no scheme, so the URL is relative (WHATWG).
        if !value.contains(':') {
            return Ok(());
        }
        match self.resolve(value) {
            Some(url) if SCHEMES.contains(&url.scheme()) => Ok(()),
            // Calendar subscription, to this site's own calendar only.
            Some(url) if url.scheme() == "webcal" && url.host_str() == self.base.host_str() => {
                Ok(())
            }
            Some(url) => Err(format!(
                "nettadresser med «{}:» er ikke tillatt",
                url.scheme()
            )),
            None => Err("ugyldig nettadresse".to_owned()),
        }
    }

    /// The path of `value` when it points to this site, else `None`.
    fn own_path(&self, value: &str) -> Option<String> {
        let url = self.resolve(value)?;
        (url.origin() == self.base.origin()).then(|| url.path().to_owned())
    }
}

/// Reads one page's tags in order and collects what breaks the rules.
pub(crate) struct Verifier<'p> {
    policy: &'p Policy,
    page: &'p str,
    /// Inside `<script>`: its text must be empty.
    in_script: bool,
    in_head: bool,
    has_csp: bool,
    pub problems: Vec<String>,
}

impl<'p> Verifier<'p> {
    pub fn new(policy: &'p Policy, page: &'p str) -> Self {
        Verifier {
            policy,
            page,
            in_script: false,
            in_head: false,
            has_csp: false,
            problems: Vec::new(),
        }
    }

    fn problem(&mut self, tag: &Tag, what: String) {
        self.problems
            .push(format!("{what}: {}", shorten(tag.source)));
    }

    pub(crate) fn start_tag(&mut self, tag: &Tag) {
        let name = tag.name();
        let Some(allowed) = attributes(name) else {
            self.problem(
                tag,
                format!("elementet <{name}> er ikke tillatt på nettstedet"),
            );
            return;
        };
        for (attr, _, _) in tag.attributes() {
            if !(GLOBAL.contains(&attr) || attr.starts_with("aria-") || allowed.contains(&attr)) {
                let what = if attr.starts_with("on") {
                    format!(
                        "hendelsesattributtet {attr}= er ikke tillatt (Content-Security-Policy)"
                    )
                } else {
                    format!("attributtet {attr}= er ikke tillatt på <{name}>")
                };
                self.problem(tag, what);
            }
        }
        for (attr, value, _) in tag.attributes() {
            let urls: Vec<&str> = match (name, attr) {
                ("a" | "link", "href") | ("img" | "script", "src") | ("form", "action") => {
                    vec![value]
                }
                ("img", "srcset") => srcset_urls(value).collect(),
                _ => continue,
            };
            for url in urls {
                if let Err(why) = self.policy.scheme_allowed(url) {
                    self.problem(tag, format!("{why} ({attr}=\"{}\")", shorten(url)));
                }
            }
        }
        match name {
            "head" => self.in_head = true,
            "body" => self.in_head = false,
            "script" => self.script(tag),
            "form" => self.form(tag),
            "meta" => self.meta(tag),
            "link" => self.link(tag),
            _ => {}
        }
    }

    pub(crate) fn end_tag(&mut self, name: &str) {
        match name {
            "script" => self.in_script = false,
            "head" => self.in_head = false,
            _ => {}
        }
    }

    /// A run of text; `raw` as written in the page.
    pub fn text(&mut self, raw: &str) {
        if self.in_script && !raw.trim().is_empty() {
            self.problems.push(format!(
                "innebygd skript er ikke tillatt (Content-Security-Policy); legg skriptet i en egen fil: {}",
                shorten(raw.trim())
            ));
        }
    }

    /// Problems that only the whole page shows.
    pub fn finish(mut self) -> Vec<String> {
        if self.policy.csp.is_some() && !self.has_csp {
            self.problems.push(
                "siden mangler <meta http-equiv=\"Content-Security-Policy\"> i <head>".to_owned(),
            );
        }
        self.problems
    }

    /// Whether `list` of (page, address) allows the address `path` of this site on this page.
    fn listed(&self, list: &[(&str, &str)], path: Option<String>) -> bool {
        list.iter()
            .any(|(page, allowed)| *page == self.page && path.as_deref() == Some(*allowed))
    }

    fn script(&mut self, tag: &Tag) {
        self.in_script = true;
        let Some(src) = tag.get("src") else {
            // The text is checked as it comes; an empty inline script does nothing, but has no
            // reason to be there either.
            self.problem(tag, "skript uten src= er ikke tillatt".to_owned());
            return;
        };
        if !self.listed(SCRIPTS, self.policy.own_path(src)) {
            self.problem(
                tag,
                "skript er bare tillatt fra nettstedets egne filer, på sidene som bruker dem"
                    .to_owned(),
            );
        }
    }

    fn form(&mut self, tag: &Tag) {
        let path = tag.get("action").and_then(|a| self.policy.own_path(a));
        if !self.listed(FORMS, path) {
            self.problem(
                tag,
                "skjema (<form>) er bare tillatt for søket (på /sok/ og forsiden, til /sok/)"
                    .to_owned(),
            );
        }
    }

    fn meta(&mut self, tag: &Tag) {
        let Some(equiv) = tag.get("http-equiv") else {
            return;
        };
        let content = tag.get("content").unwrap_or("");
        if equiv.eq_ignore_ascii_case("content-security-policy") {
            if self.policy.csp.as_deref() != Some(content) {
                self.problem(
                    tag,
                    "Content-Security-Policy-en er ikke den i config.toml".to_owned(),
                );
            } else if !self.in_head {
                self.problem(tag, "Content-Security-Policy-en må stå i <head>".to_owned());
            } else {
                self.has_csp = true;
            }
        } else if equiv.eq_ignore_ascii_case("refresh") {
            let own = refresh_target(content).and_then(|t| self.policy.own_path(t));
            if own.is_none() {
                self.problem(
                    tag,
                    "videresending (refresh) er bare tillatt til en side på dette nettstedet, straks (0; url=…)".to_owned(),
                );
            }
        } else {
            self.problem(
                tag,
                format!("<meta http-equiv=\"{equiv}\"> er ikke tillatt"),
            );
        }
    }

    fn link(&mut self, tag: &Tag) {
        let rel = tag.get("rel").unwrap_or("");
        let rels = || rel.split_ascii_whitespace().map(str::to_ascii_lowercase);
        if rel.trim().is_empty() || rels().any(|r| !LINK_RELS.contains(&r.as_str())) {
            self.problem(tag, format!("<link rel=\"{rel}\"> er ikke tillatt"));
            return;
        }
        if rels().any(|r| SAME_ORIGIN_RELS.contains(&r.as_str()))
            && tag
                .get("href")
                .and_then(|h| self.policy.own_path(h))
                .is_none()
        {
            self.problem(
                tag,
                "stilark og ikoner må komme fra dette nettstedet".to_owned(),
            );
        }
    }
}

/// The URL of `<meta http-equiv="refresh" content="0; url=…">`; `None` for any other form (a
/// delay, no URL, something browsers might read differently).
fn refresh_target(content: &str) -> Option<&str> {
    let rest = content.trim().strip_prefix('0')?.trim_start();
    let rest = rest.strip_prefix([';', ','])?.trim_start();
    let (key, value) = rest.split_at_checked(3)?;
    if !key.eq_ignore_ascii_case("url") {
        return None;
    }
    let value = value.trim_start().strip_prefix('=')?.trim();
    let value = value
        .strip_prefix(['"', '\''])
        .map_or(value, |v| v.trim_end_matches(['"', '\'']));
    (!value.is_empty() && !value.contains(['"', '\''])).then_some(value)
}

/// The URLs of a `srcset` ("a.png 1x, b.png 2x": each candidate's first word).
pub(crate) fn srcset_urls(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
}

fn shorten(s: &str) -> String {
    // Content text in a report: control characters shown as escapes, never sent to the
    // terminal.
    let mut out = String::new();
    for c in s.chars().take(100) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::mentions::Targets;
    use super::super::scan::scan;
    use super::*;

    const BASE: &str = "https://www.example.no";
    const CSP: &str = "default-src 'self'";

    /// A page as the templates write it, with `head` and `body` added.
    fn page(head: &str, body: &str) -> String {
        format!(
            "<!doctype html><html lang=nb><head><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\"><title>T</title>{head}</head><body>{body}</body></html>"
        )
    }

    fn problems_on(rel: &str, html: &str) -> Vec<String> {
        let none = Targets {
            cases: Default::default(),
            meetings: Default::default(),
        };
        let policy = Policy::new(BASE, Some(CSP)).expect("base");
        scan(rel, html, &none, &policy).problems
    }

    fn problems(body: &str) -> Vec<String> {
        problems_on("om/index.html", &page("", body))
    }

    /// `body` on a page is refused with exactly one problem that contains `why`.
    #[track_caller]
    fn refused(body: &str, why: &str) {
        let found = problems(body);
        assert!(
            found.len() == 1 && found[0].contains(why),
            "{body}: expected «{why}», found {found:?}"
        );
    }

    #[test]
    fn a_page_as_the_templates_write_it_passes() {
        let head = r#"<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="https://www.example.no/main.css"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="alternate" type="application/atom+xml" title="Nyheter" href="https://www.example.no/atom.xml">"#;
        let body = r##"<a class="hopp" href="#hovedinnhold">Hopp</a><header class="site"><nav aria-label="Hovedmeny"><ul><li><a href="/saker/" aria-current="page">Saker</a></li></ul></nav></header><main id="hovedinnhold" tabindex="-1"><article data-pagefind-body><h2 id="vedtak">Vedtak</h2><p>Se <a href="https://www.regjeringen.no/" rel="noopener noreferrer">regjeringen</a>, <a href="mailto:post@example.no">e-post</a>, <a href="tel:+4722000000">ring</a>, <a href="../x/?a=1&amp;b=2#y">relativ</a>.</p><div class="table-scroll" role="region" tabindex="0" aria-label="Tabell 1"><table><thead><tr><th class="align-left" scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></div><pre data-lang="toml"><code class="language-toml" data-lang="toml">a = 1</code></pre><ul><li><input disabled="" type="checkbox" checked=""/> gjort</li></ul><img src="/bilde.png" alt="Bilde"><sup class="footnote-reference"><a href="#1">1</a></sup></article></main>"##;
        let found = problems_on("saker/x/index.html", &page(head, body));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn the_search_page_may_have_its_script_and_form() {
        let head =
            r#"<script type="module" src="https://www.example.no/js/search.js?h=8f55"></script>"#;
        let body = r#"<form class="search" action="/sok/" role="search" data-pagefind data-text-one="1 treff" hidden><label for="q">Søk</label><input id="q" type="search" name="q" autocomplete="off" spellcheck="false"><select id="y" name="year" data-filter="year"><option value="">Alle</option></select><button type="button" data-search-more hidden>Flere</button></form>"#;
        let html = page(head, body);
        assert_eq!(problems_on("sok/index.html", &html), Vec::<String>::new());
        // The same page anywhere else: both refused.
        let elsewhere = problems_on("om/index.html", &html);
        assert_eq!(elsewhere.len(), 2, "{elsewhere:?}");
    }

    #[test]
    fn a_quoted_less_than_sign_does_not_hide_a_script() {
        // The attack that got past the regex check: `<` inside a quoted attribute value.
        refused(
            r#"<script src="/om/x.js?v=<"></script>"#,
            "skript er bare tillatt fra nettstedets egne filer",
        );
        // Not even the site's own script on a page that does not use it.
        refused(
            r#"<script type="module" src="/js/search.js"></script>"#,
            "skript er bare tillatt",
        );
    }

    #[test]
    fn inline_scripts_are_refused() {
        let found = problems("<script>alert(1)</script>");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("skript uten src="), "{found:?}");
        assert!(
            found[1].contains("innebygd skript er ikke tillatt"),
            "{found:?}"
        );
        // A script with a source of its own and inline text as well.
        let found = problems_on(
            "sok/index.html",
            &page("", r#"<script src="/js/search.js">alert(1)</script>"#),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("innebygd skript"), "{found:?}");
    }

    #[test]
    fn a_meta_refresh_away_from_the_site_is_refused() {
        refused(
            r#"<meta http-equiv="refresh" content="0;url=https://evil.example/?a=<">"#,
            "videresending (refresh) er bare tillatt til en side på dette nettstedet",
        );
        refused(
            r#"<meta http-equiv="Refresh" content="0; url=//evil.example/">"#,
            "videresending",
        );
        refused(
            r#"<meta http-equiv="refresh" content="5; url=/saker/">"#,
            "videresending",
        );
        refused(
            r#"<meta http-equiv="refresh" content="0; url=javascript:alert(1)">"#,
            "videresending",
        );
        // An alias page's redirect to this site is fine.
        assert!(
            problems(r#"<meta http-equiv="refresh" content="0; url=/saker/48-6-2022/">"#)
                .is_empty()
        );
        assert!(problems(
            r#"<meta http-equiv="refresh" content="0; url=https://www.example.no/saker/48-6-2022/">"#
        )
        .is_empty());
    }

    #[test]
    fn other_meta_http_equiv_is_refused() {
        refused(
            r#"<meta http-equiv="set-cookie" content="a=b">"#,
            "<meta http-equiv=\"set-cookie\"> er ikke tillatt",
        );
        refused(
            r#"<meta http-equiv="Content-Security-Policy" content="default-src *">"#,
            "Content-Security-Policy-en er ikke den i config.toml",
        );
    }

    #[test]
    fn frames_objects_and_base_are_refused() {
        for (html, element) in [
            (r#"<iframe src="https://evil.example/"></iframe>"#, "iframe"),
            (r#"<object data="/x.swf"></object>"#, "object"),
            (r#"<embed src="/x.swf">"#, "embed"),
            (r#"<base href="https://evil.example/">"#, "base"),
            (r#"<svg><style><a onclick="x"></style></svg>"#, "svg"),
            (r#"<noscript><p>x</p></noscript>"#, "noscript"),
            (r#"<style>p{}</style>"#, "style"),
            (r#"<template><p>x</p></template>"#, "template"),
        ] {
            let found = problems(html);
            assert!(
                found
                    .first()
                    .is_some_and(|p| p.contains(&format!("elementet <{element}> er ikke tillatt"))),
                "{html}: {found:?}"
            );
        }
    }

    #[test]
    fn links_to_other_stylesheets_and_unknown_relations_are_refused() {
        refused(
            r#"<link rel="stylesheet" href="https://evil.example/x.css">"#,
            "stilark og ikoner må komme fra dette nettstedet",
        );
        refused(
            r#"<link rel="preload" href="/x.js">"#,
            "<link rel=\"preload\"> er ikke tillatt",
        );
    }

    #[test]
    fn stray_quotes_do_not_hide_an_event_handler() {
        let found = problems(r#"<a href="/x/"" onmouseover="alert(1)">x</a>"#);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("attributtet \"= er ikke tillatt på <a>"),
            "{found:?}"
        );
        assert!(
            found[1].contains("hendelsesattributtet onmouseover="),
            "{found:?}"
        );
        refused(
            r#"<a href=/x/ onmouseover=alert(1)>x</a>"#,
            "hendelsesattributtet onmouseover=",
        );
    }

    #[test]
    fn event_handlers_are_refused() {
        refused(
            r#"<img src="/x.png" alt="" onerror="alert(1)">"#,
            "hendelsesattributtet onerror= er ikke tillatt",
        );
        refused(
            r#"<p ONCLICK="alert(1)">x</p>"#,
            "hendelsesattributtet onclick=",
        );
        refused(
            r#"<p style="color:red">x</p>"#,
            "attributtet style= er ikke tillatt på <p>",
        );
    }

    #[test]
    fn webcal_only_to_this_site() {
        assert!(problems(r#"<a href="webcal://www.example.no/kalender.ics">x</a>"#).is_empty());
        let found = problems(r#"<a href="webcal://evil.example/kalender.ics">x</a>"#);
        assert!(
            found.len() == 1 && found[0].contains("er ikke tillatt (href="),
            "{found:?}"
        );
    }

    #[test]
    fn only_web_mail_and_phone_schemes() {
        for href in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "&#106;avascript:alert(1)",
            "java&#x09;script:alert(1)",
            " javascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:x",
        ] {
            let body = format!(r#"<a href="{href}">x</a>"#);
            let found = problems(&body);
            assert!(
                found.len() == 1 && found[0].contains("er ikke tillatt (href="),
                "{href}: {found:?}"
            );
        }
        refused(
            r#"<img alt="" src="data:image/png;base64,AAAA">"#,
            "«data:»",
        );
        // srcset is not used (not on the list), and its URLs are checked as well.
        let found = problems(r#"<img alt="" srcset="/a.png 1x, javascript:x 2x">"#);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].contains("«javascript:»"), "{found:?}");
    }

    #[test]
    fn forms_only_for_the_search() {
        refused(
            r#"<form action="https://evil.example/login"><input name="passord"></form>"#,
            "skjema (<form>) er bare tillatt for søket (på /sok/ og forsiden, til /sok/)",
        );
        let found = problems_on(
            "sok/index.html",
            &page("", r#"<form action="https://evil.example/sok/"></form>"#),
        );
        assert!(found.len() == 1 && found[0].contains("skjema"), "{found:?}");
    }

    #[test]
    fn every_page_needs_the_policy_in_its_head() {
        let bare = "<!doctype html><html lang=nb><head><title>x</title></head><body><p>x</p></body></html>";
        let found = problems_on("404.html", bare);
        assert_eq!(
            found,
            ["siden mangler <meta http-equiv=\"Content-Security-Policy\"> i <head>"]
        );
        let in_body = format!(
            "<!doctype html><html><head><title>x</title></head><body><meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\"></body></html>"
        );
        let found = problems_on("404.html", &in_body);
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn reports_show_control_characters() {
        let found = problems("<p onclick=\"\x1b[31mx\">x</p>");
        assert!(found[0].contains("\\u{1b}[31m"), "{found:?}");
    }
}
