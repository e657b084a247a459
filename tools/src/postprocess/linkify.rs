//! Turns every mention of a case or meeting in the built HTML ("Sak 37/3/2025", "sak 29/3/22",
//! "møte 3/2025") into a link, so editors never write those links by hand; and enforces the
//! script policy (no inline scripts or event handlers) while it reads each page.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

use regex::Regex;

use super::links::Link;
use crate::ids::{find_mentions, Target};

/// What the linker needs to know about the site.
pub struct Targets {
    pub cases: BTreeSet<String>,
    pub meetings: BTreeSet<String>,
}

impl Targets {
    fn url(&self, target: &Target) -> Option<String> {
        match target {
            Target::Case(id, _) => self
                .cases
                .contains(&id.slug())
                .then(|| format!("/saker/{}/", id.slug())),
            Target::Meeting(id) => self
                .meetings
                .contains(&id.slug())
                .then(|| format!("/moter/{}/", id.slug())),
        }
    }
}

/// Elements whose text is never linked.
const SKIP: &[&str] = &[
    "a", "head", "script", "style", "title", "h1", "code", "pre", "textarea", "button", "label",
    "select", "option", "summary", "nav",
];

fn event_handler() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"(?i)\son[a-z]+\s*="#).expect("valid regex"))
}

fn script_url() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?i)(?:href|src|action)\s*=\s*["']?\s*javascript:"#).expect("valid regex")
    })
}

/// What reading one page found.
#[derive(Debug, Default)]
pub struct Scanned {
    /// The new text, if a mention was linked.
    pub html: Option<String>,
    /// Script policy violations.
    pub problems: Vec<String>,
    /// The `id` and `name` attribute values on the page: the anchors links can point to.
    pub anchors: HashSet<String>,
    /// Every link on the page (`href`, `src`, `srcset`, …), with line and column in the new
    /// text.
    pub links: Vec<Link>,
}

/// Links the mentions on one page, checks its script policy and collects its anchors, in one
/// pass over the text. `page` is its path in the output folder (`saker/48-6-2022/index.html`).
pub fn scan(page: &str, html: &str, targets: &Targets) -> Scanned {
    let own_url = format!("/{}", page.trim_end_matches("index.html"));
    let mut problems = Vec::new();
    let mut anchors = HashSet::new();
    // Byte offsets in `html` of each link's value; lines and columns are counted once, at the
    // end, in the new text.
    let mut links: Vec<(usize, String)> = Vec::new();
    // Mentions to link, as (start, end, url) in `html`. The page is copied only if there are
    // any: most pages are written back unchanged apart from minifying.
    let mut mentions: Vec<(usize, usize, String)> = Vec::new();
    let mut skip_stack: Vec<String> = Vec::new();
    let mut pos = 0;
    while pos < html.len() {
        let rest = &html[pos..];
        let Some(lt) = rest.find('<') else {
            link_text(rest, pos, &skip_stack, targets, &own_url, &mut mentions);
            break;
        };
        link_text(
            &rest[..lt],
            pos,
            &skip_stack,
            targets,
            &own_url,
            &mut mentions,
        );
        pos += lt;
        let tag = &html[pos..pos + tag_end(&html[pos..])];
        inspect_tag(tag, &mut problems);
        collect(tag, pos, &mut anchors, &mut links);
        track(tag, &mut skip_stack);
        pos += tag.len();
        // Raw text elements: skip their content unparsed up to the closing tag.
        if let Some(name) = skip_stack
            .last()
            .filter(|n| n.as_str() == "script" || n.as_str() == "style")
        {
            let rest = &html[pos..];
            let close = format!("</{name}");
            let stop = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            if name == "script" && !rest[..stop].trim().is_empty() {
                problems.push("innebygd <script> er ikke tillatt (Content-Security-Policy); legg skriptet i en egen fil".to_owned());
            }
            pos += stop;
        }
    }
    let (new_html, links) = if mentions.is_empty() {
        (None, with_positions(html, links))
    } else {
        let (text, shift) = apply(html, &mentions);
        let links = links
            .into_iter()
            .map(|(at, url)| (shift(at), url))
            .collect();
        let links = with_positions(&text, links);
        (Some(text), links)
    };
    Scanned {
        html: new_html,
        problems,
        anchors,
        links,
    }
}

/// The page with every mention wrapped in its link, and a function that moves a byte offset of
/// the old text (outside the mentions) to the new one.
fn apply<'m>(
    html: &str,
    mentions: &'m [(usize, usize, String)],
) -> (String, impl Fn(usize) -> usize + 'm) {
    let mut out = String::with_capacity(html.len() + mentions.len() * 40);
    let mut last = 0;
    // (offset in the old text, bytes added before it)
    let mut added: Vec<(usize, usize)> = Vec::with_capacity(mentions.len());
    for (start, end, url) in mentions {
        out.push_str(&html[last..*start]);
        let before = out.len();
        out.push_str(&format!("<a href=\"{url}\">{}</a>", &html[*start..*end]));
        let grown = out.len() - before - (end - start);
        let total = added.last().map_or(0, |(_, t)| *t) + grown;
        added.push((*end, total));
        last = *end;
    }
    out.push_str(&html[last..]);
    let shift = move |at: usize| {
        let i = added.partition_point(|(end, _)| *end <= at);
        at + if i == 0 { 0 } else { added[i - 1].1 }
    };
    (out, shift)
}

