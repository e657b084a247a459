//! Turns every mention of a case or meeting in the text of a built page ("Sak 37/3/2025",
//! "sak 29/3/22", "møte 3/2025") into a link, so editors never write those links by hand. The
//! text runs come from the page's one token stream (`scan`).

use std::collections::BTreeSet;

use crate::ids::{find_mentions, Target};
use crate::urls;

/// What the linker needs to know about the site.
pub struct Targets {
    pub cases: BTreeSet<String>,
    pub meetings: BTreeSet<String>,
}

impl Targets {
    fn url(&self, target: &Target) -> Option<String> {
        match target {
            Target::Case(id, _) => self
                .cases
                .contains(&id.slug())
                .then(|| urls::url(urls::CASES, id.slug())),
            Target::Meeting(id) => self
                .meetings
                .contains(&id.slug())
                .then(|| urls::url(urls::MEETINGS, id.slug())),
        }
    }
}

/// Elements whose text is never linked.
pub(crate) const SKIP: &[&str] = &[
    "a", "head", "script", "style", "title", "h1", "code", "pre", "textarea", "button", "label",
    "select", "option", "summary", "nav",
];

/// A mention to link: bytes `start..end` of the page become a link to `url`.
pub type Mention = (usize, usize, String);

/// Adds the mentions to link in a run of raw text (as written in the page, character
/// references and all) that starts at byte `at` of the page. `own_url` is the page's own path:
/// a page never links to itself.
pub(crate) fn link_text(
    text: &str,
    at: usize,
    targets: &Targets,
    own_url: &str,
    mentions: &mut Vec<Mention>,
) {
    if text.is_empty() {
        return;
    }
    let mut last = 0;
    for m in find_mentions(text) {
        let Some(url) = targets.url(&m.target) else {
            continue;
        };
        if url == own_url || m.start < last {
            continue;
        }
        mentions.push((at + m.start, at + m.end, url));
        last = m.end;
    }
}

/// The page with every mention wrapped in its link, and a function that moves a byte offset of
/// the old text (outside the mentions) to the new one.
pub(crate) fn apply<'m>(
    html: &str,
    mentions: &'m [Mention],
) -> (String, impl Fn(usize) -> usize + 'm) {
    let mut out = String::with_capacity(html.len() + mentions.len() * 40);
    let mut last = 0;
    // (offset in the old text, bytes added before it)
    let mut added: Vec<(usize, usize)> = Vec::with_capacity(mentions.len());
    for (start, end, url) in mentions {
        out.push_str(&html[last..*start]);
        let before = out.len();
        out.push_str(&format!("<a href=\"{url}\">{}</a>", &html[*start..*end]));
        let grown = out.len() - before - (end - start);
        let total = added.last().map_or(0, |(_, t)| *t) + grown;
        added.push((*end, total));
        last = *end;
    }
    out.push_str(&html[last..]);
    let shift = move |at: usize| {
        let i = added.partition_point(|(end, _)| *end <= at);
        at + if i == 0 { 0 } else { added[i - 1].1 }
    };
    (out, shift)
}
