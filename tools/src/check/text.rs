//! Text safety and hygiene: no raw HTML or script links, no contact data, no broken URLs, and no
//! placeholder left in a proposal or decision.

use std::sync::OnceLock;

use regex::Regex;

use super::require_ack;
use crate::codes::Code;
use crate::diagnostics::{Report, SourceFile};
use crate::ids::{word_bounded, Edges};
use crate::site::Site;

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid regex"))
}

fn html_tag() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // A start or end tag or a comment; `<https://…>` autolinks have no space or `>` after a name.
    re(&RE, r"(?i)<!--|<\s*[a-z][a-z0-9-]*(?:\s[^<>]*)?/?>")
}

fn unsafe_scheme() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // In a Markdown link or autolink target only: "Data:" in prose is fine.
    re(&RE, r"(?i)(?:\]\(|<)\s*(?:javascript|vbscript|data)\s*:")
}

fn email() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    )
}

// The patterns use ASCII word boundaries and `ids::word_bounded` for the exact Unicode ones:
// several times faster on Norwegian text (see there).

fn phone_number() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?:\+47\s?)?(?-u:\b)(?:\d{2} \d{2} \d{2} \d{2}|\d{3} \d{2} \d{3})(?-u:\b)",
    )
}

fn phone_label() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)(?-u:\b)(?:tlf|telefon|mobil)\.?:?\s*\+?\d[\d ]{6,}",
    )
}

/// Phone numbers in `text`, in order, as one pattern with both alternatives would find them:
/// "22 33 44 55", "+47 223 44 555", "tlf. 22334455".
fn phones(text: &str) -> Vec<regex::Match<'_>> {
    let bounded = |edges| move |m: &regex::Match<'_>| word_bounded(text, m.start(), m.end(), edges);
    let mut all: Vec<regex::Match<'_>> = phone_number()
        .find_iter(text)
        .filter(bounded(Edges::Both))
        .chain(phone_label().find_iter(text).filter(bounded(Edges::Start)))
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

fn md_link_target() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"\]\(([^)\s]*)(?:\s[^)]*)?\)")
}

fn placeholder() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?-u:\b)NN(?-u:\b)|\[\s*\]|\[[^\]\n]*:\s*\]|(?i)(?-u:\b)xx\.xx\.xx(?:xx)?(?-u:\b)|(?-u:\b)TODO(?-u:\b)|(?-u:\b)XXX(?-u:\b)|(?-u:\b)FYLL INN(?-u:\b)",
    )
}

/// The first placeholder in `text`.
fn find_placeholder(text: &str) -> Option<regex::Match<'_>> {
    placeholder()
        .find_iter(text)
        .find(|m| word_bounded(text, m.start(), m.end(), Edges::Both))
}

pub fn check(site: &Site, report: &mut Report) {
    let own_host = host(&site.base_url).unwrap_or_default().to_owned();
    for (_, _, file, _) in site.documents() {
        hygiene(file, &own_host, &site.root.join("content"), report);
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
pub fn host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(host.strip_prefix("www.").unwrap_or(host))
}

fn hygiene(file: &SourceFile, own_host: &str, content: &std::path::Path, report: &mut Report) {
    let text = &file.text;
    for m in html_tag().find_iter(text) {
        report.error(
            Code::RawHtml,
            file,
            m.start(),
            format!("rå HTML «{}» er ikke tillatt", truncate(m.as_str())),
            Some("bruk Markdown: **fet**, *kursiv*, [lenketekst](https://…), lister med -".into()),
        );
    }
    for m in unsafe_scheme().find_iter(text) {
        report.error(
            Code::UnsafeLink,
            file,
            m.start(),
            format!("«{}» er ikke tillatt i en lenke", m.as_str()),
            None,
        );
    }
    for m in email().find_iter(text) {
        report.error(
            Code::ContactData,
            file,
            m.start(),
            format!("e-postadressen «{}» skal ikke publiseres", m.as_str()),
            Some("fjern adressen".into()),
        );
    }
    for m in phones(text) {
        report.error(
            Code::ContactData,
            file,
            m.start(),
            format!(
                "telefonnummeret «{}» skal ikke publiseres",
                m.as_str().trim()
            ),
            Some("fjern nummeret".into()),
        );
    }
    for caps in md_link_target().captures_iter(text) {
        let Some(target) = caps.get(1) else { continue };
        let t = target.as_str();
        if unsafe_scheme().is_match(&text[target.start().saturating_sub(2)..target.end()]) {
            continue; // reported as unsafe-link
        }
        let ok = t.starts_with("https://") || t.starts_with("http://") || t.starts_with("@/") || (t.starts_with('#') && t.len() > 1)
            // A path on this site; the link check of the built site proves it exists.
            || (t.starts_with('/') && !t.starts_with("//"));
        if ok && !own_host.is_empty() && host(t) == Some(own_host) {
            report.error(
                Code::OwnSiteLink,
                file,
                target.start(),
                format!("«{t}» er en adresse på dette nettstedets eget domene, men ikke en side her"),
                Some("lenk til siden med @/mappe/fil.md, eller behold bare lenketeksten hvis siden ikke finnes her".into()),
            );
        } else if let Some(path) = t.strip_prefix("@/") {
            // Zola would stop the build too, but without saying which file to fix.
            let path = path.split('#').next().unwrap_or(path);
            if !content.join(path).is_file() {
                report.error(
                    Code::MissingTemplateLink,
                    file,
                    target.start(),
                    format!("lenken «{t}» peker på content/{path}, som ikke finnes"),
                    Some("rett stien, eller lag siden".into()),
                );
            }
        } else if !ok {
            report.error(
                Code::BadUrl,
                file,
                target.start(),
                if t == "#" || t.is_empty() { "lenken mangler adresse (`(#)`)".to_owned() } else { format!("«{t}» er ikke en hel nettadresse") },
                Some("skriv hele adressen med https://, en intern lenke som @/saker/….md eller /saker/…/, eller fjern lenken og behold teksten".into()),
            );
        }
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}
