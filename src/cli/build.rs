//! `bukusop build`: the booklet's PDF, and on request one per SOP.

use std::path::{Path, PathBuf};
use std::time::Instant;

use bukusop::build::{self, Options, Tahap};
use bukusop::diag::report;
use bukusop::files::tulis::tulis_semua;

use super::FolderArg;
use super::keluar::{ExitStatus, content_failure, io_failure, secs, size, usage_failure};
use bukusop::diag::jalur;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    folder: FolderArg,
    /// Tulis PDF ke BERKAS ini, bukan ke FOLDER/out/<nama>.pdf
    #[arg(short = 'o', long = "output", value_name = "BERKAS")]
    output: Option<PathBuf>,
    /// Tulis juga satu PDF per SOP (untuk situs web), ke folder bernama sama dengan PDF buku
    #[arg(long)]
    per_sop: bool,
    /// Tulis PDF/A-2b untuk arsip
    #[arg(long)]
    pdfa: bool,
    /// Jangan cetak ringkasan dan kemajuan (galat dan peringatan tetap dicetak)
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Tulis juga markup Typst yang dibuat (buku.typ) dan berkas yang dibacanya ke FOLDER_TYPST, untuk memeriksa templat
    #[arg(long, value_name = "FOLDER_TYPST")]
    typst: Option<PathBuf>,
}

/// The markup of the last pass and what it reads, as files a plain
/// `typst compile` can take in `dir`: `buku.typ`, the library and logos
/// under their virtual paths, the fonts in `fonts/`. Each is judged where
/// it really leads (a committed `fonts` or `logo` symlink under `dir` may
/// lead into the content) before anything is written.
fn berkas_typst<'a>(
    folder: &Path,
    dir: &Path,
    out: &'a build::Output,
) -> Result<Vec<(PathBuf, &'a [u8])>, ExitStatus> {
    let mut files: Vec<(PathBuf, &[u8])> = vec![(dir.join("buku.typ"), out.markup.as_bytes())];
    // Our own paths (`/bukusop.typ`, `/logo/…`), never the content's.
    files.extend(
        out.sumber
            .files
            .iter()
            .map(|(v, b)| (dir.join(v.trim_start_matches('/')), &b[..])),
    );
    files.extend(
        out.sumber
            .fonts
            .iter()
            .enumerate()
            .map(|(i, font)| (dir.join("fonts").join(format!("fon-{i:02}.ttf")), &font[..])),
    );
    for (p, _) in &files {
        tujuan_sah(folder, p, false)?;
    }
    Ok(files)
}

/// One progress line on a terminal, overwritten by the next.
fn kemajuan(t: Tahap) {
    let text = match t {
        Tahap::Disiapkan { sop } => format!("{sop} SOP diperiksa"),
        Tahap::TataLetak { lintasan } => format!("tata letak, lintasan {lintasan}"),
        Tahap::Pdf => "menulis PDF".to_string(),
        Tahap::PerSop { sop } => format!("membuat {sop} PDF per SOP"),
    };
    eprint!("\r\x1b[K{text}…");
}

/// Where a booklet is written unless `-o` says otherwise: `out/` inside
/// its content folder, as mdBook writes `book/` in the book's root.
pub(super) fn keluar_buku(folder: &Path) -> PathBuf {
    match folder == Path::new(".") {
        true => PathBuf::from("out"),
        false => folder.join("out"),
    }
}

