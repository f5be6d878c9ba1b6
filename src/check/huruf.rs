//! Text no font can print: a character that neither a bundled font nor
//! one in the court's `fonts/` covers would print as an empty box (and
//! PDF/A refuses it), and a control character is left out of the PDF, so
//! each is named at its line (up to ten lines a file).

use crate::content::Content;
use crate::diag::{Diagnostic, Diagnostics, Place};

/// How many characters one warning names.
const PALING_BANYAK: usize = 8;
/// How many lines of one file are warned about; the last warning counts
/// the rest.
const BARIS_PALING_BANYAK: usize = 10;

pub fn tak_tercetak(c: &Content, fonts: &[Vec<u8>]) -> Diagnostics {
    let coverage: Vec<typst::text::Coverage> = fonts
        .iter()
        .flat_map(|f| typst::text::Font::iter(typst::foundations::Bytes::new(f.clone())))
        .map(|f| f.info().coverage.clone())
        .collect();
    // What is never printed is [`kendali`]'s.
    let printable = |ch: char| {
        crate::teks::tersembunyi(ch)
            || ch.is_whitespace()
            || coverage.iter().any(|cv| cv.contains(ch as u32))
    };
    let hint = "taruh berkas fon .ttf/.otf yang memuatnya (misalnya Noto Naskh Arabic untuk huruf Arab) di folder `fonts/` konten; bukusop memakainya otomatis";
    let name = |ch: char| format!("`{ch}` (U+{:04X})", ch as u32);
    let mut d = per_baris(c, printable, name, |names| {
        Diagnostic::warning(format!(
            "karakter {names} tidak ada di fon mana pun: tercetak sebagai kotak kosong (dan PDF/A menolaknya)"
        ))
        .hint(hint)
    });
    // The record's notes and titles print on the RIWAYAT REVISI page.
    d.0.extend(di_riwayat(c, printable, name, |names| {
        Diagnostic::warning(format!(
            "teks di `{}` memuat karakter {names} yang tidak ada di fon mana pun: tercetak sebagai kotak kosong (dan PDF/A menolaknya)",
            crate::content::riwayat::BERKAS,
        ))
        .hint(hint)
    }));
    d
}

/// Control characters (ESC, BEL, written as YAML escapes such as `\e`)
/// and the characters that set the direction of text (U+202E) in the text
/// and in the revision record: left out of the PDF (see
/// [`crate::teks::tersembunyi`]), each line with them named.
pub fn kendali(c: &Content) -> Diagnostics {
    let kept = |ch: char| !crate::teks::tersembunyi(ch);
    let name = |ch: char| format!("U+{:04X}", ch as u32);
    let hint = "hapus karakternya dari teks (biasanya ikut tersalin dari terminal atau dokumen lain; karakter arah teks seperti U+202E membuat teks tercetak lain dari yang terbaca)";
    let mut d = per_baris(c, kept, name, |names| {
        Diagnostic::warning(format!(
            "karakter kendali {names} tidak tercetak; dibuang dari PDF"
        ))
        .hint(hint)
    });
    d.0.extend(di_riwayat(c, kept, name, |names| {
        Diagnostic::warning(format!(
            "teks di `{}` memuat karakter kendali {names}; dibuang dari PDF",
            crate::content::riwayat::BERKAS,
        ))
        .hint(hint)
    }));
    d
}

/// One diagnostic at `riwayat.yaml` naming the characters of its printed
/// texts that `ok` refuses, if any: its lines are bukusop's, not the
/// user's, so the file is the place.
fn di_riwayat(
    c: &Content,
    ok: impl Fn(char) -> bool,
    name: impl Fn(char) -> String,
    say: impl Fn(String) -> Diagnostic,
) -> Option<Diagnostic> {
    let mut found: Vec<char> = Vec::new();
    for ch in c.riwayat.iter().flat_map(teks_riwayat).flat_map(str::chars) {
        if !ok(ch) && !found.contains(&ch) {
            found.push(ch);
        }
    }
    if found.is_empty() {
        return None;
    }
    Some(say(nama_nama(&found, &name)).at(Some(Place {
        file: c.root.join(crate::content::riwayat::BERKAS),
        line: 1,
        column: 1,
    })))
}

/// The characters `found` named for a message, the first
/// [`PALING_BANYAK`] of them and how many more.
fn nama_nama(found: &[char], name: &impl Fn(char) -> String) -> String {
    let mut names: Vec<String> = found.iter().take(PALING_BANYAK).map(|c| name(*c)).collect();
    if found.len() > PALING_BANYAK {
        names.push(format!("dan {} lainnya", found.len() - PALING_BANYAK));
    }
    names.join(", ")
}

