//! `ho21 new …`: scaffolding for the secretariat. Every file it writes passes the check at once
//! and contains no placeholder text: fields still to be filled are absent, and the check or the
//! page says what is missing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::dates::Date;
use crate::diagnostics::Report;
use crate::ids::{CaseId, MeetingId};
use crate::model::{MeetingStatus, EVENT_KINDS, OUTPUT_KINDS};
use crate::site::Site;

/// The standard cases of every meeting, in order. The third approves the previous minutes; new
/// cases go before "Eventuelt".
const OPENING: [&str; 2] = [
    "Godkjenning av innkalling og saksliste",
    "Spørsmål om habilitet",
];
const AFTER_MINUTES: [&str; 2] = ["Orienteringer", "Oversikt meldinger og strategier"];
const CLOSING: [&str; 2] = ["Eventuelt", "Evaluering av møtet"];

pub struct NewMeeting {
    pub date: Date,
    pub number: Option<u32>,
    pub first_case: Option<u32>,
    pub time: Option<(String, String)>,
    pub place: Option<String>,
    pub address: Option<String>,
}

fn load(root: &Path) -> Result<Site, String> {
    let mut report = Report::default();
    let site = Site::load(root, &mut report).map_err(|e| e.0)?;
    if report.has_errors() {
        return Err(format!(
            "rett feilene først (kjør `ho21 check`):\n{}",
            report.render()
        ));
    }
    Ok(site)
}

fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if path.exists() {
        return Err(format!("{} finnes allerede", path.display()));
    }
    fs::write(path, text).map_err(|e| format!("kan ikke skrive {}: {e}", path.display()))
}

/// `date = …` for a new file, copied from the meeting's date; empty when the meeting has none.
fn date_line(meeting: &crate::site::Doc<crate::model::MeetingExtra>) -> String {
    meeting
        .front
        .date
        .as_ref()
        .map(|d| format!("date = {d}\n"))
        .unwrap_or_default()
}

