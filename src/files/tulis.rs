//! The one way bukusop writes a file: into a temporary file with an
//! unpredictable name in the target's folder, locked while it is written,
//! flushed to disk, then renamed over the target, so a failure or a kill
//! never leaves a half-written file and the previous one survives. A
//! read-only target, or one that is not a regular file (a folder, a
//! symlink, a pipe, a device), is refused, not replaced; temporary files
//! that killed runs left behind (no running write holds their lock) are
//! removed.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The names of bukusop's temporary files start with this…
const AWALAN: &str = ".bukusop-";
/// … and end with this.
const AKHIRAN: &str = ".tmp";
/// Older versions named their temporary files `.<target>.<pid>.tmp` and
/// held no lock: one of those untouched this long belongs to no write.
const BASI: Duration = Duration::from_secs(60);

/// Writes `bytes` to `path` atomically.
pub fn tulis(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    tulis_semua(&[(path, bytes)]).map_err(|(_, e)| e)
}

/// Writes a set of files (a booklet and its SOPs' PDFs) so that a failure
/// to write (a full disk, a read-only or odd target) changes none of them:
/// every target is judged first, then every file is written in full beside
/// its target and flushed, and only then is each renamed over its target
/// (a rename needs no space). A failure names the index of the file it
/// happened to.
pub fn tulis_semua(files: &[(&Path, &[u8])]) -> Result<(), (usize, std::io::Error)> {
    for (i, (path, _)) in files.iter().enumerate() {
        boleh_ditimpa(path).map_err(|e| (i, e))?;
    }
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

/// The file `rel` inside the content folder `root`, where its name says:
/// refused when a folder on the way is a symlink a fork committed (or a
/// file), which would carry the write out of the folder or into its
/// inputs (`schema -> sop`, `.github -> /elsewhere`).
pub fn di_dalam(root: &Path, rel: &str) -> std::io::Result<std::path::PathBuf> {
    let path = root.join(rel);
    let mut on_the_way = root.to_path_buf();
    for part in Path::new(rel)
        .parent()
        .into_iter()
        .flat_map(Path::components)
    {
        on_the_way.push(part);
        match fs::symlink_metadata(&on_the_way) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(crate::files::galat(
                    std::io::ErrorKind::InvalidInput,
                    format!(
                        "`{}` bukan folder biasa (tautan simbolik atau berkas); tidak ditulis",
                        crate::teks::jalur(&on_the_way)
                    ),
                ));
            }
            // Made by the write.
            Err(_) => break,
        }
    }
    Ok(path)
}

/// Removes the temporary files killed runs left in `dir` (a folder a
/// build writes into only sometimes, such as the per-SOP PDFs').
pub fn bersihkan(dir: &Path) {
    remove_stale(dir, None);
}

fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Whether `path` may be replaced: absent, or a regular file that is not
/// read-only. A rename would replace a symlink, a pipe or a device node
/// (`-o /dev/null` as root) with a regular file, or fail on a folder after
/// other files of the set were already renamed.
fn boleh_ditimpa(path: &Path) -> std::io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let refuse = |why: &str| Err(super::galat(std::io::ErrorKind::Other, why));
    if meta.is_dir() {
        return refuse("yang ditunjuk adalah folder, bukan berkas");
    }
    if !meta.is_file() {
        return refuse(
            "tujuan bukan berkas biasa (tautan simbolik, pipa atau perangkat); tidak ditimpa",
        );
    }
    if meta.permissions().readonly() {
        return Err(super::galat(
            std::io::ErrorKind::PermissionDenied,
            "berkas tujuan hanya-baca",
        ));
    }
    Ok(())
}

/// `bytes` in a flushed, locked temporary file beside `path`, not yet
/// renamed; it keeps the target's permissions (a new file is readable by
/// all, as a file an editor saves).
fn siapkan(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = folder(path);
    fs::create_dir_all(dir)?;
    remove_stale(dir, path.file_name());
    let mut builder = tempfile::Builder::new();
    builder.prefix(AWALAN).suffix(AKHIRAN);
    let permissions = match fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => baru(),
    };
    if let Some(p) = permissions {
        builder.permissions(p);
    }
    // Locked until it is renamed or dropped: a later run tells a live write
    // from a killed one's leftover by it. Another run may remove the file
    // between its creation and the lock; then it is made again.
    let mut tmp = loop {
        let tmp = builder.tempfile_in(dir)?;
        tmp.as_file().lock()?;
        if still_there(&tmp) {
            break tmp;
        }
    };
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Whether the locked temporary file is still the one at its name.
#[cfg(unix)]
fn still_there(tmp: &tempfile::NamedTempFile) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (tmp.as_file().metadata(), fs::symlink_metadata(tmp.path())) {
        (Ok(open), Ok(named)) => (open.dev(), open.ino()) == (named.dev(), named.ino()),
        _ => false,
    }
}

