//! The editor at `/admin/`: Sveltia CMS, a web form over the same content files that commits
//! through the GitHub API and opens a pull request per change. The build adds three files to the
//! built site, none of them from an input a pull request can change unchecked:
//!
//! - `admin/index.html`: [`page`], a fixed page with its own Content-Security-Policy (the CMS
//!   needs inline styles and GitHub's API, which the site's policy rightly forbids). It is the
//!   only page the output allow-list does not read: instead it must be exactly [`page`]
//!   ([`verify`]), and no Zola page may take its place ([`write`] refuses an `admin/` folder
//!   in Zola's output).
//! - `admin/config.yml`: the CMS configuration (where the CMS looks for it by default), copied from `admin/config.yml` in the repository
//!   after it has been read as YAML (a configuration the CMS cannot read fails the build here).
//! - `admin/fixes.js`: [`FIXES_SCRIPT`], which keeps the page zoomable and the icons local, and
//!   `admin/material-symbols.woff2`, the CMS's icon font, from its npm package (with its licence).
//! - `admin/sveltia-cms.js`: the CMS itself, from the npm package pinned in `package.json`
//!   (installed by `npm ci` with the lockfile's checksums; never committed).
//!
//! The page is not linked from the site, carries `noindex`, has no `data-pagefind-body` (so
//! Pagefind, which indexes only pages that have one, leaves it out) and is not a Zola page (so it
//! is not in the sitemap).

use std::fs;
use std::path::{Path, PathBuf};

use crate::errors::{Context, Error, Result};

/// The CMS configuration in the repository, and the folder of the editor in the built site.
pub(crate) const CONFIG: &str = "admin/config.yml";
pub(crate) const FOLDER: &str = "admin";
/// The built page checked by [`verify`] instead of the output allow-list.
pub(crate) const PAGE_PATH: &str = "admin/index.html";

/// The CMS script in the npm package (`package.json` pins the version).
const NPM_SCRIPT: &str = "node_modules/@sveltia/cms/dist/sveltia-cms.js";

/// What the editor may do, and nothing more: its own script and the configuration from this
/// site; GitHub's API for reading and committing; GitHub avatars; `blob:`/`data:` for the
/// previews of uploaded files; inline styles, which the CMS sets on its elements. No other site
/// is contacted (the CMS's web fonts and version check from CDNs are blocked by design).
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data: blob: https://avatars.githubusercontent.com; media-src 'self' blob:; \
font-src 'self' data:; connect-src 'self' blob: https://api.github.com https://www.githubstatus.com; \
frame-src 'self' blob:; worker-src 'self' blob:; manifest-src 'self'; base-uri 'self'; \
form-action 'none'; object-src 'none'";

/// Two repairs to the CMS, loaded before it: Sveltia CMS sets `maximum-scale=1` on the viewport,
/// which stops people from zooming in on a phone (WCAG 1.4.4), and it loads its icon font from a
/// CDN, which the policy blocks (the icons would show as their names, «bookmark_manager», over the
/// labels). The script takes the zoom limit out and points the icon font at the copy beside the
/// page, from the npm package pinned in `package.json`.
pub(crate) const FIXES_SCRIPT: &str = r#"// Repairs to the CMS: zooming stays possible (WCAG 1.4.4), icons from this site.
(() => {
  const cdnIcons =
    /https:\/\/cdn\.jsdelivr\.net\/fontsource\/fonts\/material-symbols-outlined:vf@[0-9.]+\/latin-wght-normal\.woff2/g;
  const fix = () => {
    for (const meta of document.querySelectorAll('meta[name="viewport"]')) {
      const content = meta.getAttribute("content") || "";
      const kept = content
        .split(",")
        .map((part) => part.trim())
        .filter((part) => !/^(maximum-scale|user-scalable)\s*=/i.test(part))
        .join(", ");
      if (kept !== content) meta.setAttribute("content", kept);
    }
    for (const style of document.querySelectorAll("style")) {
      const css = style.textContent || "";
      if (css.includes("material-symbols-outlined:vf@")) {
        style.textContent = css.replace(cdnIcons, "material-symbols.woff2");
      }
    }
  };
  new MutationObserver(fix).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["content"],
  });
  fix();
})();
"#;

/// The icon font (variable weight, Latin: the icons are ligatures of Latin names) and its
/// licence, from the npm package.
const NPM_ICONS: &str = "node_modules/@fontsource-variable/material-symbols-outlined";
const ICON_FILES: &[(&str, &str)] = &[
    (
        "files/material-symbols-outlined-latin-wght-normal.woff2",
        "material-symbols.woff2",
    ),
    ("LICENSE", "material-symbols-LICENSE.txt"),
];

/// The admin page, exactly as built.
pub fn page() -> String {
    format!(
        "<!doctype html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
<meta name=\"robots\" content=\"noindex, nofollow\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n\
<title>Publiser – HelseOmsorg21-rådet</title>\n\
<script src=\"fixes.js\"></script>\n<script src=\"sveltia-cms.js\"></script>\n</head>\n<body></body>\n</html>\n"
    )
}

/// A file of an npm package for the site at `root`: beside it, or up from the tools binary (the
/// site may be a copy, as in the tests).
fn locate(root: &Path, rel: &str) -> Result<PathBuf> {
    let mut candidates = vec![root.join(rel)];
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(exe.ancestors().skip(1).map(|dir| dir.join(rel)));
    }
    candidates.into_iter().find(|c| c.is_file()).ok_or_else(|| {
        Error::msg(format!(
            "fant ikke redigeringsverktøyet ({rel}); kjør `npm ci`"
        ))
    })
}

