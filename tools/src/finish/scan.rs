//! The one token stream of a built page: html5gum reads the page as a browser's tokenizer does,
//! and every job that needs the page's markup works on its events in the same pass:
//! the output check (`verify`), the mention linker (`mentions`, on the text runs) and the
//! collection of anchors and links (`collect`, on the start tags).

use std::collections::HashSet;
use std::convert::Infallible;

use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

use super::collect;
use super::links::Link;
use super::mentions::{self, Mention, Targets, SKIP};
use super::verify::{Policy, Verifier};

/// What reading one page found.
#[derive(Debug, Default)]
pub struct Scanned {
    /// The new text, if a mention was linked.
    pub html: Option<String>,
    /// What breaks the rules of the output check.
    pub problems: Vec<String>,
    /// The `id` and `name` attribute values on the page: the anchors links can point to.
    pub anchors: HashSet<String>,
    /// Every link on the page (`href`, `src`, `srcset`, …), with line and column in the new
    /// text.
    pub links: Vec<Link>,
}

/// A start tag as the tokenizer read it: names lower-cased, values with their character
/// references decoded.
pub struct Tag<'a> {
    /// The tag as written in the page.
    pub source: &'a str,
    buf: &'a TagBuf,
}

impl<'a> Tag<'a> {
    pub fn name(&self) -> &'a str {
        &self.buf.name
    }

    /// Every attribute in order, duplicates included, as (name, value, byte offset of the
    /// value in the page).
    pub(crate) fn attributes(&self) -> impl Iterator<Item = (&'a str, &'a str, usize)> {
        self.buf.attrs[..self.buf.count]
            .iter()
            .map(|a| (a.name.as_str(), a.value.as_str(), a.at))
    }

    /// The value of attribute `name`; the first one counts, as in browsers.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.attributes()
            .find(|(n, _, _)| *n == name)
            .map(|(_, v, _)| v)
    }
}

#[derive(Default)]
struct Attr {
    name: String,
    value: String,
    at: usize,
}

/// The start tag being read; its strings are reused from tag to tag.
#[derive(Default)]
struct TagBuf {
    name: String,
    attrs: Vec<Attr>,
    count: usize,
    self_closing: bool,
}

/// Links the mentions on one page, checks it against the output rules and collects its
/// anchors and links, in one pass of the tokenizer. `page` is its path in the output folder
/// (`saker/48-6-2022/index.html`).
pub fn scan(page: &str, html: &str, targets: &Targets, policy: &Policy) -> Scanned {
    let own_url = format!("/{}", page.trim_end_matches("index.html"));
    let mut pass = Pass {
        html,
        targets,
        own_url: &own_url,
        verifier: Verifier::new(policy, page),
        tag: TagBuf::default(),
        tag_open: None,
        skip: Vec::new(),
        anchors: HashSet::new(),
        links: Vec::new(),
        mentions: Vec::new(),
    };
    let mut emitter = CallbackEmitter::new(&mut pass);
    // Switch to raw text after <script>, <title>, … as browsers do; the elements where browsers
    // read differently (inside <svg>, <noscript>) are refused by the check.
    emitter.naively_switch_states(true);
    let Ok(()) = Tokenizer::new_with_emitter(html, emitter).finish();
    let Pass {
        verifier,
        anchors,
        links,
        mentions,
        ..
    } = pass;
    let (new_html, links) = if mentions.is_empty() {
        (None, collect::with_positions(html, links))
    } else {
        let (text, shift) = mentions::apply(html, &mentions);
        let links = links
            .into_iter()
            .map(|(at, url)| (shift(at), url))
            .collect();
        let links = collect::with_positions(&text, links);
        (Some(text), links)
    };
    Scanned {
        html: new_html,
        problems: verifier.finish(),
        anchors,
        links,
    }
}

struct Pass<'a> {
    html: &'a str,
    targets: &'a Targets,
    own_url: &'a str,
    verifier: Verifier<'a>,
    tag: TagBuf,
    /// Byte offset of the start tag being read; `None` outside start tags (attributes of end
    /// tags, which browsers ignore, are ignored too).
    tag_open: Option<usize>,
    /// Open elements whose text is not linked.
    skip: Vec<&'static str>,
    anchors: HashSet<String>,
    links: Vec<(usize, String)>,
    mentions: Vec<Mention>,
}

fn text(bytes: &[u8]) -> &str {
    // The input is a &str, so the tokenizer's output is UTF-8; the fallback never runs.
    std::str::from_utf8(bytes).unwrap_or("\u{fffd}")
}

