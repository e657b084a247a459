//! `ho21 new …` and `ho21 approve`: scaffolding for the secretariat. Every input is checked
//! before anything is written, and each command writes all its files or none ([`changes`]).
//! Files are built and edited as TOML documents (toml_edit), so values are always quoted right and
//! the person's comments and field order survive. What the tools know is filled in: the standard
//! cases and their texts from `data/standardsaker.toml`, the attendance from the previous
//! meeting and `data/personer.toml`, the proposed decision as the start of each decision. What
//! only a person knows stays absent, and the check or the page says what is missing.

pub mod changes;
pub mod standard;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table};

use crate::dates::{is_valid_time, Date};
use crate::diagnostics::Report;
use crate::errors::{Error, Result};
use crate::ids::{CaseId, MeetingId};
use crate::model::{MeetingStatus, MinutesStatus, Role, EVENT_KINDS, OUTPUT_KINDS};
use crate::site::Site;
use crate::urls;
use changes::{edit_front, extra, page, Changes};
use standard::{Standard, PREVIOUS};

pub struct NewMeeting {
    pub date: Date,
    pub number: Option<u32>,
    pub first_case: Option<u32>,
    /// As given after `--time`, e.g. `10:00-15:00`.
    pub time: Option<String>,
    pub place: Option<String>,
    pub address: Option<String>,
}

fn load(root: &Path) -> Result<Site> {
    let mut report = Report::default();
    let site = Site::load(root, &mut report)?;
    if report.has_errors() {
        return Err(format!(
            "rett feilene først (kjør `ho21 check`):\n{}",
            report.render()
        )
        .into());
    }
    Ok(site)
}

/// One line of text for a title, place or address: not empty, no line break.
fn one_line(option: &str, text: &str, problems: &mut Vec<String>) {
    if text.trim().is_empty() {
        problems.push(format!(
            "{option} er tom; skriv teksten mellom anførselstegn, f.eks. {option} \"…\""
        ));
    } else if text.contains(['\n', '\r']) {
        problems.push(format!(
            "{option} har et linjeskift; skriv teksten på én linje"
        ));
    } else if text.chars().any(|c| c.is_control() && c != '\t') {
        problems.push(format!(
            "{option} har et usynlig kontrolltegn; skriv teksten på nytt"
        ));
    }
}

/// `10:00-15:00` → (`10:00`, `15:00`), both real times, the end after the start.
fn parse_time(raw: &str) -> Result<(String, String)> {
    let hint = "skriv --time som 10:00-15:00 (timer 00–23, minutter 00–59)";
    let (start, end) = raw
        .split_once('-')
        .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
        .ok_or_else(|| format!("--time «{raw}» mangler bindestrek; {hint}"))?;
    for t in [&start, &end] {
        if !is_valid_time(t) {
            return Err(format!("--time: «{t}» er ikke et klokkeslett; {hint}").into());
        }
    }
    if end <= start {
        return Err(format!("--time: slutten {end} er ikke etter starten {start}; {hint}").into());
    }
    Ok((start, end))
}

/// The standard cases and the site; when either fails to load, all the problems so far.
fn load_both(root: &Path, problems: &mut Vec<String>) -> Result<(Standard, Site)> {
    match (Standard::load(root), load(root)) {
        (Ok(standard), Ok(site)) => Ok((standard, site)),
        (standard, site) => {
            problems.extend(standard.err().map(|e| e.to_string()));
            problems.extend(site.err().map(|e| e.to_string()));
            Err(refusal(problems))
        }
    }
}

fn fail_if_any(problems: Vec<String>) -> Result<()> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(refusal(&problems))
    }
}

fn refusal(problems: &[String]) -> Error {
    Error::msg(format!("{}\ningenting er endret", problems.join("\n")))
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

fn label(meeting: &str) -> String {
    MeetingId::from_slug(meeting).map_or(meeting.to_owned(), |m| m.to_string())
}

fn date_value(date: &Date) -> Item {
    value(
        date.iso()
            .parse::<toml_edit::Datetime>()
            .expect("an ISO date is a TOML date"),
    )
}

fn strings<'a>(items: impl IntoIterator<Item = &'a String>) -> Item {
    value(items.into_iter().map(String::as_str).collect::<Array>())
}

