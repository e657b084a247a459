//! Checks the built site's non-HTML files: feeds and the sitemap are well-formed XML, the open
//! data parses, the calendar follows RFC 5545's structure, and every link in them to this site
//! points at a file that exists.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::Path;

use rayon::prelude::*;

use super::links::{self, SiteMap};

use quick_xml::events::Event;
use quick_xml::Reader;

/// Problems found, as (file relative to the site, message).
pub type Problems = Vec<(String, String)>;

/// Checks the non-HTML files among `files` (paths relative to `out`), in parallel; links are
/// looked up in `site` (every file and anchor of the build).
pub fn check(
    out: &Path,
    files: &[String],
    site: &SiteMap,
    base_url: &str,
) -> Result<Problems, String> {
    let checked: Vec<Result<Problems, String>> = files
        .par_iter()
        .filter(|rel| !rel.starts_with("pagefind/")) // Pagefind's own, tested in the browser
        .filter_map(|rel| {
            let ext = rel.rsplit_once('.').map_or("", |(_, ext)| ext);
            matches!(ext, "xml" | "json" | "csv" | "ics").then_some((rel, ext))
        })
        .map(|(rel, ext)| {
            let path = out.join(rel);
            let text = fs::read_to_string(&path)
                .map_err(|e| format!("kan ikke lese {}: {e}", path.display()))?;
            let found = match ext {
                "xml" => xml_links(&text),
                "json" => json_links(&text),
                "csv" => csv_links(&text),
                _ => ics_links(&text),
            };
            let urls = match found {
                Ok(urls) => urls,
                Err(message) => return Ok(vec![(rel.clone(), message)]),
            };
            let mut problems = Problems::new();
            let mut seen = HashSet::new();
            for url in urls {
                if !seen.insert(url.clone()) {
                    continue;
                }
                // Links in these files are absolute: resolve them as if on the front page.
                let Some(target) = links::resolve("index.html", &url, base_url) else {
                    continue;
                };
                if let Some(reason) = site.problem(&target) {
                    problems.push((rel.clone(), format!("lenken «{url}» virker ikke: {reason}")));
                }
            }
            Ok(problems)
        })
        .collect();
    let mut problems = Problems::new();
    for c in checked {
        problems.extend(c?);
    }
    Ok(problems)
}

/// Parses XML fully and returns the URLs in `<link href>`, `<loc>`, `<id>` and `<uri>`.
pub(crate) fn xml_links(text: &str) -> Result<Vec<String>, String> {
    // quick-xml passes these through, but XML 1.0 forbids them and feed readers refuse the
    // whole feed. The content check stops them in content (`control-char`); this catches the
    // rest (templates, data).
    if let Some((at, c)) = text
        .char_indices()
        .find(|(_, c)| crate::check::chars::forbidden_in_xml(*c))
    {
        return Err(format!(
            "ugyldig XML ved byte {at}: tegnet U+{:04X} er ikke tillatt i XML 1.0",
            c as u32
        ));
    }
    let mut reader = Reader::from_str(text);
    let mut urls = Vec::new();
    let mut in_url_element = false;
    let mut depth: i64 = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                in_url_element = matches!(e.local_name().as_ref(), b"loc" | b"id" | b"uri");
                collect_href(&e, &mut urls)?;
            }
            Ok(Event::Empty(e)) => collect_href(&e, &mut urls)?,
            Ok(Event::End(_)) => {
                depth -= 1;
                in_url_element = false;
            }
            Ok(Event::Text(t)) if in_url_element => {
                let value = t
                    .decode()
                    .map_err(|e| format!("ugyldig XML: {e}"))?
                    .trim()
                    .to_owned();
                if value.starts_with("http") {
                    urls.push(value);
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "ugyldig XML ved byte {}: {e}",
                    reader.error_position()
                ))
            }
        }
    }
    if depth != 0 {
        return Err("ugyldig XML: elementene er ikke lukket".into());
    }
    Ok(urls)
}

fn collect_href(e: &quick_xml::events::BytesStart, urls: &mut Vec<String>) -> Result<(), String> {
    for attr in e.attributes() {
        let attr = attr.map_err(|e| format!("ugyldig XML-attributt: {e}"))?;
        if attr.key.as_ref() == b"href" {
            urls.push(String::from_utf8_lossy(&attr.value).into_owned());
        }
    }
    Ok(())
}

pub(crate) fn json_links(text: &str) -> Result<Vec<String>, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("ugyldig JSON: {e}"))?;
    let mut urls = Vec::new();
    collect_json(&value, &mut urls);
    Ok(urls)
}

fn collect_json(value: &serde_json::Value, urls: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) if s.starts_with("http") => urls.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_json(v, urls)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_json(v, urls)),
        _ => {}
    }
}

