//! Reads a bundle of case papers ("Saksframlegg Møte M/YYYY"): the secretariat's Word template
//! of 2022–2023 (a key block of `Type sak`, `Til`, `Fra`, `Saksbehandler`, `Vedlegg`, `Tidligere
//! behandlet` on lines of their own) and of 2025–2026 (each key and value on its own line, or all
//! keys in one tab-separated table row). Attachments are inlined after each paper in the bundle;
//! they are recognised as text after the proposed decision and reported, never read as cases.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{self, Line};
use super::{Found, Unplaced};
use crate::ids::{parse_case_number, CaseId};

/// The template's section headings, in the form the papers write them.
const HEADINGS: &[&str] = &[
    "Bakgrunn",
    "Hvorfor saken fremmes",
    "Hvorfor saken fremmes til dette møtet",
    "Hovedpunkter",
    "Forslag til vedtak",
];

const PROPOSAL: &str = "Forslag til vedtak";

/// The keys of the block under the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Type,
    Til,
    Fra,
    Saksbehandler,
    Vedlegg,
    TidligereBehandlet,
}

const KEYS: &[(&str, Key)] = &[
    ("Type sak", Key::Type),
    ("Tidligere behandlet", Key::TidligereBehandlet),
    ("Saksbehandler", Key::Saksbehandler),
    ("Vedlegg", Key::Vedlegg),
    ("Til", Key::Til),
    ("Fra", Key::Fra),
];

/// One case paper as the bundle gives it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Paper {
    pub case: Option<CaseId>,
    /// The number as printed ("Sak 47/6/2022").
    pub as_written: String,
    pub title: String,
    pub case_types: Vec<String>,
    pub til: Option<String>,
    pub fra: Option<String>,
    pub saksbehandlere: Vec<String>,
    pub vedlegg: Vec<(u32, String)>,
    pub tidligere_behandlet: Vec<String>,
    /// Sections of the paper before the proposed decision: heading (none for text under the key
    /// block) and Markdown paragraphs.
    pub sections: Vec<(Option<String>, Vec<String>)>,
    pub forslag_til_vedtak: Option<String>,
    /// First and last line of the paper in the input.
    pub lines: [u32; 2],
    /// The 2025–2026 layout: keys alone on their lines or in one table row.
    pub spaced: bool,
}

/// A bundle: the meeting it is for and its papers.
#[derive(Debug, Default)]
pub(crate) struct Bundle {
    /// (year, number) from "Saksframlegg Møte M/YYYY".
    pub meeting: Option<(i32, u32)>,
    pub papers: Vec<Paper>,
    /// The agenda in front of the papers ("Sak 1/1/2026<tab>Godkjenning av …"), if any.
    pub agenda: Vec<AgendaItem>,
    /// `Dato` and `Sted` of the notice in front of the papers.
    pub notice: super::minutes::Notice,
}

/// One line of the agenda.
#[derive(Debug, Clone)]
pub(crate) struct AgendaItem {
    pub case: CaseId,
    pub as_written: String,
    pub title: String,
    pub line: u32,
}

static AGENDA_RE: LazyLock<Regex> = regex!(r"^\s*(Sak\s+(\d{1,3}/\d{1,2}/\d{2,4}))\t+(\S.*?)\s*$");

static HEADER_RE: LazyLock<Regex> =
    regex!(r"^\s*Saksfr[ae]mlegg(?:\s+[Mm]øte\s+(\d{1,2})/(\d{4}))?\s*$");

static CASE_LINE_RE: LazyLock<Regex> = regex!(r"^\s*(Sak\s+(\d{1,3}/\d{1,2}/\d{2,4}))\s*$");

static CASE_REF_RE: LazyLock<Regex> = regex!(r"\d{1,3}[/.]\d{1,2}[/.]\d{2,4}");

static VEDLEGG_ITEM_RE: LazyLock<Regex> = regex!(r"(?:^|\s)(\d{1,2})\.\s+");

/// `true` when the input looks like a bundle of case papers.
pub(crate) fn is_bundle(lines: &[Line]) -> bool {
    lines.iter().any(|l| HEADER_RE.is_match(&l.text)) && paper_starts(lines).next().is_some()
}

