//! Case and meeting numbers: parsing every form the council writes, and finding mentions of
//! cases and meetings in running text.
//!
//! A case number is `N/M/YYYY`: running number N within the year, meeting M of the year, year.
//! Minutes write `N/M/YY`; one source writes `N.M.YY`. Ids in file names are `N-M-YYYY` (case)
//! and `YYYY-M` (meeting).

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CaseId {
    pub year: i32,
    pub number: u32,
    pub meeting: u32,
}

/// How a case number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    /// `48/6/2022`
    Full,
    /// `48/6/22`
    ShortYear,
    /// `53.6.22` (or `53.6.2022`)
    Dotted,
}

impl CaseId {
    /// The id used in file names and URLs: `48-6-2022`.
    pub fn slug(&self) -> String {
        format!("{}-{}-{}", self.number, self.meeting, self.year)
    }

    /// The meeting id this case belongs to by its number: `2022-6`.
    pub(crate) fn meeting_id(&self) -> MeetingId {
        MeetingId::Numbered {
            year: self.year,
            number: self.meeting,
        }
    }

    /// Parses a file-name id `N-M-YYYY`.
    pub fn from_slug(s: &str) -> Option<CaseId> {
        let mut parts = s.split('-');
        let number = parse_small(parts.next()?)?;
        let meeting = parse_small(parts.next()?)?;
        let year = parse_year4(parts.next()?)?;
        if parts.next().is_some() || number == 0 || meeting == 0 {
            return None;
        }
        Some(CaseId {
            year,
            number,
            meeting,
        })
    }
}

/// Shown as on the site: `48/6/2022`.
impl fmt::Display for CaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.number, self.meeting, self.year)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeetingId {
    /// `2022-6` = møte 6/2022.
    Numbered { year: i32, number: u32 },
    /// An unnumbered meeting known by its date: `2020-02-03`.
    Dated { year: i32, month: u32, day: u32 },
}

impl MeetingId {
    pub fn from_slug(s: &str) -> Option<MeetingId> {
        let parts: Vec<&str> = s.split('-').collect();
        match parts.as_slice() {
            [y, n] => {
                let number = parse_small(n)?;
                (number > 0 && !n.starts_with('0')).then_some(MeetingId::Numbered {
                    year: parse_year4(y)?,
                    number,
                })
            }
            [y, m, d] if m.len() == 2 && d.len() == 2 => {
                let (month, day) = (parse_small(m)?, parse_small(d)?);
                let year = parse_year4(y)?;
                crate::dates::is_valid_date(year, month, day).then_some(MeetingId::Dated {
                    year,
                    month,
                    day,
                })
            }
            _ => None,
        }
    }

    pub fn slug(&self) -> String {
        match self {
            MeetingId::Numbered { year, number } => format!("{year}-{number}"),
            MeetingId::Dated { year, month, day } => format!("{year}-{month:02}-{day:02}"),
        }
    }
}

/// Shown as on the site: `6/2022`, or the date of an unnumbered meeting.
impl fmt::Display for MeetingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeetingId::Numbered { year, number } => write!(f, "{number}/{year}"),
            MeetingId::Dated { year, month, day } => write!(f, "{day}.{month}.{year}"),
        }
    }
}