/// Adds the editor to the built site in `out`, when the site has a CMS configuration. Returns
/// whether it did.
pub fn write(root: &Path, out: &Path) -> Result<bool> {
    let config_path = root.join(CONFIG);
    if !config_path.is_file() {
        return Ok(false);
    }
    let config =
        fs::read_to_string(&config_path).with_context(|| format!("kan ikke lese {CONFIG}"))?;
    if let Err(e) = yaml_rust2::YamlLoader::load_from_str(&config) {
        let at = e.marker();
        return Err(format!(
            "{CONFIG}:{}:{}: ikke gyldig YAML: {}",
            at.line(),
            at.col() + 1,
            e.info()
        )
        .into());
    }
    let folder = out.join(FOLDER);
    if folder.exists() {
        return Err(format!(
            "Zola har laget {FOLDER}/ i nettstedet, men den adressen er redigeringsverktøyets; \
             gi siden eller filen under content/ eller static/ et annet navn"
        )
        .into());
    }
    let script = locate(root, NPM_SCRIPT)?;
    let icons: Vec<(PathBuf, &str)> = ICON_FILES
        .iter()
        .map(|(from, to)| locate(root, &format!("{NPM_ICONS}/{from}")).map(|p| (p, *to)))
        .collect::<Result<_, _>>()?;
    fs::create_dir_all(&folder).with_context(|| format!("kan ikke lage {}", folder.display()))?;
    let failed =
        |what: &str, e: std::io::Error| Error::chain(format!("kan ikke skrive {FOLDER}/{what}"), e);
    fs::write(out.join(PAGE_PATH), page()).map_err(|e| failed("index.html", e))?;
    fs::write(folder.join("config.yml"), config).map_err(|e| failed("config.yml", e))?;
    fs::write(folder.join("fixes.js"), FIXES_SCRIPT).map_err(|e| failed("fixes.js", e))?;
    for (from, to) in icons {
        fs::copy(&from, folder.join(to)).map_err(|e| failed(to, e))?;
    }
    fs::copy(&script, folder.join("sveltia-cms.js")).map_err(|e| failed("sveltia-cms.js", e))?;
    Ok(true)
}

/// The admin page in `out` must be exactly [`page`]: the one page the output allow-list does not
/// read, so nothing else may stand there.
pub fn verify(out: &Path) -> Option<String> {
    match fs::read_to_string(out.join(PAGE_PATH)) {
        Ok(text) if text == page() => None,
        Ok(_) => Some(format!(
            "{PAGE_PATH} er ikke redigeringsverktøyets faste side (se tools/src/finish/admin.rs)"
        )),
        Err(e) => Some(format!("kan ikke lese {PAGE_PATH}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_loads_only_its_own_script_and_config() {
        let page = page();
        assert_eq!(page.matches("<script").count(), 2);
        assert!(page.contains("<script src=\"fixes.js\"></script>"));
        assert!(page.contains("<script src=\"sveltia-cms.js\"></script>"));
        assert!(page.contains("noindex"));
        assert!(!page.contains("data-pagefind-body"));
        // Every source of the policy is this site or a GitHub host.
        for directive in CSP.split(';') {
            for source in directive.split_whitespace().skip(1) {
                assert!(
                    source.starts_with('\'')
                        || ["data:", "blob:"].contains(&source)
                        || source.starts_with("https://")
                            && (source.ends_with(".github.com")
                                || source.ends_with(".githubusercontent.com")
                                || source.ends_with("githubstatus.com")),
                    "{source}"
                );
            }
        }
        assert!(!CSP.contains("unsafe-eval"));
    }

    #[test]
    fn a_zola_page_at_admin_is_refused_and_a_changed_page_is_found() {
        let root = tempfile::tempdir().expect("temp");
        let out = tempfile::tempdir().expect("temp");
        fs::create_dir_all(root.path().join("admin")).expect("dir");
        fs::write(root.path().join(CONFIG), "backend: {name: github}\n").expect("write");
        fs::create_dir_all(out.path().join("admin")).expect("dir");
        let err = write(root.path(), out.path()).expect_err("refused");
        assert!(err.to_string().contains("admin/"), "{err}");

        fs::remove_dir_all(out.path().join("admin")).expect("rm");
        if locate(root.path(), NPM_SCRIPT).is_ok() {
            assert!(write(root.path(), out.path()).expect("written"));
            assert_eq!(verify(out.path()), None);
            fs::write(
                out.path().join(PAGE_PATH),
                page().replace("nofollow", "follow"),
            )
            .expect("write");
            assert!(verify(out.path()).is_some());
        }
    }

    #[test]
    fn a_configuration_that_is_not_yaml_is_refused_with_its_line() {
        let root = tempfile::tempdir().expect("temp");
        let out = tempfile::tempdir().expect("temp");
        fs::create_dir_all(root.path().join("admin")).expect("dir");
        fs::write(
            root.path().join(CONFIG),
            "backend:\n  name: github\ncollections: [\n  - name: moter\n",
        )
        .expect("write");
        let err = write(root.path(), out.path()).expect_err("refused");
        assert!(err.to_string().starts_with("admin/config.yml:4:"), "{err}");
        assert!(!out.path().join("admin").exists());
    }

    #[test]
    fn a_site_without_a_cms_configuration_gets_no_editor() {
        let root = tempfile::tempdir().expect("temp");
        let out = tempfile::tempdir().expect("temp");
        assert!(!write(root.path(), out.path()).expect("nothing to do"));
        assert!(!out.path().join("admin").exists());
    }
}
