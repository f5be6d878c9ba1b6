//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The default booklet, built once per test binary.
pub fn default_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| match bukusop::build::build(&root().join("content")) {
        Ok(out) => out.pdf,
        Err(d) => panic!("default booklet failed:\n{d}"),
    })
}

/// The text of one page (1-based) or of all pages (`None`), via pdftotext.
pub fn pdf_text(pdf: &[u8], page: Option<usize>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.pdf");
    std::fs::write(&file, pdf).unwrap();
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-layout");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

/// Spaces collapsed, so text that wraps differently still compares.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A copy of a content folder to modify.
pub fn copy_content(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(from, dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Asserts that `text` carries every one of `expected`; `what` names it.
pub fn assert_contains_all(text: &str, expected: &[&str], what: &str) {
    for t in expected {
        assert!(text.contains(t), "{what} lacks {t:?}:\n{text}");
    }
}

pub fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .expect("PDF opens with lopdf")
        .get_pages()
        .len()
}

/// Runs the `bukusop` binary in `cwd`.
pub fn bukusop(cwd: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bukusop"))
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap()
}

pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Replaces the first `from` in `file`, which must contain it.
pub fn replace_in(file: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(file).unwrap();
    assert!(s.contains(from), "{from:?} in {}", file.display());
    std::fs::write(file, s.replacen(from, to, 1)).unwrap();
}

/// `(no, number, page)` rows of the DAFTAR NOMOR on page `at` (1-based).
pub fn daftar_nomor(pdf: &[u8], at: usize) -> Vec<(usize, String, usize)> {
    pdf_text(pdf, Some(at))
        .lines()
        .filter_map(|l| {
            let t: Vec<&str> = l.split_whitespace().collect();
            let no = t.first()?.parse().ok()?;
            let nomor = t.get(1).filter(|s| s.contains('/'))?;
            let page = t.last()?.parse().ok()?;
            Some((no, nomor.to_string(), page))
        })
        .collect()
}

/// `(no, title, page)` rows of the DAFTAR ISI on page `at` (1-based).
pub fn daftar_isi(pdf: &[u8], at: usize) -> Vec<(usize, String, usize)> {
    pdf_text(pdf, Some(at))
        .lines()
        .filter_map(|l| {
            let t: Vec<&str> = l.split_whitespace().collect();
            let no = t.first()?.strip_suffix('.')?.parse().ok()?;
            let page = t.last()?.parse().ok()?;
            let title: Vec<&str> = t[1..t.len() - 1]
                .iter()
                .copied()
                .take_while(|w| *w != ".")
                .collect();
            Some((no, title.join(" "), page))
        })
        .collect()
}

/// Builds a content folder, panicking with the diagnostics on failure.
pub fn build(dir: &Path) -> bukusop::build::Output {
    match bukusop::build::build(dir) {
        Ok(out) => out,
        Err(d) => panic!("{} failed:\n{d}", dir.display()),
    }
}

/// Asserts that each SOP's row of DAFTAR NOMOR (on page `at`) points at
/// the page that carries its number and whose footer is that page number;
/// returns the rows.
pub fn assert_daftar_nomor_pages(
    pdf: &[u8],
    at: usize,
    front: usize,
    sops: usize,
) -> Vec<(usize, String, usize)> {
    let rows = daftar_nomor(pdf, at);
    assert_eq!(rows.len(), sops, "{sops} rows: {rows:?}");
    for (i, (no, nomor, page)) in rows.iter().enumerate() {
        assert_eq!(*no, i + 1);
        let here = pdf_text(pdf, Some(front + page));
        assert!(
            here.contains(nomor.as_str()),
            "page {page} carries {nomor}:\n{here}"
        );
        assert!(
            squash(&here).ends_with(&page.to_string()),
            "page {page} is numbered {page}"
        );
    }
    assert_eq!(rows[0].2, 1, "numbering starts at 1 on the first SOP page");
    rows
}

/// Every page's size in whole millimetres, `(width, height)`.
pub fn page_sizes_mm(pdf: &[u8]) -> Vec<(i64, i64)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|id| {
            let mb = doc
                .get_dictionary(*id)
                .unwrap()
                .get(b"MediaBox")
                .unwrap()
                .as_array()
                .unwrap()
                .clone();
            let n = |o: &lopdf::Object| {
                o.as_float()
                    .map(f64::from)
                    .or_else(|_| o.as_i64().map(|x| x as f64))
                    .unwrap()
            };
            // points → mm
            (
                (n(&mb[2]) * 25.4 / 72.0).round() as i64,
                (n(&mb[3]) * 25.4 / 72.0).round() as i64,
            )
        })
        .collect()
}
