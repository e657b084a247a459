//! Synthetic archives for benchmarks: a deterministic, seeded generator of whole sites in our
//! content model (see `docs/content-model.md`), from about ten years of the council's work up to
//! five hundred.
//!
//! What it writes follows every rule `ho21 check` knows: cases are numbered consecutively
//! through each year across the meetings, the year's first meeting starts at case 1, case 3 of
//! every meeting approves the previous meeting's minutes, every person is in the people list,
//! every mention ("Sak 37/3/2025", "sak 29/3/22", "møte 3/2025") points at a page that exists and
//! a case only mentions earlier cases. Text lengths follow the real content: most case papers are
//! a few paragraphs, a few are long documents with attachments; hearing responses are long,
//! most other outputs short or without text.
//!
//! Scales: `S` ≈ 10 years (40 meetings, 600 cases, 200 other pages), `M` = 10 × S and
//! `L` = 50 × S (about 30 000 cases). The council can hold at most 12 meetings and 999 cases a
//! year (the number formats allow no more), so larger archives cover more years, not denser
//! ones: S ends in 2025 and starts in 2016, M in 1926, L in 1526. Short-year numbers ("29/3/22")
//! are written only for 2000–2099, where they are unambiguous.
//!
//! The same scale and seed always give the same bytes. The generator uses its own small PRNG
//! (SplitMix64), so it needs no dependency.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use ho21_tools::dates::{self, Date};
use ho21_tools::model::People;

/// SplitMix64: a tiny, well-mixed, seeded PRNG. Good enough for test data, never for secrets.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    /// True with the given probability in percent.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The benchmark sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scale {
    S,
    M,
    L,
}

impl Scale {
    pub fn parse(s: &str) -> Option<Scale> {
        match s.to_ascii_uppercase().as_str() {
            "S" => Some(Scale::S),
            "M" => Some(Scale::M),
            "L" => Some(Scale::L),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Scale::S => "S",
            Scale::M => "M",
            Scale::L => "L",
        }
    }

    /// Years of council work in the archive.
    pub fn years(self) -> u32 {
        match self {
            Scale::S => 10,
            Scale::M => 100,
            Scale::L => 500,
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub years: u32,
    /// The archive's last year; it starts `years - 1` years earlier.
    pub last_year: i32,
    pub seed: u64,
}

impl Spec {
    pub const DEFAULT_SEED: u64 = 2014;

    pub fn of(scale: Scale) -> Spec {
        Spec {
            years: scale.years(),
            last_year: 2025,
            seed: Spec::DEFAULT_SEED,
        }
    }
}

/// What was generated.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stats {
    pub meetings: usize,
    pub cases: usize,
    pub minutes: usize,
    pub outputs: usize,
    pub events: usize,
    pub reports: usize,
    /// About pages and section `_index.md` files.
    pub other: usize,
    /// People added to the real people list.
    pub people: usize,
    /// Bytes of Markdown under `content/`.
    pub content_bytes: u64,
}

impl Stats {
    /// Every Markdown file under `content/`.
    pub fn pages(&self) -> usize {
        self.meetings
            + self.cases
            + self.minutes
            + self.outputs
            + self.events
            + self.reports
            + self.other
    }
}

/// The file that marks a folder as a generated archive, so that it may be deleted and rebuilt.
pub const MARKER: &str = ".ho21-synth";

/// Generates an archive into `out` (deleted first if it is an earlier archive), with the
/// templates, styles, UI strings, static files, `config.toml`, section pages and people list of
/// the real site at `repo`.
pub fn generate(repo: &Path, out: &Path, spec: &Spec) -> Result<Stats, String> {
    if out.exists() {
        let empty = fs::read_dir(out)
            .map_err(|e| format!("kan ikke lese {}: {e}", out.display()))?
            .next()
            .is_none();
        if !empty && !out.join(MARKER).is_file() {
            return Err(format!(
                "{} finnes og er ikke et generert arkiv (mangler {MARKER}); slett den selv",
                out.display()
            ));
        }
        fs::remove_dir_all(out).map_err(|e| format!("kan ikke slette {}: {e}", out.display()))?;
    }
    fs::create_dir_all(out).map_err(|e| format!("kan ikke lage {}: {e}", out.display()))?;
    let mut writer = Writer {
        root: out.to_path_buf(),
        bytes: 0,
    };
    writer.write(
        MARKER,
        &format!(
            "years = {}\nlast_year = {}\nseed = {}\n",
            spec.years, spec.last_year, spec.seed
        ),
    )?;
    for dir in ["templates", "sass", "i18n", "static"] {
        copy_dir(&repo.join(dir), &out.join(dir))?;
    }
    copy_file(&repo.join("config.toml"), &out.join("config.toml"))?;
    // Section pages and root pages (search page, …) of the real site, so every listing uses
    // the real templates. Content pages of the real site are not copied.
    let mut other = 0;
    let content = repo.join("content");
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("kan ikke lese {}: {e}", content.display()))?;
        let rel = entry.path().strip_prefix(&content).unwrap_or(entry.path());
        let is_section = rel.file_name().is_some_and(|n| n == "_index.md");
        let is_root_page =
            rel.components().count() == 1 && rel.extension().is_some_and(|e| e == "md");
        if entry.file_type().is_file() && (is_section || is_root_page) {
            copy_file(entry.path(), &out.join("content").join(rel))?;
            other += 1;
        }
    }
    let real_people = fs::read_to_string(repo.join("data/personer.toml"))
        .map_err(|e| format!("kan ikke lese data/personer.toml: {e}"))?;
    let known: People =
        toml::from_str(&real_people).map_err(|e| format!("data/personer.toml: {}", e.message()))?;

    let mut gen = Generator::new(spec, &known);
    let mut stats = gen.run(&mut writer)?;
    writer.bytes = 0;
    let mut people_text = real_people;
    if !people_text.ends_with('\n') {
        people_text.push('\n');
    }
    people_text.push_str("\n# Generated people of the synthetic archive.\n");
    for p in &gen.people {
        people_text.push_str(&format!(
            "\n[[person]]\nid = {}\nname = {}\naliases = {}\n",
            q(&p.id),
            q(&p.name),
            list(p.alias.iter())
        ));
    }
    writer.write("data/personer.toml", &people_text)?;
    stats.people = gen.people.len();
    stats.other += other;
    Ok(stats)
}

struct Writer {
    root: std::path::PathBuf,
    /// Bytes written under `content/`.
    bytes: u64,
}

impl Writer {
    fn write(&mut self, rel: &str, text: &str) -> Result<(), String> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("kan ikke lage {}: {e}", parent.display()))?;
        }
        if rel.starts_with("content/") {
            self.bytes += text.len() as u64;
        }
        fs::write(&path, text).map_err(|e| format!("kan ikke skrive {}: {e}", path.display()))
    }
}

fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("kan ikke lage {}: {e}", parent.display()))?;
    }
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("kan ikke kopiere {}: {e}", from.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    if !from.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("kan ikke lese {}: {e}", from.display()))?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)
                .map_err(|e| format!("kan ikke lage {}: {e}", target.display()))?;
        } else {
            copy_file(entry.path(), &target)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Dates

/// The synthetic calendar's steps, on the tools' own date type.
trait Calendar {
    fn add_days(self, n: u32) -> Date;
    /// The first Monday–Thursday on or after this day.
    fn workday(self) -> Date;
}

impl Calendar for Date {
    fn add_days(self, n: u32) -> Date {
        (0..n).fold(self, |d, _| d.next_day())
    }

    fn workday(self) -> Date {
        let mut d = self;
        while d.weekday() > 3 {
            d = d.next_day();
        }
        d
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// File-name slug: æ→ae, ø→o, å→a, other non-letters → `-`.
fn slugify(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'æ' => out.push_str("ae"),
            'ø' => out.push('o'),
            'å' | 'á' | 'à' => out.push('a'),
            'é' | 'è' => out.push('e'),
            _ => {
                if !out.ends_with('-') && !out.is_empty() {
                    out.push('-');
                }
            }
        }
    }
    let mut out = out.trim_end_matches('-').to_owned();
    if out.len() > max {
        let cut = out[..max].rfind('-').unwrap_or(max);
        out.truncate(cut);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// TOML helpers

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML multi-line basic string.
fn ml(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('"', "\\\"");
    if s.contains('\n') {
        format!("\"\"\"\n{escaped}\n\"\"\"")
    } else {
        format!("\"\"\"{escaped}\"\"\"")
    }
}

fn list<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let parts: Vec<String> = items.into_iter().map(|s| q(s.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/// Topics of the council's work, each with its theme (an index into `model::THEMES`).
const TOPICS: &[(&str, usize)] = &[
    ("helsedata og Helseanalyseplattformen", 0),
    ("deling og bruk av helsedata", 0),
    ("European Health Data Space", 0),
    ("registerforskning og kvalitetsregistre", 0),
    ("forskrift om tilgjengeliggjøring av helsedata", 0),
    ("helsenæringen", 1),
    ("innovative anskaffelser i helsetjenesten", 1),
    ("eksport av helseteknologi", 1),
    ("veikart for helsenæringen", 1),
    ("et kunnskapsløft for kommunene", 2),
    ("Kommunenes strategiske forskningsorgan", 2),
    ("forskning i de kommunale helse- og omsorgstjenestene", 2),
    ("kunnskapsstøtte for kommunene", 2),
    ("folkehelsearbeidet", 3),
    ("forebygging og folkehelse i kommunene", 3),
    ("sosial ulikhet i helse", 3),
    ("helsekompetanse og inkludering", 3),
    ("langtidsplanen for forskning og høyere utdanning", 4),
    ("finansiering av klinisk forskning", 4),
    ("Forskningsrådets porteføljeplan for helse", 4),
    ("statsbudsjettet", 4),
    ("persontilpasset medisin", 5),
    ("livsvitenskap og bioteknologi", 5),
    ("kunstig intelligens i helsetjenesten", 5),
    ("kliniske studier", 5),
    ("Nasjonal helse- og samhandlingsplan", 6),
    ("helsepersonellkommisjonens anbefalinger", 6),
    ("prioritering i helsetjenesten", 6),
    ("beredskap og kunnskapsberedskap", 6),
    ("rådets handlingsplan", 7),
    ("rådets kommunikasjonsplan", 7),
    ("revisjon av HO21-strategien", 7),
];

/// Titles of a matter's first case (the first four), then of its later cases.
const TOPIC_TITLES: &[&str] = &[
    "Innspill til arbeidet med {t}",
    "Diskusjon om {t}",
    "Orientering om {t}",
    "Høring om {t}",
    "Oppfølging av {t}",
    "Status for {t}",
    "Rådets prioriteringer for {t}",
    "Veien videre for {t}",
];

const ORGS: &[&str] = &[
    "UiO",
    "UiB",
    "NTNU",
    "UiT Norges arktiske universitet",
    "OsloMet",
    "Helse Vest",
    "Helse Sør-Øst",
    "Helse Midt-Norge",
    "Helse Nord",
    "KS",
    "Kreftforeningen",
    "Folkehelseinstituttet",
    "Helsedirektoratet",
    "NHO, Abelia",
    "Legemiddelindustrien",
    "Funksjonshemmedes Fellesorganisasjon",
    "Trondheim kommune",
    "Bergen kommune",
    "Oslo kommune",
    "Norsk Sykepleierforbund",
    "Den norske legeforening",
    "Nasjonalt senter for e-helseforskning",
    "SINTEF",
    "Norway Health Tech",
];

const RECIPIENTS: &[&str] = &[
    "Helse- og omsorgsdepartementet",
    "Kunnskapsdepartementet",
    "Nærings- og fiskeridepartementet",
    "Kommunal- og distriktsdepartementet",
    "Stortingets helse- og omsorgskomité",
    "Forskningsrådet",
    "Helsedirektoratet",
];

const MEDIA: &[&str] = &[
    "Dagens Medisin",
    "Aftenposten",
    "Khrono",
    "Dagens Næringsliv",
];

const PLACES: &[(&str, &str)] = &[
    ("Forskningsrådets lokaler", "Drammensveien 288"),
    ("Helse- og omsorgsdepartementet", "Teatergata 9"),
    ("KS-huset", "Haakon VIIs gate 9"),
    ("Oslo kongressenter", "Youngs gate 21"),
];

const CITIES: &[&str] = &["Oslo", "Bergen", "Trondheim", "Tromsø", "Arendal", "Narvik"];

/// Sentences with slots: {t} topic, {u} another topic, {o} organisation, {y} year, {r} a case
/// mention, {m} a meeting mention.
const SENTENCES: &[&str] = &[
    "Rådet har diskutert {t} ved flere anledninger, senest i {r}.",
    "{O} la i {y} fram en rapport om {t}, og rådet bes om å drøfte hvordan anbefalingene kan følges opp.",
    "Sekretariatet har utarbeidet et notat som oppsummerer status for {t} og peker på behovet for tydeligere nasjonal koordinering.",
    "Det ble påpekt at {t} må ses i sammenheng med arbeidet med {u}.",
    "HelseOmsorg21-strategien peker på {t} som et av de viktigste satsingsområdene for forskning og innovasjon.",
    "I rådets handlingsplan for {y} er {t} et hovedmål, med flere delmål for de neste årene.",
    "Rådet bes om å gi innspill til hvordan {o} kan styrke arbeidet med {t}.",
    "Det er behov for mer kunnskap om effekten av tiltakene og for bedre samarbeid mellom forskningsmiljøene, tjenestene og næringslivet.",
    "Saken følger opp {r}, der rådet ba sekretariatet om å utrede spørsmålet videre.",
    "Se også referatet fra {m}, der temaet ble drøftet med representanter for {o}.",
    "Flere medlemmer understreket at brukerne må involveres tidlig i arbeidet med {t}.",
    "Det ble vist til at finansieringen er fragmentert, og at mange aktører har ansvar for deler av feltet.",
    "Rådet mener at {t} bør få en tydeligere plass i de nasjonale planene.",
    "Representanter for {o} orienterte om erfaringene fra piloten og om hva som skal til for å skalere løsningene.",
    "Det kom innspill om at rådet bør adressere problemstillingen mer helhetlig og belyse handlingsrommet til de ulike aktørene.",
    "Sekretariatet foreslår at rådet følger saken opp i et senere møte, når evalueringen fra {o} foreligger.",
    "Rådet drøftet også hvordan {u} kan bidra til måloppnåelsen.",
    "Tallene fra {y} viser at investeringene i {t} har økt, men at veksten er ujevnt fordelt mellom regionene.",
    "Arbeidet er omtalt i {r} og i referatet fra {m}.",
    "Det er avgjørende å få kunnskapen inn i en struktur som bidrar til skalering og varig endring.",
    "Viktigheten av en nasjonal løsning ble understreket, og rådet bør ta en tydeligere rolle i arbeidet.",
    "Lederen oppsummerte diskusjonen og ba sekretariatet om å innarbeide innspillene i det videre arbeidet.",
    "Forslaget er sendt på høring med frist i {y}, og rådet bes om å prioritere hvilke punkter et innspill skal omfatte.",
    "{O} og {p} har gitt skriftlige innspill som ligger ved saken.",
];

const DECISIONS: &[&str] = &[
    "Rådet tar informasjonen med seg i det videre arbeidet med området.",
    "Rådet tar informasjonen og innspillene med seg i det videre arbeidet med området.",
    "Rådet slutter seg til forslaget til innspill, med de endringene som kom fram i møtet. Sekretariatet ferdigstiller innspillet i samråd med lederen.",
    "Sekretariatet følger opp saken i tråd med innspillene fra rådet.",
    "Rådet ber sekretariatet om å utarbeide et utkast til innspill til neste møte.",
    "Rådet gir sin tilslutning til de foreslåtte prioriteringene.",
];

const FIRST_NAMES: &[&str] = &[
    "Anne", "Per", "Kari", "Ole", "Ingrid", "Lars", "Marit", "Knut", "Hilde", "Jon", "Silje",
    "Erik", "Tone", "Bjørn", "Randi", "Arne", "Liv", "Geir", "Kristin", "Trond", "Heidi", "Svein",
    "Ragnhild", "Even", "Mette", "Øystein", "Solveig", "Håkon", "Astrid", "Espen", "Guro",
    "Magnus", "Sigrid", "Jørgen", "Camilla", "Tor", "Nina", "Kjetil", "Eli", "Audun", "Birgit",
    "Sindre", "Åse", "Vegard", "Linn", "Halvor", "Torunn", "Rune", "Ida", "Frode",
];

const MIDDLE_NAMES: &[&str] = &[
    "Marie",
    "Helene",
    "Kristian",
    "Johan",
    "Elisabeth",
    "Andreas",
    "Louise",
    "Olav",
    "Sofie",
    "Martin",
    "Karin",
    "Henrik",
];

const LAST_NAMES: &[&str] = &[
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Halvorsen",
    "Henriksen",
    "Lund",
    "Sørensen",
    "Jakobsen",
    "Moen",
    "Gundersen",
    "Iversen",
    "Strand",
    "Solberg",
    "Svendsen",
    "Eide",
    "Knutsen",
    "Martinsen",
    "Paulsen",
    "Bakken",
    "Kristoffersen",
    "Mathisen",
    "Lie",
    "Amundsen",
    "Nguyen",
    "Rasmussen",
    "Lunde",
    "Solheim",
    "Berntsen",
    "Nygård",
    "Bakke",
    "Kristensen",
    "Fredriksen",
    "Holm",
    "Lien",
    "Hauge",
    "Christensen",
    "Andresen",
    "Nielsen",
    "Knudsen",
    "Evensen",
    "Sæther",
    "Aas",
    "Myhre",
    "Hanssen",
    "Haugland",
    "Thomassen",
    "Sivertsen",
    "Simonsen",
    "Danielsen",
    "Berge",
    "Sandvik",
    "Vik",
    "Aasen",
    "Tangen",
    "Fossum",
    "Brekke",
    "Engen",
    "Rønning",
    "Ødegård",
    "Aune",
];

// ---------------------------------------------------------------------------------------------
// The plan

struct GenPerson {
    id: String,
    name: String,
    alias: Option<String>,
    org: &'static str,
}

/// The council and secretariat of one four-year period (indices into `Generator::people`).
struct Period {
    start: i32,
    end: i32,
    leader: usize,
    members: Vec<usize>,
    substitutes: Vec<usize>,
    observer: usize,
    secretariat: Vec<usize>,
}

struct Meeting {
    year: i32,
    number: u32,
    date: Date,
    count: u32,
    /// Index of the first case in `Generator::cases`.
    first_index: usize,
}

impl Meeting {
    fn id(&self) -> String {
        format!("{}-{}", self.year, self.number)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CaseKind {
    Agenda,
    Habilitet,
    Minutes,
    News,
    Topic(usize),
    AnyOther,
}

struct Case {
    year: i32,
    number: u32,
    meeting: u32,
    meeting_index: usize,
    kind: CaseKind,
    /// The matter a topic case belongs to (index into `Generator::matters`).
    matter: usize,
    title: String,
}

/// A matter the council deals with over a few meetings: its cases refer back to each other
/// (`tidligere_behandlet`, mentions), and then it ends. Real matters have a lifetime; a topic
/// that ran through five hundred years as one chain would not be realistic.
struct Matter {
    topic: usize,
    /// Case indices, in order.
    cases: Vec<usize>,
    /// How many cases it will have.
    length: usize,
    /// The earliest meeting (global index) of its next case.
    next_meeting: usize,
}

impl Case {
    fn slug(&self) -> String {
        format!("{}-{}-{}", self.number, self.meeting, self.year)
    }

    /// A mention as the council writes it, in one of its forms.
    fn mention(&self, rng: &mut Rng) -> String {
        let short = (2000..=2099).contains(&self.year);
        match rng.below(4) {
            0 => format!("Sak {}/{}/{}", self.number, self.meeting, self.year),
            1 if short => format!(
                "sak {}/{}/{:02}",
                self.number,
                self.meeting,
                self.year % 100
            ),
            2 => format!("saken {}/{}/{}", self.number, self.meeting, self.year),
            _ => format!("sak {}/{}/{}", self.number, self.meeting, self.year),
        }
    }
}

struct Generator<'a> {
    spec: &'a Spec,
    rng: Rng,
    used_names: HashSet<String>,
    used_ids: HashSet<String>,
    has_secretariat_alias: bool,
    people: Vec<GenPerson>,
    periods: Vec<Period>,
    meetings: Vec<Meeting>,
    cases: Vec<Case>,
    matters: Vec<Matter>,
    case_slugs: HashSet<String>,
    /// Output ids (`YYYY-MM-DD-slug`) with their date, in date order.
    outputs: Vec<(String, Date, String)>,
    output_slugs: HashSet<String>,
    event_slugs: HashSet<String>,
    source_counter: u32,
}

fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl<'a> Generator<'a> {
    fn new(spec: &'a Spec, known: &People) -> Generator<'a> {
        let mut used_names = HashSet::new();
        let mut used_ids = HashSet::new();
        for p in &known.person {
            used_ids.insert(p.id.clone());
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                used_names.insert(normalise(n));
            }
        }
        Generator {
            spec,
            rng: Rng::new(spec.seed),
            has_secretariat_alias: used_names.contains("ho21-sekretariatet"),
            used_names,
            used_ids,
            people: Vec::new(),
            periods: Vec::new(),
            meetings: Vec::new(),
            cases: Vec::new(),
            matters: Vec::new(),
            case_slugs: HashSet::new(),
            outputs: Vec::new(),
            output_slugs: HashSet::new(),
            event_slugs: HashSet::new(),
            source_counter: 0,
        }
    }

    fn first_year(&self) -> i32 {
        self.spec.last_year - self.spec.years as i32 + 1
    }

    fn source(&mut self, part: &str) -> String {
        self.source_counter += 1;
        let from = self.rng.range(1, 2000);
        let len = self.rng.range(2, 300);
        format!(
            "\n[[extra.sources]]\nfile = \"{:03}_{:016x}.txt\"\nlines = [{from}, {}]\npart = \"{part}\"\n",
            self.source_counter % 1000,
            self.rng.next_u64(),
            from + len
        )
    }

    fn new_person(&mut self, org: &'static str) -> usize {
        loop {
            let first = *self.rng.pick(FIRST_NAMES);
            let last = *self.rng.pick(LAST_NAMES);
            let middle = self.rng.chance(30).then(|| *self.rng.pick(MIDDLE_NAMES));
            let name = match middle {
                Some(m) => format!("{first} {m} {last}"),
                None => format!("{first} {last}"),
            };
            if self.used_names.contains(&normalise(&name)) {
                continue;
            }
            let alias = match middle {
                Some(m) if self.rng.chance(40) => Some(format!(
                    "{first} {}. {last}",
                    m.chars().next().unwrap_or('X')
                )),
                None if self.rng.chance(10) => Some(format!("{first} {last}e")),
                _ => None,
            }
            .filter(|a| !self.used_names.contains(&normalise(a)));
            self.used_names.insert(normalise(&name));
            if let Some(a) = &alias {
                self.used_names.insert(normalise(a));
            }
            let mut id = slugify(&name, 80);
            let base = id.clone();
            let mut n = 2;
            while !self.used_ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            self.people.push(GenPerson {
                id,
                name,
                alias,
                org,
            });
            return self.people.len() - 1;
        }
    }

    fn plan_people(&mut self) {
        let mut start = self.first_year();
        let mut previous: Option<Vec<usize>> = None;
        while start <= self.spec.last_year {
            let end = (start + 3).min(self.spec.last_year);
            // About a third of the members continue into the next period.
            let mut members = Vec::new();
            if let Some(prev) = &previous {
                for &p in prev {
                    if members.len() < 5 && self.rng.chance(35) {
                        members.push(p);
                    }
                }
            }
            while members.len() < 14 {
                let org = *self.rng.pick(ORGS);
                members.push(self.new_person(org));
            }
            let leader_org = *self.rng.pick(ORGS);
            let leader = self.new_person(leader_org);
            let substitutes = (0..2)
                .map(|_| {
                    let org = *self.rng.pick(ORGS);
                    self.new_person(org)
                })
                .collect();
            let observer = self.new_person("Helse- og omsorgsdepartementet");
            let secretariat = (0..4)
                .map(|_| self.new_person("Forskningsrådet/HelseOmsorg21-sekretariatet"))
                .collect();
            previous = Some(members.clone());
            self.periods.push(Period {
                start,
                end,
                leader,
                members,
                substitutes,
                observer,
                secretariat,
            });
            start = end + 1;
        }
    }

    fn period(&self, year: i32) -> &Period {
        let i = ((year - self.first_year()) / 4) as usize;
        &self.periods[i.min(self.periods.len() - 1)]
    }

    fn plan_meetings(&mut self) {
        let mut open: Vec<usize> = Vec::new();
        for year in self.first_year()..=self.spec.last_year {
            let count = self.rng.range(3, 5);
            let mut months: Vec<u32> = Vec::new();
            while months.len() < count as usize {
                let m = *self.rng.pick(&[1u32, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);
                if !months.contains(&m) {
                    months.push(m);
                }
            }
            months.sort_unstable();
            let mut next_case = 1;
            for (i, month) in months.into_iter().enumerate() {
                let gm = self.meetings.len();
                // Matters not continued for a long time are over.
                let matters = &self.matters;
                open.retain(|&m| {
                    matters[m].cases.len() < matters[m].length && matters[m].next_meeting + 6 > gm
                });
                let day = self.rng.range(1, 24);
                let date = Date { year, month, day }.workday();
                let n_cases = self.rng.range(12, 18);
                let meeting_index = self.meetings.len();
                let first_index = self.cases.len();
                let mut used_here: Vec<usize> = Vec::new();
                for k in 0..n_cases {
                    let mut matter = usize::MAX;
                    let kind = match k {
                        0 => CaseKind::Agenda,
                        1 => CaseKind::Habilitet,
                        2 => CaseKind::Minutes,
                        3 => CaseKind::News,
                        k if k == n_cases - 1 => CaseKind::AnyOther,
                        _ => {
                            let due: Vec<usize> = open
                                .iter()
                                .copied()
                                .filter(|&m| {
                                    self.matters[m].next_meeting <= gm && !used_here.contains(&m)
                                })
                                .collect();
                            matter = if !due.is_empty() && self.rng.chance(60) {
                                *self.rng.pick(&due)
                            } else {
                                let length = match self.rng.below(10) {
                                    0..=3 => 1,
                                    4..=6 => self.rng.range(2, 3) as usize,
                                    _ => self.rng.range(4, 8) as usize,
                                };
                                self.matters.push(Matter {
                                    topic: self.rng.below(TOPICS.len()),
                                    cases: Vec::new(),
                                    length,
                                    next_meeting: gm,
                                });
                                open.push(self.matters.len() - 1);
                                self.matters.len() - 1
                            };
                            used_here.push(matter);
                            let gap = self.rng.range(1, 3) as usize;
                            let m = &mut self.matters[matter];
                            m.cases.push(self.cases.len());
                            m.next_meeting = gm + gap;
                            CaseKind::Topic(m.topic)
                        }
                    };
                    let case = Case {
                        year,
                        number: next_case + k,
                        meeting: i as u32 + 1,
                        meeting_index,
                        kind,
                        matter,
                        title: String::new(),
                    };
                    self.case_slugs.insert(case.slug());
                    self.cases.push(case);
                }
                self.meetings.push(Meeting {
                    year,
                    number: i as u32 + 1,
                    date,
                    count: n_cases,
                    first_index,
                });
                next_case += n_cases;
            }
        }
        // Titles, now that every meeting is known.
        for i in 0..self.cases.len() {
            let title = match self.cases[i].kind {
                CaseKind::Agenda => "Godkjenning av innkalling og saksliste".to_owned(),
                CaseKind::Habilitet => "Spørsmål om habilitet".to_owned(),
                CaseKind::Minutes => {
                    let m = self.cases[i].meeting_index;
                    match m.checked_sub(1) {
                        Some(p) => format!(
                            "Godkjenning av referat fra møte {}/{}",
                            self.meetings[p].number, self.meetings[p].year
                        ),
                        None => format!(
                            "Godkjenning av referat fra møte 4/{}",
                            self.first_year() - 1
                        ),
                    }
                }
                CaseKind::News => "Orienteringer fra leder og sekretariatet".to_owned(),
                CaseKind::AnyOther => "Eventuelt".to_owned(),
                CaseKind::Topic(t) => {
                    let first = self.matters[self.cases[i].matter].cases[0] == i;
                    let patterns = if first {
                        &TOPIC_TITLES[..4]
                    } else {
                        &TOPIC_TITLES[4..]
                    };
                    let pattern = *self.rng.pick(patterns);
                    capitalise(&pattern.replace("{t}", TOPICS[t].0))
                }
            };
            self.cases[i].title = title;
        }
    }

    /// Topic cases of meetings before `meeting_index` (the most recent ones first).
    fn earlier_topic_cases(
        &self,
        meeting_index: usize,
        topic: Option<usize>,
        max: usize,
    ) -> Vec<usize> {
        let end = self
            .meetings
            .get(meeting_index)
            .map_or(self.cases.len(), |m| m.first_index);
        let mut out = Vec::new();
        for i in (0..end).rev() {
            if out.len() >= max {
                break;
            }
            if let CaseKind::Topic(t) = self.cases[i].kind {
                if topic.is_none_or(|want| want == t) {
                    out.push(i);
                }
            }
            // Do not search an archive of 500 years for one topic.
            if end - i > 600 {
                break;
            }
        }
        out
    }

    fn meeting_mention(&mut self, m: usize) -> String {
        let meeting = &self.meetings[m];
        let (n, y) = (meeting.number, meeting.year);
        match self.rng.below(3) {
            0 => format!("møte {n}/{y}"),
            1 => format!("rådsmøte {n}/{y}"),
            _ => format!("møtet {n}/{y}"),
        }
    }

    /// One sentence; `refs` are case mentions and `meetings` meeting mentions it may use.
    fn sentence(
        &mut self,
        topic: usize,
        year: i32,
        refs: &[String],
        meetings: &[String],
    ) -> String {
        loop {
            let s = *self.rng.pick(SENTENCES);
            if (s.contains("{r}") && refs.is_empty()) || (s.contains("{m}") && meetings.is_empty())
            {
                continue;
            }
            let other = (topic + 1 + self.rng.below(TOPICS.len() - 1)) % TOPICS.len();
            let o = *self.rng.pick(ORGS);
            let p = *self.rng.pick(ORGS);
            let y = year - self.rng.below(3) as i32;
            let mut out = s
                .replace("{t}", TOPICS[topic].0)
                .replace("{u}", TOPICS[other].0)
                .replace("{O}", &capitalise(o))
                .replace("{o}", o)
                .replace("{p}", p)
                .replace("{y}", &y.to_string());
            if out.contains("{r}") {
                let r = self.rng.pick(refs).clone();
                out = out.replace("{r}", &r);
            }
            if out.contains("{m}") {
                let m = self.rng.pick(meetings).clone();
                out = out.replace("{m}", &m);
            }
            return capitalise(&out);
        }
    }

    fn paragraph(
        &mut self,
        topic: usize,
        year: i32,
        refs: &[String],
        meetings: &[String],
    ) -> String {
        let n = self.rng.range(2, 6);
        (0..n)
            .map(|_| self.sentence(topic, year, refs, meetings))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn paragraphs(
        &mut self,
        n: u32,
        topic: usize,
        year: i32,
        refs: &[String],
        meetings: &[String],
    ) -> String {
        (0..n)
            .map(|_| self.paragraph(topic, year, refs, meetings))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    fn bullet_list(&mut self, topic: usize) -> String {
        let n = self.rng.range(3, 6);
        (0..n)
            .map(|_| {
                let other = self.rng.below(TOPICS.len());
                let org = *self.rng.pick(ORGS);
                match self.rng.below(3) {
                    0 => format!("- styrke samarbeidet med {org} om {}", TOPICS[topic].0),
                    1 => format!("- se arbeidet i sammenheng med {}", TOPICS[other].0),
                    _ => format!("- følge opp anbefalingene fra {org}"),
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn table(&mut self, year: i32) -> String {
        let mut t = String::from("| Hovedmål | Delmål | Ansvar |\n|---|---|---|\n");
        for _ in 0..self.rng.range(2, 5) {
            let a = self.rng.below(TOPICS.len());
            let b = self.rng.below(TOPICS.len());
            let org = *self.rng.pick(ORGS);
            t.push_str(&format!(
                "| {} innen {year} | Fremme {} | {org} |\n",
                capitalise(TOPICS[a].0),
                TOPICS[b].0
            ));
        }
        t
    }

    fn run(&mut self, w: &mut Writer) -> Result<Stats, String> {
        self.plan_people();
        self.plan_meetings();
        let mut stats = Stats::default();
        self.write_stub(w)?;
        stats.meetings += 1;
        for m in 0..self.meetings.len() {
            self.write_meeting(w, m)?;
            stats.meetings += 1;
            self.write_minutes(w, m)?;
            stats.minutes += 1;
            let first = self.meetings[m].first_index;
            for c in first..first + self.meetings[m].count as usize {
                self.write_case(w, c)?;
                stats.cases += 1;
            }
        }
        for year in self.first_year()..=self.spec.last_year {
            stats.outputs += self.write_outputs(w, year)?;
            stats.events += self.write_events(w, year)?;
            self.write_report(w, year)?;
            stats.reports += 1;
        }
        stats.other += self.write_about(w)?;
        stats.content_bytes = w.bytes;
        Ok(stats)
    }

    /// The meeting before the archive, whose minutes case 3 of the first meeting approves.
    fn write_stub(&mut self, w: &mut Writer) -> Result<(), String> {
        let year = self.first_year() - 1;
        let (number, meeting, first_year) = (
            self.cases[2].number,
            self.cases[2].meeting,
            self.cases[2].year,
        );
        let source = self.source("minutes");
        let text = format!(
            "+++\ntitle = \"Møte 4/{year}\"\n\n[extra]\nnumber = 4\nstatus = \"stub\"\n{}+++\nReferatet fra dette møtet ble godkjent i Sak {}/{}/{}; møtet er ellers ikke med i kildene.\n",
            source, number, meeting, first_year
        );
        w.write(&format!("content/moter/{year}-4.md"), &text)
    }

    fn case_id(&self, i: usize) -> String {
        self.cases[i].slug()
    }

    fn write_meeting(&mut self, w: &mut Writer, m: usize) -> Result<(), String> {
        let (year, number, date, first_index, count) = {
            let x = &self.meetings[m];
            (x.year, x.number, x.date, x.first_index, x.count as usize)
        };
        let agenda: Vec<String> = (first_index..first_index + count)
            .map(|i| self.case_id(i))
            .collect();
        let mut anomalies = String::new();
        let weekday_wrong = self.rng.chance(8);
        let stated = if weekday_wrong {
            (date.weekday() + 1 + self.rng.below(6) as u32) % 7
        } else {
            date.weekday()
        };
        let written = format!(
            "{} {}",
            capitalise(dates::WEEKDAYS[stated as usize]),
            date.nb()
        );
        if weekday_wrong {
            anomalies.push_str(&format!(
                "\n[[extra.anomalies]]\ncode = \"weekday\"\ntext = {}\n",
                q(&format!(
                    "Referatet skriver «{written}», men {} var en {}.",
                    date.iso(),
                    dates::WEEKDAYS[date.weekday() as usize]
                ))
            ));
        }
        let (place, address) = *self.rng.pick(PLACES);
        let start = *self.rng.pick(&["09:00", "09:30", "10:00"]);
        let end = *self.rng.pick(&["14:00", "15:00", "15:30"]);
        let mut text = format!(
            "+++\ntitle = \"Møte {number}/{year}\"\ndate = {}\n\n[taxonomies]\ntemaer = [\"Rådets arbeid\"]\n\n[extra]\nnumber = {number}\nstatus = \"held\"\ndate_as_written = {}\ntime_start = \"{start}\"\ntime_end = \"{end}\"\nplace = {}\naddress = {}\nagenda = {}\n",
            date.iso(),
            q(&written),
            q(place),
            q(address),
            list(&agenda)
        );

        // Attendance.
        let period = self.period(year);
        let leader = period.leader;
        let members = period.members.clone();
        let substitutes = period.substitutes.clone();
        let observer = period.observer;
        let secretariat = period.secretariat.clone();
        let short = (2000..=2099).contains(&year);
        let yy = if short {
            format!("{:02}", year % 100)
        } else {
            year.to_string()
        };
        let mut dotted_used = false;
        text.push_str(&self.attendance_entry(leader, "leader", "present", "note = \"leder\"\n"));
        for &p in &members {
            if self.rng.chance(18) {
                text.push_str(&self.attendance_entry(p, "member", "absent", ""));
                continue;
            }
            let mut extra = String::new();
            let digital = self.rng.chance(25);
            if digital {
                extra.push_str("mode = \"digital\"\n");
            }
            if self.rng.chance(8) && count > 6 {
                let to = first_index + self.rng.range(4, count as u32 - 2) as usize;
                let c = &self.cases[to];
                let dotted = self.rng.chance(20);
                let printed = if dotted {
                    dotted_used = true;
                    format!("{}.{}.{yy}", c.number, c.meeting)
                } else {
                    format!("{}/{}/{yy}", c.number, c.meeting)
                };
                extra.push_str(&format!(
                    "partial = true\nto_case = \"{}\"\nnote = \"{}t.o.m. sak {printed}\"\n",
                    c.slug(),
                    if digital { "digitalt " } else { "" }
                ));
            } else if digital {
                extra.push_str("note = \"digitalt\"\n");
            }
            text.push_str(&self.attendance_entry(p, "member", "present", &extra));
        }
        let present_sub = self.rng.below(substitutes.len());
        for (i, &p) in substitutes.iter().enumerate() {
            if i == present_sub {
                text.push_str(&self.attendance_entry(
                    p,
                    "substitute",
                    "present",
                    "note = \"møtende vara\"\n",
                ));
            }
        }
        text.push_str(&self.attendance_entry(observer, "observer", "present", ""));
        for (i, &p) in secretariat.iter().enumerate() {
            if i > 0 && self.rng.chance(20) {
                continue;
            }
            let note = if i == 0 {
                "note = \"avdelingsdirektør\"\n"
            } else {
                "note = \"seniorrådgiver\"\n"
            };
            text.push_str(&self.attendance_entry(p, "secretariat", "present", note));
        }
        if dotted_used {
            anomalies.push_str("\n[[extra.anomalies]]\ncode = \"dotted-number\"\ntext = \"Oppmøtelisten skriver et saksnummer med punktum i stedet for skråstrek.\"\n");
        }
        text.push_str(&self.source("minutes"));
        text.push_str(&self.source("agenda"));
        text.push_str(&anomalies);
        text.push_str("+++\n");
        if self.rng.chance(40) {
            let org = *self.rng.pick(ORGS);
            text.push_str(&format!(
                "I tillegg deltok observatører fra departementene og fra {org} på deler av møtet digitalt.\n"
            ));
        }
        w.write(&format!("content/moter/{year}-{number}.md"), &text)
    }

    fn attendance_entry(&mut self, person: usize, role: &str, status: &str, extra: &str) -> String {
        let name = match &self.people[person].alias {
            Some(a) if self.rng.chance(30) => a.clone(),
            _ => self.people[person].name.clone(),
        };
        format!(
            "\n[[extra.attendance]]\nname = {}\norg = {}\nrole = \"{role}\"\nstatus = \"{status}\"\n{extra}",
            q(&name),
            q(self.people[person].org)
        )
    }

    fn write_minutes(&mut self, w: &mut Writer, m: usize) -> Result<(), String> {
        let (year, number, date) = {
            let x = &self.meetings[m];
            (x.year, x.number, x.date)
        };
        let mut text = format!(
            "+++\ntitle = \"Referat fra møte {number}/{year}\"\ndate = {}\n\n[extra]\nmeeting = \"{year}-{number}\"\n",
            date.iso()
        );
        match self.meetings.get(m + 1) {
            Some(next) => {
                let approver = &self.cases[next.first_index + 2];
                text.push_str(&format!(
                    "status = \"approved\"\napproved_by = \"{}\"\n",
                    approver.slug()
                ));
            }
            None => text.push_str("status = \"draft\"\n"),
        }
        text.push_str(&format!(
            "draft_sent = {}\ncomment_deadline = {}\npages = \"1/{}\"\n",
            date.add_days(7).iso(),
            date.add_days(14).iso(),
            self.rng.range(3, 9)
        ));
        text.push_str(&self.source("minutes"));
        text.push_str("+++\n");
        if self.rng.chance(50) {
            let leader = self.people[self.period(year).leader].name.clone();
            text.push_str(&format!(
                "Møtet ble ledet av {leader}. Referatet ble sendt til rådets medlemmer med frist for kommentarer.\n"
            ));
        }
        w.write(&format!("content/referater/{year}-{number}.md"), &text)
    }

    fn write_case(&mut self, w: &mut Writer, c: usize) -> Result<(), String> {
        let (year, number, meeting, mi, kind, title) = {
            let x = &self.cases[c];
            (
                x.year,
                x.number,
                x.meeting,
                x.meeting_index,
                x.kind,
                x.title.clone(),
            )
        };
        let date = self.meetings[mi].date;
        let short = (2000..=2099).contains(&year);
        let mut written = vec![format!("Sak {number}/{meeting}/{year}")];
        if short && self.rng.chance(60) {
            written.push(format!("Sak {number}/{meeting}/{:02}", year % 100));
        }
        let mut anomalies = String::new();
        let mut title_variants: Vec<String> = Vec::new();
        let topic = match kind {
            CaseKind::Topic(t) => t,
            _ => TOPICS.len() - 3, // rådets handlingsplan: the council's own work
        };
        let theme = ho21_tools::model::THEMES[TOPICS[topic].1];
        let period = self.period(year);
        let secretariat = period.secretariat.clone();
        let fra = self.people[secretariat[0]].name.clone();
        let mut saksbehandlere: Vec<String> = Vec::new();
        if self.has_secretariat_alias && self.rng.chance(20) {
            saksbehandlere.push("HO21-sekretariatet".into());
        } else {
            for &s in secretariat
                .iter()
                .skip(1)
                .take(self.rng.range(1, 2) as usize)
            {
                saksbehandlere.push(self.people[s].name.clone());
            }
        }

        let mut refs: Vec<String> = Vec::new();
        let mut tidligere: Vec<String> = Vec::new();
        let earlier_meetings: Vec<String> = {
            let n = mi.min(3);
            (1..=n)
                .map(|k| mi - k)
                .collect::<Vec<_>>()
                .into_iter()
                .map(|m| self.meeting_mention(m))
                .collect()
        };
        if let CaseKind::Topic(t) = kind {
            // Earlier cases of the same matter: the last one or two are "tidligere behandlet"
            // and mentioned in the text.
            let matter = self.cases[c].matter;
            let pos = self.matters[matter]
                .cases
                .iter()
                .position(|&x| x == c)
                .unwrap_or(0);
            let previous: Vec<usize> = self.matters[matter].cases[..pos]
                .iter()
                .rev()
                .take(2)
                .copied()
                .collect();
            if !previous.is_empty() && self.rng.chance(85) {
                let n = self.rng.range(1, previous.len() as u32) as usize;
                tidligere.extend(previous.iter().take(n).map(|&i| self.case_id(i)));
            }
            tidligere.sort_by_key(|s| ho21_tools::ids::CaseId::from_slug(s));
            for &i in &previous {
                if self.rng.chance(60) {
                    let m = self.cases[i].mention(&mut self.rng);
                    refs.push(m);
                }
            }
            // Now and then a case of another, recent matter ("se også").
            if self.rng.chance(5) {
                let other = self
                    .earlier_topic_cases(mi, None, 60)
                    .into_iter()
                    .filter(|&i| self.cases[i].matter != matter)
                    .collect::<Vec<_>>();
                if !other.is_empty() {
                    let i = *self.rng.pick(&other);
                    let m = self.cases[i].mention(&mut self.rng);
                    refs.push(m);
                }
            }
            // A case may mention another case of the same meeting.
            if self.rng.chance(5) {
                let first = self.meetings[mi].first_index;
                let other = first + 4 + self.rng.below(self.meetings[mi].count as usize - 5);
                if other != c {
                    let m = self.cases[other].mention(&mut self.rng);
                    refs.push(m);
                }
            }
            if self.rng.chance(4) {
                title_variants.push(capitalise(TOPICS[t].0));
                anomalies.push_str(&format!(
                    "\n[[extra.anomalies]]\ncode = \"title-drift\"\ntext = {}\n",
                    q(&format!(
                        "Saksframlegget har tittelen «{title}», referatet «{}».",
                        capitalise(TOPICS[t].0)
                    ))
                ));
            }
            if self.rng.chance(2) {
                let wrong = year - 1;
                let printed = if (2000..=2099).contains(&wrong) {
                    format!("Sak {number}/{meeting}/{:02}", wrong % 100)
                } else {
                    format!("Sak {number}/{meeting}/{wrong}")
                };
                anomalies.push_str(&format!(
                    "\n[[extra.anomalies]]\ncode = \"wrong-year\"\ntext = {}\n",
                    q(&format!(
                        "Referatet skriver «{printed}»; riktig nummer er {number}/{meeting}/{year}."
                    ))
                ));
                if self
                    .case_slugs
                    .contains(&format!("{number}-{meeting}-{wrong}"))
                {
                    anomalies.push_str(&format!(
                        "\n[[extra.anomalies]]\ncode = \"number-collision\"\ntext = {}\n",
                        q(&format!(
                            "«{printed}» er også nummeret til en sak fra {wrong}."
                        ))
                    ));
                }
                written.push(printed);
            }
        }

        let (case_types, has_paper, forslag, referat, vedtak, body, approves, vedlegg) = match kind {
            CaseKind::Agenda => (
                vec!["Vedtakssak"],
                false,
                None,
                Some("Det var ingen merknader til innkalling og saksliste.".to_owned()),
                "Innkalling og saksliste godkjennes.".to_owned(),
                String::new(),
                Vec::new(),
                String::new(),
            ),
            CaseKind::Habilitet => (
                vec!["Vedtakssak"],
                true,
                Some("Det er ikke knyttet inhabilitet til noen av sakene på rådsmøtet.".to_owned()),
                Some("Inhabilitet ble vurdert for sakene på dagens møte.".to_owned()),
                "Det er ikke knyttet inhabilitet til noen av sakene på rådsmøtet.".to_owned(),
                "### Bakgrunn\n\nHabilitetsvurderinger og -avklaringer er et punkt på agendaen i alle rådsmøtene. I hvert enkelt tilfelle skal både de skjønnsmessige og de automatiske habilitetsbestemmelsene vurderes. Vurderingene av eventuell inhabilitet blant medlemmene og håndteringen av denne skal protokollføres.\n\nRådet bes om å vurdere sin habilitet for sakene i dette møtet.\n".to_owned(),
                Vec::new(),
                String::new(),
            ),
            CaseKind::Minutes => {
                let (approves, vedlegg) = match mi.checked_sub(1) {
                    Some(p) => {
                        let id = self.meetings[p].id();
                        let label = format!("{}/{}", self.meetings[p].number, self.meetings[p].year);
                        (
                            vec![id.clone()],
                            format!("\n[[extra.vedlegg]]\nnr = 1\ntitle = \"Referat fra møte {label}\"\npresent = true\nlink = \"@/referater/{id}.md\"\n"),
                        )
                    }
                    None => (vec![format!("{}-4", self.first_year() - 1)], String::new()),
                };
                (
                    Vec::new(),
                    false,
                    None,
                    Some("Ingen endringsmeldinger ble meldt inn til referatet.".to_owned()),
                    "Referatet godkjennes.".to_owned(),
                    String::new(),
                    approves,
                    vedlegg,
                )
            }
            CaseKind::News => {
                let mut body = String::from("### Orienteringer\n\n");
                body.push_str(&self.bullet_list(topic));
                body.push_str("\n\n");
                let n = self.rng.range(1, 2);
                body.push_str(&self.paragraphs(n, topic, year, &refs, &earlier_meetings));
                body.push('\n');
                (
                    vec!["Orienteringssak"],
                    true,
                    Some("Rådet tar orienteringene til etterretning.".to_owned()),
                    Some(self.paragraph(topic, year, &[], &[])),
                    "Rådet tar orienteringene til etterretning.".to_owned(),
                    body,
                    Vec::new(),
                    String::new(),
                )
            }
            CaseKind::AnyOther => (
                Vec::new(),
                false,
                None,
                None,
                "Ingen saker ble meldt under eventuelt.".to_owned(),
                String::new(),
                Vec::new(),
                String::new(),
            ),
            CaseKind::Topic(_) => {
                let case_type = *self.rng.pick(&["Vedtakssak", "Orienteringssak", "Diskusjonssak"]);
                let has_paper = self.rng.chance(88);
                let size = self.rng.below(100);
                let (bakgrunn, hoved, attachment) = match size {
                    0..=49 => (1, 0, 0),
                    50..=84 => (self.rng.range(2, 3), self.rng.range(1, 2), 0),
                    _ => (self.rng.range(3, 5), self.rng.range(2, 4), self.rng.range(3, 12)),
                };
                let mut body = String::new();
                if has_paper {
                    body.push_str("### Bakgrunn\n\n");
                    body.push_str(&self.paragraphs(bakgrunn, topic, year, &refs, &earlier_meetings));
                    body.push_str("\n\n");
                    if self.rng.chance(10) {
                        let y = year;
                        body.push_str(&self.table(y));
                        body.push('\n');
                    }
                    if hoved > 0 {
                        body.push_str("### Hvorfor saken fremmes\n\n");
                        body.push_str(&self.paragraph(topic, year, &refs, &earlier_meetings));
                        body.push_str("\n\n### Hovedpunkter\n\n");
                        body.push_str(&self.paragraphs(hoved, topic, year, &refs, &earlier_meetings));
                        body.push_str("\n\n");
                        if self.rng.chance(40) {
                            body.push_str(&self.bullet_list(topic));
                            body.push_str("\n\n");
                        }
                    }
                }
                let mut vedlegg = String::new();
                if attachment > 0 && has_paper {
                    let org = *self.rng.pick(ORGS);
                    body.push_str(&format!("### Vedlegg 1: Notat fra {org}\n\n"));
                    for k in 0..attachment {
                        if k % 3 == 1 {
                            body.push_str(&format!("#### {}\n\n", capitalise(TOPICS[self.rng.below(TOPICS.len())].0)));
                        }
                        body.push_str(&self.paragraph(topic, year, &refs, &earlier_meetings));
                        body.push_str("\n\n");
                    }
                    vedlegg.push_str(&format!(
                        "\n[[extra.vedlegg]]\nnr = 1\ntitle = {}\npresent = true\n",
                        q(&format!("Notat fra {org}"))
                    ));
                    if self.rng.chance(40) {
                        vedlegg.push_str(&format!(
                            "\n[[extra.vedlegg]]\nnr = 2\ntitle = \"Presentasjon\"\npresent = false\nlink = \"https://www.forskningsradet.no/om-forskningsradet/publikasjoner/{}/\"\n",
                            slugify(TOPICS[topic].0, 60)
                        ));
                    }
                }
                let forslag = has_paper.then(|| {
                    let d = *self.rng.pick(DECISIONS);
                    d.to_owned()
                });
                let n_ref = match self.rng.below(10) {
                    0..=5 => 1,
                    6..=8 => 2,
                    _ => 4,
                };
                let referat = self.paragraphs(n_ref, topic, year, &refs, &earlier_meetings);
                let vedtak = (*self.rng.pick(DECISIONS)).to_owned();
                let types = if self.rng.chance(5) { Vec::new() } else { vec![case_type] };
                (types, has_paper, forslag, Some(referat), vedtak, body, Vec::new(), vedlegg)
            }
        };

        let mut text = format!(
            "+++\ntitle = {}\ndate = {}\n\n[taxonomies]\ntemaer = {}\n\n[extra]\nmeeting = \"{year}-{meeting}\"\nnumber_as_written = {}\n",
            q(&title),
            date.iso(),
            list([theme]),
            list(&written)
        );
        if !title_variants.is_empty() {
            text.push_str(&format!("title_variants = {}\n", list(&title_variants)));
        }
        text.push_str(&format!(
            "case_types = {}\ntil = \"HO21-rådet\"\n",
            list(&case_types)
        ));
        if has_paper {
            text.push_str(&format!(
                "fra = {}\nsaksbehandlere = {}\n",
                q(&fra),
                list(&saksbehandlere)
            ));
        }
        if !tidligere.is_empty() {
            text.push_str(&format!("tidligere_behandlet = {}\n", list(&tidligere)));
        }
        if !approves.is_empty() {
            text.push_str(&format!("approves_minutes_of = {}\n", list(&approves)));
        }
        text.push_str(&format!(
            "has_paper = {has_paper}\nin_minutes = true\nstub = false\n"
        ));
        if let Some(f) = &forslag {
            text.push_str(&format!("forslag_til_vedtak = {}\n", ml(f)));
        }
        if let Some(r) = &referat {
            text.push_str(&format!("referat = {}\n", ml(r)));
        }
        text.push_str(&format!("vedtak = {}\n", ml(&vedtak)));
        text.push_str(&vedlegg);
        if has_paper {
            text.push_str(&self.source("papers"));
        }
        text.push_str(&self.source("minutes"));
        text.push_str(&anomalies);
        text.push_str("+++\n");
        text.push_str(&body);
        w.write(
            &format!("content/saker/{number}-{meeting}-{year}.md"),
            &text,
        )
    }

    /// Index of the last meeting held on or before `date`.
    fn meeting_before(&self, date: Date) -> Option<usize> {
        let after = self.meetings.partition_point(|m| m.date <= date);
        after.checked_sub(1)
    }

    fn unique_id(&mut self, used: &mut HashSet<String>, date: Date, title: &str) -> String {
        let base = slugify(title, 70);
        let mut slug = base.clone();
        let mut n = 2;
        // Zola drops the date from the URL, so the rest must be unique in the folder.
        while !used.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        format!("{}-{slug}", date.iso())
    }

    fn write_outputs(&mut self, w: &mut Writer, year: i32) -> Result<usize, String> {
        let n = self.rng.range(7, 11);
        let mut dates: Vec<Date> = (0..n)
            .map(|_| Date {
                year,
                month: self.rng.range(1, 12),
                day: self.rng.range(1, 28),
            })
            .collect();
        dates.sort();
        for date in dates {
            let topic = self.rng.below(TOPICS.len());
            let t = TOPICS[topic].0;
            let kind = match self.rng.below(100) {
                0..=29 => "høringssvar",
                30..=59 => "innspill",
                60..=67 => "brev",
                68..=75 => "kronikk",
                76..=81 => "notat",
                82..=86 => "fellesinnspill",
                87..=91 => "debattinnlegg",
                92..=95 => "uttalelse",
                _ => "rapport",
            };
            let recipient = *self.rng.pick(RECIPIENTS);
            let title = match kind {
                "høringssvar" => format!("Høringssvar om {t}"),
                "innspill" | "fellesinnspill" => format!("Innspill til {recipient} om {t}"),
                "brev" => format!("Brev til {recipient} om {t}"),
                "kronikk" | "debattinnlegg" => capitalise(&format!("{t} krever et nasjonalt løft")),
                _ => capitalise(&format!("{kind} om {t}")),
            };
            let mut used = std::mem::take(&mut self.output_slugs);
            let id = self.unique_id(&mut used, date, &title);
            self.output_slugs = used;
            let mut text = format!(
                "+++\ntitle = {}\ndate = {}\n\n[taxonomies]\ntemaer = {}\n\n[extra]\nkind = \"{kind}\"\nstatus = \"published\"\ndate_as_written = \"{}.{}.{}\"\n",
                q(&title),
                date.iso(),
                list([ho21_tools::model::THEMES[TOPICS[topic].1]]),
                date.day,
                date.month,
                date.year
            );
            if matches!(kind, "kronikk" | "debattinnlegg") {
                let medium = *self.rng.pick(MEDIA);
                text.push_str(&format!("medium = {}\n", q(medium)));
            } else {
                text.push_str(&format!("recipient = {}\n", q(recipient)));
            }
            if kind == "høringssvar" {
                text.push_str(&format!(
                    "hearing_deadline = {}\n",
                    date.add_days(self.rng.range(0, 14)).iso()
                ));
            }
            let mut refs = Vec::new();
            let before = self.meeting_before(date);
            if let Some(m) = before {
                let cases = self.earlier_topic_cases(m + 1, None, 3);
                if let Some(&c) = cases.first() {
                    text.push_str(&format!("decided_by = [\"{}\"]\n", self.case_id(c)));
                    refs.push(self.cases[c].mention(&mut self.rng));
                }
            }
            let after = before.map_or(0, |m| m + 1);
            if let Some(next) = self.meetings.get(after) {
                let news = next.first_index + 3;
                text.push_str(&format!("reported_in = [\"{}\"]\n", self.case_id(news)));
            }
            if self.rng.chance(40) {
                text.push_str(&format!(
                    "external_url = \"https://www.regjeringen.no/no/dokumenter/{}/id{}/\"\n",
                    slugify(&title, 50),
                    100_000 + self.rng.below(900_000)
                ));
            }
            text.push_str(&self.source("papers"));
            // Published: the cited papers say so (check::claims).
            text.push_str("shows_status = true\n");
            text.push_str("+++\n");
            let meetings: Vec<String> = before
                .map(|m| self.meeting_mention(m))
                .into_iter()
                .collect();
            let paragraphs = match kind {
                "høringssvar" => self.rng.range(0, 24),
                "kronikk" | "debattinnlegg" | "rapport" => self.rng.range(4, 10),
                _ => {
                    if self.rng.chance(40) {
                        0
                    } else {
                        self.rng.range(1, 5)
                    }
                }
            };
            for k in 0..paragraphs {
                if paragraphs > 6 && k % 4 == 0 {
                    text.push_str(&format!(
                        "### {}\n\n",
                        capitalise(TOPICS[self.rng.below(TOPICS.len())].0)
                    ));
                }
                text.push_str(&self.paragraph(topic, year, &refs, &meetings));
                text.push_str("\n\n");
            }
            w.write(&format!("content/mener/{id}.md"), &text)?;
            self.outputs.push((id, date, title));
        }
        Ok(n as usize)
    }

    fn write_events(&mut self, w: &mut Writer, year: i32) -> Result<usize, String> {
        let n = self.rng.range(4, 8);
        let mut dates: Vec<Date> = (0..n)
            .map(|_| {
                Date {
                    year,
                    month: self.rng.range(1, 12),
                    day: self.rng.range(1, 28),
                }
                .workday()
            })
            .collect();
        dates.sort();
        for date in dates {
            let topic = self.rng.below(TOPICS.len());
            let t = TOPICS[topic].0;
            let kind = *self.rng.pick(ho21_tools::model::EVENT_KINDS);
            let title = match kind {
                "arendalsuka" => format!("Arendalsuka {year}: {}", capitalise(t)),
                "konferanse" => format!("Konferanse om {t}"),
                "frokostmote" => format!("Frokostmøte: {}", capitalise(t)),
                "webinar" => format!("Webinar: {}", capitalise(t)),
                "toppledermote" => format!("Toppledermøte om {t}"),
                "dialogmote" => format!("Dialogmøte om {t}"),
                "komitehoring" => format!("Komitéhøring om {t}"),
                _ => format!("{} om {t}", capitalise(kind)),
            };
            let mut used = std::mem::take(&mut self.event_slugs);
            let id = self.unique_id(&mut used, date, &title);
            self.event_slugs = used;
            let own = self.rng.chance(60);
            let city = *self.rng.pick(CITIES);
            let mut text = format!(
                "+++\ntitle = {}\ndate = {}\n\n[taxonomies]\ntemaer = {}\n\n[extra]\nkind = \"{kind}\"\nown = {own}\nstatus = \"held\"\ndate_as_written = \"{}. {}\"\ntime_start = \"09:00\"\ntime_end = \"{}\"\ncity = \"{city}\"\norganisers = {}\n",
                q(&title),
                date.iso(),
                list([ho21_tools::model::THEMES[TOPICS[topic].1]]),
                date.day,
                dates::MONTHS[date.month as usize - 1],
                self.rng.pick(&["11:00", "12:00", "15:30"]),
                list(if own { vec!["HelseOmsorg21-rådet"] } else { vec![*self.rng.pick(ORGS), "HelseOmsorg21-rådet"] })
            );
            if self.rng.chance(50) {
                let registered = self.rng.range(40, 400);
                let physical = self.rng.range(10, registered / 2);
                let digital = self.rng.range(0, registered - physical);
                text.push_str(&format!(
                    "registered = {registered}\nattended_physical = {physical}\nattended_digital = {digital}\n"
                ));
            }
            let mut refs = Vec::new();
            let before = self.meeting_before(date);
            if let Some(m) = before {
                if let Some(&c) = self.earlier_topic_cases(m + 1, None, 1).first() {
                    text.push_str(&format!("related_cases = [\"{}\"]\n", self.case_id(c)));
                    refs.push(self.cases[c].mention(&mut self.rng));
                }
            }
            let related: Vec<String> = self
                .outputs
                .iter()
                .rev()
                .take_while(|(_, d, _)| d.year == year)
                .filter(|(_, d, _)| *d <= date)
                .take(1)
                .map(|(id, _, _)| id.clone())
                .collect();
            if !related.is_empty() && self.rng.chance(30) {
                text.push_str(&format!("related_outputs = {}\n", list(&related)));
            }
            if self.rng.chance(30) {
                text.push_str(&format!(
                    "urls = [\"https://www.helse-og-omsorg.example.no/arrangement/{}\"]\n",
                    slugify(&title, 50)
                ));
            }
            let times = ["09:00", "09:15", "09:45", "10:30", "11:00", "11:30"];
            for (k, time) in times.iter().take(self.rng.range(0, 6) as usize).enumerate() {
                let speaker_org = *self.rng.pick(ORGS);
                let person = self.rng.below(self.people.len());
                let title = match k {
                    0 => "Velkommen".to_owned(),
                    _ => format!("Innlegg fra {speaker_org}"),
                };
                text.push_str(&format!(
                    "\n[[extra.programme]]\ntime = \"{time}\"\ntitle = {}\nspeakers = [{}]\n",
                    q(&title),
                    q(&self.people[person].name)
                ));
            }
            text.push_str(&self.source("report"));
            text.push_str("+++\n");
            let meetings: Vec<String> = before
                .map(|m| self.meeting_mention(m))
                .into_iter()
                .collect();
            let n = self.rng.range(1, 4);
            text.push_str(&self.paragraphs(n, topic, year, &refs, &meetings));
            text.push('\n');
            w.write(&format!("content/arrangementer/{id}.md"), &text)?;
        }
        Ok(n as usize)
    }

    fn write_report(&mut self, w: &mut Writer, year: i32) -> Result<(), String> {
        let meetings: Vec<usize> = (0..self.meetings.len())
            .filter(|&m| self.meetings[m].year == year)
            .collect();
        let next_year_first = (0..self.meetings.len()).find(|&m| self.meetings[m].year == year + 1);
        let mut text = format!("+++\ntitle = \"Årsrapport {year}\"\n\n[taxonomies]\ntemaer = [\"Rådets arbeid\"]\n\n[extra]\nyear = {year}\n");
        if let Some(m) = next_year_first {
            let case = self.meetings[m].first_index + 3;
            text.push_str(&format!("presented_in = [\"{}\"]\n", self.case_id(case)));
        }
        text.push_str(&self.source("report"));
        text.push_str("+++\n");
        let leader = self.people[self.period(year).leader].name.clone();
        text.push_str(&format!(
            "## Innledning\n\nHelseOmsorg21-rådet hadde {} møter i {year}, ledet av {leader}.\n\n",
            meetings.len()
        ));
        let topic = self.rng.below(TOPICS.len());
        let mentions: Vec<String> = meetings.iter().map(|&m| self.meeting_mention(m)).collect();
        let n = self.rng.range(2, 6);
        text.push_str(&self.paragraphs(n, topic, year, &[], &mentions));
        text.push_str("\n\n## Rådsmøter\n\n| Møte | Dato | Antall saker |\n|---|---|---|\n");
        for &m in &meetings {
            let x = &self.meetings[m];
            text.push_str(&format!(
                "| [Møte {}/{}](@/moter/{}.md) | {} | {} |\n",
                x.number,
                x.year,
                x.id(),
                x.date.nb(),
                x.count
            ));
        }
        let outputs: Vec<(String, Date, String)> = self
            .outputs
            .iter()
            .filter(|(_, d, _)| d.year == year)
            .cloned()
            .collect();
        if !outputs.is_empty() {
            text.push_str("\n## Innspill og uttalelser\n\n");
            for (id, date, title) in &outputs {
                text.push_str(&format!("- [{title}](@/mener/{id}.md), {}\n", date.nb()));
            }
        }
        w.write(&format!("content/arsrapporter/{year}.md"), &text)
    }

    fn write_about(&mut self, w: &mut Writer) -> Result<usize, String> {
        let year = self.spec.last_year;
        let mandat = format!(
            "+++\ntitle = \"Mandat\"\nweight = 1\n\n[taxonomies]\ntemaer = [\"Rådets arbeid\"]\n\n[extra]\n{}+++\n{}\n",
            self.source("attachment"),
            self.paragraphs(4, TOPICS.len() - 1, year, &[], &[])
        );
        w.write("content/om/mandat.md", &mandat)?;
        let mut members = String::from(
            "+++\ntitle = \"Medlemmer\"\nweight = 2\n\n[taxonomies]\ntemaer = [\"Rådets arbeid\"]\n+++\nRådets medlemmer oppnevnes for fire år av gangen.\n",
        );
        for period in self.periods.iter().rev() {
            members.push_str(&format!("\n### {}–{}\n\n", period.start, period.end));
            let p = &self.people[period.leader];
            members.push_str(&format!("- {} (leder), {}\n", p.name, p.org));
            for &m in &period.members {
                let p = &self.people[m];
                members.push_str(&format!("- {}, {}\n", p.name, p.org));
            }
        }
        w.write("content/om/medlemmer.md", &members)?;
        let secretariat = format!(
            "+++\ntitle = \"Sekretariatet\"\nweight = 3\n+++\nSekretariatet for HelseOmsorg21-rådet ligger i Forskningsrådet.\n\n{}\n",
            self.paragraphs(2, TOPICS.len() - 3, year, &[], &[])
        );
        w.write("content/om/sekretariatet.md", &secretariat)?;
        let strategy = format!(
            "+++\ntitle = \"HelseOmsorg21-strategien\"\nweight = 4\n\n[taxonomies]\ntemaer = [\"Rådets arbeid\", \"Forskning og finansiering\"]\n+++\n{}\n",
            self.paragraphs(8, TOPICS.len() - 1, year, &[], &[])
        );
        w.write("content/om/strategi.md", &strategy)?;
        Ok(4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Meetings per year in a generated archive (from the file names under `content/moter/`).
    fn meetings_per_year(root: &Path) -> BTreeMap<i32, usize> {
        let mut out = BTreeMap::new();
        if let Ok(dir) = fs::read_dir(root.join("content/moter")) {
            for entry in dir.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(year) = name.split('-').next().and_then(|y| y.parse::<i32>().ok()) {
                    *out.entry(year).or_default() += 1;
                }
            }
        }
        out
    }
    use ho21_tools::diagnostics::Report;

    fn repo() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("repo root")
            .to_path_buf()
    }

    #[test]
    fn small_archive_passes_the_check() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("S");
        let stats = generate(&repo(), &out, &Spec::of(Scale::S)).expect("generate");
        let mut report = Report::default();
        let site = ho21_tools::pipeline::check_site(&out, &mut report).expect("load");
        assert!(
            report.diagnostics.is_empty(),
            "{} problems:\n{}",
            report.diagnostics.len(),
            report.render()
        );
        // About 10 years: 40 meetings, 600 cases, 200 other pages.
        assert!((30..=50).contains(&stats.meetings), "{stats:?}");
        assert!((480..=720).contains(&stats.cases), "{stats:?}");
        let other = stats.pages() - stats.meetings - stats.cases;
        assert!((150..=260).contains(&other), "{stats:?}");
        assert_eq!(site.cases.len(), stats.cases);
        assert_eq!(site.meetings.len(), stats.meetings);
        assert_eq!(site.page_count() + 8, stats.pages());
        assert_eq!(meetings_per_year(&out).len(), 11); // ten years and the stub before them
    }

    #[test]
    fn same_seed_same_bytes_and_numbering_rules_hold() {
        let dir = tempfile::tempdir().expect("temp dir");
        let spec = Spec {
            years: 3,
            last_year: 2025,
            seed: 7,
        };
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        generate(&repo(), &a, &spec).expect("generate a");
        generate(&repo(), &b, &spec).expect("generate b");
        let files = |root: &Path| -> Vec<(String, Vec<u8>)> {
            let mut v: Vec<_> = walkdir::WalkDir::new(root.join("content"))
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    (
                        e.path().strip_prefix(root).unwrap().display().to_string(),
                        fs::read(e.path()).unwrap(),
                    )
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(files(&a), files(&b));
        let first = fs::read_to_string(a.join("content/moter/2023-1.md")).unwrap();
        assert!(
            first.contains("agenda = [\"1-1-2023\", \"2-1-2023\", \"3-1-2023\""),
            "{first}"
        );
        let approve = fs::read_to_string(a.join("content/saker/3-1-2024.md")).unwrap();
        assert!(
            approve.contains("approves_minutes_of = [\"2023-"),
            "{approve}"
        );
        // A different seed gives a different archive.
        let c = dir.path().join("c");
        generate(&repo(), &c, &Spec { seed: 8, ..spec }).expect("generate c");
        assert_ne!(files(&a), files(&c));
        // Refuses to delete a folder it did not make.
        let foreign = dir.path().join("foreign");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("x"), "x").unwrap();
        assert!(generate(&repo(), &foreign, &spec).is_err());
    }

    #[test]
    fn slugs_and_strings() {
        assert_eq!(
            slugify("Høringssvar om et kunnskapsløft for kommunene", 80),
            "horingssvar-om-et-kunnskapsloft-for-kommunene"
        );
        assert_eq!(q("a \"b\" \\"), "\"a \\\"b\\\" \\\\\"");
        assert_eq!(
            Date {
                year: 2024,
                month: 12,
                day: 30
            }
            .add_days(3)
            .iso(),
            "2025-01-02"
        );
        let mut rng = Rng::new(1);
        let x: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        let mut again = Rng::new(1);
        assert_eq!(x, (0..3).map(|_| again.next_u64()).collect::<Vec<_>>());
    }
}
