//! Generates what the templates need from the whole site: relations no single page knows
//! (backlinks, deciding cases, meeting order, the case index). Written to `generated/` at the
//! site root (git-ignored) and read by templates with `load_data`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::dates::Date;
use crate::errors::{Context, Result};
use crate::history;
use crate::ids::{find_mentions, quotes_the_source, CaseId, MeetingId, Target};
use crate::model::{
    Attendance, CaseExtra, DatePrecision, EventStatus, MeetingStatus, Mode, Presence, Role,
    CORRECTING_CODES,
};
use crate::site::Site;
use crate::urls;

pub(crate) const DIR: &str = "generated";
pub(crate) const RELATIONS: &str = "generated/relations.json";
pub(crate) const INDEX: &str = "generated/index.json";
/// The build date and every status that depends on it (`history::build_date`).
pub(crate) const STATUS: &str = "generated/status.json";
/// First and last commit date of every content file (`history::file_dates`).
pub(crate) const HISTORY: &str = "generated/history.json";
/// The families of «mener» kinds, for the section page (`model::OUTPUT_FAMILIES`).
pub(crate) const MENER: &str = "generated/mener.json";

/// A link to a page, as templates show it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageRef {
    /// Zola path for `get_url`/`get_page`: `saker/48-6-2022.md`.
    pub path: String,
    pub title: String,
    /// `sak`, `mote`, `referat`, `mener`, `arrangement`, `arsrapport`, `side`.
    pub kind: &'static str,
}

/// What the templates know of a case beyond its own page (`relations.cases`).
#[derive(Debug, Default, Serialize)]
pub struct CaseInfo {
    /// As the site writes it: `48/6/2022`.
    pub number: String,
    /// The meeting's id (`2022-6`) and its name on the site (`6/2022`).
    pub meeting: String,
    pub meeting_label: String,
    /// The meeting's date, ISO; none for a meeting without a known date.
    pub date: Option<String>,
    /// The pages that point here; in the JSON beside the fields above.
    #[serde(flatten)]
    pub links: CaseBacklinks,
    /// "Saksgang": the cases of the same matter across meetings, oldest first, this one
    /// included; empty when the case stands alone.
    pub chain: Vec<String>,
    /// Whether the site shows a number or date other than the one printed (a correcting
    /// anomaly, `model::CORRECTING_CODES`): the "rettet" flag of the case index.
    pub corrected: bool,
    /// The anomaly notes about this case's number and title, shown again on the minutes page
    /// where the case appears under the corrected number.
    pub number_notes: Vec<String>,
}

/// The pages that point at a case, by how they relate to it.
#[derive(Debug, Default, Serialize)]
pub struct CaseBacklinks {
    /// Pages that mention this case or list it as `tidligere_behandlet`.
    pub mentioned_in: Vec<PageRef>,
    /// Outputs that this case decided.
    pub decided_outputs: Vec<PageRef>,
    /// Outputs reported in this case.
    pub reported_outputs: Vec<PageRef>,
    /// Events that list this case as related.
    pub events: Vec<PageRef>,
    /// Annual reports presented or approved in this case.
    pub reports: Vec<PageRef>,
}

#[derive(Debug, Default, Serialize)]
pub struct MeetingInfo {
    pub label: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub has_minutes: bool,
    /// The case that approved this meeting's minutes.
    pub approved_in: Option<String>,
    pub mentioned_in: Vec<PageRef>,
}

#[derive(Debug, Default, Serialize)]
pub struct Relations {
    pub cases: BTreeMap<String, CaseInfo>,
    pub meetings: BTreeMap<String, MeetingInfo>,
    /// Case ids grouped by year, newest year first, in number order.
    pub case_years: Vec<(i32, Vec<String>)>,
    /// Meeting ids in time order (newest first).
    pub meeting_order: Vec<String>,
}

fn page_ref(path: String, title: &str, kind: &'static str) -> PageRef {
    PageRef {
        path,
        title: title.to_owned(),
        kind,
    }
}