/// Front matter with `title`, `date` (when known) and an empty `[extra]`.
fn new_doc(title: &str, date: Option<&Date>) -> DocumentMut {
    let mut doc = DocumentMut::new();
    doc["title"] = value(title);
    if let Some(date) = date {
        doc["date"] = date_value(date);
    }
    doc["extra"] = toml_edit::table();
    doc
}

/// Creates the meeting and its standard cases. Returns what was written.
pub fn new_meeting(root: &Path, m: &NewMeeting) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    if m.number == Some(0) {
        problems.push("--number 0: møtene nummereres fra 1".to_owned());
    }
    if m.first_case == Some(0) {
        problems.push("--first-case 0: sakene nummereres fra 1".to_owned());
    }
    let time = match m.time.as_deref().map(parse_time).transpose() {
        Ok(t) => t,
        Err(e) => {
            problems.push(e.one_line());
            None
        }
    };
    for (option, text) in [("--place", &m.place), ("--address", &m.address)] {
        if let Some(text) = text {
            one_line(option, text, &mut problems);
        }
    }
    let (standard, site) = load_both(root, &mut problems)?;
    fail_if_any(problems)?;

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
            "møte {number}/{year} finnes allerede (content/moter/{id}.md); ingenting er endret"
        )
        .into());
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
            "saksnummer {} i {year} er allerede brukt (sak {taken}); bruk --first-case; ingenting er endret",
            taken.number
        ).into());
    }
    let previous = meetings
        .range(..(year, number))
        .next_back()
        .map(|(_, k)| (*k).clone());
    let previous_label = previous.as_deref().map_or("forrige møte".to_owned(), label);

    let ids: Vec<String> = (0..standard.standardsak.len() as u32)
        .map(|i| {
            CaseId {
                year,
                number: first + i,
                meeting: number,
            }
            .slug()
        })
        .collect();
    let mut changes = Changes::new(root);
    let mut meeting = new_doc(&format!("Møte {number}/{year}"), Some(&m.date));
    let e = extra(&mut meeting)?;
    e["number"] = value(i64::from(number));
    e["status"] = value("planned");
    if let Some((start, end)) = &time {
        e["time_start"] = value(start.as_str());
        e["time_end"] = value(end.as_str());
    }
    if let Some(place) = &m.place {
        e["place"] = value(place.trim());
    }
    if let Some(address) = &m.address {
        e["address"] = value(address.trim());
    }
    e["agenda"] = strings(&ids);
    changes.create(urls::source(urls::MEETINGS, &id), page(&meeting));

    for (case_id, s) in ids.iter().zip(&standard.standardsak) {
        let fill = |text: &str| text.replace(PREVIOUS, &previous_label);
        let mut case = new_doc(&fill(&s.title), Some(&m.date));
        let e = extra(&mut case)?;
        e["meeting"] = value(id.as_str());
        if let Some(til) = s.til(&standard.alle_saker) {
            e["til"] = value(til);
        }
        if let Some(fra) = s.fra(&standard.alle_saker) {
            e["fra"] = value(fra);
        }
        if !s.saksbehandlere(&standard.alle_saker).is_empty() {
            e["saksbehandlere"] = strings(s.saksbehandlere(&standard.alle_saker));
        }
        if !s.case_types.is_empty() {
            e["case_types"] = value(
                s.case_types
                    .iter()
                    .map(|t| format!("{t:?}"))
                    .collect::<Array>(),
            );
        }
        if s.has_paper {
            e["has_paper"] = value(true);
        }
        if let Some(forslag) = &s.forslag_til_vedtak {
            e["forslag_til_vedtak"] = value(fill(forslag));
        }
        if s.approves_previous_minutes {
            if let Some(prev) = &previous {
                e["approves_minutes_of"] = strings([prev]);
                if site.minutes.get(prev).is_some_and(|d| !d.front.draft) {
                    let mut vedlegg = Table::new();
                    vedlegg["nr"] = value(1);
                    vedlegg["title"] = value(format!("Utkast referat fra møte {}", label(prev)));
                    vedlegg["present"] = value(true);
                    vedlegg["link"] = value(format!("@/referater/{prev}.md"));
                    let mut list = ArrayOfTables::new();
                    list.push(vedlegg);
                    e["vedlegg"] = Item::ArrayOfTables(list);
                }
            }
        }
        changes.create(urls::source(urls::CASES, case_id), page(&case));
    }
    changes.commit()
}

