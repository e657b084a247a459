//! The one error type of the tools: a message that names the thing (and, where there is one, the
//! fix), with the chain of causes under it: what the operating system, a parser or Zola said.
//! Content problems are not errors but [`crate::diagnostics`]: they are collected and reported
//! together; an `Error` stops a command, and `ho21` prints it in one place ([`Error::render`]):
//!
//! ```text
//! ho21: kan ikke lese config.toml
//!   årsak: No such file or directory (os error 2)
//! ```

use std::error::Error as StdError;
use std::fmt;

/// A cause: anything that can be shown, including another [`Error`] or a plain message.
type Cause = Box<dyn StdError + Send + Sync>;

pub struct Error {
    message: String,
    source: Option<Cause>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn msg(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            source: None,
        }
    }

    /// `message`, caused by `source`.
    pub fn chain(message: impl Into<String>, source: impl Into<Cause>) -> Self {
        Error {
            message: message.into(),
            source: Some(source.into()),
        }
    }

    /// The causes, outermost first.
    pub fn causes(&self) -> impl Iterator<Item = &(dyn StdError + 'static)> {
        let mut next = self.source();
        std::iter::from_fn(move || {
            let current = next?;
            next = current.source();
            Some(current)
        })
    }

    /// The message and its causes on one line, for a diagnostic.
    pub fn one_line(&self) -> String {
        let mut out = self.message.clone();
        for cause in self.causes() {
            out.push_str(&format!(": {cause}"));
        }
        out
    }

    /// The message and each cause on its own line, as `ho21` prints every error.
    pub fn render(&self) -> String {
        let mut out = format!("ho21: {}\n", self.message);
        for cause in self.causes() {
            out.push_str(&format!("  årsak: {cause}\n"));
        }
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render().trim_end())
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|s| s as &(dyn StdError + 'static))
    }
}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Error::msg(message)
    }
}

impl From<&str> for Error {
    fn from(message: &str) -> Self {
        Error::msg(message)
    }
}

/// Names what was being done when an error happened: `fs::read(path).context(…)?`.
pub trait Context<T> {
    fn context(self, message: impl Into<String>) -> Result<T>;
    fn with_context(self, message: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: Into<Cause>> Context<T> for std::result::Result<T, E> {
    fn context(self, message: impl Into<String>) -> Result<T> {
        self.map_err(|e| Error::chain(message, e))
    }

    fn with_context(self, message: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| Error::chain(message(), e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_causes_are_printed_under_the_message_outermost_first() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "finnes ikke");
        let inner = Err::<(), _>(io).context("kan ikke lese config.toml");
        let outer = inner.context("kan ikke bygge nettstedet").unwrap_err();
        assert_eq!(outer.to_string(), "kan ikke bygge nettstedet");
        assert_eq!(
            outer.render(),
            "ho21: kan ikke bygge nettstedet\n  årsak: kan ikke lese config.toml\n  årsak: finnes ikke\n"
        );
        assert_eq!(Error::msg("bare dette").render(), "ho21: bare dette\n");
    }
}