pub fn relations(site: &Site) -> Relations {
    let mut rel = Relations::default();
    let case_ids: BTreeMap<&String, CaseId> = site
        .cases
        .keys()
        .filter_map(|k| CaseId::from_slug(k).map(|c| (k, c)))
        .collect();

    for (id, doc) in &site.cases {
        let Some(case) = case_ids.get(id) else {
            continue;
        };
        let meeting_label = MeetingId::from_slug(&doc.front.extra.meeting)
            .map_or_else(|| doc.front.extra.meeting.clone(), |m| m.to_string());
        rel.cases.insert(
            id.clone(),
            CaseInfo {
                number: case.to_string(),
                meeting: doc.front.extra.meeting.clone(),
                meeting_label,
                date: doc.date().map(|d| d.iso()),
                corrected: doc
                    .front
                    .extra
                    .anomalies
                    .iter()
                    .any(|a| CORRECTING_CODES.contains(&a.code.as_str())),
                number_notes: doc
                    .front
                    .extra
                    .anomalies
                    .iter()
                    .filter(|a| {
                        CORRECTING_CODES.contains(&a.code.as_str()) || a.code == "title-drift"
                    })
                    .map(|a| a.text.clone())
                    .collect(),
                ..CaseInfo::default()
            },
        );
    }

    // Meetings in time order: numbered by (year, number); dated ones by date.
    let mut order: Vec<(i32, u32, u32, &String)> = site
        .meetings
        .keys()
        .filter_map(|k| match MeetingId::from_slug(k)? {
            MeetingId::Numbered { year, number } => Some((year, number * 100, 0, k)),
            MeetingId::Dated { year, month, day } => Some((year, month * 2, day, k)),
        })
        .collect();
    order.sort();
    let listed: Vec<&String> = order
        .iter()
        .map(|(_, _, _, k)| *k)
        .filter(|k| site.meetings[*k].front.extra.status != MeetingStatus::Stub)
        .collect();
    let position: HashMap<&String, usize> =
        listed.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    for id in site.meetings.keys() {
        let label = MeetingId::from_slug(id).map_or_else(|| id.clone(), |m| m.to_string());
        let pos = position.get(id).copied();
        rel.meetings.insert(
            id.clone(),
            MeetingInfo {
                label,
                prev: pos
                    .and_then(|p| p.checked_sub(1))
                    .map(|p| listed[p].clone()),
                next: pos.and_then(|p| listed.get(p + 1)).map(|k| (*k).clone()),
                has_minutes: site.minutes.get(id).is_some_and(|m| !m.front.draft),
                approved_in: None,
                mentioned_in: Vec::new(),
            },
        );
    }
    rel.meeting_order = order
        .iter()
        .rev()
        .map(|(_, _, _, k)| (*k).clone())
        .collect();

    for (id, doc) in &site.cases {
        for meeting in &doc.front.extra.approves_minutes_of {
            if let Some(m) = rel.meetings.get_mut(meeting) {
                m.approved_in = Some(id.clone());
            }
        }
    }

    // Backlinks from every text on the site. Drafts are not built, so they link nowhere.
    struct Text<'a> {
        page: PageRef,
        text: &'a str,
        own: Option<String>,
    }
    fn text<'a, E>(
        d: &'a crate::site::Doc<E>,
        page: PageRef,
        own: Option<String>,
    ) -> Option<Text<'a>> {
        (!d.front.draft).then_some(Text {
            page,
            text: &d.file.text,
            own,
        })
    }
    let mut texts: Vec<Text> = Vec::new();
    for (id, d) in &site.cases {
        texts.extend(text(
            d,
            page_ref(
                urls::page(urls::CASES, id),
                &format!("Sak {} {}", id.replace('-', "/"), d.title()),
                "sak",
            ),
            Some(id.clone()),
        ));
    }
    // Meetings and minutes are what they mention themselves as; outputs, events and reports
    // mention no page of their own.
    fn section<'a, E>(
        docs: &'a BTreeMap<String, crate::site::Doc<E>>,
        folder: &'a str,
        kind: &'static str,
        own: bool,
    ) -> impl Iterator<Item = Text<'a>> {
        docs.iter().filter_map(move |(id, d)| {
            text(
                d,
                page_ref(urls::page(folder, id), d.title(), kind),
                own.then(|| id.clone()),
            )
        })
    }
    texts.extend(section(&site.meetings, urls::MEETINGS, "mote", true));
    texts.extend(section(&site.minutes, urls::MINUTES, "referat", true));
    texts.extend(section(&site.outputs, urls::OUTPUTS, "mener", false));
    texts.extend(section(&site.events, urls::EVENTS, "arrangement", false));
    texts.extend(section(&site.reports, urls::REPORTS, "arsrapport", false));
    for (key, d) in &site.pages {
        texts.extend(text(
            d,
            page_ref(format!("{key}.md"), d.title(), "side"),
            None,
        ));
    }
    let mut case_back: BTreeMap<String, BTreeSet<PageRef>> = BTreeMap::new();
    let mut meeting_back: BTreeMap<String, BTreeSet<PageRef>> = BTreeMap::new();
    // The texts are searched in parallel; the results are merged in order.
    let mentioned: Vec<Vec<Target>> = texts
        .par_iter()
        .map(|t| {
            t.text
                .lines()
                .filter(|line| !quotes_the_source(line))
                .flat_map(find_mentions)
                .map(|m| m.target)
                .collect()
        })
        .collect();
    for (t, targets) in texts.iter().zip(mentioned) {
        for target in targets {
            let (target, back) = match target {
                Target::Case(c, _) => (c.slug(), &mut case_back),
                Target::Meeting(mt) => (mt.slug(), &mut meeting_back),
            };
            if t.own.as_ref() != Some(&target) {
                back.entry(target).or_default().insert(t.page.clone());
            }
        }
    }
    for (id, d) in &site.cases {
        for earlier in &d.front.extra.tidligere_behandlet {
            case_back
                .entry(earlier.clone())
                .or_default()
                .insert(page_ref(
                    urls::page(urls::CASES, id),
                    &format!("Sak {} {}", id.replace('-', "/"), d.title()),
                    "sak",
                ));
        }
    }
    for (id, refs) in case_back {
        if let Some(info) = rel.cases.get_mut(&id) {
            info.links.mentioned_in = refs.into_iter().collect();
        }
    }
    for (id, refs) in meeting_back {
        if let Some(info) = rel.meetings.get_mut(&id) {
            info.mentioned_in = refs.into_iter().collect();
        }
    }

    for (id, d) in &site.outputs {
        let me = page_ref(urls::page(urls::OUTPUTS, id), d.title(), "mener");
        for c in &d.front.extra.decided_by {
            if let Some(info) = rel.cases.get_mut(c) {
                info.links.decided_outputs.push(me.clone());
            }
        }
        for c in &d.front.extra.reported_in {
            if let Some(info) = rel.cases.get_mut(c) {
                info.links.reported_outputs.push(me.clone());
            }
        }
    }
    for (id, d) in &site.events {
        let me = page_ref(urls::page(urls::EVENTS, id), d.title(), "arrangement");
        for c in &d.front.extra.related_cases {
            if let Some(info) = rel.cases.get_mut(c) {
                info.links.events.push(me.clone());
            }
        }
    }
    for (id, d) in &site.reports {
        let me = page_ref(urls::page(urls::REPORTS, id), d.title(), "arsrapport");
        for c in d
            .front
            .extra
            .presented_in
            .iter()
            .chain(&d.front.extra.approved_in)
        {
            if let Some(info) = rel.cases.get_mut(c) {
                info.links.reports.push(me.clone());
            }
        }
    }

    for (id, chain) in chains(site, &case_ids) {
        if let Some(info) = rel.cases.get_mut(&id) {
            info.chain = chain;
        }
    }

    let mut years: BTreeMap<i32, Vec<(u32, String)>> = BTreeMap::new();
    for (id, c) in &case_ids {
        years
            .entry(c.year)
            .or_default()
            .push((c.number, (*id).clone()));
    }
    rel.case_years = years
        .into_iter()
        .rev()
        .map(|(y, mut v)| {
            v.sort();
            (y, v.into_iter().map(|(_, id)| id).collect())
        })
        .collect();
    rel
}

