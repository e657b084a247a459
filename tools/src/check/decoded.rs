//! Every string in a front matter, decoded as Zola and the templates see it (`\u003c` is `<`),
//! with a map from each decoded byte back to its place in the file, so that a problem found in
//! the decoded text is reported where it was typed.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

/// One string value of the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldText {
    /// The key it belongs to (the last one: `vedtak`, `title`, `text` of an anomaly).
    pub key: String,
    pub value: String,
    /// For each byte of `value`, and one past its end: the byte offset in the front matter.
    pub offsets: Vec<usize>,
}

impl FieldText {
    /// Offset in the front matter of byte `i` of the decoded value.
    pub fn offset(&self, i: usize) -> usize {
        self.offsets
            .get(i)
            .or(self.offsets.last())
            .copied()
            .unwrap_or(0)
    }
}

/// Every string in `front` (TOML), in file order. Empty when the TOML does not parse (that is
/// reported where the front matter is read).
pub fn strings(front: &str) -> Vec<FieldText> {
    let Ok(tree) = toml::from_str::<Tree>(front) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    collect(&tree, "", front, &mut out);
    out.sort_by_key(|f| f.offsets.first().copied());
    out
}

fn collect(tree: &Tree, key: &str, front: &str, out: &mut Vec<FieldText>) {
    match tree {
        Tree::Table(entries) => {
            for (k, v) in entries {
                spanned(v, k, front, out);
            }
        }
        Tree::Array(items) => {
            for v in items {
                spanned(v, key, front, out);
            }
        }
        Tree::Str(_) | Tree::Other => {}
    }
}

fn spanned(v: &Spanned<Tree>, key: &str, front: &str, out: &mut Vec<FieldText>) {
    match v.get_ref() {
        Tree::Str(value) => {
            let span = v.span();
            let raw = front.get(span.clone()).unwrap_or("");
            let offsets = match decode(raw) {
                Some((decoded, map)) if decoded == *value => {
                    map.into_iter().map(|i| span.start + i).collect()
                }
                // Not the token we expected: point at its start.
                _ => vec![span.start; value.len() + 1],
            };
            out.push(FieldText {
                key: key.to_owned(),
                value: value.clone(),
                offsets,
            });
        }
        other => collect(other, key, front, out),
    }
}

/// A TOML value as far as strings are concerned, with the span of every value.
enum Tree {
    Str(String),
    Table(Vec<(String, Spanned<Tree>)>),
    Array(Vec<Spanned<Tree>>),
    Other,
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

/// The key under which the toml crate hands over a date as a string.
const DATETIME: &str = "$__toml_private_datetime";

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a TOML value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Tree, E> {
        Ok(Tree::Str(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Tree, E> {
        Ok(Tree::Other)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Tree, E> {
        Ok(Tree::Other)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Tree, E> {
        Ok(Tree::Other)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Tree, E> {
        Ok(Tree::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Tree>>()? {
            items.push(item);
        }
        Ok(Tree::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == DATETIME {
                map.next_value::<IgnoredAny>()?;
                return Ok(Tree::Other);
            }
            entries.push((key, map.next_value::<Spanned<Tree>>()?));
        }
        Ok(Tree::Table(entries))
    }
}

/// Decodes one TOML string token (with its quotes), returning the value and, for each byte of
/// it and one past the end, the offset in the token where it was written.
pub fn decode(raw: &str) -> Option<(String, Vec<usize>)> {
    let (quote, multi) = if raw.starts_with("\"\"\"") {
        ("\"\"\"", true)
    } else if raw.starts_with("'''") {
        ("'''", true)
    } else if raw.starts_with('"') {
        ("\"", false)
    } else if raw.starts_with('\'') {
        ("'", false)
    } else {
        return None;
    };
    let inner_end = raw.len().checked_sub(quote.len())?;
    let mut i = quote.len();
    if inner_end < i || !raw[inner_end..].starts_with(quote) {
        return None;
    }
    if multi {
        // A newline right after the opening quotes is not part of the value.
        if raw[i..].starts_with("\r\n") {
            i += 2;
        } else if raw[i..].starts_with('\n') {
            i += 1;
        }
    }
    let escapes = quote.starts_with('"');
    let mut value = String::new();
    let mut map = Vec::new();
    let push = |value: &mut String, map: &mut Vec<usize>, c: char, at: usize| {
        value.push(c);
        map.extend(std::iter::repeat_n(at, c.len_utf8()));
    };
    while i < inner_end {
        let c = raw[i..].chars().next()?;
        if escapes && c == '\\' {
            let rest = &raw[i + 1..inner_end];
            let e = rest.chars().next()?;
            let simple = match e {
                'b' => Some('\u{8}'),
                't' => Some('\t'),
                'n' => Some('\n'),
                'f' => Some('\u{c}'),
                'r' => Some('\r'),
                '"' => Some('"'),
                '\\' => Some('\\'),
                _ => None,
            };
            if let Some(s) = simple {
                push(&mut value, &mut map, s, i);
                i += 2;
            } else if e == 'u' || e == 'U' {
                let n = if e == 'u' { 4 } else { 8 };
                let hex = rest.get(1..1 + n)?;
                let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                push(&mut value, &mut map, c, i);
                i += 2 + n;
            } else if multi && e.is_whitespace() {
                // A line-ending backslash: the newline and the whitespace after it vanish.
                let skipped = rest.len() - rest.trim_start().len();
                if !rest[..skipped].contains('\n') {
                    return None;
                }
                i += 1 + skipped;
            } else {
                return None;
            }
        } else {
            push(&mut value, &mut map, c, i);
            i += c.len_utf8();
        }
    }
    map.push(inner_end);
    Some((value, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_map_back_to_where_they_were_typed() {
        let (v, map) = decode(r#""a\u003cb""#).unwrap();
        assert_eq!(v, "a<b");
        assert_eq!(map, [1, 2, 8, 9]);
        let (v, map) = decode("\"\"\"\nx\\\n   y\"\"\"").unwrap();
        assert_eq!(v, "xy");
        assert_eq!(map[1], 10);
        let (v, _) = decode("'''\nc:\\x'''").unwrap();
        assert_eq!(v, "c:\\x");
    }

    #[test]
    fn every_string_of_a_front_matter_is_found_decoded() {
        let front = "title = \"T\\u0040x\"\ndate = 2022-01-01\n[extra]\nvedtak = \"\"\"\nA \\u003cb>\"\"\"\n[[extra.anomalies]]\ncode = \"typo\"\n";
        let fields = strings(front);
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["title", "vedtak", "code"]);
        assert_eq!(fields[0].value, "T@x");
        let vedtak = &fields[1];
        assert_eq!(vedtak.value, "A <b>");
        assert_eq!(&front[vedtak.offset(2)..vedtak.offset(2) + 6], "\\u003c");
    }
}