/// Adds a case before the standard case marked `new_cases_before` ("Eventuelt") of a planned
/// meeting; the cases after it move one number up, and every mention of them in the content
/// moves with them.
pub fn new_case(root: &Path, meeting: &str, title: &str) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    one_line("--title", title, &mut problems);
    let (standard, site) = load_both(root, &mut problems)?;
    let Some(doc) = site.meetings.get(meeting) else {
        problems.push(format!(
            "møtet «{meeting}» finnes ikke (skriv --meeting som ÅÅÅÅ-N, f.eks. 2026-2)"
        ));
        return fail_if_any(problems).map(|()| Vec::new());
    };
    fail_if_any(problems)?;
    if doc.front.extra.status != MeetingStatus::Planned {
        return Err(format!(
            "møte {meeting} er ikke planlagt lenger; saksnumrene er låst, og ingenting er endret"
        )
        .into());
    }
    let Some(MeetingId::Numbered { year, number }) = MeetingId::from_slug(meeting) else {
        return Err(format!("«{meeting}» er ikke et nummerert møte").into());
    };
    if numbered_meetings(&site)
        .keys()
        .any(|(y, n)| *y == year && *n > number)
    {
        return Err(format!(
            "det finnes et senere møte i {year}; nye saker kan ikke skyve på numrene der, og ingenting er endret"
        ).into());
    }
    let before = standard.standardsak.iter().find(|s| s.new_cases_before);
    let agenda = doc.front.extra.agenda.clone();
    let position = agenda
        .iter()
        .position(|id| {
            before.is_some_and(|s| site.cases.get(id).is_some_and(|c| c.title() == s.title))
        })
        .unwrap_or(agenda.len());
    let first = agenda
        .first()
        .and_then(|id| CaseId::from_slug(id))
        .map_or(1, |c| c.number);
    let new_id = CaseId {
        year,
        number: first + position as u32,
        meeting: number,
    }
    .slug();

    // The cases after the insertion point, each one number up.
    let mut renumbered: HashMap<u32, u32> = HashMap::new();
    let mut new_agenda: Vec<String> = agenda[..position].to_vec();
    new_agenda.push(new_id.clone());
    for id in &agenda[position..] {
        let case = CaseId::from_slug(id).ok_or_else(|| format!("«{id}» er ikke en saks-id"))?;
        renumbered.insert(case.number, case.number + 1);
        new_agenda.push(
            CaseId {
                number: case.number + 1,
                ..case
            }
            .slug(),
        );
    }
    let mentions = Mentions::new(year, number, renumbered);

    let mut changes = Changes::new(root);
    let mut case = new_doc(
        title.trim(),
        doc.front
            .date
            .as_ref()
            .and_then(|d| Date::from_toml(d).ok())
            .as_ref(),
    );
    let e = extra(&mut case)?;
    e["meeting"] = value(meeting);
    if let Some(til) = &standard.alle_saker.til {
        e["til"] = value(til.as_str());
    }
    if let Some(fra) = &standard.alle_saker.fra {
        e["fra"] = value(fra.as_str());
    }
    if !standard.alle_saker.saksbehandlere.is_empty() {
        e["saksbehandlere"] = strings(&standard.alle_saker.saksbehandlere);
    }
    changes.create(urls::source(urls::CASES, &new_id), page(&case));

    let meeting_rel = urls::source(urls::MEETINGS, meeting);
    let moved: BTreeMap<String, String> = agenda[position..]
        .iter()
        .cloned()
        .zip(new_agenda[position + 1..].iter().cloned())
        .collect();
    // Every content file that mentions a moved case, the moved cases and the meeting included.
    for (rel, text) in site
        .documents()
        .map(|(_, _, f, _)| (f.rel.clone(), f.text.clone()))
    {
        let (text, count) = mentions.apply(&text);
        let stem = Path::new(&rel)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let is_case = rel.starts_with("content/saker/");
        if is_case && moved.contains_key(&stem) {
            let to = &moved[&stem];
            changes.rename(
                rel.clone(),
                urls::source(urls::CASES, to),
                text,
                format!(
                    "sak {} er nå sak {}",
                    stem.replace('-', "/"),
                    to.replace('-', "/")
                ),
            );
        } else if rel == meeting_rel {
            let text = changes::edit_front_text(&rel, &text, |d| {
                extra(d)?["agenda"] = strings(&new_agenda);
                Ok(())
            })?;
            changes.update(
                rel,
                text,
                format!("ny sak {} i sakslisten", new_id.replace('-', "/")),
            );
        } else if count > 0 {
            changes.update(
                rel,
                text,
                format!("{count} omtaler av saker som fikk nytt nummer er rettet"),
            );
        }
    }
    changes.commit()
}