/// Procedural cases (approving the agenda or minutes, impartiality) cite other cases without
/// continuing their matter.
fn procedural(d: &crate::site::Doc<crate::model::CaseExtra>) -> bool {
    !d.front.extra.approves_minutes_of.is_empty()
        || [
            "Godkjenning av innkalling",
            "Godkjenning av referat",
            "Spørsmål om habilitet",
        ]
        .iter()
        .any(|p| d.title().starts_with(p))
}

/// For every case, the cases of the same matter: everything it follows (transitively, backwards)
/// and everything that follows it (transitively, forwards). Edges: `tidligere_behandlet`,
/// `follows_up`, and mentions of earlier cases of other meetings in a non-procedural case's text.
/// Following each case's own ancestors and descendants, rather than whole connected components,
/// keeps an "Orienteringer" case that mentions two matters from joining them.
fn chains(site: &Site, ids: &BTreeMap<&String, CaseId>) -> BTreeMap<String, Vec<String>> {
    let mut back: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (id, d) in &site.cases {
        let Some(own) = ids.get(id) else { continue };
        let e = &d.front.extra;
        let mut earlier: BTreeSet<String> = e
            .tidligere_behandlet
            .iter()
            .chain(&e.follows_up)
            .cloned()
            .collect();
        if !procedural(d) {
            for text in d.texts() {
                for m in find_mentions(text) {
                    if let Target::Case(c, _) = m.target {
                        if c.meeting_id() != own.meeting_id()
                            && (c.year, c.number) < (own.year, own.number)
                        {
                            earlier.insert(c.slug());
                        }
                    }
                }
            }
        }
        earlier.retain(|e| site.cases.contains_key(e));
        back.insert(id.as_str(), earlier);
    }
    let mut forward: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (id, earlier) in &back {
        for e in earlier {
            forward.entry(e.as_str()).or_default().insert(id);
        }
    }
    let walk = |start: &str, edges: &dyn Fn(&str) -> Vec<String>| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.to_owned()];
        while let Some(next) = todo.pop() {
            for n in edges(&next) {
                if seen.insert(n.clone()) {
                    todo.push(n);
                }
            }
        }
        seen
    };
    let mut out = BTreeMap::new();
    for id in site.cases.keys() {
        let mut all = walk(id, &|c| {
            back.get(c)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default()
        });
        all.extend(walk(id, &|c| {
            forward
                .get(c)
                .map(|s| s.iter().map(|x| x.to_string()).collect())
                .unwrap_or_default()
        }));
        if all.is_empty() {
            continue;
        }
        all.insert(id.clone());
        let mut chain: Vec<String> = all.into_iter().collect();
        chain.sort_by_key(|c| CaseId::from_slug(c).map(|c| (c.year, c.number)));
        out.insert(id.clone(), chain);
    }
    out
}