/// Whether attribute `attr` of element `element` holds a URL: the attributes lychee extracts.
fn is_link_attribute(element: &str, attr: &str) -> bool {
    matches!(
        (element, attr),
        (_, "href" | "src" | "cite" | "usemap")
            | ("form", "action")
            | ("button" | "input", "formaction")
            | ("object", "data")
            | ("video", "poster")
    )
}

/// Adds the anchors (`id` and `name` values, as lychee reads them) and the links of a start tag
/// that starts at byte `at` of the page.
fn collect(tag: &str, at: usize, anchors: &mut HashSet<String>, links: &mut Vec<(usize, String)>) {
    if tag.starts_with("</") || tag.starts_with("<!") || !tag.contains('=') {
        return;
    }
    let Some((_, element)) = tag_name(tag) else {
        return;
    };
    // Hints to connect to another server early, not links (lychee skips them too).
    let hint = element == "link"
        && attributes(tag).any(|(n, v)| {
            n.eq_ignore_ascii_case("rel")
                && v.split_whitespace().any(|r| {
                    r.eq_ignore_ascii_case("preconnect") || r.eq_ignore_ascii_case("dns-prefetch")
                })
        });
    for (name, value) in attributes(tag) {
        let name: Cow<'_, str> = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        };
        let offset = at + (value.as_ptr() as usize - tag.as_ptr() as usize);
        if name == "id" || name == "name" {
            anchors.insert(decode_entities(value));
        } else if hint {
            continue;
        } else if name == "srcset" {
            // "a.png 1x, b.png 2x": the URL is each candidate's first word; all are reported
            // at the start of the value, as lychee does.
            for candidate in value.split(',') {
                if let Some(url) = candidate.split_whitespace().next() {
                    links.push((offset, decode_entities(url)));
                }
            }
        } else if is_link_attribute(&element, &name) {
            let url = value.trim();
            let offset = at + (url.as_ptr() as usize - tag.as_ptr() as usize);
            links.push((offset, decode_entities(url)));
        }
    }
}

/// Turns byte offsets in `text` (in increasing order) into 1-based lines and columns
/// (columns in characters), in one pass over the text.
fn with_positions(text: &str, offsets: Vec<(usize, String)>) -> Vec<Link> {
    let mut line = 1;
    // Characters between the start of the current line and `counted`.
    let mut col = 0;
    let mut counted = 0;
    offsets
        .into_iter()
        .map(|(offset, url)| {
            let segment = &text[counted..offset];
            match segment.rfind('\n') {
                Some(last) => {
                    line += segment.bytes().filter(|b| *b == b'\n').count();
                    col = segment[last + 1..].chars().count();
                }
                None => col += segment.chars().count(),
            }
            counted = offset;
            Link {
                url,
                line,
                col: col + 1,
            }
        })
        .collect()
}

/// The attributes of a start tag, as (name, raw value); `<a href="x" hidden>` gives
/// ("href", "x") and ("hidden", ""). The values are slices of `tag`.
fn attributes(tag: &str) -> impl Iterator<Item = (&str, &str)> {
    // A `/` before `>` ends an unquoted value (`href=/sok/>`) or marks an empty element
    // (`<br/>`); the loop below tells them apart.
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    // Skip the tag name.
    let mut rest = inner.trim_start_matches(|c: char| !c.is_whitespace());
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            return Some((name, ""));
        };
        let after = after.trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after[1..];
                let end = body.find(q).unwrap_or(body.len());
                (&body[..end], body.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        rest = next;
        Some((name, value))
    })
}

