//! Diagnostics written out for people (with the line of YAML and the spot
//! underlined) and for editors and CI (JSON). Returns text; the CLI prints.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use super::{Diagnostic, Diagnostics, Severity};

/// Every diagnostic with its source line.
pub fn teks(diags: &Diagnostics) -> String {
    teks_warna(diags, false)
}

/// [`teks`], coloured for a terminal when `warna`: the severity, the
/// underline, the gutter and `saran`. Content text never carries a colour
/// code of its own: its control characters are shown escaped.
pub fn teks_warna(diags: &Diagnostics, warna: bool) -> String {
    let mut sources: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut out = String::new();
    for d in &diags.0 {
        out.push_str(&one(d, &mut sources, Warna::new(warna, d.severity)));
        out.push('\n');
    }
    out
}

/// The styles of one diagnostic's report; plain when off.
struct Warna {
    tingkat: Style,
    garis: Style,
    saran: Style,
}

impl Warna {
    fn new(on: bool, severity: Severity) -> Warna {
        if !on {
            return Warna {
                tingkat: Style::new(),
                garis: Style::new(),
                saran: Style::new(),
            };
        }
        let color = match severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
        };
        Warna {
            tingkat: Style::new().bold().fg_color(Some(color.into())),
            garis: Style::new().bold().fg_color(Some(AnsiColor::Blue.into())),
            saran: Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
        }
    }

    /// `text` in `style`.
    fn pakai(style: Style, text: &str) -> String {
        format!("{style}{text}{style:#}")
    }
}

/// `2 galat, 1 peringatan`.
pub fn ringkasan(diags: &Diagnostics) -> String {
    let errors = count(diags, Severity::Error);
    let warnings = count(diags, Severity::Warning);
    format!("{errors} galat, {warnings} peringatan")
}

pub fn count(diags: &Diagnostics, s: Severity) -> usize {
    diags.0.iter().filter(|d| d.severity == s).count()
}

fn one(d: &Diagnostic, sources: &mut HashMap<PathBuf, Option<String>>, w: Warna) -> String {
    use super::tampak;
    let at = d
        .place
        .as_ref()
        .map(|p| format!("{}:{}:{}: ", p.file.display(), p.line, p.column))
        .unwrap_or_default();
    let mut s = format!(
        "{}{}: {}",
        tampak(&at),
        Warna::pakai(w.tingkat, d.severity.kata()),
        tampak(&d.message)
    );
    if let Some(p) = &d.place {
        // Only what a rooted reader returned: never the disk again.
        let text = sources
            .entry(p.file.clone())
            .or_insert_with(|| crate::files::baca::sumber(&p.file).map(|t| t.to_string()));
        let on_disk = || {
            text.as_deref()
                .and_then(|t| t.lines().nth(p.line.saturating_sub(1) as usize))
        };
        if let Some(line) = d.baris.as_deref().or_else(on_disk) {
            // Tabs would shift the underline; show them as one space each.
            let line: String = line
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            // A long line is shown around the spot.
            let col = (p.column.max(1) - 1) as usize;
            let skip = col.saturating_sub(60);
            let line: String = line.chars().skip(skip).take(120).collect();
            let col = col - skip;
            let width = underline(&line.chars().skip(col).collect::<String>());
            let n = p.line.to_string();
            let pad = " ".repeat(n.len());
            let bar = |left: &str| Warna::pakai(w.garis, &format!("{left} |"));
            let _ = write!(s, "\n{}", bar(&pad));
            let _ = write!(s, "\n{} {}", bar(&n), tampak(&line));
            let _ = write!(
                s,
                "\n{} {}{}",
                bar(&pad),
                " ".repeat(
                    tampak(&line.chars().take(col).collect::<String>())
                        .chars()
                        .count()
                ),
                Warna::pakai(w.tingkat, &"^".repeat(width))
            );
        }
    }
    if let Some(h) = &d.hint {
        let _ = write!(s, "\n  {} {}", Warna::pakai(w.saran, "saran:"), tampak(h));
    }
    s
}

/// How many characters to underline from the spot: a key up to its colon,
/// a value up to a trailing comment.
fn underline(rest: &str) -> usize {
    let value = rest.split(" #").next().unwrap_or(rest).trim_end();
    let key = value
        .find(": ")
        .or_else(|| value.ends_with(':').then(|| value.len() - 1));
    let end = match key {
        Some(k) if !value[..k].contains(' ') && !value.starts_with(['"', '\'', '[', '{']) => k,
        _ => value.len(),
    };
    value[..end].chars().count().max(1)
}