/// Writes the generated files under `root/generated/`.
pub fn write(site: &Site, root: &Path) -> Result<()> {
    let dir = root.join(DIR);
    for sub in ["", "moter"] {
        fs::create_dir_all(dir.join(sub))
            .with_context(|| format!("kan ikke lage {}", dir.display()))?;
    }
    let rel = relations(site);
    let status = statuses(site, &rel, history::build_date(root));
    // Compact: only templates read these files.
    fn put<T: Serialize>(path: PathBuf, value: &T) -> Result<()> {
        write_if_changed(&path, &serde_json::to_string(value).expect("serialisable"))
    }
    // One small file per meeting, with its cases: a page template reads only its meeting's,
    // so the cost per page does not grow with the archive, and the build writes one file per
    // meeting rather than one per case (creating files is most of this stage's time).
    let mut cases_of: BTreeMap<&str, BTreeMap<&str, CasePage>> = BTreeMap::new();
    for (id, info) in &rel.cases {
        let page = CasePage {
            info,
            status: case_status(
                &site.cases[id].front.extra,
                status.meetings.get(&info.meeting),
            ),
            meeting_has_minutes: rel
                .meetings
                .get(&info.meeting)
                .is_some_and(|m| m.has_minutes),
            history: info
                .chain
                .iter()
                .filter_map(|c| case_ref(&rel, c))
                .collect(),
        };
        cases_of
            .entry(info.meeting.as_str())
            .or_default()
            .insert(id, page);
    }
    let meetings: Vec<(&String, MeetingPage)> = rel
        .meetings
        .iter()
        .map(|(id, info)| {
            let label = |m: &Option<String>| {
                m.as_ref()
                    .and_then(|m| rel.meetings.get(m))
                    .map(|m| m.label.clone())
            };
            let page = MeetingPage {
                info,
                status: status.meetings.get(id).copied().unwrap_or("planned"),
                prev_label: label(&info.prev),
                next_label: label(&info.next),
                cases: cases_of.remove(id.as_str()).unwrap_or_default(),
                attendance: site.meetings.get(id).and_then(|m| {
                    attendance_view(&m.front.extra.attendance, &m.front.extra.attendance_notes)
                }),
            };
            (id, page)
        })
        .collect();
    meetings
        .par_iter()
        .try_for_each(|(id, page)| put(dir.join("moter").join(format!("{id}.json")), page))?;
    // A deleted meeting must not leave its file behind (nor the per-case files of an earlier
    // version of the tools).
    let current: HashSet<String> = meetings
        .iter()
        .map(|(id, _)| format!("{id}.json"))
        .collect();
    remove_stale(&dir.join("moter"), &current)?;
    let legacy = dir.join("saker");
    if legacy.exists() {
        fs::remove_dir_all(&legacy)
            .with_context(|| format!("kan ikke slette {}", legacy.display()))?;
    }
    let gaps = case_gaps(site);
    let index = Index {
        case_years: rel
            .case_years
            .iter()
            .map(|(year, ids)| {
                let cases: Vec<IndexEntry> = ids
                    .iter()
                    .filter_map(|c| {
                        let case = case_ref(&rel, c)?;
                        let extra = &site.cases[c].front.extra;
                        let status = case_status(extra, status.meetings.get(case.meeting));
                        Some(IndexEntry::Case {
                            case,
                            status,
                            stub: extra.stub,
                        })
                    })
                    .collect();
                IndexYear::new(*year, cases, gaps.get(year).map_or(&[], Vec::as_slice))
            })
            .collect(),
        meetings: rel
            .meeting_order
            .iter()
            .filter_map(|id| {
                rel.meetings.get(id).map(|m| MeetingRef {
                    id,
                    label: &m.label,
                    has_minutes: m.has_minutes,
                })
            })
            .collect(),
    };
    put(root.join(INDEX), &index)?;
    put(root.join(STATUS), &status)?;
    let file_dates: BTreeMap<String, BTreeMap<&str, String>> = history::file_dates(root)
        .into_iter()
        .map(|(path, d)| {
            let dates = [
                ("published", d.published.iso()),
                ("changed", d.changed.iso()),
            ];
            (path, dates.into_iter().collect())
        })
        .collect();
    put(root.join(HISTORY), &file_dates)?;
    put(root.join(MENER), &mener_families(site))?;
    // The whole graph in one file, for people and the snapshot test; templates do not read it.
    let mut text = serde_json::to_string_pretty(&rel).expect("serialisable");
    text.push('\n');
    write_if_changed(&root.join(RELATIONS), &text)
}

/// A family of «mener» kinds, as the section page reads it.
#[derive(Serialize)]
struct Family {
    slug: &'static str,
    label: &'static str,
    kinds: &'static [&'static str],
    /// How many items of these kinds the archive has.
    count: usize,
}

fn mener_families(site: &Site) -> Vec<Family> {
    crate::model::OUTPUT_FAMILIES
        .iter()
        .map(|&(slug, label, kinds)| Family {
            slug,
            label,
            kinds,
            count: site
                .outputs
                .values()
                .filter(|o| kinds.contains(&o.front.extra.kind.as_str()))
                .count(),
        })
        .collect()
}

/// Writes `text` to `path` unless the file already holds it. A rebuild after a small change
/// rewrites a few files, not all of them (and Zola sees the others untouched).
fn write_if_changed(path: &Path, text: &str) -> Result<()> {
    if fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    fs::write(path, text).with_context(|| format!("kan ikke skrive {}", path.display()))
}

