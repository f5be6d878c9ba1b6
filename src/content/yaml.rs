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
    // Text written as base64 hides from a reviewer (and from the checks
    // that read the lines) what it prints: no content needs it.
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let code = line.split(" #").next().unwrap_or(line);
        // `!!binary`, `!<tag:yaml.org,2002:binary>`, or a `%TAG` directive
        // that names it otherwise.
        let tagged = code
            .match_indices('!')
            .map(|(i, _)| i)
            .find(|&i| {
                let word: String = code[i..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                word.to_ascii_lowercase().contains("binary")
            })
            .or_else(|| code.trim_start().starts_with("%TAG").then_some(0));
        if let Some(col) = tagged {
            return Err(Diagnostic::error(
                "tag `!!binary` (atau direktif `%TAG`) tidak dipakai di konten bukusop: teks dalam base64 tersembunyi dari pemeriksa",
            )
            .at(Some(Place {
                file: file.to_path_buf(),
                line: n as u64 + 1,
                column: line[..col].chars().count() as u64 + 1,
            }))
            .hint("tulis teksnya apa adanya"));
        }
    }
    serde_saphyr::from_str::<T>(text).map_err(|e| to_diagnostic(file, &e))
}

/// [`parse`], reporting every key or type mistake of the file, not only
/// the first. After an unknown key, a wrong type or a bad value, that
/// entry is blanked out; after a missing key, a stand-in value is added
/// (`""`, `0`, `[]` or `{}`, whichever the type takes, with stand-ins for
/// the keys a `{}` needs; a one-line `{…}` missing a key is blanked out
/// instead); then the text is parsed again, up to 60 times. Places are
/// mapped back to the file as written. A mistake the repair itself causes
/// is not reported; a syntax error, or a repair that cannot be made, ends
/// the search.
pub fn parse_semua<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Vec<Diagnostic>> {
    let first = match parse::<T>(file, text) {
        Ok(v) => return Ok(v),
        Err(d) => d,
    };
    let mut r = Perbaikan {
        lines: text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .lines()
            .map(str::to_string)
            .collect(),
        added: Vec::new(),
        blanked: Vec::new(),
        last: 0,
    };
    let mut found = vec![first];
    for round in 0..60 {
        let Err(e) = serde_saphyr::from_str::<T>(&r.lines.join("\n")) else {
            break;
        };
        let e = e.without_snippet();
        let (line, column) = e
            .location()
            .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
        let ours = r.added_at(line);
        // Is this a mistake of the file, to report (the first one is)?
        let report = match (ours, e) {
            _ if round == 0 => false,
            // A key missing beside one added for a missing key is missing
            // in the file too; anything else at an added line is ours.
            (Some(a), Error::SerdeMissingField { .. }) => a.seen && !a.map_open(),
            (Some(_), _) => false,
            (None, _) if r.caused(e, line) => {
                // A key missing only because of a repair gets its stand-in
                // silently; any other consequence ends the search.
                match e {
                    Error::SerdeMissingField { field, .. } if r.add(line, field, false) => continue,
                    _ => break,
                }
            }
            (None, _) => true,
        };
        let mut seen = round == 0;
        if report {
            let mut d = to_diagnostic(file, e);
            if let Some(p) = d.place.as_mut() {
                p.line = match ours {
                    Some(a) => a.anchor,
                    None => r.original(line),
                } as u64;
            }
            if found
                .iter()
                .any(|f| f.place == d.place && f.message == d.message)
            {
                break;
            }
            found.push(d);
            seen = true;
        }
        let repaired = match (ours.copied(), e) {
            (Some(a), Error::SerdeMissingField { field, .. }) if a.map_open() => {
                r.open_map(line, field)
            }
            (Some(_), Error::SerdeMissingField { field, .. }) => r.add(line, field, seen),
            (Some(_), _) => r.next_stand_in(line),
            (None, Error::SerdeMissingField { field, .. }) => r.add(line, field, seen),
            (None, _) if structural(e) => false,
            (None, _) => r.blank(line, column),
        };
        if !repaired {
            break;
        }
    }
    Err(found)
}

/// The text being repaired, by line, and what was changed in it.
struct Perbaikan {
    lines: Vec<String>,
    /// Lines added for missing keys.
    added: Vec<Added>,
    /// Keys whose entries were blanked out.
    blanked: Vec<String>,
    /// The last line (1-based, current text) a repair touched.
    last: usize,
}

/// A line added for a missing key.
#[derive(Debug, Clone, Copy)]
struct Added {
    /// Its index in the current text.
    i: usize,
    /// Which of [`STAND_INS`] it holds.
    tried: usize,
    /// Added for a key missing in the file (reported), not for one a
    /// stand-in `{}` needs.
    seen: bool,
    /// The line of the file a message about its mapping points at.
    anchor: usize,
}

impl Added {
    /// Holds `{}`: a key missing at this line is one the `{}` needs.
    fn map_open(&self) -> bool {
        STAND_INS[self.tried] == "{}"
    }
}

