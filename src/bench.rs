//! Timing builds (`bukusop bench`): cold builds of a content folder,
//! phase by phase, the median of several runs.

use std::path::Path;

use crate::build::{self, Timings};
use crate::diag::Diagnostics;

/// The median of several cold builds of one booklet.
#[derive(Debug, Clone, Copy)]
pub struct Pengukuran {
    pub timings: Timings,
    pub pages: usize,
    pub passes: usize,
}

/// Builds `dir` `ulang` times (at least once), each cold, and returns the
/// run of median total time.
pub fn ukur(dir: &Path, ulang: usize) -> Result<Pengukuran, Diagnostics> {
    let mut runs = Vec::new();
    for _ in 0..ulang.max(1) {
        // Typst memoizes layout across builds in one process; a user's
        // build starts cold, so every measured build does too.
        build::evict_caches();
        let o = build::build(dir)?;
        runs.push(Pengukuran {
            timings: o.timings,
            pages: o.pages,
            passes: o.passes,
        });
    }
    runs.sort_by_key(|r| r.timings.total());
    Ok(runs[runs.len() / 2])
}