/// Deletes the files in `dir` whose names are not in `keep`.
fn remove_stale(dir: &Path, keep: &HashSet<String>) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("kan ikke lese {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("kan ikke lese {}", dir.display()))?;
        if !keep.contains(entry.file_name().to_string_lossy().as_ref()) {
            fs::remove_file(entry.path())
                .with_context(|| format!("kan ikke slette {}", entry.path().display()))?;
        }
    }
    Ok(())
}

fn case_ref<'a>(rel: &'a Relations, id: &'a str) -> Option<CaseRef<'a>> {
    rel.cases.get(id).map(|c| CaseRef {
        id,
        number: &c.number,
        meeting: &c.meeting,
        meeting_label: &c.meeting_label,
        date: &c.date,
        corrected: c.corrected,
    })
}

/// What a list needs to show a case without opening its page.
#[derive(Serialize)]
struct CaseRef<'a> {
    id: &'a str,
    number: &'a str,
    meeting: &'a str,
    meeting_label: &'a str,
    date: &'a Option<String>,
    corrected: bool,
}

#[derive(Serialize)]
struct CasePage<'a> {
    #[serde(flatten)]
    info: &'a CaseInfo,
    /// `case_status_…` in i18n/nb.toml.
    status: &'static str,
    meeting_has_minutes: bool,
    /// `chain` with what the timeline shows.
    history: Vec<CaseRef<'a>>,
}

#[derive(Serialize)]
struct MeetingPage<'a> {
    #[serde(flatten)]
    info: &'a MeetingInfo,
    /// `status_…` in i18n/nb.toml, true on the build date.
    status: &'static str,
    prev_label: Option<String>,
    next_label: Option<String>,
    /// The meeting's cases, by id: what each case page shows (`templates/sak.html`).
    cases: BTreeMap<&'a str, CasePage<'a>>,
    /// The attendance list as the meeting and minutes pages show it; none when the sources
    /// give no list.
    attendance: Option<AttendanceView<'a>>,
}

/// The attendance of a meeting grouped as the minutes group it
/// (`templates/partials/attendance.html`), with the summary a reader wants first.
#[derive(Debug, Serialize)]
struct AttendanceView<'a> {
    /// Members, the leader and substitutes who were there.
    present: usize,
    /// Members and the leader who sent apologies (absent substitutes are not counted: they
    /// were not expected).
    absent: usize,
    /// Non-empty groups in the minutes' order; `key` names the heading (`att_<key>` in
    /// i18n/nb.toml).
    groups: Vec<AttendanceGroup<'a>>,
    /// Lines of the list that name no one, as written.
    notes: &'a [String],
}

#[derive(Debug, Serialize)]
struct AttendanceGroup<'a> {
    key: &'static str,
    people: Vec<Attendee<'a>>,
}

#[derive(Debug, Serialize)]
struct Attendee<'a> {
    name: &'a str,
    org: Option<&'a str>,
    leader: bool,
    note: Option<&'a str>,
    digital: bool,
    partial: bool,
}

/// The groups of the attendance list, in the order the minutes print them.
const ATTENDANCE_GROUPS: [&str; 6] = [
    "members_present",
    "members_absent",
    "substitutes",
    "observers",
    "secretariat",
    "guests",
];

fn attendance_group(a: &Attendance) -> &'static str {
    match (a.role, a.status) {
        (Role::Leader | Role::Member, Presence::Present) => "members_present",
        (Role::Leader | Role::Member | Role::Substitute, Presence::Absent) => "members_absent",
        (Role::Substitute, Presence::Present) => "substitutes",
        (Role::Observer, _) => "observers",
        (Role::Secretariat, _) => "secretariat",
        (Role::Guest, _) => "guests",
    }
}

fn attendance_view<'a>(list: &'a [Attendance], notes: &'a [String]) -> Option<AttendanceView<'a>> {
    if list.is_empty() {
        return None;
    }
    let voting = |a: &&Attendance| matches!(a.role, Role::Leader | Role::Member);
    let groups = ATTENDANCE_GROUPS
        .iter()
        .map(|&key| AttendanceGroup {
            key,
            people: list
                .iter()
                .filter(|a| attendance_group(a) == key)
                .map(|a| Attendee {
                    name: &a.name,
                    org: a.org.as_deref(),
                    leader: a.role == Role::Leader,
                    note: a.note.as_deref(),
                    digital: a.mode == Mode::Digital,
                    partial: a.partial,
                })
                .collect(),
        })
        .filter(|g| !g.people.is_empty())
        .collect();
    Some(AttendanceView {
        present: list
            .iter()
            .filter(|a| a.status == Presence::Present)
            .filter(|a| voting(a) || a.role == Role::Substitute)
            .count(),
        absent: list
            .iter()
            .filter(|a| a.status == Presence::Absent)
            .filter(voting)
            .count(),
        groups,
        notes,
    })
}

#[derive(Serialize)]
struct MeetingRef<'a> {
    id: &'a str,
    label: &'a str,
    has_minutes: bool,
}

/// A run of case numbers of one year that no source has, shown in its place in the case index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub first: u32,
    pub last: u32,
    /// The meetings (first, last) the missing cases can belong to: one meeting when equal.
    pub meetings: (u32, u32),
}