/// The texts of the revision record the RIWAYAT REVISI page prints: the
/// notes and the SOPs' titles.
fn teks_riwayat(r: &crate::content::riwayat::Riwayat) -> impl Iterator<Item = &str> {
    r.buku
        .iter()
        .filter_map(|b| b.catatan.as_deref())
        .chain(r.sop.iter().flat_map(|s| {
            std::iter::once(s.judul.as_str())
                .chain(s.revisi.iter().filter_map(|v| v.catatan.as_deref()))
        }))
}

/// One diagnostic per line of buku.yaml and the SOP files with characters
/// `ok` refuses, at its first, naming its own (up to ten lines a file; the
/// last counts the rest).
fn per_baris(
    c: &Content,
    ok: impl Fn(char) -> bool,
    name: impl Fn(char) -> String,
    say: impl Fn(String) -> Diagnostic,
) -> Diagnostics {
    let mut d = Diagnostics::default();
    let files = std::iter::once((&c.buku_file, &c.buku_teks))
        .chain(c.sops.iter().map(|f| (&f.path, &f.teks)));
    for (file, text) in files {
        // A byte-order mark that starts a file (a Windows editor's) is no
        // text.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<(usize, usize, Vec<char>)> = text
            .lines()
            .enumerate()
            .filter_map(|(n, line)| {
                let mut missing: Vec<char> = Vec::new();
                let mut first = None;
                for (col, ch) in values(line) {
                    if !ok(ch) && !missing.contains(&ch) {
                        first.get_or_insert(col);
                        missing.push(ch);
                    }
                }
                first.map(|col| (n, col, missing))
            })
            .collect();
        let more = lines.len().saturating_sub(BARIS_PALING_BANYAK);
        for (k, (line, column, missing)) in lines.iter().take(BARIS_PALING_BANYAK).enumerate() {
            let mut diag = say(nama_nama(missing, &name));
            if k + 1 == BARIS_PALING_BANYAK && more > 0 {
                diag.message
                    .push_str(&format!("; juga di {more} baris lain berkas ini"));
            }
            d.push(diag.at(Some(Place {
                file: file.clone(),
                line: *line as u64 + 1,
                column: *column as u64 + 1,
            })));
        }
    }
    d
}

/// The characters of a YAML line that can reach the page, with their
/// column (0-based, in characters): not a comment line, and nothing after
/// a ` #` that starts a comment; inside double quotes an escape (`\u6587`,
/// `\U0001F600`, `\xE9`) stands for the character it writes.
fn values(line: &str) -> Vec<(usize, char)> {
    if line.trim_start().starts_with('#') {
        return Vec::new();
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let (mut quoted, mut prev, mut k) = (false, ' ', 0);
    while k < chars.len() {
        let ch = chars[k];
        if !quoted && ch == '#' && prev.is_whitespace() {
            break;
        }
        if quoted && ch == '\\' {
            let digits = match chars.get(k + 1) {
                Some('u') => 4,
                Some('U') => 8,
                Some('x') => 2,
                _ => 0,
            };
            let hex: String = chars.iter().skip(k + 2).take(digits).collect();
            let written = match chars.get(k + 1) {
                Some(c @ ('"' | '\\' | '/' | ' ')) => Some(*c),
                Some('0') => Some('\0'),
                Some('a') => Some('\u{7}'),
                Some('b') => Some('\u{8}'),
                Some('t') => Some('\t'),
                Some('n') => Some('\n'),
                Some('v') => Some('\u{b}'),
                Some('f') => Some('\u{c}'),
                Some('r') => Some('\r'),
                Some('e') => Some('\u{1b}'),
                Some('N') => Some('\u{85}'),
                Some('_') => Some('\u{a0}'),
                Some('L') => Some('\u{2028}'),
                Some('P') => Some('\u{2029}'),
                _ => u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32),
            };
            out.extend(written.map(|c| (k, c)));
            (prev, k) = (ch, k + 2 + digits);
            continue;
        }
        if ch == '"' {
            quoted = !quoted;
        }
        if !ch.is_control() {
            out.push((k, ch));
        }
        (prev, k) = (ch, k + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::values;

    #[test]
    fn comments_never_count() {
        let text = |line: &str| values(line).into_iter().map(|(_, c)| c).collect::<String>();
        assert_eq!(text("judul: SOP بنك # 😀"), "judul: SOP بنك ");
        assert_eq!(values("# 😀 komentar").len(), 0);
        assert_eq!(values("a: b#c").len(), 6);
        // Escapes in double quotes: the characters they write, at the
        // backslash; a plain backslash elsewhere is itself.
        assert_eq!(
            text(r#"a: "\u6587 \U0001F600 \x41 \" b""#),
            "a: \"文 😀 A \" b\""
        );
        assert_eq!(values(r#"a: "\u6587""#)[4], (4, '文'));
        assert_eq!(text(r"a: C:\u6587"), r"a: C:\u6587");
        // The one-letter escapes write control characters.
        assert_eq!(text(r#"a: "\e[31m\a\t""#), "a: \"\u{1b}[31m\u{7}\t\"");
    }
}