/// Where a build may write a PDF (`pdf`): never over a file it read
/// (`-o buku.yaml`, a scanned Pengesahan), never into the content's
/// `sop/`, `templates/` or `fonts/` (every file there is read as content);
/// its name ends in `.pdf`. The `--typst` folder (not `pdf`), which holds
/// a `fonts/` and a `logo/` of its own, lies outside the content folder or
/// under its `out/`.
pub(super) fn tujuan_sah(folder: &Path, path: &Path, pdf: bool) -> Result<(), ExitStatus> {
    let usage = |msg: String, hint: &str| {
        usage_failure(&bukusop::diag::Diagnostic::error(msg).hint(hint.to_string()))
    };
    let is_pdf = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("pdf"));
    if pdf && !is_pdf {
        return Err(usage(
            format!("berkas keluaran `{}` harus berakhiran .pdf", jalur(path)),
            "contoh: `-o buku-sop.pdf`",
        ));
    }
    // Written inside the content folder (by its name): there, no folder on
    // the way may be a symlink a fork committed (`out/dbg -> /elsewhere`).
    if let Some(rel) = di_folder(folder, path) {
        bukusop::files::tulis::di_dalam(folder, &rel).map_err(|e| io_failure(path, &e))?;
    }
    let Some(real) = nyata(path) else {
        return Ok(());
    };
    let Ok(root) = std::fs::canonicalize(folder) else {
        return Ok(());
    };
    let among = |r: &Path| match pdf {
        true => ["sop", "templates", "fonts"]
            .iter()
            .any(|d| r.starts_with(root.join(d))),
        false => r.starts_with(&root) && !r.starts_with(root.join("out")),
    };
    let hint = "tulis ke `out/` di folder konten (bawaan), atau ke folder di luar `sop/`, `templates/` dan `fonts/`";
    if bukusop::files::baca::pernah_dibaca(&real) {
        return Err(usage(
            format!(
                "`{}` adalah berkas yang dibaca buku ini; bukusop tidak menimpanya",
                jalur(path)
            ),
            hint,
        ));
    }
    if among(&real) {
        return Err(usage(
            format!(
                "`{}` ada di dalam folder konten `{}`; bukusop tidak menulis di antara berkas konten",
                jalur(path),
                jalur(folder)
            ),
            hint,
        ));
    }
    Ok(())
}