/// The gaps in one year's case numbering. `known`: (case number, meeting number) of every case
/// of the year the sources have, in any order; `agendas`: meeting number → (first, last) case
/// number of each meeting whose whole agenda is known (a held meeting's agenda lists all its
/// cases, consecutively: `check::numbers`).
///
/// Numbers run from 1 through the year across meetings, so the numbers before the first known
/// case and between two known cases exist and are missing from the sources. After the last known
/// case nothing is claimed: the year may not be over, and a new meeting continues the numbering.
/// A run that no meeting can hold (one meeting's agenda ends right before it and the next
/// meeting's begins right after it) is not a gap the sources leave but a jump in the numbering,
/// which the content check reports; it is not shown.
pub(crate) fn numbering_gaps(
    known: &[(u32, u32)],
    agendas: &BTreeMap<u32, (u32, u32)>,
) -> Vec<Gap> {
    let mut known = known.to_vec();
    known.sort_unstable();
    known.dedup_by_key(|(number, _)| *number);
    let ends_at = |meeting: u32, number: u32| agendas.get(&meeting).is_some_and(|r| r.1 == number);
    let starts_at =
        |meeting: u32, number: u32| agendas.get(&meeting).is_some_and(|r| r.0 == number);
    let mut gaps = Vec::new();
    // Before the first case: the year's first meeting, numbered 1, opens with case 1.
    let mut before: (u32, u32, bool) = (0, 1, false);
    for &(number, meeting) in &known {
        let (prev, prev_meeting, prev_closes) = before;
        if number > prev + 1 {
            let low = prev_meeting + u32::from(prev_closes);
            let high = if starts_at(meeting, number) {
                meeting.saturating_sub(1)
            } else {
                meeting
            };
            if low <= high && low >= 1 {
                gaps.push(Gap {
                    first: prev + 1,
                    last: number - 1,
                    meetings: (low, high),
                });
            }
        }
        before = (number, meeting, ends_at(meeting, number));
    }
    gaps
}

/// The gaps in every year's case numbering (`numbering_gaps`), by year.
pub fn case_gaps(site: &Site) -> BTreeMap<i32, Vec<Gap>> {
    let mut known: BTreeMap<i32, Vec<(u32, u32)>> = BTreeMap::new();
    for id in site.cases.keys() {
        if let Some(c) = CaseId::from_slug(id) {
            known.entry(c.year).or_default().push((c.number, c.meeting));
        }
    }
    let mut agendas: BTreeMap<i32, BTreeMap<u32, (u32, u32)>> = BTreeMap::new();
    for (id, doc) in &site.meetings {
        let Some(MeetingId::Numbered { year, number }) = MeetingId::from_slug(id) else {
            continue;
        };
        if doc.front.extra.status == MeetingStatus::Stub {
            continue;
        }
        let numbers = doc
            .front
            .extra
            .agenda
            .iter()
            .filter_map(|a| CaseId::from_slug(a))
            .filter(|c| c.year == year)
            .map(|c| c.number);
        if let (Some(first), Some(last)) = (numbers.clone().min(), numbers.max()) {
            agendas
                .entry(year)
                .or_default()
                .insert(number, (first, last));
        }
    }
    known
        .into_iter()
        .map(|(year, cases)| {
            let gaps = numbering_gaps(&cases, agendas.get(&year).unwrap_or(&BTreeMap::new()));
            (year, gaps)
        })
        .collect()
}

/// A row of the case index: a case, or a run of numbers the sources do not have.
#[derive(Serialize)]
#[serde(untagged)]
enum IndexEntry<'a> {
    Case {
        #[serde(flatten)]
        case: CaseRef<'a>,
        /// `case_status_…` in i18n/nb.toml.
        status: &'static str,
        /// Known only from mentions in other documents: the «kun omtalt» flag.
        stub: bool,
    },
    Gap {
        gap: GapLabel,
    },
}

/// A gap as the index shows it.
#[derive(Serialize)]
struct GapLabel {
    /// `16–29/2/2025` when one meeting can hold the missing cases, else `30–36`.
    numbers: String,
    /// `3–4/2022` when more than one meeting can hold them.
    meetings: Option<String>,
}

impl GapLabel {
    fn new(year: i32, gap: &Gap) -> Self {
        let range = |a: u32, b: u32| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}\u{2013}{b}")
            }
        };
        let numbers = range(gap.first, gap.last);
        let (low, high) = gap.meetings;
        if low == high {
            GapLabel {
                numbers: format!("{numbers}/{low}/{year}"),
                meetings: None,
            }
        } else {
            GapLabel {
                numbers,
                meetings: Some(format!("{}/{year}", range(low, high))),
            }
        }
    }
}

/// One year of the case index.
#[derive(Serialize)]
struct IndexYear<'a> {
    year: i32,
    /// Cases in number order, with the gaps in their places.
    entries: Vec<IndexEntry<'a>>,
    /// Number of cases (gaps not counted).
    cases: usize,
    /// Whether any case of the year is flagged («rettet»; «kun omtalt» where the status does not
    /// say so already): the column is left out otherwise.
    has_flags: bool,
}