/// Values a missing key is given in turn, until its type takes one.
const STAND_INS: [&str; 4] = ["\"\"", "0", "[]", "{}"];

impl Perbaikan {
    /// Whether error `e` on `line` is one the repairs made: a key missing
    /// because its entry (or a misspelling of it) was blanked, an anchor
    /// blanked with its entry, or a syntax error before the last repair
    /// (such as the end of a text left empty).
    fn caused(&self, e: &Error, line: usize) -> bool {
        let raw = e.to_string();
        match e {
            Error::SerdeMissingField { field, .. } => self
                .blanked
                .iter()
                .any(|k| k == field || maksud_anda(k, &[field]).is_some()),
            _ if raw.contains("unknown anchor") => true,
            _ if structural(e) => line <= self.last || raw.contains("unexpected end of input"),
            _ => false,
        }
    }

    /// The added line `line` (1-based) is, if it is one.
    fn added_at(&self, line: usize) -> Option<&Added> {
        self.added.iter().find(|a| a.i + 1 == line)
    }

    /// A line of the current text as numbered in the file.
    fn original(&self, line: usize) -> usize {
        line - self.added.iter().filter(|a| a.i + 1 < line).count()
    }

    /// The entry starting on `line` (1-based): its first index, the index
    /// after its last line, its indentation and its key. When `column` is
    /// the `-` of a list item, the entry is the whole list: the mistake is
    /// a list where something else belongs.
    fn entry(&self, line: usize, column: usize) -> Option<(usize, usize, usize, String)> {
        let i = line.checked_sub(1)?;
        let body = self.lines.get(i)?.trim_start();
        if body.is_empty() || body.starts_with('#') {
            return None;
        }
        let indent = self.lines[i].len() - body.len();
        let key = body
            .trim_start_matches("- ")
            .split(':')
            .next()?
            .trim()
            .to_string();
        let whole_list = body.starts_with("- ") && column == indent + 1;
        let end = (i + 1..self.lines.len())
            .find(|&j| {
                let b = self.lines[j].trim_start();
                let at = self.lines[j].len() - b.len();
                !b.is_empty()
                    && !b.starts_with('#')
                    && (at < indent || (at == indent && !(whole_list && b.starts_with("- "))))
            })
            .unwrap_or(self.lines.len());
        Some((i, end, indent, key))
    }

    /// Blanks the entry on `line`, keeping its lines so places stay.
    fn blank(&mut self, line: usize, column: usize) -> bool {
        let Some((i, end, _, key)) = self.entry(line, column) else {
            return false;
        };
        if self.added.iter().any(|a| (i..end).contains(&a.i)) {
            return false;
        }
        self.lines[i..end].iter_mut().for_each(String::clear);
        self.blanked.push(key);
        self.last = self.last.max(end);
        true
    }

    /// Adds `field` with a stand-in value to the mapping the place `line`
    /// names: beside the key there; inside it when it is a `key:` with
    /// nothing under it (its entry was blanked).
    fn add(&mut self, line: usize, field: &str, seen: bool) -> bool {
        let Some((i, end, indent, _)) = self.entry(line, 0) else {
            return false;
        };
        let body = self.lines[i].trim_start();
        // A flow mapping (`{…}`) takes no line of its own: its entry goes.
        if body.trim_start_matches("- ").starts_with('{') {
            return self.blank(line, 0);
        }
        // Inside a list item or under an empty `key:`, right after that
        // line; else before the key the place names, so that the last key
        // of a mapping (where a later missing key is reported) stays the
        // file's own.
        let empty = body.ends_with(':') && (i + 1..end).all(|j| self.lines[j].trim().is_empty());
        let (at, indent) = match (body.starts_with("- "), empty) {
            (true, _) => (i + 1, indent + 2),
            (false, true) => (i + 1, indent + 2),
            (false, false) => (i, indent),
        };
        let anchor = match self.added_at(line) {
            Some(a) => a.anchor,
            None => self.original(line),
        };
        self.insert(
            at,
            format!("{}{field}: {}", " ".repeat(indent), STAND_INS[0]),
        );
        self.added.push(Added {
            i: at,
            tried: 0,
            seen,
            anchor,
        });
        true
    }

    /// The added `key: {}` on `line` needs `field`: it becomes `key:` with
    /// `field` and a stand-in under it.
    fn open_map(&mut self, line: usize, field: &str) -> bool {
        let Some(k) = self.added.iter().position(|a| a.i + 1 == line) else {
            return false;
        };
        let a = self.added[k];
        let head = self.lines[a.i]
            .trim_end_matches(STAND_INS[3])
            .trim_end()
            .to_string();
        let indent = head.len() - head.trim_start().len() + 2;
        self.lines[a.i] = head;
        self.insert(
            a.i + 1,
            format!("{}{field}: {}", " ".repeat(indent), STAND_INS[0]),
        );
        self.added.push(Added {
            i: a.i + 1,
            tried: 0,
            seen: false,
            anchor: a.anchor,
        });
        true
    }