/// `path` relative to the content folder `folder`, when it lies inside it
/// by its names alone (`..` taken back, no symlink followed).
fn di_folder(folder: &Path, path: &Path) -> Option<String> {
    let lexical = |p: &Path| -> Option<PathBuf> {
        use std::path::Component;
        let mut out = PathBuf::new();
        for c in std::path::absolute(p).ok()?.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        Some(out)
    };
    let rel = lexical(path)?
        .strip_prefix(lexical(folder)?)
        .ok()?
        .to_path_buf();
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Where `path` really leads: its longest existing part resolved by the
/// file system (symlinks followed), the rest, which does not exist yet,
/// by its names (`..` going one back, as creating the folders would).
fn nyata(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let abs = std::path::absolute(path).ok()?;
    let parts: Vec<Component> = abs.components().collect();
    (1..=parts.len()).rev().find_map(|k| {
        let mut real = parts[..k].iter().collect::<PathBuf>().canonicalize().ok()?;
        for c in &parts[k..] {
            match c {
                Component::ParentDir => {
                    real.pop();
                }
                Component::Normal(n) => real.push(n),
                _ => {}
            }
        }
        Some(real)
    })
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    let start = Instant::now();
    let folder = &a.folder.existing()?;
    // Judged now and again once the build has read its files.
    let tujuan = || {
        if let Some(o) = &a.output {
            tujuan_sah(folder, o, true)?;
        }
        if let Some(t) = &a.typst {
            tujuan_sah(folder, t, false)?;
        }
        Ok(())
    };
    tujuan()?;
    use std::io::IsTerminal;
    let progress = !a.quiet && std::io::stderr().is_terminal();
    let options = Options {
        pdfa: a.pdfa,
        per_sop: a.per_sop,
        kemajuan: progress.then_some(kemajuan as fn(Tahap)),
        markup: a.typst.is_some(),
    };
    let built = build::build_with(folder, options);
    if progress {
        eprint!("\r\x1b[K");
    }
    let (out, singles) = built.map_err(|d| content_failure(&d, "PDF tidak ditulis"))?;
    tujuan()?;
    peringatan(folder, &out);
    let path = a
        .output
        .clone()
        .unwrap_or_else(|| keluar_buku(folder).join(format!("{}.pdf", out.name)));
    let typst = match &a.typst {
        Some(dir) => berkas_typst(folder, dir, &out)?,
        None => Vec::new(),
    };
    let dir = tulis_set(folder, &path, &out, &singles, a.output.is_none())?;
    if a.per_sop {
        say(
            a.quiet,
            format!(
                "{}/: {} PDF per SOP, {}",
                jalur(&dir),
                singles.len(),
                secs(start.elapsed())
            ),
        );
    }
    say(a.quiet, ringkasan(&path, &out, start));
    if let Some(dir) = &a.typst {
        let set: Vec<(&Path, &[u8])> = typst.iter().map(|(p, b)| (p.as_path(), *b)).collect();
        tulis_semua(&set).map_err(|(i, e)| io_failure(set[i].0, &e))?;
        say(
            a.quiet,
            format!(
                "{}/buku.typ: markup Typst; `typst compile --root {} --font-path {}/fonts --ignore-system-fonts {}/buku.typ`",
                jalur(dir),
                jalur(dir),
                jalur(dir),
                jalur(dir)
            ),
        );
    }
    Ok(ExitStatus::Berhasil)
}

/// The build's warnings; many would bury the result, so past three only
/// their count and where `check` lists them.
fn peringatan(folder: &Path, out: &build::Output) {
    if out.warnings.0.len() > 3 {
        eprintln!(
            "peringatan: {} hal perlu diperiksa; jalankan `bukusop check {}` untuk rinciannya",
            out.warnings.0.len(),
            jalur(folder)
        );
    } else {
        eprint!(
            "{}",
            report::teks_warna(&out.warnings, super::keluar::warna())
        );
    }
}

/// Writes the booklet at `path` and the SOPs' own PDFs beside it
/// (`out/<name>.pdf` → `out/<name>/NN-judul.pdf`) as one set: every target
/// judged first, and a failure writing any of them leaves every one as it
/// was. Returns the SOPs' folder.
fn tulis_set(
    folder: &Path,
    path: &Path,
    out: &build::Output,
    singles: &[build::SopPdf],
    bawaan: bool,
) -> Result<PathBuf, ExitStatus> {
    let dir = path.with_extension("");
    let single_paths: Vec<PathBuf> = singles
        .iter()
        .map(|s| dir.join(format!("{}.pdf", s.name)))
        .collect();
    let mut set: Vec<(&Path, &[u8])> = vec![(path, &out.pdf)];
    set.extend(
        single_paths
            .iter()
            .map(PathBuf::as_path)
            .zip(singles.iter().map(|s| &s.pdf[..])),
    );
    // The default `out/` ones too: a committed symlink `out` may lead into
    // `sop/`, a scan may be named `out/…`.
    for (p, _) in &set {
        tujuan_sah(folder, p, true)?;
    }
    tulis_semua(&set).map_err(|(i, e)| io_failure(set[i].0, &e))?;
    // A killed `--per-sop` build's leftovers go with the next build.
    bukusop::files::tulis::bersihkan(&dir);
    if !singles.is_empty() && bawaan {
        hapus_basi(&dir, &single_paths);
    }
    Ok(dir)
}

/// Removes from the per-SOP folder `dir` under `out/` the PDFs of SOPs
/// this build did not write (`03-judul-lama.pdf` after a title changed, or
/// of an SOP removed), so the folder a court uploads holds the booklet's
/// SOPs only. Only regular files named as bukusop names them
/// (`NN-slug.pdf`) go, never one the build read; a folder `-o` names is
/// the caller's, and left alone.
fn hapus_basi(dir: &Path, written: &[PathBuf]) {
    let ours = |name: &str| {
        let Some(stem) = name.strip_suffix(".pdf") else {
            return false;
        };
        let (number, slug) = stem.split_once('-').unwrap_or((stem, ""));
        number.len() >= 2
            && number.bytes().all(|b| b.is_ascii_digit())
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !slug.is_empty()
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let regular = e.file_type().is_ok_and(|t| t.is_file());
        let read = bukusop::files::baca::dibaca_di(&path);
        if regular && ours(&e.file_name().to_string_lossy()) && !written.contains(&path) && !read {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// A line of the summary, unless `--quiet`.
fn say(quiet: bool, line: String) {
    if !quiet {
        println!("{line}");
    }
}

/// `out/buku.pdf: 21 halaman, 223 KB, 0.58 dtk`: what a build wrote, for
/// `build` and each rebuild of `watch`.
pub(super) fn ringkasan(path: &Path, out: &build::Output, start: Instant) -> String {
    format!(
        "{}: {} halaman, {}, {}",
        jalur(path),
        out.pages,
        size(out.pdf.len()),
        secs(start.elapsed())
    )
}
