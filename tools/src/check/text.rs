//! Text safety and hygiene, checked on what Zola renders: bodies and Markdown fields parsed with
//! the Markdown parser Zola uses, every front-matter string decoded. No raw HTML, links only to
//! web pages, this site and `mailto:`/`tel:`, no contact data, no runaway nesting, and no
//! placeholder left in a proposal or decision.

use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
use regex::Regex;

use super::require_ack;
use crate::codes::Code;
use crate::diagnostics::{Report, SourceFile};
use crate::ids::{word_bounded, Edges};
use crate::site::Site;

static EMAIL: LazyLock<Regex> =
    regex!(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}");

// The patterns use ASCII word boundaries and `ids::word_bounded` for the exact Unicode ones:
// several times faster on Norwegian text (see there).

static PHONE_NUMBER: LazyLock<Regex> =
    regex!(r"(?:\+47\s?)?(?-u:\b)(?:\d{2} \d{2} \d{2} \d{2}|\d{3} \d{2} \d{3})(?-u:\b)");

static PHONE_LABEL: LazyLock<Regex> =
    regex!(r"(?i)(?-u:\b)(?:tlf|telefon|mobil)\.?:?\s*\+?\d[\d ]{6,}");

/// Phone numbers in `text`, in order, as one pattern with both alternatives would find them:
/// "22 33 44 55", "+47 223 44 555", "tlf. 22334455".
fn phones(text: &str) -> Vec<regex::Match<'_>> {
    let bounded = |edges| move |m: &regex::Match<'_>| word_bounded(text, m.start(), m.end(), edges);
    let mut all: Vec<regex::Match<'_>> = PHONE_NUMBER
        .find_iter(text)
        .filter(bounded(Edges::Both))
        .chain(PHONE_LABEL.find_iter(text).filter(bounded(Edges::Start)))
        .collect();
    all.sort_by_key(regex::Match::start);
    // Leftmost first, without overlaps: "tlf. 22 33 44 55" is one number, not two.
    let mut end = 0;
    all.retain(|m| {
        let keep = m.start() >= end;
        if keep {
            end = m.end();
        }
        keep
    });
    all
}

static PLACEHOLDER: LazyLock<Regex> = regex!(
    r"(?-u:\b)NN(?-u:\b)|\[\s*\]|\[[^\]\n]*:\s*\]|(?i)(?-u:\b)xx\.xx\.xx(?:xx)?(?-u:\b)|(?-u:\b)TODO(?-u:\b)|(?-u:\b)XXX(?-u:\b)|(?-u:\b)FYLL INN(?-u:\b)"
);

/// The first placeholder in `text`.
fn find_placeholder(text: &str) -> Option<regex::Match<'_>> {
    PLACEHOLDER
        .find_iter(text)
        .find(|m| word_bounded(text, m.start(), m.end(), Edges::Both))
}

pub fn check(site: &Site, report: &mut Report) {
    let own_host = host(&site.config.base_url).unwrap_or_default().to_owned();
    let links = Links {
        own_host: &own_host,
        content: &site.root.join("content"),
    };
    let sections = site.sections.values().map(|(file, _)| file);
    for file in site.documents().map(|(_, _, file, _)| file).chain(sections) {
        rendered(file, &links, report);
    }
    for doc in site.cases.values() {
        let e = &doc.front.extra;
        if let Some(vedtak) = &e.vedtak {
            if let Some(m) = find_placeholder(vedtak) {
                let at = locate_in_field(&doc.file, "vedtak", m.as_str());
                report.error(
                    Code::Placeholder,
                    &doc.file,
                    at,
                    format!("vedtaket inneholder plassholderen «{}»", m.as_str()),
                    Some(
                        "et vedtak publiseres som det er; fyll inn teksten før det publiseres"
                            .into(),
                    ),
                );
            }
        }
        if let Some(forslag) = &e.forslag_til_vedtak {
            if let Some(m) = find_placeholder(forslag) {
                let at = locate_in_field(&doc.file, "forslag_til_vedtak", m.as_str());
                require_ack(
                    report,
                    &e.anomalies,
                    Code::Placeholder,
                    &doc.file,
                    at,
                    format!(
                        "forslaget til vedtak inneholder plassholderen «{}»",
                        m.as_str()
                    ),
                );
            }
        }
    }
}

