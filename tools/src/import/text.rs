//! Repairs what text extraction did to the council's documents, and nothing else: lines broken
//! inside paragraphs, hyphenation at line ends, page counters, bare URL lines that the PDF
//! extraction appends at the end of a page (often twice), stray `**` from Word. The council's
//! words are kept as written.

/// One line of the input, with its 1-based line number for reports and `[[extra.sources]]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub no: u32,
    pub text: String,
    /// The line held only spaces: in a flattened Word table that marks the end of a paragraph,
    /// while truly empty lines are only the table's double spacing.
    pub spaces: bool,
}

/// Splits the input into numbered lines, without trailing whitespace. Form feeds (page breaks in
/// `pdftotext` output) become line breaks.
pub fn lines(input: &str) -> Vec<Line> {
    input
        .lines()
        .enumerate()
        .map(|(i, l)| Line {
            no: i as u32 + 1,
            text: l.replace('\u{c}', "").trim_end().to_owned(),
            spaces: !l.is_empty() && l.trim().is_empty(),
        })
        .collect()
}

/// `true` for a line with nothing readable on it (PDF extraction leaves lines of spaces).
pub(crate) fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// A page counter such as ` 1/4 ` on a line of its own.
pub(crate) fn is_page_counter(line: &str) -> bool {
    let t = line.trim();
    let Some((a, b)) = t.split_once('/') else {
        return false;
    };
    !a.is_empty()
        && !b.is_empty()
        && a.len() <= 3
        && b.len() <= 3
        && a.bytes().all(|c| c.is_ascii_digit())
        && b.bytes().all(|c| c.is_ascii_digit())
}

/// A bare web address on a line of its own: the PDF extraction writes the hyperlinks of a page
/// this way, after the page's text, so it is not part of any paragraph.
pub(crate) fn is_url_line(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
        && !t.contains(' ')
}

/// Removes Word's bold markers, which the conversion sometimes doubled or glued to words.
pub(crate) fn strip_bold(line: &str) -> String {
    line.replace("**", "")
}

/// `text` with every run of white space as one space, and none at the ends: a case number as
/// printed ("Sak  47/6/2022") is shown and cited in one form.
pub(crate) fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that follow a hanging hyphen in Norwegian ("helse- og omsorg"): the hyphen belongs to
/// the word, and the line break was a space.
const AFTER_HANGING_HYPHEN: &[&str] = &["og", "eller", "til", "som", "samt"];

/// Joins the lines of one paragraph: a line ending in a hyphen joins the next without a space
/// ("lifescience-" + "næring"), unless the next word is a conjunction ("helse-" + "og").
pub(crate) fn join_lines<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(part);
            continue;
        }
        let first_word = part.split_whitespace().next().unwrap_or("");
        let hanging = out.ends_with('-')
            && !out.ends_with(" -")
            && !AFTER_HANGING_HYPHEN.contains(&first_word);
        if !hanging {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// A list item marker at the start of a line: Word bullets and the dashes and numbers the
/// council uses. Returns the Markdown marker and the item's text.
pub(crate) fn list_item(line: &str) -> Option<(String, &str)> {
    let t = line.trim_start();
    for bullet in ['•', '▪', '\u{F0A7}', '\u{F0D8}', '–', '-', 'o', '·'] {
        if let Some(rest) = t.strip_prefix(bullet) {
            if rest.starts_with([' ', '\t']) {
                return Some(("-".to_owned(), rest.trim()));
            }
        }
    }
    let digits = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let rest = &t[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((format!("{}.", &t[..digits]), rest.trim()));
        }
    }
    None
}

/// Turns the lines of a section into Markdown paragraphs and lists. Blank lines end a paragraph;
/// so does a line that ends a sentence well short of the page width (a line break in Word); a
/// list item starts a new one, and consecutive items (blank lines between them or not) form one
/// list; page counters and bare URL lines are left out (the caller reports the URLs). With
/// `subheadings`, a short line without closing punctuation right after a blank line and before
/// text becomes a `###` heading, as the papers' bold run-in headings were.
pub fn paragraphs(lines: &[Line], subheadings: bool) -> Vec<String> {
    let width = lines
        .iter()
        .map(|l| l.text.trim().chars().count())
        .max()
        .unwrap_or(0);
    let mut blocks = Blocks::default();
    let mut after_blank = true;
    for (i, line) in lines.iter().enumerate() {
        let line = strip_bold(&line.text);
        if is_blank(&line) {
            blocks.flush();
            after_blank = true;
            continue;
        }
        if is_page_counter(&line) || is_url_line(&line) {
            continue;
        }
        let next = lines[i + 1..]
            .iter()
            .find(|l| !is_page_counter(&l.text) && !is_url_line(&l.text));
        if subheadings
            && after_blank
            && blocks.current.is_empty()
            && next.is_some_and(|n| starts_sentence(&n.text) && list_item(&n.text).is_none())
            && is_subheading(&line, width)
        {
            blocks.out.push(format!("### {}", line.trim()));
            blocks.list_open = false;
            after_blank = false;
            continue;
        }
        after_blank = false;
        if let Some((marker, rest)) = list_item(&line) {
            blocks.flush();
            blocks.marker = Some(marker);
            blocks.current.push(rest.to_owned());
        } else {
            blocks.current.push(line.clone());
        }
        if ends_short(&line, width) {
            blocks.flush();
        }
    }
    blocks.flush();
    blocks.out
}