/// Case numbers of one meeting that move, and their mentions in text and ids: `19-2-2026`,
/// `Sak 19/2/2026`, `sak 19/2/26`.
struct Mentions {
    patterns: Vec<regex::Regex>,
    moved: HashMap<u32, u32>,
}

impl Mentions {
    fn new(year: i32, meeting: u32, moved: HashMap<u32, u32>) -> Mentions {
        let short = year % 100;
        let patterns = [
            format!(r"(^|[^0-9/.-])([0-9]+)(-{meeting}-{year})\b"),
            format!(r"(^|[^0-9/.-])([0-9]+)(/{meeting}/(?:{year}|{short:02}))\b"),
        ]
        .iter()
        .map(|p| regex::Regex::new(p).expect("valid pattern"))
        .collect();
        Mentions { patterns, moved }
    }

    /// The text with every mention moved (in one pass, so 18→19 and 19→20 do not chain), and how
    /// many changed.
    fn apply(&self, text: &str) -> (String, usize) {
        if self.moved.is_empty() {
            return (text.to_owned(), 0);
        }
        let mut count = 0;
        let mut out = text.to_owned();
        for re in &self.patterns {
            out = re
                .replace_all(&out, |c: &regex::Captures| {
                    let n: u32 = c[2].parse().unwrap_or(0);
                    match self.moved.get(&n) {
                        Some(to) => {
                            count += 1;
                            format!("{}{to}{}", &c[1], &c[3])
                        }
                        None => c[0].to_owned(),
                    }
                })
                .into_owned();
        }
        (out, count)
    }
}

/// The attendance of the latest earlier meeting that has one: everyone present, name, `org` and
/// `role` from `data/personer.toml` where it has them. Substitutes and guests stand in for one
/// meeting only and are left out.
fn attendance_from_previous(site: &Site, meeting: &str) -> ArrayOfTables {
    let mut list = ArrayOfTables::new();
    let Some(MeetingId::Numbered { year, number }) = MeetingId::from_slug(meeting) else {
        return list;
    };
    let previous = numbered_meetings(site)
        .range(..(year, number))
        .rev()
        .map(|(_, k)| &site.meetings[*k])
        .find(|d| !d.front.extra.attendance.is_empty());
    let Some(previous) = previous else {
        return list;
    };
    for a in &previous.front.extra.attendance {
        if matches!(a.role, Role::Substitute | Role::Guest) {
            continue;
        }
        let person = site
            .people
            .iter()
            .find(|p| p.name == a.name || p.aliases.contains(&a.name));
        let role = person.and_then(|p| p.role).unwrap_or(a.role);
        if matches!(role, Role::Substitute | Role::Guest) {
            continue;
        }
        let mut entry = Table::new();
        entry["name"] = value(person.map_or(a.name.as_str(), |p| p.name.as_str()));
        if let Some(org) = person.and_then(|p| p.org.as_deref()).or(a.org.as_deref()) {
            entry["org"] = value(org);
        }
        entry["role"] = value(format!("{role:?}").to_lowercase());
        entry["status"] = value("present");
        list.push(entry);
    }
    list
}