impl Callback<Infallible, usize> for &mut Pass<'_> {
    fn handle_event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) -> Option<Infallible> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag.name.clear();
                self.tag.name.push_str(text(name));
                self.tag.count = 0;
                self.tag_open = Some(span.start);
            }
            CallbackEvent::AttributeName { name } if self.tag_open.is_some() => {
                let at = value_start(self.html, span.end);
                let tag = &mut self.tag;
                if tag.count == tag.attrs.len() {
                    tag.attrs.push(Attr::default());
                }
                let attr = &mut tag.attrs[tag.count];
                attr.name.clear();
                attr.name.push_str(text(name));
                attr.value.clear();
                attr.at = at;
                tag.count += 1;
            }
            CallbackEvent::AttributeValue { value } if self.tag_open.is_some() => {
                if let Some(attr) = self
                    .tag
                    .count
                    .checked_sub(1)
                    .map(|i| &mut self.tag.attrs[i])
                {
                    attr.value.push_str(text(value));
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if let Some(start) = self.tag_open.take() {
                    self.tag.self_closing = self_closing;
                    let end = span.end.min(self.html.len()).max(start);
                    let tag = Tag {
                        source: self.html.get(start..end).unwrap_or(""),
                        buf: &self.tag,
                    };
                    self.verifier.start_tag(&tag);
                    collect::start_tag(&tag, &mut self.anchors, &mut self.links);
                    if let Some(skip) = SKIP.iter().find(|s| **s == tag.name()) {
                        if !self_closing {
                            self.skip.push(skip);
                        }
                    }
                }
            }
            CallbackEvent::EndTag { name } => {
                self.tag_open = None;
                let name = text(name);
                self.verifier.end_tag(name);
                if let Some(pos) = self.skip.iter().rposition(|n| *n == name) {
                    self.skip.truncate(pos);
                }
            }
            CallbackEvent::String { .. } => {
                let raw = self.html.get(span.start..span.end).unwrap_or("");
                self.verifier.text(raw);
                if self.skip.is_empty() {
                    mentions::link_text(
                        raw,
                        span.start,
                        self.targets,
                        self.own_url,
                        &mut self.mentions,
                    );
                }
            }
            _ => {}
        }
        None
    }
}

/// Where the value of an attribute whose name ends at byte `name_end` starts: after `=`, the
/// spaces around it and an opening quote. (The tokenizer's own span of an unquoted value is
/// empty.)
fn value_start(html: &str, name_end: usize) -> usize {
    let bytes = html.as_bytes();
    let mut i = name_end.min(bytes.len());
    let skip_space = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    i = skip_space(i);
    if bytes.get(i) != Some(&b'=') {
        return i;
    }
    i = skip_space(i + 1);
    if matches!(bytes.get(i), Some(b'"' | b'\'')) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://www.example.no";

    fn targets() -> Targets {
        Targets {
            cases: ["37-3-2025", "29-3-2022"]
                .into_iter()
                .map(String::from)
                .collect(),
            meetings: ["2025-3"].into_iter().map(String::from).collect(),
        }
    }

    fn run(page: &str, html: &str) -> Scanned {
        scan(
            page,
            html,
            &targets(),
            &Policy::new(BASE, None).expect("base"),
        )
    }

    #[test]
    fn links_mentions_in_text_only() {
        let html = r#"<html><head><title>Sak 37/3/2025</title></head><body><h1>Sak 37/3/2025</h1><p>Oppfølging av Sak 37/3/2025 og sak 29/3/22, se møte 3/2025. <a href="/x/">sak 29/3/22</a> og sak 99/9/2099.</p></body></html>"#;
        let scanned = run("saker/8-1-2026/index.html", html);
        let out = scanned.html.expect("changed");
        assert!(scanned.problems.is_empty(), "{:?}", scanned.problems);
        assert!(out.contains(r#"Oppfølging av <a href="/saker/37-3-2025/">Sak 37/3/2025</a> og <a href="/saker/29-3-2022/">sak 29/3/22</a>, se <a href="/moter/2025-3/">møte 3/2025</a>."#), "{out}");
        assert!(out.contains("<title>Sak 37/3/2025</title>"));
        assert!(out.contains("<h1>Sak 37/3/2025</h1>"));
        assert!(out.contains(r#"<a href="/x/">sak 29/3/22</a>"#));
        assert!(out.contains("sak 99/9/2099."));
    }

    #[test]
    fn does_not_link_a_page_to_itself() {
        let scanned = run("saker/37-3-2025/index.html", "<p>Sak 37/3/2025</p>");
        assert_eq!(scanned.html, None);
    }

    #[test]
    fn text_inside_a_quoted_attribute_is_not_text() {
        // The old hand-written scanner had to track quotes itself; the tokenizer knows.
        let html = r#"<p title="a > Sak 37/3/2025">x</p>"#;
        assert_eq!(run("index.html", html).html, None);
    }

    #[test]
    fn collects_the_anchors_of_a_page() {
        let html = r#"<a id="hovedinnhold"></a><h2 id='vedtak' class=x>V</h2><a name=gammel>x</a><p id="a&amp;b"><input name="q" disabled/></p></h2 id="nei">"#;
        let anchors = run("index.html", html).anchors;
        let mut found: Vec<&str> = anchors.iter().map(String::as_str).collect();
        found.sort();
        assert_eq!(found, ["a&b", "gammel", "hovedinnhold", "q", "vedtak"]);
    }

    #[test]
    fn collects_the_links_of_a_page_with_their_positions() {
        let html = "<html><head><link rel=\"stylesheet\" href=\"/css/site.css\"><link rel=\"preconnect\" href=\"https://x.org\"></head>\n<body><a href=\"/saker/?a=1&amp;b=2#x\">Sak</a>\n  <img src='/a.png' srcset=\"/a.png 1x, /b.png 2x\" alt=\"\"><form action=/sok/></form><p data-href=\"/nei/\">Sak 37/3/2025</p><a href=\" /mellomrom/ \">m</a></body></html>";
        let links = run("index.html", html).links;
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
                // After the linked mention: positions are in the new text.
                ("/mellomrom/", 3, 164),
            ]
        );
    }

    #[test]
    fn link_positions_are_in_the_text_with_the_mentions_linked() {
        let html =
            "<p>\nSak 37/3/2025 og møte 3/2025: <a href=\"/x/\">x</a>\n<img src=\"/y.png\"></p>";
        let scanned = run("index.html", html);
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
}