/// Indices of the "Sak N/M/YYYY" lines that open a paper: the number alone on its line, with a
/// key block ("Til", "Type sak") within the next lines. Minutes write the title on the same line,
/// and agendas put a tab after the number, so neither matches.
fn paper_starts(lines: &[Line]) -> impl Iterator<Item = usize> + '_ {
    (0..lines.len()).filter(move |&i| {
        CASE_LINE_RE.is_match(&text::strip_bold(&lines[i].text))
            && lines[i + 1..]
                .iter()
                .take(12)
                .any(|l| key_of(&cells(&l.text)[0]).is_some())
    })
}

/// Splits a tab-separated table row into its cells; a line without tabs is one cell, and an
/// empty line one empty cell.
fn cells(line: &str) -> Vec<String> {
    let cells: Vec<String> = line
        .split('\t')
        .map(|c| text::strip_bold(c).trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    if cells.is_empty() {
        vec![String::new()]
    } else {
        cells
    }
}

/// The key a cell starts with, and the value after it.
fn key_of(cell: &str) -> Option<(Key, String)> {
    let cell = cell.trim();
    KEYS.iter().find_map(|(name, key)| {
        let rest = cell.strip_prefix(name)?;
        (rest.is_empty() || rest.starts_with([' ', '\t', ':']))
            .then(|| (*key, rest.trim_start_matches(':').trim().to_owned()))
    })
}

/// A heading the line begins with, and the text after it on the same line: the 2026 papers run
/// the heading into its text ("Bakgrunn Habilitetsvurderinger og …"), which then starts with a
/// capital letter. Only at the start of a paragraph.
fn run_in_heading(lines: &[Line], i: usize) -> Option<(String, String)> {
    if i > 0 && !text::is_blank(&lines[i - 1].text) {
        return None;
    }
    let line = text::strip_bold(&lines[i].text);
    let line = line.trim();
    // The longest heading first: "Hvorfor saken fremmes til dette møtet" before "… fremmes".
    let mut headings: Vec<&str> = HEADINGS.to_vec();
    headings.sort_by_key(|h| std::cmp::Reverse(h.len()));
    headings.into_iter().find_map(|h| {
        let rest = line.strip_prefix(h)?.strip_prefix(' ')?.trim_start();
        rest.chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then(|| (h.to_owned(), rest.to_owned()))
    })
}

/// The heading a line (or a bold block over up to three lines) is, and how many lines it takes.
fn heading_at(lines: &[Line], i: usize) -> Option<(String, usize)> {
    let one = text::strip_bold(&lines[i].text);
    let one = one.trim().trim_end_matches(':');
    if let Some(h) = HEADINGS.iter().find(|h| **h == one) {
        return Some((h.to_string(), 1));
    }
    if !lines[i].text.trim_start().starts_with("**") {
        return None;
    }
    let mut joined = String::new();
    for (n, line) in lines[i..].iter().take(3).enumerate() {
        if text::is_blank(&line.text) {
            break;
        }
        joined = text::join_lines([joined.as_str(), &text::strip_bold(&line.text)]);
        if let Some(h) = HEADINGS
            .iter()
            .find(|h| **h == joined.trim_end_matches(':'))
        {
            return Some((h.to_string(), n + 1));
        }
    }
    None
}

/// Reads every paper of the bundle. What cannot be placed in a paper (text before the first
/// paper, inlined attachments, web addresses the PDF put at the end of a page) goes to
/// `unplaced` with its lines.
pub fn read(lines: &[Line], unplaced: &mut Vec<Unplaced>) -> Bundle {
    let mut bundle = Bundle {
        meeting: lines.iter().find_map(|l| {
            let c = HEADER_RE.captures(&l.text)?;
            Some((
                c.get(2)?.as_str().parse().ok()?,
                c.get(1)?.as_str().parse().ok()?,
            ))
        }),
        papers: Vec::new(),
        agenda: Vec::new(),
        notice: Default::default(),
    };
    let starts: Vec<usize> = paper_starts(lines).collect();
    if let Some(&first) = starts.first() {
        // The notice in front of the papers: council name, date and place, the agenda.
        for line in &lines[..first] {
            let t = text::strip_bold(&line.text);
            let t = t.trim();
            if let Some(c) = AGENDA_RE.captures(&line.text) {
                if let Some((case, _)) = parse_case_number(&c[2]) {
                    bundle.agenda.push(AgendaItem {
                        case,
                        as_written: text::squeeze(&c[1]),
                        title: c[3].trim().to_owned(),
                        line: line.no,
                    });
                    continue;
                }
            }
            if t.is_empty()
                || HEADER_RE.is_match(t)
                || t.starts_with("HelseOmsorg")
                || bundle.notice.read_line(t)
            {
                continue;
            }
            unplaced.push(Unplaced::line(
                line.no,
                "tekst foran det første saksframlegget".to_owned(),
            ));
        }
    }
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        // The next paper's page header ("Saksframlegg Møte …") belongs to the next paper.
        let mut end_of_this = end;
        while end_of_this > start + 1 {
            let prev = &lines[end_of_this - 1].text;
            if text::is_blank(prev) || HEADER_RE.is_match(prev) {
                end_of_this -= 1;
            } else {
                break;
            }
        }
        bundle
            .papers
            .push(read_paper(&lines[start..end_of_this], unplaced));
    }
    bundle
}