/// Draft minutes for a meeting (not built until `draft = false`), and the meeting as held: the
/// previous meeting's attendance, every case `in_minutes`, each decision started as the proposal.
pub fn new_minutes(root: &Path, meeting: &str) -> Result<Vec<String>> {
    let site = load(root)?;
    let doc = site.meetings.get(meeting).ok_or_else(|| {
        format!("møtet «{meeting}» finnes ikke (skriv --meeting som ÅÅÅÅ-N, f.eks. 2026-2)")
    })?;
    if site.minutes.contains_key(meeting) {
        return Err(
            format!("content/referater/{meeting}.md finnes allerede; ingenting er endret").into(),
        );
    }
    if doc.front.extra.status == MeetingStatus::Stub {
        return Err(format!(
            "møte {meeting} er bare kjent fra omtaler (status = \"stub\"); gi det saksliste og status = \"planned\" først"
        ).into());
    }
    let mut changes = Changes::new(root);
    let mut minutes = new_doc(
        &format!("Referat fra møte {}", label(meeting)),
        doc.front
            .date
            .as_ref()
            .and_then(|d| Date::from_toml(d).ok())
            .as_ref(),
    );
    minutes["draft"] = value(true);
    minutes
        .key_mut("draft")
        .expect("just set")
        .leaf_decor_mut()
        .set_prefix(
            "# Publiseres ikke før draft = false; da vises det som «Utkast til referat».\n",
        );
    let e = extra(&mut minutes)?;
    e["meeting"] = value(meeting);
    e["status"] = value("draft");
    changes.create(urls::source(urls::MINUTES, meeting), page(&minutes));

    let attendance = if doc.front.extra.attendance.is_empty() {
        attendance_from_previous(&site, meeting)
    } else {
        ArrayOfTables::new()
    };
    let copied = attendance.len();
    let meeting_rel = doc.file.rel.clone();
    let text = edit_front(root, &meeting_rel, |d| {
        let e = extra(d)?;
        e["status"] = value("held");
        if copied > 0 {
            e["attendance"] = Item::ArrayOfTables(attendance);
        }
        Ok(())
    })?;
    let mut what = "status = \"held\"".to_owned();
    if copied > 0 {
        what.push_str(&format!(
            "; oppmøtet fra forrige møte ({copied} personer, alle til stede): rett det som var annerledes"
        ));
    }
    changes.update(meeting_rel, text, what);

    for id in &doc.front.extra.agenda {
        let Some(case) = site.cases.get(id) else {
            continue;
        };
        let forslag = case.front.extra.forslag_til_vedtak.clone();
        let has_vedtak = case.front.extra.vedtak.is_some();
        let text = edit_front(root, &case.file.rel, |d| {
            let e = extra(d)?;
            e["in_minutes"] = value(true);
            if let (Some(forslag), false) = (&forslag, has_vedtak) {
                e["vedtak"] = value(forslag.as_str());
            }
            Ok(())
        })?;
        let what = match (&forslag, has_vedtak) {
            (_, true) => "in_minutes = true",
            (Some(_), false) => {
                "in_minutes = true; vedtak = forslaget til vedtak, rett det til det rådet vedtok"
            }
            (None, false) => "in_minutes = true; skriv vedtak (saken har ikke forslag til vedtak)",
        };
        changes.update(case.file.rel.clone(), text, what.to_owned());
    }
    changes.commit()
}

/// Marks the minutes of `meeting` approved by the case that approved them (the case whose
/// `approves_minutes_of` names the meeting, in a meeting that is held), and lets them be published.
pub fn approve(root: &Path, meeting: &str) -> Result<Vec<String>> {
    // Not `load`: right after `ho21 new minutes` the check reports exactly these minutes as
    // approved but still a draft, and this command is the fix. It checks what it needs itself.
    let site = Site::load(root, &mut Report::default())?;
    let minutes = site.minutes.get(meeting).ok_or_else(|| {
        format!("content/referater/{meeting}.md finnes ikke; skriv referatet først (`ho21 new minutes --meeting {meeting}`)")
    })?;
    if minutes.front.extra.status == MinutesStatus::Approved {
        return Err(format!(
            "referatet fra møte {} er allerede godkjent; ingenting er endret",
            label(meeting)
        )
        .into());
    }
    let approving: Vec<&String> = site
        .cases
        .iter()
        .filter(|(_, c)| {
            c.front
                .extra
                .approves_minutes_of
                .iter()
                .any(|m| m == meeting)
        })
        .map(|(id, _)| id)
        .collect();
    let case = match approving.as_slice() {
        [one] => *one,
        [] => {
            return Err(format!(
                "ingen sak godkjenner referatet fra møte {}: sett approves_minutes_of = [\"{meeting}\"] i godkjenningssaken i neste møte (vanligvis sak 3); ingenting er endret",
                label(meeting)
            ).into())
        }
        many => {
            return Err(format!(
                "flere saker godkjenner referatet fra møte {}: {}; bare én kan gjøre det",
                label(meeting),
                many.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ).into())
        }
    };
    let c = &site.cases[case];
    let held = site
        .meetings
        .get(&c.front.extra.meeting)
        .is_some_and(|m| m.front.extra.status == MeetingStatus::Held);
    if !held {
        return Err(format!(
            "sak {} er i møte {}, som ikke er holdt ennå: referatet godkjennes når det møtet er holdt og referatet fra det er skrevet (`ho21 new minutes --meeting {}`); ingenting er endret",
            case.replace('-', "/"),
            label(&c.front.extra.meeting),
            c.front.extra.meeting
        ).into());
    }
    if c.front.extra.vedtak.is_none() {
        return Err(format!(
            "sak {} har ikke vedtak; skriv vedtaket i {} først; ingenting er endret",
            case.replace('-', "/"),
            c.file.rel
        )
        .into());
    }
    let rel = minutes.file.rel.clone();
    let text = edit_front(root, &rel, |d| {
        // Approved minutes are the final record: published from now on.
        d.remove("draft");
        let e = extra(d)?;
        e["status"] = value("approved");
        e["approved_by"] = value(case.as_str());
        Ok(())
    })?;
    let mut changes = Changes::new(root);
    changes.update(
        rel,
        text,
        format!(
            "status = \"approved\", approved_by = \"{case}\"; referatet publiseres ved neste bygg"
        ),
    );
    changes.commit()
}

