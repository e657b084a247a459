//! The whole pipeline on fixture sites and on the real content: what gets published, what
//! stops a build, and that a failed build leaves `public/` exactly as it was.

use std::fs;
use std::path::Path;

use crate::common::{stderr, stdout, TempSite};

fn build(site: &TempSite) -> std::process::Output {
    site.ho21(&["build"])
}

/// Every file under `dir` with its bytes, sorted by path.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned(),
                fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn base_fixture_builds_and_links_mentions() {
    let site = TempSite::base();
    let out = build(&site);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let case = site.read("public/saker/40-6-2022/index.html");
    assert!(
        case.contains("<a href=/saker/38-5-2022/>Sak 38/5/22</a>"),
        "mention not linked:\n{case}"
    );
    assert!(
        case.contains("<pre><code>  preformatted   text stays\n</code></pre>"),
        "pre changed by minifying:\n{case}"
    );
    assert!(
        case.starts_with("<!doctype html><html lang=nb>"),
        "not minified or no lang: {}",
        &case[..80.min(case.len())]
    );
    for page in [
        "public/index.html",
        "public/moter/2022-6/index.html",
        "public/referater/2022-5/index.html",
        "public/saker/index.html",
        "public/404.html",
    ] {
        assert!(site.path().join(page).is_file(), "{page} missing");
    }
    assert!(
        !site
            .path()
            .join(".build")
            .read_dir()
            .expect("work dir")
            .any(|e| e.is_ok()),
        "staging folders left behind"
    );
}

#[test]
fn broken_content_fails_with_file_and_line_and_keeps_public() {
    let site = TempSite::base();
    assert!(build(&site).status.success());
    let before = snapshot(&site.path().join("public"));

    let case = site
        .read("content/saker/38-5-2022.md")
        .replace("meeting = \"2022-5\"", "meetng = \"2022-5\"");
    site.write("content/saker/38-5-2022.md", &case);
    let out = build(&site);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out)
            .contains("content/saker/38-5-2022.md:5:1: error[unknown-field]: ukjent felt `meetng`"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("public/ er uendret"));
    assert_eq!(
        snapshot(&site.path().join("public")),
        before,
        "public/ changed after a failed build"
    );
}

fn assert_broken_link(site: &TempSite, needle: &str) {
    let out = build(site);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = stdout(&out);
    assert!(report.contains("error[broken-link]"), "{report}");
    assert!(report.contains(needle), "{report}");
    assert!(
        report.contains("(siden er laget fra content/"),
        "no source file named: {report}"
    );
    assert!(
        !site.path().join("public").exists(),
        "a build with a broken link published"
    );
}

#[test]
fn broken_link_in_a_template_fails_the_build() {
    let site = TempSite::base();
    let footer = site
        .read("templates/partials/footer.html")
        .replace("</ul>", "<li><a href=\"/finnes-ikke/\">Borte</a></li></ul>");
    site.write("templates/partials/footer.html", &footer);
    assert_broken_link(&site, "finnes-ikke");
}

#[test]
fn broken_plain_link_in_markdown_fails_the_build() {
    let site = TempSite::base();
    let body = site.read("content/saker/39-6-2022.md") + "\nSe [referatet](/referater/2022-4/).\n";
    site.write("content/saker/39-6-2022.md", &body);
    assert_broken_link(&site, "referater/2022-4");
}

#[test]
fn missing_anchor_fails_the_build() {
    let site = TempSite::base();
    let body = site.read("content/saker/39-6-2022.md")
        + "\nSe [vedtaket](/saker/40-6-2022/#finnes-ikke).\n";
    site.write("content/saker/39-6-2022.md", &body);
    assert_broken_link(&site, "#finnes-ikke");
}