/// Quotes a TOML string.
fn q(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn numbered_meetings(site: &Site) -> BTreeMap<(i32, u32), &String> {
    site.meetings
        .keys()
        .filter_map(|k| match MeetingId::from_slug(k)? {
            MeetingId::Numbered { year, number } => Some(((year, number), k)),
            MeetingId::Dated { .. } => None,
        })
        .collect()
}

/// Creates the meeting and its standard cases. Returns the files written.
pub fn new_meeting(root: &Path, m: &NewMeeting) -> Result<Vec<PathBuf>, String> {
    let site = load(root)?;
    let year = m.date.year;
    let meetings = numbered_meetings(&site);
    let number = m.number.unwrap_or_else(|| {
        meetings
            .keys()
            .filter(|(y, _)| *y == year)
            .map(|(_, n)| n + 1)
            .max()
            .unwrap_or(1)
    });
    let id = format!("{year}-{number}");
    if site.meetings.contains_key(&id) {
        return Err(format!(
            "møte {number}/{year} finnes allerede (content/moter/{id}.md)"
        ));
    }
    let last_case = site
        .cases
        .keys()
        .filter_map(|k| CaseId::from_slug(k))
        .filter(|c| c.year == year)
        .map(|c| c.number)
        .max();
    let first = match (m.first_case, number) {
        (Some(n), _) => n,
        (None, 1) => 1,
        (None, _) => last_case.map_or(1, |n| n + 1),
    };
    if let Some(taken) = site
        .cases
        .keys()
        .filter_map(|k| CaseId::from_slug(k))
        .find(|c| c.year == year && c.number >= first)
    {
        return Err(format!(
            "saksnummer {} i {year} er allerede brukt (sak {taken}); bruk --first-case",
            taken.number
        ));
    }
    let previous = meetings
        .range(..(year, number))
        .next_back()
        .map(|(_, k)| (*k).clone());

    let mut titles: Vec<String> = OPENING.iter().map(|s| s.to_string()).collect();
    titles.push(match &previous {
        Some(prev) => format!(
            "Godkjenning av referat fra møte {}",
            MeetingId::from_slug(prev).map_or(prev.clone(), |p| p.to_string())
        ),
        None => "Godkjenning av referat".to_owned(),
    });
    titles.extend(AFTER_MINUTES.iter().map(|s| s.to_string()));
    titles.extend(CLOSING.iter().map(|s| s.to_string()));

    let ids: Vec<String> = (0..titles.len() as u32)
        .map(|i| {
            CaseId {
                year,
                number: first + i,
                meeting: number,
            }
            .slug()
        })
        .collect();
    let mut written = Vec::new();
    let mut meeting = format!(
        "+++\ntitle = {}\ndate = {}\n[extra]\nnumber = {number}\nstatus = \"planned\"\n",
        q(&format!("Møte {number}/{year}")),
        m.date.iso()
    );
    if let Some((start, end)) = &m.time {
        meeting.push_str(&format!(
            "time_start = {}\ntime_end = {}\n",
            q(start),
            q(end)
        ));
    }
    if let Some(place) = &m.place {
        meeting.push_str(&format!("place = {}\n", q(place)));
    }
    if let Some(address) = &m.address {
        meeting.push_str(&format!("address = {}\n", q(address)));
    }
    meeting.push_str(&format!(
        "agenda = [{}]\n+++\n",
        ids.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ")
    ));
    let meeting_path = root.join(format!("content/moter/{id}.md"));
    write_new(&meeting_path, &meeting)?;
    written.push(meeting_path);

    for (i, (case_id, title)) in ids.iter().zip(&titles).enumerate() {
        let mut case = format!(
            "+++\ntitle = {}\ndate = {}\n[extra]\nmeeting = {}\n",
            q(title),
            m.date.iso(),
            q(&id)
        );
        if i == 2 {
            if let Some(prev) = &previous {
                case.push_str(&format!("approves_minutes_of = [{}]\n", q(prev)));
                if site.minutes.get(prev).is_some_and(|d| !d.front.draft) {
                    let label = MeetingId::from_slug(prev).map_or(prev.clone(), |p| p.to_string());
                    case.push_str(&format!(
                        "\n[[extra.vedlegg]]\nnr = 1\ntitle = {}\npresent = true\nlink = {}\n",
                        q(&format!("Utkast referat fra møte {label}")),
                        q(&format!("@/referater/{prev}.md"))
                    ));
                }
            }
        }
        case.push_str("+++\n");
        let path = root.join(format!("content/saker/{case_id}.md"));
        write_new(&path, &case)?;
        written.push(path);
    }
    Ok(written)
}

/// Adds a case before "Eventuelt" of a planned meeting, moving the closing cases one number up.
pub fn new_case(root: &Path, meeting: &str, title: &str) -> Result<Vec<PathBuf>, String> {
    let site = load(root)?;
    let doc = site
        .meetings
        .get(meeting)
        .ok_or_else(|| format!("møtet «{meeting}» finnes ikke"))?;
    if doc.front.extra.status != MeetingStatus::Planned {
        return Err(format!(
            "møte {meeting} er ikke planlagt lenger; saksnumrene er låst"
        ));
    }
    let Some(MeetingId::Numbered { year, number }) = MeetingId::from_slug(meeting) else {
        return Err(format!("«{meeting}» er ikke et nummerert møte"));
    };
    if numbered_meetings(&site)
        .keys()
        .any(|(y, n)| *y == year && *n > number)
    {
        return Err(format!(
            "det finnes et senere møte i {year}; nye saker kan ikke skyve på numrene der"
        ));
    }
    let agenda = doc.front.extra.agenda.clone();
    let position = agenda
        .iter()
        .position(|id| {
            site.cases
                .get(id)
                .is_some_and(|c| c.title().starts_with("Eventuelt"))
        })
        .unwrap_or(agenda.len());
    let first = agenda
        .first()
        .and_then(|id| CaseId::from_slug(id))
        .map_or(1, |c| c.number);
    let new_number = first + position as u32;
    let new_id = CaseId {
        year,
        number: new_number,
        meeting: number,
    }
    .slug();

    // Move the cases after the insertion point one number up, last first.
    let mut moved = Vec::new();
    let mut new_agenda: Vec<String> = agenda[..position].to_vec();
    new_agenda.push(new_id.clone());
    for id in agenda[position..].iter() {
        let case = CaseId::from_slug(id).ok_or_else(|| format!("«{id}» er ikke en saks-id"))?;
        new_agenda.push(
            CaseId {
                number: case.number + 1,
                ..case
            }
            .slug(),
        );
    }
    for (old, new) in agenda[position..]
        .iter()
        .zip(&new_agenda[position + 1..])
        .rev()
    {
        let from = root.join(format!("content/saker/{old}.md"));
        let to = root.join(format!("content/saker/{new}.md"));
        fs::rename(&from, &to).map_err(|e| format!("kan ikke flytte {}: {e}", from.display()))?;
        moved.push(to);
    }
    let date = date_line(doc);
    let path = root.join(format!("content/saker/{new_id}.md"));
    write_new(
        &path,
        &format!(
            "+++\ntitle = {}\n{date}[extra]\nmeeting = {}\n+++\n",
            q(title),
            q(meeting)
        ),
    )?;

    // Rewrite the agenda line in the meeting file.
    let meeting_path = root.join(format!("content/moter/{meeting}.md"));
    let text = fs::read_to_string(&meeting_path).map_err(|e| e.to_string())?;
    let old_line = text
        .lines()
        .find(|l| l.trim_start().starts_with("agenda"))
        .ok_or("fant ikke `agenda` i møtet")?;
    if !old_line.trim_end().ends_with(']') {
        return Err("`agenda` må stå på én linje for at saker kan legges til automatisk".into());
    }
    let new_line = format!(
        "agenda = [{}]",
        new_agenda
            .iter()
            .map(|i| q(i))
            .collect::<Vec<_>>()
            .join(", ")
    );
    fs::write(&meeting_path, text.replacen(old_line, &new_line, 1)).map_err(|e| e.to_string())?;
    let mut written = vec![path, meeting_path];
    written.extend(moved);
    Ok(written)
}

/// Creates draft minutes for a meeting: not built until `draft = false`.
pub fn new_minutes(root: &Path, meeting: &str) -> Result<Vec<PathBuf>, String> {
    let site = load(root)?;
    let doc = site
        .meetings
        .get(meeting)
        .ok_or_else(|| format!("møtet «{meeting}» finnes ikke"))?;
    let label = MeetingId::from_slug(meeting).map_or(meeting.to_owned(), |m| m.to_string());
    let date = date_line(doc);
    let path = root.join(format!("content/referater/{meeting}.md"));
    write_new(
        &path,
        &format!(
            "+++\ntitle = {}\n{date}# Publiseres ikke før draft = false; da vises det som «Utkast til referat».\ndraft = true\n[extra]\nmeeting = {}\nstatus = \"draft\"\n+++\n",
            q(&format!("Referat fra møte {label}")),
            q(meeting)
        ),
    )?;
    Ok(vec![path])
}

/// `æ`→`ae`, `ø`→`o`, `å`→`a`, other non-alphanumerics → `-`.
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.to_lowercase().chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push('o'),
            'å' | 'á' | 'à' | 'ä' => out.push('a'),
            'é' | 'è' | 'ê' => out.push('e'),
            'ö' | 'ó' => out.push('o'),
            'ü' | 'ú' => out.push('u'),
            'í' => out.push('i'),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {
                if !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    let slug = out.trim_matches('-');
    let mut cut = slug.chars().take(60).collect::<String>();
    while cut.ends_with('-') {
        cut.pop();
    }
    cut
}

pub struct NewDated<'a> {
    pub date: Date,
    pub kind: &'a str,
    pub title: &'a str,
    pub decided_by: Option<&'a str>,
}

