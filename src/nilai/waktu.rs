//! The Waktu column: how long a step takes, as courts write it
//! ("30 Menit", "1 Hari Kerja", "1-2 Jam"), or a word that says it varies
//! ("Relatif").

/// A unit of time as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Satuan {
    Detik,
    Menit,
    Jam,
    Hari,
    Minggu,
    Bulan,
}

/// A duration read from the Waktu column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lama {
    pub dari: f64,
    /// The upper end of a range such as `1-2 Hari`.
    pub sampai: f64,
    pub satuan: Satuan,
    /// `Hari Kerja`, `Jam Kerja`: counted in working time.
    pub kerja: bool,
}

/// Words that stand for a duration that varies; such a Waktu is fine.
const TIDAK_TETAP: [&str; 8] = [
    "relatif",
    "situasional",
    "disesuaikan",
    "tentatif",
    "sesuai",
    "tergantung",
    "menyesuaikan",
    "kondisional",
];

const SATUAN: [(&str, Satuan); 11] = [
    ("detik", Satuan::Detik),
    ("dtk", Satuan::Detik),
    ("menit", Satuan::Menit),
    ("mnt", Satuan::Menit),
    ("jam", Satuan::Jam),
    ("hari", Satuan::Hari),
    ("hr", Satuan::Hari),
    ("minggu", Satuan::Minggu),
    ("pekan", Satuan::Minggu),
    ("bulan", Satuan::Bulan),
    ("bln", Satuan::Bulan),
];

