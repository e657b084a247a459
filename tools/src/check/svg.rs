//! SVG files in `static/` are published as they are and a browser runs scripts in them, so an SVG
//! must consist of drawing elements and presentation attributes only: no script, no event
//! handler, no link, no style sheet, no entity, no reference outside the file. A strict
//! allow-list, not a sanitiser: the file is refused, never rewritten.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::codes::Code;
use crate::diagnostics::{Report, SourceFile};

const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "title",
    "desc",
    "defs",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
];

const ATTRIBUTES: &[&str] = &[
    "xmlns",
    "version",
    "viewBox",
    "preserveAspectRatio",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "d",
    "points",
    "transform",
    "fill",
    "fill-rule",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-opacity",
    "opacity",
    "clip-rule",
    "clip-path",
    "id",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
    "role",
    "aria-hidden",
    "aria-label",
    "focusable",
];

const HINT: &str = "en SVG-fil kan bare inneholde tegneelementer (path, rect, circle, g …) med farger og mål; lag den på nytt uten skript, lenker, stiler og innebygde filer";

pub fn check(file: &SourceFile, report: &mut Report) {
    let mut reader = Reader::from_str(&file.text);
    let mut root_seen = false;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                let at = reader.error_position() as usize;
                refuse(
                    file,
                    at,
                    format!("SVG-filen er ikke gyldig XML: {err}"),
                    report,
                );
                return;
            }
        };
        let problem = match &event {
            Event::Eof => return,
            Event::Start(e) | Event::Empty(e) => {
                let first = !root_seen;
                root_seen = true;
                element(e, first)
            }
            Event::End(_) | Event::Comment(_) | Event::Decl(_) | Event::Text(_) => None,
            Event::CData(_) => Some("CDATA-blokker er ikke tillatt".to_owned()),
            Event::PI(_) => {
                Some("behandlingsinstruksjoner (som <?xml-stylesheet?>) er ikke tillatt".to_owned())
            }
            Event::DocType(_) => Some("<!DOCTYPE> og entiteter er ikke tillatt".to_owned()),
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                (!matches!(name.as_str(), "amp" | "lt" | "gt" | "quot" | "apos"))
                    .then(|| format!("entiteten «&{name};» er ikke tillatt"))
            }
        };
        if let Some(message) = problem {
            refuse(file, at, message, report);
            return;
        }
    }
}

/// What is wrong with an element, if anything.
fn element(e: &BytesStart<'_>, root: bool) -> Option<String> {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    if root && name != "svg" {
        return Some(format!("filen begynner med <{name}>, ikke <svg>"));
    }
    if !ELEMENTS.contains(&name.as_str()) {
        return Some(format!("elementet <{name}> er ikke tillatt i en SVG-fil"));
    }
    for attr in e.attributes() {
        let attr = match attr {
            Ok(attr) => attr,
            Err(err) => return Some(format!("<{name}> har en ugyldig egenskap: {err}")),
        };
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = String::from_utf8_lossy(&attr.value).into_owned();
        if !ATTRIBUTES.contains(&key.as_str()) {
            return Some(format!("egenskapen «{key}» på <{name}> er ikke tillatt"));
        }
        if key == "xmlns" {
            if value != "http://www.w3.org/2000/svg" {
                return Some(format!("xmlns=«{value}» er ikke SVG sitt navnerom"));
            }
            continue;
        }
        // No scheme (javascript:, data:, https:), no entity, and url() only to an id in the file.
        let lower = value.to_ascii_lowercase();
        let bad_url = lower
            .match_indices("url(")
            .any(|(i, _)| !lower[i + 4..].trim_start().starts_with('#'));
        if value.contains([':', '&', '<', '\\']) || bad_url {
            return Some(format!(
                "verdien «{value}» av «{key}» på <{name}> er ikke tillatt (bare tall, farger og url(#id))"
            ));
        }
    }
    None
}

fn refuse(file: &SourceFile, at: usize, message: String, report: &mut Report) {
    report.error(Code::UnsafeSvg, file, at, message, Some(HINT.into()));
}
