//! Minifies the final HTML once, in the one pass over the pages (`pages`), after the links have
//! been collected with their line numbers. `<pre>` and `<code>` keep their whitespace.

use minify_html::Cfg;

pub fn config() -> Cfg {
    Cfg {
        // Keep the document shape explicit: validators and old browsers read it the same way.
        keep_html_and_head_opening_tags: true,
        keep_closing_tags: true,
        minify_doctype: false,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_removing_spaces_between_attributes: false,
        minify_css: false,
        minify_js: false,
        keep_comments: false,
        ..Cfg::default()
    }
}

pub fn minify(html: &str, cfg: &Cfg) -> String {
    // minify-html keeps valid UTF-8 valid; the fallback is never expected to run.
    String::from_utf8(minify_html::minify(html.as_bytes(), cfg))
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_preformatted_text() {
        let html = "<!doctype html><html lang=nb><head><title>x</title></head><body>\n  <p>a   b</p>\n<pre>  line 1\n    line 2</pre> <p><code>a  b</code></p></body></html>";
        let out = minify(html, &config());
        assert!(out.contains("<pre>  line 1\n    line 2</pre>"), "{out}");
        assert!(out.contains("<code>a  b</code>"), "{out}");
        assert!(out.contains("<p>a b</p>"), "{out}");
        assert!(out.len() < html.len());
    }
}
