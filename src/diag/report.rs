//! Diagnostics written out for people (with the line of YAML and the spot
//! underlined) and for editors and CI (JSON). Returns text; the CLI prints.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Diagnostic, Diagnostics, Severity};

/// Every diagnostic with its source line, then a count.
pub fn teks(diags: &Diagnostics) -> String {
    let mut sources: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut out = String::new();
    for d in &diags.0 {
        out.push_str(&super::tampak(&one(d, &mut sources)));
        out.push('\n');
    }
    out
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

fn one(d: &Diagnostic, sources: &mut HashMap<PathBuf, Option<String>>) -> String {
    let Some(p) = &d.place else {
        return d.to_string();
    };
    let mut s = format!("{}\n", d.headline());
    let text = sources.entry(p.file.clone()).or_insert_with(|| {
        crate::files::baca::baca_berkas(&p.file, crate::files::baca::BATAS_YAML)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    });
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
        let _ = writeln!(s, "{pad} |");
        let _ = writeln!(s, "{n} | {line}");
        let _ = write!(s, "{pad} | {}{}", " ".repeat(col), "^".repeat(width));
    } else {
        s.pop();
    }
    if let Some(h) = &d.hint {
        let _ = write!(s, "\n  saran: {h}");
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

fn path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
