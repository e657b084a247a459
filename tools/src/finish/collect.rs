//! Collects the anchors (`id` and `name` values) and the links of a built page from its start
//! tags, as lychee reads them, for the link check (`links`, `pages`).

use std::collections::HashSet;

use super::links::Link;
use super::scan::Tag;
use super::verify::srcset_urls;

/// Whether attribute `attr` of element `element` holds a URL: the attributes lychee extracts.
fn is_link_attribute(element: &str, attr: &str) -> bool {
    matches!(
        (element, attr),
        (_, "href" | "src" | "cite" | "usemap")
            | ("form", "action")
            | ("button" | "input", "formaction")
            | ("object", "data")
            | ("video", "poster")
    )
}

/// Adds the anchors and the links of a start tag; links as (byte offset in the page, URL).
pub(crate) fn start_tag(
    tag: &Tag,
    anchors: &mut HashSet<String>,
    links: &mut Vec<(usize, String)>,
) {
    let element = tag.name();
    // Hints to connect to another server early, not links (lychee skips them too).
    let hint = element == "link"
        && tag.get("rel").is_some_and(|rel| {
            rel.split_whitespace().any(|r| {
                r.eq_ignore_ascii_case("preconnect") || r.eq_ignore_ascii_case("dns-prefetch")
            })
        });
    let mut seen: Vec<&str> = Vec::new();
    for (name, value, at) in tag.attributes() {
        // A repeated attribute is ignored, as browsers do.
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if name == "id" || name == "name" {
            anchors.insert(value.to_owned());
        } else if hint || value.is_empty() {
            continue;
        } else if name == "srcset" {
            // All candidates are reported at the start of the value, as lychee does.
            for url in srcset_urls(value) {
                links.push((at, url.to_owned()));
            }
        } else if is_link_attribute(element, name) {
            let url = value.trim_start();
            links.push((at + value.len() - url.len(), url.trim_end().to_owned()));
        }
    }
}

/// Turns byte offsets in `text` (in increasing order) into 1-based lines and columns
/// (columns in characters), in one pass over the text.
pub(crate) fn with_positions(text: &str, offsets: Vec<(usize, String)>) -> Vec<Link> {
    let mut line = 1;
    // Characters between the start of the current line and `counted`.
    let mut col = 0;
    let mut counted = 0;
    offsets
        .into_iter()
        .map(|(offset, url)| {
            let offset = offset.clamp(counted, text.len());
            let segment = text.get(counted..offset).unwrap_or("");
            match segment.rfind('\n') {
                Some(last) => {
                    line += segment.bytes().filter(|b| *b == b'\n').count();
                    col = segment[last + 1..].chars().count();
                }
                None => col += segment.chars().count(),
            }
            counted = offset;
            Link {
                url,
                line,
                col: col + 1,
            }
        })
        .collect()
}
