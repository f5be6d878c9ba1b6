//! User text never becomes Typst code: hostile strings print literally.

use crate::common::*;

const HOSTILE: &[&str] = &[
    "#sys.inputs",
    "$x^2$",
    "*tebal*",
    "_miring_",
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
