//! The stable list of problem codes. Each code is documented here once; `ho21 codes` prints the
//! table, `docs/` explains every code to the secretariat, and a test keeps the two in step.

macro_rules! codes {
    ($($variant:ident = $name:literal : $what:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// One line in Norwegian: what the code means.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $what,)* }
            }
        }
    };
}

codes! {
    FrontMatter = "front-matter": "Filen mangler `+++`-blokken øverst, eller TOML-en i den har en skrivefeil.";
    UnknownField = "unknown-field": "Et felt som ikke finnes for denne innholdstypen (ofte en skrivefeil i feltnavnet).";
    MissingField = "missing-field": "Et felt som må være med, mangler.";
    WrongType = "wrong-type": "Et felt har feil type verdi (for eksempel tekst der det skal være et tall eller en dato).";
    BadValue = "bad-value": "Verdien er ikke en av de tillatte (for eksempel status, rolle, type eller tema).";
    BadDate = "bad-date": "En dato eller et klokkeslett som ikke finnes eller er skrevet feil.";
    Weekday = "weekday": "Ukedagen i `date_as_written` stemmer ikke med datoen.";
    MissingYear = "missing-year": "Datoen i kilden mangler årstall, og det er ikke kvittert ut som avvik.";
    BadId = "bad-id": "Filnavnet følger ikke mønsteret for id-er (`N-M-ÅÅÅÅ` for saker, `ÅÅÅÅ-M` for møter).";
    DuplicateId = "duplicate-id": "To filer har samme id eller samme saksnummer.";
    BadNumber = "bad-number": "Et saksnummer eller møtenummer kan ikke leses.";
    WrongYear = "wrong-year": "Et saksnummer er skrevet med feil år i kilden, og det er ikke kvittert ut som avvik.";
    DuplicateNumber = "duplicate-number": "Kilden bruker samme nummer på flere saker, og det er ikke kvittert ut som avvik.";
    DottedNumber = "dotted-number": "Et saksnummer er skrevet med punktum (`53.6.22`), og det er ikke kvittert ut som avvik.";
    NumberCollision = "number-collision": "Et nummer slik det står i kilden peker på en annen, ekte sak, og det er ikke kvittert ut som avvik.";
    NumberSequence = "number-sequence": "Saksnumrene i et møte følger ikke fortløpende etter hverandre gjennom året.";
    AgendaMismatch = "agenda-mismatch": "Sakslisten i møtet og sakene som hører til møtet stemmer ikke overens.";
    MeetingMismatch = "meeting-mismatch": "Saken og møtet den hører til er uenige (nummer, år eller dato).";
    UnresolvedRef = "unresolved-ref": "En henvisning til en sak eller et møte som ikke finnes på nettstedet.";
    RefOrder = "ref-order": "En henvisning bakover i tid («tidligere behandlet», godkjenning av referat) peker på en senere sak eller et senere møte.";
    MinutesChain = "minutes-chain": "Et referat er ikke godkjent nøyaktig én gang, av en sak i et senere møte.";
    OutputLink = "output-link": "En uttalelse eller et arrangement peker på en sak som ikke finnes eller er senere enn uttalelsen.";
    AmbiguousBound = "ambiguous-bound": "En grense for oppmøte («t.o.m. sak 41/5/22») kan bety flere saker, fordi kilden brukte samme nummer flere ganger, og det er ikke kvittert ut som avvik.";
    Attendance = "attendance": "Oppmøtelisten er selvmotsigende eller viser til en sak utenfor møtet.";
    UnknownPerson = "unknown-person": "Et navn som ikke finnes i personlisten `data/personer.toml` (verken som navn eller alias).";
    RawHtml = "raw-html": "Rå HTML i teksten. Bruk Markdown; HTML blir ikke publisert.";
    UnsafeLink = "unsafe-link": "En lenke med `javascript:` eller et annet skjema som ikke er tillatt.";
    BadUrl = "bad-url": "En nettadresse som er ufullstendig eller ødelagt (mangler https://, har mellomrom eller er delt).";
    OwnSiteLink = "own-site-link": "En lenke til nettstedets eget domene som ikke er en side her (for eksempel en side på det gamle nettstedet). Bruk en @/-lenke.";
    ControlChar = "control-char": "Et usynlig kontrolltegn (for eksempel sideskift) i teksten, skrevet direkte eller som `\\f`/`\\u000C`. Det gjør feedene ugyldige.";
    ContactData = "contact-data": "E-postadresse eller telefonnummer i teksten. Slike opplysninger publiseres ikke.";
    Placeholder = "placeholder": "Plassholdertekst («NN», «[]», «xx.xx.xx») i et forslag til vedtak eller et vedtak.";
    MissingVedtak = "missing-vedtak": "Saken står i referatet, men har ikke noe vedtak, og det er ikke kvittert ut som avvik.";
    MissingForslag = "missing-forslag": "Saken har saksframlegg, men ikke noe forslag til vedtak, og det er ikke kvittert ut som avvik.";
    MissingPaper = "missing-paper": "Saken står på sakslisten, men har ikke saksframlegg, og det er ikke kvittert ut som avvik.";
    TitleDrift = "title-drift": "Saken har andre titler i kildene (`title_variants`), og det er ikke kvittert ut som avvik.";
    AnomalyCode = "anomaly-code": "Et avvik (`[[extra.anomalies]]`) har en kode som ikke finnes.";
    MissingTemplateLink = "missing-target": "Et vedlegg eller en intern lenke peker på en side som ikke finnes.";
    Symlink = "symlink": "En symbolsk lenke (snarvei) eller en annen spesiell fil i en mappe som Zola leser. Legg inn selve filen.";
    FileType = "file-type": "En filtype som ikke er tillatt i `content/` eller `static/`, eller en fil som ikke er det filtypen sier.";
    UnsafeSvg = "unsafe-svg": "En SVG-fil i `static/` med mer enn tegneelementer (skript, lenker, stiler eller entiteter).";
    Encoding = "encoding": "Filen er ikke lagret som UTF-8, eller begynner med et usynlig BOM-tegn.";
    BadPath = "bad-path": "`aliases`, `template` eller `page_template` peker ut av nettstedet, på en mal som ikke finnes, eller på en adresse som allerede er i bruk.";
    Nesting = "nesting": "Teksten er nøstet i altfor mange nivåer (sitater i sitater, lister i lister).";
    BadCaseRef = "bad-case-ref": "Et saksnummer i teksten har et årstall som ikke kan leses (for eksempel «Sak 13/2/206»).";
    PastedBullet = "pasted-bullet": "En linje begynner med et punkttegn limt inn fra Word («•», «–», «»); det blir ikke en punktliste.";
    PastedTable = "pasted-table": "En linje har tabulatorer inne i teksten: en tabell limt inn fra Word eller Excel. Skriv den som en Markdown-tabell.";
    TypographicChar = "typographic-char": "Krøllete anførselstegn eller hardt mellomrom i feltene øverst i filen, der TOML krever vanlige tegn. `ho21 check --fix` retter dem.";
    NoAttendance = "no-attendance": "Møtet er holdt, men har ingen oppmøteliste, og det er ikke kvittert ut som avvik.";
    ApprovalTooEarly = "approval-too-early": "Referatet fra et møte godkjennes, men møtet er ikke holdt eller har ingen vedtak, og det er ikke kvittert ut som avvik.";
    PastPlanned = "past-planned": "Advarsel: møtedatoen er passert (etter byggedatoen), men møtet står fortsatt som planlagt.";
    BrokenLink = "broken-link": "Den ferdige nettsiden har en lenke eller et anker som ikke virker.";
    UnsourcedClaim = "unsourced-claim": "En status som sier at noe skjedde (godkjent, vedtatt, publisert, sendt), uten en kilde som sier det.";
    UnsafeHtml = "unsafe-html": "Den ferdige nettsiden har HTML som ikke er tillatt (skript, skjema, videresending, ukjent element eller attributt, lenke med et skjema som ikke er tillatt), eller mangler sikkerhetsregelen (Content-Security-Policy).";
    BuildFailed = "build-failed": "Zola klarte ikke å bygge nettstedet.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_described() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "duplicate code names");
        for code in Code::ALL {
            assert!(!code.description().is_empty());
        }
    }
}
