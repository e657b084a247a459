//! Property test of the output check: whatever a page holds, the one pass over it (tokenizer,
//! allow-list, mention linker, link collection) finishes without a panic, and what it reports
//! stays inside the page.

use ho21_tools::finish::{mentions::Targets, scan::scan, verify::Policy};
use proptest::prelude::*;

/// Pieces that make tokenizers and hand-written scanners stumble.
const PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "\"",
    "'",
    "=",
    " ",
    "\n",
    "\r\n",
    "\t",
    "&",
    "&amp;",
    "&#x",
    "&#106;",
    ";",
    "<!--",
    "-->",
    "<!doctype html>",
    "<html>",
    "<head>",
    "</head>",
    "<body>",
    "<p",
    "</p>",
    "<a",
    "</a>",
    " href=",
    " onclick=",
    " id=",
    "<script",
    "</script>",
    "<style",
    "</style",
    "<title>",
    "</title>",
    "<svg>",
    "<math>",
    "<noscript>",
    "<iframe",
    "<meta",
    " http-equiv=",
    " content=",
    "refresh",
    "0; url=",
    "javascript:",
    "//evil.example/",
    "/saker/",
    "Sak 37/3/2025",
    "møte 3/2025",
    "ø",
    "\u{0}",
    "\u{c}",
    "\u{1}",
    "\u{feff}",
    "<![CDATA[",
    "]]>",
    "<?",
    "?>",
];

fn targets() -> Targets {
    Targets {
        cases: ["37-3-2025".to_owned()].into_iter().collect(),
        meetings: ["2025-3".to_owned()].into_iter().collect(),
    }
}

fn html_ish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_owned),
            1 => any::<String>(),
        ],
        0..60,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_page_is_read_without_a_panic(html in html_ish()) {
        let policy = Policy::new("https://www.example.no", Some("default-src 'self'")).unwrap();
        let scanned = scan("saker/8-1-2026/index.html", &html, &targets(), &policy);
        let text = scanned.html.as_deref().unwrap_or(&html);
        let lines = text.split('\n').count();
        for link in &scanned.links {
            prop_assert!(link.line >= 1 && link.line <= lines, "{link:?} in {lines} lines");
            prop_assert!(link.col >= 1);
        }
        // Linking mentions only adds links: the text outside them is kept.
        if let Some(new) = &scanned.html {
            prop_assert!(new.len() > html.len());
        }
        // Without the policy in its head a page is always refused.
        if !html.contains("http-equiv") {
            prop_assert!(!scanned.problems.is_empty());
        }
    }

    #[test]
    fn a_page_without_markup_has_no_other_problem(text in "[^<&]*") {
        let policy = Policy::new("https://www.example.no", None).unwrap();
        let scanned = scan("index.html", &text, &targets(), &policy);
        prop_assert!(scanned.problems.is_empty(), "{:?}", scanned.problems);
    }
}