fn locate_in_field(file: &SourceFile, key: &str, needle: &str) -> usize {
    let start = file.locate(key, None);
    file.find_from(start, needle).unwrap_or(start)
}

/// The host of an http(s) URL, without `www.`.
pub(crate) fn host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(host.strip_prefix("www.").unwrap_or(host))
}

/// What a link may point to.
struct Links<'a> {
    own_host: &'a str,
    content: &'a std::path::Path,
}

/// A problem at a byte offset of the text it was found in.
struct Found {
    at: usize,
    code: Code,
    message: String,
    hint: Option<String>,
}

/// Front-matter fields the templates render as Markdown (`| markdown`); every other string is
/// shown as text, escaped. Links in URL fields are checked in `refs.rs`.
const MARKDOWN_FIELDS: &[&str] = &["vedtak", "forslag_til_vedtak", "referat"];
const URL_FIELDS: &[&str] = &["link", "external_url", "urls"];

/// Checks a content file as Zola renders it: the body and the Markdown fields as parsed
/// Markdown, every other string of the front matter as decoded text.
fn rendered(file: &SourceFile, links: &Links<'_>, report: &mut Report) {
    let Ok(parts) = crate::frontmatter::split(&file.text) else {
        return;
    };
    let mut found: Vec<(usize, Found)> = Vec::new();
    for field in super::decoded::strings(parts.front) {
        let problems = if MARKDOWN_FIELDS.contains(&field.key.as_str()) {
            markdown(&field.value, links)
        } else if URL_FIELDS.contains(&field.key.as_str()) {
            continue;
        } else {
            let mut out = Vec::new();
            contact_data(&field.value, &|i| i, &mut out);
            out
        };
        found.extend(
            problems
                .into_iter()
                .map(|f| (parts.front_offset + field.offset(f.at), f)),
        );
    }
    found.extend(
        markdown(parts.body, links)
            .into_iter()
            .map(|f| (parts.body_offset + f.at, f)),
    );
    for (at, f) in found {
        report.error(f.code, file, at, f.message, f.hint);
    }
}

/// Deeper than this many open elements (quotes in quotes, lists in lists) is not text anyone
/// writes on purpose, and thousands of levels crash the tools that read the built page.
pub(crate) const MAX_DEPTH: usize = 20;

