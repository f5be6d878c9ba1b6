//! User text never becomes Typst code: hostile strings print literally,
//! and so does the text inside the one markup content may use, `_miring_`
//! (italics).

use crate::common::*;

const HOSTILE: &[&str] = &[
    "#sys.inputs",
    "$x^2$",
    "*tebal*",
    "<b>label</b>",
    "@ref",
    "[x]",
    r"\ garis\miring",
    r#""kutip""#,
    r#"#read("/etc/passwd")"#,
    "`kode`",
    "// bukan komentar",
    "= bukan judul",
    "#let x = 1",
    "1. bukan daftar",
    "{{ templat }}",
    "{% raw %}",
    "a ~ b",
];

fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[test]
fn hostile_text_prints_literally() {
    let dir = copy_content(&root().join("content"));
    let sop_dir = dir.path().join("sop");
    std::fs::remove_dir_all(&sop_dir).unwrap();
    std::fs::create_dir(&sop_dir).unwrap();
    let mut y = format!("judul: {}\nrevisi: 0\n", single_quoted(&HOSTILE.join(" ")));
    y.push_str(&format!(
        "dasar_hukum:\n{}",
        HOSTILE
            .iter()
            .map(|h| format!("  - {}\n", single_quoted(h)))
            .collect::<String>()
    ));
    y.push_str(&format!("peringatan: {}\n", single_quoted(HOSTILE[9])));
    y.push_str(&format!(
        "pelaksana:\n  - {}\n  - Kedua\n",
        single_quoted(HOSTILE[0])
    ));
    y.push_str("langkah:\n");
    for (i, h) in HOSTILE.iter().enumerate() {
        let who = if i % 2 == 0 {
            single_quoted(HOSTILE[0])
        } else {
            "Kedua".into()
        };
        y.push_str(&format!(
            "  - kegiatan: {q}\n    pelaksana: {who}\n    kelengkapan: {q}\n    waktu: {q}\n    output: {q}\n    ket: {q}\n",
            q = single_quoted(h)
        ));
    }
    std::fs::write(sop_dir.join("01-hostile.yaml"), y).unwrap();

    let out = bukusop::build::build(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let text = squash(&pdf_text(&out.pdf, None));
    for h in HOSTILE {
        let n = text.matches(&squash(h)).count();
        // In the dasar hukum list and the wide cells of its row; the narrow
        // Waktu and Ket. cells may wrap it across extracted lines.
        assert!(n >= 4, "{h:?} printed {n} times");
    }
    // The title went into the bookmark as text too.
    assert!(text.contains(&squash(&HOSTILE.join(" "))));
}

/// The fonts a PDF uses, by name (their `BaseFont`s, one per line).
fn fonts(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has_type(b"Font"))
        .filter_map(|d| d.get(b"BaseFont").and_then(lopdf::Object::as_name).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    names.sort();
    names.dedup();
    names.join("\n")
}

/// The base folder with one SOP whose step says `kegiatan`, and no front
/// matter (whose cover prints italics of its own).
fn one_step(kegiatan: &str) -> Vec<u8> {
    let dir = copy_content(&root().join("tests/rusak/dasar"));
    replace_in(
        &dir.path().join("buku.yaml"),
        "nomor:",
        "bagian: []\nnomor:",
    );
    let sop = dir.path().join("sop/01-contoh.yaml");
    replace_in(
        &sop,
        "{kegiatan: Menerima berkas,",
        &format!("{{kegiatan: {},", single_quoted(kegiatan)),
    );
    bukusop::build::build(dir.path())
        .unwrap_or_else(|d| panic!("{d}"))
        .pdf
}

#[test]
fn underscores_print_italics_and_the_text_inside_literally() {
    let plain = one_step("Rapat video conference");
    assert!(!fonts(&plain).contains("Italic"), "{}", fonts(&plain));

    let marked = [
        "_video conference_",
        "_#sys.inputs_",
        r#"_#read("/etc/passwd")_"#,
        "_$x^2$ [x] *t*_",
        "_`kode`_",
        "_{{ templat }}_",
    ];
    let pdf = one_step(&format!("Rapat {} pn_bengkalis", marked.join(" ")));
    assert!(
        fonts(&pdf).contains("LiberationSans-Italic"),
        "{}",
        fonts(&pdf)
    );
    let text = squash(&pdf_text(&pdf, None));
    for m in marked {
        let inner = squash(&m[1..m.len() - 1]);
        assert!(text.contains(&inner), "{inner:?} not printed in {text}");
    }
    // The underscores themselves are gone, except inside a word.
    assert!(text.contains("pn_bengkalis"));
    assert_eq!(text.matches('_').count(), 1, "{text}");
}