fn parse_small(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_year4(s: &str) -> Option<i32> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Two-digit years are this century: the council was founded in 2014.
fn expand_year(s: &str) -> Option<i32> {
    match s.len() {
        2 if s.bytes().all(|b| b.is_ascii_digit()) => s.parse::<i32>().ok().map(|y| 2000 + y),
        4 => parse_year4(s),
        _ => None,
    }
}

/// Parses a case number as the council writes it, with or without a leading "Sak":
/// `Sak 48/6/2022`, `48/6/22`, `sak 53.6.22`, `**Sak 30/3/25**`.
pub fn parse_case_number(s: &str) -> Option<(CaseId, NumberFormat)> {
    let s = s.trim().trim_matches('*').trim();
    let s = strip_prefix_ci(s, "sak").map_or(s, str::trim_start);
    let (sep, format) = if s.contains('/') {
        ('/', None)
    } else {
        ('.', Some(NumberFormat::Dotted))
    };
    let parts: Vec<&str> = s.split(sep).collect();
    let [n, m, y] = parts.as_slice() else {
        return None;
    };
    let number = parse_small(n)?;
    let meeting = parse_small(m)?;
    let year = expand_year(y)?;
    if number == 0 || meeting == 0 || meeting > 12 {
        return None;
    }
    let format = format.unwrap_or(if y.len() == 2 {
        NumberFormat::ShortYear
    } else {
        NumberFormat::Full
    });
    Some((
        CaseId {
            year,
            number,
            meeting,
        },
        format,
    ))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// A mention of a case or meeting in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub target: Target,
    /// Byte range of the whole mention ("sak 29/3/22") in the text.
    pub start: usize,
    pub end: usize,
    /// Byte range of the number part ("29/3/22").
    pub number_start: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Case(CaseId, NumberFormat),
    Meeting(MeetingId),
}

/// Which ends of a match had a word boundary (`\b`) in the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edges {
    Both,
    Start,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text[start..end]` also has a Unicode word boundary at the given ends.
///
/// The patterns here use ASCII word boundaries, `(?-u:\b)`: with Unicode ones the regex crate
/// cannot use its fast engines on non-ASCII text (every Norwegian text) and spends most of the
/// content check deciding whether `æ`, `ø` and `å` are letters. The two kinds differ only next
/// to a non-ASCII letter or digit ("årsak 1/2/2025"), which this rejects, so the matches are
/// exactly those of `\b`.
pub(crate) fn word_bounded(text: &str, start: usize, end: usize, edges: Edges) -> bool {
    let matched = &text[start..end];
    let starts_in_word = matched.chars().next().is_some_and(is_word);
    if starts_in_word && text[..start].chars().next_back().is_some_and(is_word) {
        return false;
    }
    let ends_in_word = matched.chars().next_back().is_some_and(is_word);
    !(edges == Edges::Both && ends_in_word && text[end..].chars().next().is_some_and(is_word))
}

static CASE_MENTION_RE: LazyLock<Regex> = regex!(
    r"(?i)(?-u:\b)(?:sak(?:en|ene)?|saker|saksnr\.?)\s+(\d{1,3}(?:/\d{1,2}/(?:\d{4}|\d{2})|\.\d{1,2}\.(?:\d{4}|\d{2})))(?-u:\b)"
);

static MEETING_MENTION_RE: LazyLock<Regex> =
    regex!(r"(?i)(?-u:\b)(?:råds)?møte(?:t|ne)?\s+(?:nr\.?\s*)?(\d{1,2})/(\d{4})(?-u:\b)");

/// Front-matter keys whose values quote the source as printed, mistakes and all (numbers as
/// written, anomaly texts, title variants): a number there is not a mention.
const QUOTING_KEYS: &[&str] = &["number_as_written", "text =", "title_variants"];

/// Whether a front-matter line holds one of the [`QUOTING_KEYS`].
pub(crate) fn quotes_the_source(line: &str) -> bool {
    let key = line.trim_start();
    QUOTING_KEYS.iter().any(|k| key.starts_with(k))
}

/// Finds every mention of a case ("Sak 37/3/2025", "sak 29/3/22", "sak 53.6.22") or a meeting
/// ("møte 3/2025", "rådsmøte 1/2026") in `text`, in order.
pub fn find_mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    // Every mention has a number; most texts (a heading, a name, a menu entry) have none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for caps in CASE_MENTION_RE.captures_iter(text) {
        let (Some(all), Some(num)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if !word_bounded(text, all.start(), all.end(), Edges::Both) {
            continue;
        }
        if let Some((id, format)) = parse_case_number(num.as_str()) {
            out.push(Mention {
                target: Target::Case(id, format),
                start: all.start(),
                end: all.end(),
                number_start: num.start(),
            });
        }
    }
    for caps in MEETING_MENTION_RE.captures_iter(text) {
        let (Some(all), Some(n), Some(y)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        if !word_bounded(text, all.start(), all.end(), Edges::Both) {
            continue;
        }
        let (Ok(number), Ok(year)) = (n.as_str().parse::<u32>(), y.as_str().parse::<i32>()) else {
            continue;
        };
        if number == 0 {
            continue;
        }
        out.push(Mention {
            target: Target::Meeting(MeetingId::Numbered { year, number }),
            start: all.start(),
            end: all.end(),
            number_start: n.start(),
        });
    }
    out.sort_by_key(|m| m.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(n: u32, m: u32, y: i32) -> CaseId {
        CaseId {
            year: y,
            number: n,
            meeting: m,
        }
    }

    #[test]
    fn parses_every_form_in_the_sources() {
        let cases = [
            ("Sak 48/6/2022", case(48, 6, 2022), NumberFormat::Full),
            ("Sak 48/6/21", case(48, 6, 2021), NumberFormat::ShortYear),
            ("53.6.22", case(53, 6, 2022), NumberFormat::Dotted),
            (
                "**Sak 30/3/25**",
                case(30, 3, 2025),
                NumberFormat::ShortYear,
            ),
            ("sak 29/3/22", case(29, 3, 2022), NumberFormat::ShortYear),
            ("Sak 10/1/2025", case(10, 1, 2025), NumberFormat::Full),
        ];
        for (raw, id, format) in cases {
            assert_eq!(parse_case_number(raw), Some((id, format)), "{raw}");
        }
    }

    #[test]
    fn mentions_need_unicode_word_boundaries() {
        let found = |text: &str| find_mentions(text).len();
        assert_eq!(found("Sak 37/3/2025 og møte 3/2025."), 2);
        // The ASCII boundary of the pattern alone would accept these.
        assert_eq!(found("årsak 37/3/2025"), 0);
        assert_eq!(found("sak 37/3/2025å"), 0);
        assert_eq!(found("Åmøte 3/2025"), 0);
        assert_eq!(found("(sak 37/3/2025)"), 1);
        assert_eq!(found("«Rådsmøte 1/2026»"), 1);
    }

    #[test]
    fn rejects_non_numbers() {
        for raw in [
            "",
            "Sak",
            "48/6",
            "48/0/2022",
            "0/1/2022",
            "48/6/202",
            "48/6/2022/1",
            "a/b/c",
            "48/13/2022",
        ] {
            assert_eq!(parse_case_number(raw), None, "{raw}");
        }
    }

    #[test]
    fn slugs_round_trip() {
        let id = case(38, 3, 2025);
        assert_eq!(id.slug(), "38-3-2025");
        assert_eq!(CaseId::from_slug("38-3-2025"), Some(id));
        assert_eq!(id.to_string(), "38/3/2025");
        assert_eq!(CaseId::from_slug("38-3-25"), None);
        let m = MeetingId::from_slug("2022-6").unwrap();
        assert_eq!(m.slug(), "2022-6");
        assert_eq!(m.to_string(), "6/2022");
        assert_eq!(
            MeetingId::from_slug("2020-02-03").unwrap().slug(),
            "2020-02-03"
        );
        assert_eq!(MeetingId::from_slug("2020-02-30"), None);
        assert_eq!(MeetingId::from_slug("2022-06"), None);
    }

    #[test]
    fn finds_mentions_in_text() {
        let text = "Saken er en oppfølging av Sak 37/3/2025, se også sak 29/3/22 og referat fra møte 3/2025 (rådsmøte 1/2026), digitalt t.o.m. sak 53.6.22.";
        let found: Vec<String> = find_mentions(text)
            .iter()
            .map(|m| text[m.start..m.end].to_owned())
            .collect();
        assert_eq!(
            found,
            [
                "Sak 37/3/2025",
                "sak 29/3/22",
                "møte 3/2025",
                "rådsmøte 1/2026",
                "sak 53.6.22"
            ]
        );
    }

    #[test]
    fn ignores_dates_and_amounts() {
        assert!(
            find_mentions("Møtet 28.11.2022 kl. 10.00, 5/2 av budsjettet, 27,2 mrd.").is_empty()
        );
    }
}
