//! Reading and writing files, and the names bukusop gives them. Below
//! every stage: every file bukusop reads goes through [`baca::Akar`], every
//! file it writes through [`tulis::tulis`].

pub mod baca;
pub mod tulis;

use std::path::Path;

pub use baca::{Akar, Tolak};
pub use tulis::tulis;

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

/// A reason bukusop gives an I/O error in Indonesian (a refused target, a
/// record too large), told apart from the system's own messages.
#[derive(Debug)]
pub struct Alasan(pub String);

impl std::fmt::Display for Alasan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Alasan {}

/// An I/O error of kind `kind` with bukusop's own reason `why`.
pub fn galat(kind: std::io::ErrorKind, why: impl Into<String>) -> std::io::Error {
    std::io::Error::new(kind, Alasan(why.into()))
}

/// An I/O error's reason in Indonesian.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    // bukusop's own errors carry their Indonesian reason; the system's
    // (and a library's wrapping of them) are said by their kind.
    if let Some(own) = e.get_ref().and_then(|r| r.downcast_ref::<Alasan>()) {
        return own.0.clone();
    }
    match e.kind() {
        NotFound => "berkas tidak ditemukan".into(),
        PermissionDenied => "tidak ada izin akses".into(),
        IsADirectory => "yang ditunjuk adalah folder, bukan berkas".into(),
        NotADirectory => "sebagian jalurnya bukan folder".into(),
        StorageFull => "disk penuh".into(),
        ReadOnlyFilesystem => "sistem berkasnya hanya-baca".into(),
        AlreadyExists => "berkas sudah ada".into(),
        _ => format!("galat masukan/keluaran ({e})"),
    }
}

/// Why `name` cannot be a file name bukusop writes or records (the PDF's
/// `berkas`, an SOP file in riwayat.yaml), if it cannot: a path, a
/// hidden or special name, or a character Windows refuses.
pub fn bad_file_name(name: &str) -> Option<&'static str> {
    if name.trim().is_empty() {
        Some("nama berkas kosong")
    } else if name.contains(['/', '\\']) {
        Some("nama berkas tidak boleh berisi folder (`/` atau `\\`)")
    } else if name.starts_with('.') {
        Some("nama berkas tidak boleh diawali titik")
    } else if name
        .chars()
        .any(|ch| ch.is_control() || "<>:\"|?*".contains(ch))
    {
        Some(
            "nama berkas berisi karakter yang tidak boleh dipakai (<>:\"|?* atau karakter kendali)",
        )
    } else if name.chars().count() > 120 {
        Some("nama berkas lebih dari 120 karakter")
    } else if windows_reserves(name) {
        Some(
            "nama berkas dicadangkan Windows (CON, PRN, AUX, NUL, COM0–9, LPT0–9, CONIN$, CONOUT$)",
        )
    } else {
        None
    }
}

/// Names Windows gives to devices, with any extension: a file of that name
/// cannot be written there (`con.pdf` is the console).
fn windows_reserves(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_ascii_uppercase();
    // COM0–9 and LPT0–9, also with a superscript digit (COM¹).
    let port = |rest: &str| {
        let mut c = rest.chars();
        matches!(
            (c.next(), c.next()),
            (Some('0'..='9' | '¹' | '²' | '³'), None)
        )
    };
    matches!(
        stem.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || stem.strip_prefix("COM").is_some_and(port)
        || stem.strip_prefix("LPT").is_some_and(port)
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_windows_reserves_are_refused_with_any_extension() {
        for bad in [
            "con",
            "CON.pdf",
            "nul.pdf",
            "Com1.pdf",
            "lpt9",
            "aux ",
            "COM¹.pdf",
            "lpt³",
            "com0.pdf",
            "conin$",
            "CONOUT$.pdf",
        ] {
            assert!(super::bad_file_name(bad).is_some(), "{bad}");
        }
        for good in ["console.pdf", "com10.pdf", "sop-ptip-2024", "lptx"] {
            assert_eq!(super::bad_file_name(good), None, "{good}");
        }
    }
}