/// The Markdown options of Zola 0.17 (`components/markdown`), with smart punctuation off as in
/// `config.toml`.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Problems in Markdown text as Zola parses it: raw HTML, links to anything but web pages,
/// pages here and `mailto:`/`tel:`, contact data in the text as shown, and runaway nesting.
fn markdown(text: &str, links: &Links<'_>) -> Vec<Found> {
    let mut out = Vec::new();
    let parser = Parser::new_ext(text, options()).into_offset_iter();
    // Reference definitions (`[r]: data:…`) are checked where they are written, used or not.
    let mut definitions: Vec<(usize, String)> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| (def.span.start, def.dest.to_string()))
        .collect();
    definitions.sort();
    for (at, dest) in definitions {
        let at = at + text[at..].find("]:").map_or(0, |i| i + 2);
        let at = at + (text[at..].len() - text[at..].trim_start().len());
        let at = at + usize::from(text[at..].starts_with('<'));
        link_target(&dest, at, links, &mut out);
    }

    // Text as shown, joined across inline elements (`ola*@*x.no` shows as one address), with
    // where each piece came from.
    let mut shown = String::new();
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    let mut last_inner_end = 0usize;
    for (event, range) in parser {
        match &event {
            Event::Start(tag) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    out.push(Found {
                        at: range.start,
                        code: Code::Nesting,
                        message: format!(
                            "teksten er nøstet i mer enn {MAX_DEPTH} nivåer (sitater i sitater, lister i lister)"
                        ),
                        hint: Some("skriv teksten uten så mange `>` eller innrykk; ingen vanlig tekst trenger mer enn noen få nivåer".into()),
                    });
                    // One report per text: the rest is the same mistake.
                    flush(&mut shown, &mut pieces, &mut out);
                    return out;
                }
                if !inline(tag) {
                    flush(&mut shown, &mut pieces, &mut out);
                }
                last_inner_end = range.start + 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if !inline(tag) {
                    flush(&mut shown, &mut pieces, &mut out);
                }
                if let Tag::Link(kind, dest, _) | Tag::Image(kind, dest, _) = tag {
                    let at = match kind {
                        // Checked at the definition above.
                        LinkType::Reference
                        | LinkType::ReferenceUnknown
                        | LinkType::Collapsed
                        | LinkType::CollapsedUnknown
                        | LinkType::Shortcut
                        | LinkType::ShortcutUnknown => None,
                        // `<ola@example.com>`: its text is checked as contact data.
                        LinkType::Email => None,
                        LinkType::Autolink => Some(range.start + 1),
                        LinkType::Inline => Some(
                            text[last_inner_end.min(range.end)..range.end]
                                .find("](")
                                .map(|i| last_inner_end + i + 2)
                                .map(|at| {
                                    let rest = &text[at..range.end];
                                    at + (rest.len()
                                        - rest.trim_start().trim_start_matches('<').len())
                                })
                                .unwrap_or(range.start),
                        ),
                    };
                    if let Some(at) = at {
                        link_target(dest, at, links, &mut out);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                let source = &text[range.clone()];
                pieces.push((shown.len(), range.start, source == t.as_ref()));
                shown.push_str(t);
                last_inner_end = range.end;
            }
            Event::SoftBreak | Event::HardBreak => {
                pieces.push((shown.len(), range.start, false));
                shown.push('\n');
                last_inner_end = range.end;
            }
            Event::Html(html) => {
                let first = html.lines().next().unwrap_or("").trim();
                out.push(Found {
                    at: range.start,
                    code: Code::RawHtml,
                    message: format!("rå HTML «{}» er ikke tillatt", truncate(first)),
                    hint: Some(
                        "bruk Markdown: **fet**, *kursiv*, [lenketekst](https://…), lister med -"
                            .into(),
                    ),
                });
                last_inner_end = range.end;
            }
            _ => last_inner_end = range.end,
        }
    }
    flush(&mut shown, &mut pieces, &mut out);
    out
}

/// Inline elements do not break the text as shown.
fn inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link(..) | Tag::Image(..)
    )
}

/// Runs the contact-data check over the text collected so far and starts afresh.
fn flush(shown: &mut String, pieces: &mut Vec<(usize, usize, bool)>, out: &mut Vec<Found>) {
    if !shown.is_empty() {
        let locate = |i: usize| {
            let k = pieces.partition_point(|p| p.0 <= i).saturating_sub(1);
            pieces.get(k).map_or(
                0,
                |&(at, src, same)| if same { src + (i - at) } else { src },
            )
        };
        contact_data(shown, &locate, out);
    }
    shown.clear();
    pieces.clear();
}

/// E-mail addresses and phone numbers in `text` as shown.
fn contact_data(text: &str, locate: &dyn Fn(usize) -> usize, out: &mut Vec<Found>) {
    for m in EMAIL.find_iter(text) {
        out.push(Found {
            at: locate(m.start()),
            code: Code::ContactData,
            message: format!("e-postadressen «{}» skal ikke publiseres", m.as_str()),
            hint: Some("fjern adressen".into()),
        });
    }
    for m in phones(text) {
        out.push(Found {
            at: locate(m.start()),
            code: Code::ContactData,
            message: format!(
                "telefonnummeret «{}» skal ikke publiseres",
                m.as_str().trim()
            ),
            hint: Some("fjern nummeret".into()),
        });
    }
}

