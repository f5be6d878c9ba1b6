//! Timing builds (`bukusop bench`): cold builds of a content folder,
//! phase by phase, the median of several runs.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::build::{self, Timings};
use crate::diag::{Diagnostic, Diagnostics};

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

/// bukusop's whole build of `dir` against one plain Typst compile of the
/// markup it generates (its last pass), both cold: the medians of `ulang`
/// pairs.
pub fn ukur_polos(dir: &Path, ulang: usize) -> Result<(Duration, Duration), Diagnostics> {
    let (mut ours, mut plain) = (Vec::new(), Vec::new());
    for _ in 0..ulang.max(1) {
        build::evict_caches();
        let t = Instant::now();
        let out = build::build(dir)?;
        ours.push(t.elapsed());
        let t = Instant::now();
        out.sumber.compile(&out.markup)?;
        plain.push(t.elapsed());
    }
    ours.sort();
    plain.sort();
    Ok((ours[ours.len() / 2], plain[plain.len() / 2]))
}

/// What `watch` gains: a cold build of `dir`, then a rebuild after one
/// step of one SOP (the middle one) was edited, with the same
/// [`build::Pengamat`]; the medians of `ulang` such pairs. `dir` is
/// edited: hand it a copy.
pub fn ukur_sunting(dir: &Path, ulang: usize) -> Result<(Duration, Duration), Diagnostics> {
    let mut sops: Vec<_> = std::fs::read_dir(dir.join(crate::content::SOP_DIR))
        .map_err(|e| io(dir, e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    sops.sort();
    let Some(file) = sops.get(sops.len() / 2).cloned() else {
        return Err(Diagnostics(vec![Diagnostic::error(
            "folder ini tidak berisi SOP",
        )]));
    };
    let (mut cold, mut warm) = (Vec::new(), Vec::new());
    for round in 0..ulang.max(1) {
        build::evict_caches();
        let mut p = build::Pengamat::default();
        let t = Instant::now();
        p.build(dir, build::Options::default())?;
        cold.push(t.elapsed());
        let text = std::fs::read_to_string(&file).map_err(|e| io(&file, e))?;
        let edited = text.replacen("kegiatan: ", &format!("kegiatan: Diubah {round} "), 1);
        std::fs::write(&file, edited).map_err(|e| io(&file, e))?;
        let t = Instant::now();
        p.build(dir, build::Options::default())?;
        warm.push(t.elapsed());
    }
    cold.sort();
    warm.sort();
    Ok((cold[cold.len() / 2], warm[warm.len() / 2]))
}

fn io(path: &Path, e: std::io::Error) -> Diagnostics {
    Diagnostics(vec![Diagnostic::error(format!(
        "`{}` tidak dapat dibaca atau ditulis: {}",
        path.display(),
        crate::files::io_reason(&e)
    ))])
}