/// Every record has the header's number of fields; quoted fields may hold commas, quotes and
/// line breaks.
pub(crate) fn csv_links(text: &str) -> Result<Vec<String>, String> {
    let rows = parse_csv(text)?;
    let width = rows.first().map_or(0, Vec::len);
    let mut urls = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row.len() != width {
            return Err(format!(
                "CSV-rad {} har {} felt, overskriften har {width}",
                i + 1,
                row.len()
            ));
        }
        urls.extend(row.iter().filter(|f| f.starts_with("http")).cloned());
    }
    Ok(urls)
}

pub(crate) fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|row| {
            row.map(|r| r.iter().map(str::to_owned).collect())
                .map_err(|e| format!("ugyldig CSV: {e}"))
        })
        .collect()
}

/// RFC 5545 structure: CRLF lines of at most 75 octets, balanced BEGIN/END, one VCALENDAR with
/// VERSION and PRODID, and every VEVENT with a unique UID, DTSTAMP and DTSTART.
pub(crate) fn ics_links(text: &str) -> Result<Vec<String>, String> {
    if !text.ends_with("\r\n") || text.replace("\r\n", "").contains('\n') {
        return Err("iCalendar: linjene skal slutte med CRLF".into());
    }
    let mut stack: Vec<String> = Vec::new();
    let mut uids = BTreeSet::new();
    let mut event_props: BTreeSet<String> = BTreeSet::new();
    let mut urls = Vec::new();
    let mut calendar_props: BTreeSet<String> = BTreeSet::new();
    // Unfold first: a line starting with a space continues the previous one.
    let mut lines: Vec<String> = Vec::new();
    for raw in text.split("\r\n").filter(|l| !l.is_empty()) {
        if raw.len() > 75 {
            return Err(format!("iCalendar: linjen «{raw}» er over 75 oktetter"));
        }
        match raw.strip_prefix(' ') {
            Some(rest) => lines
                .last_mut()
                .ok_or("iCalendar: fortsettelseslinje først i filen")?
                .push_str(rest),
            None => lines.push(raw.to_owned()),
        }
    }
    for line in &lines {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| format!("iCalendar: linjen «{line}» mangler «:»"))?;
        let name = name.split(';').next().unwrap_or(name);
        match name {
            "BEGIN" => {
                stack.push(value.to_owned());
                if value == "VEVENT" {
                    event_props.clear();
                }
            }
            "END" => {
                if stack.pop().as_deref() != Some(value) {
                    return Err(format!("iCalendar: END:{value} uten tilhørende BEGIN"));
                }
                if value == "VEVENT" {
                    for required in ["UID", "DTSTAMP", "DTSTART"] {
                        if !event_props.contains(required) {
                            return Err(format!("iCalendar: en VEVENT mangler {required}"));
                        }
                    }
                }
            }
            _ => match stack.last().map(String::as_str) {
                Some("VEVENT") => {
                    event_props.insert(name.to_owned());
                    if name == "UID" && !uids.insert(value.to_owned()) {
                        return Err(format!("iCalendar: UID {value} er brukt to ganger"));
                    }
                    if name == "URL" {
                        urls.push(value.to_owned());
                    }
                }
                Some("VCALENDAR") => {
                    calendar_props.insert(name.to_owned());
                }
                _ => {}
            },
        }
    }
    if !stack.is_empty() {
        return Err(format!("iCalendar: {} er ikke avsluttet", stack.join(", ")));
    }
    for required in ["VERSION", "PRODID"] {
        if !calendar_props.contains(required) {
            return Err(format!("iCalendar: VCALENDAR mangler {required}"));
        }
    }
    Ok(urls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_quotes_commas_and_newlines() {
        let rows = parse_csv("\"a\",\"b\"\r\n\"1, 2\",\"si \"\"hei\"\"\nlinje 2\"\r\n").unwrap();
        assert_eq!(
            rows,
            vec![vec!["a", "b"], vec!["1, 2", "si \"hei\"\nlinje 2"]]
        );
        assert!(csv_links("\"a\",\"b\"\r\n\"1\"\r\n").is_err());
    }

    #[test]
    fn characters_xml_forbids_are_reported() {
        let feed = "<feed><title>Sak\u{c} 1</title></feed>";
        let err = xml_links(feed).expect_err("form feed");
        assert!(
            err.contains("tegnet U+000C er ikke tillatt i XML 1.0"),
            "{err}"
        );
        assert!(xml_links("<feed><title>Sak\t1</title></feed>").is_ok());
    }

    #[test]
    fn broken_xml_is_reported() {
        assert!(xml_links("<feed><link href=\"https://x/\"/></feed>").is_ok());
        assert!(xml_links("<feed><entry></feed>").is_err());
    }

    #[test]
    fn ics_structure() {
        let ok = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20220101T000000Z\r\nDTSTART;VALUE=DATE:20220101\r\nURL:https://x/\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_eq!(ics_links(ok).unwrap(), vec!["https://x/"]);
        assert!(ics_links(&ok.replace("UID:a\r\n", "")).is_err());
        assert!(ics_links(&ok.replace("\r\n", "\n")).is_err());
    }
}
