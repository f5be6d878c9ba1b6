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

/// The text of one page (1-based) or of all pages (`None`), read with
/// lopdf: each text run placed where it is printed, runs on one baseline
/// joined left to right into a line, lines from the top of the page down
/// (the shape of `pdftotext -layout`, close enough to find rows of a table).
pub fn pdf_text(pdf: &[u8], page: Option<usize>) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("PDF opens with lopdf");
    let pages = doc.get_pages();
    let wanted: Vec<_> = match page {
        Some(p) => vec![pages[&(p as u32)]],
        None => pages.values().copied().collect(),
    };
    let mut out = String::new();
    for id in wanted {
        let (own, inherited) = doc.get_page_resources(id).expect("page resources");
        let resources = own.or_else(|| {
            let id = *inherited.first()?;
            doc.get_dictionary(id).ok()
        });
        let mut runs = Vec::new();
        let content = doc.get_page_content(id);
        collect_runs(&doc, &content, resources, IDENTITY, &mut runs);
        out.push_str(&lines(runs));
        out.push('\u{c}');
    }
    out
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` applied first, then `b` (PDF's row-vector convention).
fn mul(a: Matrix, b: Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// A piece of text where it starts on the page, and its font size.
struct Run {
    x: f32,
    y: f32,
    size: f32,
    text: String,
}

/// The text runs of one content stream, following form XObjects.
fn collect_runs(
    doc: &lopdf::Document,
    content: &[u8],
    resources: Option<&lopdf::Dictionary>,
    base: Matrix,
    runs: &mut Vec<Run>,
) {
    use lopdf::Object;
    let num = |o: &Object| o.as_float().unwrap_or(0.0);
    let matrix = |ops: &[Object]| -> Matrix { std::array::from_fn(|i| num(&ops[i])) };
    let resource = |kind: &[u8], name: &[u8]| {
        resources
            .and_then(|r| r.get_deref(kind, doc).ok())
            .and_then(|d| d.as_dict().ok())
            .and_then(|d| d.get_deref(name, doc).ok())
    };
    let ops = lopdf::content::Content::decode(content).expect("content stream parses");
    let mut ctm = base;
    let mut stack = Vec::new();
    let (mut tm, mut line) = (IDENTITY, IDENTITY);
    let mut font: Option<(lopdf::Encoding, f32)> = None;
    for op in &ops.operations {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(base),
            "cm" => ctm = mul(matrix(o), ctm),
            "BT" => (tm, line) = (IDENTITY, IDENTITY),
            "Tm" => (tm, line) = (matrix(o), matrix(o)),
            "Td" | "TD" => {
                line = mul([1.0, 0.0, 0.0, 1.0, num(&o[0]), num(&o[1])], line);
                tm = line;
            }
            "Tf" => {
                let dict = o[0]
                    .as_name()
                    .ok()
                    .and_then(|n| resource(b"Font", n))
                    .and_then(|f| f.as_dict().ok());
                font = dict.map(|d| (d.get_font_encoding(doc).expect("font encoding"), num(&o[1])));
            }
            "Tj" | "TJ" | "'" | "\"" => {
                let Some((encoding, size)) = &font else {
                    continue;
                };
                let mut text = String::new();
                let mut add = |s: &Object| {
                    if let Ok(bytes) = s.as_str() {
                        text.push_str(
                            &lopdf::Document::decode_text(encoding, bytes).unwrap_or_default(),
                        );
                    }
                };
                match o.last() {
                    Some(Object::Array(parts)) => parts.iter().for_each(&mut add),
                    Some(s) => add(s),
                    None => {}
                }
                let at = mul(tm, ctm);
                let scale = (at[2] * at[2] + at[3] * at[3]).sqrt();
                runs.push(Run {
                    x: at[4],
                    y: at[5],
                    size: size * scale,
                    text,
                });
            }
            "Do" => {
                let form = o[0]
                    .as_name()
                    .ok()
                    .and_then(|n| resource(b"XObject", n))
                    .and_then(|x| x.as_stream().ok())
                    .filter(|s| {
                        s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form")
                    });
                if let Some(form) = form {
                    let inner = form.dict.get(b"Matrix").and_then(Object::as_array).ok();
                    let m = inner.map_or(IDENTITY, |a| matrix(a));
                    let res = form
                        .dict
                        .get_deref(b"Resources", doc)
                        .and_then(Object::as_dict)
                        .ok();
                    let data = form
                        .decompressed_content()
                        .unwrap_or_else(|_| form.content.clone());
                    collect_runs(doc, &data, res.or(resources), mul(m, ctm), runs);
                }
            }
            _ => {}
        }
    }
}

/// Runs on one baseline (within half a font size) make one line, left to
/// right, separated by a space; lines from the top of the page down.
fn lines(mut runs: Vec<Run>) -> String {
    runs.retain(|r| !r.text.trim().is_empty());
    runs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut rows: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        match rows.last_mut() {
            Some(row) if (row[0].y - r.y).abs() < 0.5 * row[0].size.min(r.size) => row.push(r),
            _ => rows.push(vec![r]),
        }
    }
    let mut out = String::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let texts: Vec<&str> = row.iter().map(|r| r.text.as_str()).collect();
        out.push_str(&texts.join(" "));
        out.push('\n');
    }
    out
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
