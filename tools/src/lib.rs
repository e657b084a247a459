//! The tools behind the HelseOmsorg21-rådet website: content model, checks, generated indices,
//! the build pipeline and the post-processing of the built site.

pub mod bench;
pub mod check;
pub mod codes;
pub mod dates;
pub mod diagnostics;
pub mod diff;
pub mod fix;
pub mod frontmatter;
pub mod generate;
pub mod history;
pub mod ids;
pub mod import;
pub mod model;
pub mod netguard;
pub mod pipeline;
pub mod postprocess;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod synth;
pub mod zola;
