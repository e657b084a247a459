//! Resolving the links of the built site in memory: which file a link points to, and whether
//! its `#anchor` is on that page. The pages are read once, in `pages`; this only looks up what
//! that pass found, so checking the links costs no file reads at all.
//!
//! The rules are lychee's offline check (`lychee --offline --include-fragments --index-files
//! index.html`, with `base_url` remapped to the output folder): links to other sites, `mailto:`
//! and `tel:` are not checked; a folder URL needs its `index.html`; an anchor must be the `id`
//! (or `name`) of an element on the target page, as written or percent-decoded; `#` and `#top`
//! are always fine. `tools/tests/testsuite/linkcheck.rs` compares the two on a fixture site.

use std::collections::{HashMap, HashSet};

/// A link found on a page, where it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub line: usize,
    pub col: usize,
}

/// A link that does not work.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Broken {
    /// The page it is on, relative to the output folder (`saker/48-6-2022/index.html`).
    pub page: String,
    pub line: usize,
    pub col: usize,
    /// The link as written in the page.
    pub url: String,
    pub reason: String,
}

/// Where a link on this site points: a file of the output folder and an anchor in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Relative to the output folder, decoded, without `index.html` added (`saker/x/`).
    pub path: String,
    pub fragment: Option<String>,
}

/// Resolves `url`, found on `page`, to a path in the output folder; `None` for links this
/// check leaves alone (other sites, `mailto:`, `tel:`, `data:`).
pub(crate) fn resolve(page: &str, url: &str, base_url: &str) -> Option<Target> {
    let local = local_part(url, base_url)?;
    let (rest, fragment) = match local.split_once('#') {
        Some((r, f)) => (r, Some(f.to_owned())),
        None => (local, None),
    };
    let path = rest.split('?').next().unwrap_or(rest);
    let joined = if path.is_empty() {
        page.to_owned()
    } else if let Some(absolute) = path.strip_prefix('/') {
        absolute.to_owned()
    } else {
        let dir = page.rfind('/').map_or("", |i| &page[..=i]);
        format!("{dir}{path}")
    };
    Some(Target {
        path: normalize(&percent_decode(&joined)),
        fragment,
    })
}

/// A link on this site as a path (`/saker/`, `../x/`, `#a`; `https://<base_url>/x/` → `/x/`), or
/// `None` for a link this check leaves alone.
pub(crate) fn local_part<'a>(url: &'a str, base_url: &str) -> Option<&'a str> {
    let url = url.trim();
    let local = match url.strip_prefix(base_url.trim_end_matches('/')) {
        Some("") => "/",
        Some(rest) if rest.starts_with(['/', '#', '?']) => rest,
        _ => url,
    };
    (!has_scheme(local) && !local.starts_with("//")).then_some(local)
}

/// `scheme:` at the start (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`).
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Removes `.` and `..` segments; a trailing `/` stays (it means "the folder's index").
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." | "" if !last => {}
            ".." => {
                parts.pop();
                if last {
                    parts.push("");
                }
            }
            "." => parts.push(""),
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Decodes `%XX` escapes; leaves the text as it is when they do not form UTF-8.
pub(crate) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_owned(), |decoded| decoded.into_owned())
}

/// Every file of the built site and the anchors of every page: all a link check needs.
#[derive(Debug, Default)]
pub struct SiteMap {
    /// Every file, relative to the output folder (`saker/x/index.html`, `css/site.css`).
    pub files: HashSet<String>,
    /// The `id` and `name` values of every HTML page, by file.
    pub anchors: HashMap<String, HashSet<String>>,
}

impl SiteMap {
    /// The file a path names: the file itself, or a folder's `index.html`.
    pub(crate) fn file_of(&self, path: &str) -> Option<String> {
        if path.is_empty() || path.ends_with('/') {
            let index = format!("{path}index.html");
            return self.files.contains(&index).then_some(index);
        }
        if self.files.contains(path) {
            return Some(path.to_owned());
        }
        let index = format!("{path}/index.html");
        self.files.contains(&index).then_some(index)
    }

    /// Why a link does not work, or `None` when it does.
    pub fn problem(&self, target: &Target) -> Option<String> {
        match self.first_look(target) {
            Look::Broken(reason) => Some(reason),
            Look::Fine => None,
            Look::Anchor { file, fragment } => self.anchor_problem(&file, fragment),
        }
    }

