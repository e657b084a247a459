//! The built real site against its sources: no page, feed, calendar entry or data file shows a
//! date more precise than the content says it is known (`date_precision`), and the seeds'
//! sentences are on the site (coverage, at least 98 %). The site is built once, in a temporary
//! copy of the repository's content and templates.

use std::collections::BTreeMap;
use std::fs;
use std::sync::OnceLock;

use crate::common::{repo_root, stderr, stdout, TempSite};
use ho21_tools::dates::{Date, Dated};
use ho21_tools::diagnostics::Report;
use ho21_tools::model::DatePrecision;
use ho21_tools::site::Site;

/// The real site, built once for every test in this file.
fn built() -> &'static TempSite {
    static SITE: OnceLock<TempSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TempSite::real();
        let out = site.ho21(&["build"]);
        assert!(
            out.status.success(),
            "the real site does not build:\n{}{}",
            stdout(&out),
            stderr(&out)
        );
        site
    })
}

fn content() -> Site {
    let mut report = Report::default();
    let site = Site::load(&repo_root(), &mut report).expect("content is readable");
    assert!(!report.has_errors(), "{}", report.render());
    site
}

/// Every built file whose name ends with one of `exts`, as (path under public/, text).
fn public_files(exts: &[&str]) -> Vec<(String, String)> {
    let public = built().path().join("public");
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_file())
        .filter(|e| exts.iter().any(|x| e.path().to_string_lossy().ends_with(x)))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&public)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            (rel, fs::read_to_string(e.path()).expect("utf-8"))
        })
        .collect();
    files.sort();
    files
}

/// Zola drops a leading date from a page's file name in its URL.
fn slug(id: &str) -> &str {
    if id.len() > 11 && id.as_bytes()[10] == b'-' && id[..4].bytes().all(|b| b.is_ascii_digit()) {
        &id[11..]
    } else {
        id
    }
}

/// An output or event whose day the sources do not give.
struct Imprecise {
    page: String,
    uid: String,
    dated: Dated,
}

fn imprecise() -> Vec<Imprecise> {
    let site = content();
    let mut out = Vec::new();
    let mut add = |folder: &str, id: &str, date: Option<Date>, precision: DatePrecision| {
        if let (Some(date), false) = (date, precision == DatePrecision::Day) {
            out.push(Imprecise {
                page: format!("{folder}/{}/index.html", slug(id)),
                uid: format!("arrangement-{id}@"),
                dated: Dated { date, precision },
            });
        }
    };
    for (id, d) in &site.outputs {
        add("mener", id, d.date(), d.front.extra.date_precision);
    }
    for (id, d) in &site.events {
        add("arrangementer", id, d.date(), d.front.extra.date_precision);
    }
    out
}

