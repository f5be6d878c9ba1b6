//! All YAML reading happens here: text → typed value, or a located,
//! Indonesian diagnostic.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, Location};

use crate::diag::saran::maksud_anda;
use crate::diag::{Diagnostic, Place};

/// Where a parsed value came from, for messages about it.
pub fn place(file: &Path, loc: &Location) -> Option<Place> {
    if loc.line() == 0 {
        return None;
    }
    Some(Place {
        file: file.to_path_buf(),
        line: loc.line(),
        column: loc.column(),
    })
}

/// Where the key `path` (`["bagan", "lebar_lajur"]`) is written in the
/// YAML text `text` of `file`, for a check of a value that carries no place
/// of its own; found by indentation, as block-style YAML nests keys. When
/// only a parent is found (`bagan: {lebar_lajur: 0}`), the parent's place.
pub fn kunci(file: &Path, text: &str, path: &[&str]) -> Option<Place> {
    let mut found = None;
    let mut parent: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let Some(key) = path.get(found.as_ref().map_or(0, |(l, _)| *l)) else {
            break;
        };
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let deeper = parent.is_none_or(|p| indent > p);
        if deeper && body.strip_prefix(key).is_some_and(|r| r.starts_with(':')) {
            let place = Place {
                file: file.to_path_buf(),
                line: n as u64 + 1,
                column: indent as u64 + 1,
            };
            let level = found.as_ref().map_or(0, |(l, _)| *l) + 1;
            found = Some((level, place));
            parent = Some(indent);
        }
    }
    found.map(|(_, p)| p)
}

/// Parses `text` (the content of `file`) into `T`.
pub fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    // A leading byte-order mark is common in files saved by Windows editors.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error("berkas kosong").at(Some(Place {
            file: file.to_path_buf(),
            line: 1,
            column: 1,
        })));
    }
    serde_saphyr::from_str::<T>(text).map_err(|e| to_diagnostic(file, &e))
}

fn to_diagnostic(file: &Path, err: &Error) -> Diagnostic {
    let err = err.without_snippet();
    let at = err.location().and_then(|l| place(file, &l));
    let (message, hint) = explain(err);
    let d = Diagnostic::error(message).at(at);
    match hint {
        Some(h) => d.hint(h),
        None => d,
    }
}

/// The Indonesian wording of a YAML or shape error.
fn explain(err: &Error) -> (String, Option<String>) {
    match err {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let hint = maksud_anda(field, expected).or_else(|| {
                (!expected.is_empty())
                    .then(|| format!("kunci yang dikenal: {}", expected.join(", ")))
            });
            (format!("kunci `{field}` tidak dikenal"), hint)
        }
        Error::SerdeMissingField { field, .. } => (
            format!("kunci `{field}` wajib diisi tetapi tidak ada"),
            Some(format!(
                "tambahkan `{field}:` pada bagian yang berakhir di sini; lihat contoh di README"
            )),
        ),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            format!(
                "jenis nilai salah: tertulis {}, seharusnya {}",
                jenis(unexpected),
                jenis(expected)
            ),
            None,
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            format!("nilai `{variant}` tidak dikenal"),
            Some(format!("pilihan yang dikenal: {}", expected.join(", "))),
        ),
        Error::DuplicateMappingKey { key, .. } => (
            format!("kunci `{}` ditulis dua kali", key.as_deref().unwrap_or("?")),
            Some("hapus salah satunya".into()),
        ),
        Error::InvalidUtf8Input => (
            "berkas bukan teks UTF-8".into(),
            Some("simpan ulang berkas dengan pengodean UTF-8".into()),
        ),
        Error::Budget { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => (
            "berkas terlalu besar atau terlalu bersarang untuk dibaca dengan aman".into(),
            Some("periksa penggunaan anchor/alias (&, *) dan kedalaman struktur".into()),
        ),
        other => {
            let raw = other.to_string();
            let raw = raw.lines().next().unwrap_or("");
            // The location is printed in front of the message already.
            let raw = raw.split(" at line ").next().unwrap_or(raw);
            match SYNTAX.iter().find(|(needle, ..)| raw.contains(needle)) {
                Some((_, message, hint)) => ((*message).into(), Some((*hint).into())),
                None => (format!("YAML tidak valid: {raw}"), None),
            }
        }
    }
}

/// The parser's messages that users meet, in Indonesian: (part of the
/// English message, message, hint).
const SYNTAX: [(&str, &str, &str); 11] = [
    (
        "expected string scalar",
        "di sini seharusnya teks, bukan daftar atau peta",
        "tulis teks biasa; beri tanda kutip bila teksnya memuat `:` atau `#`",
    ),
    (
        "expected mapping start",
        "di sini seharusnya pasangan `kunci: nilai`, bukan daftar atau teks",
        "lihat contoh berkas di README; daftar (`- `) hanya dipakai di dalam kunci seperti `langkah:`",
    ),
    (
        "expected sequence start",
        "di sini seharusnya daftar",
        "tulis setiap butir di baris sendiri, diawali `- `",
    ),
    (
        "unexpected end of input",
        "berkas berakhir sebelum datanya lengkap (mungkin hanya berisi komentar)",
        "isi berkas dengan kunci yang diperlukan; lihat contoh di README",
    ),
    (
        "tabs disallowed",
        "tab tidak boleh dipakai untuk indentasi YAML",
        "ganti tab di awal baris dengan spasi",
    ),
    (
        "invalid u32",
        "nilai ini harus bilangan bulat 0 atau lebih",
        "tulis angka saja, misalnya `3`",
    ),
    (
        "invalid i32",
        "nilai ini harus bilangan bulat",
        "tulis angka saja, misalnya `2024`",
    ),
    (
        "did not find expected",
        "indentasi tidak rata: baris ini tidak sejajar dengan baris lain pada tingkat yang sama",
        "samakan jumlah spasi di awal baris dengan butir lain pada tingkat yang sama",
    ),
    (
        "mapping values are not allowed",
        "tanda `:` di tempat yang tidak terduga",
        "periksa indentasi, atau beri tanda kutip pada teks yang memuat `: `",
    ),
    (
        "quoted scalar",
        "tanda kutip belum ditutup",
        "periksa tanda kutip (\" atau ') pada baris ini atau sebelumnya",
    ),
    (
        "recursion limit exceeded",
        "berkas terlalu bersarang untuk dibaca dengan aman",
        "periksa tanda kurung `[` `{` yang tidak ditutup atau struktur yang terlalu dalam",
    ),
];

/// Turns serde's English type names into Indonesian ones.
fn jenis(s: &str) -> String {
    let t = s.trim();
    let map: &[(&str, &str)] = &[
        ("a sequence", "daftar"),
        ("sequence", "daftar"),
        ("a map", "peta (kunci: nilai)"),
        ("map", "peta (kunci: nilai)"),
        ("a string", "teks"),
        ("string", "teks"),
        ("u32", "bilangan bulat"),
        ("i32", "bilangan bulat"),
        ("an integer", "bilangan bulat"),
        ("integer", "bilangan bulat"),
        ("a boolean", "ya/tidak"),
        ("boolean", "ya/tidak"),
        ("unit value", "kosong"),
        ("null", "kosong"),
    ];
    for (en, id) in map {
        if t == *en {
            return (*id).to_string();
        }
    }
    if t.starts_with("struct ") {
        return "peta (kunci: nilai)".into();
    }
    if t.starts_with("data did not match any variant") {
        return "teks atau daftar teks".into();
    }
    t.to_string()
}