    /// Inserts `text` as line `at` (0-based), moving the added lines after.
    fn insert(&mut self, at: usize, text: String) {
        self.lines.insert(at, text);
        for a in self.added.iter_mut().filter(|a| a.i >= at) {
            a.i += 1;
        }
        self.last = self.last.max(at + 1);
    }

    /// The next stand-in value for the added line `line` (1-based).
    fn next_stand_in(&mut self, line: usize) -> bool {
        let Some(k) = self.added.iter().position(|a| a.i + 1 == line) else {
            return false;
        };
        let Added { i, tried, .. } = self.added[k];
        let Some(value) = STAND_INS.get(tried + 1) else {
            return false;
        };
        let key = self.lines[i]
            .split(':')
            .next()
            .unwrap_or_default()
            .to_string();
        self.lines[i] = format!("{key}: {value}");
        self.added[k].tried = tried + 1;
        true
    }
}

/// A mistake in the YAML's structure (quotes, indentation, tabs), after
/// which the rest of the file cannot be read reliably.
fn structural(e: &Error) -> bool {
    let raw = e.to_string();
    [
        "quoted scalar",
        "did not find expected",
        "tabs disallowed",
        "mapping values are not allowed",
        "unexpected end of input",
        "recursion limit",
        "while scanning",
        "while parsing",
    ]
    .iter()
    .any(|n| raw.contains(n))
        || matches!(
            e,
            Error::InvalidUtf8Input
                | Error::Budget { .. }
                | Error::AliasReplayLimitExceeded { .. }
                | Error::AliasExpansionLimitExceeded { .. }
                | Error::AliasReplayStackDepthExceeded { .. }
        )
}

fn to_diagnostic(file: &Path, err: &Error) -> Diagnostic {
    let err = err.without_snippet();
    // An error with no place of its own (a file that is only `~`) is the
    // file's: at its start.
    let at = err
        .location()
        .and_then(|l| place(file, &l))
        .unwrap_or_else(|| Place {
            file: file.to_path_buf(),
            line: 1,
            column: 1,
        });
    let (message, hint) = explain(err);
    let d = Diagnostic::error(message).at(Some(at));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{Buku, Sop};

    fn lines_of(d: &[Diagnostic]) -> Vec<(u64, String)> {
        d.iter()
            .map(|d| (d.place.as_ref().map_or(0, |p| p.line), d.message.clone()))
            .collect()
    }

    #[test]
    fn every_key_and_type_mistake_of_a_file_in_one_parse() {
        let text = "judul: DUA\nrevisi: nol\nwarna: biru\npelaksana: [Staf]\nlangkah:\n  - kegiatan: Menerima\n    waktu: 5 Menit\n  - kegiatan: Memeriksa\n    pelaksana: Staf\n    warna: merah\n  - {kegiatan: Mengarsipkan}\n  - kegiatan: Melapor\n    pelaksana: Staf\n    keputusan: ya\n";
        let Err(d) = parse_semua::<Sop>(Path::new("s.yaml"), text) else {
            panic!("a broken SOP parses");
        };
        let got = lines_of(&d);
        let lines: Vec<u64> = got.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 3, 7, 10, 11, 14], "{got:?}");
        assert!(got[1].1.contains("`warna` tidak dikenal"), "{got:?}");
        assert!(got[2].1.contains("`pelaksana` wajib diisi"), "{got:?}");
    }

    #[test]
    fn ten_missing_keys_are_ten_messages_and_a_misspelt_key_is_one() {
        // Only `pengadilan` with its name, and `pejabat` with the pengesah:
        // tahun, tanggal and the pengadilan's alamat are missing, and the
        // pengesah's jabatan is misspelt.
        let text = "pengadilan:\n  nama: PN Uji\ntanggal:\n  efektif: 2024-01-01\npejabat:\n  pengesah:\n    jabatn: Ketua\n";
        let only = "pengadilan:\n  nama: PN Uji\n";
        let Err(d) = parse_semua::<Buku>(Path::new("buku.yaml"), only) else {
            panic!("a buku.yaml of one key parses");
        };
        let missing: Vec<String> = lines_of(&d).into_iter().map(|(_, m)| m).collect();
        assert_eq!(
            missing,
            ["alamat", "tahun", "tanggal", "pejabat"]
                .map(|k| format!("kunci `{k}` wajib diisi tetapi tidak ada")),
            "every missing key, not the keys inside them"
        );
        let Err(d) = parse_semua::<Buku>(Path::new("buku.yaml"), text) else {
            panic!("an incomplete buku.yaml parses");
        };
        let got: Vec<String> = lines_of(&d).into_iter().map(|(_, m)| m).collect();
        for key in ["alamat", "pembuatan", "tahun"] {
            assert!(
                got.iter()
                    .any(|m| m == &format!("kunci `{key}` wajib diisi tetapi tidak ada")),
                "{key}: {got:?}"
            );
        }
        assert!(
            got.iter().any(|m| m == "kunci `jabatn` tidak dikenal"),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|m| m.contains("`jabatan` wajib")),
            "{got:?}"
        );
    }
}
