//! `bukusop watch`: builds the booklet, then again on every save, keeping
//! Typst's caches and the last good PDF.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use bukusop::build::{Options, Pengamat};
use bukusop::diag::report;
use bukusop::files::tulis;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};

use super::FolderArg;
use super::keluar::{ExitStatus, io_failure, warna};
use bukusop::diag::jalur;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    folder: FolderArg,
    /// Buka PDF di penampil PDF sistem sesudah pembangunan pertama yang berhasil
    #[arg(long)]
    buka: bool,
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    let folder = a.folder.existing()?;
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    // Saves come in bursts (an editor writes, renames, touches): one
    // rebuild per burst.
    let mut debouncer = new_debouncer(Duration::from_millis(300), tx).map_err(|e| {
        eprintln!("galat: perubahan berkas tidak dapat diamati: {e}");
        ExitStatus::PemakaianSalah
    })?;
    debouncer
        .watcher()
        .watch(&folder, RecursiveMode::Recursive)
        .map_err(|e| {
            eprintln!(
                "galat: folder `{}` tidak dapat diamati: {e}",
                jalur(&folder)
            );
            ExitStatus::PemakaianSalah
        })?;
    eprintln!(
        "mengamati {}; setiap kali berkas disimpan, buku dibangun ulang (Ctrl+C untuk berhenti)",
        jalur(&folder)
    );
    let mut pengamat = Pengamat::default();
    let mut opened = !a.buka;
    loop {
        let seen = sidik(&folder);
        if let Some(pdf) = rebuild(&mut pengamat, &folder)?
            && !opened
        {
            opened = true;
            if let Err(e) = opener::open(&pdf) {
                eprintln!("peringatan: PDF tidak dapat dibuka: {e}");
            }
        }
        // Events also come from reading the files and from the PDF just
        // written: only a change to the content's files starts a build.
        while sidik(&folder) == seen {
            if rx.recv().is_err() {
                return Ok(ExitStatus::Berhasil);
            }
        }
        // A save may still be under way (a file truncated, then written):
        // build once the files have stayed the same for a moment.
        let mut now = sidik(&folder);
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let later = sidik(&folder);
            if later == now {
                break;
            }
            now = later;
        }
        while rx.try_recv().is_ok() {}
    }
}

/// What the content's files are now: each file's path, size and time of
/// change, without `out/` and hidden files (temporary files of bukusop
/// and editors).
fn sidik(folder: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut out = Vec::new();
    let mut dirs = vec![folder.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name.ends_with('~') || (dir == folder && name == "out") {
                continue;
            }
            let Ok(meta) = e.metadata() else { continue };
            if meta.is_dir() {
                dirs.push(e.path());
            } else {
                out.push((e.path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

/// One build, reported in one line (or its errors); the PDF is written
/// only when the build succeeds, so the last good one stays. Returns the
/// PDF's path when written.
fn rebuild(p: &mut Pengamat, folder: &Path) -> Result<Option<PathBuf>, ExitStatus> {
    let start = Instant::now();
    let now = chrono::Local::now().format("%H:%M:%S");
    match p.build(folder, Options::default()) {
        Ok((out, _)) => {
            let path = super::build::keluar_buku(folder).join(format!("{}.pdf", out.name));
            // Where a build may write it (a committed symlink `out`).
            super::build::tujuan_sah(folder, &path, true)?;
            tulis(&path, &out.pdf).map_err(|e| io_failure(&path, &e))?;
            let warned = match out.warnings.0.len() {
                0 => String::new(),
                n => format!(", {n} peringatan (lihat `bukusop check`)"),
            };
            println!(
                "{now}  {}{warned}",
                super::build::ringkasan(&path, &out, start)
            );
            // Typst's caches grow with every build; keep what recent
            // builds used.
            bukusop::build::evict_old_caches();
            Ok(Some(path))
        }
        Err(d) => {
            // The mistakes only: the warnings are `check`'s to list.
            let errors = bukusop::diag::Diagnostics(
                d.0.iter()
                    .filter(|x| x.severity == bukusop::diag::Severity::Error)
                    .cloned()
                    .collect(),
            );
            eprint!("{}", report::teks_warna(&errors, warna()));
            println!(
                "{now}  gagal: {}; PDF terakhir yang berhasil tetap dipakai",
                report::ringkasan(&d)
            );
            Ok(None)
        }
    }
}