/// Windows removes no file another process holds open.
#[cfg(not(unix))]
fn still_there(_: &tempfile::NamedTempFile) -> bool {
    true
}

#[cfg(unix)]
fn baru() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn baru() -> Option<fs::Permissions> {
    None
}

/// The rename reaches the disk with its folder's entry.
#[cfg(unix)]
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) {}

/// Removes the temporary files of earlier runs that were killed mid-write:
/// ours whose lock no running write holds, and, beside `target`, the
/// `.<target>.<pid>.tmp` files of older versions once idle.
fn remove_stale(dir: &Path, target: Option<&std::ffi::OsStr>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let older = target.map(|t| format!(".{}.", t.to_string_lossy()));
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(AKHIRAN) else {
            continue;
        };
        // Never through a symlink, never anything but a regular file.
        let Ok(meta) = fs::symlink_metadata(e.path()) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let stale = if stem.starts_with(AWALAN) {
            unlocked(&e.path())
        } else if let Some(pid) = older.as_deref().and_then(|o| stem.strip_prefix(o)) {
            let idle = meta
                .modified()
                .ok()
                .and_then(|m| now.duration_since(m).ok())
                .is_some_and(|d| d >= BASI);
            idle && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
        } else {
            false
        };
        // Nor a file this run read (a logo named like a temporary file).
        if stale && !super::baca::dibaca_di(&e.path()) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Whether no process holds the lock of our temporary file at `path`.
fn unlocked(path: &Path) -> bool {
    let Ok(file) = super::baca::buka(path) else {
        return false;
    };
    file.try_lock().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_atomically_refuses_read_only_and_cleans_up() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("buku.pdf");
        tulis(&target, b"satu").unwrap();
        tulis(&target, b"dua").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"dua");
        // Left by killed runs: ours removed at once unless a live write
        // holds its lock; an older version's beside this target once idle;
        // another program's file with a similar name never.
        let old = d.path().join(".buku.pdf.4242.tmp");
        let swap = d.path().join(".vim-swap.4242.tmp");
        let stale = d.path().join(".bukusop-abc.tmp");
        let live = d.path().join(".bukusop-def.tmp");
        for f in [&old, &swap, &stale, &live] {
            fs::write(f, "x").unwrap();
        }
        let long_ago = SystemTime::now() - Duration::from_secs(3600);
        for f in [&old, &swap] {
            let file = fs::File::options().write(true).open(f).unwrap();
            file.set_modified(long_ago).unwrap();
        }
        let held = fs::File::open(&live).unwrap();
        held.lock().unwrap();
        tulis(&target, b"tiga").unwrap();
        assert_eq!(
            names(d.path()),
            [".bukusop-def.tmp", ".vim-swap.4242.tmp", "buku.pdf"]
        );
        drop(held);
        bersihkan(d.path());
        assert_eq!(names(d.path()), [".vim-swap.4242.tmp", "buku.pdf"]);
        // Read-only: refused, the old content kept.
        let mut p = fs::metadata(&target).unwrap().permissions();
        p.set_readonly(true);
        fs::set_permissions(&target, p).unwrap();
        let e = tulis(&target, b"empat").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::PermissionDenied);
        assert_eq!(fs::read(&target).unwrap(), b"tiga");
    }

    /// A folder, a symlink or a pipe as a target is refused before any file
    /// of the set is written, so the set stays as it was.
    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_replaced_and_a_set_is_all_or_nothing() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let booklet = d.path().join("buku.pdf");
        tulis(&booklet, b"lama").unwrap();
        let mode = fs::metadata(&booklet).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
        let victim = d.path().join("korban");
        fs::write(&victim, "utuh").unwrap();
        let link = d.path().join("tautan.pdf");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let folder = d.path().join("folder.pdf");
        fs::create_dir(&folder).unwrap();
        let pipe = d.path().join("pipa.pdf");
        let c = std::ffi::CString::new(pipe.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        for odd in [&link, &folder, &pipe] {
            let e = tulis_semua(&[(&booklet, b"baru"), (odd, b"baru")]).unwrap_err();
            assert_eq!(e.0, 1);
            assert_eq!(fs::read(&booklet).unwrap(), b"lama");
        }
        assert_eq!(fs::read(&victim).unwrap(), b"utuh");
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(
            names(d.path()),
            ["buku.pdf", "folder.pdf", "korban", "pipa.pdf", "tautan.pdf"]
        );
    }
}