#[test]
fn a_failed_zola_build_reports_and_publishes_nothing() {
    let site = TempSite::base();
    site.write("templates/sak.html", "{% extends \"base.html\" %}{% block content %}{{ page.finnes_ikke.x }}{% endblock content %}");
    let out = build(&site);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("error[build-failed]"),
        "{}",
        stdout(&out)
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TempSite::real();
    let out = site.ho21(&["build"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let first = snapshot(&site.path().join("public"));
    let out = site.ho21(&["build"]);
    assert!(out.status.success());
    let second = snapshot(&site.path().join("public"));
    assert_eq!(first.len(), second.len());
    for ((path_a, a), (path_b, b)) in first.iter().zip(&second) {
        assert_eq!(path_a, path_b);
        assert!(a == b, "{path_a} differs between two builds");
    }
}

#[test]
fn alias_and_404_pages_have_lang_and_no_script_and_the_policy_is_shipped() {
    let site = TempSite::base();
    let case = site.read("content/saker/38-5-2022.md").replacen(
        "date = 2022-09-28\n",
        "date = 2022-09-28\naliases = [\"/gammel-sak/\"]\n",
        1,
    );
    site.write("content/saker/38-5-2022.md", &case);
    let out = build(&site);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    for page in ["public/gammel-sak/index.html", "public/404.html"] {
        let html = site.read(page);
        assert!(html.contains("<html lang=nb>"), "{page}: {html}");
        assert!(!html.contains("<script"), "{page} has a script");
    }
    assert!(site
        .read("public/gammel-sak/index.html")
        .contains("/saker/38-5-2022/"));
    let headers = site.read("public/_headers");
    assert!(
        headers.contains("Content-Security-Policy: default-src 'self'; script-src 'self'"),
        "{headers}"
    );
    assert!(!headers.contains("unsafe-inline"));
    // Every page carries the policy, alias pages and short case URLs included (the output
    // check refuses a page without it).
    for page in [
        "public/index.html",
        "public/404.html",
        "public/gammel-sak/index.html",
        "public/sak/38-5-2022/index.html",
    ] {
        assert!(
            site.read(page)
                .contains("http-equiv=Content-Security-Policy"),
            "{page}: no CSP meta tag"
        );
    }
}

#[test]
fn html_the_templates_do_not_use_fails_the_build_and_names_the_content_file() {
    let site = TempSite::base();
    // Templates are as untrusted as content: a frame and an event handler slipped into the case
    // template, and a script on the alias pages.
    let case = site.read("templates/sak.html").replacen(
        "{% block content %}",
        "{% block content %}<iframe src=\"https://evil.example/\"></iframe><p onclick=\"x()\">x</p>",
        1,
    );
    assert!(
        case.contains("iframe"),
        "the case template has no content block"
    );
    site.write("templates/sak.html", &case);
    let alias = site.read("templates/internal/alias.html").replacen(
        "</head>",
        "<script src=\"https://evil.example/x.js\"></script></head>",
        1,
    );
    site.write("templates/internal/alias.html", &alias);
    let with_alias = site.read("content/saker/38-5-2022.md").replacen(
        "date = 2022-09-28\n",
        "date = 2022-09-28\naliases = [\"/gammel-sak/\"]\n",
        1,
    );
    site.write("content/saker/38-5-2022.md", &with_alias);
    let out = build(&site);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = stdout(&out);
    for expected in [
        "public/saker/38-5-2022/index.html: error[unsafe-html]: elementet <iframe> er ikke tillatt på nettstedet",
        "public/saker/38-5-2022/index.html: error[unsafe-html]: hendelsesattributtet onclick= er ikke tillatt",
        "(siden er laget fra content/saker/38-5-2022.md)",
        "public/gammel-sak/index.html: error[unsafe-html]: skript er bare tillatt fra nettstedets egne filer",
    ] {
        assert!(report.contains(expected), "«{expected}» missing:\n{report}");
    }
    assert!(
        !site.path().join("public").exists(),
        "a build with unsafe HTML published"
    );
}

#[test]
fn builds_with_a_relative_root_and_output_from_another_folder() {
    // Zola 0.17 looked for the compiled CSS relative to the root but wrote it relative to the
    // working folder, so `--root site --output site/public` failed.
    let site = TempSite::base();
    let parent = site.path().parent().expect("parent");
    let name = site
        .path()
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ho21"))
        .current_dir(parent)
        .args(["build", "--root", &name, "--output", &format!("{name}/ut")])
        .output()
        .expect("run ho21");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(site.path().join("ut/index.html").is_file());
}

#[test]
fn a_character_xml_forbids_never_reaches_a_feed() {
    // In content the check stops it with file and line (fixture `control-char`); from
    // elsewhere (here the site title in config.toml, printed into every feed) the build refuses
    // the feed and publishes nothing.
    let site = TempSite::base();
    let config = site.read("config.toml");
    let title = config
        .lines()
        .find(|l| l.starts_with("title = \""))
        .expect("title line")
        .to_owned();
    site.write(
        "config.toml",
        &config.replacen(&title, &title.replacen("title = \"", "title = \"\\f", 1), 1),
    );
    let out = build(&site);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let report = stdout(&out);
    assert!(
        report.contains("public/atom.xml: error[broken-link]: ugyldig XML ved byte")
            && report.contains("tegnet U+000C er ikke tillatt i XML 1.0"),
        "{report}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_line_break_in_an_event_title_cannot_inject_an_event_or_a_formula() {
    // Written as TOML escapes, as a hostile pull request would: the title decodes to text with
    // CR, LF and control characters that would end the SUMMARY line and start events of their own.
    let site = TempSite::base();
    let file = "content/arrangementer/2022-10-31-konferanse.md";
    let event = site.read(file);
    site.write(
        file,
        &event.replacen(
            "title = \"HelseOmsorg21-konferansen 2022\"",
            r#"title = "Konferansen\rEND:VEVENT\r\nBEGIN:VEVENT\nUID:falsk@example\u0085SUMMARY:Falsk\r\nEND:VEVENT""#,
            1,
        ),
    );
    let case = "content/saker/38-5-2022.md";
    let text = site.read(case);
    site.write(
        case,
        &text.replacen(
            "title = \"",
            "title = \"=HYPERLINK(\\\"https://evil.example\\\")",
            1,
        ),
    );
    let out = build(&site);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let calendar = site.read("public/kalender.ics");
    let events = |needle: &str| calendar.lines().filter(|l| *l == needle).count();
    assert_eq!(events("BEGIN:VEVENT"), events("END:VEVENT"), "{calendar}");
    // Only the site's own events, each with one UID of its own.
    let uids: Vec<&str> = calendar.lines().filter(|l| l.starts_with("UID:")).collect();
    assert_eq!(uids.len(), events("BEGIN:VEVENT"), "{calendar}");
    assert!(
        uids.iter().all(|uid| uid.ends_with("@helseomsorg21.no")),
        "{calendar}"
    );
    assert!(
        !calendar.lines().any(|l| l.starts_with("SUMMARY:Falsk")),
        "{calendar}"
    );
    // Every line ends with CRLF, with no CR or LF alone, and the text is on one (folded) line.
    assert_eq!(
        calendar.matches('\r').count(),
        calendar.matches("\r\n").count()
    );
    assert_eq!(
        calendar.matches('\n').count(),
        calendar.matches("\r\n").count()
    );
    let unfolded = calendar.replace("\r\n ", "");
    assert!(
        unfolded.contains(
            "SUMMARY:Konferansen\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:falsk@exampleSUMMARY:Falsk\\nEND:VEVENT\r\n"
        ),
        "{unfolded}"
    );
    let csv = site.read("public/apne-data/saker.csv");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"https://evil.example\"\")"),
        "{csv}"
    );
    assert!(!csv.contains(",\"=HYPERLINK"), "{csv}");
}

#[test]
fn a_mener_item_without_text_says_where_the_sources_say_it_went() {
    let site = TempSite::base();
    let out = build(&site);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let page = site.read("public/mener/innspill-eksportrad/index.html");
    assert!(
        page.contains("Teksten er ikke publisert på dette nettstedet.")
            && page.contains("Ifølge kildene ble den sendt til Nasjonalt eksportråd."),
        "{page}"
    );
    // The same item only planned: nothing about where it went.
    let file = "content/mener/2022-11-30-innspill-eksportrad.md";
    let planned = site
        .read(file)
        .replace("status = \"published\"", "status = \"planned\"");
    site.write(file, &planned.replace("shows_status = true\n", ""));
    let out = build(&site);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let page = site.read("public/mener/innspill-eksportrad/index.html");
    assert!(!page.contains("ble den sendt til"), "{page}");
    assert!(
        page.contains("Kildene sier ikke at den ble sendt eller publisert"),
        "{page}"
    );
}
