//! Writing files, and the names bukusop gives them. Below every stage.

use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same folder, so
/// a failure never leaves a half-written file and the previous one survives.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// `PERENCANAAN DAFTAR ISIAN (DIPA)` → `perencanaan-daftar-isian-dipa`.
pub fn slug(s: &str) -> String {
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out = words.join("-");
    if out.chars().count() > 60 {
        out = out
            .chars()
            .take(60)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string();
    }
    out
}

/// The last component of a path as text: the name an SOP file is recorded
/// under.
pub fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
