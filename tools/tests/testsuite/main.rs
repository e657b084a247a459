//! The tools' tests, in one binary (one link instead of one per file): each module tests one part
//! of the pipeline, and `common` holds the shared helpers (a temporary copy of a fixture site or
//! of the real one, running `ho21` in it). Filter by module:
//! `cargo test --release --test testsuite -- content::`.
//!
//! The tests that read the real content (`content`, `built_site`, `import`, `scaffold`) are the
//! ones `scripts/content-tests` runs on a pull request; `external_links` and `linkcheck` need
//! lychee-lib and come with the `external-links` feature.

mod common;

mod build;
mod built_site;
mod buttons;
mod check_fixtures;
mod cms;
mod content;
mod dependencies;
mod diff;
#[cfg(feature = "external-links")]
mod external_links;
mod guide;
mod import;
mod indices;
mod inputs;
#[cfg(feature = "external-links")]
mod linkcheck;
mod output_check;
mod properties;
mod scaffold;
mod workflows;