impl<'a> IndexYear<'a> {
    fn new(year: i32, cases: Vec<IndexEntry<'a>>, gaps: &[Gap]) -> Self {
        let count = cases.len();
        let has_flags = cases.iter().any(|e| {
            matches!(e, IndexEntry::Case { case, stub, status } if case.corrected || (*stub && *status != "stub"))
        });
        let number = |e: &IndexEntry| match e {
            IndexEntry::Case { case, .. } => CaseId::from_slug(case.id).map_or(0, |c| c.number),
            IndexEntry::Gap { .. } => 0,
        };
        let mut entries = Vec::with_capacity(count + gaps.len());
        let mut gaps = gaps.iter().peekable();
        for case in cases {
            let n = number(&case);
            while let Some(gap) = gaps.next_if(|g| g.first < n) {
                entries.push(IndexEntry::Gap {
                    gap: GapLabel::new(year, gap),
                });
            }
            entries.push(case);
        }
        IndexYear {
            year,
            entries,
            cases: count,
            has_flags,
        }
    }
}

/// `generated/index.json`: what the section pages and the front page list.
#[derive(Serialize)]
struct Index<'a> {
    /// Newest year first.
    case_years: Vec<IndexYear<'a>>,
    /// Newest first.
    meetings: Vec<MeetingRef<'a>>,
}

/// `generated/status.json`: what is true on the day the site is built.
#[derive(Serialize)]
struct Statuses {
    /// `YYYY-MM-DD`, or none outside git without `SOURCE_DATE_EPOCH`.
    build_date: Option<String>,
    /// Meeting or event page, by its path for `get_page` (`moter/2022-6.md`) → the `status_…`
    /// key suffix in i18n/nb.toml.
    pages: BTreeMap<String, &'static str>,
    /// The meeting and event pages that have their own calendar file, `kalender.ics` beside
    /// the page (`outputs::calendar::calendar_entries`).
    calendar: BTreeSet<String>,
    /// The same for meetings, by id (what `write` looks up).
    #[serde(skip)]
    meetings: BTreeMap<String, &'static str>,
}

/// A meeting or event dated before the build date is never "planned": its status says what is
/// known (held; minutes not published).
fn statuses(site: &Site, rel: &Relations, today: Option<Date>) -> Statuses {
    let past = |date: Option<Date>, precision: DatePrecision| match (date, today) {
        (Some(d), Some(t)) => match precision {
            DatePrecision::Day | DatePrecision::Before => d < t,
            DatePrecision::Month => (d.year, d.month) < (t.year, t.month),
            DatePrecision::Year => d.year < t.year,
            // Only known not to be earlier than `d`: it may still lie ahead.
            DatePrecision::After => false,
        },
        _ => false,
    };
    let meetings: BTreeMap<String, &'static str> = site
        .meetings
        .iter()
        .map(|(id, doc)| {
            let minutes = rel.meetings.get(id).is_some_and(|m| m.has_minutes);
            let status = match doc.front.extra.status {
                MeetingStatus::Stub => "stub",
                _ if minutes => "held",
                MeetingStatus::Held => "held_no_minutes",
                MeetingStatus::Planned if past(doc.date(), DatePrecision::Day) => "no_minutes",
                // Without a date, a meeting numbered in an earlier year is past all the same.
                MeetingStatus::Planned
                    if doc.date().is_none()
                        && MeetingId::from_slug(id).is_some_and(|m| {
                            let (MeetingId::Numbered { year, .. } | MeetingId::Dated { year, .. }) =
                                m;
                            today.is_some_and(|t| year < t.year)
                        }) =>
                {
                    "no_minutes"
                }
                MeetingStatus::Planned => "planned",
            };
            (id.clone(), status)
        })
        .collect();
    let events = site.events.iter().map(|(id, doc)| {
        let e = &doc.front.extra;
        let status = match e.status {
            EventStatus::Held => "held",
            EventStatus::Planned if past(doc.date(), e.date_precision) => "past",
            EventStatus::Planned => "planned",
        };
        (urls::page(urls::EVENTS, id), status)
    });
    let pages = meetings
        .iter()
        .map(|(id, s)| (urls::page(urls::MEETINGS, id), *s))
        .chain(events)
        .collect();
    Statuses {
        build_date: today.map(|d| d.iso()),
        pages,
        calendar: crate::outputs::calendar::calendar_pages(site)
            .into_iter()
            .collect(),
        meetings,
    }
}

