//! The settings the tools read from `config.toml` (Zola reads the rest). Read once, by
//! `Site::load`; everything else takes them from the site. A leaf: it uses no other module.

use std::fs;
use std::path::Path;

use crate::errors::{Context, Error, Result};

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Config {
    /// Links to this address must point at pages of this site.
    pub base_url: String,
    #[serde(default)]
    pub extra: ConfigExtra,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ConfigExtra {
    /// The policy every built page must carry (checked by the output check).
    #[serde(default)]
    pub content_security_policy: Option<String>,
}

impl Config {
    /// Reads `root/config.toml`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join("config.toml");
        let text = fs::read_to_string(&path)
            .with_context(|| format!("kan ikke lese {}", path.display()))?;
        toml::from_str::<Config>(&text)
            .map_err(|e| Error::msg(format!("{}: {}", path.display(), e.message())))
    }

    pub(crate) fn content_security_policy(&self) -> Option<&str> {
        self.extra.content_security_policy.as_deref()
    }
}