    /// What can be said of a link from the file list alone: it is broken, it is fine, or it
    /// points to an anchor in an HTML page, which the page's anchors decide.
    pub(crate) fn first_look<'t>(&self, target: &'t Target) -> Look<'t> {
        let Some(file) = self.file_of(&target.path) else {
            return Look::Broken(format!(
                "det finnes ingen side eller fil /{} i det bygde nettstedet",
                target.path
            ));
        };
        match target.fragment.as_deref() {
            // Anchors are checked in HTML pages only, like lychee does.
            Some(fragment)
                if !fragment.is_empty()
                    && !fragment.eq_ignore_ascii_case("top")
                    && file.ends_with(".html") =>
            {
                Look::Anchor { file, fragment }
            }
            _ => Look::Fine,
        }
    }

    /// Why `#fragment` does not work on the page `file`, or `None` when it does.
    pub(crate) fn anchor_problem(&self, file: &str, fragment: &str) -> Option<String> {
        anchor_problem(self.anchors.get(file)?, file, fragment)
    }
}

/// What `SiteMap::first_look` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Look<'t> {
    Fine,
    Broken(String),
    Anchor { file: String, fragment: &'t str },
}

/// Why `#fragment` is not among `anchors` of the page `file`, or `None` when it is.
pub(crate) fn anchor_problem(
    anchors: &HashSet<String>,
    file: &str,
    fragment: &str,
) -> Option<String> {
    if anchors.contains(fragment) || anchors.contains(&percent_decode(fragment)) {
        return None;
    }
    Some(format!(
        "siden /{} har ikke noe element med id=\"{}\"",
        file.trim_end_matches("index.html"),
        percent_decode(fragment)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://www.example.no";

    fn target(path: &str, fragment: Option<&str>) -> Option<Target> {
        Some(Target {
            path: path.to_owned(),
            fragment: fragment.map(str::to_owned),
        })
    }

    #[test]
    fn resolves_every_kind_of_link_on_the_site() {
        let page = "saker/8-1-2026/index.html";
        let cases = [
            ("/saker/", target("saker/", None)),
            ("/", target("", None)),
            ("https://www.example.no", target("", None)),
            ("https://www.example.no/", target("", None)),
            (
                "https://www.example.no/moter/2025-3/#sak-3",
                target("moter/2025-3/", Some("sak-3")),
            ),
            (
                "#hovedinnhold",
                target("saker/8-1-2026/index.html", Some("hovedinnhold")),
            ),
            ("?side=2#x", target("saker/8-1-2026/index.html", Some("x"))),
            ("../7-1-2026/", target("saker/7-1-2026/", None)),
            ("./vedlegg.pdf", target("saker/8-1-2026/vedlegg.pdf", None)),
            ("../../", target("", None)),
            ("/s%C3%B8k/", target("søk/", None)),
            ("/a/./b/../c", target("a/c", None)),
            ("atom.xml", target("saker/8-1-2026/atom.xml", None)),
        ];
        for (url, expected) in cases {
            assert_eq!(resolve(page, url, BASE), expected, "{url}");
        }
        for url in [
            "https://www.regjeringen.no/",
            "https://www.example.no.evil.org/",
            "mailto:post@example.no",
            "tel:+4722000000",
            "data:image/png;base64,AAAA",
            "//cdn.example.org/x.js",
        ] {
            assert_eq!(resolve(page, url, BASE), None, "{url}");
        }
    }

    #[test]
    fn percent_escapes_decode_only_when_they_make_utf8() {
        for (raw, decoded) in [
            ("s%C3%B8k", "søk"),
            ("%41%62", "Ab"),
            ("100%", "100%"),
            ("a%2", "a%2"),
            ("%zz%41", "%zzA"),
            ("%FF%41", "%FF%41"),
        ] {
            assert_eq!(percent_decode(raw), decoded, "{raw}");
        }
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let mut site = SiteMap::default();
        for f in ["index.html", "saker/x/index.html", "css/site.css"] {
            site.files.insert(f.to_owned());
        }
        site.anchors.insert(
            "saker/x/index.html".into(),
            ["vedtak", "æ-ø"].into_iter().map(String::from).collect(),
        );
        site.anchors.insert("index.html".into(), HashSet::new());
        let links = [
            ("/saker/x/#vedtak", None),
            ("/saker/x#vedtak", None),
            ("/saker/x/#%C3%A6-%C3%B8", None),
            ("/saker/x/#top", None),
            ("/saker/x/#", None),
            ("/css/site.css#x", None),
            ("/saker/x/#forslag", Some("id=\"forslag\"")),
            ("/saker/y/", Some("/saker/y/")),
            ("/css/mangler.css", Some("/css/mangler.css")),
            ("#hovedinnhold", Some("id=\"hovedinnhold\"")),
        ];
        for (url, why) in links {
            let target = resolve("index.html", url, BASE).expect("local");
            match (site.problem(&target), why) {
                (None, None) => {}
                (Some(reason), Some(why)) => assert!(reason.contains(why), "{url}: {reason}"),
                (found, _) => panic!("{url}: {found:?}"),
            }
        }
    }
}