/// The status tag of a case page: what the sources say was decided, on the build date.
fn case_status(case: &CaseExtra, meeting: Option<&&'static str>) -> &'static str {
    if case.vedtak.is_some() {
        "decided"
    } else if case.in_minutes {
        "no_decision"
    } else if case.stub {
        "stub"
    } else if meeting.is_none_or(|m| *m == "planned") {
        "pending"
    } else {
        "no_minutes"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, role: Role, status: Presence) -> Attendance {
        Attendance {
            name: name.to_owned(),
            org: None,
            role,
            status,
            mode: Mode::Physical,
            partial: false,
            from_case: None,
            to_case: None,
            note: None,
        }
    }

    #[test]
    fn attendance_is_grouped_as_the_minutes_group_it() {
        let list = [
            person("Gjest", Role::Guest, Presence::Present),
            person("Leder", Role::Leader, Presence::Present),
            person("Borte", Role::Member, Presence::Absent),
            person("Vara borte", Role::Substitute, Presence::Absent),
            person("Vara", Role::Substitute, Presence::Present),
            person("Med", Role::Member, Presence::Present),
        ];
        let view = attendance_view(&list, &[]).unwrap();
        // Leader, member and the substitute who came; the absent member only.
        assert_eq!((view.present, view.absent), (3, 1));
        let groups: Vec<(&str, Vec<&str>)> = view
            .groups
            .iter()
            .map(|g| (g.key, g.people.iter().map(|p| p.name).collect()))
            .collect();
        assert_eq!(
            groups,
            [
                ("members_present", vec!["Leder", "Med"]),
                ("members_absent", vec!["Borte", "Vara borte"]),
                ("substitutes", vec!["Vara"]),
                ("guests", vec!["Gjest"]),
            ]
        );
        assert!(view.groups[0].people[0].leader);
        assert!(attendance_view(&[], &[]).is_none());
    }

    fn gap(first: u32, last: u32, meetings: (u32, u32)) -> Gap {
        Gap {
            first,
            last,
            meetings,
        }
    }

    /// Meeting `m` held cases `numbers`.
    fn held(m: u32, numbers: std::ops::RangeInclusive<u32>) -> Vec<(u32, u32)> {
        numbers.map(|n| (n, m)).collect()
    }

    #[test]
    fn no_cases_no_gaps_and_nothing_after_the_last_case() {
        assert!(numbering_gaps(&[], &BTreeMap::new()).is_empty());
        // A complete run, in any order and with a number twice: nothing missing, and nothing
        // claimed after case 3 (the next meeting continues from there).
        let known = [(2, 1), (1, 1), (3, 1), (2, 1)];
        assert!(numbering_gaps(&known, &BTreeMap::from([(1, (1, 3))])).is_empty());
    }

    #[test]
    fn a_meeting_between_two_known_agendas_holds_the_whole_gap() {
        // 2025: meeting 1 had 1–15, meeting 3 opened with 30; meeting 2 is only mentioned.
        let mut known = held(1, 1..=15);
        known.extend(held(3, 30..=41));
        let agendas = BTreeMap::from([(1, (1, 15)), (3, (30, 41))]);
        assert_eq!(numbering_gaps(&known, &agendas), [gap(16, 29, (2, 2))]);
        // Without meeting 3's agenda, its first cases may be among the missing.
        let agendas = BTreeMap::from([(1, (1, 15))]);
        assert_eq!(numbering_gaps(&known, &agendas), [gap(16, 29, (2, 3))]);
        // Without either, meeting 1 may have had more cases too.
        assert_eq!(
            numbering_gaps(&known, &BTreeMap::new()),
            [gap(16, 29, (1, 3))]
        );
    }

    #[test]
    fn the_year_starts_at_case_one_of_meeting_one() {
        // 2022: case 29 of meeting 3 is only mentioned; meeting 5 opened with 37.
        let mut known = vec![(29, 3)];
        known.extend(held(5, 37..=46));
        let agendas = BTreeMap::from([(5, (37, 46))]);
        assert_eq!(
            numbering_gaps(&known, &agendas),
            [gap(1, 28, (1, 3)), gap(30, 36, (3, 4))]
        );
        // A year whose first known meeting is meeting 1 starting at case 1: no gap before it.
        assert!(numbering_gaps(&held(1, 1..=4), &BTreeMap::new()).is_empty());
        // The first meeting's agenda starts with its first known case: only earlier meetings.
        assert_eq!(
            numbering_gaps(&held(2, 10..=12), &BTreeMap::from([(2, (10, 12))])),
            [gap(1, 9, (1, 1))]
        );
    }

    #[test]
    fn a_single_missing_number_inside_one_meeting() {
        let known = [(4, 2), (6, 2)];
        assert_eq!(
            numbering_gaps(&known, &BTreeMap::new()),
            [gap(1, 3, (1, 2)), gap(5, 5, (2, 2))]
        );
    }

    #[test]
    fn a_jump_no_meeting_can_hold_is_not_a_gap() {
        // Meeting 1 ended at 3 and meeting 2 began at 7: the numbers were never used (the content
        // check reports the jump); the sources leave nothing out.
        let mut known = held(1, 1..=3);
        known.extend(held(2, 7..=8));
        let agendas = BTreeMap::from([(1, (1, 3)), (2, (7, 8))]);
        assert!(numbering_gaps(&known, &agendas).is_empty());
        // Meeting 1 began at case 2 by its agenda: the year's case 1 cannot be in any meeting.
        assert!(numbering_gaps(&held(1, 2..=3), &BTreeMap::from([(1, (2, 3))])).is_empty());
    }

    #[test]
    fn gap_labels_name_the_meeting_only_when_it_is_known() {
        let one = GapLabel::new(2025, &gap(16, 29, (2, 2)));
        assert_eq!(one.numbers, "16–29/2/2025");
        assert_eq!(one.meetings, None);
        let several = GapLabel::new(2022, &gap(30, 36, (3, 4)));
        assert_eq!(several.numbers, "30–36");
        assert_eq!(several.meetings.as_deref(), Some("3–4/2022"));
        assert_eq!(GapLabel::new(2022, &gap(5, 5, (2, 2))).numbers, "5/2/2022");
    }
}