/// What a Waktu says.
#[derive(Debug, Clone, PartialEq)]
pub enum Waktu {
    Kosong,
    TidakTetap,
    Lama(Lama),
    /// A range whose ends have units of their own: `1 Jam - 3 Hari`.
    Rentang(Lama, Lama),
    /// Neither; with the unit it may have meant.
    TakTerbaca(Option<&'static str>),
}

pub fn baca(s: &str) -> Waktu {
    let t = s.trim().to_lowercase();
    // "1 jam - 3 hari": each end with its own unit.
    if let Some((a, b)) = t.split_once(" - ").or_else(|| t.split_once('–'))
        && let (Waktu::Lama(a), Waktu::Lama(b)) = (baca(a), baca(b))
    {
        return Waktu::Rentang(a, b);
    }
    if t.is_empty() || t == "-" {
        return Waktu::Kosong;
    }
    if TIDAK_TETAP.iter().any(|w| t.starts_with(w)) {
        return Waktu::TidakTetap;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let (number, rest) = match words.as_slice() {
        [n, rest @ ..] => (*n, rest),
        [] => return Waktu::Kosong,
    };
    // "1-2 hari", "1 - 2 hari", "1 s.d. 2 hari"
    let (range, rest) = match rest {
        ["-" | "–" | "s.d." | "s/d" | "sampai", m, tail @ ..] => (format!("{number}-{m}"), tail),
        _ => (number.to_string(), rest),
    };
    let mut ends = range.splitn(2, ['-', '–']);
    // Plain decimals only (no `1e300`, `inf`), and no step takes more
    // than 10,000 of a unit: totals stay exact and within range.
    let num = |x: Option<&str>| {
        x.filter(|v| {
            v.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        })
        .and_then(|v| v.replace(',', ".").parse::<f64>().ok())
        .filter(|v| (0.0..=10_000.0).contains(v))
    };
    let Some(dari) = num(ends.next()) else {
        return Waktu::TakTerbaca(None);
    };
    let sampai = match ends.next() {
        Some(v) => match num(Some(v)) {
            Some(v) => v,
            None => return Waktu::TakTerbaca(None),
        },
        None => dari,
    };
    let unit = match rest {
        [u] => (*u, false),
        [u, "kerja"] => (*u, true),
        _ => return Waktu::TakTerbaca(rest.first().and_then(|u| mirip(u))),
    };
    // "Mnt.", "Hr." are abbreviations, not mistakes.
    let word = unit.0.trim_end_matches('.');
    match SATUAN.iter().find(|(w, _)| *w == word) {
        Some((_, satuan)) if dari >= 0.0 && sampai >= dari => Waktu::Lama(Lama {
            dari,
            sampai,
            satuan: *satuan,
            kerja: unit.1,
        }),
        Some(_) => Waktu::TakTerbaca(None),
        None => Waktu::TakTerbaca(mirip(word)),
    }
}

/// The "Waktu yang diperlukan" line: the sum of a table's Waktu column in
/// minutes and in working days, hours and minutes, e.g. `585 menit / 1 hari
/// 2 jam 15 menit`. A week counts 5 working days and a month 4 weeks. Waktu
/// that varies ("Relatif") or cannot be read is left out, and the line says
/// so; `None` when no step has a duration.
pub fn jumlah<'a>(waktu: impl IntoIterator<Item = &'a str>, jam_sehari: f64) -> Option<String> {
    let hari = jam_sehari * 60.0;
    let (mut dari, mut sampai, mut dihitung, mut lewat) = (0.0, 0.0, 0, 0);
    let menit = |l: &Lama| match l.satuan {
        Satuan::Detik => 1.0 / 60.0,
        Satuan::Menit => 1.0,
        Satuan::Jam => 60.0,
        Satuan::Hari => hari,
        Satuan::Minggu => 5.0 * hari,
        Satuan::Bulan => 20.0 * hari,
    };
    for w in waktu {
        match baca(w) {
            Waktu::Lama(l) => {
                dari += l.dari * menit(&l);
                sampai += l.sampai * menit(&l);
                dihitung += 1;
            }
            Waktu::Rentang(a, b) => {
                dari += a.dari * menit(&a);
                sampai += b.sampai * menit(&b);
                dihitung += 1;
            }
            Waktu::Kosong => {}
            Waktu::TidakTetap | Waktu::TakTerbaca(_) => lewat += 1,
        }
    }
    if dihitung == 0 {
        return None;
    }
    let (dari, sampai) = (dari.round() as u64, sampai.round() as u64);
    let hari = hari.round().max(1.0) as u64;
    let mut out = if dari == sampai && dari < 60 {
        format!("{dari} menit")
    } else if dari == sampai {
        format!("{} menit / {}", ribuan(dari), hari_jam_menit(dari, hari))
    } else {
        format!(
            "{}–{} menit / {} – {}",
            ribuan(dari),
            ribuan(sampai),
            hari_jam_menit(dari, hari),
            hari_jam_menit(sampai, hari)
        )
    };
    if lewat > 0 {
        out.push_str(&format!(
            " (tanpa {lewat} langkah yang waktunya tidak tetap)"
        ));
    }
    Some(out)
}

/// A whole number with Indonesian thousands separators: `1.500`.
pub fn ribuan(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Minutes as working days, hours and minutes, leaving out zero parts.
fn hari_jam_menit(menit: u64, hari: u64) -> String {
    let (d, rest) = (menit / hari, menit % hari);
    let (h, m) = (rest / 60, rest % 60);
    let parts: Vec<String> = [(d, "hari"), (h, "jam"), (m, "menit")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, u)| format!("{} {u}", ribuan(*n)))
        .collect();
    if parts.is_empty() {
        "0 menit".into()
    } else {
        parts.join(" ")
    }
}

/// The unit a misspelt word probably meant.
fn mirip(word: &str) -> Option<&'static str> {
    let names = ["Detik", "Menit", "Jam", "Hari", "Minggu", "Bulan"];
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let refs: Vec<&str> = lower.iter().map(String::as_str).collect();
    let found = crate::diag::saran::closest(word, &refs)?;
    names.iter().copied().find(|n| n.to_lowercase() == found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_seeds_write() {
        for s in [
            "30 Menit",
            "1 hari kerja",
            "3 Hari Kerja",
            "2 Jam",
            "1,5 jam",
            "1-2 Hari",
            "1 - 2 Minggu",
        ] {
            assert!(matches!(baca(s), Waktu::Lama(_)), "{s}");
        }
        let Waktu::Lama(l) = baca("1 - 3 Hari Kerja") else {
            panic!()
        };
        assert_eq!(
            (l.dari, l.sampai, l.satuan, l.kerja),
            (1.0, 3.0, Satuan::Hari, true)
        );
        for s in [
            "Relatif",
            "Situasional tergantung Jaringan",
            "Disesuaikan dengan waktu kegiatan",
            "",
            "-",
        ] {
            assert!(matches!(baca(s), Waktu::TidakTetap | Waktu::Kosong), "{s}");
        }
    }

    #[test]
    fn totals_count_a_working_day_as_set() {
        // FORMAT.md's example: 585 minutes with a 7.5-hour day.
        let w = ["2 Jam", "1 Hari Kerja", "15 Menit"];
        assert_eq!(
            jumlah(w, 7.5).as_deref(),
            Some("585 menit / 1 hari 2 jam 15 menit")
        );
        assert_eq!(
            jumlah(w, 8.0).as_deref(),
            Some("615 menit / 1 hari 2 jam 15 menit")
        );
        assert_eq!(
            jumlah(["1-2 Jam", "Relatif", "", "30 menit"], 7.5).as_deref(),
            Some(
                "90–150 menit / 1 jam 30 menit – 2 jam 30 menit (tanpa 1 langkah yang waktunya tidak tetap)"
            )
        );
        assert_eq!(jumlah(["Relatif", ""], 7.5), None);
        // PN Tais: "1 Jam - 3 Hari" is 60 to 3 × 450 minutes.
        assert_eq!(
            jumlah(["1 Jam - 3 Hari"], 7.5).as_deref(),
            Some("60–1.350 menit / 1 jam – 3 hari")
        );
        assert_eq!(
            jumlah(["20 menit", "30 Menit"], 7.5).as_deref(),
            Some("50 menit")
        );
        assert_eq!(
            jumlah(["1 minggu"], 7.5).as_deref(),
            Some("2.250 menit / 5 hari")
        );
    }

    #[test]
    fn misspelt_units_get_a_suggestion() {
        assert!(matches!(baca("30 Mnt."), Waktu::Lama(_)));
        assert_eq!(baca("30 Mneit"), Waktu::TakTerbaca(Some("Menit")));
        assert_eq!(baca("30 Meint"), Waktu::TakTerbaca(Some("Menit")));
        assert_eq!(baca("sebentar"), Waktu::TakTerbaca(None));
        assert_eq!(baca("3-1 Hari"), Waktu::TakTerbaca(None));
        for huge in ["1e300 Menit", "1e-300 Menit", "inf Jam", "10001 Hari"] {
            assert_eq!(baca(huge), Waktu::TakTerbaca(None), "{huge}");
        }
    }
}
