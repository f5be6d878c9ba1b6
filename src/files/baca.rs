//! The one way bukusop reads a file of a content folder: inside the folder
//! once symlinks are resolved, a regular file (never a pipe, a device or a
//! folder), and no larger than a limit for its kind. A content folder is
//! often someone else's fork, built with the rights of a CI job.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

/// The most bukusop reads of a YAML file.
pub const BATAS_YAML: u64 = 4 << 20;
/// … of a template.
pub const BATAS_TEMPLAT: u64 = 1 << 20;
/// … of an image or a scanned page.
pub const BATAS_GAMBAR: u64 = 32 << 20;
/// … of a font.
pub const BATAS_FONT: u64 = 64 << 20;

/// What the rooted readers of this process returned: a message quotes
/// the line of the text as it was read, never the disk again (where a file
/// may have been swapped since), and a build never writes over a file it
/// read.
#[derive(Default)]
struct Dibaca {
    /// Texts, by the path they were read under.
    teks: HashMap<PathBuf, Arc<str>>,
    /// Every file read, by its real path.
    nyata: HashSet<PathBuf>,
}

static DIBACA: LazyLock<Mutex<Dibaca>> = LazyLock::new(Mutex::default);

fn dibaca() -> std::sync::MutexGuard<'static, Dibaca> {
    DIBACA.lock().unwrap_or_else(|e| e.into_inner())
}

/// The text read under `path` through a rooted reader, if any.
pub fn sumber(path: &Path) -> Option<Arc<str>> {
    dibaca().teks.get(path).cloned()
}

/// Keeps `text`, read from `path` through a rooted reader, for
/// [`sumber`].
pub fn simpan_sumber(path: &Path, text: &str) {
    dibaca().teks.insert(path.to_path_buf(), text.into());
}

/// Whether a rooted reader of this process read the file whose real path
/// (every symlink resolved) is `real`.
pub fn pernah_dibaca(real: &Path) -> bool {
    dibaca().nyata.contains(real)
}

/// [`pernah_dibaca`] of the file at `path`, wherever it leads.
pub fn dibaca_di(path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|r| pernah_dibaca(&r))
}

/// A content folder, as the root every read stays under.
#[derive(Debug, Clone)]
pub struct Akar {
    /// The folder as it was named (messages show paths under it).
    pub asli: PathBuf,
    /// The folder with every symlink resolved.
    nyata: PathBuf,
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Tolak {
    Io(std::io::Error),
    /// Its real place (after symlinks) is outside the content folder.
    DiLuar,
    /// A folder, a pipe, a socket or a device.
    BukanBerkas,
    /// Larger than the limit of its kind, in bytes.
    TerlaluBesar {
        batas: u64,
    },
}

impl Tolak {
    /// The reason, in Indonesian, to follow "cannot be read: ".
    pub fn alasan(&self) -> String {
        match self {
            Tolak::Io(e) => super::io_reason(e),
            Tolak::DiLuar => {
                "letaknya (setelah tautan simbolik diikuti) di luar folder konten".into()
            }
            Tolak::BukanBerkas => "bukan berkas biasa (folder, pipa, atau perangkat)".into(),
            Tolak::TerlaluBesar { batas } => {
                format!("lebih besar dari batas {} MB", batas >> 20)
            }
        }
    }

    pub fn not_found(&self) -> bool {
        matches!(self, Tolak::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

impl From<std::io::Error> for Tolak {
    fn from(e: std::io::Error) -> Tolak {
        Tolak::Io(e)
    }
}

impl Akar {
    pub fn new(root: &Path) -> std::io::Result<Akar> {
        Ok(Akar {
            asli: root.to_path_buf(),
            nyata: root.canonicalize()?,
        })
    }

    /// The real place of `path` (a path under [`Akar::asli`]), if it is
    /// inside the content folder.
    fn inside(&self, path: &Path) -> Result<PathBuf, Tolak> {
        let real = path.canonicalize()?;
        if real.starts_with(&self.nyata) {
            Ok(real)
        } else {
            Err(Tolak::DiLuar)
        }
    }

    /// The bytes of the regular file `path`, at most `batas` of them.
    pub fn baca(&self, path: &Path, batas: u64) -> Result<Vec<u8>, Tolak> {
        let real = self.inside(path)?;
        if !fs::metadata(&real)?.is_file() {
            return Err(Tolak::BukanBerkas);
        }
        // The real path holds no symlink: one planted after the check is
        // not followed, and a folder swapped for one is caught on the open
        // file itself.
        let file = open(&real, true)?;
        self.still_inside(&file, &real)?;
        dibaca().nyata.insert(real);
        read_open(file, batas)
    }

    /// The file opened for `real` still lies inside the root: the kernel's
    /// own path of it (Linux), else the same device and inode as `real`.
    fn still_inside(&self, file: &fs::File, real: &Path) -> Result<(), Tolak> {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            if let Ok(now) = fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
                return match now.starts_with(&self.nyata) {
                    true => Ok(()),
                    false => Err(Tolak::DiLuar),
                };
            }
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let (open, named) = (file.metadata()?, fs::metadata(real)?);
            if (open.dev(), open.ino()) != (named.dev(), named.ino())
                || !self.inside(real).is_ok_and(|r| r == real)
            {
                return Err(Tolak::DiLuar);
            }
        }
        let _ = (file, real);
        Ok(())
    }

    /// [`Akar::baca`] as UTF-8 text.
    pub fn baca_teks(&self, path: &Path, batas: u64) -> Result<String, Tolak> {
        let bytes = self.baca(path, batas)?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Tolak::Io(super::galat(
                std::io::ErrorKind::InvalidData,
                "bukan teks UTF-8",
            ))
        })?;
        simpan_sumber(path, &text);
        Ok(text)
    }