#[test]
fn no_output_shows_a_day_the_sources_do_not_give() {
    let items = imprecise();
    // Archived examples of every kind of imprecision stay imprecise.
    let pages: Vec<&str> = items.iter().map(|i| i.page.as_str()).collect();
    for page in [
        "mener/innspill-prioritering-av-folkehelsetiltak/index.html", // before
        "mener/kommentar-om-statsbudsjettet/index.html",              // after
        "mener/innspill-til-helsereformutvalget/index.html",          // year
        "arrangementer/toppledermote-om-helsedata/index.html",        // month
    ] {
        assert!(pages.contains(&page), "{page} is no longer imprecise");
    }
    let html = public_files(&[".html"]);
    let feeds = public_files(&[".xml"]);
    let calendar = built().read("public/kalender.ics");
    let sitemap = built().read("public/sitemap.xml");
    let mut problems = Vec::new();
    for item in &items {
        let day = item.dated.date.nb();
        let iso = item.dated.date.iso();
        let shown = item.dated.nb();
        let own = built().read(&format!("public/{}", item.page));
        if !own.contains(&shown) {
            problems.push(format!("{}: does not show «{shown}»", item.page));
        }
        let url = format!("/{}", item.page.trim_end_matches("index.html"));
        let entry = sitemap
            .split("<url>")
            .find(|u| u.contains(&format!("{url}</loc>")))
            .unwrap_or_else(|| panic!("{url} not in sitemap.xml"));
        if entry.contains("<lastmod>") {
            problems.push(format!("sitemap.xml: lastmod for {url} ({shown})"));
        }
        if calendar.contains(&item.uid) {
            problems.push(format!("kalender.ics has {} ({shown})", item.uid));
        }
        // A feed entry carries an instant, so the page must not be in any feed.
        for (path, text) in &feeds {
            if path.ends_with("atom.xml") && text.contains(&format!("{url}\"")) {
                problems.push(format!("{path} has an entry for {url} ({shown})"));
            }
        }
        let bounded = matches!(
            item.dated.precision,
            DatePrecision::Before | DatePrecision::After
        );
        if !bounded && (own.contains(&day) || own.contains(&iso)) {
            problems.push(format!(
                "{}: shows «{day}» or {iso} for «{shown}»",
                item.page
            ));
        }
        // Every list that links to the item (front page, sections, themes) shows its date
        // after the link and before the end of the entry: there, the day appears only as part
        // of "senest …"/"tidligst …".
        for (path, text) in &html {
            if *path == item.page {
                continue;
            }
            for (at, _) in text
                .match_indices(&format!("href={url}"))
                .chain(text.match_indices(&format!("href=\"{url}\"")))
            {
                let mut stop = (at + 600).min(text.len());
                while !text.is_char_boundary(stop) {
                    stop -= 1;
                }
                let entry = &text[at..stop];
                let end = ["</li>", "</article>", "</tr>"]
                    .iter()
                    .filter_map(|e| entry.find(e))
                    .min()
                    .unwrap_or(entry.len());
                let entry = entry[..end].replace(&shown, "");
                if entry.contains(&day) || entry.contains(&iso) {
                    problems.push(format!(
                        "{path}: lists {url} with a day for «{shown}»: {entry}"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn open_data_says_how_precise_each_date_is() {
    let json = built().read("public/apne-data/saker.json");
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let case = value["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["id"] == "48-6-2022")
        .expect("48-6-2022");
    assert_eq!(case["meeting_date"], "2022-11-28");
    assert_eq!(case["date_precision"], "day");
    let csv = built().read("public/apne-data/saker.csv");
    let header = csv.lines().next().expect("header");
    assert!(header.contains("\"date_precision\""), "{header}");
}

/// The findings of issue #16 as the reader sees them, on archived pages.
#[test]
fn pages_say_what_is_known() {
    let minutes = built().read("public/referater/2022-6/index.html");
    assert!(minutes.contains("Utkast til referat; lagt fram for godkjenning i sak"));
    assert!(!minutes.contains("ikke godkjent"));
    // The minutes printed "48/6/21" (000:164); the note says so where the case is listed.
    assert!(
        minutes.contains("«Sak 48/6/21»"),
        "no correction note on the minutes page"
    );
    assert!(minutes
        .contains("I tillegg andre observatører fra HOD, KD og KDD på deler av møtet digitalt"));
    let unknown = built().read("public/referater/2025-1/index.html");
    assert!(unknown.contains("Status ukjent"));
    let case = built().read("public/saker/4-1-2023/index.html");
    assert!(case.contains("17. februar, møte i Nasjonalt eksportråd"));
    assert!(!case.contains("<ol start=17") && !case.contains("<ol start=\"17\""));
    let cancer = built().read("public/arrangementer/toppledermote-mission-cancer/index.html");
    assert!(cancer
        .contains("Moderator: Ole Johan Borge, Avdelingsdirektør helse, Norges forskningsråd"));
    let meeting = built().read("public/moter/2020-02-03/index.html");
    assert!(!meeting.contains("xx.xx.xx") && !meeting.contains("Stay in touch"));
    // "rettet" only where the site changed a printed number: 48/6/2022 (wrong year), not
    // 47/6/2022 (a typo kept as printed).
    let index = built().read("public/saker/index.html");
    let row = |id: &str| {
        let at = index
            .find(&format!("/saker/{id}/>"))
            .unwrap_or_else(|| panic!("{id} not in the index"));
        let end = index[at..].find("</tr>").expect("row end");
        index[at..at + end].to_owned()
    };
    assert!(row("48-6-2022").contains("rettet"));
    assert!(!row("47-6-2022").contains("rettet"));
    for (path, text) in public_files(&[".html"]) {
        assert!(
            !text.contains("Sak 29/3/2022 Sak 29/3/2022"),
            "{path}: stub number twice"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Seed coverage: every sentence of eight words or more in the seeds is on the built site.

/// Words only, so that line breaks, hyphenation and punctuation do not count: lower case; a
/// hyphen is dropped with the white space after it (the PDF text breaks words at line ends with a
/// hyphen: "e-\nhelse", "e-helse" and "ehelse" compare equal); every other character that is not
/// a letter or digit is a space. Case numbers written with a two-digit year ("47/6/22") count as
/// the full year, as the site writes them.
fn words(text: &str) -> String {
    static YEAR: OnceLock<regex::Regex> = OnceLock::new();
    let year =
        YEAR.get_or_init(|| regex::Regex::new(r"\b(\d{1,3})/(\d)/(\d{2})\b").expect("regex"));
    let text = year.replace_all(text, "$1/$2/20$3");
    let mut out = String::with_capacity(text.len());
    let (mut space, mut after_hyphen) = (true, false);
    for c in text.chars() {
        if matches!(c, '-' | '\u{ad}' | '‐' | '‑') {
            after_hyphen = true;
            continue;
        }
        if after_hyphen && c.is_whitespace() {
            continue;
        }
        after_hyphen = false;
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_owned()
}

/// The text of a built HTML page: tags dropped, character references decoded. The site's own
/// HTML, not hostile input: a test does not need a full parser to read its words.
fn page_text(html: &str) -> String {
    let body = html.split("<body").nth(1).unwrap_or(html);
    let mut text = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tail = &rest[open..];
        // Scripts and styles hold no page text.
        let close = if tail.starts_with("<script") {
            tail.find("</script>").map(|i| i + 9)
        } else if tail.starts_with("<style") {
            tail.find("</style>").map(|i| i + 8)
        } else {
            tail.find('>').map(|i| i + 1)
        };
        rest = &tail[close.unwrap_or(tail.len())..];
    }
    text.push_str(rest);
    decode(&text)
}

fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let mut cut = tail.len().min(12);
        while !tail.is_char_boundary(cut) {
            cut -= 1;
        }
        let end = tail[..cut].find(';');
        let decoded = end.and_then(|end| {
            let name = &tail[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or(name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A sentence of a seed and the line it starts on.
struct Sentence {
    file: String,
    line: usize,
    text: String,
}

/// Sentences of a seed. A sentence ends at `.`, `!`, `?` or `:` followed by white space and a
/// capital letter, digit, bullet or quote; at a blank line (unless the line before ends with a
/// hyphen: the extraction puts blank lines inside hyphenated words); at each tab-separated cell
/// (tables); before a line that starts a new item (a case heading, a bullet, a field label); and
/// around a line that is only a URL. Line breaks inside a paragraph are joined.
fn sentences(file: &str, text: &str) -> Vec<Sentence> {
    static ITEM: OnceLock<regex::Regex> = OnceLock::new();
    static END: OnceLock<regex::Regex> = OnceLock::new();
    let item = ITEM.get_or_init(|| {
        regex::Regex::new(r"^\s*(Sak \d|•|- |\d+\)|\*\*Sak|Vedtak\b|Forslag til vedtak|Saksbehandler|Vedlegg|Tidligere behandlet|Saksframlegg)").expect("regex")
    });
    let end =
        END.get_or_init(|| regex::Regex::new(r#"[.!?:]\s+[A-ZÆØÅ0-9•«"(\-]"#).expect("regex"));
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut flush = |current: &mut String, start: usize| {
        let t = current.trim();
        if !t.is_empty() {
            out.push(Sentence {
                file: file.to_owned(),
                line: start,
                text: t.to_owned(),
            });
        }
        current.clear();
    };
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            if !current.trim_end().ends_with('-') {
                flush(&mut current, start);
            }
            continue;
        }
        let trimmed = line.trim();
        if (trimmed.starts_with("https://") || trimmed.starts_with("http://"))
            && !trimmed.contains(char::is_whitespace)
        {
            flush(&mut current, start);
            current.push_str(trimmed);
            flush(&mut current, n);
            continue;
        }
        if !current.is_empty() && item.is_match(line) {
            flush(&mut current, start);
        }
        for cell in line.split('\t') {
            if current.is_empty() {
                start = n;
            }
            // A cell's own end counts as followed by a new sentence.
            let padded = format!("{cell} X");
            let mut from = 0;
            for m in end.find_iter(&padded) {
                let stop = m.start() + 1;
                if stop > cell.len() {
                    break;
                }
                current.push_str(&cell[from..stop]);
                flush(&mut current, start);
                start = n;
                from = stop;
            }
            current.push_str(&cell[from..]);
            current.push(' ');
            if line.contains('\t') {
                flush(&mut current, start);
            }
        }
    }
    flush(&mut current, start);
    out
}

/// What of a sentence the site can be expected to repeat: no markup the extraction left in the
/// text, and no list numbers (the site renders "1)" and "2." as list numbers).
fn sentence_words(text: &str) -> String {
    static TAG: OnceLock<regex::Regex> = OnceLock::new();
    static NUMBERS: OnceLock<regex::Regex> = OnceLock::new();
    let tag = TAG.get_or_init(|| regex::Regex::new(r"<[^>]*>").expect("regex"));
    let numbers = NUMBERS
        .get_or_init(|| regex::Regex::new(r"^\s*\d{1,2}[.)]\s+|\s\d{1,2}\.\s*$").expect("regex"));
    let text = tag.replace_all(text, " ");
    words(&numbers.replace_all(&text, " "))
}

/// `tests/seed-coverage-exclusions.txt`: `file-prefix:from-to` line ranges whose sentences are
/// deliberately not on the site, each with its reason after `#`.
fn exclusions() -> BTreeMap<String, Vec<(usize, usize)>> {
    let path = repo_root().join("tests/seed-coverage-exclusions.txt");
    let text = fs::read_to_string(&path).expect("tests/seed-coverage-exclusions.txt");
    let mut out: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (range, reason) = line
            .split_once('#')
            .unwrap_or_else(|| panic!("exclusions line {}: no reason after #", i + 1));
        assert!(
            !reason.trim().is_empty(),
            "exclusions line {}: empty reason",
            i + 1
        );
        let (file, lines) = range
            .trim()
            .split_once(':')
            .unwrap_or_else(|| panic!("exclusions line {}: write file:from-to", i + 1));
        let (from, to) = lines.split_once('-').unwrap_or((lines, lines));
        let from: usize = from.trim().parse().expect("from");
        let to: usize = to.trim().parse().expect("to");
        assert!(from <= to, "exclusions line {}: range backwards", i + 1);
        out.entry(file.to_owned()).or_default().push((from, to));
    }
    out
}

#[test]
fn seed_sentences_are_on_the_site() {
    let sources = repo_root().join("sources");
    let mut site = String::from(" ");
    for (path, html) in public_files(&[".html"]) {
        // Redirect pages repeat nothing.
        if path.starts_with("sak/") {
            continue;
        }
        site.push_str(&words(&page_text(&html)));
        site.push(' ');
        // A link's address counts as shown: the sources print the URL, the site links it.
        for href in html.split("href=").skip(1) {
            let href = href.trim_start_matches('"');
            let end = href.find(['"', '>', ' ']).unwrap_or(href.len());
            site.push_str(&words(&decode(&href[..end])));
            site.push(' ');
        }
    }
    let excluded = exclusions();
    let mut seeds: Vec<_> = fs::read_dir(&sources)
        .expect("sources/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 5, "the seeds are missing from sources/");
    let (mut total, mut found, mut skipped) = (0usize, 0usize, 0usize);
    let mut missing = Vec::new();
    for seed in &seeds {
        let name = seed
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let prefix = &name[..3];
        let text = fs::read_to_string(seed).expect("seed");
        for s in sentences(&name, &text) {
            let w = sentence_words(&s.text);
            if w.split(' ').count() < 8 {
                continue;
            }
            let is_excluded = excluded.get(prefix).is_some_and(|ranges| {
                ranges
                    .iter()
                    .any(|(from, to)| (*from..=*to).contains(&s.line))
            });
            if is_excluded {
                skipped += 1;
                continue;
            }
            total += 1;
            if site.contains(&format!(" {w} ")) {
                found += 1;
            } else {
                missing.push(format!("{}:{}: {}", &s.file[..3], s.line, s.text));
            }
        }
    }
    let coverage = 100.0 * found as f64 / total.max(1) as f64;
    println!(
        "seed coverage: {found} of {total} sentences of eight words or more are on the site ({coverage:.1} %); {skipped} excluded on purpose"
    );
    for m in &missing {
        println!("  not on the site: {m}");
    }
    assert!(total > 1000, "only {total} sentences read from the seeds");
    assert!(
        coverage >= 98.0,
        "seed coverage {coverage:.1} % is under 98 % ({} sentences missing, listed above)",
        missing.len()
    );
}