fn read_paper(lines: &[Line], unplaced: &mut Vec<Unplaced>) -> Paper {
    let mut paper = Paper {
        lines: [lines[0].no, lines[lines.len() - 1].no],
        ..Paper::default()
    };
    let number_line = text::strip_bold(&lines[0].text);
    let caps = CASE_LINE_RE
        .captures(&number_line)
        .expect("a paper starts with its number");
    paper.as_written = text::squeeze(&caps[1]);
    paper.case = parse_case_number(&caps[2]).map(|(id, _)| id);

    // The title: the lines after the number, up to a blank line or the key block.
    let mut i = 1;
    while i < lines.len() && text::is_blank(&lines[i].text) {
        i += 1;
    }
    let mut title = Vec::new();
    while i < lines.len()
        && !text::is_blank(&lines[i].text)
        && key_of(&cells(&lines[i].text)[0]).is_none()
    {
        title.push(text::strip_bold(&lines[i].text));
        i += 1;
    }
    paper.title = text::join_lines(title.iter().map(String::as_str));

    i = read_keys(lines, i, &mut paper);

    // Sections up to "Forslag til vedtak".
    let mut heading: Option<String> = None;
    let mut body: Vec<Line> = Vec::new();
    let mut urls: Vec<&Line> = Vec::new();
    let mut proposal: Vec<Line> = Vec::new();
    while i < lines.len() {
        if let Some((h, taken)) = heading_at(lines, i) {
            push_section(&mut paper, heading.take(), &mut body, unplaced);
            i += taken;
            if h == PROPOSAL {
                break;
            }
            heading = Some(h);
            continue;
        }
        if let Some((h, rest)) = run_in_heading(lines, i) {
            push_section(&mut paper, heading.take(), &mut body, unplaced);
            let rest = Line {
                no: lines[i].no,
                text: rest,
                ..Line::default()
            };
            i += 1;
            if h == PROPOSAL {
                proposal.push(rest);
                break;
            }
            body.push(rest);
            heading = Some(h);
            continue;
        }
        if text::is_url_line(&lines[i].text) {
            urls.push(&lines[i]);
        }
        body.push(lines[i].clone());
        i += 1;
    }
    push_section(&mut paper, heading, &mut body, unplaced);

    // The proposal: its paragraphs up to two blank lines in a row, a web address line or the
    // end of the paper. What follows is an inlined attachment.
    // In the 2025–2026 layout every paragraph has a blank line after it, and the proposal is
    // one paragraph.
    let most_blanks = if paper.spaced { 1 } else { 2 };
    let mut blanks = 0;
    while i < lines.len() {
        let line = &lines[i];
        if text::is_blank(&line.text) {
            blanks += 1;
            if blanks >= most_blanks && !proposal.is_empty() {
                break;
            }
        } else if text::is_url_line(&line.text) || text::is_page_counter(&line.text) {
            break;
        } else {
            blanks = 0;
            proposal.push(line.clone());
        }
        i += 1;
    }
    let proposal = text::paragraphs(&proposal, false);
    if !proposal.is_empty() {
        paper.forslag_til_vedtak = Some(proposal.join("\n\n"));
    }
    let rest = &lines[i.min(lines.len())..];
    let rest_text: Vec<&Line> = rest
        .iter()
        .filter(|l| !text::is_blank(&l.text) && !text::is_url_line(&l.text))
        .collect();
    let attachment = Unplaced::span(&rest_text, || {
        format!(
            "tekst etter forslaget til vedtak i {} (et vedlegg som er lagt inn i saksframlegget?)",
            paper.as_written
        )
    });
    if let Some(attachment) = attachment {
        unplaced.push(attachment);
    } else {
        // Web addresses after the proposal, when no attachment follows: the last page's links.
        urls.extend(rest.iter().filter(|l| text::is_url_line(&l.text)));
    }
    for url in urls {
        unplaced.push(Unplaced::line(
            url.no,
            format!(
                "nettadresse på egen linje i {} (PDF-en legger lenkene sist på siden): {}",
                paper.as_written,
                url.text.trim()
            ),
        ));
    }
    paper
}