/// The scheme of a URL as a browser reads it: it drops tabs and newlines anywhere and spaces
/// and control characters in front, so `java\tscript:` is `javascript:`.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find(':')?;
    let scheme = &cleaned[..end];
    let mut chars = scheme.chars();
    (chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

/// Checks one link or image target (decoded, as Zola writes it into `href`/`src`).
fn link_target(t: &str, at: usize, links: &Links<'_>, out: &mut Vec<Found>) {
    let scheme = scheme(t);
    match scheme.as_deref() {
        Some("http" | "https") | None => {}
        Some("mailto" | "tel") => {
            // Allowed as links, but the address itself is contact data.
            let value = &t[t.find(':').map_or(0, |i| i + 1)..];
            let before = out.len();
            contact_data(value, &|_| at, out);
            if out.len() == before && scheme.as_deref() == Some("tel") {
                out.push(Found {
                    at,
                    code: Code::ContactData,
                    message: format!("telefonlenken «{t}» skal ikke publiseres"),
                    hint: Some("fjern nummeret".into()),
                });
            }
            return;
        }
        Some(other) => {
            out.push(Found {
                at,
                code: Code::UnsafeLink,
                message: format!("«{other}:» er ikke tillatt i en lenke («{}»)", truncate(t)),
                hint: Some("lenker skal gå til https://…, til en side her (@/…), eller være mailto: og tel:".into()),
            });
            return;
        }
    }
    let ok = t.starts_with("https://") || t.starts_with("http://") || t.starts_with("@/") || (t.starts_with('#') && t.len() > 1)
        // A path on this site; the link check of the built site proves it exists.
        || (t.starts_with('/') && !t.starts_with("//"));
    if ok && !links.own_host.is_empty() && host(t) == Some(links.own_host) {
        out.push(Found {
            at,
            code: Code::OwnSiteLink,
            message: format!("«{t}» er en adresse på dette nettstedets eget domene, men ikke en side her"),
            hint: Some("lenk til siden med @/mappe/fil.md, eller behold bare lenketeksten hvis siden ikke finnes her".into()),
        });
    } else if let Some(path) = t.strip_prefix("@/") {
        // Zola would stop the build too, but without saying which file to fix.
        let path = path.split('#').next().unwrap_or(path);
        let inside = !path.split('/').any(|s| s == ".." || s.is_empty());
        if !inside || !links.content.join(path).is_file() {
            out.push(Found {
                at,
                code: Code::MissingTemplateLink,
                message: format!("lenken «{t}» peker på content/{path}, som ikke finnes"),
                hint: Some("rett stien, eller lag siden".into()),
            });
        }
    } else if !ok || t.contains(char::is_whitespace) {
        out.push(Found {
            at,
            code: Code::BadUrl,
            message: if t == "#" || t.is_empty() { "lenken mangler adresse (`(#)`)".to_owned() } else { format!("«{t}» er ikke en hel nettadresse") },
            hint: Some("skriv hele adressen med https://, en intern lenke som @/saker/….md eller /saker/…/, eller fjern lenken og behold teksten".into()),
        });
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(usize, Code)> {
        let links = Links {
            own_host: "helseomsorg21.no",
            content: std::path::Path::new("/nonexistent"),
        };
        markdown(text, &links)
            .into_iter()
            .map(|f| (f.at, f.code))
            .collect()
    }

    #[test]
    fn deep_nesting_is_one_error_and_no_crash() {
        let quotes = format!("Tekst.\n\n{} dypt\n", ">".repeat(100_000));
        assert_eq!(found(&quotes), [(8 + MAX_DEPTH, Code::Nesting)]);
        let lists = format!("{}x\n", "- ".repeat(50_000));
        assert_eq!(found(&lists).len(), 1);
        assert_eq!(found(&lists)[0].1, Code::Nesting);
        let fine = "> sitat\n>\n> - punkt\n>   - underpunkt\n>     1. nummer\n";
        assert!(found(fine).is_empty());
    }
}
