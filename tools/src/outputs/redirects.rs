//! Short case URLs (`/sak/48-6-2022/`): a page for each case that sends the reader on to it.
//! Zola makes such pages only from a page's own `aliases`, so the tools render them with Tera
//! from the template Zola uses for its redirect pages (`templates/internal/alias.html`): one
//! template for both, its strings from `i18n/nb.toml`, the policy from `config.toml`.

use std::collections::HashMap;
use std::path::Path;

use tera::{Context, Tera, Value};

use crate::errors::{Context as _, Result};
use crate::finish::minify;
use crate::urls;

/// The template Zola renders for an alias; it gets the target's address as `url`.
const TEMPLATE: &str = "internal/alias.html";
/// Stands in for the case id while the page is rendered and minified once: letters and hyphens
/// only, so no escaping in the template can change it.
const PLACEHOLDER: &str = "ho21-sak-id";

/// The redirect page of every case in `ids`, as (path relative to the site, text).
pub(crate) fn pages(root: &Path, base_url: &str, ids: &[&str]) -> Result<Vec<(String, String)>> {
    let base = base_url.trim_end_matches('/');
    let target = format!("{base}{}", urls::url(urls::CASES, PLACEHOLDER));
    let page = render(root, base, &target)
        .with_context(|| format!("templates/{TEMPLATE}: kan ikke lage sidene under /sak/"))?;
    // Minified like every other page: the template once, then each case filled in.
    let page = minify::minify(&page, &minify::config());
    Ok(ids
        .iter()
        .map(|id| {
            (
                format!("sak/{id}/index.html"),
                page.replace(PLACEHOLDER, id),
            )
        })
        .collect())
}

/// `templates/internal/alias.html` with `url`, and the two Zola functions it and the i18n macro
/// call: `load_data` (a TOML file of the site) and `get_url` (an address under `base`).
fn render(root: &Path, base: &str, url: &str) -> Result<String> {
    let templates = root.join("templates");
    let mut tera = Tera::default();
    let mut sources = Vec::new();
    for name in [TEMPLATE, "macros/t.html"] {
        let text = std::fs::read_to_string(templates.join(name))
            .with_context(|| format!("kan ikke lese templates/{name}"))?;
        sources.push((name, text));
    }
    tera.add_raw_templates(sources)
        .context("Tera kunne ikke lese malene")?;
    let site = root.to_owned();
    tera.register_function("load_data", move |args: &HashMap<String, Value>| {
        let path = string_arg(args, "path")?;
        load_toml(&site, &path).map_err(tera::Error::msg)
    });
    let base = base.to_owned();
    tera.register_function("get_url", move |args: &HashMap<String, Value>| {
        let path = string_arg(args, "path")?;
        Ok(Value::String(format!(
            "{base}/{}",
            path.trim_start_matches('/')
        )))
    });
    let mut context = Context::new();
    context.insert("url", url);
    tera.render(TEMPLATE, &context)
        .context("Tera kunne ikke fylle ut malen")
}

/// A TOML file of the site as a template value: only `.toml` files, only inside the site.
fn load_toml(root: &Path, path: &str) -> Result<Value> {
    let inside = Path::new(path)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside || !path.ends_with(".toml") {
        return Err(format!(
            "load_data(path=\"{path}\"): bare TOML-filer i nettstedet kan leses her"
        )
        .into());
    }
    let text = std::fs::read_to_string(root.join(path))
        .with_context(|| format!("kan ikke lese {path}"))?;
    let value: toml::Value = toml::from_str(&text).with_context(|| path.to_owned())?;
    serde_json::to_value(value).with_context(|| path.to_owned())
}

fn string_arg(args: &HashMap<String, Value>, name: &str) -> tera::Result<String> {
    match args.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        _ => Err(tera::Error::msg(format!("mangler argumentet {name}"))),
    }
}

/// A Tera error with its causes (Tera puts the useful part, such as the line, in the source).
#[cfg(test)]
mod tests {
    use super::*;

    /// The real site's template gives a redirect page with the case's address in the link, the
    /// canonical link and the refresh, and the policy from config.toml.
    #[test]
    fn the_real_alias_template_sends_the_reader_to_the_case() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let files = pages(root, "https://example.no/", &["48-6-2022"]).unwrap();
        assert_eq!(files.len(), 1);
        let (path, html) = &files[0];
        assert_eq!(path, "sak/48-6-2022/index.html");
        let target = "https://example.no/saker/48-6-2022/";
        assert!(html.contains(&format!("url={target}")), "{html}");
        assert!(
            html.contains(&format!("href={target}>"))
                || html.contains(&format!("href=\"{target}\"")),
            "{html}"
        );
        assert!(html.contains("Content-Security-Policy"), "{html}");
        assert!(!html.contains(PLACEHOLDER));
    }

    #[test]
    fn templates_read_only_toml_files_inside_the_site() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        assert!(load_toml(root, "config.toml").is_ok());
        for path in ["../Cargo.toml", "/etc/passwd", "content/_index.md"] {
            assert!(load_toml(root, path).is_err(), "{path}");
        }
    }
}