fn push_section(
    paper: &mut Paper,
    heading: Option<String>,
    body: &mut Vec<Line>,
    unplaced: &mut Vec<Unplaced>,
) {
    let mut paragraphs = text::paragraphs(body, true);
    for p in &mut paragraphs {
        let (repaired, titles) = text::unlink_empty(p);
        if !titles.is_empty() {
            let lines = [
                body.first().map_or(0, |l| l.no),
                body.last().map_or(0, |l| l.no),
            ];
            unplaced.push(Unplaced {
                lines,
                what: format!(
                    "lenker uten adresse i kilden, beholdt som tekst: {}",
                    titles
                        .iter()
                        .map(|t| format!("«{t}»"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
            *p = repaired;
        }
    }
    body.clear();
    if !paragraphs.is_empty() || heading.is_some() {
        paper.sections.push((heading, paragraphs));
    }
}

/// Reads the key block from line `i`; returns the first line after it.
fn read_keys(lines: &[Line], mut i: usize, paper: &mut Paper) -> usize {
    let mut current: Option<Key> = None;
    let mut blanks = 0;
    let mut vedlegg_text = String::new();
    while i < lines.len() {
        let line = &lines[i];
        if text::is_blank(&line.text) {
            blanks += 1;
            i += 1;
            continue;
        }
        if heading_at(lines, i).is_some() || run_in_heading(lines, i).is_some() {
            break;
        }
        let row = cells(&line.text);
        let keyed: Vec<(Key, String)> = row.iter().filter_map(|c| key_of(c)).collect();
        if !keyed.is_empty() && keyed.len() == row.len() {
            if keyed.len() > 1 || keyed[0].1.is_empty() {
                paper.spaced = true;
            }
            for (key, value) in keyed {
                if key == Key::Vedlegg {
                    vedlegg_text = value.clone();
                }
                current = Some(key);
                if !value.is_empty() {
                    set(paper, key, &value);
                }
            }
            blanks = 0;
            i += 1;
            continue;
        }
        match current {
            // A key alone on its line: the value is on the next lines (the 2025–2026 layout).
            Some(key) if value_missing(paper, key) && blanks <= 1 && key != Key::Vedlegg => {
                let mut value = line.text.trim().to_owned();
                while i + 1 < lines.len()
                    && !text::is_blank(&lines[i + 1].text)
                    && key_of(&cells(&lines[i + 1].text)[0]).is_none()
                {
                    i += 1;
                    value = text::join_lines([value.as_str(), lines[i].text.trim()]);
                }
                set(paper, key, &value);
                paper.spaced = true;
                current = None;
            }
            // Attachment titles wrap over several lines, sometimes with a blank line between.
            Some(Key::Vedlegg) if blanks <= 1 => {
                vedlegg_text = text::join_lines([vedlegg_text.as_str(), line.text.trim()]);
                paper.vedlegg = vedlegg_items(&vedlegg_text);
            }
            _ => break,
        }
        blanks = 0;
        i += 1;
    }
    i
}

fn value_missing(paper: &Paper, key: Key) -> bool {
    match key {
        Key::Type => paper.case_types.is_empty(),
        Key::Til => paper.til.is_none(),
        Key::Fra => paper.fra.is_none(),
        Key::Saksbehandler => paper.saksbehandlere.is_empty(),
        Key::Vedlegg => paper.vedlegg.is_empty(),
        Key::TidligereBehandlet => paper.tidligere_behandlet.is_empty(),
    }
}

fn set(paper: &mut Paper, key: Key, value: &str) {
    let value = value.trim();
    match key {
        Key::Type => {
            paper.case_types = value
                .split('/')
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect()
        }
        Key::Til => paper.til = Some(value.to_owned()),
        Key::Fra => paper.fra = Some(value.to_owned()),
        Key::Saksbehandler => {
            paper.saksbehandlere = value
                .split([',', '/'])
                .flat_map(|p| p.split(" og "))
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect()
        }
        Key::Vedlegg => paper.vedlegg = vedlegg_items(value),
        Key::TidligereBehandlet => {
            paper.tidligere_behandlet = CASE_REF_RE
                .find_iter(value)
                .filter_map(|m| parse_case_number(m.as_str()))
                .map(|(id, _)| id.slug())
                .collect()
        }
    }
}

/// "1. Invitasjonsbrev 2. Innspill" → [(1, "Invitasjonsbrev"), (2, "Innspill")].
fn vedlegg_items(text: &str) -> Vec<(u32, String)> {
    let marks: Vec<(usize, usize, u32)> = VEDLEGG_ITEM_RE
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            Some((whole.start(), whole.end(), c[1].parse().ok()?))
        })
        .collect();
    // Only a run 1, 2, 3 … counts as numbering ("møte 6/2022. 2. …" must not start item 2022).
    let mut items = Vec::new();
    let mut expected = 1;
    let mut kept: Vec<(usize, usize, u32)> = Vec::new();
    for m in marks {
        if m.2 == expected {
            kept.push(m);
            expected += 1;
        }
    }
    for (k, &(_, end, nr)) in kept.iter().enumerate() {
        let until = kept.get(k + 1).map_or(text.len(), |n| n.0);
        let title = text[end..until].trim().to_owned();
        if !title.is_empty() {
            items.push((nr, title));
        }
    }
    if items.is_empty() && !text.trim().is_empty() {
        items.push((1, text.trim().to_owned()));
    }
    items
}

impl Paper {
    /// The paper as found, for the report: where it is and what it is.
    pub fn found(&self) -> Found {
        Found {
            lines: self.lines,
            what: format!("{} {}", self.as_written, self.title),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_are_numbered_items() {
        assert_eq!(
            vedlegg_items(
                "1. Invitasjonsbrev fra Nasjonalt Eksportråd 2. Innspill til Nasjonalt Eksportråd"
            ),
            vec![
                (1, "Invitasjonsbrev fra Nasjonalt Eksportråd".to_owned()),
                (2, "Innspill til Nasjonalt Eksportråd".to_owned())
            ]
        );
        assert_eq!(
            vedlegg_items("1. Utkast referat fra møte 6/2022. 2. Notat"),
            vec![
                (1, "Utkast referat fra møte 6/2022.".to_owned()),
                (2, "Notat".to_owned())
            ]
        );
    }

    #[test]
    fn keys_in_one_table_row() {
        let row =
            cells("Til HelseOmsorg21-rådet\tSaksbehandler HO21-sekretariatet\tVedlegg 1. A 2. B");
        let keys: Vec<_> = row
            .iter()
            .filter_map(|c| key_of(c))
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, vec![Key::Til, Key::Saksbehandler, Key::Vedlegg]);
        assert!(key_of("Tilgang til helsedata").is_none());
    }
}