pub fn new_output(root: &Path, o: &NewDated) -> Result<Vec<PathBuf>, String> {
    if !OUTPUT_KINDS.contains(&o.kind) {
        return Err(format!("--kind må være en av: {}", OUTPUT_KINDS.join(", ")));
    }
    let site = load(root)?;
    let mut extra = format!("kind = {}\nstatus = \"published\"\n", q(o.kind));
    if let Some(case) = o.decided_by {
        if !site.cases.contains_key(case) {
            return Err(format!("saken «{case}» finnes ikke"));
        }
        extra.push_str(&format!("decided_by = [{}]\n", q(case)));
    }
    dated_page(root, "mener", o, &extra)
}

pub fn new_event(root: &Path, e: &NewDated) -> Result<Vec<PathBuf>, String> {
    if !EVENT_KINDS.contains(&e.kind) {
        return Err(format!("--kind må være en av: {}", EVENT_KINDS.join(", ")));
    }
    load(root)?;
    dated_page(
        root,
        "arrangementer",
        e,
        &format!("kind = {}\nown = true\nstatus = \"planned\"\n", q(e.kind)),
    )
}

fn dated_page(
    root: &Path,
    folder: &str,
    p: &NewDated,
    extra: &str,
) -> Result<Vec<PathBuf>, String> {
    let slug = slugify(p.title);
    if slug.is_empty() {
        return Err("--title må ha minst én bokstav".into());
    }
    let path = root.join(format!("content/{folder}/{}-{slug}.md", p.date.iso()));
    write_new(
        &path,
        &format!(
            "+++\ntitle = {}\ndate = {}\n[extra]\n{extra}+++\n",
            q(p.title),
            p.date.iso()
        ),
    )?;
    Ok(vec![path])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Høringssvar til NOU 2025: 8 Folkehelse – verdier"),
            "horingssvar-til-nou-2025-8-folkehelse-verdier"
        );
        assert_eq!(
            slugify("Frokostmøte: Forebygging og folkehelsearbeid i kommunene"),
            "frokostmote-forebygging-og-folkehelsearbeid-i-kommunene"
        );
        assert_eq!(slugify("Årsrapport"), "arsrapport");
    }
}