/// A file name from a title, as Zola makes slugs (the `slug` crate: `æ`→`ae`, `ø`→`o`, `å`→`a`,
/// other letters transliterated, anything else → `-`), at most 60 characters.
pub fn slugify(title: &str) -> String {
    let mut cut: String = slug::slugify(title).chars().take(60).collect();
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

pub fn new_output(root: &Path, o: &NewDated) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    if !OUTPUT_KINDS.contains(&o.kind) {
        problems.push(format!("--kind må være en av: {}", OUTPUT_KINDS.join(", ")));
    }
    one_line("--title", o.title, &mut problems);
    let site = match load(root) {
        Ok(site) => site,
        Err(e) => {
            problems.push(e.one_line());
            return fail_if_any(problems).map(|()| Vec::new());
        }
    };
    if let Some(case) = o.decided_by {
        if !site.cases.contains_key(case) {
            problems.push(format!(
                "saken «{case}» finnes ikke (skriv --decided-by som N-M-ÅÅÅÅ)"
            ));
        }
    }
    fail_if_any(problems)?;
    dated_page(root, "mener", o, |e| {
        e["kind"] = value(o.kind);
        // "published" is a claim that needs its evidence (`check::claims`): the secretariat sets
        // it with `external_url` or a source marked `shows_status` once the output is out.
        e["status"] = value("unknown");
        if let Some(case) = o.decided_by {
            e["decided_by"] = strings([&case.to_owned()]);
        }
    })
}

pub fn new_event(root: &Path, ev: &NewDated) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    if !EVENT_KINDS.contains(&ev.kind) {
        problems.push(format!("--kind må være en av: {}", EVENT_KINDS.join(", ")));
    }
    one_line("--title", ev.title, &mut problems);
    if let Err(e) = load(root) {
        problems.push(e.one_line());
    }
    fail_if_any(problems)?;
    dated_page(root, "arrangementer", ev, |e| {
        e["kind"] = value(ev.kind);
        e["own"] = value(true);
        e["status"] = value("planned");
    })
}

fn dated_page(
    root: &Path,
    folder: &str,
    p: &NewDated,
    fill: impl FnOnce(&mut Table),
) -> Result<Vec<String>> {
    let slug = slugify(p.title);
    if slug.is_empty() {
        return Err("--title må ha minst én bokstav eller ett siffer; ingenting er endret".into());
    }
    let mut doc = new_doc(p.title.trim(), Some(&p.date));
    fill(extra(&mut doc)?);
    let mut changes = Changes::new(root);
    changes.create(
        format!("content/{folder}/{}-{slug}.md", p.date.iso()),
        page(&doc),
    );
    changes.commit()
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
        assert_eq!(
            slugify("Æresdoktor – Kjærlighet på første blikk, Ørland"),
            "aeresdoktor-kjaerlighet-pa-forste-blikk-orland"
        );
        assert_eq!(
            slugify("Møte om «helsedata»: én løsning i 2025?"),
            "mote-om-helsedata-en-losning-i-2025"
        );
        assert_eq!(slugify(&"Lang tittel ".repeat(10)).len(), 59);
    }
}