    /// The entries of the folder `dir` (under the root), sorted; `None`
    /// when there is no such folder.
    pub fn daftar(&self, dir: &Path) -> Result<Option<Vec<PathBuf>>, Tolak> {
        let real = match self.inside(dir) {
            Err(t) if t.not_found() => return Ok(None),
            other => other?,
        };
        if !fs::metadata(&real)?.is_dir() {
            return Ok(None);
        }
        let mut out: Vec<PathBuf> = fs::read_dir(dir)?.flatten().map(|e| e.path()).collect();
        out.sort();
        Ok(Some(out))
    }
}

/// The bytes of an open file, if it is a regular file within the limit.
fn read_open(file: fs::File, batas: u64) -> Result<Vec<u8>, Tolak> {
    // Checked again on the open file: it may have been swapped.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Tolak::BukanBerkas);
    }
    if meta.len() > batas {
        return Err(Tolak::TerlaluBesar { batas });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(batas + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > batas {
        return Err(Tolak::TerlaluBesar { batas });
    }
    Ok(bytes)
}

/// Opens the file at `path` for reading, never through a symlink and
/// never waiting on a pipe.
pub(crate) fn buka(path: &Path) -> std::io::Result<fs::File> {
    open(path, true)
}

/// Opens for reading without waiting: a pipe swapped in after the check
/// would otherwise block the open until a writer comes. With `nofollow`, a
/// symlink as the last part of `path` is refused.
#[cfg(unix)]
fn open(path: &Path, nofollow: bool) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let follow = if nofollow { libc::O_NOFOLLOW } else { 0 };
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | follow)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path, _nofollow: bool) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_inside_the_root_within_the_limit() {
        let out = tempfile::tempdir().unwrap();
        let secret = out.path().join("rahasia");
        fs::write(&secret, "kunci").unwrap();
        let root = out.path().join("konten");
        fs::create_dir(&root).unwrap();
        fs::write(root.join("a.yaml"), "judul: x").unwrap();
        std::os::unix::fs::symlink(&secret, root.join("tautan.yaml")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("nol.ttf")).unwrap();
        let fifo = root.join("pipa.yaml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let akar = Akar::new(&root).unwrap();
        assert_eq!(akar.baca(&root.join("a.yaml"), 100).unwrap(), b"judul: x");
        assert!(matches!(
            akar.baca(&root.join("a.yaml"), 4),
            Err(Tolak::TerlaluBesar { batas: 4 })
        ));
        assert!(matches!(
            akar.baca(&root.join("tautan.yaml"), 100),
            Err(Tolak::DiLuar)
        ));
        assert!(matches!(
            akar.baca(&root.join("nol.ttf"), 100),
            Err(Tolak::DiLuar)
        ));
        assert!(matches!(akar.baca(&fifo, 100), Err(Tolak::BukanBerkas)));
        assert!(matches!(akar.baca(&root, 100), Err(Tolak::BukanBerkas)));
        assert!(
            akar.baca(&root.join("tidak-ada"), 100)
                .unwrap_err()
                .not_found()
        );
        assert_eq!(akar.daftar(&root.join("sop")).unwrap(), None);
    }

    #[test]
    fn a_file_opened_outside_the_root_is_refused_after_the_open() {
        // What a folder swapped for a symlink between the check and the
        // open leaves: an open file whose real place is outside.
        let out = tempfile::tempdir().unwrap();
        let root = out.path().join("konten");
        fs::create_dir(&root).unwrap();
        fs::write(root.join("a.yaml"), "judul: x").unwrap();
        let secret = out.path().join("rahasia");
        fs::write(&secret, "kunci").unwrap();
        let akar = Akar::new(&root).unwrap();
        let inside = root.canonicalize().unwrap().join("a.yaml");
        assert!(
            akar.still_inside(&fs::File::open(&inside).unwrap(), &inside)
                .is_ok()
        );
        let file = fs::File::open(&secret).unwrap();
        assert!(matches!(
            akar.still_inside(&file, &inside),
            Err(Tolak::DiLuar)
        ));
    }
}
