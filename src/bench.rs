//! Timing builds (`bukusop bench`): cold builds of a content folder,
//! phase by phase; the median, least and most of several runs.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::build::{self, Timings};
use crate::diag::jalur;
use crate::diag::{Diagnostic, Diagnostics};

/// The median of several cold builds of one booklet.
#[derive(Debug, Clone, Copy)]
pub struct Pengukuran {
    pub timings: Timings,
    pub pages: usize,
    pub passes: usize,
    /// The whole build's time over the runs.
    pub total: Sebaran,
}

/// How one time spread over the runs: their median, least and most.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sebaran {
    pub median: Duration,
    pub min: Duration,
    pub max: Duration,
}

impl Sebaran {
    /// The spread of `runs` (at least one).
    pub fn dari(mut runs: Vec<Duration>) -> Sebaran {
        runs.sort();
        Sebaran {
            median: runs[runs.len() / 2],
            min: runs[0],
            max: runs[runs.len() - 1],
        }
    }

    /// This median as a ratio of `other`'s.
    pub fn rasio(&self, other: &Sebaran) -> f64 {
        self.median.as_secs_f64() / other.median.as_secs_f64()
    }
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
        runs.push((o.timings, o.pages, o.passes));
    }
    let total = Sebaran::dari(runs.iter().map(|r| r.0.total()).collect());
    runs.sort_by_key(|r| r.0.total());
    let (timings, pages, passes) = runs[runs.len() / 2];
    Ok(Pengukuran {
        timings,
        pages,
        passes,
        total,
    })
}

/// bukusop's whole build of `dir` against one plain Typst compile of the
/// markup it generates (its last pass), both cold, over `ulang` runs.
pub struct Polos {
    pub bukusop: Sebaran,
    /// The plain compile to a PDF, as `typst compile` makes it.
    pub pdf: Sebaran,
    /// Its layout alone, without the PDF.
    pub tata_letak: Sebaran,
}

/// [`Polos`] of `dir`.
pub fn ukur_polos(dir: &Path, ulang: usize) -> Result<Polos, Diagnostics> {
    let (mut ours, mut pdf, mut layout) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ulang.max(1) {
        build::evict_caches();
        let t = Instant::now();
        let markup = build::Options {
            markup: true,
            ..build::Options::default()
        };
        let (out, _) = build::build_with(dir, markup)?;
        ours.push(t.elapsed());
        // Dropping what the build memoized is no part of the compile.
        build::evict_caches();
        let t = Instant::now();
        let doc = out.sumber.compile(&out.markup)?;
        layout.push(t.elapsed());
        crate::pdf::polos(&doc).map_err(|d| Diagnostics(vec![d]))?;
        pdf.push(t.elapsed());
    }
    Ok(Polos {
        bukusop: Sebaran::dari(ours),
        pdf: Sebaran::dari(pdf),
        tata_letak: Sebaran::dari(layout),
    })
}

/// What `watch` gains: a cold build of `dir`, then a rebuild after one
/// step of one SOP (the middle one) was edited, with the same
/// [`build::Pengamat`]; the medians of `ulang` such pairs. `dir` is
/// edited: hand it a copy.
pub fn ukur_sunting(dir: &Path, ulang: usize) -> Result<(Sebaran, Sebaran), Diagnostics> {
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
    Ok((Sebaran::dari(cold), Sebaran::dari(warm)))
}

fn io(path: &Path, e: std::io::Error) -> Diagnostics {
    Diagnostics(vec![Diagnostic::error(format!(
        "`{}` tidak dapat dibaca atau ditulis: {}",
        jalur(path),
        crate::files::io_reason(&e)
    ))])
}
