//! Front-matter values that Zola turns into paths on disk: `aliases` (a redirect page written at
//! that path in the built site) and `template` / `page_template` (a file under `templates/`).
//! Zola joins them to its folders as they are, so `../../x.html` would write outside the build
//! folder and `../config.toml` would read outside the templates. (`path` and `slug` are not
//! allowed at all: `deny_unknown_fields` in the model rejects them.)

use std::collections::BTreeMap;

use crate::codes::Code;
use crate::diagnostics::{Key, Report, SourceFile};
use crate::site::{Doc, Site};

pub fn check(site: &Site, report: &mut Report) {
    // Every built file a page or section owns, and who owns it.
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    let mut pages: Vec<(&SourceFile, &[String], Option<&str>)> = Vec::new();
    fn add<'s, E>(
        docs: &'s BTreeMap<String, Doc<E>>,
        pages: &mut Vec<(&'s SourceFile, &'s [String], Option<&'s str>)>,
    ) {
        for d in docs.values() {
            pages.push((&d.file, &d.front.aliases, d.front.template.as_deref()));
        }
    }
    add(&site.meetings, &mut pages);
    add(&site.cases, &mut pages);
    add(&site.minutes, &mut pages);
    add(&site.outputs, &mut pages);
    add(&site.events, &mut pages);
    add(&site.reports, &mut pages);
    add(&site.pages, &mut pages);
    for (file, _, _) in &pages {
        taken.insert(page_output(&file.rel), file.rel.clone());
    }
    for (folder, (file, _)) in &site.sections {
        taken.insert(index_of(folder), file.rel.clone());
    }

    for (file, aliases, template) in &pages {
        for alias in aliases.iter() {
            let at = Key("aliases", Some(alias));
            match alias_output(alias) {
                Err(why) => report.error(
                    Code::BadPath,
                    file,
                    at,
                    format!("omdirigeringen «{alias}» {why}"),
                    Some("skriv den gamle adressen på nettstedet som /mappe/side/, med bare bokstaver, tall, - og _".into()),
                ),
                Ok(out) => {
                    if let Some(owner) = taken.get(&out) {
                        let whose = if *owner == file.rel { "denne siden".to_owned() } else { owner.clone() };
                        report.error(
                            Code::BadPath,
                            file,
                            at,
                            format!("omdirigeringen «{alias}» ville skrive over {out}, som {whose} allerede bruker"),
                            Some("en omdirigering må være en adresse som ingen annen side har".into()),
                        );
                    } else {
                        taken.insert(out, file.rel.clone());
                    }
                }
            }
        }
        if let Some(name) = template {
            template_exists(site, file, "template", name, report);
        }
    }
    for (file, front) in site.sections.values() {
        if let Some(name) = &front.template {
            template_exists(site, file, "template", name, report);
        }
        if let Some(name) = &front.page_template {
            template_exists(site, file, "page_template", name, report);
        }
    }
}

/// The built file of a page: `content/saker/48-6-2022.md` → `saker/48-6-2022/index.html`. Zola
/// drops a leading date from the file name.
fn page_output(rel: &str) -> String {
    let path = rel.trim_start_matches("content/").trim_end_matches(".md");
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let slug = crate::urls::without_date(name);
    let url = if folder.is_empty() {
        slug.to_owned()
    } else {
        format!("{folder}/{slug}")
    };
    index_of(&url.to_lowercase())
}

fn index_of(url: &str) -> String {
    if url.is_empty() {
        "index.html".to_owned()
    } else {
        format!("{url}/index.html")
    }
}

/// The file Zola writes for an alias, or why the alias is refused.
fn alias_output(alias: &str) -> Result<String, String> {
    if alias.starts_with("//") {
        return Err("begynner med //, som er en adresse på et annet nettsted".into());
    }
    let trimmed = alias.trim_start_matches('/').trim_end_matches('/');
    if trimmed.is_empty() {
        return Err("er forsiden".into());
    }
    for segment in trimmed.split('/') {
        if segment.is_empty() {
            return Err("har // midt i".into());
        }
        if segment == "." || segment == ".." {
            return Err(format!("inneholder «{segment}», som peker ut av mappen"));
        }
        if let Some(c) = segment
            .chars()
            .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')))
        {
            return Err(format!(
                "inneholder tegnet «{}», som ikke kan brukes i en adresse her",
                c.escape_default()
            ));
        }
    }
    Ok(if trimmed.ends_with(".html") {
        trimmed.to_owned()
    } else {
        index_of(trimmed)
    })
}

fn template_exists(site: &Site, file: &SourceFile, key: &str, name: &str, report: &mut Report) {
    let at = Key(key, Some(name));
    let plain = name.strip_suffix(".html").is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    });
    let why = if !plain {
        "er ikke et filnavn i templates/ (bare bokstaver, tall, - og _, og .html)"
    } else if !std::fs::symlink_metadata(site.root.join("templates").join(name))
        .is_ok_and(|m| m.is_file())
    {
        "finnes ikke i templates/"
    } else {
        return;
    };
    report.error(
        Code::BadPath,
        file,
        at,
        format!("malen «{name}» i `{key}` {why}"),
        Some("bruk en av malene som finnes, for eksempel \"side.html\", eller fjern linjen".into()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_stay_inside_the_site() {
        assert_eq!(
            alias_output("/gammel/side/").unwrap(),
            "gammel/side/index.html"
        );
        assert_eq!(alias_output("gammel.html").unwrap(), "gammel.html");
        assert!(alias_output("../../escaped.html").is_err());
        assert!(alias_output("/a/../../templates/side.html").is_err());
        assert!(alias_output("a\\..\\b").is_err());
        assert!(alias_output("//evil.example/").is_err());
        assert!(alias_output("/").is_err());
        assert!(alias_output("a/\u{1b}[31m/").is_err());
    }

    #[test]
    fn page_outputs_drop_the_date() {
        assert_eq!(
            page_output("content/saker/48-6-2022.md"),
            "saker/48-6-2022/index.html"
        );
        assert_eq!(
            page_output("content/mener/2022-11-30-innspill.md"),
            "mener/innspill/index.html"
        );
        assert_eq!(page_output("content/sok.md"), "sok/index.html");
    }
}
