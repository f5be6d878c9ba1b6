//! The one way bukusop writes a file: into a temporary file with an
//! unpredictable name in the target's folder, flushed to disk, then renamed
//! over the target, so a failure or a kill never leaves a half-written file
//! and the previous one survives. A read-only target is refused, not
//! replaced; temporary files that killed runs left behind are removed.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The names of bukusop's temporary files start with this…
const AWALAN: &str = ".bukusop-";
/// … and end with this.
const AKHIRAN: &str = ".tmp";
/// A temporary file untouched for this long belongs to no running write.
const BASI: Duration = Duration::from_secs(60);

/// Writes `bytes` to `path` atomically.
pub fn tulis(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    tulis_semua(&[(path, bytes)]).map_err(|(_, e)| e)
}

/// Writes a set of files (a booklet and its SOPs' PDFs) so that a failure
/// to write (a full disk, a read-only target) changes none of them: every
/// file is first written in full beside its target and flushed, and only
/// then is each renamed over its target (a rename needs no space). A
/// failure names the index of the file it happened to.
pub fn tulis_semua(files: &[(&Path, &[u8])]) -> Result<(), (usize, std::io::Error)> {
    let mut ready = Vec::with_capacity(files.len());
    for (i, (path, bytes)) in files.iter().enumerate() {
        // On failure the temporary files written so far drop and vanish.
        ready.push(siapkan(path, bytes).map_err(|e| (i, e))?);
    }
    for (i, (tmp, (path, _))) in ready.into_iter().zip(files).enumerate() {
        tmp.persist(path).map_err(|e| (i, e.error))?;
        sync_dir(folder(path));
    }
    Ok(())
}

fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `bytes` in a flushed temporary file beside `path`, not yet renamed.
fn siapkan(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = folder(path);
    std::fs::create_dir_all(dir)?;
    remove_stale(dir);
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().readonly()
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "berkas tujuan hanya-baca",
        ));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(AWALAN)
        .suffix(AKHIRAN)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// The rename reaches the disk with its folder's entry.
#[cfg(unix)]
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) {}

/// Removes the temporary files of earlier runs that were killed mid-write
/// (also the `.<name>.<pid>.tmp` ones of older versions).
fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with(AWALAN) && name.ends_with(AKHIRAN);
        let older = name.starts_with('.')
            && name.ends_with(AKHIRAN)
            && name
                .trim_end_matches(AKHIRAN)
                .rsplit('.')
                .next()
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        let Ok(meta) = e.metadata() else { continue };
        let idle = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|d| d >= BASI);
        if (ours || older) && meta.is_file() && idle {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_atomically_refuses_read_only_and_cleans_up() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("buku.pdf");
        tulis(&target, b"satu").unwrap();
        tulis(&target, b"dua").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"dua");
        // Left by killed runs: removed once idle, a fresh one kept.
        let old = d.path().join(".buku.pdf.4242.tmp");
        let stale = d.path().join(".bukusop-abc.tmp");
        let fresh = d.path().join(".bukusop-def.tmp");
        for f in [&old, &stale, &fresh] {
            std::fs::write(f, "x").unwrap();
        }
        let long_ago = SystemTime::now() - Duration::from_secs(3600);
        for f in [&old, &stale] {
            let file = std::fs::File::options().write(true).open(f).unwrap();
            file.set_modified(long_ago).unwrap();
        }
        tulis(&target, b"tiga").unwrap();
        assert!(!old.exists() && !stale.exists() && fresh.exists());
        let names: Vec<String> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        // Read-only: refused, the old content kept.
        let mut p = std::fs::metadata(&target).unwrap().permissions();
        p.set_readonly(true);
        std::fs::set_permissions(&target, p).unwrap();
        let e = tulis(&target, b"empat").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::PermissionDenied);
        assert_eq!(std::fs::read(&target).unwrap(), b"tiga");
    }
}
