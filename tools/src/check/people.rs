//! Every person named in attendance lists, as sender or case officer resolves through the alias
//! list in `data/personer.toml`.

use std::collections::BTreeMap;

use crate::codes::Code;
use crate::diagnostics::{Key, Report, SourceFile};
use crate::frontmatter::closest;
use crate::site::Site;

pub fn check(site: &Site, report: &mut Report) {
    let Some(people_file) = &site.people_file else {
        return;
    };
    let mut known: BTreeMap<String, &str> = BTreeMap::new();
    for person in &site.people {
        for name in std::iter::once(&person.name).chain(&person.aliases) {
            let key = normalise(name);
            if let Some(other) = known.insert(key, &person.id) {
                if other != person.id {
                    let at = Key("aliases", Some(name));
                    report.error(
                        Code::UnknownPerson,
                        people_file,
                        at,
                        format!("«{name}» er brukt både for «{other}» og «{}»", person.id),
                        Some("et navn eller alias kan bare høre til én person".into()),
                    );
                }
            }
        }
    }
    let all_names: Vec<String> = site
        .people
        .iter()
        .flat_map(|p| std::iter::once(p.name.clone()).chain(p.aliases.clone()))
        .collect();
    let check_name = |report: &mut Report, file: &SourceFile, key: &str, name: &str| {
        if !known.contains_key(&normalise(name)) {
            let at = Key(key, Some(name));
            let hint = match closest(name, &all_names) {
                Some(c) => format!("mente du «{c}»? Er det en annen skrivemåte i kilden, legg den til som alias i data/personer.toml"),
                None => "legg personen til i data/personer.toml".into(),
            };
            report.error(
                Code::UnknownPerson,
                file,
                at,
                format!("«{name}» finnes ikke i personlisten"),
                Some(hint),
            );
        }
    };
    for doc in site.meetings.values() {
        for a in &doc.front.extra.attendance {
            check_name(report, &doc.file, "name", &a.name);
        }
    }
    for doc in site.cases.values() {
        let e = &doc.front.extra;
        if let Some(fra) = &e.fra {
            check_name(report, &doc.file, "fra", fra);
        }
        for name in &e.saksbehandlere {
            check_name(report, &doc.file, "saksbehandlere", name);
        }
    }
}

/// Names compare without case and extra spaces.
fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