#[derive(Serialize)]
struct Json<'a> {
    tingkat: &'static str,
    berkas: Option<String>,
    baris: Option<u64>,
    kolom: Option<u64>,
    pesan: &'a str,
    saran: Option<&'a str>,
}

/// One JSON array of every diagnostic, for editors and CI annotations.
pub fn json(diags: &Diagnostics) -> String {
    let items: Vec<Json> = diags
        .0
        .iter()
        .map(|d| Json {
            tingkat: d.severity.kata(),
            berkas: d.place.as_ref().map(|p| path(&p.file)),
            baris: d.place.as_ref().map(|p| p.line),
            kolom: d.place.as_ref().map(|p| p.column),
            pesan: &d.message,
            saran: d.hint.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&items).expect("plain data serializes")
}

/// One GitHub Actions workflow command per diagnostic (`::error
/// file=…,line=…,col=…::message`), so a broken edit is marked on its line
/// in the pull request.
pub fn github(diags: &Diagnostics) -> String {
    // The escapes GitHub's runner undoes: in the message, and also `:`
    // and `,` in a property.
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for d in &diags.0 {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let at = d
            .place
            .as_ref()
            .map(|p| {
                format!(
                    " file={},line={},col={}",
                    prop(&super::tampak(&path(&p.file))),
                    p.line,
                    p.column
                )
            })
            .unwrap_or_default();
        let hint = d
            .hint
            .as_deref()
            .map(|h| format!(" (saran: {h})"))
            .unwrap_or_default();
        // Lines kept: the annotation shows them as lines (`%0A`).
        let message: Vec<String> = format!("{}{hint}", d.message)
            .split('\n')
            .map(super::tampak)
            .collect();
        let message = message.join("\n");
        let _ = writeln!(out, "::{kind}{at}::{}", data(&message));
    }
    out
}

fn path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Place;

    #[test]
    fn colours_only_its_own_parts_and_never_content_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.yaml");
        crate::files::baca::simpan_sumber(&file, "judul: \"\u{1b}[31mMERAH\"\n");
        let d = Diagnostics(vec![
            Diagnostic::error("judul `\u{1b}[2J` salah")
                .at(Some(Place {
                    file: file.clone(),
                    line: 1,
                    column: 8,
                }))
                .hint("ganti"),
        ]);
        let plain = teks(&d);
        assert!(!plain.contains('\u{1b}'), "{plain}");
        let coloured = teks_warna(&d, true);
        assert!(
            coloured.contains("\u{1b}[1m\u{1b}[31mgalat\u{1b}[0m: "),
            "{coloured:?}"
        );
        // Every escape is one of ours: severity, three gutters, the
        // underline and `saran`, each switched on and off.
        assert_eq!(coloured.matches('\u{1b}').count(), 6 * 3, "{coloured:?}");
        assert!(coloured.contains("\\u{1b}[2J"), "{coloured:?}");
        // Stripped of the styles, the coloured text is the plain one.
        let mut stripped = coloured.clone();
        for code in [
            "\u{1b}[1m",
            "\u{1b}[31m",
            "\u{1b}[34m",
            "\u{1b}[36m",
            "\u{1b}[0m",
        ] {
            stripped = stripped.replace(code, "");
        }
        assert_eq!(stripped, plain);
    }

    /// A message quotes a line only from a text the rooted reader
    /// returned: a file named in a message but never read (a template in
    /// the current folder) is not read for it.
    #[test]
    fn quotes_only_what_was_read_through_the_rooted_reader() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sop.typ.j2");
        std::fs::write(&file, "RAHASIA\n").unwrap();
        let d = Diagnostics(vec![Diagnostic::error("templat gagal").at(Some(Place {
            file: file.clone(),
            line: 1,
            column: 1,
        }))]);
        assert!(!teks(&d).contains("RAHASIA"), "{}", teks(&d));
        crate::files::baca::simpan_sumber(&file, "dibaca\n");
        assert!(teks(&d).contains("1 | dibaca"), "{}", teks(&d));
    }

    #[test]
    fn github_annotations_at_the_place_with_escapes() {
        let d = Diagnostics(vec![
            Diagnostic::error("nilai 100% salah,\nbaris dua")
                .at(Some(Place {
                    file: "sop/01-a,b\u{1b}[31m.yaml".into(),
                    line: 3,
                    column: 8,
                }))
                .hint("tulis: angka"),
            Diagnostic::warning("tanpa tempat"),
        ]);
        assert_eq!(
            github(&d),
            "::error file=sop/01-a%2Cb\\u{1b}[31m.yaml,line=3,col=8::nilai 100%25 salah,%0Abaris dua (saran: tulis: angka)\n::warning::tanpa tempat\n"
        );
    }
}