/// The character references Zola and Markdown write in attribute values.
fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Length of the tag or comment at the start of `s`.
fn tag_end(s: &str) -> usize {
    if s.starts_with("<!--") {
        return s.find("-->").map_or(s.len(), |i| i + 3);
    }
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

fn tag_name(tag: &str) -> Option<(bool, String)> {
    let inner = tag.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    (!name.is_empty()).then_some((closing, name))
}

fn track(tag: &str, stack: &mut Vec<String>) {
    let Some((closing, name)) = tag_name(tag) else {
        return;
    };
    if !SKIP.contains(&name.as_str()) {
        return;
    }
    if closing {
        if let Some(pos) = stack.iter().rposition(|n| *n == name) {
            stack.truncate(pos);
        }
    } else if !tag.ends_with("/>") {
        stack.push(name);
    }
}

fn inspect_tag(tag: &str, problems: &mut Vec<String>) {
    if tag.starts_with("<!") {
        return;
    }
    if event_handler().is_match(tag) {
        problems.push(format!(
            "hendelsesattributt (on…=) er ikke tillatt: {}",
            shorten(tag)
        ));
    }
    if script_url().is_match(tag) {
        problems.push(format!(
            "javascript:-lenke er ikke tillatt: {}",
            shorten(tag)
        ));
    }
}

fn shorten(s: &str) -> String {
    s.chars().take(80).collect()
}

/// Adds the mentions to link in a text node that starts at byte `at` of the page.
fn link_text(
    text: &str,
    at: usize,
    skip: &[String],
    targets: &Targets,
    own_url: &str,
    mentions: &mut Vec<(usize, usize, String)>,
) {
    if !skip.is_empty() || text.is_empty() {
        return;
    }
    let mut last = 0;
    for m in find_mentions(text) {
        let Some(url) = targets.url(&m.target) else {
            continue;
        };
        if url == own_url || m.start < last {
            continue;
        }
        mentions.push((at + m.start, at + m.end, url));
        last = m.end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linkify(page: &str, html: &str, targets: &Targets) -> (Option<String>, Vec<String>) {
        let scanned = scan(page, html, targets);
        (scanned.html, scanned.problems)
    }

    fn targets() -> Targets {
        Targets {
            cases: ["37-3-2025", "29-3-2022"]
                .into_iter()
                .map(String::from)
                .collect(),
            meetings: ["2025-3"].into_iter().map(String::from).collect(),
        }
    }

    #[test]
    fn links_mentions_in_text_only() {
        let html = r#"<html><head><title>Sak 37/3/2025</title></head><body><h1>Sak 37/3/2025</h1><p>Oppfølging av Sak 37/3/2025 og sak 29/3/22, se møte 3/2025. <a href="/x/">sak 29/3/22</a> og sak 99/9/2099.</p></body></html>"#;
        let (out, problems) = linkify("saker/8-1-2026/index.html", html, &targets());
        let out = out.expect("changed");
        assert!(problems.is_empty());
        assert!(out.contains(r#"Oppfølging av <a href="/saker/37-3-2025/">Sak 37/3/2025</a> og <a href="/saker/29-3-2022/">sak 29/3/22</a>, se <a href="/moter/2025-3/">møte 3/2025</a>."#), "{out}");
        assert!(out.contains("<title>Sak 37/3/2025</title>"));
        assert!(out.contains("<h1>Sak 37/3/2025</h1>"));
        assert!(out.contains(r#"<a href="/x/">sak 29/3/22</a>"#));
        assert!(out.contains("sak 99/9/2099."));
    }

    #[test]
    fn does_not_link_a_page_to_itself() {
        let (out, _) = linkify(
            "saker/37-3-2025/index.html",
            "<p>Sak 37/3/2025</p>",
            &targets(),
        );
        assert_eq!(out, None);
    }

    #[test]
    fn collects_the_anchors_of_a_page() {
        let html = r#"<a id="hovedinnhold"></a><h2 id='vedtak' class=x>V</h2><a name=gammel>x</a><p data-id="nei" id="a&amp;b"><input name="q" disabled/></p></h2 id="nei">"#;
        let anchors = scan("index.html", html, &targets()).anchors;
        let mut found: Vec<&str> = anchors.iter().map(String::as_str).collect();
        found.sort();
        assert_eq!(found, ["a&b", "gammel", "hovedinnhold", "q", "vedtak"]);
    }

    #[test]
    fn collects_the_links_of_a_page_with_their_positions() {
        let html = "<html><head><link rel=\"stylesheet\" href=\"/css/site.css\"><link rel=\"preconnect\" href=\"https://x.org\"></head>\n<body><a href=\"/saker/?a=1&amp;b=2#x\">Sak</a>\n  <img src='/a.png' srcset=\"/a.png 1x, /b.png 2x\" alt=\"\"><form action=/sok/></form><p data-href=\"/nei/\">Sak 37/3/2025</p></body></html>";
        let links = scan("index.html", html, &targets()).links;
        let found: Vec<(&str, usize, usize)> = links
            .iter()
            .map(|l| (l.url.as_str(), l.line, l.col))
            .collect();
        assert_eq!(
            found,
            [
                ("/css/site.css", 1, 42),
                ("/saker/?a=1&b=2#x", 2, 16),
                ("/a.png", 3, 13),
                ("/a.png", 3, 29),
                ("/b.png", 3, 29),
                ("/sok/", 3, 71),
            ]
        );
    }

    #[test]
    fn link_positions_are_in_the_text_with_the_mentions_linked() {
        let html =
            "<p>\nSak 37/3/2025 og møte 3/2025: <a href=\"/x/\">x</a>\n<img src=\"/y.png\"></p>";
        let scanned = scan("index.html", html, &targets());
        let new = scanned.html.expect("changed");
        for link in &scanned.links {
            let line = new.lines().nth(link.line - 1).expect("line");
            let at: String = line
                .chars()
                .skip(link.col - 1)
                .take(link.url.len())
                .collect();
            assert_eq!(at, link.url, "{new}");
        }
        assert_eq!(scanned.links.len(), 2);
    }

    #[test]
    fn reports_inline_scripts_and_handlers() {
        let html = r#"<p><img src="x.png" onerror="alert(1)"><a href="javascript:alert(1)">x</a></p><script>alert(1)</script><script src="/s.js"></script>"#;
        let (_, problems) = linkify("index.html", html, &targets());
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