/// A line that ends a sentence and stops well before the page width: the author ended the
/// paragraph there. (Wrapped lines run to about the full width.)
fn ends_short(line: &str, width: usize) -> bool {
    let t = line.trim();
    t.ends_with(['.', ':', '!', '?']) && width >= 60 && t.chars().count() * 4 < width * 3
}

/// A line that begins a new sentence (the text under a heading does; a wrapped line does not).
fn starts_sentence(line: &str) -> bool {
    strip_bold(line)
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A run-in heading: short, capitalised, no closing punctuation, not a list item.
fn is_subheading(line: &str, width: usize) -> bool {
    let t = line.trim();
    let chars = t.chars().count();
    (3..=90).contains(&chars)
        && chars * 5 < width * 4
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', ',', ':', ';', '!', '?', '-', '–'])
        && list_item(t).is_none()
        && !t.contains('\t')
}

#[derive(Default)]
struct Blocks {
    out: Vec<String>,
    current: Vec<String>,
    marker: Option<String>,
    /// The last block is a list that the next item continues.
    list_open: bool,
}

impl Blocks {
    fn flush(&mut self) {
        if self.current.is_empty() {
            return;
        }
        let text = join_lines(self.current.iter().map(String::as_str));
        self.current.clear();
        match self.marker.take() {
            Some(marker) => {
                let item = format!("{marker} {text}");
                match self.out.last_mut() {
                    Some(list) if self.list_open => {
                        list.push('\n');
                        list.push_str(&item);
                    }
                    _ => self.out.push(item),
                }
                self.list_open = true;
            }
            None => {
                self.out.push(text);
                self.list_open = false;
            }
        }
    }
}

/// Markdown links whose address was lost in the conversion from Word (`[tittel](#)`): the text
/// stays, the empty link goes. Returns the repaired text and the titles of the links.
pub(crate) fn unlink_empty(text: &str) -> (String, Vec<String>) {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| regex::Regex::new(r"\[([^\]\[]+)\]\(#?\)").unwrap());
    let titles = re.captures_iter(text).map(|c| c[1].to_owned()).collect();
    (re.replace_all(text, "$1").into_owned(), titles)
}

/// Template filler left in a text ("NN", "[]", "[Følgende medlemmer deltar: ]", "xx.xx.xx"),
/// as the source printed it: the importer keeps it and records it as an anomaly of the source.
pub fn placeholder(text: &str) -> Option<String> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"\bNN\b|\[\s*\]|\[[^\]\[]*:\s*\]|\b[xX]{2}(?:\.[xX]{2})+\b").unwrap()
    });
    re.find(text).map(|m| m.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(text: &str) -> Vec<Line> {
        lines(text)
    }

    #[test]
    fn joins_broken_lines_and_hyphenation() {
        assert_eq!(
            join_lines(["bidra til helse- og", "lifescience-", "næring som"]),
            "bidra til helse- og lifescience-næring som"
        );
        assert_eq!(join_lines(["helse-", "og omsorg"]), "helse- og omsorg");
    }

    #[test]
    fn paragraphs_lists_counters_and_urls() {
        let got = paragraphs(
            &numbered(
                "Første linje\nfortsetter her. \n \n 1/4 \nhttps://example.org/x\n• punkt en\n• punkt\nto\n\nSiste.",
            ),
            false,
        );
        assert_eq!(
            got,
            vec![
                "Første linje fortsetter her.".to_owned(),
                "- punkt en\n- punkt to".to_owned(),
                "Siste.".to_owned()
            ]
        );
    }

    #[test]
    fn short_sentence_ends_and_run_in_headings() {
        let text = "Medlemmer i rådet\n\
            Erlend Smeland har sagt fra om at han går ut av rådet etter en lang virkeperiode. Han har\n\
            medlem i rådet siden det første rådet ble opprettet i januar 2015.\n\
            Neste avsnitt begynner her og fortsetter en god stund til linjen er full av tekst, slik\n\
            at den brytes.";
        let got = paragraphs(&numbered(text), true);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], "### Medlemmer i rådet");
        assert!(got[1].ends_with("januar 2015."));
        assert!(got[2].starts_with("Neste avsnitt"));
    }

    #[test]
    fn empty_links_keep_their_text() {
        let (text, titles) =
            unlink_empty("Se [Notat til dialogarenaen](#), 18.12.2025 og [x](https://a.no)");
        assert_eq!(
            text,
            "Se Notat til dialogarenaen, 18.12.2025 og [x](https://a.no)"
        );
        assert_eq!(titles, vec!["Notat til dialogarenaen".to_owned()]);
    }

    #[test]
    fn finds_template_filler() {
        assert_eq!(placeholder("NN, NN deltar").as_deref(), Some("NN"));
        assert_eq!(
            placeholder("bestående av []. Arbeidsgruppen").as_deref(),
            Some("[]")
        );
        assert_eq!(
            placeholder("møtet. [Følgende medlemmer deltar: ]").as_deref(),
            Some("[Følgende medlemmer deltar: ]")
        );
        assert_eq!(placeholder("Rådet tar saken til orientering."), None);
    }

    #[test]
    fn recognises_page_counters_and_url_lines() {
        assert!(is_page_counter(" 1/4 "));
        assert!(!is_page_counter("Sak 1/4"));
        assert!(is_url_line("https://www.helseomsorg21.no/x.pdf"));
        assert!(!is_url_line("Se https://x.no her"));
    }
}
