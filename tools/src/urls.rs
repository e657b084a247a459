//! Where each kind of content lives and where it is published: the one home of the id → file,
//! Zola path and URL scheme (`48-6-2022` → `content/saker/48-6-2022.md`, `saker/48-6-2022.md`,
//! `/saker/48-6-2022/`). Zola publishes a page at its folder and file name, so the three follow
//! from the folder.

use std::fmt::Display;

pub(crate) const MEETINGS: &str = "moter";
pub(crate) const CASES: &str = "saker";
pub const MINUTES: &str = "referater";
pub(crate) const OUTPUTS: &str = "mener";
pub(crate) const EVENTS: &str = "arrangementer";
pub(crate) const REPORTS: &str = "arsrapporter";

/// The page's file in the repository: `content/saker/48-6-2022.md`.
pub fn source(folder: &str, id: impl Display) -> String {
    format!("content/{folder}/{id}.md")
}

/// Zola's path of the page, for `get_page` and `@/` links: `saker/48-6-2022.md`.
pub fn page(folder: &str, id: impl Display) -> String {
    format!("{folder}/{id}.md")
}

/// The page's address on the site: `/saker/48-6-2022/`.
pub fn url(folder: &str, id: impl Display) -> String {
    format!("/{folder}/{id}/")
}

/// A file name without the leading date Zola drops from the URL (`2024-05-02-innspill` →
/// `innspill`; `YYYY-MM-DD` followed by `-` or `_`). Other names are returned as they are.
pub(crate) fn without_date(name: &str) -> &str {
    let b = name.as_bytes();
    let dated = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && matches!(b[10], b'-' | b'_');
    if dated {
        &name[11..]
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_id_three_places() {
        assert_eq!(source(CASES, "48-6-2022"), "content/saker/48-6-2022.md");
        assert_eq!(page(MEETINGS, "2022-6"), "moter/2022-6.md");
        assert_eq!(url(CASES, "48-6-2022"), "/saker/48-6-2022/");
    }

    #[test]
    fn zola_drops_a_leading_date() {
        assert_eq!(without_date("2024-05-02-innspill"), "innspill");
        assert_eq!(without_date("2024-05-02_innspill"), "innspill");
        assert_eq!(without_date("2024-05-02"), "2024-05-02");
        assert_eq!(without_date("48-6-2022"), "48-6-2022");
        assert_eq!(without_date("2024-5-02-innspill"), "2024-5-02-innspill");
    }
}
