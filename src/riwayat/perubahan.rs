//! What changed between two fingerprints of one SOP, in plain Indonesian.

use crate::content::riwayat::Sidik;

/// What changed between two fingerprints of one SOP, in plain Indonesian.
pub fn perubahan(lama: &Sidik, baru: &Sidik) -> Vec<String> {
    let mut out = Vec::new();
    let (a, b) = (&lama.langkah, &baru.langkah);
    // Longest common subsequence of the step fingerprints.
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut diubah, mut ditambah, mut dihapus) = (Vec::new(), Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    let (mut gone, mut came): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut flush = |gone: &mut Vec<usize>, came: &mut Vec<usize>| {
        // Steps that left and came at the same place were reworded.
        let paired = gone.len().min(came.len());
        diubah.extend(came.drain(..paired).map(|j| j + 1));
        gone.drain(..paired);
        ditambah.extend(came.drain(..).map(|j| j + 1));
        dihapus.extend(gone.drain(..).map(|i| i + 1));
    };
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            flush(&mut gone, &mut came);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            came.push(j);
            j += 1;
        } else {
            gone.push(i);
            i += 1;
        }
    }
    flush(&mut gone, &mut came);
    if !diubah.is_empty() {
        out.push(format!("langkah {} diubah", daftar(&diubah)));
    }
    if !ditambah.is_empty() {
        out.push(format!("langkah {} ditambah", daftar(&ditambah)));
    }
    if !dihapus.is_empty() {
        out.push(format!(
            "{} langkah dihapus (nomor lama {})",
            dihapus.len(),
            daftar(&dihapus)
        ));
    }
    // A field that appears or disappears (a new `keterangan`) changed too.
    let keys: std::collections::BTreeSet<&String> =
        baru.kolom.keys().chain(lama.kolom.keys()).collect();
    let fields: Vec<&str> = keys
        .into_iter()
        .filter(|k| lama.kolom.get(*k) != baru.kolom.get(*k))
        .map(|k| nama_kolom(k))
        .collect();
    if !fields.is_empty() {
        out.push(format!("{} diubah", fields.join(", ")));
    }
    out
}

fn nama_kolom(k: &str) -> &str {
    match k {
        "dasar_hukum" => "dasar hukum",
        other => other,
    }
}

/// `3`, `3, 5`, `3–5`.
fn daftar(n: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut k = 0;
    while k < n.len() {
        let start = n[k];
        let mut end = start;
        while k + 1 < n.len() && n[k + 1] == end + 1 {
            k += 1;
            end = n[k];
        }
        parts.push(if end > start {
            format!("{start}–{end}")
        } else {
            start.to_string()
        });
        k += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn s(semua: &str, steps: &[&str]) -> Sidik {
        Sidik {
            semua: semua.into(),
            kolom: BTreeMap::from([("judul".to_string(), "a".to_string())]),
            langkah: steps.iter().map(|x| x.to_string()).collect(),
        }
    }

    #[test]
    fn step_changes_are_named_in_plain_words() {
        let lama = s("1", &["a", "b", "c", "d"]);
        let mut baru = s("2", &["a", "B", "c", "d", "e", "f"]);
        baru.kolom.insert("dasar_hukum".into(), "x".into());
        assert_eq!(
            perubahan(&lama, &baru),
            vec![
                "langkah 2 diubah",
                "langkah 5–6 ditambah",
                "dasar hukum diubah"
            ]
        );
        let baru = s("3", &["a", "d"]);
        assert_eq!(
            perubahan(&lama, &baru),
            vec!["2 langkah dihapus (nomor lama 2–3)"]
        );
    }
}
