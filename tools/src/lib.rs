//! The tools behind the HelseOmsorg21-rådet website: content model, checks, generated indices,
//! the build pipeline, the finishing of the built site and the files added to it.

/// A regular expression compiled once, on first use: `static RE: LazyLock<Regex> = regex!(r"…");`.
/// The patterns are constants, so an invalid one is a bug, found by the tests that use it.
macro_rules! regex {
    ($pattern:expr) => {
        std::sync::LazyLock::new(|| regex::Regex::new($pattern).expect("valid regex"))
    };
}

pub mod check;
pub mod codes;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod diff;
pub mod errors;
#[cfg(feature = "external-links")]
pub mod external;
pub mod finish;
pub mod fix;
pub mod frontmatter;
pub mod generate;
pub(crate) mod history;
pub mod ids;
pub mod import;
pub mod model;
pub(crate) mod outputs;
pub mod pipeline;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod timing;
pub(crate) mod urls;
pub mod zola;

/// The modules above form no cycle: each top-level module may use only modules that do not use
/// it back, directly or through others, so the layout reads as the pipeline's stages.
#[cfg(test)]
mod layout {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// The top-level modules a file names: `crate::x` anywhere, the first names of each group in
    /// `use crate::{a, b::c}`, and `super::super::x` from a file two levels down.
    fn named(text: &str, depth: usize) -> BTreeSet<String> {
        let ident = |s: &str| -> String {
            s.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        };
        let mut out = BTreeSet::new();
        let code: String = text
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // The names at nesting depth 0 of the group.
                let mut level = 0;
                let mut start = true;
                for (i, c) in group.char_indices() {
                    match c {
                        '{' => level += 1,
                        '}' if level == 0 => break,
                        '}' => level -= 1,
                        ',' if level == 0 => start = true,
                        c if c.is_whitespace() => {}
                        _ if start && level == 0 => {
                            out.insert(ident(&group[i..]));
                            start = false;
                        }
                        _ => {}
                    }
                }
            } else {
                out.insert(ident(rest));
            }
        }
        if depth >= 2 {
            let up = "super::".repeat(depth);
            for (at, _) in code.match_indices(&up) {
                out.insert(ident(&code[at + up.len()..]));
            }
        }
        out
    }

    /// The uses `a → b` where `b` leads back to `a`.
    fn cycles(uses: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
        let reach = |from: &str| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![from.to_owned()];
            while let Some(m) = todo.pop() {
                for next in uses.get(&m).into_iter().flatten() {
                    if seen.insert(next.clone()) {
                        todo.push(next.clone());
                    }
                }
            }
            seen
        };
        uses.iter()
            .flat_map(|(a, bs)| bs.iter().map(move |b| (a, b)))
            .filter(|(a, b)| reach(b).contains(*a))
            .map(|(a, b)| format!("{a} → {b}"))
            .collect()
    }

    #[test]
    fn no_cycle_between_top_level_modules() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let modules: BTreeSet<String> = std::fs::read_dir(&src)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter_map(|p| {
                let name = p.file_stem()?.to_str()?.to_owned();
                let module = p.is_dir() || p.extension().is_some_and(|e| e == "rs");
                (module && !["lib", "main", "bin", "cli"].contains(&name.as_str())).then_some(name)
            })
            .collect();
        let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for entry in walkdir::WalkDir::new(&src) {
            let path = entry.unwrap().into_path();
            let rel = path.strip_prefix(&src).unwrap();
            let Some(top) = rel.iter().next().and_then(|t| t.to_str()) else {
                continue;
            };
            let top = top.trim_end_matches(".rs").to_owned();
            if !modules.contains(&top) || path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // `check/refs.rs` is two levels down, `check/mod.rs` one.
            let depth = rel.components().count() - usize::from(rel.ends_with("mod.rs"));
            let edges = uses.entry(top.clone()).or_default();
            for name in named(&text, depth) {
                if modules.contains(&name) && name != top {
                    edges.insert(name);
                }
            }
        }
        let cycles = cycles(&uses);
        assert!(uses.len() > 10, "read too few modules: {uses:?}");
        assert!(cycles.is_empty(), "these uses close a cycle: {cycles:?}");
    }

    #[test]
    fn finds_the_names_a_file_uses() {
        let text = "use crate::{a, b::{c, d}, e};\nlet x = crate::f::g();\n// crate::h\nsuper::super::i::j";
        let found: Vec<String> = named(text, 2).into_iter().collect();
        assert_eq!(found, ["a", "b", "e", "f", "i"]);
        let graph = |edges: &[(&str, &str)]| {
            let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (a, b) in edges {
                uses.entry(a.to_string()).or_default().insert(b.to_string());
            }
            uses
        };
        assert!(cycles(&graph(&[("a", "b"), ("b", "c")])).is_empty());
        assert_eq!(
            cycles(&graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])),
            ["a → b", "b → c", "c → a"]
        );
    }
}
