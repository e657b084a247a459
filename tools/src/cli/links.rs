//! `ho21 links --external`

use std::path::PathBuf;
use std::process::ExitCode;

#[cfg(feature = "external-links")]
use ho21_tools::config::Config;
#[cfg(feature = "external-links")]
use ho21_tools::external;

use ho21_tools::errors::Error;

use super::{Args, Command, Next, Stop};

pub const COMMAND: Command = Command {
    name: "links",
    summary: "sjekk lenker til andre nettsteder (på nett; for den ukentlige jobben)",
    help: "\
Bruk: ho21 links --external [--site MAPPE] [--cache FIL] [--root MAPPE]

Sjekker lenkene til andre nettsteder i det bygde nettstedet. Trenger nett; for den ukentlige
jobben, ikke for vanlige bygg (de sjekker alle interne lenker selv). Adresser i
links-exclude.txt hoppes over. Adresser som peker til maskinens eget nett (localhost, private
og lenkelokale adresser, skyens metadata-tjeneste) spørres aldri, bare rapporteres.

Kommandoen er bare med når verktøyene er bygd med den ukentlige jobbens tillegg:
  cargo build --release -p ho21-tools --features external-links

Valg:
  --external     sjekk eksterne lenker (påkrevd)
  --site MAPPE   det bygde nettstedet (standard: public/)
  --cache FIL    husk svar mellom kjøringer her (standard: .cache/external-links.json)
  --root MAPPE   nettstedets mappe (standard: mappen du står i)
",
    run,
};

pub struct Links {
    pub root: PathBuf,
    pub site: Option<PathBuf>,
    pub cache: Option<PathBuf>,
}

impl Links {
    pub fn parse(args: &mut Args) -> Result<Self, Stop> {
        let mut links = Links {
            root: PathBuf::from("."),
            site: None,
            cache: None,
        };
        let mut external = false;
        while let Some(next) = args.next()? {
            match next {
                Next::Option(name) if name == "root" => links.root = args.path("root")?,
                Next::Option(name) if name == "site" => links.site = Some(args.path("site")?),
                Next::Option(name) if name == "cache" => links.cache = Some(args.path("cache")?),
                Next::Option(name) if name == "external" => external = true,
                other => return Err(args.unexpected(other)),
            }
        }
        if !external {
            return Err(args.error("mangler --external (interne lenker sjekkes av «ho21 build»)"));
        }
        Ok(links)
    }

    /// Without the `external-links` feature the link checker (lychee-lib) is not compiled in:
    /// say how to get it instead.
    #[cfg(not(feature = "external-links"))]
    pub fn run(self) -> Result<ExitCode, Stop> {
        let _ = (self.root, self.site, self.cache);
        Err(Error::msg(NOT_BUILT).into())
    }

    #[cfg(feature = "external-links")]
    pub fn run(self) -> Result<ExitCode, Stop> {
        let root = self.root;
        let site = self.site.unwrap_or_else(|| root.join("public"));
        let cache_path = self
            .cache
            .unwrap_or_else(|| root.join(".cache/external-links.json"));
        if !site.join("index.html").is_file() {
            return Err(Error::msg(format!(
                "fant ikke et bygget nettsted i {}; kjør scripts/build først",
                site.display()
            ))
            .into());
        }
        let exclude_path = root.join("links-exclude.txt");
        let excludes = match std::fs::read_to_string(&exclude_path) {
            Ok(text) => external::read_excludes(&text)?,
            Err(_) => Vec::new(),
        };
        let mut cache = external::Cache::load(&cache_path);
        let outcome =
            external::check(&site, &Config::load(&root)?.base_url, &excludes, &mut cache)?;
        cache.save(&cache_path)?;
        print!("{}", outcome.render());
        Ok(if outcome.dead.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        })
    }
}

/// What `ho21 links --external` says when the tools were built without the feature.
#[cfg(not(feature = "external-links"))]
pub const NOT_BUILT: &str = "«ho21 links --external» er ikke med i denne byggingen av verktøyene: lenkesjekkeren (lychee) er tung å kompilere og trengs bare av den ukentlige jobben (.github/workflows/external-links.yml). Bygg verktøyene med den slik: cargo build --release -p ho21-tools --features external-links (og kjør target/release/ho21 links --external)";

fn run(args: &mut Args) -> Result<ExitCode, Stop> {
    Links::parse(args)?.run()
}
